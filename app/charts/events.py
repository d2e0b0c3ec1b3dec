"""Lägesbild charts: events per month and category, hotspots, weekday × time of day, trends."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from app.charts.margins import PlotAndColorbarLayout
from app.charts.style import (
    BLACK,
    BLUE,
    EDGE,
    GREY,
    HATCHES,
    HEATMAP_CMAP,
    MUTED_TEXT,
    SMALL_SIZE,
    Layer,
    axes_points,
    bar_labels,
    category_ticks,
    change_label,
    count_axis,
    format_number,
    iso_week_label,
    laid_out,
    layer_style,
    legend,
    mark_partial_months,
    month_label,
    month_ticks,
    new_axes,
    on_resize,
    previous_year_line,
    row_ticks,
    set_titles,
    show_message,
    stacked_bars,
    weekday_abbr,
)
from app.domain.periods import PartialMonth
from app.i18n import _, ngettext
from app.services.lagesbild import (
    CategoryCount,
    CategoryMonthSeries,
    HotspotRow,
    IsoWeekCount,
    MonthCount,
    WeekdayHourMatrix,
    hour_band_label,
)

# --- events per month ----------------------------------------------------------------------------


def _month_totals(series: CategoryMonthSeries) -> list[int]:
    per_category = [series.series(category.id) for category in series.categories]
    return [sum(column) for column in zip(*per_category)] if per_category else [0] * len(series.months)


def _category_layers(series: CategoryMonthSeries, max_categories: int) -> list[Layer]:
    """The `max_categories` largest categories, each in its own colour and hatch, then the rest as "Others"."""
    ranked: list[CategoryCount] = sorted(series.categories, key=lambda c: (-c.count, c.name.casefold()))
    layers = [Layer(c.name, series.series(c.id), *layer_style(i)) for i, c in enumerate(ranked[:max_categories])]
    rest = [series.series(c.id) for c in ranked[max_categories:]]
    if rest:
        layers.append(Layer(_("Others"), [sum(column) for column in zip(*rest)], GREY, HATCHES[-1]))
    return layers


def monthly_by_category_chart(
    current: CategoryMonthSeries, previous: CategoryMonthSeries | None = None, max_categories: int = 6
) -> Figure:
    """Stacked bars of events per month by category; optionally last year's monthly totals as a dashed line."""
    if previous is not None and len(previous.months) != len(current.months):
        raise ValueError("previous must cover as many months as current")
    fig, ax = new_axes(9.0, 4.8)
    set_titles(fig, ax, _("Events per month by event type"))
    if not current.months:
        show_message(ax, _("No events in the period"))
        return fig
    parts = current.partial_months()
    totals = stacked_bars(ax, _category_layers(current, max_categories))
    previous_totals = _month_totals(previous) if previous is not None else None
    if previous_totals is not None:
        previous_year_line(ax, previous_totals, previous.partial_months() if previous is not None else ())
    partial = mark_partial_months(ax, current.months, parts)
    month_ticks(ax, current.months)
    count_axis(ax, "y", _("Number of events"))
    legend(ax, reverse=True, extra=partial)
    texts = [format_number(t, 0) for t in totals]
    bar_labels(ax, max([*totals, *(previous_totals or [])]), range(len(totals)), totals, texts, avoid=previous_totals)
    return fig


def _trend(
    title: str,
    note: str,
    labels: list[str],
    counts: list[int],
    previous: list[int] | None,
    months: Sequence[tuple[int, int]] = (),
    parts: Sequence[PartialMonth | None] = (),
    previous_parts: Sequence[PartialMonth | None] = (),
) -> Figure:
    """Bars of counts per period, optionally the same periods a year earlier as a dashed line; months
    counted only in part (`parts`, aligned with `months`) drawn as partial."""
    if previous is not None and len(previous) != len(counts):
        raise ValueError("previous must cover as many periods as current")
    fig, ax = new_axes(8.0, 4.0)
    set_titles(fig, ax, title, note)
    if not counts:
        show_message(ax, _("No events in the period"))
        return fig
    ax.bar(range(len(counts)), counts, width=0.7, color=BLUE, edgecolor=EDGE, linewidth=0.6, label=_("Events"))
    if previous is not None:
        previous_year_line(ax, previous, previous_parts)
    partial = mark_partial_months(ax, months, parts)
    if previous is not None or partial:
        legend(ax, reverse=previous is not None, loc="below", extra=partial)
    category_ticks(ax, labels)
    count_axis(ax, "y", _("Number of events"))
    texts = [format_number(c, 0) for c in counts] if len(counts) <= 24 else []
    bar_labels(
        ax,
        max(counts + (previous or [])),
        range(len(texts)),
        counts,
        texts,
        inside=previous is not None,
        avoid=previous,
    )
    return fig


def area_trend_chart(current: list[MonthCount], previous: list[MonthCount] | None, title: str) -> Figure:
    """Events per month for one samverkansområde as bars; the same months a year earlier as a dashed line."""
    labels = [month_label(m.year, m.month) for m in current]
    previous_counts = [m.count for m in previous] if previous is not None else None
    months = [(m.year, m.month) for m in current]
    parts = [m.partial for m in current]
    previous_parts = [m.partial for m in previous] if previous is not None else []
    return _trend(
        title, _("Events per month"), labels, [m.count for m in current], previous_counts, months, parts, previous_parts
    )


