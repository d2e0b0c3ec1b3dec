"""Setting up a new office on an empty database: its organisations, agreement period, samverkansområden,
first administrator and (if chosen) the standard event types, in one transaction.

Field errors come back as one ValidationError whose keys say where the field lies, so that the
command line and the first-start window can point at it: "kommun", "organisations" and
"organisations.N.name|short_name|kind", "period.name|starts_on|ends_on|signed_on|signed_by",
"areas" and "areas.N.name|description", "admin.username|display_name|organisation|password".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app import seed
from app.db.engine import Database
from app.db.migrate import hold_migration_lock
from app.db.models import Category, User
from app.domain.vocabulary import OrganisationKind, Role
from app.errors import TrygghetError, ValidationError
from app.i18n import _
from app.services import reference, users
from app.services.context import SYSTEM, Actor, bind_actor
from app.services.reference import AgreementPeriodRow, AreaRow, OrganisationRow
from app.services.users import UserRow
from app.services.validation import Checker

KOMMUN_MAX = 80


class OfficeExistsError(TrygghetError):
    """The database already has users: its office is set up, and set-up would mix two offices."""


@dataclass
class OrganisationEntry:
    name: str
    short_name: str
    kind: OrganisationKind | str = OrganisationKind.OTHER


@dataclass
class AreaEntry:
    name: str
    description: str = ""


@dataclass
class OfficeSetup:
    """What a new office says about itself. `admin_organisation` is the short name (or name) of one
    of `organisations`."""

    kommun: str
    organisations: list[OrganisationEntry]
    period_name: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    areas: list[AreaEntry]
    admin_username: str
    admin_display_name: str
    admin_organisation: str
    admin_password: str
    signed_on: dt.date | None = None
    signed_by: str = ""
    standard_categories: bool = True


@dataclass(frozen=True)
class OfficeSetupResult:
    organisations: list[OrganisationRow]
    period: AgreementPeriodRow
    areas: list[AreaRow]
    categories: int  # standard event types created
    admin: UserRow
    linked_categories: int = 0  # of those, how many count to one of the areas


# --- what is offered -------------------------------------------------------------------------------


def kommun_name(kommun: str) -> str:
    """'Sigtuna' -> 'Sigtuna kommun'; a name that already says kommun stays as it is."""
    kommun = " ".join((kommun or "").split())
    return kommun if not kommun or kommun.lower().endswith("kommun") else f"{kommun} kommun"


def default_organisations(kommun: str) -> list[OrganisationEntry]:
    """The three partners every office has; the office renames them or adds its companies."""
    return [
        OrganisationEntry(kommun_name(kommun), "Kommunen", OrganisationKind.MUNICIPALITY),
        OrganisationEntry("Polisen", "Polisen", OrganisationKind.POLICE),
        OrganisationEntry("Räddningstjänsten", "Räddningstjänsten", OrganisationKind.RESCUE_SERVICE),
    ]


def standard_areas() -> list[AreaEntry]:
    """The four samverkansområden of the source agreement, offered as a start."""
    return [AreaEntry(name, description) for name, description in seed.AREAS]


def default_period(today: dt.date | None = None) -> tuple[str, dt.date, dt.date]:
    """An agreement of four calendar years from this one: its name, first and last day."""
    year = (today or dt.date.today()).year
    return (
        _("Collaboration agreement {first}–{last}", first=year, last=year + 3),
        dt.date(year, 1, 1),
        dt.date(year + 3, 12, 31),
    )


# --- setting up ------------------------------------------------------------------------------------


def needs_setup(session: Session) -> bool:
    """Whether the database is empty of users, so that nobody could sign in to it yet."""
    return not session.scalar(sa.select(sa.func.count()).select_from(User))


def database_needs_setup(db: Database) -> bool:
    """`needs_setup` for a desk that has not signed in: whether to show the first-start window."""
    with db.session() as session:
        return needs_setup(session)


def set_up(db: Database, data: OfficeSetup) -> OfficeSetupResult:
    """`set_up_office` in a unit of work of its own, acting as the system (nobody is signed in yet)."""
    with db.session() as session:
        hold_migration_lock(session)  # two desks setting up at once: the second finds users and stops
        bind_actor(session, SYSTEM)
        return set_up_office(session, data)


def set_up_office(session: Session, data: OfficeSetup) -> OfficeSetupResult:
    """Create the office described by `data`; every problem is reported at once, and nothing is left
    behind when there is one. Refused (OfficeExistsError) when the database already has users."""
    if not needs_setup(session):
        raise OfficeExistsError(
            _(
                "This database already has users, so its office is set up; "
                "change it under Arkiv → Administration or with the command line."
            )
        )
    actor = SYSTEM
    errors = _precheck(data)
    with session.begin_nested() as everything:
        created = _Creation(session, actor, errors)
        orgs = [
            created.one(
                f"organisations.{i}.",
                lambda org=org: reference.create_organisation(
                    session, actor, reference.OrganisationInput(org.name, org.short_name, kind=org.kind)
                ),
            )
            for i, org in enumerate(data.organisations)
        ]
        period = created.one(
            "period.",
            lambda: reference.create_agreement_period(
                session,
                actor,
                reference.AgreementPeriodInput(
                    name=data.period_name,
                    starts_on=data.starts_on,
                    ends_on=data.ends_on,
                    signed_on=data.signed_on,
                    signed_by=data.signed_by,
                    description=_("The collaboration agreement of {kommun}.", kommun=kommun_name(data.kommun)),
                ),
            ),
        )
        areas = [
            created.one(
                f"areas.{i}.",
                lambda order=i, area=area: reference.create_area(
                    session,
                    actor,
                    reference.AreaInput(
                        area.name, area.description, sort_order=order + 1, agreement_period_id=_id(period)
                    ),
                ),
                # Without a period there is nothing to check the area against but itself.
                ignore={"agreement_period_id"} if period is None else set(),
            )
            for i, area in enumerate(data.areas)
        ]
        admin_org = _chosen_organisation(data)
        admin = created.one(
            "admin.",
            lambda: users.create_user(
                session,
                actor,
                data.admin_username,
                data.admin_display_name,
                data.admin_organisation,
                Role.ADMIN,
                data.admin_password,
            ),
            # The organisation named is wrong in itself (precheck) or could not be created (its row says why).
            ignore={"organisation"} if admin_org is None or orgs[admin_org] is None else set(),
        )
        categories = linked = 0
        if not errors and period is not None and data.standard_categories:
            categories, linked = _standard_categories(session, actor, period, [a for a in areas if a is not None])
        if errors:
            everything.rollback()
            raise ValidationError(errors)
    assert period is not None and admin is not None  # no errors: everything was created
    return OfficeSetupResult(
        organisations=[o for o in orgs if o is not None],
        period=period,
        areas=[a for a in areas if a is not None],
        categories=categories,
        admin=admin,
        linked_categories=linked,
    )


def _id(row: AgreementPeriodRow | None) -> int | None:
    return row.id if row is not None else None


class _Creation:
    """Runs each service call in a savepoint of its own, so that one wrong row does not hide the
    problems of the next; their field errors are collected under the row's prefix."""

    def __init__(self, session: Session, actor: Actor, errors: dict[str, str]):
        self.session, self.actor, self.errors = session, actor, errors

    def one(self, prefix: str, create: Callable, ignore: set[str] | frozenset[str] = frozenset()):
        try:
            with self.session.begin_nested():
                return create()
        except ValidationError as exc:
            for name, message in exc.errors.items():
                if name not in ignore:
                    self.errors.setdefault(prefix + name, message)
            return None


