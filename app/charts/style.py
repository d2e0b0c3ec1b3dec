"""The shared look of every chart: colour-blind-safe colours, hatches, Swedish numbers and date labels.

Colours follow Okabe & Ito (2008), readable with the common colour-vision deficiencies; every
series that is told apart by colour also has a hatch or line style, so a black-and-white print
still reads. Numbers use the Swedish decimal comma and a narrow no-break space between thousands.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FuncFormatter, MaxNLocator

from app.domain.periods import PartialMonth, partial_month_text
from app.i18n import _, language

# --- colours and hatches -------------------------------------------------------------------------

BLACK = "#000000"
ORANGE = "#E69F00"
SKY_BLUE = "#56B4E9"
BLUISH_GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
GREY = "#BBBBBB"  # neutral: "others", cancelled, without deadline
EDGE = "#333333"  # bar outlines; matplotlib draws hatches in the edge colour
GRID = "#DDDDDD"
MUTED_TEXT = "#444444"

PALETTE: tuple[str, ...] = (BLUE, ORANGE, BLUISH_GREEN, SKY_BLUE, VERMILLION, REDDISH_PURPLE, YELLOW)
HATCHES: tuple[str, ...] = ("", "///", "...", "\\\\\\", "xxx", "ooo", "---", "+++")
LABEL_POINTS = 15  # height of a bar's number, in points
MARKER_POINTS = 6  # half the size of a line's marker, with a margin
HALO = patheffects.withStroke(linewidth=3, foreground="white")  # keeps lines and labels apart where they cross
HEATMAP_CMAP = "Blues"  # sequential, lightness rises monotonically: prints as grey steps

# --- sizes ---------------------------------------------------------------------------------------

TITLE_SIZE = 13
FONT_SIZE = 10
SMALL_SIZE = 9

# --- numbers -------------------------------------------------------------------------------------

THOUSANDS_SEPARATOR = "\u202f"  # narrow no-break space: "1 234"
MINUS = "\u2212"


def _english() -> bool:
    return language() == "en"


def format_number(value: float, decimals: int = 1) -> str:
    """'1 234,5' (English '1,234.5'): at most `decimals` decimals, trailing zeros dropped, true minus."""
    rounded = round(float(value), decimals)
    text = f"{abs(rounded):,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    if not _english():
        text = text.replace(",", THOUSANDS_SEPARATOR).replace(".", ",")
    return (MINUS if rounded < 0 else "") + text


def number_formatter(decimals: int = 1) -> FuncFormatter:
    """Tick formatter writing numbers as `format_number` does."""
    return FuncFormatter(lambda value, _pos: format_number(value, decimals))


def format_percent(value: float) -> str:
    """'75 %' (a space before the sign, as in Swedish and in the GUI)."""
    return f"{format_number(value, 0)} %"


def change_label(count: int, previous: int, percent: float | None) -> str:
    """'▲ +8 %', '▼ −25 %', '±0' or 'ny' (new): arrows and signs so the change reads without colour."""
    if previous == 0 and count > 0:
        return _("new")
    if percent is None or count == previous:
        return "±0"
    arrow, sign = ("▲", "+") if count > previous else ("▼", MINUS)
    return f"{arrow} {sign}{format_percent(abs(percent))}"


# --- months, weekdays, weeks ---------------------------------------------------------------------

_MONTH_ABBR = {
    "sv": ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_MONTH_NAME = {
    "sv": (
        "januari",
        "februari",
        "mars",
        "april",
        "maj",
        "juni",
        "juli",
        "augusti",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_WEEKDAY_ABBR = {
    "sv": ("mån", "tis", "ons", "tor", "fre", "lör", "sön"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def _lang() -> str:
    return "en" if _english() else "sv"


def month_abbr(month: int) -> str:
    """'jan' .. 'dec' (English 'Jan' .. 'Dec') for month 1..12."""
    return _MONTH_ABBR[_lang()][month - 1]


def month_name(month: int) -> str:
    """'januari' .. 'december' (English 'January' .. 'December')."""
    return _MONTH_NAME[_lang()][month - 1]


def month_label(year: int, month: int) -> str:
    """'nov 2025'."""
    return f"{month_abbr(month)} {year}"


def weekday_abbr(weekday: int) -> str:
    """'mån' .. 'sön' (English 'Mon' .. 'Sun') for ISO weekday 1..7."""
    return _WEEKDAY_ABBR[_lang()][weekday - 1]


def iso_week_label(week: int) -> str:
    """'v. 47' (English 'w. 47')."""
    return _("w. {week}", week=week)


# --- figures and axes ----------------------------------------------------------------------------


def new_figure(width: float = 8.0, height: float = 4.5) -> Figure:
    """A white figure (inches) with constrained layout, made directly so no global state is touched."""
    return Figure(figsize=(width, height), layout="constrained", facecolor="white")


def figure_of(ax: Axes) -> Figure:
    """The figure an axes of ours belongs to (always a whole Figure here, never a SubFigure)."""
    figure = ax.figure
    assert isinstance(figure, Figure)
    return figure


def new_axes(width: float = 8.0, height: float = 4.5, grid: Literal["x", "y", "both", ""] = "y") -> tuple[Figure, Axes]:
    """A figure with one styled axes: light grid on `grid` ("x", "y" or "" for none), no top/right frame."""
    fig = new_figure(width, height)
    ax = fig.add_subplot()
    ax.tick_params(labelsize=SMALL_SIZE)
    ax.spines[["top", "right"]].set_visible(False)
    if grid:
        ax.grid(axis=grid, color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    return fig, ax


def on_resize(fig: Figure, fit: Callable[[], None]) -> None:
    """Run `fit` now and again whenever the figure is resized (a Qt canvas resizes it to its pane).

    What depends on the figure's size in points (room for labels, how many ticks fit, where a label
    goes) is placed by such a function, so a chart shown smaller than it was built still does not
    overlap. On a resize every fit of the figure runs in turn on one fresh layout (see `laid_out`), so
    dragging a window's edge stays quick. The callback lives on the figure, so it survives the canvas
    being replaced.
    """
    fit()
    fits: list[Callable[[], None]] | None = getattr(fig, "_refits", None)
    if fits is None:
        fits = []
        fig._refits = fits  # type: ignore[attr-defined]

        def refit(_event: object) -> None:
            fig._layout_fresh = False  # type: ignore[attr-defined]
            fig._in_refit = True  # type: ignore[attr-defined]
            try:
                for each in fits:
                    each()
            finally:
                fig._in_refit = False  # type: ignore[attr-defined]

        fig.canvas.mpl_connect("resize_event", refit)
    fits.append(fit)


def laid_out(fig: Figure) -> None:
    """Lay the figure out so that axes and texts have their sizes; during a resize only once for all fits."""
    if getattr(fig, "_in_refit", False):
        if getattr(fig, "_layout_fresh", False):
            return
        fig._layout_fresh = True  # type: ignore[attr-defined]
    lay_out(fig)


def lay_out(fig: Figure) -> None:
    """Run the figure's layout engine, which sizes and places the axes from their texts' extents.

    Only the layout: a draw (`draw_without_rendering`) would also walk every bar, line and text after
    it, which is most of its cost and places nothing that the fits read (the axes' box, its limits).
    The final draw lays the figure out again from the finished state, so the picture is the same.
    """
    engine = fig.get_layout_engine()
    if engine is None:
        fig.draw_without_rendering()
    else:
        engine.execute(fig)


def text_width(text: str, size: float = SMALL_SIZE) -> float:
    """The width of `text` in points (longest line), measured without a renderer."""
    lines = text.splitlines() or [""]
    font = FontProperties(size=size)
    return max(text_to_path.get_text_width_height_descent(line, font, ismath=False)[0] for line in lines)


def axes_points(ax: Axes) -> tuple[float, float]:
    """(width, height) of the axes in points, in the layout last computed."""
    box = ax.get_window_extent()
    scale = 72 / figure_of(ax).dpi
    return box.width * scale, box.height * scale


def _wrap(text: str, width_points: float, size: float) -> str:
    per_line = max(int(width_points / (size * 0.62)), 12)
    return "\n".join(textwrap.fill(part, per_line) for part in text.splitlines())


def set_titles(fig: Figure, ax: Axes, title: str, note: str = "") -> None:
    """Bold title at the top left of the figure; `note` in smaller type above the plot; both wrapped to the
    figure's width whenever it changes."""
    heading = fig.suptitle(title, x=0.01, ha="left", fontsize=TITLE_SIZE, fontweight="bold")
    shown_note = ax.set_title(note, loc="left", fontsize=SMALL_SIZE, color=MUTED_TEXT) if note else None

    def fit() -> None:
        width = fig.get_figwidth() * 72 * 0.95
        heading.set_text(_wrap(title, width * 0.93, TITLE_SIZE))
        if shown_note is not None:  # it starts at the plot's left edge, right of the tick labels
            laid_out(fig)
            left = ax.get_window_extent().x0 * 72 / fig.dpi
            shown_note.set_text(_wrap(note, (fig.get_figwidth() * 72 - left) * 0.9, SMALL_SIZE))

    on_resize(fig, fit)


def show_message(ax: Axes, text: str) -> None:
    """Replace the plot by a centred message (no data)."""
    ax.set_axis_off()
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=FONT_SIZE + 2, color=MUTED_TEXT)


