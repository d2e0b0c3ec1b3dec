"""Åtgärdsplan charts: actions per samverkansområde by status, and completed actions on time per tertial."""

from __future__ import annotations

from matplotlib.figure import Figure

from app.charts.style import (
    BLUISH_GREEN,
    GREY,
    ORANGE,
    SKY_BLUE,
    VERMILLION,
    Layer,
    bar_labels,
    category_ticks,
    count_axis,
    format_percent,
    legend,
    new_axes,
    row_ticks,
    set_titles,
    show_message,
    stacked_bars,
)
from app.domain.vocabulary import ActionStatus
from app.i18n import _, ngettext
from app.services.action_summary import AreaActionCounts, TertialOnTime


def _status_style(status: ActionStatus) -> tuple[str, str, str]:
    """(label, colour, hatch) of a status; the labels are the GUI's Swedish status names."""
    return {
        ActionStatus.PLANNED: (_("Planned"), SKY_BLUE, "..."),
        ActionStatus.ONGOING: (_("Ongoing"), ORANGE, "///"),
        ActionStatus.DONE: (_("Done"), BLUISH_GREEN, ""),
        ActionStatus.CANCELLED: (_("Cancelled"), GREY, "xxx"),
    }[status]


def _overdue_text(count: int) -> str:
    return ngettext("{n} overdue action", "{n} overdue actions", count) if count else ""


def _share_text(share: float | None) -> str:
    """'75 % i tid'; nothing when no completed action had a deadline."""
    return _("{percent} on time", percent=format_percent(share * 100)) if share is not None else ""


def actions_by_area_chart(rows: list[AreaActionCounts]) -> Figure:
    """Horizontal stacked bars per area by status, with the number of overdue actions beside each bar."""
    fig, ax = new_axes(8.0, 1.4 + 0.5 * max(len(rows), 3), grid="x")
    set_titles(fig, ax, _("Actions per area and status"))
    if not rows:
        show_message(ax, _("No actions yet"))
        return fig
    layers = []
    for status in ActionStatus:
        label, colour, hatch = _status_style(status)
        layers.append(Layer(label, [row.counts.get(status, 0) for row in rows], colour, hatch))
    totals = stacked_bars(ax, layers, horizontal=True, width=0.6)
    row_ticks(ax, [row.area_name for row in rows])
    count_axis(ax, "x", _("Number of actions"))
    legend(ax)
    texts = [_overdue_text(row.overdue) for row in rows]
    bar_labels(ax, max(totals), range(len(rows)), totals, texts, horizontal=True)
    return fig


def actions_on_time_chart(rows: list[TertialOnTime]) -> Figure:
    """Completed actions per tertial: on time, late and without deadline stacked; the share on time above."""
    fig, ax = new_axes(8.0, 4.2)
    set_titles(fig, ax, _("Completed actions per tertial"), _("Share on time among actions with a deadline"))
    if not rows:
        show_message(ax, _("No completed actions yet"))
        return fig
    layers = [
        Layer(_("On time"), [r.on_time for r in rows], BLUISH_GREEN, ""),
        Layer(_("Late"), [r.late for r in rows], VERMILLION, "///"),
        Layer(_("Without deadline"), [r.without_deadline for r in rows], GREY, "..."),
    ]
    totals = stacked_bars(ax, layers, width=0.6)
    category_ticks(ax, [r.label for r in rows])
    count_axis(ax, "y", _("Number of actions"))
    legend(ax, reverse=True)
    bar_labels(ax, max(totals), range(len(rows)), totals, [_share_text(r.share_on_time) for r in rows])
    return fig
