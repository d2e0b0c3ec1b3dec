"""Dashboard figures of the åtgärdsplan: actions by status and by area, overdue actions, done on time per tertial."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.models import Action, Area, action_areas
from app.db.sqlfunctions import Month, Year
from app.domain.periods import period_label, tertial_first_month
from app.domain.vocabulary import ActionStatus, Frequency
from app.services.actions import overdue_actions, overdue_condition
from app.services.context import Actor

__all__ = [
    "AreaActionCounts",
    "TertialOnTime",
    "action_counts_by_area",
    "action_counts_by_status",
    "actions_on_time_by_tertial",
    "overdue_actions",
]


@dataclass(frozen=True)
class AreaActionCounts:
    """Actions of one samverkansområde by status; an action in two areas counts in both."""

    area_id: int
    area_name: str
    counts: dict[ActionStatus, int] = field(default_factory=dict)
    overdue: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class TertialOnTime:
    """Completed actions of one tertial (by completion date): on time, late, and without a deadline."""

    year: int
    tertial: int
    label: str
    on_time: int
    late: int
    without_deadline: int

    @property
    def share_on_time(self) -> float | None:
        judged = self.on_time + self.late
        return self.on_time / judged if judged else None


def action_counts_by_status(session: Session, actor: Actor, area_id: int | None = None) -> dict[ActionStatus, int]:
    """Number of actions per status (every status present, zero included), optionally for one area."""
    stmt = sa.select(Action.status, sa.func.count()).group_by(Action.status)
    if area_id is not None:
        stmt = stmt.where(Action.id.in_(sa.select(action_areas.c.action_id).where(action_areas.c.area_id == area_id)))
    counts = {s: 0 for s in ActionStatus}
    for status, n in session.execute(stmt):
        counts[status] = n
    return counts


def action_counts_by_area(
    session: Session, actor: Actor, today: dt.date | None = None, *, period_id: int | None = None
) -> list[AreaActionCounts]:
    """Status × area, with overdue counts; inactive areas only appear when they still have actions.
    `period_id`: only that agreement period's areas (the report's), else every period's."""
    today = today or dt.date.today()
    overdue = sa.case((overdue_condition(today), 1), else_=0)
    stmt = (
        sa.select(
            Area.id,
            Area.name,
            Area.active,
            Action.status,
            sa.func.count(Action.id),
            sa.func.coalesce(sa.func.sum(overdue), 0),
        )
        .select_from(Area)
        .outerjoin(action_areas, action_areas.c.area_id == Area.id)
        .outerjoin(Action, Action.id == action_areas.c.action_id)
        .group_by(Area.id, Area.name, Area.active, Area.sort_order, Action.status)
        .order_by(Area.sort_order, Area.name)
    )
    if period_id is not None:
        stmt = stmt.where(Area.agreement_period_id == period_id)
    names: dict[int, str] = {}
    counts: dict[int, dict[ActionStatus, int]] = {}
    overdue_counts: dict[int, int] = {}
    for area_id, name, is_active, status, n, n_overdue in session.execute(stmt):
        if area_id not in names:
            names[area_id], counts[area_id], overdue_counts[area_id] = name, {s: 0 for s in ActionStatus}, 0
        if status is not None:
            counts[area_id][status] = n
            overdue_counts[area_id] += int(n_overdue)
        elif not is_active:
            del names[area_id]  # an inactive area without actions: nothing to show
    return [AreaActionCounts(i, names[i], counts[i], overdue_counts[i]) for i in names]


def actions_on_time_by_tertial(session: Session, actor: Actor) -> list[TertialOnTime]:
    """Done actions per tertial of completed_on (oldest first): on time means completed_on <= deadline."""
    done = (
        sa.select(
            Year(Action.completed_on).label("year"),
            sa.case((Month(Action.completed_on) <= 4, 1), (Month(Action.completed_on) <= 8, 2), else_=3).label(
                "tertial"
            ),
            sa.case(
                (Action.deadline.is_(None), "none"), (Action.completed_on <= Action.deadline, "on_time"), else_="late"
            ).label("outcome"),
        )
        .where(Action.status == ActionStatus.DONE, Action.completed_on.is_not(None))
        .subquery()
    )
    # Grouping on the subquery's columns keeps PostgreSQL's GROUP BY identical to the SELECT list.
    stmt = (
        sa.select(done.c.year, done.c.tertial, done.c.outcome, sa.func.count())
        .group_by(done.c.year, done.c.tertial, done.c.outcome)
        .order_by(done.c.year, done.c.tertial)
    )
    table: dict[tuple[int, int], dict[str, int]] = {}
    for year, tertial, outcome, n in session.execute(stmt):
        table.setdefault((int(year), int(tertial)), {"on_time": 0, "late": 0, "none": 0})[outcome] = n
    return [
        TertialOnTime(
            year=year,
            tertial=tertial,
            label=period_label(Frequency.TERTIAL, dt.date(year, tertial_first_month(tertial), 1)),
            on_time=c["on_time"],
            late=c["late"],
            without_deadline=c["none"],
        )
        for (year, tertial), c in table.items()
    ]