def count_axis(ax: Axes, axis: str = "y", label: str = "") -> None:
    """Whole-number ticks with Swedish thousands separators on the value axis."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins="auto", integer=True))
    target.set_major_formatter(number_formatter(0))
    if label:
        target.set_label_text(label, fontsize=FONT_SIZE)


def category_ticks(ax: Axes, labels: Sequence[str], max_labels: int = 12) -> None:
    """One x tick per category; with many, only every n-th is labelled, as many as fit side by side.

    How many fit is measured against the axes' width each time the figure is resized.
    """
    fig = figure_of(ax)
    ax.set_xlim(-0.6, len(labels) - 0.4)
    widest = max((text_width(text) for text in labels), default=0.0) + 8

    def fit() -> None:
        laid_out(fig)
        across = axes_points(ax)[0] or fig.get_figwidth() * 72 * 0.8
        step = max(1, math.ceil(len(labels) / max_labels), math.ceil(len(labels) * widest / across))
        ax.set_xticks(range(len(labels)), [text if i % step == 0 else "" for i, text in enumerate(labels)])
        ax.set_xlim(-0.6, len(labels) - 0.4)

    on_resize(fig, fit)


def shorten(text: str, limit: int = 36) -> str:
    """`text` cut to `limit` characters with an ellipsis, for axis labels."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def row_ticks(ax: Axes, labels: Sequence[str]) -> None:
    """One y tick per row of a horizontal bar chart, the first row at the top; long names shortened."""
    ax.set_yticks(range(len(labels)), [shorten(text) for text in labels])
    ax.invert_yaxis()


