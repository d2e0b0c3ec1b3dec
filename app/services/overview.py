"""Everything the Lägesbild and samverkansområde screens show for one filter, fetched in one unit of work."""

from __future__ import annotations

from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from app.services import actions, followup, lagesbild, meetings, reference
from app.services.context import Actor
from app.services.filters import ObservationFilter
from app.services.observations import count_observations


@dataclass(frozen=True)
class LagesbildOverview:
    filter: ObservationFilter
    totals: lagesbild.PeriodTotals
    hotspots: list[lagesbild.HotspotRow]
    categories: list[lagesbild.CategoryCount]
    place_category: lagesbild.PlaceCategoryMatrix
    weekday_hour: lagesbild.WeekdayHourMatrix
    observation_count: int  # rows (not events) under the filter, for the paged list


def lagesbild_overview(session: Session, actor: Actor, flt: ObservationFilter) -> LagesbildOverview:
    return LagesbildOverview(
        filter=flt,
        totals=lagesbild.totals(session, actor, flt),
        hotspots=lagesbild.hotspot_ranking(session, actor, flt),
        categories=lagesbild.counts_by_category(session, actor, flt),
        place_category=lagesbild.place_category_matrix(session, actor, flt),
        weekday_hour=lagesbild.weekday_hour_matrix(session, actor, flt),
        observation_count=count_observations(session, actor, flt),
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


def area_overview(session: Session, actor: Actor, area_id: int, flt: ObservationFilter) -> AreaOverview:
    flt = replace(flt, area_ids=(area_id,))
    counted = {c.id: c for c in lagesbild.counts_by_category(session, actor, flt)}
    categories = [
        counted.get(c.id, lagesbild.CategoryCount(c.id, c.name, area_id, 0))
        for c in reference.list_categories(session, actor, area_id=area_id)
    ]
    categories.sort(key=lambda c: (-c.count, c.name))
    return AreaOverview(
        area=reference.get_area(session, actor, area_id),
        filter=flt,
        totals=lagesbild.totals(session, actor, flt),
        categories=categories,
        hotspots=lagesbild.hotspot_ranking(session, actor, flt, limit=10),
        actions=actions.list_actions(session, actor, area_id=area_id),
        indicators=followup.list_indicators(session, actor, area_id=area_id),
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
