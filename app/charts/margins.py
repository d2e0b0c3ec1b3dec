"""A layout by hand for a chart of one plot and its colour bar: margins from the measured sizes of its texts.

The constrained layout engine finds the margins by asking every artist of the figure for its tight
box (each tick label, and each of a heat map's numbers, laid out through the renderer), twice over,
on every draw, for every fit and again when saving. A chart whose texts are known in kind (a title,
a note above the plot, tick labels, axis labels, a colour bar with its label) needs only their sizes:
each line measured once per font and size (cached) gives the same room, at a small part of the cost.
It runs as the figure's layout engine, so a resized figure (the Qt canvas in its pane) is laid out
anew at its next draw, as before.
"""

from __future__ import annotations

import functools
from typing import Any

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.axis import Axis, YAxis
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, findfont, get_font
from matplotlib.layout_engine import LayoutEngine
from matplotlib.text import Text
from matplotlib.textpath import text_to_path

EDGE_PAD = 3.0  # points between the figure's edge and what is drawn, as the constrained layout leaves
GAP = 6.0  # points between a title and the text below it (the constrained layout: twice its pad)
SLACK = 2.0  # points a measured text may differ from the same text drawn by Agg (hinting), kept free


def _key(text: Text) -> tuple[Any, ...]:
    """What of a text's font its sizes depend on (hashable, for the caches)."""
    prop = text.get_fontproperties()
    return tuple(prop.get_family()), prop.get_size_in_points(), prop.get_weight(), prop.get_style()


def _font(family: tuple[str, ...], size: float, weight: Any, style: Any) -> FontProperties:
    return FontProperties(family=list(family), size=size, weight=weight, style=style)


@functools.lru_cache(maxsize=2048)
def _line_metrics(line: str, *font: Any) -> tuple[float, float, float]:
    """(width, height, descent) of one line of text in points, as `Text` measures it, without a renderer."""
    return text_to_path.get_text_width_height_descent(line, _font(*font), ismath=False)


@functools.lru_cache(maxsize=64)
def _font_heights(*font: Any) -> tuple[float, float, float]:
    """(ascent, descent, line gap) of the font in points: the least room `Text` gives a line (its tables,
    as `Text` reads them)."""
    face = get_font(findfont(_font(*font)))
    head = face.get_sfnt_table("head")
    if head is not None:
        scale = font[1] / head["unitsPerEm"]
        os2 = face.get_sfnt_table("OS/2")
        if os2 is not None:
            return os2["sTypoAscender"] * scale, -os2["sTypoDescender"] * scale, os2["sTypoLineGap"] * scale
        hhea = face.get_sfnt_table("hhea")
        if hhea is not None:
            return hhea["ascent"] * scale, -hhea["descent"] * scale, hhea["lineGap"] * scale
    _w, height, low = _line_metrics("lp", *font)
    return height - low, low, 0.0


def text_size(text: Text) -> tuple[float, float]:
    """(width, height) of `text` in points, its lines stacked as `Text` stacks them; (0, 0) when not drawn."""
    if not text.get_visible():
        return 0.0, 0.0
    return _size_as(text, text.get_text())


def _size_as(text: Text, shown: str) -> tuple[float, float]:
    """(width, height) in points of `shown` written in `text`'s font, spacing and rotation."""
    if not shown.strip():
        return 0.0, 0.0
    font = _key(text)
    lines = shown.split("\n")
    least_ascent, least_descent, gap = _font_heights(*font)
    if len(lines) == 1:
        gap = 0.0
    spacing = text.get_linespacing()
    width = height = 0.0
    for line in lines:
        line_width, line_height, descent = _line_metrics(line, *font) if line else (0.0, 0.0, 0.0)
        ascent = line_height - descent
        if spacing == "normal":  # each line at least as tall as the font
            ascent, descent = max(ascent, least_ascent) + gap / 2, max(descent, least_descent) + gap / 2
        else:
            ascent, descent = ascent, spacing * (least_ascent + least_descent) - ascent
        width = max(width, line_width)
        height += ascent + descent
    if round(text.get_rotation()) % 180 == 90:
        return height, width
    return width, height


def _tick_labels(axis: Axis) -> list[str]:
    """The labels of the ticks inside the view, as the axis will write them."""
    low, high = sorted(axis.get_view_interval())
    span = (high - low) * 1e-9
    locs = [loc for loc in axis.get_majorticklocs() if low - span <= loc <= high + span]
    return [label for label in axis.get_major_formatter().format_ticks(locs) if label]