def month_ticks(ax: Axes, months: Sequence[tuple[int, int]]) -> None:
    """x ticks 'nov 2025' for (year, month) pairs at positions 0, 1, ..."""
    category_ticks(ax, [month_label(year, month) for year, month in months])


def legend(
    ax: Axes, reverse: bool = False, loc: Literal["right", "below"] = "right", extra: Sequence[Artist] = ()
) -> None:
    """Frameless legend outside the plot, where no label or marker can be: "right" of it (below instead
    when the plot is too low for it), or "below" it, under the axis labels, in as many columns as fit;
    `reverse` lists a stack from the top down, as drawn; `extra` are handles of what is drawn in another
    style rather than as a series (a month counted in part), listed last. The constrained layout makes room for it.
    """
    handles, labels = ax.get_legend_handles_labels()
    if reverse:
        handles, labels = handles[::-1], labels[::-1]
    handles = [*handles, *extra]
    labels = [*labels, *(str(handle.get_label()) for handle in extra)]
    fig = figure_of(ax)
    entry_widths = sorted((text_width(text) + 40 for text in labels), reverse=True)  # with the handle and gap
    tall = len(labels) * SMALL_SIZE * 1.75  # a frameless legend's height, in points
    shown: list[Any] = []

    def fit() -> None:
        for old in shown:
            old.remove()
        shown.clear()
        laid_out(fig)
        if loc == "right" and tall <= axes_points(ax)[1]:
            # beside the plot, from its top down: clear of the title above and of the labels in the plot
            shown.append(
                ax.legend(
                    handles,
                    labels,
                    loc="upper left",
                    bbox_to_anchor=(1.01, 1.0),
                    fontsize=SMALL_SIZE,
                    frameon=False,
                )
            )
            return
        room = fig.get_figwidth() * 72 * 0.95
        # as many columns as the widest entries fit side by side
        columns = max(1, sum(1 for k in range(1, len(entry_widths) + 1) if sum(entry_widths[:k]) <= room))
        shown.append(
            fig.legend(handles, labels, loc="outside lower center", ncols=columns, fontsize=SMALL_SIZE, frameon=False)
        )

    on_resize(fig, fit)


# --- shared plot elements ------------------------------------------------------------------------


