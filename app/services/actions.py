"""The åtgärdsplan: actions (insatser) with their areas, places and indicators, and their dated log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import QueryableAttribute, Session

from app.db.models import (
    Action,
    ActionUpdate,
    Area,
    Indicator,
    Organisation,
    Place,
    User,
    action_areas,
    action_indicators,
    action_places,
    utcnow,
)
from app.domain import permissions
from app.domain.vocabulary import ActionKind, ActionStatus, ExpectedEffect, FollowUpColour, PreventionType
from app.i18n import _
from app.services.common import (
    TEXT_MAX,
    check_version,
    coerce_enum,
    contains_text,
    flush_or_conflict,
    get_or_raise,
    load_by_ids,
    parse_number,
)
from app.services.context import Actor
from app.services.validation import Checker

OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.ONGOING)
TITLE_MAX = 200
PERSON_MAX = 120
HOURS_MAX = 999_999_999.9  # Numeric(10, 1)
COST_MAX = 9_999_999_999.99  # Numeric(12, 2)


@dataclass
class ActionInput:
    title: str
    responsible_organisation_id: int | None
    area_ids: Sequence[int] = ()
    problem: str = ""
    cause: str = ""
    description: str = ""
    operative_goal: str = ""
    responsible_person: str = ""
    start_on: dt.date | None = None
    deadline: dt.date | None = None
    # Only kept when the status is done; required then.
    completed_on: dt.date | None = None
    status: ActionStatus = ActionStatus.PLANNED
    follow_up_colour: FollowUpColour = FollowUpColour.NOT_ASSESSED
    kind: ActionKind = ActionKind.ONE_OFF
    prevention_type: PreventionType = PreventionType.SITUATIONAL
    expected_effect: ExpectedEffect = ExpectedEffect.SHORT_TERM
    hours_spent: float | str | None = 0
    cost_spent: float | str | None = 0
    place_ids: Sequence[int] = ()
    indicator_ids: Sequence[int] = ()


@dataclass(frozen=True)
class ActionRow:
    id: int
    title: str
    problem: str
    cause: str
    description: str
    operative_goal: str
    responsible_organisation_id: int
    responsible_organisation_name: str
    responsible_person: str
    start_on: dt.date | None
    deadline: dt.date | None
    completed_on: dt.date | None
    status: ActionStatus
    follow_up_colour: FollowUpColour
    kind: ActionKind
    prevention_type: PreventionType
    expected_effect: ExpectedEffect
    hours_spent: float
    cost_spent: float
    area_ids: tuple[int, ...]
    area_names: tuple[str, ...]
    place_ids: tuple[int, ...]
    place_names: tuple[str, ...]
    indicator_ids: tuple[int, ...]
    indicator_names: tuple[str, ...]
    overdue: bool
    days_overdue: int
    created_at: dt.datetime
    updated_at: dt.datetime | None
    version: int


@dataclass(frozen=True)
class ActionUpdateRow:
    id: int
    action_id: int
    entry_date: dt.date
    author_id: int | None
    author_name: str
    text: str
    old_status: ActionStatus | None
    new_status: ActionStatus | None
    created_at: dt.datetime
    version: int


# --- validation and writing ------------------------------------------------------------------------


@dataclass
class _Clean:
    organisation_id: int
    status: ActionStatus
    colour: FollowUpColour
    kind: ActionKind
    prevention: PreventionType
    effect: ExpectedEffect
    hours: float
    cost: float
    areas: list[Area]
    places: list[Place]
    indicators: list[Indicator]


def _validate(session: Session, actor: Actor, data: ActionInput, today: dt.date | None = None) -> _Clean:
    check = Checker()
    check.free_text("title", data.title, required=True, max_length=TITLE_MAX)
    for name in ("problem", "cause", "description", "operative_goal"):
        check.free_text(name, getattr(data, name), max_length=TEXT_MAX)
    check.text("responsible_person", data.responsible_person, max_length=PERSON_MAX)
    org = check.exists(session, "responsible_organisation_id", Organisation, data.responsible_organisation_id)
    # An editor who made another organisation responsible could no longer change the action.
    if org is not None and not permissions.may_make_responsible(actor, org.id):
        check.fail("responsible_organisation_id", _("You may only make your own organisation responsible."))
    check.date("start_on", data.start_on)
    check.date("deadline", data.deadline)
    check.date_order("deadline", data.start_on, data.deadline)
    status = coerce_enum(check, "status", ActionStatus, data.status)
    if status is ActionStatus.DONE:
        if data.completed_on is None:
            check.fail("completed_on", _("Enter the date the action was completed."))
        else:
            check.not_future("completed_on", data.completed_on, today)
            check.date_order("completed_on", data.start_on, data.completed_on)
    hours = parse_number(check, "hours_spent", data.hours_spent, minimum=0, maximum=HOURS_MAX)
    cost = parse_number(check, "cost_spent", data.cost_spent, minimum=0, maximum=COST_MAX)
    colour = coerce_enum(check, "follow_up_colour", FollowUpColour, data.follow_up_colour)
    kind = coerce_enum(check, "kind", ActionKind, data.kind)
    prevention = coerce_enum(check, "prevention_type", PreventionType, data.prevention_type)
    effect = coerce_enum(check, "expected_effect", ExpectedEffect, data.expected_effect)
    areas = load_by_ids(check, session, "area_ids", Area, data.area_ids, required=True)
    places = load_by_ids(check, session, "place_ids", Place, data.place_ids)
    indicators = load_by_ids(check, session, "indicator_ids", Indicator, data.indicator_ids)
    check.raise_if_any()
    # Checked: raise_if_any raised had any of these been missing or refused.
    assert org is not None and status is not None and colour is not None and kind is not None
    assert prevention is not None and effect is not None
    return _Clean(
        organisation_id=org.id,
        status=status,
        colour=colour,
        kind=kind,
        prevention=prevention,
        effect=effect,
        hours=hours or 0.0,
        cost=cost or 0.0,
        areas=areas,
        places=places,
        indicators=indicators,
    )


def _apply(session: Session, row: Action, data: ActionInput, clean: _Clean) -> None:
    # Replacing a collection loads the old one; an autoflush then would split one change into two
    # audit entries and two version bumps.
    with session.no_autoflush:
        row.title = data.title.strip()
        row.problem = (data.problem or "").strip()
        row.cause = (data.cause or "").strip()
        row.description = (data.description or "").strip()
        row.operative_goal = (data.operative_goal or "").strip()
        row.responsible_organisation_id = clean.organisation_id
        row.responsible_person = (data.responsible_person or "").strip()
        row.start_on = data.start_on
        row.deadline = data.deadline
        row.completed_on = data.completed_on if clean.status is ActionStatus.DONE else None
        row.status = clean.status
        row.follow_up_colour = clean.colour
        row.kind = clean.kind
        row.prevention_type = clean.prevention
        row.expected_effect = clean.effect
        row.hours_spent = clean.hours
        row.cost_spent = clean.cost
        row.areas = clean.areas
        row.places = clean.places
        row.indicators = clean.indicators


def _require_may_change(actor: Actor, row: Action) -> None:
    permissions.require_may_change_action(actor, row.responsible_organisation_id)


def create_action(session: Session, actor: Actor, data: ActionInput) -> ActionRow:
    actor.require_editor()
    clean = _validate(session, actor, data)
    row = Action(created_at=utcnow())
    _apply(session, row, data, clean)
    session.add(row)
    session.flush()
    return get_action(session, actor, row.id)


def update_action(
    session: Session, actor: Actor, action_id: int, data: ActionInput, expected_version: int | None
) -> ActionRow:
    row = get_or_raise(session, Action, action_id)
    _require_may_change(actor, row)
    check_version(session, row, expected_version)
    clean = _validate(session, actor, data)
    old_status = row.status
    _apply(session, row, data, clean)
    row.updated_at = utcnow()
    if old_status is not clean.status:
        # Keep the log complete: a status changed in the form is a follow-up event like any other.
        session.add(
            ActionUpdate(
                action_id=row.id,
                entry_date=dt.date.today(),
                author_id=actor.user_id,
                old_status=old_status,
                new_status=clean.status,
                created_at=utcnow(),
            )
        )
    flush_or_conflict(session, row)
    return get_action(session, actor, row.id)


def delete_action(session: Session, actor: Actor, action_id: int, expected_version: int | None) -> None:
    row = get_or_raise(session, Action, action_id)
    _require_may_change(actor, row)
    check_version(session, row, expected_version)
    session.delete(row)
    flush_or_conflict(session, row)


def add_action_update(
    session: Session,
    actor: Actor,
    action_id: int,
    entry_date: dt.date | None,
    text: str,
    new_status: ActionStatus | None = None,
    *,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> ActionUpdateRow:
    """Log a note and/or a status change; done sets completed_on to the entry date, reopening clears it."""
    row = get_or_raise(session, Action, action_id)
    _require_may_change(actor, row)
    check_version(session, row, expected_version)
    check = Checker()
    if entry_date is None:
        check.fail("entry_date", _("Enter a date."))
    check.not_future("entry_date", entry_date, today)
    clean_text = check.free_text("text", text, max_length=TEXT_MAX)
    status = coerce_enum(check, "new_status", ActionStatus, new_status) if new_status is not None else None
    changed_to = status if status is not None and status is not row.status else None
    changes_status = changed_to is not None
    if not clean_text and not changes_status and "new_status" not in check.errors:
        check.fail("text", _("Write a note or choose a new status."))
    check.raise_if_any()

    entry = ActionUpdate(
        action_id=row.id,
        entry_date=entry_date,
        author_id=actor.user_id,
        text=clean_text,
        old_status=row.status if changes_status else None,
        new_status=changed_to,
        created_at=utcnow(),
    )
    session.add(entry)  # not row.updates.append: that would load the whole log first
    if changed_to is not None:
        row.status = changed_to
        row.completed_on = entry_date if changed_to is ActionStatus.DONE else None
    row.updated_at = utcnow()
    flush_or_conflict(session, row)
    return _update_rows(session, ActionUpdate.id == entry.id)[0]


def list_action_updates(session: Session, actor: Actor, action_id: int) -> list[ActionUpdateRow]:
    """The action's log, newest first."""
    get_or_raise(session, Action, action_id)
    return _update_rows(session, ActionUpdate.action_id == action_id)


