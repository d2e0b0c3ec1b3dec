"""Reference data: samverkansområden, event categories, places, organisations and agreement periods."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased
from sqlalchemy.orm.attributes import flag_modified

from app.db import changes
from app.db.models import (
    Action,
    AgreementPeriod,
    Area,
    Category,
    CategoryArea,
    FollowUpMeeting,
    Indicator,
    Observation,
    Organisation,
    Place,
    User,
    action_areas,
    action_places,
    meeting_focus_places,
)
from app.domain import periods, permissions
from app.domain.vocabulary import ActionStatus, OrganisationKind, PlaceType
from app.errors import InUseError, ValidationError
from app.i18n import N_, _
from app.services.common import (
    TEXT_MAX,
    coerce_enum,
    flush_or_conflict,
    flush_unique,
    get_current,
    get_or_raise,
    name_holder,
    parse_number,
)
from app.services.context import Actor, actor_of
from app.services.filters import visible_to
from app.services.validation import Checker

M = TypeVar("M")
R = TypeVar("R")

CODE_PATTERN = re.compile(r"[\w-]+")
LATITUDE_RANGE = (55.0, 70.0)  # Sweden, with margin
LONGITUDE_RANGE = (10.0, 25.0)


def _count(session: Session, table, condition) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(table).where(condition)) or 0


@dataclass(frozen=True)
class _Kind(Generic[M, R]):
    """One kind of reference row: how it is checked and saved, shown, and what refers to it.

    Creating, updating and deleting are then the same for every kind (`_create`, `_update`,
    `_delete_unused`); each kind keeps its own checks (in `save`) and its own messages.
    """

    model: type[M]
    save: Callable[[Session, M, Any], None]  # checks the input (ValidationError) and writes it to the row
    shown: Callable[[Session, Actor, M], R]  # the row as the service returns it
    unique_field: str  # the field a unique constraint broken by a concurrent save is reported on
    taken: str  # N_(): the message for that field
    may_write: Callable[[Actor], None] = permissions.require_admin  # who creates and updates
    uses: Callable[[Session, int], dict[str, int]] | None = None  # what still refers to a row, counted
    in_use: str = ""  # N_(): why a row in use is not deleted, with a {name} for each of `uses`


def _create(kind: _Kind[M, R], session: Session, actor: Actor, data: Any) -> R:
    kind.may_write(actor)
    row = kind.model()
    kind.save(session, row, data)
    session.add(row)
    flush_unique(session, kind.unique_field, _(kind.taken))
    return kind.shown(session, actor, row)


def _update(
    kind: _Kind[M, R], session: Session, actor: Actor, row_id: int, data: Any, expected_version: int | None
) -> R:
    kind.may_write(actor)
    row = get_current(session, kind.model, row_id, expected_version)
    kind.save(session, row, data)
    flush_or_conflict(session, row)
    return kind.shown(session, actor, row)


def _delete_unused(kind: _Kind, session: Session, actor: Actor, row_id: int, expected_version: int | None) -> None:
    """Admins delete rows nothing refers to; a row in use keeps the history and is deactivated instead."""
    permissions.require_admin(actor)
    row = get_current(session, kind.model, row_id, expected_version)
    uses = kind.uses(session, row_id) if kind.uses else {}
    if any(uses.values()):
        raise InUseError(_(kind.in_use, **uses), table=kind.model.__tablename__, row_id=row_id, uses=uses)
    session.delete(row)
    flush_or_conflict(session, row)


# --- agreement periods -----------------------------------------------------------------------------


@dataclass
class AgreementPeriodInput:
    name: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    signed_on: dt.date | None = None
    description: str = ""
    signed_by: str = ""


@dataclass(frozen=True)
class AgreementPeriodRow:
    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    signed_on: dt.date | None
    description: str
    version: int
    signed_by: str = ""

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


def _period_row(p: AgreementPeriod) -> AgreementPeriodRow:
    return AgreementPeriodRow(p.id, p.name, p.starts_on, p.ends_on, p.signed_on, p.description, p.version, p.signed_by)


def list_agreement_periods(session: Session, actor: Actor) -> list[AgreementPeriodRow]:
    """Newest period first."""
    stmt = sa.select(AgreementPeriod).order_by(AgreementPeriod.starts_on.desc(), AgreementPeriod.id.desc())
    return [_period_row(p) for p in session.scalars(stmt)]


def get_agreement_period(session: Session, actor: Actor, period_id: int) -> AgreementPeriodRow:
    return _period_row(get_or_raise(session, AgreementPeriod, period_id))


def period_in_force(session: Session, actor: Actor, day: dt.date | None = None) -> AgreementPeriodRow | None:
    """The agreement period in force on `day` (today if not given).

    Between or outside periods, the nearest one that has begun by then (the last agreement stays in
    force until the next is signed), else the first one; None only when there is no period at all.
    """
    return periods.in_force(list_agreement_periods(session, actor), day or dt.date.today())


def _save_period(session: Session, row: AgreementPeriod, data: AgreementPeriodInput) -> None:
    check = Checker()
    name = check.name("name", data.name, required=True, max_length=120)
    if name and (holder := name_holder(session, AgreementPeriod.name, name, exclude_id=row.id)):
        check.fail("name", _("The agreement period “{name}” already has this name.", name=holder))
    if data.starts_on is None:
        check.fail("starts_on", _("Enter a date."))
    if data.ends_on is None:
        check.fail("ends_on", _("Enter a date."))
    check.date_order("ends_on", data.starts_on, data.ends_on)
    check.text("signed_by", data.signed_by, max_length=200)
    description = check.free_text("description", data.description, max_length=TEXT_MAX)
    if data.starts_on and data.ends_on and "ends_on" not in check.errors:
        # One agreement at a time: the areas in force on a day must be one period's.
        overlap = session.scalars(
            sa.select(AgreementPeriod)
            .where(AgreementPeriod.starts_on <= data.ends_on, AgreementPeriod.ends_on >= data.starts_on)
            .where(AgreementPeriod.id != row.id if row.id is not None else sa.true())
            .order_by(AgreementPeriod.starts_on)
        ).first()
        if overlap is not None:
            check.fail(
                "starts_on",
                _(
                    "The period overlaps “{name}” ({start} – {end}); agreement periods may not overlap.",
                    name=overlap.name,
                    start=overlap.starts_on.isoformat(),
                    end=overlap.ends_on.isoformat(),
                ),
            )
    check.raise_if_any()
    assert data.starts_on is not None and data.ends_on is not None  # checked: raise_if_any raised otherwise
    row.name, row.starts_on, row.ends_on = name, data.starts_on, data.ends_on
    row.signed_on, row.description = data.signed_on, description
    row.signed_by = (data.signed_by or "").strip()


def _period_uses(session: Session, period_id: int) -> dict[str, int]:
    areas = sa.select(Area.id).where(Area.agreement_period_id == period_id)
    return {
        "areas": _count(session, Area, Area.agreement_period_id == period_id),
        "actions": _count(session, action_areas, action_areas.c.area_id.in_(areas)),
        "indicators": _count(session, Indicator, Indicator.area_id.in_(areas)),
    }


_PERIODS = _Kind(
    AgreementPeriod,
    save=_save_period,
    shown=lambda session, actor, row: _period_row(row),
    unique_field="name",
    taken=N_("Another agreement period already has this name."),
    uses=_period_uses,
    in_use=N_(
        "The agreement period has {areas} areas, used by {actions} actions and {indicators} indicators, "
        "so it cannot be deleted."
    ),
)


def create_agreement_period(
    session: Session, actor: Actor, data: AgreementPeriodInput, *, copy_areas_from: int | None = None
) -> AgreementPeriodRow:
    """A new agreement period; with `copy_areas_from`, it starts with that period's areas (names,
    descriptions, order) and their event types, to be changed from there.

    The work goes on across the agreements: the actions still planned or ongoing count to the new
    areas as well (they keep their old ones, so the earlier period's figures stay as they were), and
    the indicators followed up move to the new area of the same area."""
    if copy_areas_from is not None:
        get_or_raise(session, AgreementPeriod, copy_areas_from)
    created = _create(_PERIODS, session, actor, data)
    if copy_areas_from is not None:
        new_ids: dict[int, int] = {}
        new_areas: dict[int, Area] = {}
        for old in session.scalars(sa.select(Area).where(Area.agreement_period_id == copy_areas_from)):
            area = Area(
                name=old.name,
                description=old.description,
                sort_order=old.sort_order,
                active=old.active,
                agreement_period_id=created.id,
            )
            session.add(area)
            session.flush()
            new_ids[old.id] = area.id
            new_areas[old.id] = area
        links = session.scalars(sa.select(CategoryArea).where(CategoryArea.agreement_period_id == copy_areas_from))
        for link in list(links):
            session.add(
                CategoryArea(
                    agreement_period_id=created.id, category_id=link.category_id, area_id=new_ids[link.area_id]
                )
            )
        _carry_on(session, new_areas)
        session.flush()
    return created


def _carry_on(session: Session, new_areas: dict[int, Area]) -> None:
    """Open actions and followed-up indicators of the copied areas into the new period (through the
    ORM: versions move and the audit trail records it)."""
    if not new_areas:
        return
    open_actions = session.scalars(
        sa.select(Action).where(
            Action.status.in_((ActionStatus.PLANNED, ActionStatus.ONGOING)),
            Action.id.in_(sa.select(action_areas.c.action_id).where(action_areas.c.area_id.in_(new_areas))),
        )
    )
    for action in open_actions:
        action.areas = [*action.areas, *(new_areas[a.id] for a in list(action.areas) if a.id in new_areas)]
    indicators = session.scalars(
        sa.select(Indicator).where(Indicator.active.is_(True), Indicator.area_id.in_(new_areas))
    )
    for indicator in indicators:
        if indicator.area_id is not None:
            indicator.area_id = new_areas[indicator.area_id].id


def update_agreement_period(
    session: Session, actor: Actor, period_id: int, data: AgreementPeriodInput, expected_version: int | None
) -> AgreementPeriodRow:
    return _update(_PERIODS, session, actor, period_id, data, expected_version)


def delete_agreement_period(session: Session, actor: Actor, period_id: int, expected_version: int | None) -> None:
    """Admins delete a period whose areas nothing uses (a period entered by mistake); its areas and
    their event-type links go with it."""
    permissions.require_admin(actor)
    row = get_current(session, AgreementPeriod, period_id, expected_version)
    uses = _period_uses(session, period_id)
    if uses["actions"] or uses["indicators"]:
        raise InUseError(_(_PERIODS.in_use, **uses), table="agreement_period", row_id=period_id, uses=uses)
    session.execute(sa.delete(CategoryArea).where(CategoryArea.agreement_period_id == period_id))
    for area in session.scalars(sa.select(Area).where(Area.agreement_period_id == period_id)):
        session.delete(area)
    session.flush()
    session.delete(row)
    flush_or_conflict(session, row)


# --- samverkansområden -----------------------------------------------------------------------------


@dataclass
class AreaInput:
    name: str
    description: str = ""
    sort_order: int | str = 0
    active: bool = True
    agreement_period_id: int | None = None


@dataclass(frozen=True)
class AreaRow:
    id: int
    name: str
    description: str
    sort_order: int
    active: bool
    agreement_period_id: int
    agreement_period_name: str
    version: int


def _area_select() -> sa.Select:
    return sa.select(Area, AgreementPeriod.name.label("agreement_period_name")).join(
        AgreementPeriod, Area.agreement_period_id == AgreementPeriod.id
    )


def _area_row(found: sa.Row) -> AreaRow:
    a: Area = found.Area
    return AreaRow(
        id=a.id,
        name=a.name,
        description=a.description,
        sort_order=a.sort_order,
        active=a.active,
        agreement_period_id=a.agreement_period_id,
        agreement_period_name=found.agreement_period_name or "",
        version=a.version,
    )


def list_areas(
    session: Session, actor: Actor, *, include_inactive: bool = True, period_id: int | None = None
) -> list[AreaRow]:
    """The areas of one agreement period (all periods' if not given, newest period first), in order."""
    stmt = _area_select().order_by(AgreementPeriod.starts_on.desc(), Area.sort_order, Area.name)
    if period_id is not None:
        stmt = stmt.where(Area.agreement_period_id == period_id)
    if not include_inactive:
        stmt = stmt.where(Area.active.is_(True))
    return [_area_row(r) for r in session.execute(stmt)]


def areas_in_force(
    session: Session, actor: Actor, day: dt.date | None = None, *, include_inactive: bool = False
) -> list[AreaRow]:
    """The areas of the agreement period in force on `day` (see `period_in_force`)."""
    period = period_in_force(session, actor, day)
    if period is None:
        return []
    return list_areas(session, actor, include_inactive=include_inactive, period_id=period.id)


def get_area(session: Session, actor: Actor, area_id: int) -> AreaRow:
    get_or_raise(session, Area, area_id)
    return _area_row(session.execute(_area_select().where(Area.id == area_id)).one())


def _save_area(session: Session, row: Area, data: AreaInput) -> None:
    check = Checker()
    name = check.name("name", data.name, required=True, max_length=120)
    # Without a period: the area's own, or for a new area the period in force today.
    period_id = data.agreement_period_id
    if period_id is None:
        in_force = period_in_force(session, actor_of(session))
        period_id = row.agreement_period_id if row.id is not None else (in_force.id if in_force else None)
    period = check.exists(session, "agreement_period_id", AgreementPeriod, period_id)
    if row.id is not None and period is not None and period.id != row.agreement_period_id:
        check.fail(
            "agreement_period_id", _("An area stays in its agreement period; add it to the other period instead.")
        )
    if name and period is not None:
        holder = name_holder(session, Area.name, name, exclude_id=row.id, where=Area.agreement_period_id == period.id)
        if holder:
            check.fail(
                "name", _("The area “{name}” of {period} already has this name.", name=holder, period=period.name)
            )
    check.free_text("description", data.description, max_length=TEXT_MAX)
    order = check.positive_int("sort_order", data.sort_order, minimum=0)
    check.raise_if_any()
    assert order is not None and period is not None  # checked: raise_if_any raised otherwise
    row.name, row.description, row.sort_order = name, (data.description or "").strip(), order
    row.active, row.agreement_period_id = bool(data.active), period.id


def _area_uses(session: Session, area_id: int) -> dict[str, int]:
    return {
        "actions": _count(session, action_areas, action_areas.c.area_id == area_id),
        "categories": _count(session, CategoryArea, CategoryArea.area_id == area_id),
        "indicators": _count(session, Indicator, Indicator.area_id == area_id),
    }


_AREAS = _Kind(
    Area,
    save=_save_area,
    shown=lambda session, actor, row: get_area(session, actor, row.id),
    unique_field="name",
    taken=N_("Another area of this agreement period already has this name."),
    uses=_area_uses,
    in_use=N_(
        "The area is used by {actions} actions, {categories} categories and {indicators} indicators, "
        "so it cannot be deleted. Mark it as not in use instead."
    ),
)


def create_area(session: Session, actor: Actor, data: AreaInput) -> AreaRow:
    return _create(_AREAS, session, actor, data)


def update_area(session: Session, actor: Actor, area_id: int, data: AreaInput, expected_version: int | None) -> AreaRow:
    return _update(_AREAS, session, actor, area_id, data, expected_version)


def delete_area(session: Session, actor: Actor, area_id: int, expected_version: int | None) -> None:
    _delete_unused(_AREAS, session, actor, area_id, expected_version)


def move_area(session: Session, actor: Actor, area_id: int, step: int, expected_version: int | None) -> AreaRow:
    """Move an area `step` places up (negative) or down in its period's order; the period's areas are
    numbered 1, 2, 3 … in the new order (only those whose number changes are written)."""
    permissions.require_admin(actor)
    row = get_current(session, Area, area_id, expected_version)
    areas = list(
        session.scalars(
            sa.select(Area)
            .where(Area.agreement_period_id == row.agreement_period_id)
            .order_by(Area.sort_order, Area.name)
        )
    )
    index = areas.index(row)
    areas.insert(max(0, min(len(areas) - 1, index + step)), areas.pop(index))
    for order, area in enumerate(areas, start=1):
        if area.sort_order != order:
            area.sort_order = order
    flush_or_conflict(session, row)
    return get_area(session, actor, area_id)


# --- categories ------------------------------------------------------------------------------------


@dataclass
class CategoryInput:
    """An event type. `area_id` is its samverkansområde in `period_id` (the period in force today if
    not given); other periods' links stay as they are."""

    code: str
    name: str
    area_id: int | None = None
    parent_id: int | None = None
    active: bool = True
    period_id: int | None = None


@dataclass(frozen=True)
class CategoryRow:
    id: int
    code: str
    name: str
    parent_id: int | None
    parent_name: str
    area_id: int | None  # in the period the list was asked for
    area_name: str
    active: bool
    version: int


_Parent = aliased(Category)


def _period_id(session: Session, actor: Actor, period_id: int | None) -> int | None:
    if period_id is not None:
        return period_id
    period = period_in_force(session, actor)
    return period.id if period else None


def _category_select(period_id: int | None) -> sa.Select:
    link = sa.and_(CategoryArea.category_id == Category.id, CategoryArea.agreement_period_id == period_id)
    return (
        sa.select(Category, _Parent.name.label("parent_name"), Area.id.label("area_id"), Area.name.label("area_name"))
        .outerjoin(_Parent, Category.parent_id == _Parent.id)
        .outerjoin(CategoryArea, link)
        .outerjoin(Area, CategoryArea.area_id == Area.id)
    )


def _category_row(found: sa.Row) -> CategoryRow:
    c: Category = found.Category
    return CategoryRow(
        id=c.id,
        code=c.code,
        name=c.name,
        parent_id=c.parent_id,
        parent_name=found.parent_name or "",
        area_id=found.area_id,
        area_name=found.area_name or "",
        active=c.active,
        version=c.version,
    )


def list_categories(
    session: Session,
    actor: Actor,
    *,
    include_inactive: bool = True,
    area_id: int | None = None,
    period_id: int | None = None,
) -> list[CategoryRow]:
    """Categories with their area in `period_id` (the area's period if `area_id` is given, else the
    period in force today), grouped by area (those without one last), then by name."""
    if area_id is not None:
        period_id = get_or_raise(session, Area, area_id).agreement_period_id
    stmt = _category_select(_period_id(session, actor, period_id)).order_by(
        Area.sort_order.asc().nulls_last(), Category.name, Category.id
    )
    if not include_inactive:
        stmt = stmt.where(Category.active.is_(True))
    if area_id is not None:
        stmt = stmt.where(Area.id == area_id)
    return [_category_row(r) for r in session.execute(stmt)]


def get_category(session: Session, actor: Actor, category_id: int, *, period_id: int | None = None) -> CategoryRow:
    get_or_raise(session, Category, category_id)
    stmt = _category_select(_period_id(session, actor, period_id)).where(Category.id == category_id)
    return _category_row(session.execute(stmt).one())


def category_areas(session: Session, period_id: int | None) -> dict[int, int]:
    """category id -> area id in the period."""
    if period_id is None:
        return {}
    stmt = sa.select(CategoryArea.category_id, CategoryArea.area_id).where(
        CategoryArea.agreement_period_id == period_id
    )
    return {category_id: area_id for category_id, area_id in session.execute(stmt)}


@dataclass(frozen=True)
class AreaMove:
    """What moving an event type to another area in a period does to the area figures."""

    period_name: str
    old_area: str  # "" when it had none
    new_area: str
    events: int  # the events of the period that move with it

    @property
    def moves(self) -> bool:
        return self.old_area != self.new_area


def category_area_move(
    session: Session, actor: Actor, category_id: int, area_id: int | None, *, period_id: int | None = None
) -> AreaMove:
    """Asked before saving: the figures of which areas change, and by how many events (those the actor sees)."""
    pid = _period_id(session, actor, period_id)
    period = get_or_raise(session, AgreementPeriod, pid) if pid is not None else None
    current = get_category(session, actor, category_id, period_id=pid)
    new_area = get_or_raise(session, Area, area_id).name if area_id is not None else ""
    events = 0
    if period is not None:
        events = (
            session.scalar(
                sa.select(sa.func.coalesce(sa.func.sum(Observation.count), 0)).where(
                    Observation.category_id == category_id,
                    Observation.occurred_on.between(period.starts_on, period.ends_on),
                    visible_to(actor),
                )
            )
            or 0
        )
    return AreaMove(period.name if period else "", current.area_name, new_area, int(events))


def _save_category(session: Session, row: Category, data: CategoryInput) -> None:
    check = Checker()
    code = check.name("code", data.code, required=True, max_length=32).upper()
    if code and not CODE_PATTERN.fullmatch(code):
        check.fail("code", _("A code is one word of letters and digits (also - and _), e.g. VALD."))
    elif code and (holder := _code_holder(session, code, row.id)):
        check.fail("code", _("The event type “{name}” already has this code.", name=holder))
    name = check.name("name", data.name, required=True, max_length=120)
    area = check.exists(session, "area_id", Area, data.area_id, required=False)
    if data.period_id is not None:
        check.exists(session, "period_id", AgreementPeriod, data.period_id)
    if area is not None and data.period_id is not None and area.agreement_period_id != data.period_id:
        check.fail("area_id", _("Choose an area of the agreement period."))
    parent = check.exists(session, "parent_id", Category, data.parent_id, required=False)
    # Walk up from the chosen parent: meeting this category on the way would make a loop.
    seen: set[int] = set()
    while parent is not None and row.id is not None and parent.id not in seen:
        if parent.id == row.id:
            check.fail("parent_id", _("A category cannot lie under itself."))
            break
        seen.add(parent.id)
        parent = parent.parent
    check.raise_if_any()
    row.code, row.name, row.parent_id = code, name, data.parent_id
    row.active = bool(data.active)
    new = row.id is None
    if new:
        session.add(row)  # its id, for the area link; a code taken meanwhile by another desk is a field error
        flush_unique(session, "code", _(_CATEGORY_CODE_TAKEN))
    period_id = area.agreement_period_id if area is not None else data.period_id
    if period_id is None:
        in_force = period_in_force(session, actor_of(session))
        period_id = in_force.id if in_force else None
    if period_id is not None:
        _link_area(session, row, period_id, area.id if area is not None else None, bump=not new)


_CATEGORY_CODE_TAKEN = N_("Another category already has this code.")


def _code_holder(session: Session, code: str, exclude_id: int | None) -> str | None:
    stmt = sa.select(Category.name).where(sa.func.upper(Category.code) == code).limit(1)
    if exclude_id is not None:
        stmt = stmt.where(Category.id != exclude_id)
    return session.scalar(stmt)


def _link_area(session: Session, category: Category, period_id: int, area_id: int | None, *, bump: bool) -> None:
    link = session.scalar(
        sa.select(CategoryArea).where(
            CategoryArea.category_id == category.id, CategoryArea.agreement_period_id == period_id
        )
    )
    if area_id is None:
        if link is None:
            return
        session.delete(link)
    elif link is None:
        session.add(CategoryArea(agreement_period_id=period_id, category_id=category.id, area_id=area_id))
    elif link.area_id != area_id:
        link.area_id = area_id
    else:
        return
    # The link is part of the event type: its version moves with it, so that a save made on an
    # older version of the type (another admin's move) is a conflict, not a silent overwrite.
    if bump:
        flag_modified(category, "active")


def _category_uses(session: Session, category_id: int) -> dict[str, int]:
    return {
        "observations": _count(session, Observation, Observation.category_id == category_id),
        "children": _count(session, Category, Category.parent_id == category_id),
    }


_CATEGORIES = _Kind(
    Category,
    save=_save_category,
    shown=lambda session, actor, row: get_category(session, actor, row.id),
    unique_field="code",
    taken=_CATEGORY_CODE_TAKEN,
    uses=_category_uses,
    in_use=N_(
        "The category is used by {observations} observations and has {children} subcategories, "
        "so it cannot be deleted. Mark it as not in use instead."
    ),
)


def create_category(session: Session, actor: Actor, data: CategoryInput) -> CategoryRow:
    return _create(_CATEGORIES, session, actor, data)


def update_category(
    session: Session, actor: Actor, category_id: int, data: CategoryInput, expected_version: int | None
) -> CategoryRow:
    return _update(_CATEGORIES, session, actor, category_id, data, expected_version)


def delete_category(session: Session, actor: Actor, category_id: int, expected_version: int | None) -> None:
    _delete_unused(_CATEGORIES, session, actor, category_id, expected_version)


# --- places ----------------------------------------------------------------------------------------


@dataclass
class PlaceInput:
    name: str
    district: str
    place_type: PlaceType = PlaceType.OTHER
    latitude: float | str | None = None
    longitude: float | str | None = None
    poor_lighting: bool = False
    poor_sightlines: bool = False
    secluded: bool = False
    littering: bool = False
    notes: str = ""
    active: bool = True


@dataclass(frozen=True)
class PlaceRow:
    id: int
    name: str
    district: str
    place_type: PlaceType
    latitude: float | None
    longitude: float | None
    poor_lighting: bool
    poor_sightlines: bool
    secluded: bool
    littering: bool
    notes: str
    active: bool
    version: int


def _place_row(p: Place) -> PlaceRow:
    return PlaceRow(
        p.id,
        p.name,
        p.district,
        p.place_type,
        p.latitude,
        p.longitude,
        p.poor_lighting,
        p.poor_sightlines,
        p.secluded,
        p.littering,
        p.notes,
        p.active,
        p.version,
    )


def list_places(
    session: Session, actor: Actor, *, active_only: bool = False, district: str | None = None
) -> list[PlaceRow]:
    stmt = sa.select(Place).order_by(Place.name, Place.id)
    if active_only:
        stmt = stmt.where(Place.active.is_(True))
    if district:
        stmt = stmt.where(Place.district == district)
    return [_place_row(p) for p in session.scalars(stmt)]


def get_place(session: Session, actor: Actor, place_id: int) -> PlaceRow:
    return _place_row(get_or_raise(session, Place, place_id))


def list_districts(session: Session, *, active_only: bool = False) -> list[str]:
    """The districts (kommundelar) places lie in, each once, sorted."""
    stmt = sa.select(Place.district).distinct().order_by(Place.district)
    if active_only:
        stmt = stmt.where(Place.active.is_(True))
    return list(session.scalars(stmt))


def _save_place(session: Session, row: Place, data: PlaceInput) -> None:
    check = Checker()
    name = check.name("name", data.name, required=True, max_length=120)
    if name and (holder := name_holder(session, Place.name, name, exclude_id=row.id)):
        check.fail("name", _("The place “{name}” already has this name.", name=holder))
    district = check.name("district", data.district, required=True, max_length=60)
    # One kommundel, one spelling: "märsta" joins the places of Märsta instead of splitting its figures.
    if district and (spelled := name_holder(session, Place.district, district, id_column=Place.id)):
        district = spelled
    place_type = coerce_enum(check, "place_type", PlaceType, data.place_type)
    lat = parse_number(check, "latitude", data.latitude, minimum=LATITUDE_RANGE[0], maximum=LATITUDE_RANGE[1])
    lon = parse_number(check, "longitude", data.longitude, minimum=LONGITUDE_RANGE[0], maximum=LONGITUDE_RANGE[1])
    # Half a coordinate cannot be put on a map.
    if lat is None and lon is not None and "latitude" not in check.errors:
        check.fail("latitude", _("Enter both latitude and longitude, or neither."))
    if lon is None and lat is not None and "longitude" not in check.errors:
        check.fail("longitude", _("Enter both latitude and longitude, or neither."))
    notes = check.free_text("notes", data.notes, max_length=TEXT_MAX)
    check.raise_if_any()
    assert place_type is not None  # checked: raise_if_any raised otherwise
    row.name, row.district, row.place_type, row.latitude, row.longitude = name, district, place_type, lat, lon
    row.poor_lighting, row.poor_sightlines = bool(data.poor_lighting), bool(data.poor_sightlines)
    row.secluded, row.littering = bool(data.secluded), bool(data.littering)
    row.notes, row.active = notes, bool(data.active)


def _place_uses(session: Session, place_id: int) -> dict[str, int]:
    return {
        "observations": _count(session, Observation, Observation.place_id == place_id),
        "actions": _count(session, action_places, action_places.c.place_id == place_id),
        "meetings": _count(session, meeting_focus_places, meeting_focus_places.c.place_id == place_id),
    }


def place_uses(session: Session, actor: Actor, place_id: int) -> dict[str, int]:
    """What refers to a place, counted: what a merge moves to the place kept ("observations",
    "actions", "meetings"). On a database that enforces access itself, the count is what the actor's
    login sees (another organisation's internal observations are left out), though the merge moves all."""
    get_or_raise(session, Place, place_id)
    return _place_uses(session, place_id)


# Places are the office's reference data, kept by its administrators (the office administration).
_PLACES = _Kind(
    Place,
    save=_save_place,
    shown=lambda session, actor, row: _place_row(row),
    unique_field="name",
    taken=N_("Another place already has this name."),
    uses=_place_uses,
    in_use=N_(
        "The place is used by {observations} observations, {actions} actions and {meetings} meetings, "
        "so it cannot be deleted. Mark it as not in use instead."
    ),
)


def create_place(session: Session, actor: Actor, data: PlaceInput) -> PlaceRow:
    return _create(_PLACES, session, actor, data)


def update_place(
    session: Session, actor: Actor, place_id: int, data: PlaceInput, expected_version: int | None
) -> PlaceRow:
    return _update(_PLACES, session, actor, place_id, data, expected_version)


def place_coordinates(
    session: Session,
    actor: Actor,
    place_id: int,
    latitude: float | str | None,
    longitude: float | str | None,
    expected_version: int | None,
) -> PlaceRow:
    """Put a place on the map (or take it off with None, None): an administrator's change of its
    coordinates alone, checked like any edit of the place."""
    current = get_place(session, actor, place_id)
    data = PlaceInput(
        current.name,
        current.district,
        current.place_type,
        latitude,
        longitude,
        current.poor_lighting,
        current.poor_sightlines,
        current.secluded,
        current.littering,
        current.notes,
        current.active,
    )
    return update_place(session, actor, place_id, data, expected_version)


def delete_place(session: Session, actor: Actor, place_id: int, expected_version: int | None) -> None:
    """Admins delete places nothing refers to; a place in use keeps the history and is deactivated instead."""
    _delete_unused(_PLACES, session, actor, place_id, expected_version)


@dataclass(frozen=True)
class PlaceMerge:
    """What a merge of two places moved: every row that referred to the place that went."""

    kept: PlaceRow
    removed_name: str
    observations: int
    actions: int
    meetings: int


def merge_places(
    session: Session,
    actor: Actor,
    source_id: int,
    target_id: int,
    *,
    source_version: int | None,
    target_version: int | None,
) -> PlaceMerge:
    """Two places that turn out to be the same: everything that refers to `source` (observations of
    every organisation, actions' and meetings' links) moves to `target`, and `source` is deleted.

    Every moved row and the deletion are in the audit trail, all in one transaction; the source
    cannot be deleted while any row still refers to it (the foreign keys restrict), so no row is lost.
    On a database that enforces access itself, the move is the definer function `tc_merge_places`,
    since an administrator's own login may not see another organisation's internal observations.
    """
    permissions.require_admin(actor)
    if source_id == target_id:
        raise ValidationError({"target_id": _("Choose another place to merge into.")})
    source = get_current(session, Place, source_id, source_version)
    target = get_current(session, Place, target_id, target_version)
    if not target.active:
        raise ValidationError(
            {"target_id": _("Merge into a place in use: take “{name}” into use first.", name=target.name)}
        )
    removed_name = source.name
    if session.info.get("audit_by_triggers"):
        found = session.execute(
            sa.text("SELECT observations, actions, meetings FROM public.tc_merge_places(:source, :target)"),
            {"source": source_id, "target": target_id},
        ).one()
        session.expire_all()
        # The function wrote past the ORM: this desk's views and the other desks are told here.
        changes.note_changed(session, ("observation", "action", "follow_up_meeting", "place"))
        moved = (int(found.observations), int(found.actions), int(found.meetings))
    else:
        moved = _merge_rows(session, source, target)
    return PlaceMerge(get_place(session, actor, target_id), removed_name, *moved)


def _merge_rows(session: Session, source: Place, target: Place) -> tuple[int, int, int]:
    observations = list(session.scalars(sa.select(Observation).where(Observation.place_id == source.id)))
    for observation in observations:
        observation.place_id = target.id  # through the ORM: version bumped, each move audited
    actions = list(
        session.scalars(
            sa.select(Action).where(
                Action.id.in_(sa.select(action_places.c.action_id).where(action_places.c.place_id == source.id))
            )
        )
    )
    for action in actions:
        kept_places = [p for p in action.places if p.id != source.id]
        action.places = kept_places if target in kept_places else [*kept_places, target]
    meetings = list(
        session.scalars(
            sa.select(FollowUpMeeting).where(
                FollowUpMeeting.id.in_(
                    sa.select(meeting_focus_places.c.meeting_id).where(meeting_focus_places.c.place_id == source.id)
                )
            )
        )
    )
    for meeting in meetings:
        kept = [p for p in meeting.focus_places if p.id != source.id]
        meeting.focus_places = kept if target in kept else [*kept, target]
    session.flush()
    session.delete(source)
    flush_or_conflict(session, source)
    return len(observations), len(actions), len(meetings)


# --- organisations ---------------------------------------------------------------------------------


@dataclass
class OrganisationInput:
    name: str
    short_name: str
    active: bool = True
    kind: OrganisationKind | str = OrganisationKind.OTHER


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    short_name: str
    active: bool
    version: int
    kind: OrganisationKind = OrganisationKind.OTHER


def _organisation_row(o: Organisation) -> OrganisationRow:
    return OrganisationRow(o.id, o.name, o.short_name, o.active, o.version, o.kind)


def list_organisations(session: Session, actor: Actor, *, include_inactive: bool = True) -> list[OrganisationRow]:
    stmt = sa.select(Organisation).order_by(Organisation.name, Organisation.id)
    if not include_inactive:
        stmt = stmt.where(Organisation.active.is_(True))
    return [_organisation_row(o) for o in session.scalars(stmt)]


def get_organisation(session: Session, actor: Actor, organisation_id: int) -> OrganisationRow:
    return _organisation_row(get_or_raise(session, Organisation, organisation_id))


def _save_organisation(session: Session, row: Organisation, data: OrganisationInput) -> None:
    check = Checker()
    name = check.name("name", data.name, required=True, max_length=120)
    if name and (holder := name_holder(session, Organisation.name, name, exclude_id=row.id)):
        check.fail("name", _("The organisation “{name}” already has this name.", name=holder))
    short = check.name("short_name", data.short_name, required=True, max_length=40)
    if short and (holder := name_holder(session, Organisation.short_name, short, exclude_id=row.id)):
        owner = session.scalar(sa.select(Organisation.name).where(Organisation.short_name == holder))
        check.fail("short_name", _("The organisation “{name}” already has this short name.", name=owner))
    kind = coerce_enum(check, "kind", OrganisationKind, data.kind)
    check.raise_if_any()
    assert kind is not None  # checked: raise_if_any raised otherwise
    row.name, row.short_name, row.active, row.kind = name, short, bool(data.active), kind


def _organisation_uses(session: Session, organisation_id: int) -> dict[str, int]:
    return {
        "users": _count(session, User, User.organisation_id == organisation_id),
        "observations": _count(session, Observation, Observation.organisation_id == organisation_id),
        "actions": _count(session, Action, Action.responsible_organisation_id == organisation_id),
    }


_ORGANISATIONS = _Kind(
    Organisation,
    save=_save_organisation,
    shown=lambda session, actor, row: _organisation_row(row),
    unique_field="name",
    taken=N_("Another organisation already has this name."),
    uses=_organisation_uses,
    in_use=N_(
        "The organisation has {users} accounts, {observations} observations and {actions} actions, "
        "so it cannot be deleted. Mark it as not in use instead."
    ),
)


def create_organisation(session: Session, actor: Actor, data: OrganisationInput) -> OrganisationRow:
    return _create(_ORGANISATIONS, session, actor, data)


def update_organisation(
    session: Session, actor: Actor, organisation_id: int, data: OrganisationInput, expected_version: int | None
) -> OrganisationRow:
    return _update(_ORGANISATIONS, session, actor, organisation_id, data, expected_version)


def delete_organisation(session: Session, actor: Actor, organisation_id: int, expected_version: int | None) -> None:
    _delete_unused(_ORGANISATIONS, session, actor, organisation_id, expected_version)
