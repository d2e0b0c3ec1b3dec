"""Uppföljning: one indicator's measurements against its baseline and target."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Annotation, Text

from app.charts.style import (
    BLACK,
    BLUE,
    FONT_SIZE,
    SMALL_SIZE,
    VERMILLION,
    axes_points,
    category_ticks,
    format_number,
    laid_out,
    month_label,
    new_axes,
    number_formatter,
    on_resize,
    set_titles,
    show_message,
    text_width,
)
from app.domain.periods import period_in_progress
from app.domain.vocabulary import Direction, Frequency
from app.i18n import _
from app.services.followup import IndicatorSeries, IndicatorStatus, SeriesPoint, indicator_status

_LABEL_GAP_POINTS = SMALL_SIZE * 1.4  # right-hand labels closer than this are pushed apart
_MAX_VALUE_LABELS = 12  # with more measurements only the latest is written out
_VALUE_OFFSET = 8  # points between a point and its value
_PAD_POINTS = _VALUE_OFFSET + SMALL_SIZE * 1.4 + 2  # room above and below the line for the values


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
    """From just below the lowest to just above the highest value, with room in points for the values' labels."""
    low, high = min(values), max(values)
    height = axes_points(ax)[1] or 200.0
    fraction = min(max(0.12, _PAD_POINTS / height), 0.3)
    pad = (high - low) * fraction / (1 - 2 * fraction) or max(abs(high) * 0.1, 1.0)
    bottom = 0.0 if low >= 0 and low - pad < 0 else low - pad
    ax.set_ylim(bottom, high + pad)


def _spread(fractions: list[float], gap: float) -> list[float]:
    """Push sorted positions apart so neighbouring labels do not overlap."""
    placed: list[float] = []
    for fraction in fractions:
        placed.append(max(fraction, placed[-1] + gap) if placed else fraction)
    return placed


def _draw_reference_lines(ax: Axes, lines: list[tuple[float, str, str, str]]) -> list[Text]:
    """Horizontal lines, each labelled just right of the axes (placed by `_place_reference_labels`)."""
    texts = []
    for value, text, colour, style in sorted(lines, key=lambda line: line[0]):
        ax.axhline(value, color=colour, linestyle=style, linewidth=1.5, label=text, zorder=2)
        texts.append(
            ax.text(1.01, 0, text, transform=ax.transAxes, color=colour, fontsize=SMALL_SIZE, va="center", ha="left")
        )
    return texts


def _place_reference_labels(ax: Axes, lines: list[tuple[float, str, str, str]], texts: list[Text]) -> None:
    """Each line's label at the line's height, pushed apart by at least a line of text."""
    bottom, top = ax.get_ylim()
    values = sorted(value for value, *_rest in lines)
    gap = _LABEL_GAP_POINTS / (axes_points(ax)[1] or 200.0)
    for text, height in zip(texts, _spread([(v - bottom) / (top - bottom) for v in values], gap)):
        text.set_y(height)


def _value_labels(ax: Axes, values: Sequence[float]) -> list[Annotation]:
    """Each value beside its point, away from the line; only the latest when there are many or they
    stand too close for their numbers."""
    low, high = ax.get_xlim()
    pitch = axes_points(ax)[0] / (high - low)  # points from one point to the next
    widest = max(text_width(format_number(value, 2)) for value in values)
    fits = len(values) <= _MAX_VALUE_LABELS and pitch >= widest + 4
    shown = range(len(values)) if fits else (len(values) - 1,)
    placed = []
    for x in shown:
        above = _label_above(values, x)
        offset = _VALUE_OFFSET if above else -_VALUE_OFFSET
        style: dict[str, Any] = {"xytext": (0, offset), "va": "bottom" if above else "top"}
        placed.append(
            ax.annotate(
                format_number(values[x], 2),
                (x, values[x]),
                textcoords="offset points",
                ha="center",
                fontsize=SMALL_SIZE,
                color=BLUE,
                **style,
            )
        )
    return placed


def _plot(ax: Axes, values: Sequence[float], preliminary: Sequence[bool]) -> None:
    """The measured values as markers joined by a line; values of periods not yet ended open, joined by a
    dotted line. The first line drawn holds every value (the markers), so a reader of the chart finds them."""
    positions = range(len(values))
    ax.plot(positions, values, color=BLUE, linestyle="none", marker="o", label=_("Measured value"), zorder=3)
    final = [value if not early else math.nan for value, early in zip(values, preliminary)]
    ax.plot(positions, final, color=BLUE, linewidth=2, zorder=3)
    early = [i for i, flag in enumerate(preliminary) if flag]
    if early:
        before = [i for i in range(early[0]) if not preliminary[i]]
        joined = before[-1:] + early
        ax.plot(joined, [values[i] for i in joined], color=BLUE, linewidth=1.5, linestyle=":", zorder=3)
        ax.plot(
            early,
            [values[i] for i in early],
            linestyle="none",
            marker="o",
            markerfacecolor="white",
            markeredgecolor=BLUE,
            markeredgewidth=1.5,
            color=BLUE,
            label=_("preliminary: the period has not ended"),
            zorder=4,
        )


def indicator_chart(series: IndicatorSeries, today: dt.date | None = None) -> Figure:
    """Measurements as a line with markers, the baseline and the target as labelled horizontal lines.

    A value for a period that has not ended by `today` (the domain's rule, periods.period_in_progress)
    is drawn as preliminary: an open marker on a dotted line, named in a legend below the plot.
    """
    fig, ax = new_axes(8.0, 4.5)
    set_titles(fig, ax, series.name, _note(series))
    if not series.points:
        show_message(ax, _("No measurements yet"))
        return fig
    values = [point.value for point in series.points]
    preliminary = [period_in_progress(series.frequency, point.period_start, today) for point in series.points]
    lines = _reference_lines(series)
    _plot(ax, values, preliminary)
    reference_texts = _draw_reference_lines(ax, lines)
    category_ticks(ax, [_point_label(series.frequency, point) for point in series.points])
    ax.yaxis.set_major_formatter(number_formatter(2))
    ax.set_ylabel(series.unit, fontsize=FONT_SIZE)
    if any(preliminary):
        handles, labels = ax.get_legend_handles_labels()
        early = [(h, text) for h, text in zip(handles, labels) if text == _("preliminary: the period has not ended")]
        fig.legend(*zip(*early), loc="outside lower center", fontsize=SMALL_SIZE, frameon=False)
    placed: list[Annotation] = []

    def fit() -> None:
        for old in placed:
            old.remove()
        laid_out(fig)
        _y_limits(ax, values + [value for value, *_rest in lines])
        _place_reference_labels(ax, lines, reference_texts)
        placed[:] = _value_labels(ax, values)

    on_resize(fig, fit)
    return fig
