"""Follow-up meetings (uppföljningsmöten): minutes, decisions, focus places, linked actions, lägesbild snapshot."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.models import (
    Action,
    FollowUpMeeting,
    Organisation,
    Place,
    User,
    meeting_actions,
    meeting_focus_places,
    meeting_organisations,
)
from app.domain import permissions
from app.domain.vocabulary import Forum
from app.i18n import _
from app.services import lagesbild
from app.services.common import (
    check_version,
    coerce_enum,
    flush_or_conflict,
    get_current,
    get_or_raise,
    load_by_ids,
)
from app.services.context import Actor
from app.services.filters import ObservationFilter
from app.services.validation import Checker

MINUTES_MAX = 50_000


@dataclass
class MeetingInput:
    held_on: dt.date | None
    forum: Forum = Forum.WEEKLY_OPERATIONAL
    notes: str = ""
    decisions: str = ""
    organisation_ids: Sequence[int] = ()
    focus_place_ids: Sequence[int] = ()
    action_ids: Sequence[int] = ()


@dataclass(frozen=True)
class MeetingRow:
    id: int
    held_on: dt.date
    forum: Forum
    notes: str
    decisions: str
    organisation_ids: tuple[int, ...]
    organisation_names: tuple[str, ...]
    focus_place_ids: tuple[int, ...]
    focus_place_names: tuple[str, ...]
    action_ids: tuple[int, ...]
    action_titles: tuple[str, ...]
    created_by_id: int | None
    created_by_name: str
    has_snapshot: bool
    # Only filled by get/create; lists leave it out since snapshots can be large.
    lagesbild_snapshot: dict[str, Any] | None
    version: int


@dataclass
class _Links:
    held_on: dt.date
    forum: Forum
    organisations: list[Organisation]
    places: list[Place]
    actions: list[Action]


def _validate(session: Session, data: MeetingInput) -> _Links:
    check = Checker()
    if data.held_on is None:
        check.fail("held_on", _("Enter the date of the meeting."))
    check.date("held_on", data.held_on)
    forum = coerce_enum(check, "forum", Forum, data.forum)
    check.free_text("notes", data.notes, max_length=MINUTES_MAX)
    check.free_text("decisions", data.decisions, max_length=MINUTES_MAX)
    organisations = load_by_ids(check, session, "organisation_ids", Organisation, data.organisation_ids)
    places = load_by_ids(check, session, "focus_place_ids", Place, data.focus_place_ids)
    actions = load_by_ids(check, session, "action_ids", Action, data.action_ids)
    check.raise_if_any()
    assert data.held_on is not None and forum is not None  # both failed the check otherwise
    return _Links(held_on=data.held_on, forum=forum, organisations=organisations, places=places, actions=actions)


def _apply(session: Session, row: FollowUpMeeting, data: MeetingInput, links: _Links) -> None:
    # Replacing a collection loads the old one; an autoflush then would split one change into two
    # audit entries and two version bumps.
    with session.no_autoflush:
        row.held_on = links.held_on
        row.forum = links.forum
        row.notes = (data.notes or "").strip()
        row.decisions = (data.decisions or "").strip()
        row.organisations = links.organisations
        row.focus_places = links.places
        row.actions = links.actions


def create_meeting(
    session: Session, actor: Actor, data: MeetingInput, lagesbild_snapshot: dict[str, Any] | None = None
) -> MeetingRow:
    """Record a meeting; the snapshot is stored as given and never changed afterwards."""
    actor.require_editor()
    links = _validate(session, data)
    row = FollowUpMeeting(created_by_id=actor.user_id)
    if lagesbild_snapshot is not None:
        # Only set when given: assigning None would store a JSON 'null' instead of SQL NULL.
        row.lagesbild_snapshot = lagesbild_snapshot
    _apply(session, row, data, links)
    session.add(row)
    session.flush()
    return get_meeting(session, actor, row.id)


SNAPSHOT_DAYS = 28
SNAPSHOT_PLACES = 10


def lagesbild_snapshot(session: Session, actor: Actor, held_on: dt.date) -> dict[str, Any]:
    """The lägesbild a meeting looks at: the hot-spot ranking of the four weeks up to its date, and the
    map of them ("map": the places with events in either period where they are, and "unplaced", those
    without coordinates). Snapshots recorded before the map have no "map" entry.

    Counted from open observations only, whoever records the meeting: the minutes are read by all
    organisations present, so an organisation's internal entries must not shape the figures in them.
    """
    open_only = replace(actor, organisation_id=None)  # sees what everyone in the office may see
    flt = ObservationFilter(held_on - dt.timedelta(days=SNAPSHOT_DAYS - 1), held_on)
    figures = lagesbild.figures(session, open_only, flt)  # totals, ranking and map from one query
    totals = figures.totals
    with_events = [p for p in figures.map_places if p.count or p.previous_count]
    return {
        "period": [flt.date_from.isoformat(), flt.date_to.isoformat()],
        "previous_period": [totals.previous_from.isoformat(), totals.previous_to.isoformat()],
        "total": totals.count,
        "previous_total": totals.previous_count,
        "hotspots": [
            {
                "rank": h.rank,
                "place": h.place_name,
                "district": h.district,
                "count": h.count,
                "previous": h.previous_count,
                "categories": [c.name for c in h.dominant_categories],
            }
            for h in figures.hotspots[:SNAPSHOT_PLACES]
        ],
        "map": {
            "places": [
                {
                    "name": p.name,
                    "district": p.district,
                    "lat": p.latitude,
                    "lon": p.longitude,
                    "count": p.count,
                    "previous": p.previous_count,
                }
                for p in with_events
                if p.located
            ],
            "unplaced": [{"name": p.name, "count": p.count} for p in with_events if not p.located],
        },
    }


def record_meeting(session: Session, actor: Actor, data: MeetingInput) -> MeetingRow:
    """Record a meeting together with the lägesbild as it stood on the meeting's date."""
    actor.require_editor()
    snapshot = lagesbild_snapshot(session, actor, data.held_on) if data.held_on is not None else None
    return create_meeting(session, actor, data, lagesbild_snapshot=snapshot)


