"""Everything the Lägesbild and samverkansområde screens show for one filter, fetched in one unit of work."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from app.services import action_summary, actions, followup, lagesbild, meetings, reference
from app.services.context import Actor
from app.services.filters import ObservationFilter


@dataclass(frozen=True)
class LagesbildOverview:
    filter: ObservationFilter
    totals: lagesbild.PeriodTotals
    hotspots: list[lagesbild.HotspotRow]
    categories: list[lagesbild.CategoryCount]
    place_category: lagesbild.PlaceCategoryMatrix
    weekday_hour: lagesbild.WeekdayHourMatrix
    observation_count: int  # rows (not events) under the filter, for the paged list
    map_places: list[lagesbild.MapPlace]  # every place the map shows, with or without coordinates
    # With a text search: the events under the same filters without it, so the screen can say what it narrows.
    unsearched_count: int | None = None


def lagesbild_overview(session: Session, actor: Actor, flt: ObservationFilter) -> LagesbildOverview:
    """Two queries of the summaries (the cells, the weekday × time-of-day table), or of the
    observations under a text search, which also counts what the search narrows."""
    unsearched = lagesbild.totals(session, actor, replace(flt, text="")).count if flt.text.strip() else None
    figures = lagesbild.figures(session, actor, flt)
    return LagesbildOverview(
        filter=flt,
        totals=figures.totals,
        hotspots=figures.hotspots,
        categories=figures.categories,
        place_category=figures.place_category,
        weekday_hour=lagesbild.weekday_hour_matrix(session, actor, flt),
        observation_count=figures.observation_count,
        map_places=figures.map_places,
        unsearched_count=unsearched,
    )


@dataclass(frozen=True)
class AreaOverview:
    """What a samverkansområde tab shows: its figures, categories, places, actions and indicators."""

    area: reference.AreaRow
    filter: ObservationFilter
    totals: lagesbild.PeriodTotals
    categories: list[lagesbild.CategoryCount]  # every category of the area, zero counts included
    hotspots: list[lagesbild.HotspotRow]
    actions: list[actions.ActionRow]
    indicators: list[followup.IndicatorRow]
    months: list[lagesbild.MonthCount]  # the trend: at least the last 12 months up to the period's end
    months_previous_year: list[lagesbild.MonthCount]  # the same months one year earlier


def area_overview(
    session: Session, actor: Actor, area_id: int, flt: ObservationFilter, today: dt.date | None = None
) -> AreaOverview:
    flt = replace(flt, area_ids=(area_id,))
    figures = lagesbild.figures(session, actor, flt)
    counted = {c.id: c for c in figures.categories}
    categories = [
        counted.get(c.id, lagesbild.CategoryCount(c.id, c.name, area_id, 0))
        for c in reference.list_categories(session, actor, area_id=area_id)
    ]
    categories.sort(key=lambda c: (-c.count, c.name))
    return AreaOverview(
        area=reference.get_area(session, actor, area_id),
        filter=flt,
        totals=figures.totals,
        categories=categories,
        hotspots=figures.hotspots[:10],
        actions=actions.list_actions(session, actor, area_id=area_id),
        indicators=followup.list_indicators(session, actor, area_id=area_id),
        months=lagesbild.counts_by_month(session, actor, trend_filter(flt), today),
        months_previous_year=lagesbild.counts_by_month(session, actor, year_before(trend_filter(flt)), today),
    )


@dataclass(frozen=True)
class FollowUpOverview:
    """The Uppföljning screen: indicators against their targets and the follow-up meetings."""

    indicators: list[followup.IndicatorRow]
    meetings: list[meetings.MeetingRow]


def followup_overview(session: Session, actor: Actor) -> FollowUpOverview:
    return FollowUpOverview(
        indicators=followup.list_indicators(session, actor, active_only=False),
        meetings=meetings.list_meetings(session, actor),
    )


# --- charts -----------------------------------------------------------------------------------------

TREND_DAYS = 365


def trend_filter(flt: ObservationFilter) -> ObservationFilter:
    """The span of a monthly trend chart: whole months, and at least a year, up to the period's end.

    A trend over the four weeks the toolbar may show would be one or two bars; the chart answers
    "is it rising?", which needs the months before.
    """
    start = min(flt.date_from, flt.date_to - dt.timedelta(days=TREND_DAYS - 1)).replace(day=1)
    return replace(flt, date_from=start)


def _year_earlier(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def year_before(flt: ObservationFilter) -> ObservationFilter:
    """The same dates one year earlier, for "the same month last year"."""
    return replace(flt, date_from=_year_earlier(flt.date_from), date_to=_year_earlier(flt.date_to))


@dataclass(frozen=True)
class FollowUpCharts:
    """What the Uppföljning charts show: targets, actions, where it is getting worse, and when."""

    filter: ObservationFilter
    indicators: list[followup.IndicatorRow]
    actions_by_area: list[action_summary.AreaActionCounts]
    on_time: list[action_summary.TertialOnTime]
    hotspots: list[lagesbild.HotspotRow]
    months: lagesbild.CategoryMonthSeries
    months_previous_year: lagesbild.CategoryMonthSeries
    weekday_hour: lagesbild.WeekdayHourMatrix


def followup_charts(session: Session, actor: Actor, flt: ObservationFilter) -> FollowUpCharts:
    trend = trend_filter(flt)
    return FollowUpCharts(
        filter=flt,
        indicators=followup.list_indicators(session, actor),
        actions_by_area=action_summary.action_counts_by_area(session, actor),
        on_time=action_summary.actions_on_time_by_tertial(session, actor),
        hotspots=lagesbild.hotspot_ranking(session, actor, flt, limit=10),
        months=lagesbild.by_category_over_months(session, actor, trend),
        months_previous_year=lagesbild.by_category_over_months(session, actor, year_before(trend)),
        weekday_hour=lagesbild.weekday_hour_matrix(session, actor, flt),
    )