@dataclass(frozen=True)
class Layer:
    """One segment series of a stacked bar chart."""

    label: str
    values: Sequence[float]
    color: str
    hatch: str = ""


def layer_style(index: int) -> tuple[str, str]:
    """(colour, hatch) of the `index`-th series; they repeat only after every combination is used."""
    return PALETTE[index % len(PALETTE)], HATCHES[index % len(HATCHES)]


def stacked_bars(ax: Axes, layers: Sequence[Layer], horizontal: bool = False, width: float = 0.7) -> list[float]:
    """Stack `layers` at positions 0, 1, ...; returns the total of each stack."""
    count = len(layers[0].values) if layers else 0
    base = [0.0] * count
    for layer in layers:
        common: dict[str, Any] = {
            "color": layer.color,
            "hatch": layer.hatch,
            "edgecolor": EDGE,
            "linewidth": 0.6,
            "label": layer.label,
        }
        if horizontal:
            ax.barh(range(count), layer.values, height=width, left=base, **common)
        else:
            ax.bar(range(count), layer.values, width=width, bottom=base, **common)
        base = [b + v for b, v in zip(base, layer.values)]
    return base


def previous_year_line(ax: Axes, values: Sequence[float], parts: Sequence[PartialMonth | None] = ()) -> None:
    """The same periods a year earlier: dashed black line with open markers, at positions 0, 1, ...

    A month counted only in part (`parts`, aligned with `values`) gets its marker but no line into it.
    """
    parts = list(parts) or [None] * len(values)
    partial = [i for i, part in enumerate(parts) if part is not None]
    if partial:
        ax.plot(
            partial,
            [values[i] for i in partial],
            linestyle="none",
            color=BLACK,
            marker="o",
            markersize=5,
            markerfacecolor="white",
            alpha=0.6,
            zorder=3,
        )
    ax.plot(
        range(len(values)),
        whole_months_only(values, parts),
        linestyle="--",
        color=BLACK,
        linewidth=1.5,
        marker="o",
        markersize=5,
        markerfacecolor="white",
        label=_("Same month a year earlier"),
        zorder=3,
        path_effects=[HALO],
    )


def _points_per_unit(ax: Axes, axis: str = "y") -> float:
    """Typographic points per data unit along `axis`, in the layout last computed."""
    box = ax.get_window_extent()
    length = (box.height if axis == "y" else box.width) * 72 / ax.figure.dpi
    low, high = ax.get_ylim() if axis == "y" else ax.get_xlim()
    return length / (high - low)


def headroom(ax: Axes, largest: float, texts: Sequence[str] = (), axis: str = "y") -> None:
    """Set the value axis from 0 to beyond the largest bar, leaving room for the labels at the bar ends.

    Call after ticks and legend are in place: the figure is laid out first to know the axes' size.
    """
    laid_out(figure_of(ax))
    set_limits = ax.set_ylim if axis == "y" else ax.set_xlim
    set_limits(0, max(largest, 1))
    need: float
    if axis == "y":
        need = LABEL_POINTS + MARKER_POINTS + 6
    else:
        need = max(map(len, texts), default=0) * SMALL_SIZE * 0.62 + 12
    fraction = min(need / (_points_per_unit(ax, axis) * max(largest, 1)), 0.6)
    set_limits(0, max(largest, 1) / (1 - fraction))


def _vertical_label(ax: Axes, value: float, avoid: float | None, inside: bool) -> tuple[float, dict[str, Any]]:
    """Where a vertical bar's number goes: (anchor height, annotate style)."""
    per_point = 1 / _points_per_unit(ax, "y")
    label, marker = LABEL_POINTS * per_point, MARKER_POINTS * per_point
    blocks_inside = avoid is not None and value - label - marker <= avoid <= value + marker
    blocks_above = avoid is not None and value - marker <= avoid <= value + label + marker
    free_inside = not blocks_inside or (blocks_above and avoid is not None and avoid > value)
    if inside and value >= 1.3 * label and free_inside:
        return value, {"xytext": (0, -4), "va": "top", "color": "white", "fontweight": "bold"}
    if blocks_above and avoid is not None:  # step over the line's marker
        return max(value, avoid), {"xytext": (0, 3 + MARKER_POINTS), "va": "bottom", "path_effects": [HALO]}
    return value, {"xytext": (0, 3), "va": "bottom", "path_effects": [HALO]}