def update_meeting(
    session: Session, actor: Actor, meeting_id: int, data: MeetingInput, expected_version: int | None
) -> MeetingRow:
    """Any editor may complete the minutes: the meeting is shared by the organisations present."""
    actor.require_editor()
    row = get_current(session, FollowUpMeeting, meeting_id, expected_version)
    links = _validate(session, data)
    _apply(session, row, data, links)
    flush_or_conflict(session, row)
    return get_meeting(session, actor, row.id)


def delete_meeting(session: Session, actor: Actor, meeting_id: int, expected_version: int | None) -> None:
    """Only an administrator or the person who recorded the meeting may delete it."""
    actor.require_editor()
    row = get_or_raise(session, FollowUpMeeting, meeting_id)
    permissions.require_may_delete_meeting(actor, row.created_by_id)
    check_version(session, row, expected_version)
    session.delete(row)
    flush_or_conflict(session, row)


# --- reading ---------------------------------------------------------------------------------------


def get_meeting(session: Session, actor: Actor, meeting_id: int) -> MeetingRow:
    rows = _rows(session, sa.select(FollowUpMeeting.id).where(FollowUpMeeting.id == meeting_id), with_snapshot=True)
    if not rows:
        get_or_raise(session, FollowUpMeeting, meeting_id)  # raises NotFoundError
    return rows[0]


def list_meetings(
    session: Session,
    actor: Actor,
    *,
    forum: Forum | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int | None = None,
) -> list[MeetingRow]:
    """Meetings, newest first, without their snapshots (see get_meeting)."""
    ids = sa.select(FollowUpMeeting.id)
    if forum is not None:
        ids = ids.where(FollowUpMeeting.forum == Forum(forum))
    if date_from is not None:
        ids = ids.where(FollowUpMeeting.held_on >= date_from)
    if date_to is not None:
        ids = ids.where(FollowUpMeeting.held_on <= date_to)
    ids = ids.order_by(FollowUpMeeting.held_on.desc(), FollowUpMeeting.id.desc())
    if limit is not None:
        ids = ids.limit(limit)
    return _rows(session, ids, with_snapshot=False)


def _rows(session: Session, ids_stmt: sa.Select, *, with_snapshot: bool) -> list[MeetingRow]:
    ids = list(session.scalars(ids_stmt))
    if not ids:
        return []
    snapshot = FollowUpMeeting.lagesbild_snapshot if with_snapshot else sa.null()
    stmt = (
        sa.select(
            FollowUpMeeting.id,
            FollowUpMeeting.held_on,
            FollowUpMeeting.forum,
            FollowUpMeeting.notes,
            FollowUpMeeting.decisions,
            FollowUpMeeting.created_by_id,
            User.display_name,
            FollowUpMeeting.lagesbild_snapshot.is_not(None),
            snapshot,
            FollowUpMeeting.version,
        )
        .outerjoin(User, FollowUpMeeting.created_by_id == User.id)
        .where(FollowUpMeeting.id.in_(ids))
    )
    found = {r[0]: r for r in session.execute(stmt)}
    orgs = _links(session, meeting_organisations, "organisation_id", Organisation.id, Organisation.short_name, ids)
    places = _links(session, meeting_focus_places, "place_id", Place.id, Place.name, ids)
    actions = _links(session, meeting_actions, "action_id", Action.id, Action.title, ids)
    result = []
    for meeting_id in ids:  # keep the order of the id query
        _id, held_on, forum, notes, decisions, created_by_id, creator, has_snapshot, snap, version = found[meeting_id]
        result.append(
            MeetingRow(
                id=meeting_id,
                held_on=held_on,
                forum=forum,
                notes=notes,
                decisions=decisions,
                organisation_ids=tuple(i for i, _n in orgs[meeting_id]),
                organisation_names=tuple(n for _i, n in orgs[meeting_id]),
                focus_place_ids=tuple(i for i, _n in places[meeting_id]),
                focus_place_names=tuple(n for _i, n in places[meeting_id]),
                action_ids=tuple(i for i, _n in actions[meeting_id]),
                action_titles=tuple(n for _i, n in actions[meeting_id]),
                created_by_id=created_by_id,
                created_by_name=creator or "",
                has_snapshot=bool(has_snapshot),
                lagesbild_snapshot=snap if with_snapshot else None,
                version=version,
            )
        )
    return result


def _links(session: Session, table: sa.Table, column: str, id_col, name_col, ids: list[int]):
    """meeting id -> [(linked id, name)] for one association table, in one query."""
    result: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    stmt = (
        sa.select(table.c.meeting_id, id_col, name_col)
        .join(id_col.class_, table.c[column] == id_col)
        .where(table.c.meeting_id.in_(ids))
        .order_by(name_col, id_col)
    )
    for meeting_id, linked_id, name in session.execute(stmt):
        result[meeting_id].append((linked_id, name))
    return result
