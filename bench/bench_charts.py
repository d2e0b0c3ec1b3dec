"""Benchmark: one chart (weekday × hour heat map; events per month by category), built and written as PNG bytes,
against plain matplotlib drawing the same content.

    python bench/bench_charts.py [--observations 100000] [--postgres] [--url URL]

The charts' data come from the services once (the Uppföljning tab's `followup_charts` over the last
year); what is timed is the chart alone: building the figure (app/charts, with its fits to the
figure's size) and `figure_png_bytes` (Agg, 150 dpi). The floor is a minimal matplotlib script
drawing the same bars or image with the same labels, legend and numbers, at the same size and dpi,
(the bars' colours, hatches and edges too), with fixed margins and no layout engine, to PNG bytes. Both are timed interleaved.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure as MplFigure

from app.charts import monthly_by_category_chart, weekday_hour_heatmap
from app.charts.export import figure_png_bytes
from app.charts.style import EDGE, HATCHES, HEATMAP_CMAP, format_number, layer_style, month_label, weekday_abbr
from app.services.filters import ObservationFilter
from app.services.lagesbild import CategoryMonthSeries, WeekdayHourMatrix, hour_band_label
from app.services.overview import followup_charts
from app.services.runner import call
from bench.common import Bench, Figure, standalone, timed_figure

DPI = 150
REPEAT = 9


def _png(fig: MplFigure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    return buffer.getvalue()


def bare_heatmap(matrix: WeekdayHourMatrix) -> bytes:
    data = np.array(matrix.grid, dtype=float)
    fig = MplFigure(figsize=(8.0, 4.2), facecolor="white")
    fig.subplots_adjust(left=0.08, right=0.98, top=0.82, bottom=0.14)
    ax = fig.add_subplot()
    fig.suptitle("Events by weekday and time of day", x=0.01, ha="left", fontsize=11, fontweight="bold")
    ax.set_title("n events without a time of day are not shown", loc="left", fontsize=8)
    image = ax.imshow(data, cmap=HEATMAP_CMAP, aspect="auto")
    for (row, col), value in np.ndenumerate(data):
        ax.text(col, row, format_number(value, 0), ha="center", va="center", fontsize=8)
    ax.set_xticks(range(data.shape[1]), [hour_band_label(b) for b in range(data.shape[1])])
    ax.set_yticks(range(data.shape[0]), [weekday_abbr(d) for d in range(1, data.shape[0] + 1)])
    ax.set_xlabel("Time of day")
    colorbar = fig.colorbar(image, ax=ax, shrink=0.9)
    colorbar.ax.set_ylabel("Number of events")
    return _png(fig)


def bare_monthly(current: CategoryMonthSeries, previous: CategoryMonthSeries) -> bytes:
    fig = MplFigure(figsize=(9.0, 4.8), facecolor="white")
    fig.subplots_adjust(left=0.08, right=0.75, top=0.88, bottom=0.12)
    ax = fig.add_subplot()
    fig.suptitle("Events per month by event type", x=0.01, ha="left", fontsize=11, fontweight="bold")
    ranked = sorted(current.categories, key=lambda c: -c.count)
    x = range(len(current.months))
    base = [0.0] * len(current.months)
    for i, category in enumerate(ranked[:6]):
        values = current.series(category.id)
        colour, hatch = layer_style(i)
        ax.bar(x, values, 0.7, base, color=colour, hatch=hatch, edgecolor=EDGE, linewidth=0.6, label=category.name)
        base = [b + v for b, v in zip(base, values)]
    rest = [current.series(c.id) for c in ranked[6:]]
    if rest:
        values = [sum(column) for column in zip(*rest)]
        ax.bar(x, values, 0.7, base, color="#999999", hatch=HATCHES[-1], edgecolor=EDGE, linewidth=0.6, label="Others")
        base = [b + v for b, v in zip(base, values)]
    per_category = [previous.series(c.id) for c in previous.categories]
    before = [sum(column) for column in zip(*per_category)] if per_category else [0] * len(base)
    ax.plot(x, before, linestyle="--", color="black", marker="o", markerfacecolor="white", label="A year earlier")
    ax.set_xticks(x, [month_label(y, m) for y, m in current.months], fontsize=8)
    ax.set_ylabel("Number of events")
    ax.set_ylim(0, max([*base, *before, 1]) * 1.15)
    for pos, total in zip(x, base):
        ax.annotate(format_number(total, 0), (pos, total), xytext=(0, 3), textcoords="offset points", ha="center")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8)
    return _png(fig)


def figures(bench: Bench) -> list[Figure]:
    today = bench.today
    data = call(bench.db, bench.actor(), followup_charts, ObservationFilter(today - dt.timedelta(days=364), today))
    return [
        timed_figure(
            "One chart: weekday × hour heat map, built and as PNG",
            lambda: figure_png_bytes(weekday_hour_heatmap(data.weekday_hour), dpi=DPI),
            lambda: bare_heatmap(data.weekday_hour),
            "plain matplotlib, same image, numbers and labels",
            repeat=REPEAT,
            max_ratio=1.5,
        ),
        timed_figure(
            "One chart: events per month by category, built and as PNG",
            lambda: figure_png_bytes(monthly_by_category_chart(data.months, data.months_previous_year), dpi=DPI),
            lambda: bare_monthly(data.months, data.months_previous_year),
            "plain matplotlib, same stacked bars, line, labels, legend",
            repeat=REPEAT,
            max_ratio=1.5,
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    return standalone(figures, __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
