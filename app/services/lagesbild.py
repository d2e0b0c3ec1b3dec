"""The lägesbild: event counts under a filter, grouped by period, place, category and time, done in SQL.

The counts come from the summaries the database keeps (app/db/models.py, app/services/summaries.py):
whole months from the monthly ones, the days at a period's edges from the daily ones. A filter no
summary can answer (a text in the description, a drill-down by weekday or hour) reads the
observations themselves; both ways give the same numbers, which tests/test_summaries.py checks.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db import sqlfunctions as sqlf
from app.db.models import (
    HOUR_BAND_HOURS,
    NO_TIME_BAND,
    Category,
    CategoryArea,
    Observation,
    ObservationDaySummary,
    ObservationHourSummary,
    ObservationMonthHourSummary,
    ObservationMonthSummary,
    Place,
)
from app.domain.periods import PartialMonth, months_between, partial_month
from app.services import summaries
from app.services.context import SYSTEM, Actor
from app.services.filters import (
    ObservationFilter,
    dimension_conditions,
    needs_base_table,
    observation_conditions,
    restricts_places,
)
from app.services.reference import period_in_force

HOUR_BANDS: tuple[tuple[int, int], ...] = tuple((h, h + HOUR_BAND_HOURS) for h in range(0, 24, HOUR_BAND_HOURS))
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
class MapPlace:
    """A place as the map shows it: where it is (None: no coordinates yet) and its events in the
    period and the one before under the filter."""

    place_id: int
    name: str
    district: str
    latitude: float | None
    longitude: float | None
    count: int
    previous_count: int
    dominant_categories: tuple[CategoryShare, ...] = ()

    @property
    def located(self) -> bool:
        return self.latitude is not None and self.longitude is not None


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


def _rows(session: Session, stmt) -> sa.CursorResult:
    """Run an aggregate through the session's connection: the rows without the ORM's result
    handling, which costs more than the query itself on a small summary. Pending changes of the
    session are flushed first, as the ORM's autoflush would."""
    if session.new or session.dirty or session.deleted:
        session.flush()
    return session.connection().execute(stmt)


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
    return {pid: (name, district) for pid, name, district in _rows(session, stmt)}


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
    return {cid: (name, area_id) for cid, name, area_id in _rows(session, stmt)}


# --- the cells everything else is summed from ---------------------------------------------------


@dataclass(frozen=True, order=True)
class Cell:
    """Events at one place of one event type under a filter, in its period and the one before."""

    place_id: int
    category_id: int
    count: int
    previous_count: int
    observations: int  # rows in the period


_ZERO = sa.literal_column("0", sa.BigInteger)


def _summary_cells(session: Session, actor: Actor, flt: ObservationFilter, previous: bool) -> list[Cell]:
    def columns(current: bool):
        def pick(t, sign: int) -> list:
            events = summaries.signed(sa.func.sum(t.events), sign)
            return [
                t.place_id.label("place_id"),
                t.category_id.label("category_id"),
                (events if current else _ZERO).label("current"),
                (_ZERO if current else events).label("previous"),
                (summaries.signed(sa.func.sum(t.observations), sign) if current else _ZERO).label("observations"),
            ]

        return pick

    def keys(t) -> list:
        return [t.place_id, t.category_id]

    daily, monthly = ObservationDaySummary, ObservationMonthSummary
    parts = summaries.period_selects(actor, flt, daily, monthly, columns(True), keys)
    if previous:
        parts += summaries.period_selects(actor, flt.previous(), daily, monthly, columns(False), keys)
    rows = summaries.union(parts)
    stmt = sa.select(
        rows.c.place_id,
        rows.c.category_id,
        sa.func.sum(rows.c.current),
        sa.func.sum(rows.c.previous),
        sa.func.sum(rows.c.observations),
    ).group_by(rows.c.place_id, rows.c.category_id)
    return [Cell(pid, cid, int(n), int(p), int(k)) for pid, cid, n, p, k in _rows(session, stmt)]


def _base_cells(session: Session, actor: Actor, flt: ObservationFilter, previous: bool) -> list[Cell]:
    if previous:
        conds, current, before = _two_periods(actor, flt)
        in_current = Observation.occurred_on >= flt.date_from
        rows: sa.ColumnElement[int] = sa.func.coalesce(sa.func.sum(sa.case((in_current, 1), else_=0)), 0)
    else:
        conds, current, before, rows = observation_conditions(actor, flt), EVENTS, _ZERO, sa.func.count()
    stmt = (
        sa.select(Observation.place_id, Observation.category_id, current, before, rows)
        .where(*conds)
        .group_by(Observation.place_id, Observation.category_id)
    )
    return [Cell(pid, cid, int(n), int(p), int(k)) for pid, cid, n, p, k in _rows(session, stmt)]


