"""All indicators at a glance: each one's latest value against its target (and where it started)."""

from __future__ import annotations

from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.text import Annotation

from app.charts.style import (
    BLACK,
    BLUISH_GREEN,
    EDGE,
    HALO,
    MUTED_TEXT,
    SMALL_SIZE,
    VERMILLION,
    axes_points,
    format_number,
    horizontal_room,
    laid_out,
    legend,
    new_axes,
    on_resize,
    set_titles,
    show_message,
    text_width,
)
from app.domain.vocabulary import Direction
from app.i18n import _
from app.services.followup import IndicatorRow, IndicatorStatus

SHOWN_MAX = 200.0  # per cent of the target; longer bars are cut, the label keeps the true value
LABEL_OFFSET = 6  # points between a bar's end (or its baseline mark) and its label
MAX_NAME = 40
MIN_SIZE = 6.5  # points: the smallest the rows' texts get in a low pane


def percent_of_target(value: float | None, target: float | None) -> float | None:
    """`value` as per cent of the target; None without a value or a (non-zero) target."""
    if value is None or target is None or target == 0:
        return None
    return 100.0 * value / target


def _short(name: str) -> str:
    return name if len(name) <= MAX_NAME else name[: MAX_NAME - 1] + "…"


def _label(row: IndicatorRow) -> str:
    if row.latest_value is None:
        return _("no measurements yet")
    value = format_number(row.latest_value)
    if row.target_value is None:
        return _("{value} {unit}; no target set", value=value, unit=row.unit).strip()
    arrow = "↓" if row.direction is Direction.LOWER else "↑"  # which way is better
    return _("{value} of target {arrow}{target}", value=value, target=format_number(row.target_value), arrow=arrow)


def indicator_progress_chart(rows: Sequence[IndicatorRow]) -> Figure:
    """One bar per indicator: its latest value as per cent of its target, the target at 100 %.

    Green and plain when on track, vermilion and hatched when not (so the status reads in black and
    white too); a black mark shows the baseline, so the way travelled is visible.
    """
    height = max(2.8, 0.42 * len(rows) + 1.6)
    fig, ax = new_axes(9.0, height, grid="x")
    set_titles(
        fig,
        ax,
        _("Indicators against their targets"),
        _("Latest value as % of the target; ↓ lower is better, ↑ higher"),
    )
    if not rows:
        show_message(ax, _("No indicators yet"))
        return fig
    positions = list(range(len(rows)))[::-1]  # the first indicator at the top
    labelled: set[str] = set()
    anchors: list[float] = []
    texts: list[str] = []
    labels: list[Annotation] = []
    for pos, row in zip(positions, rows):
        latest = percent_of_target(row.latest_value, row.target_value)
        anchor = 0.0
        if latest is not None:
            on_track = row.status is IndicatorStatus.ON_TRACK
            key = "on" if on_track else "off"
            shown = min(max(latest, 0.0), SHOWN_MAX)
            ax.barh(
                pos,
                shown,
                height=0.6,
                color=BLUISH_GREEN if on_track else VERMILLION,
                hatch="" if on_track else "///",
                edgecolor=EDGE,
                linewidth=0.6,
                label=(_("On track") if on_track else _("Off track")) if key not in labelled else None,
            )
            labelled.add(key)
            anchor = shown
        baseline = percent_of_target(row.baseline_value, row.target_value)
        if baseline is not None:
            x = min(max(baseline, 0.0), SHOWN_MAX)
            ax.plot(
                [x, x],
                [pos - 0.38, pos + 0.38],
                color=BLACK,
                linewidth=2.5,
                label=_("Baseline") if "base" not in labelled else None,
            )
            labelled.add("base")
            anchor = max(anchor, x)
        text = ax.annotate(
            _label(row),
            (anchor, pos),
            xytext=(LABEL_OFFSET, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=SMALL_SIZE,
            color=MUTED_TEXT if latest is None else "black",
            path_effects=[HALO],  # readable where it crosses the target line
        )
        text.set_in_layout(False)  # labels live inside the axes' reserved room; keep them out of the layout
        anchors.append(anchor)
        texts.append(text.get_text())
        labels.append(text)
    ax.axvline(100.0, color=EDGE, linewidth=1.2, linestyle="--")
    ax.set_yticks(positions, [_short(r.name) for r in rows], fontsize=SMALL_SIZE)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.spines["bottom"].set_bounds(0, SHOWN_MAX)
    legend(ax, loc="below")
    tick_names = {t: _("target") if t == 100 else f"{t} %" for t in (0, 50, 100, 150, 200)}
    widest_tick = max(text_width(name) for name in tick_names.values()) + 8

    def fit() -> None:
        laid_out(fig)
        pitch = axes_points(ax)[1] / (len(rows) + 0.4)  # points from one row to the next
        size = max(MIN_SIZE, min(SMALL_SIZE, (pitch - 1.5) / 1.25))  # in a low pane the rows' texts shrink
        for text in [*labels, *ax.get_yticklabels()]:
            text.set_fontsize(size)
        for _pass in range(2):  # the room for the labels depends on the axes' width, and back
            laid_out(fig)
            horizontal_room(ax, SHOWN_MAX, anchors, texts, offset=LABEL_OFFSET)
        low, high = ax.get_xlim()
        fifty = axes_points(ax)[0] * 50 / (high - low)  # points between two ticks 50 % apart
        ticks = (
            [0, 50, 100, 150, 200] if fifty >= widest_tick else [0, 100, 200] if 2 * fifty >= widest_tick else [0, 100]
        )
        ax.set_xticks(ticks, [tick_names[t] for t in ticks])

    on_resize(fig, fit)
    return fig