def _chosen_organisation(data: OfficeSetup) -> int | None:
    """The index of the organisation the administrator belongs to, by short name or name."""
    wanted = (data.admin_organisation or "").strip().lower()
    for i, org in enumerate(data.organisations):
        if wanted and wanted in ((org.short_name or "").strip().lower(), (org.name or "").strip().lower()):
            return i
    return None


def _precheck(data: OfficeSetup) -> dict[str, str]:
    """What the services do not check themselves: the kommun, that there is something to create,
    the dates' range, and that the administrator belongs to one of the office's organisations."""
    check = Checker()
    check.text("kommun", data.kommun, required=True, max_length=KOMMUN_MAX)
    if not data.organisations:
        check.fail("organisations", _("Name at least one organisation of the office."))
    if not data.areas:
        check.fail("areas", _("Name at least one samverkansområde of the agreement."))
    for name in ("starts_on", "ends_on", "signed_on"):
        check.date(f"period.{name}", getattr(data, name))
    if data.organisations and _chosen_organisation(data) is None:
        known = ", ".join(o.short_name.strip() for o in data.organisations if (o.short_name or "").strip())
        if (data.admin_organisation or "").strip():
            message = _(
                "Unknown organisation '{organisation}'; choose one of {known}.",
                organisation=data.admin_organisation.strip(),
                known=known,
            )
        else:
            message = _("Choose an organisation.")
        check.fail("admin.organisation", message)
    return check.errors


def _standard_categories(
    session: Session, actor: Actor, period: AgreementPeriodRow, areas: list[AreaRow]
) -> tuple[int, int]:
    """The seed's event types that are not there yet (by code), each counted to the area of the same
    name where the office kept that area. Returns how many were created and how many linked."""
    by_name = {a.name.casefold(): a.id for a in areas}
    ids = {c.code: c.id for c in session.scalars(sa.select(Category))}
    created = linked = 0
    for code, name, area_name, parent_code in seed.CATEGORIES:
        if code in ids:
            continue
        area_id = by_name.get(area_name.casefold()) if area_name else None
        row = reference.create_category(
            session,
            actor,
            reference.CategoryInput(
                code=code,
                name=name,
                area_id=area_id,
                parent_id=ids.get(parent_code) if parent_code else None,
                period_id=period.id,
            ),
        )
        ids[code] = row.id
        created += 1
        linked += area_id is not None
    return created, linked
