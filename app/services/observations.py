"""Observations (events in the lägesbild): register, change, delete, and list a page at a time."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session, aliased

from app.db.models import Category, Observation, Organisation, Place, User, utcnow
from app.domain import permissions
from app.domain.vocabulary import Classification, Setting, Source, YesNoUnknown
from app.i18n import _
from app.services import observation_keyset as keyset
from app.services import summaries
from app.services.common import check_version, flush_or_conflict, get_or_raise
from app.services.context import Actor
from app.services.filters import ObservationFilter, needs_base_table, observation_conditions
from app.services.observation_keyset import PageKey
from app.services.validation import Checker


@dataclass
class ObservationInput:
    occurred_on: dt.date | None
    place_id: int | None
    category_id: int | None
    count: int | str | None = 1
    occurred_time: dt.time | None = None
    source: Source = Source.OWN_OBSERVATION
    setting: Setting = Setting.UNKNOWN
    reported_to_police: YesNoUnknown = YesNoUnknown.UNKNOWN
    verified: bool = False
    description: str = ""
    classification: Classification = Classification.OPEN


@dataclass(frozen=True)
class ObservationRow:
    id: int
    occurred_on: dt.date
    occurred_time: dt.time | None
    reported_at: dt.datetime
    place_id: int
    place_name: str
    district: str
    category_id: int
    category_name: str
    count: int
    source: Source
    organisation_id: int
    organisation_name: str
    reported_by: str
    setting: Setting
    reported_to_police: YesNoUnknown
    verified: bool
    description: str
    classification: Classification
    version: int


DESCRIPTION_MAX = 4000
MAX_COUNT = 9999


def validate_observation(
    session: Session, data: ObservationInput, today: dt.date | None = None, current_place_id: int | None = None
) -> Checker:
    """Every rule an observation must meet; the Checker holds the problems (the Excel import reuses it)."""
    check = Checker()
    if data.occurred_on is None:
        check.fail("occurred_on", _("Enter the date of the event."))
    check.not_future("occurred_on", data.occurred_on, today)
    place = check.exists(session, "place_id", Place, data.place_id)
    # A place taken out of use must not block corrections to the events already recorded there.
    if place is not None and not place.active and place.id != current_place_id:
        check.fail("place_id", _("The place is no longer in use."))
    check.exists(session, "category_id", Category, data.category_id)
    # One row counts events at one place and time; thousands would be a typing slip, not an event.
    check.positive_int("count", data.count, maximum=MAX_COUNT)
    check.free_text("description", data.description, max_length=DESCRIPTION_MAX)
    check.raise_if_any()
    return check


def apply_observation(row: Observation, data: ObservationInput) -> None:
    """Copy validated input onto the row."""
    # validate_observation refuses input without any of these
    assert data.occurred_on is not None and data.place_id is not None and data.category_id is not None
    assert data.count is not None
    row.occurred_on = data.occurred_on
    row.occurred_time = data.occurred_time
    row.place_id = data.place_id
    row.category_id = data.category_id
    row.count = int(data.count)
    row.source = data.source
    row.setting = data.setting
    row.reported_to_police = data.reported_to_police
    row.verified = data.verified
    row.description = (data.description or "").strip()
    row.classification = data.classification


def create_observation(session: Session, actor: Actor, data: ObservationInput) -> ObservationRow:
    actor.require_editor()
    validate_observation(session, data)
    row = Observation(organisation_id=actor.organisation_id, reported_by_id=actor.user_id, reported_at=utcnow())
    apply_observation(row, data)
    session.add(row)
    session.flush()
    return get_observation(session, actor, row.id)


def _editable(session: Session, actor: Actor, observation_id: int, expected_version: int | None) -> Observation:
    row = get_or_raise(session, Observation, observation_id)
    permissions.require_may_see(actor, row.classification, row.organisation_id)
    actor.require_own_organisation(row.organisation_id)
    check_version(session, row, expected_version)
    return row


def update_observation(
    session: Session, actor: Actor, observation_id: int, data: ObservationInput, expected_version: int | None
) -> ObservationRow:
    row = _editable(session, actor, observation_id, expected_version)
    validate_observation(session, data, current_place_id=row.place_id)
    apply_observation(row, data)
    row.updated_at = utcnow()
    flush_or_conflict(session, row)
    return get_observation(session, actor, row.id)


def delete_observation(session: Session, actor: Actor, observation_id: int, expected_version: int | None) -> None:
    row = _editable(session, actor, observation_id, expected_version)
    session.delete(row)
    flush_or_conflict(session, row)


# --- reading ---------------------------------------------------------------------------------------

_Reporter = aliased(User)

SORT_COLUMNS = keyset.SORTS  # the orders the list offers


def _row_select() -> sa.Select:
    return (
        sa.select(
            Observation,
            Place.name.label("place_name"),
            Place.district.label("district"),
            Category.name.label("category_name"),
            Organisation.short_name.label("organisation_name"),
            _Reporter.display_name.label("reported_by"),
        )
        .join(Place, Observation.place_id == Place.id)
        .join(Category, Observation.category_id == Category.id)
        .join(Organisation, Observation.organisation_id == Organisation.id)
        .outerjoin(_Reporter, Observation.reported_by_id == _Reporter.id)
    )


def _to_row(found: sa.Row) -> ObservationRow:
    """An ObservationRow from a row of `_row_select()`, by column name."""
    obs: Observation = found.Observation
    return ObservationRow(
        id=obs.id,
        occurred_on=obs.occurred_on,
        occurred_time=obs.occurred_time,
        reported_at=obs.reported_at,
        place_id=obs.place_id,
        place_name=found.place_name,
        district=found.district,
        category_id=obs.category_id,
        category_name=found.category_name,
        count=obs.count,
        source=obs.source,
        organisation_id=obs.organisation_id,
        organisation_name=found.organisation_name,
        reported_by=found.reported_by or "",
        setting=obs.setting,
        reported_to_police=obs.reported_to_police,
        verified=obs.verified,
        description=obs.description,
        classification=obs.classification,
        version=obs.version,
    )


def get_observation(session: Session, actor: Actor, observation_id: int) -> ObservationRow:
    result = session.execute(_row_select().where(Observation.id == observation_id)).first()
    if result is None:
        get_or_raise(session, Observation, observation_id)  # raises NotFoundError
    assert result is not None  # the observation exists, so the select found it with its place and category
    permissions.require_may_see(actor, result.Observation.classification, result.Observation.organisation_id)
    return _to_row(result)


def count_observations(session: Session, actor: Actor, flt: ObservationFilter) -> int:
    if not needs_base_table(flt):
        return summaries.count_rows(session, actor, flt)
    stmt = sa.select(sa.func.count()).select_from(Observation).where(*observation_conditions(actor, flt))
    return session.scalar(stmt) or 0


def page_key(row: ObservationRow, sort: str) -> PageKey:
    """Where `row` stands in the list sorted by `sort`: what the next (or previous) page starts after."""
    sort = keyset.sort_name(sort)
    if sort == "occurred_on":
        return PageKey(sort, (row.occurred_on, row.occurred_time, row.id))
    if sort == "reported_at":
        return PageKey(sort, (row.reported_at, row.id))
    group = {
        "place": row.place_id,
        "district": row.place_id,
        "category": row.category_id,
        "organisation": row.organisation_id,
        "count": row.count,
        "source": row.source,
    }[sort]
    return PageKey(sort, (group, row.occurred_on, row.id))


def list_observations(
    session: Session,
    actor: Actor,
    flt: ObservationFilter,
    *,
    sort: str = "occurred_on",
    descending: bool = True,
    after: PageKey | None = None,
    before: PageKey | None = None,
    from_end: bool = False,
    offset: int = 0,
    limit: int = 200,
) -> list[ObservationRow]:
    """One page of the observations under the filter, in the list's order (see observation_keyset).

    The next page is the one `after=page_key(last row)`, the one above `before=page_key(first row)`
    with `from_end`; `from_end` without keys is the last page. Both keys: the rows between them.
    `offset` skips rows from the end read from: only for a jump into the middle of the list, where
    no row nearby is known; its cost grows with it (group orders count whole groups through the index).
    """
    ids = keyset.page_ids(
        session,
        observation_conditions(actor, flt, with_period=False),
        (flt.date_from, flt.date_to),
        sort,
        descending,
        after=after,
        before=before,
        backward=from_end,
        offset=offset,
        limit=limit,
    )
    if from_end:
        ids.reverse()
    if not ids:
        return []
    # The names are joined for just the page's rows: the page itself came from the observation table alone.
    # Plain rows, no ORM objects: several times faster to build (the columns are in the fields' order).
    stmt = _plain_select().where(Observation.id.in_(ids))
    found = {r.id: ObservationRow(*r) for r in session.connection().execute(stmt)}
    return [found[i] for i in ids if i in found]


def _plain_select() -> sa.Select:
    """The columns of ObservationRow in its fields' order, each labelled with its field: no ORM
    objects, several times faster to stream."""
    return (
        sa.select(
            Observation.id.label("id"),
            Observation.occurred_on.label("occurred_on"),
            Observation.occurred_time.label("occurred_time"),
            Observation.reported_at.label("reported_at"),
            Observation.place_id.label("place_id"),
            Place.name.label("place_name"),
            Place.district.label("district"),
            Observation.category_id.label("category_id"),
            Category.name.label("category_name"),
            Observation.count.label("count"),
            Observation.source.label("source"),
            Observation.organisation_id.label("organisation_id"),
            Organisation.short_name.label("organisation_name"),
            sa.func.coalesce(_Reporter.display_name, "").label("reported_by"),
            Observation.setting.label("setting"),
            Observation.reported_to_police.label("reported_to_police"),
            Observation.verified.label("verified"),
            Observation.description.label("description"),
            Observation.classification.label("classification"),
            Observation.version.label("version"),
        )
        .join(Place, Observation.place_id == Place.id)
        .join(Category, Observation.category_id == Category.id)
        .join(Organisation, Observation.organisation_id == Organisation.id)
        .outerjoin(_Reporter, Observation.reported_by_id == _Reporter.id)
    )


def iter_observations(
    session: Session,
    actor: Actor,
    flt: ObservationFilter,
    *,
    descending: bool,
    sort: str = "occurred_on",
    batch: int = 5000,
) -> Iterator[ObservationRow]:
    """Every observation the actor may see under the filter, in the order asked for: the list's order
    (as `list_observations` pages it) for the table export, oldest first for the report.

    Streamed `batch` rows at a time (a server-side cursor on PostgreSQL), so memory stays flat
    however long the period is: the report's observation sheet reads 100,000 rows this way.
    """
    stmt = (
        _plain_select()
        .where(*observation_conditions(actor, flt))
        .order_by(*keyset.order_by(sort, descending))
        .execution_options(yield_per=batch)
    )
    # Through the connection, not the ORM session: plain rows need none of the ORM's result handling.
    for row in session.connection().execute(stmt):
        yield ObservationRow(*row)