def value_labels(
    ax: Axes,
    positions: Sequence[float],
    values: Sequence[float],
    texts: Sequence[str],
    horizontal: bool = False,
    inside: bool = False,
    avoid: Sequence[float] | None = None,
) -> None:
    """Small texts at the end of each bar: right of it when `horizontal`, else above it (call after `headroom`).

    `inside` (dark bars): white text inside the top of each bar tall enough to hold it. `avoid`, one
    value per bar, is a line drawn across the bars whose markers the numbers must not cover.
    """
    for i, (pos, value, text) in enumerate(zip(positions, values, texts)):
        if horizontal:
            ax.annotate(
                text,
                (value, pos),
                xytext=(5, 0),
                textcoords="offset points",
                ha="left",
                va="center",
                fontsize=SMALL_SIZE,
                zorder=4,
            )
            continue
        anchor, style = _vertical_label(ax, value, avoid[i] if avoid is not None else None, inside)
        ax.annotate(
            text, (pos, anchor), textcoords="offset points", ha="center", fontsize=SMALL_SIZE, zorder=4, **style
        )


def horizontal_room(ax: Axes, largest: float, values: Sequence[float], texts: Sequence[str], offset: float = 5) -> None:
    """Set the x axis so that every label, `offset` points right of its bar, ends inside the axes."""
    width = axes_points(ax)[0]
    limit = max(largest, 1)
    for value, text in zip(values, texts):
        room = width - offset - text_width(text) - 3
        if text and room > 0.25 * width:
            limit = max(limit, value * width / room)
        elif text:
            limit = max(limit, value * 4)
    ax.set_xlim(0, limit)


def bar_labels(
    ax: Axes,
    largest: float,
    positions: Sequence[float],
    values: Sequence[float],
    texts: Sequence[str],
    horizontal: bool = False,
    inside: bool = False,
    avoid: Sequence[float] | None = None,
) -> None:
    """`headroom` and `value_labels` together, done again whenever the figure is resized.

    Horizontal bars get exactly the room their labels need; vertical bars' numbers are left out when
    the bars stand too close for them (the value axis still reads).
    """
    fig = figure_of(ax)
    placed: list[Annotation] = []

    def fit() -> None:
        for old in placed:
            old.remove()
        placed.clear()
        before = len(ax.texts)
        if horizontal:
            laid_out(fig)
            horizontal_room(ax, largest, values, texts)
            lay_out(fig)  # again: the tick labels' width depends on the limit
            horizontal_room(ax, largest, values, texts)
            value_labels(ax, positions, values, texts, horizontal=True)
        else:
            headroom(ax, largest, texts, axis="y")
            low, high = ax.get_xlim()
            pitch = axes_points(ax)[0] / max(high - low, 1)
            if max((text_width(text) for text in texts), default=0) + 3 <= pitch:
                value_labels(ax, positions, values, texts, inside=inside, avoid=avoid)
        placed.extend(t for t in ax.texts[before:] if isinstance(t, Annotation))
        for text in placed:  # they stay inside the room made for them: the layout need not move for them
            text.set_in_layout(False)

    on_resize(fig, fit)


# --- months counted in part ------------------------------------------------------------------------


PARTIAL_ALPHA = 0.4


def mark_partial_months(
    ax: Axes, months: Sequence[tuple[int, int]], parts: Sequence[PartialMonth | None]
) -> list[Artist]:
    """Draw the bars of months counted only in part lighter and with a dashed outline, so the month in
    progress never reads as a drop; returns a legend handle for each, naming its day count (pass them
    to `legend` as `extra`)."""
    partial = {i: part for i, part in enumerate(parts) if part is not None}
    for patch in list(ax.patches):
        if isinstance(patch, Rectangle) and round(patch.get_x() + patch.get_width() / 2) in partial:
            patch.set_alpha(PARTIAL_ALPHA)
            patch.set_linestyle("--")
    handles: list[Artist] = []
    for i, part in partial.items():
        year, month = months[i]
        handles.append(
            Rectangle(
                (0, 0),
                0,
                0,
                facecolor="white",
                edgecolor=EDGE,
                linestyle="--",
                linewidth=0.8,
                label=partial_month_text(month_label(year, month), part),
            )
        )
    return handles


def whole_months_only(values: Sequence[float], parts: Sequence[PartialMonth | None]) -> list[float]:
    """`values` with the months counted in part as NaN, so a line is not drawn down into them."""
    return [math.nan if part is not None else value for value, part in zip(values, parts)]
