"""The summaries of the lägesbild (see app/db/models.py): what each one should hold, checking them
against the observations, rebuilding them, and the spans of days and months a period reads.

The database keeps them exact (migration 0008's triggers); `rebuild` is for a database restored
from an old backup, a summary changed by hand, or a doubt, and `differences` proves them right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db import sqlfunctions as sqlf
from app.db.models import (
    HOUR_BAND_HOURS,
    NO_TIME_BAND,
    Base,
    Observation,
    ObservationDaySummary,
    ObservationHourSummary,
    ObservationMonthHourSummary,
    ObservationMonthSummary,
)
from app.services.context import Actor
from app.services.filters import ObservationFilter, dimension_conditions

SUMMARIES = (ObservationDaySummary, ObservationMonthSummary, ObservationHourSummary, ObservationMonthHourSummary)


def hour_band(column=Observation.occurred_time) -> sa.ColumnElement[int]:
    """The hour band of a time of day, NO_TIME_BAND for none: the same as the triggers compute."""
    band = sqlf.Hour(column) // sa.literal_column(str(HOUR_BAND_HOURS), sa.Integer)
    return sa.case((column.is_(None), sa.literal_column(str(NO_TIME_BAND), sa.Integer)), else_=band)


def _key_expressions(summary) -> dict[str, Any]:
    """Each key column of a summary as an expression over Observation."""
    common = {
        "organisation_id": Observation.organisation_id,
        "classification": Observation.classification,
        "source": Observation.source,
        "category_id": Observation.category_id,
    }
    day, month = Observation.occurred_on, sqlf.MonthStart(Observation.occurred_on)
    if summary is ObservationDaySummary:
        return {"occurred_on": day, "place_id": Observation.place_id, **common}
    if summary is ObservationMonthSummary:
        return {"month": month, "place_id": Observation.place_id, **common}
    if summary is ObservationHourSummary:
        return {"occurred_on": day, "hour_band": hour_band(), **common}
    return {"month": month, "weekday": sqlf.IsoWeekday(day), "hour_band": hour_band(), **common}


def _has_observations(summary) -> bool:
    return "observations" in summary.__table__.c


def expected(summary) -> sa.Select:
    """What the summary should hold, computed from the observations: its columns in table order."""
    keys = _key_expressions(summary)
    counted: dict[str, Any] = {"events": sa.func.sum(Observation.count)}
    if _has_observations(summary):
        counted["observations"] = sa.func.count()
    labelled = {**{k: e.label(k) for k, e in keys.items()}, **{k: e.label(k) for k, e in counted.items()}}
    columns = [labelled[c.name] for c in summary.__table__.c]
    return sa.select(*columns).group_by(*keys.values())


def _stored(summary) -> sa.Select:
    return sa.select(*summary.__table__.c)


def differences(session: Session) -> dict[str, int]:
    """Per summary, how many rows differ from what the observations give (missing, extra or wrong);
    all zero when the summaries are right. Run by the owner, who sees every row."""
    found = {}
    for summary in SUMMARIES:
        wanted, stored = expected(summary), _stored(summary)
        both = sa.union_all(
            sa.select(sa.literal(1)).select_from(sa.except_(wanted, stored).subquery()),
            sa.select(sa.literal(1)).select_from(sa.except_(stored, wanted).subquery()),
        ).subquery()
        found[summary.__tablename__] = session.scalar(sa.select(sa.func.count()).select_from(both)) or 0
    return found


def rebuild(session: Session) -> dict[str, int]:
    """Build every summary afresh from the observations, in the caller's transaction; the number of
    rows each then holds. On PostgreSQL the tables are locked against concurrent changes meanwhile."""
    if session.get_bind().dialect.name == "postgresql":
        tables = ", ".join(s.__tablename__ for s in (Observation, *SUMMARIES))
        session.execute(sa.text(f"LOCK TABLE {tables} IN SHARE ROW EXCLUSIVE MODE"))
    counts = {}
    for summary in SUMMARIES:
        table = Base.metadata.tables[summary.__tablename__]
        session.execute(table.delete())
        session.execute(table.insert().from_select([c.name for c in table.c], expected(summary)))
        counts[summary.__tablename__] = session.scalar(sa.select(sa.func.count()).select_from(table)) or 0
    return counts


# --- the spans a period reads ------------------------------------------------------------------


@dataclass(frozen=True)
class Spans:
    """A period as the summaries answer it: whole calendar months from a monthly summary, plus days
    from a daily one, minus days (of a month read whole) that lie outside the period.

    A month the period covers only in part is read as its days if they are fewer than half the
    month, otherwise as the whole month less the days outside: whichever reads fewer rows."""

    months: tuple[dt.date, dt.date] | None  # first days of the first and the last month read whole
    days: tuple[tuple[dt.date, dt.date], ...] = ()  # runs of days added, each inclusive
    minus: tuple[tuple[dt.date, dt.date], ...] = ()  # runs of days subtracted, each inclusive


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def spans(date_from: dt.date, date_to: dt.date) -> Spans:
    if date_from > date_to:
        return Spans(None)
    whole: list[dt.date] = []
    days: list[tuple[dt.date, dt.date]] = []
    minus: list[tuple[dt.date, dt.date]] = []
    month = _month_start(date_from)
    one = dt.timedelta(days=1)
    while month <= date_to:
        last = _next_month(month) - one
        first_in, last_in = max(month, date_from), min(last, date_to)
        covered, length = (last_in - first_in).days + 1, (last - month).days + 1
        if covered == length:
            whole.append(month)
        elif covered * 2 <= length:
            days.append((first_in, last_in))
        else:
            whole.append(month)
            if first_in > month:
                minus.append((month, first_in - one))
            if last_in < last:
                minus.append((last_in + one, last))
        month = _next_month(month)
    return Spans((whole[0], whole[-1]) if whole else None, tuple(days), tuple(minus))


def signed(column, sign: int):
    """A measure (events, observations) as added (sign 1) or subtracted (sign -1)."""
    return column if sign == 1 else -column


def period_selects(
    actor: Actor,
    flt: ObservationFilter,
    daily,
    monthly,
    columns: Callable[[Any, int], list],
    group_by: Callable[[Any], list] | None = None,
) -> list[sa.Select]:
    """SELECT columns(summary, sign) over the filter's period (see `Spans`): the months read whole
    from `monthly`, days added and subtracted from `daily` (with sign -1, `columns` negates the
    measures, see `signed`), each under the filter's conditions and the visibility rule; to be
    combined with UNION ALL and summed. With `group_by(summary)`, each SELECT is grouped by those
    columns already (`columns` then sums), which sorts fewer rows on SQLite than one grouping of
    the union. The filter must be one the summaries can answer (not `filters.needs_base_table`;
    not restricted to places for the hour summaries)."""
    span = spans(flt.date_from, flt.date_to)
    out = []

    def select(table, sign: int, period) -> sa.Select:
        stmt = sa.select(*columns(table, sign)).where(period, *dimension_conditions(actor, flt, table))
        return stmt.group_by(*group_by(table)) if group_by is not None else stmt

    if span.months is not None:
        out.append(select(monthly, 1, monthly.month.between(*span.months)))
    for runs, sign in ((span.days, 1), (span.minus, -1)):
        for first, last in runs:
            out.append(select(daily, sign, daily.occurred_on.between(first, last)))
    return out


def union(selects: list[sa.Select]) -> sa.Subquery:
    return (selects[0] if len(selects) == 1 else sa.union_all(*selects)).subquery()


def count_rows(session: Session, actor: Actor, flt: ObservationFilter) -> int:
    """How many observations (rows, not events) the filter holds, from the summaries."""
    parts = period_selects(
        actor,
        flt,
        ObservationDaySummary,
        ObservationMonthSummary,
        lambda t, sign: [signed(t.observations, sign).label("n")],
    )
    if not parts:
        return 0
    rows = union(parts)
    return int(session.scalar(sa.select(sa.func.coalesce(sa.func.sum(rows.c.n), 0))) or 0)
