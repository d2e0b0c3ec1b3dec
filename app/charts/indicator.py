"""Uppföljning: one indicator's measurements against its baseline and target."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from app.charts.style import (
    BLACK,
    BLUE,
    FONT_SIZE,
    SMALL_SIZE,
    VERMILLION,
    category_ticks,
    format_number,
    month_label,
    new_axes,
    number_formatter,
    set_titles,
    show_message,
)
from app.domain.vocabulary import Direction, Frequency
from app.i18n import _
from app.services.followup import IndicatorSeries, IndicatorStatus, SeriesPoint, indicator_status

_MIN_LABEL_GAP = 0.07  # in axes fractions: right-hand labels closer than this are pushed apart
_MAX_VALUE_LABELS = 12  # with more measurements only the latest is written out


def _point_label(frequency: Frequency, point: SeriesPoint) -> str:
    if Frequency(frequency) is Frequency.MONTHLY:
        return month_label(point.period_start.year, point.period_start.month)
    return point.label


def _note(series: IndicatorSeries) -> str:
    note = _("Lower is better") if Direction(series.direction) is Direction.LOWER else _("Higher is better")
    latest = series.points[-1].value if series.points else None
    status = indicator_status(series.direction, latest, series.target_value, series.baseline_value)
    if status is IndicatorStatus.ON_TRACK:
        note += " · " + _("latest value on track")
    elif status is IndicatorStatus.OFF_TRACK:
        note += " · " + _("latest value off track")
    return note


def _reference_lines(series: IndicatorSeries) -> list[tuple[float, str, str, str]]:
    """(value, text, colour, line style) of the baseline and the target, where set."""
    lines = []
    if series.baseline_value is not None:
        value = format_number(series.baseline_value, 2)
        text = (
            _("Baseline {value} ({period})", value=value, period=series.baseline_period)
            if series.baseline_period
            else _("Baseline {value}", value=value)
        )
        lines.append((series.baseline_value, text, BLACK, "--"))
    if series.target_value is not None:
        text = _("Target {value}", value=format_number(series.target_value, 2))
        lines.append((series.target_value, text, VERMILLION, "-."))
    return lines


def _label_above(values: Sequence[float], index: int) -> bool:
    """Write a point's value above it unless the line runs higher on both sides (a dip)."""
    neighbours = [values[i] for i in (index - 1, index + 1) if 0 <= i < len(values)]
    return not neighbours or values[index] >= sum(neighbours) / len(neighbours)


def _y_limits(ax: Axes, values: Sequence[float]) -> None:
    low, high = min(values), max(values)
    pad = (high - low) * 0.12 or max(abs(high) * 0.1, 1.0)
    bottom = 0.0 if low >= 0 and low - pad < 0 else low - pad
    ax.set_ylim(bottom, high + pad)


def _spread(fractions: list[float]) -> list[float]:
    """Push sorted positions apart so neighbouring labels do not overlap."""
    placed: list[float] = []
    for fraction in fractions:
        placed.append(max(fraction, placed[-1] + _MIN_LABEL_GAP) if placed else fraction)
    return placed


def _draw_reference_lines(ax: Axes, lines: list[tuple[float, str, str, str]]) -> None:
    """Horizontal lines labelled in the plot, just right of the axes, at their own height."""
    bottom, top = ax.get_ylim()
    ordered = sorted(lines, key=lambda line: line[0])
    heights = _spread([(value - bottom) / (top - bottom) for value, *_rest in ordered])
    for (value, text, colour, style), height in zip(ordered, heights):
        ax.axhline(value, color=colour, linestyle=style, linewidth=1.5, label=text, zorder=2)
        ax.text(1.01, height, text, transform=ax.transAxes, color=colour, fontsize=SMALL_SIZE, va="center", ha="left")


def _value_labels(ax: Axes, values: Sequence[float]) -> None:
    """Each value beside its point (only the latest when there are many), away from the line."""
    shown = range(len(values)) if len(values) <= _MAX_VALUE_LABELS else (len(values) - 1,)
    for x in shown:
        above = _label_above(values, x)
        style: dict[str, Any] = {"xytext": (0, 8), "va": "bottom"} if above else {"xytext": (0, -8), "va": "top"}
        ax.annotate(
            format_number(values[x], 2),
            (x, values[x]),
            textcoords="offset points",
            ha="center",
            fontsize=SMALL_SIZE,
            color=BLUE,
            **style,
        )


def indicator_chart(series: IndicatorSeries) -> Figure:
    """Measurements as a line with markers, the baseline and the target as labelled horizontal lines."""
    fig, ax = new_axes(8.0, 4.5)
    set_titles(fig, ax, series.name, _note(series))
    if not series.points:
        show_message(ax, _("No measurements yet"))
        return fig
    values = [point.value for point in series.points]
    lines = _reference_lines(series)
    _y_limits(ax, values + [value for value, *_rest in lines])
    ax.plot(range(len(values)), values, color=BLUE, linewidth=2, marker="o", label=_("Measured value"), zorder=3)
    _value_labels(ax, values)
    _draw_reference_lines(ax, lines)
    category_ticks(ax, [_point_label(series.frequency, point) for point in series.points])
    ax.yaxis.set_major_formatter(number_formatter(2))
    ax.set_ylabel(series.unit, fontsize=FONT_SIZE)
    return fig