def cells(session: Session, actor: Actor, flt: ObservationFilter, *, previous: bool = True) -> list[Cell]:
    """Events per place and event type under the filter (and in the period before, if `previous`):
    one query, from the summaries where the filter allows. Cells without events are left out."""
    read = _base_cells if needs_base_table(flt) else _summary_cells
    return [c for c in read(session, actor, flt, previous) if c.count or c.previous_count]


def _current(found: Iterable[Cell]) -> list[Cell]:
    return [c for c in found if c.count]


# --- totals and breakdowns -----------------------------------------------------------------------


def _totals(flt: ObservationFilter, found: list[Cell]) -> PeriodTotals:
    count = sum(c.count for c in found)
    previous_count = sum(c.previous_count for c in found)
    prev = flt.previous()
    return PeriodTotals(
        date_from=flt.date_from,
        date_to=flt.date_to,
        previous_from=prev.date_from,
        previous_to=prev.date_to,
        count=count,
        previous_count=previous_count,
        change=count - previous_count,
        change_percent=_percent(count, previous_count),
    )


def totals(session: Session, actor: Actor, flt: ObservationFilter) -> PeriodTotals:
    """Events in the period and in the equally long period just before it."""
    return _totals(flt, cells(session, actor, flt))


def _by_place(found: Iterable[Cell]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for c in found:
        counts[c.place_id] += c.count
    return counts


def _by_category(found: Iterable[Cell]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for c in found:
        counts[c.category_id] += c.count
    return counts


def counts_by_place(session: Session, actor: Actor, flt: ObservationFilter) -> list[PlaceCount]:
    """Places with at least one event, most events first."""
    counts = _by_place(_current(cells(session, actor, flt, previous=False)))
    info = _place_info(session, counts)
    return _sorted_places(PlaceCount(pid, *info[pid], n) for pid, n in counts.items())


def _categories(
    session: Session, found: list[Cell], day: dt.date, names: Mapping[int, tuple[str, int | None]] | None = None
) -> list[CategoryCount]:
    counts = _by_category(found)
    info = names if names is not None else _category_info(session, counts, day)
    return _sorted_categories(CategoryCount(cid, *info[cid], n) for cid, n in counts.items())


def counts_by_category(session: Session, actor: Actor, flt: ObservationFilter) -> list[CategoryCount]:
    """Categories with at least one event, most events first."""
    return _categories(session, _current(cells(session, actor, flt, previous=False)), flt.date_to)


def _matrix(
    session: Session,
    found: list[Cell],
    day: dt.date,
    names: Mapping[int, tuple[str, int | None]] | None = None,
    place_names: Mapping[int, tuple[str, str]] | None = None,
) -> PlaceCategoryMatrix:
    current = _current(found)
    cell_counts = {(c.place_id, c.category_id): c.count for c in current}
    place_totals = _by_place(current)
    place_info = place_names if place_names is not None else _place_info(session, place_totals)
    places = _sorted_places(PlaceCount(pid, *place_info[pid], place_totals[pid]) for pid in place_info)
    categories = _categories(session, current, day, names)
    return PlaceCategoryMatrix(tuple(places), tuple(categories), cell_counts, sum(cell_counts.values()))


def place_category_matrix(session: Session, actor: Actor, flt: ObservationFilter) -> PlaceCategoryMatrix:
    return _matrix(session, cells(session, actor, flt, previous=False), flt.date_to)


@dataclass(frozen=True)
class Figures:
    """Everything the Lägesbild tab shows besides the weekday × time-of-day table, from one query."""

    totals: PeriodTotals
    hotspots: list[HotspotRow]
    categories: list[CategoryCount]
    place_category: PlaceCategoryMatrix
    observation_count: int  # rows (not events) in the period, for the paged list
    map_places: list[MapPlace] = field(default_factory=list)


def _places(session: Session, flt: ObservationFilter) -> dict[int, tuple[str, str, float | None, float | None, bool]]:
    """Name, district, coordinates and active flag of every place the filter admits: one small query."""
    stmt = sa.select(Place.id, Place.name, Place.district, Place.latitude, Place.longitude, Place.active)
    if flt.place_ids:
        stmt = stmt.where(Place.id.in_(flt.place_ids))
    if flt.districts:
        stmt = stmt.where(Place.district.in_(flt.districts))
    return {pid: (name, district, lat, lon, active) for pid, name, district, lat, lon, active in _rows(session, stmt)}


def _map_places(
    places: Mapping[int, tuple[str, str, float | None, float | None, bool]],
    found: list[Cell],
    hotspots: list[HotspotRow],
) -> list[MapPlace]:
    """Every place with events in either period, and every other active place the filter admits
    (a ring on the map: nothing happened there)."""
    before: dict[int, int] = defaultdict(int)
    for c in found:
        before[c.place_id] += c.previous_count
    spots = {h.place_id: h for h in hotspots}
    shown = []
    for pid, (name, district, lat, lon, active) in places.items():
        spot = spots.get(pid)
        if spot is None and not before.get(pid) and not active:
            continue
        count = spot.count if spot else 0
        dominant = spot.dominant_categories if spot else ()
        shown.append(MapPlace(pid, name, district, lat, lon, count, before.get(pid, 0), dominant))
    shown.sort(key=lambda p: (-p.count, -p.previous_count, _name_key(p.name), p.place_id))
    return shown


def figures(session: Session, actor: Actor, flt: ObservationFilter) -> Figures:
    found = cells(session, actor, flt)
    current = _current(found)
    names = _category_info(session, _by_category(current), flt.date_to)
    places = _places(session, flt)  # for the ranking, the matrix and the map
    with_events = _by_place(current)
    place_names = {pid: places[pid][:2] for pid in with_events if pid in places}
    if len(place_names) < len(with_events):  # a place the filter's own rule does not name
        place_names.update(_place_info(session, set(with_events) - set(place_names)))
    hotspots = _ranking(session, found, None, names, place_names)
    return Figures(
        totals=_totals(flt, found),
        hotspots=hotspots,
        categories=_categories(session, current, flt.date_to, names),
        place_category=_matrix(session, current, flt.date_to, names, place_names),
        observation_count=sum(c.observations for c in current),
        map_places=_map_places(places, found, hotspots),
    )


# --- over time -----------------------------------------------------------------------------------


def _partial_months(flt: ObservationFilter, today: dt.date | None) -> dict[tuple[int, int], PartialMonth]:
    months = months_between(flt.date_from, flt.date_to)
    found = {(y, m): partial_month(y, m, flt.date_from, flt.date_to, today) for y, m in months}
    return {key: part for key, part in found.items() if part is not None}


def _events_by_month(
    session: Session, actor: Actor, flt: ObservationFilter, by_category: bool
) -> dict[tuple[int, ...], int]:
    """Events per (year, month) or (year, month, category)."""
    found: dict[tuple[int, ...], int] = defaultdict(int)
    if needs_base_table(flt):
        by: list[Any] = [sqlf.Year(Observation.occurred_on), sqlf.Month(Observation.occurred_on)]
        by += [Observation.category_id] if by_category else []
        for *key, n in _rows(session, _events_by(actor, flt, *by)):
            found[tuple(key)] += int(n)
        return found

    def columns(t, sign: int) -> list:
        day = t.month if t is ObservationMonthSummary else t.occurred_on
        extra = [t.category_id.label("category_id")] if by_category else []
        return [day.label("day"), *extra, summaries.signed(t.events, sign).label("events")]

    rows = summaries.union(
        summaries.period_selects(actor, flt, ObservationDaySummary, ObservationMonthSummary, columns)
    )
    keys = [rows.c.day, *([rows.c.category_id] if by_category else [])]
    for day, *rest in _rows(session, sa.select(*keys, sa.func.sum(rows.c.events)).group_by(*keys)):
        *category, n = rest
        found[(day.year, day.month, *category)] += int(n)
    return found


def counts_by_month(
    session: Session, actor: Actor, flt: ObservationFilter, today: dt.date | None = None
) -> list[MonthCount]:
    """Every month the period touches, in order, with zero for months without events; a month counted
    only in part (in progress on `today`, or cut by the period) says so."""
    found = _events_by_month(session, actor, flt, by_category=False)
    partial = _partial_months(flt, today)
    return [
        MonthCount(y, m, found.get((y, m), 0), partial.get((y, m)))
        for y, m in months_between(flt.date_from, flt.date_to)
    ]


def counts_by_iso_week(session: Session, actor: Actor, flt: ObservationFilter) -> list[IsoWeekCount]:
    """Every ISO week the period touches, in order, with zero for weeks without events."""
    found: dict[tuple[int, int], int] = defaultdict(int)
    if needs_base_table(flt):
        weeks = _events_by(actor, flt, sqlf.IsoYear(Observation.occurred_on), sqlf.IsoWeek(Observation.occurred_on))
        for y, w, n in _rows(session, weeks):
            found[(y, w)] += int(n)
    else:
        daily = ObservationDaySummary
        stmt = (
            sa.select(daily.occurred_on, sa.func.sum(daily.events))
            .where(daily.occurred_on.between(flt.date_from, flt.date_to), *dimension_conditions(actor, flt, daily))
            .group_by(daily.occurred_on)
        )
        for day, n in _rows(session, stmt):
            week = day.isocalendar()
            found[(week.year, week.week)] += int(n)
    return [IsoWeekCount(y, w, found.get((y, w), 0)) for y, w in _iso_weeks(flt.date_from, flt.date_to)]


def _weekday_hour_from_base(session: Session, actor: Actor, flt: ObservationFilter):
    # The band as the summaries' triggers compute it (NO_TIME_BAND without a time), written inline
    # with no bound parameter, so PostgreSQL sees the same expression in GROUP BY.
    yield from _rows(session, _events_by(actor, flt, sqlf.IsoWeekday(Observation.occurred_on), summaries.hour_band()))


def _weekday_hour_from_summaries(session: Session, actor: Actor, flt: ObservationFilter):
    def columns(t, sign: int) -> list:
        weekday = t.weekday if t is ObservationMonthHourSummary else sqlf.IsoWeekday(t.occurred_on)
        return [weekday.label("weekday"), t.hour_band.label("band"), summaries.signed(t.events, sign).label("events")]

    rows = summaries.union(
        summaries.period_selects(actor, flt, ObservationHourSummary, ObservationMonthHourSummary, columns)
    )
    stmt = sa.select(rows.c.weekday, rows.c.band, sa.func.sum(rows.c.events)).group_by(rows.c.weekday, rows.c.band)
    # A month read whole less the days outside the period can leave a zero.
    yield from (found for found in _rows(session, stmt) if found[2])


def weekday_hour_matrix(session: Session, actor: Actor, flt: ObservationFilter) -> WeekdayHourMatrix:
    # The hour summaries have no places: a filter on places reads the observations.
    base = needs_base_table(flt) or restricts_places(flt)
    found = (_weekday_hour_from_base if base else _weekday_hour_from_summaries)(session, actor, flt)
    grid = [[0] * len(HOUR_BANDS) for _day in range(WEEKDAYS)]
    unknown = [0] * WEEKDAYS
    for day, hour_band, n in found:
        if hour_band == NO_TIME_BAND:
            unknown[day - 1] += int(n)
        else:
            grid[day - 1][hour_band] += int(n)
    return WeekdayHourMatrix(tuple(map(tuple, grid)), tuple(unknown))


def by_category_over_months(
    session: Session, actor: Actor, flt: ObservationFilter, today: dt.date | None = None
) -> CategoryMonthSeries:
    """Events per month and category; a month counted only in part is in `partial` (see counts_by_month)."""
    found = _events_by_month(session, actor, flt, by_category=True)
    cells_by_month: dict[tuple[int, int, int], int] = {}
    category_totals: dict[int, int] = defaultdict(int)
    for (y, m, cid), n in found.items():
        if not n:
            continue  # a month read whole less the days outside the period can leave a zero
        cells_by_month[(y, m, cid)] = n
        category_totals[cid] += n
    category_info = _category_info(session, category_totals, flt.date_to)
    categories = _sorted_categories(
        CategoryCount(cid, *category_info[cid], category_totals[cid]) for cid in category_info
    )
    months = tuple(months_between(flt.date_from, flt.date_to))
    return CategoryMonthSeries(months, tuple(categories), cells_by_month, _partial_months(flt, today))


# --- hotspots ------------------------------------------------------------------------------------


def _ranking(
    session: Session,
    found: list[Cell],
    limit: int | None,
    names: Mapping[int, tuple[str, int | None]],
    place_names: Mapping[int, tuple[str, str]] | None = None,
) -> list[HotspotRow]:
    current: dict[int, int] = defaultdict(int)
    before: dict[int, int] = defaultdict(int)
    for c in found:
        current[c.place_id] += c.count
        before[c.place_id] += c.previous_count
    with_events = [pid for pid, n in current.items() if n]
    info = _place_info(session, with_events) if place_names is None else {p: place_names[p] for p in with_events}
    places = [(PlaceCount(pid, *info[pid], current[pid]), before[pid]) for pid in info]

    def order(pair: tuple[PlaceCount, int]) -> tuple:
        place, previous = pair
        return (-place.count, -(place.count - previous), _name_key(place.name), place.id)

    places.sort(key=order)
    if limit is not None:
        places = places[:limit]
    shares: dict[int, list[CategoryShare]] = defaultdict(list)
    for c in _current(found):
        shares[c.place_id].append(CategoryShare(c.category_id, names[c.category_id][0], c.count))
    dominant = {
        pid: tuple(sorted(items, key=lambda s: (-s.count, _name_key(s.name), s.id))[:DOMINANT_CATEGORIES])
        for pid, items in shares.items()
    }
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


def hotspot_ranking(
    session: Session, actor: Actor, flt: ObservationFilter, limit: int | None = None
) -> list[HotspotRow]:
    """Places with events in the period: most events first, then the largest increase, then by name.

    Rank is the position in that order (1, 2, 3, ...). Places quiet in the period are left out even
    if they had events before, since a ranking of where things happen now is what the meeting needs.
    """
    found = cells(session, actor, flt)
    names = _category_info(session, _by_category(_current(found)), flt.date_to)
    return _ranking(session, found, limit, names)
