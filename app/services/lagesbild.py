"""The lägesbild: event counts under a filter, grouped by period, place, category and time, done in SQL."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db import sqlfunctions as sqlf
from app.db.models import Category, CategoryArea, Observation, Place
from app.domain.periods import PartialMonth, months_between, partial_month
from app.services.context import SYSTEM, Actor
from app.services.filters import ObservationFilter, observation_conditions
from app.services.reference import period_in_force

BAND_HOURS = 3
HOUR_BANDS: tuple[tuple[int, int], ...] = tuple((h, h + BAND_HOURS) for h in range(0, 24, BAND_HOURS))
WEEKDAYS = 7
DOMINANT_CATEGORIES = 3

# "Number of events" is the sum of Observation.count: one report may cover several events.
EVENTS = sa.func.coalesce(sa.func.sum(Observation.count), 0)


def _events_by(actor: Actor, flt: ObservationFilter, *keys, where=()) -> sa.Select:
    """The number of events under the filter (and `where`), grouped by `keys`: SELECT keys…, EVENTS."""
    return sa.select(*keys, EVENTS).where(*observation_conditions(actor, flt), *where).group_by(*keys)


# --- result types -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodTotals:
    date_from: dt.date
    date_to: dt.date
    previous_from: dt.date
    previous_to: dt.date
    count: int
    previous_count: int
    change: int
    change_percent: float | None  # None when the previous period had no events


@dataclass(frozen=True)
class PlaceCount:
    id: int
    name: str
    district: str
    count: int


@dataclass(frozen=True)
class CategoryCount:
    id: int
    name: str
    area_id: int | None
    count: int


@dataclass(frozen=True)
class PlaceCategoryMatrix:
    """Rows = places, columns = categories, both ordered by their totals; absent cells are zero."""

    places: tuple[PlaceCount, ...]
    categories: tuple[CategoryCount, ...]
    cells: Mapping[tuple[int, int], int]  # (place_id, category_id) -> events
    total: int

    def cell(self, place_id: int, category_id: int) -> int:
        return self.cells.get((place_id, category_id), 0)


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    count: int
    partial: PartialMonth | None = None  # only some days counted (the month in progress): not a whole month


@dataclass(frozen=True)
class IsoWeekCount:
    iso_year: int
    iso_week: int
    count: int


@dataclass(frozen=True)
class WeekdayHourMatrix:
    """grid[weekday - 1][band] with band i covering HOUR_BANDS[i]; unknown_time[weekday - 1] for rows
    without a time of day."""

    grid: tuple[tuple[int, ...], ...]
    unknown_time: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(map(sum, self.grid)) + sum(self.unknown_time)


@dataclass(frozen=True)
class CategoryShare:
    id: int
    name: str
    count: int


@dataclass(frozen=True)
class HotspotRow:
    rank: int
    place_id: int
    place_name: str
    district: str
    count: int
    previous_count: int
    change: int
    change_percent: float | None
    is_new: bool  # no events in the previous period
    dominant_categories: tuple[CategoryShare, ...]


@dataclass(frozen=True)
class CategoryMonthSeries:
    """Events per month and category, for a stacked chart: `series(category_id)` aligns with `months`."""

    months: tuple[tuple[int, int], ...]  # (year, month), every month of the period
    categories: tuple[CategoryCount, ...]
    cells: Mapping[tuple[int, int, int], int]  # (year, month, category_id) -> events
    partial: Mapping[tuple[int, int], PartialMonth] = field(default_factory=dict)  # months counted in part

    def series(self, category_id: int) -> list[int]:
        return [self.cells.get((y, m, category_id), 0) for y, m in self.months]

    def partial_months(self) -> list[PartialMonth | None]:
        """Aligned with `months`: how much of each month counts (None: all of it)."""
        return [self.partial.get(month) for month in self.months]


# --- helpers -------------------------------------------------------------------------------------


def hour_band_label(band: int) -> str:
    start, end = HOUR_BANDS[band]
    return f"{start:02d}–{end:02d}"


def _name_key(name: str) -> str:
    # Sorted in Python, not SQL, so both databases give the same order whatever their collation.
    return name.casefold()


def _percent(current: int, previous: int) -> float | None:
    return (current - previous) * 100.0 / previous if previous else None


def _two_periods(actor: Actor, flt: ObservationFilter) -> tuple[list, sa.ColumnElement, sa.ColumnElement]:
    """Conditions spanning the previous and current period, and the sums of each, for one scan."""
    prev = flt.previous()
    conds = observation_conditions(actor, flt, with_period=False)
    conds += [Observation.occurred_on >= prev.date_from, Observation.occurred_on <= flt.date_to]
    in_current = Observation.occurred_on >= flt.date_from
    current = sa.func.coalesce(sa.func.sum(sa.case((in_current, Observation.count), else_=0)), 0)
    previous = sa.func.coalesce(sa.func.sum(sa.case((in_current, 0), else_=Observation.count)), 0)
    return conds, current, previous


def _iso_weeks(date_from: dt.date, date_to: dt.date) -> list[tuple[int, int]]:
    monday = date_from - dt.timedelta(days=date_from.weekday())
    weeks = []
    while monday <= date_to:
        iso_year, iso_week, _weekday = monday.isocalendar()
        weeks.append((iso_year, iso_week))
        monday += dt.timedelta(days=7)
    return weeks


def _sorted_places(rows: Iterable[PlaceCount]) -> list[PlaceCount]:
    return sorted(rows, key=lambda r: (-r.count, _name_key(r.name), r.id))


def _sorted_categories(rows: Iterable[CategoryCount]) -> list[CategoryCount]:
    return sorted(rows, key=lambda r: (-r.count, _name_key(r.name), r.id))


# Aggregates group by the observation's own id columns and look the few names up afterwards: joining
# the small place and category tables first would make the database walk the observations once per
# place or category instead of once.


def _place_info(session: Session, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    ids = set(ids)
    if not ids:
        return {}
    stmt = sa.select(Place.id, Place.name, Place.district).where(Place.id.in_(ids))
    return {pid: (name, district) for pid, name, district in session.execute(stmt)}


def _category_info(session: Session, ids: Iterable[int], day: dt.date) -> dict[int, tuple[str, int | None]]:
    """Name and samverkansområde (in the agreement period in force on `day`) of each category."""
    ids = set(ids)
    if not ids:
        return {}
    period = period_in_force(session, SYSTEM, day)
    link = sa.and_(
        CategoryArea.category_id == Category.id,
        CategoryArea.agreement_period_id == (period.id if period else None),
    )
    stmt = (
        sa.select(Category.id, Category.name, CategoryArea.area_id)
        .outerjoin(CategoryArea, link)
        .where(Category.id.in_(ids))
    )
    return {cid: (name, area_id) for cid, name, area_id in session.execute(stmt)}


# --- totals and breakdowns -----------------------------------------------------------------------


def totals(session: Session, actor: Actor, flt: ObservationFilter) -> PeriodTotals:
    """Events in the period and in the equally long period just before it."""
    conds, current_sum, previous_sum = _two_periods(actor, flt)
    count, previous_count = session.execute(sa.select(current_sum, previous_sum).where(*conds)).one()
    prev = flt.previous()
    return PeriodTotals(
        date_from=flt.date_from,
        date_to=flt.date_to,
        previous_from=prev.date_from,
        previous_to=prev.date_to,
        count=int(count),
        previous_count=int(previous_count),
        change=int(count) - int(previous_count),
        change_percent=_percent(int(count), int(previous_count)),
    )


def counts_by_place(session: Session, actor: Actor, flt: ObservationFilter) -> list[PlaceCount]:
    """Places with at least one event, most events first."""
    stmt = _events_by(actor, flt, Observation.place_id)
    counts = {pid: int(n) for pid, n in session.execute(stmt)}
    info = _place_info(session, counts)
    return _sorted_places(PlaceCount(pid, *info[pid], n) for pid, n in counts.items())


def counts_by_category(session: Session, actor: Actor, flt: ObservationFilter) -> list[CategoryCount]:
    """Categories with at least one event, most events first."""
    stmt = _events_by(actor, flt, Observation.category_id)
    counts = {cid: int(n) for cid, n in session.execute(stmt)}
    info = _category_info(session, counts, flt.date_to)
    return _sorted_categories(CategoryCount(cid, *info[cid], n) for cid, n in counts.items())


def place_category_matrix(session: Session, actor: Actor, flt: ObservationFilter) -> PlaceCategoryMatrix:
    stmt = _events_by(actor, flt, Observation.place_id, Observation.category_id)
    cells: dict[tuple[int, int], int] = {}
    place_totals: dict[int, int] = defaultdict(int)
    category_totals: dict[int, int] = defaultdict(int)
    for pid, cid, n in session.execute(stmt):
        cells[(pid, cid)] = int(n)
        place_totals[pid] += int(n)
        category_totals[cid] += int(n)
    place_info = _place_info(session, place_totals)
    category_info = _category_info(session, category_totals, flt.date_to)
    places = _sorted_places(PlaceCount(pid, *place_info[pid], place_totals[pid]) for pid in place_info)
    categories = _sorted_categories(
        CategoryCount(cid, *category_info[cid], category_totals[cid]) for cid in category_info
    )
    return PlaceCategoryMatrix(tuple(places), tuple(categories), cells, sum(cells.values()))


# --- over time -----------------------------------------------------------------------------------


def _partial_months(flt: ObservationFilter, today: dt.date | None) -> dict[tuple[int, int], PartialMonth]:
    months = months_between(flt.date_from, flt.date_to)
    found = {(y, m): partial_month(y, m, flt.date_from, flt.date_to, today) for y, m in months}
    return {key: part for key, part in found.items() if part is not None}


def counts_by_month(
    session: Session, actor: Actor, flt: ObservationFilter, today: dt.date | None = None
) -> list[MonthCount]:
    """Every month the period touches, in order, with zero for months without events; a month counted
    only in part (in progress on `today`, or cut by the period) says so."""
    year, month = sqlf.Year(Observation.occurred_on), sqlf.Month(Observation.occurred_on)
    stmt = _events_by(actor, flt, year, month)
    found = {(y, m): int(n) for y, m, n in session.execute(stmt)}
    partial = _partial_months(flt, today)
    return [
        MonthCount(y, m, found.get((y, m), 0), partial.get((y, m)))
        for y, m in months_between(flt.date_from, flt.date_to)
    ]


def counts_by_iso_week(session: Session, actor: Actor, flt: ObservationFilter) -> list[IsoWeekCount]:
    """Every ISO week the period touches, in order, with zero for weeks without events."""
    iso_year, iso_week = sqlf.IsoYear(Observation.occurred_on), sqlf.IsoWeek(Observation.occurred_on)
    stmt = _events_by(actor, flt, iso_year, iso_week)
    found = {(y, w): int(n) for y, w, n in session.execute(stmt)}
    return [IsoWeekCount(y, w, found.get((y, w), 0)) for y, w in _iso_weeks(flt.date_from, flt.date_to)]


def weekday_hour_matrix(session: Session, actor: Actor, flt: ObservationFilter) -> WeekdayHourMatrix:
    weekday = sqlf.IsoWeekday(Observation.occurred_on)
    # An inline constant, not a bound parameter, so PostgreSQL sees the same expression in GROUP BY.
    band = sqlf.Hour(Observation.occurred_time) // sa.literal_column(str(BAND_HOURS), sa.Integer)
    stmt = _events_by(actor, flt, weekday, band)
    grid = [[0] * len(HOUR_BANDS) for _day in range(WEEKDAYS)]
    unknown = [0] * WEEKDAYS
    for day, hour_band, n in session.execute(stmt):
        if hour_band is None:
            unknown[day - 1] += int(n)
        else:
            grid[day - 1][hour_band] += int(n)
    return WeekdayHourMatrix(tuple(map(tuple, grid)), tuple(unknown))


def by_category_over_months(
    session: Session, actor: Actor, flt: ObservationFilter, today: dt.date | None = None
) -> CategoryMonthSeries:
    """Events per month and category; a month counted only in part is in `partial` (see counts_by_month)."""
    year, month = sqlf.Year(Observation.occurred_on), sqlf.Month(Observation.occurred_on)
    stmt = _events_by(actor, flt, year, month, Observation.category_id)
    cells: dict[tuple[int, int, int], int] = {}
    category_totals: dict[int, int] = defaultdict(int)
    for y, m, cid, n in session.execute(stmt):
        cells[(y, m, cid)] = int(n)
        category_totals[cid] += int(n)
    category_info = _category_info(session, category_totals, flt.date_to)
    categories = _sorted_categories(
        CategoryCount(cid, *category_info[cid], category_totals[cid]) for cid in category_info
    )
    months = tuple(months_between(flt.date_from, flt.date_to))
    return CategoryMonthSeries(months, tuple(categories), cells, _partial_months(flt, today))


# --- hotspots ------------------------------------------------------------------------------------


def _dominant_categories(
    session: Session, actor: Actor, flt: ObservationFilter, place_ids: list[int]
) -> dict[int, tuple[CategoryShare, ...]]:
    stmt = _events_by(
        actor, flt, Observation.place_id, Observation.category_id, where=[Observation.place_id.in_(place_ids)]
    )
    found = [(pid, cid, int(n)) for pid, cid, n in session.execute(stmt)]
    names = _category_info(session, (cid for _pid, cid, _n in found), flt.date_to)
    shares: dict[int, list[CategoryShare]] = defaultdict(list)
    for pid, cid, n in found:
        shares[pid].append(CategoryShare(cid, names[cid][0], n))
    return {
        pid: tuple(sorted(items, key=lambda s: (-s.count, _name_key(s.name), s.id))[:DOMINANT_CATEGORIES])
        for pid, items in shares.items()
    }


def hotspot_ranking(
    session: Session, actor: Actor, flt: ObservationFilter, limit: int | None = None
) -> list[HotspotRow]:
    """Places with events in the period: most events first, then the largest increase, then by name.

    Rank is the position in that order (1, 2, 3, ...). Places quiet in the period are left out even
    if they had events before, since a ranking of where things happen now is what the meeting needs.
    """
    conds, current_sum, previous_sum = _two_periods(actor, flt)
    stmt = (
        sa.select(Observation.place_id, current_sum, previous_sum)
        .where(*conds)
        .group_by(Observation.place_id)
        .having(current_sum > 0)
    )
    found = [(pid, int(n), int(p)) for pid, n, p in session.execute(stmt)]
    info = _place_info(session, (pid for pid, _n, _p in found))
    places = [(PlaceCount(pid, *info[pid], n), p) for pid, n, p in found]

    def order(pair: tuple[PlaceCount, int]) -> tuple:
        place, previous = pair
        return (-place.count, -(place.count - previous), _name_key(place.name), place.id)

    places.sort(key=order)
    if limit is not None:
        places = places[:limit]
    dominant = _dominant_categories(session, actor, flt, [place.id for place, _p in places]) if places else {}
    return [
        HotspotRow(
            rank=rank,
            place_id=place.id,
            place_name=place.name,
            district=place.district,
            count=place.count,
            previous_count=previous,
            change=place.count - previous,
            change_percent=_percent(place.count, previous),
            is_new=previous == 0,
            dominant_categories=dominant.get(place.id, ()),
        )
        for rank, (place, previous) in enumerate(places, start=1)
    ]
