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
    """A period split into whole calendar months (read from a monthly summary) and the days at its
    edges that do not fill a month (read from a daily one)."""

    months: tuple[dt.date, dt.date] | None  # first days of the first and the last whole month
    days: tuple[tuple[dt.date, dt.date], ...]  # up to two runs of days, each inclusive


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def spans(date_from: dt.date, date_to: dt.date) -> Spans:
    first_whole = date_from if date_from.day == 1 else _next_month(date_from)
    after_last_whole = _month_start(date_to + dt.timedelta(days=1))  # the day after the last whole month
    if first_whole >= after_last_whole:
        return Spans(None, ((date_from, date_to),) if date_from <= date_to else ())
    days = []
    if date_from < first_whole:
        days.append((date_from, first_whole - dt.timedelta(days=1)))
    if after_last_whole <= date_to:
        days.append((after_last_whole, date_to))
    last_whole = _month_start(after_last_whole - dt.timedelta(days=1))
    return Spans((first_whole, last_whole), tuple(days))


def period_selects(
    actor: Actor, flt: ObservationFilter, daily, monthly, columns: Callable[[Any], list]
) -> list[sa.Select]:
    """SELECT columns(summary) over the filter's period: whole months from `monthly`, the days at
    the edges from `daily`, each under the filter's conditions and the visibility rule; to be
    combined with UNION ALL and grouped. The filter must be one the summaries can answer
    (not `filters.needs_base_table`; not restricted to places for the hour summaries)."""
    span = spans(flt.date_from, flt.date_to)
    out = []
    if span.months is not None:
        out.append(
            sa.select(*columns(monthly)).where(
                monthly.month.between(*span.months), *dimension_conditions(actor, flt, monthly)
            )
        )
    for first, last in span.days:
        out.append(
            sa.select(*columns(daily)).where(
                daily.occurred_on.between(first, last), *dimension_conditions(actor, flt, daily)
            )
        )
    return out


def union(selects: list[sa.Select]) -> sa.Subquery:
    return (selects[0] if len(selects) == 1 else sa.union_all(*selects)).subquery()


def count_rows(session: Session, actor: Actor, flt: ObservationFilter) -> int:
    """How many observations (rows, not events) the filter holds, from the summaries."""
    parts = period_selects(
        actor, flt, ObservationDaySummary, ObservationMonthSummary, lambda t: [t.observations.label("n")]
    )
    if not parts:
        return 0
    rows = union(parts)
    return int(session.scalar(sa.select(sa.func.coalesce(sa.func.sum(rows.c.n), 0))) or 0)