def _tick_room(axis: Axis, across: bool) -> float:
    """Points from the axes' edge to the far side of its tick labels: the widest label (`across`: the
    tallest) plus the tick and its pad; 0 without labels."""
    labels = _tick_labels(axis)
    if not labels:
        return 0.0
    tick = axis.get_major_ticks(1)[0]
    sizes = [_size_as(tick.label1, label) for label in labels]  # in the tick labels' font
    extent = max(height if across else width for width, height in sizes)
    pad: float = tick.get_pad()  # type: ignore[func-returns-value, assignment]  # it returns the pad; its stub says None
    return extent + tick.get_tick_padding() + pad


def _label_room(axis: Axis) -> float:
    """Points the axis label takes across the axis, with its pad; 0 without one."""
    width, height = text_size(axis.label)
    room = width if isinstance(axis, YAxis) else height  # a y label stands on its side
    return room + axis.labelpad if room else 0.0


class PlotAndColorbarLayout(LayoutEngine):
    """Places `ax` and, right of it, the colour bar axes `cax` (`shrink` of the plot's height, centred,
    `aspect` times as tall as wide, `pad` of the plot's width away, as `Figure.colorbar` makes it),
    with room for the figure's title, the plot's title (a note above it), tick labels and axis labels.
    """

    _adjust_compatible = False
    _colorbar_gridspec = False

    def __init__(
        self, ax: Axes, cax: Axes | None = None, *, shrink: float = 0.9, aspect: float = 20, pad: float = 0.05
    ) -> None:
        super().__init__()
        self._ax, self._cax = ax, cax
        self._params = {"shrink": shrink, "aspect": aspect, "pad": pad}

    def set(self, *, shrink: float | None = None, aspect: float | None = None, pad: float | None = None) -> None:
        for key, value in (("shrink", shrink), ("aspect", aspect), ("pad", pad)):
            if value is not None:
                self._params[key] = value

    def execute(self, fig: Any) -> None:
        assert isinstance(fig, Figure)
        ax, cax = self._ax, self._cax
        width, height = fig.get_figwidth() * 72, fig.get_figheight() * 72
        # top: the figure's title, then the note above the plot (standing on the title pad)
        top = height - EDGE_PAD
        heading = fig._suptitle  # type: ignore[attr-defined]  # no public accessor
        if heading is not None:
            heading_height = text_size(heading)[1]
            if heading_height:
                heading.set_y(1 - EDGE_PAD / height)
                heading.set_verticalalignment("top")
                top -= heading_height + GAP
        titles = (ax.title, ax._left_title, ax._right_title)  # type: ignore[attr-defined]  # no public accessor
        note_height = max(text_size(title)[1] for title in titles)
        if note_height:
            top -= note_height + mpl.rcParams["axes.titlepad"]
        else:
            top -= SLACK
        bottom = EDGE_PAD + SLACK + _label_room(ax.xaxis) + _tick_room(ax.xaxis, across=True)
        left = EDGE_PAD + SLACK + _label_room(ax.yaxis) + _tick_room(ax.yaxis, across=False)
        plot_height = max(top - bottom, 1.0)
        right = width - EDGE_PAD - SLACK
        if cax is not None:
            shrink, aspect, pad = self._params["shrink"], self._params["aspect"], self._params["pad"]
            bar_height = plot_height * shrink
            bar_width = bar_height / aspect
            bar_bottom = bottom + (plot_height - bar_height) / 2
            cax.set_position(_fraction(0, bar_bottom, bar_width, bar_height, width, height))  # for its ticks
            beyond = _tick_room(cax.yaxis, across=False) + _label_room(cax.yaxis)
            plot_width = max((right - beyond - bar_width - left) / (1 + pad), 1.0)
            bar_left = left + plot_width * (1 + pad)
            cax.set_position(_fraction(bar_left, bar_bottom, bar_width, bar_height, width, height))
        else:
            plot_width = max(right - left, 1.0)
        ax.set_position(_fraction(left, bottom, plot_width, plot_height, width, height))


def _fraction(
    left: float, bottom: float, across: float, up: float, width: float, height: float
) -> tuple[float, float, float, float]:
    return left / width, bottom / height, across / width, up / height
