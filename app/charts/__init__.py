"""Headless matplotlib charts of the lägesbild, the åtgärdsplan and the uppföljning.

Every builder takes the services' plain dataclasses and returns a `matplotlib.figure.Figure`
(created directly, no global state, no Qt): the GUI embeds it in a Qt canvas, exports save it with `save_figure`.
Importing this package imports matplotlib, so callers that may not need a chart import it lazily.
"""

from __future__ import annotations

from app.charts.actions import actions_by_area_chart, actions_on_time_chart
from app.charts.events import (
    area_trend_chart,
    hotspot_chart,
    monthly_by_category_chart,
    weekday_hour_heatmap,
    weekly_chart,
)
from app.charts.export import ChartExportError, ChartMarking, figure_png_bytes, save_figure
from app.charts.indicator import indicator_chart

__all__ = [
    "ChartExportError",
    "ChartMarking",
    "actions_by_area_chart",
    "actions_on_time_chart",
    "area_trend_chart",
    "figure_png_bytes",
    "hotspot_chart",
    "indicator_chart",
    "monthly_by_category_chart",
    "save_figure",
    "weekday_hour_heatmap",
    "weekly_chart",
]