def _update_rows(session: Session, condition: sa.ColumnElement) -> list[ActionUpdateRow]:
    stmt = (
        sa.select(ActionUpdate, User.display_name)
        .outerjoin(User, ActionUpdate.author_id == User.id)
        .where(condition)
        .order_by(ActionUpdate.entry_date.desc(), ActionUpdate.id.desc())
    )
    return [
        ActionUpdateRow(
            id=u.id,
            action_id=u.action_id,
            entry_date=u.entry_date,
            author_id=u.author_id,
            author_name=name or "",
            text=u.text,
            old_status=u.old_status,
            new_status=u.new_status,
            created_at=u.created_at,
            version=u.version,
        )
        for u, name in session.execute(stmt)
    ]


# --- reading ---------------------------------------------------------------------------------------

SORT_COLUMNS = {
    "deadline": (Action.deadline,),
    "title": (Action.title,),
    "status": (Action.status,),
    "organisation": (Organisation.short_name,),
    "start_on": (Action.start_on,),
    "completed_on": (Action.completed_on,),
    "follow_up_colour": (Action.follow_up_colour,),
    "created_at": (Action.created_at,),
}


def overdue_condition(today: dt.date) -> sa.ColumnElement[bool]:
    return sa.and_(Action.deadline < today, Action.status.in_(OPEN_STATUSES))


