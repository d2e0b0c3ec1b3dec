"""The sets of figures each screen (and report) shows, built from one service result."""

from __future__ import annotations

from matplotlib.figure import Figure

from app.charts import (
    actions_by_area_chart,
    actions_on_time_chart,
    area_trend_chart,
    hotspot_chart,
    monthly_by_category_chart,
    weekday_hour_heatmap,
)
from app.charts.progress import indicator_progress_chart
from app.services.overview import AreaOverview, FollowUpCharts

FOLLOWUP_FIGURES = ("progress", "actions_by_area", "on_time", "hotspots", "months", "weekday_hour")


def followup_figures(data: FollowUpCharts) -> dict[str, Figure]:
    """Every chart of the Uppföljning tab, keyed as in FOLLOWUP_FIGURES."""
    return {
        "progress": indicator_progress_chart(data.indicators),
        "actions_by_area": actions_by_area_chart(data.actions_by_area),
        "on_time": actions_on_time_chart(data.on_time),
        "hotspots": hotspot_chart(data.hotspots),
        "months": monthly_by_category_chart(data.months, data.months_previous_year),
        "weekday_hour": weekday_hour_heatmap(data.weekday_hour),
    }


def area_trend_figure(overview: AreaOverview, title: str) -> Figure:
    return area_trend_chart(overview.months, overview.months_previous_year, title)