def _week_span(weeks: Sequence[IsoWeekCount]) -> str:
    """'v. 40 2025 – v. 7 2026': the ticks show only week numbers."""
    first, last = weeks[0], weeks[-1]
    return f"{iso_week_label(first.iso_week)} {first.iso_year} – {iso_week_label(last.iso_week)} {last.iso_year}"


def weekly_chart(weeks: list[IsoWeekCount], title: str | None = None) -> Figure:
    """Events per ISO week as bars, ticks 'v. 47'."""
    labels = [iso_week_label(w.iso_week) for w in weeks]
    note = _week_span(weeks) if weeks else ""
    return _trend(title or _("Events per week"), note, labels, [w.count for w in weeks], None)


# --- hotspots ------------------------------------------------------------------------------------


def hotspot_chart(rows: list[HotspotRow], limit: int = 10) -> Figure:
    """The places with most events, most at the top, each with its count and change since the previous period."""
    shown = sorted(rows, key=lambda r: r.rank)[:limit]
    fig, ax = new_axes(8.0, 1.2 + 0.42 * max(len(shown), 3), grid="x")
    set_titles(fig, ax, _("Places with the most events"))
    if not shown:
        show_message(ax, _("No events in the period"))
        return fig
    positions = range(len(shown))
    counts = [r.count for r in shown]
    previous = [r.previous_count for r in shown]
    ax.barh(positions, counts, height=0.6, color=BLUE, edgecolor=EDGE, linewidth=0.6, label=_("This period"))
    (marks,) = ax.plot(
        previous,
        positions,
        linestyle="none",
        marker="|",
        markersize=20,
        markeredgewidth=2.5,
        color=BLACK,
        label=_("Previous period"),
    )
    ends = [max(c, p) for c, p in zip(counts, previous)]
    texts = [
        f"{format_number(r.count, 0)}   {change_label(r.count, r.previous_count, r.change_percent)}" for r in shown
    ]
    row_ticks(ax, [r.place_name for r in shown])
    count_axis(ax, "x", _("Number of events"))
    legend(ax, reverse=True, loc="below")

    def fit_marks() -> None:  # as tall as a bar, so a mark never reaches the next row's label
        laid_out(fig)
        marks.set_markersize(min(20.0, 0.6 * axes_points(ax)[1] / (len(shown) + 0.2)))

    on_resize(fig, fit_marks)
    bar_labels(ax, max(ends), positions, ends, texts, horizontal=True)
    return fig


# --- weekday × time of day -----------------------------------------------------------------------


def _text_colour(rgba: tuple[float, float, float, float]) -> str:
    """Black on light cells, white on dark ones (relative luminance)."""
    red, green, blue, _alpha = rgba
    return "white" if 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5 else BLACK


def _annotate_cells(ax: Axes, data: np.ndarray, norm: Normalize) -> None:
    cmap = colormaps[HEATMAP_CMAP]
    for (row, col), value in np.ndenumerate(data):
        colour = _text_colour(cmap(norm(value)))
        ax.text(col, row, format_number(value, 0), ha="center", va="center", fontsize=SMALL_SIZE, color=colour)


def weekday_hour_heatmap(matrix: WeekdayHourMatrix) -> Figure:
    """Events per weekday (rows, Monday first) and three-hour band (columns), each cell with its number."""
    data = np.array(matrix.grid, dtype=float)
    unknown = sum(matrix.unknown_time)
    note = (
        ngettext(
            "{n} event without a time of day is not shown",
            "{n} events without a time of day are not shown",
            unknown,
            n=format_number(unknown, 0),
        )
        if unknown
        else ""
    )
    fig, ax = new_axes(8.0, 4.2, grid="")
    # margins by hand from the texts' sizes: the constrained layout would measure each of the numbers, each time
    cax = fig.add_axes((0.9, 0.15, 0.02, 0.7))
    fig.set_layout_engine(PlotAndColorbarLayout(ax, cax, shrink=0.9))
    norm = Normalize(vmin=0, vmax=max(float(data.max(initial=0)), 1.0))
    image = ax.imshow(data, cmap=HEATMAP_CMAP, norm=norm, aspect="auto")
    _annotate_cells(ax, data, norm)
    ax.set_xticks(range(data.shape[1]), [hour_band_label(band) for band in range(data.shape[1])])
    ax.set_yticks(range(data.shape[0]), [weekday_abbr(day) for day in range(1, data.shape[0] + 1)])
    ax.tick_params(length=0)
    ax.spines[:].set_visible(False)
    ax.set_xlabel(_("Time of day"), color=MUTED_TEXT)
    colorbar = fig.colorbar(image, cax=cax)
    count_axis(colorbar.ax, "y", _("Number of events"))
    colorbar.ax.tick_params(labelsize=SMALL_SIZE)
    set_titles(fig, ax, _("Events by weekday and time of day"), note)  # last: the note is wrapped to the plot's width
    return fig


__all__ = [
    "area_trend_chart",
    "hotspot_chart",
    "monthly_by_category_chart",
    "weekday_hour_heatmap",
    "weekly_chart",
]