def _statuses(status: ActionStatus | Iterable[ActionStatus] | None) -> tuple[ActionStatus, ...]:
    if status is None:
        return ()
    if isinstance(status, (ActionStatus, str)):
        return (ActionStatus(status),)
    return tuple(ActionStatus(s) for s in status)


def list_actions(
    session: Session,
    actor: Actor,
    *,
    area_id: int | None = None,
    status: ActionStatus | Iterable[ActionStatus] | None = None,
    organisation_id: int | None = None,
    overdue_only: bool = False,
    text: str = "",
    place_id: int | None = None,
    today: dt.date | None = None,
    sort: str = "deadline",
    descending: bool = False,
) -> list[ActionRow]:
    """Actions under the filters, sorted by the database (empty dates last either way)."""
    today = today or dt.date.today()
    conds: list[sa.ColumnElement] = []
    if area_id is not None:
        conds.append(Action.id.in_(sa.select(action_areas.c.action_id).where(action_areas.c.area_id == area_id)))
    if place_id is not None:
        conds.append(Action.id.in_(sa.select(action_places.c.action_id).where(action_places.c.place_id == place_id)))
    statuses = _statuses(status)
    if statuses:
        conds.append(Action.status.in_(statuses))
    if organisation_id is not None:
        conds.append(Action.responsible_organisation_id == organisation_id)
    if overdue_only:
        conds.append(overdue_condition(today))
    text_cond = contains_text((Action.title, Action.description, Action.problem), text)
    if text_cond is not None:
        conds.append(text_cond)
    columns = SORT_COLUMNS.get(sort, SORT_COLUMNS["deadline"])
    order: list[sa.UnaryExpression[Any]] = [(c.desc() if descending else c.asc()).nulls_last() for c in columns]
    order.append(Action.id.desc() if descending else Action.id.asc())
    return _rows(session, _row_select().where(*conds).order_by(*order), today)


