"""Reference data: samverkansområden, event categories, places, organisations and agreement periods."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.db.models import (
    AgreementPeriod,
    Area,
    Category,
    Indicator,
    Observation,
    Organisation,
    Place,
    action_areas,
    action_places,
    meeting_focus_places,
)
from app.domain import permissions
from app.domain.vocabulary import PlaceType
from app.errors import InUseError
from app.i18n import N_, _
from app.services.common import (
    TEXT_MAX,
    coerce_enum,
    flush_or_conflict,
    flush_unique,
    get_current,
    get_or_raise,
    name_taken,
    parse_number,
)
from app.services.context import Actor
from app.services.validation import Checker

M = TypeVar("M")
R = TypeVar("R")

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
    agreement_period_id: int | None
    agreement_period_name: str
    version: int


def _area_select() -> sa.Select:
    return sa.select(Area, AgreementPeriod.name.label("agreement_period_name")).outerjoin(
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


def list_areas(session: Session, actor: Actor, *, include_inactive: bool = True) -> list[AreaRow]:
    stmt = _area_select().order_by(Area.sort_order, Area.name)
    if not include_inactive:
        stmt = stmt.where(Area.active.is_(True))
    return [_area_row(r) for r in session.execute(stmt)]


def get_area(session: Session, actor: Actor, area_id: int) -> AreaRow:
    get_or_raise(session, Area, area_id)
    return _area_row(session.execute(_area_select().where(Area.id == area_id)).one())


def _save_area(session: Session, row: Area, data: AreaInput) -> None:
    check = Checker()
    name = check.text("name", data.name, required=True, max_length=120)
    if name and name_taken(session, Area.name, name, exclude_id=row.id):
        check.fail("name", _("Another area already has this name."))
    check.text("description", data.description, max_length=TEXT_MAX)
    order = check.positive_int("sort_order", data.sort_order, minimum=0)
    check.exists(session, "agreement_period_id", AgreementPeriod, data.agreement_period_id, required=False)
    check.raise_if_any()
    assert order is not None  # checked: raise_if_any raised otherwise
    row.name, row.description, row.sort_order = name, (data.description or "").strip(), order
    row.active, row.agreement_period_id = bool(data.active), data.agreement_period_id


def _area_uses(session: Session, area_id: int) -> dict[str, int]:
    return {
        "actions": _count(session, action_areas, action_areas.c.area_id == area_id),
        "categories": _count(session, Category, Category.area_id == area_id),
        "indicators": _count(session, Indicator, Indicator.area_id == area_id),
    }


_AREAS = _Kind(
    Area,
    save=_save_area,
    shown=lambda session, actor, row: get_area(session, actor, row.id),
    unique_field="name",
    taken=N_("Another area already has this name."),
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


# --- categories ------------------------------------------------------------------------------------


@dataclass
class CategoryInput:
    code: str
    name: str
    area_id: int | None = None
    parent_id: int | None = None
    active: bool = True


@dataclass(frozen=True)
class CategoryRow:
    id: int
    code: str
    name: str
    parent_id: int | None
    parent_name: str
    area_id: int | None
    area_name: str
    active: bool
    version: int


_Parent = aliased(Category)


def _category_select() -> sa.Select:
    return (
        sa.select(Category, _Parent.name.label("parent_name"), Area.name.label("area_name"))
        .outerjoin(_Parent, Category.parent_id == _Parent.id)
        .outerjoin(Area, Category.area_id == Area.id)
    )


def _category_row(found: sa.Row) -> CategoryRow:
    c: Category = found.Category
    return CategoryRow(
        id=c.id,
        code=c.code,
        name=c.name,
        parent_id=c.parent_id,
        parent_name=found.parent_name or "",
        area_id=c.area_id,
        area_name=found.area_name or "",
        active=c.active,
        version=c.version,
    )


def list_categories(
    session: Session, actor: Actor, *, include_inactive: bool = True, area_id: int | None = None
) -> list[CategoryRow]:
    """Categories grouped by area (those without an area last), then by name."""
    stmt = _category_select().order_by(Area.sort_order.asc().nulls_last(), Category.name, Category.id)
    if not include_inactive:
        stmt = stmt.where(Category.active.is_(True))
    if area_id is not None:
        stmt = stmt.where(Category.area_id == area_id)
    return [_category_row(r) for r in session.execute(stmt)]


def get_category(session: Session, actor: Actor, category_id: int) -> CategoryRow:
    get_or_raise(session, Category, category_id)
    return _category_row(session.execute(_category_select().where(Category.id == category_id)).one())


def _save_category(session: Session, row: Category, data: CategoryInput) -> None:
    check = Checker()
    code = check.text("code", data.code, required=True, max_length=32).upper()
    if code and name_taken(session, Category.code, code, exclude_id=row.id):
        check.fail("code", _("Another category already has this code."))
    name = check.text("name", data.name, required=True, max_length=120)
    check.exists(session, "area_id", Area, data.area_id, required=False)
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
    row.code, row.name, row.area_id, row.parent_id = code, name, data.area_id, data.parent_id
    row.active = bool(data.active)


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
    taken=N_("Another category already has this code."),
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
    name = check.text("name", data.name, required=True, max_length=120)
    if name and name_taken(session, Place.name, name, exclude_id=row.id):
        check.fail("name", _("Another place already has this name."))
    district = check.text("district", data.district, required=True, max_length=60)
    place_type = coerce_enum(check, "place_type", PlaceType, data.place_type)
    lat = parse_number(check, "latitude", data.latitude, minimum=LATITUDE_RANGE[0], maximum=LATITUDE_RANGE[1])
    lon = parse_number(check, "longitude", data.longitude, minimum=LONGITUDE_RANGE[0], maximum=LONGITUDE_RANGE[1])
    # Half a coordinate cannot be put on a map.
    if lat is None and lon is not None and "latitude" not in check.errors:
        check.fail("latitude", _("Enter both latitude and longitude, or neither."))
    if lon is None and lat is not None and "longitude" not in check.errors:
        check.fail("longitude", _("Enter both latitude and longitude, or neither."))
    notes = check.text("notes", data.notes, max_length=TEXT_MAX)
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


# Editors add and correct places (they report where things happen); deleting stays with admins.
_PLACES = _Kind(
    Place,
    save=_save_place,
    shown=lambda session, actor, row: _place_row(row),
    unique_field="name",
    taken=N_("Another place already has this name."),
    may_write=permissions.require_editor,
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


def delete_place(session: Session, actor: Actor, place_id: int, expected_version: int | None) -> None:
    """Admins delete places nothing refers to; a place in use keeps the history and is deactivated instead."""
    _delete_unused(_PLACES, session, actor, place_id, expected_version)


# --- organisations ---------------------------------------------------------------------------------


@dataclass
class OrganisationInput:
    name: str
    short_name: str
    active: bool = True


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    short_name: str
    active: bool
    version: int


def _organisation_row(o: Organisation) -> OrganisationRow:
    return OrganisationRow(o.id, o.name, o.short_name, o.active, o.version)


def list_organisations(session: Session, actor: Actor, *, include_inactive: bool = True) -> list[OrganisationRow]:
    stmt = sa.select(Organisation).order_by(Organisation.name, Organisation.id)
    if not include_inactive:
        stmt = stmt.where(Organisation.active.is_(True))
    return [_organisation_row(o) for o in session.scalars(stmt)]


def _save_organisation(session: Session, row: Organisation, data: OrganisationInput) -> None:
    check = Checker()
    name = check.text("name", data.name, required=True, max_length=120)
    if name and name_taken(session, Organisation.name, name, exclude_id=row.id):
        check.fail("name", _("Another organisation already has this name."))
    short = check.text("short_name", data.short_name, required=True, max_length=40)
    if short and name_taken(session, Organisation.short_name, short, exclude_id=row.id):
        check.fail("short_name", _("Another organisation already has this short name."))
    check.raise_if_any()
    row.name, row.short_name, row.active = name, short, bool(data.active)


_ORGANISATIONS = _Kind(
    Organisation,
    save=_save_organisation,
    shown=lambda session, actor, row: _organisation_row(row),
    unique_field="name",
    taken=N_("Another organisation already has this name."),
)


def create_organisation(session: Session, actor: Actor, data: OrganisationInput) -> OrganisationRow:
    return _create(_ORGANISATIONS, session, actor, data)


def update_organisation(
    session: Session, actor: Actor, organisation_id: int, data: OrganisationInput, expected_version: int | None
) -> OrganisationRow:
    return _update(_ORGANISATIONS, session, actor, organisation_id, data, expected_version)


# --- agreement periods -----------------------------------------------------------------------------


@dataclass
class AgreementPeriodInput:
    name: str
    starts_on: dt.date | None
    ends_on: dt.date | None
    signed_on: dt.date | None = None
    description: str = ""


@dataclass(frozen=True)
class AgreementPeriodRow:
    id: int
    name: str
    starts_on: dt.date
    ends_on: dt.date
    signed_on: dt.date | None
    description: str
    version: int


def _period_row(p: AgreementPeriod) -> AgreementPeriodRow:
    return AgreementPeriodRow(p.id, p.name, p.starts_on, p.ends_on, p.signed_on, p.description, p.version)


def list_agreement_periods(session: Session, actor: Actor) -> list[AgreementPeriodRow]:
    """Newest period first."""
    stmt = sa.select(AgreementPeriod).order_by(AgreementPeriod.starts_on.desc(), AgreementPeriod.id.desc())
    return [_period_row(p) for p in session.scalars(stmt)]


def _save_period(session: Session, row: AgreementPeriod, data: AgreementPeriodInput) -> None:
    check = Checker()
    name = check.text("name", data.name, required=True, max_length=120)
    if name and name_taken(session, AgreementPeriod.name, name, exclude_id=row.id):
        check.fail("name", _("Another agreement period already has this name."))
    if data.starts_on is None:
        check.fail("starts_on", _("Enter a date."))
    if data.ends_on is None:
        check.fail("ends_on", _("Enter a date."))
    check.date_order("ends_on", data.starts_on, data.ends_on)
    description = check.text("description", data.description, max_length=TEXT_MAX)
    check.raise_if_any()
    assert data.starts_on is not None and data.ends_on is not None  # checked: raise_if_any raised otherwise
    row.name, row.starts_on, row.ends_on = name, data.starts_on, data.ends_on
    row.signed_on, row.description = data.signed_on, description


_PERIODS = _Kind(
    AgreementPeriod,
    save=_save_period,
    shown=lambda session, actor, row: _period_row(row),
    unique_field="name",
    taken=N_("Another agreement period already has this name."),
)


def create_agreement_period(session: Session, actor: Actor, data: AgreementPeriodInput) -> AgreementPeriodRow:
    return _create(_PERIODS, session, actor, data)


def update_agreement_period(
    session: Session, actor: Actor, period_id: int, data: AgreementPeriodInput, expected_version: int | None
) -> AgreementPeriodRow:
    return _update(_PERIODS, session, actor, period_id, data, expected_version)