def get_action(session: Session, actor: Actor, action_id: int, *, today: dt.date | None = None) -> ActionRow:
    rows = _rows(session, _row_select().where(Action.id == action_id), today or dt.date.today())
    if not rows:
        get_or_raise(session, Action, action_id)  # raises NotFoundError
    return rows[0]


def overdue_actions(session: Session, actor: Actor, today: dt.date | None = None) -> list[ActionRow]:
    """Planned or ongoing actions past their deadline, the longest overdue first."""
    return list_actions(session, actor, overdue_only=True, today=today, sort="deadline")


def _row_select() -> sa.Select:
    return sa.select(Action, Organisation.name).join(
        Organisation, Action.responsible_organisation_id == Organisation.id
    )


def _links(
    session: Session,
    table: sa.Table,
    column: str,
    model: type[Area] | type[Place] | type[Indicator],
    order: Sequence[QueryableAttribute[Any]],
    ids: list[int],
) -> dict[int, list[tuple[int, str]]]:
    """action id -> [(linked id, name)] for one association table, in one query."""
    result: dict[int, list[tuple[int, str]]] = {i: [] for i in ids}
    if not ids:
        return result
    stmt = (
        sa.select(table.c.action_id, model.id, model.name)
        .join(model, table.c[column] == model.id)
        .where(table.c.action_id.in_(ids))
        .order_by(*order)
    )
    for action_id, linked_id, name in session.execute(stmt):
        result[action_id].append((linked_id, name))
    return result


def _rows(session: Session, stmt: sa.Select, today: dt.date) -> list[ActionRow]:
    found = session.execute(stmt).all()
    ids = [a.id for a, _name in found]
    areas = _links(session, action_areas, "area_id", Area, (Area.sort_order, Area.name), ids)
    places = _links(session, action_places, "place_id", Place, (Place.name,), ids)
    indicators = _links(session, action_indicators, "indicator_id", Indicator, (Indicator.name,), ids)
    return [_to_row(a, org, areas[a.id], places[a.id], indicators[a.id], today) for a, org in found]


def _to_row(
    a: Action,
    org: str,
    areas: Sequence[tuple[int, str]],
    places: Sequence[tuple[int, str]],
    indicators: Sequence[tuple[int, str]],
    today: dt.date,
) -> ActionRow:
    days_late = (today - a.deadline).days if a.deadline is not None else 0
    overdue = days_late > 0 and a.status in OPEN_STATUSES
    return ActionRow(
        id=a.id,
        title=a.title,
        problem=a.problem,
        cause=a.cause,
        description=a.description,
        operative_goal=a.operative_goal,
        responsible_organisation_id=a.responsible_organisation_id,
        responsible_organisation_name=org,
        responsible_person=a.responsible_person,
        start_on=a.start_on,
        deadline=a.deadline,
        completed_on=a.completed_on,
        status=a.status,
        follow_up_colour=a.follow_up_colour,
        kind=a.kind,
        prevention_type=a.prevention_type,
        expected_effect=a.expected_effect,
        hours_spent=float(a.hours_spent or 0),
        cost_spent=float(a.cost_spent or 0),
        area_ids=tuple(i for i, _n in areas),
        area_names=tuple(n for _i, n in areas),
        place_ids=tuple(i for i, _n in places),
        place_names=tuple(n for _i, n in places),
        indicator_ids=tuple(i for i, _n in indicators),
        indicator_names=tuple(n for _i, n in indicators),
        overdue=overdue,
        days_overdue=days_late if overdue else 0,
        created_at=a.created_at,
        updated_at=a.updated_at,
        version=a.version,
    )
