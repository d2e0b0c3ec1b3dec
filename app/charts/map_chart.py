"""The lägesbild on a map as a picture, without Qt: for the management report and a follow-up
meeting's snapshot.

The map's axes are laid out in map pixels (a hundredth of an inch: a screen pixel at matplotlib's
100 dpi), x to the right and y downwards as on the screen, so that a place is drawn exactly where
`app.map.geo.Viewport.to_screen` puts it and the background tiles line up with it. Each place is a
circle whose area is proportional to its events (`app.map.symbols.radius`), filled by its change
against the previous period and hatched as a second cue for grey-scale print. Places with events but
without coordinates are listed under the map, never left out silently.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from io import BytesIO
from typing import Any, Protocol

import numpy as np
from matplotlib import image as mpimage
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.offsetbox import AnchoredOffsetbox, DrawingArea, HPacker, TextArea, VPacker
from matplotlib.patches import Circle, Rectangle

from app.charts.style import (
    EDGE,
    FONT_SIZE,
    HALO,
    MUTED_TEXT,
    SMALL_SIZE,
    TITLE_SIZE,
    format_number,
    on_resize,
    text_width,
)
from app.i18n import _
from app.map import geo, symbols
from app.map.tiles import TileFunction

PIXELS_PER_INCH = 100  # a map pixel: a hundredth of an inch
BACKGROUND = "#F2EFE9"  # a light land colour where no tile is drawn
HATCHES = {symbols.Hatch.RISING: "///", symbols.Hatch.FALLING: "..", symbols.Hatch.NONE: ""}
PADDING = symbols.MAX_RADIUS + 12  # map pixels between the outermost places and the map's edge
EDGE_BAND = 30  # map pixels along the bottom kept for the scale bar and the attribution
ATTRIBUTION_SIZE = 7
MAX_UNPLACED_LINES = 4
LEGEND_GAP = 20  # map pixels beside the legend when it stands beside the map (its border pad on both sides)
MIN_MAP_SHARE = 0.5  # a legend goes beside the map only if the map keeps this much of the width


class MapPoint(Protocol):
    """What the map reads of a place (app.services.lagesbild.MapPlace has it, and `SnapshotPlace`)."""

    @property
    def name(self) -> str: ...
    @property
    def district(self) -> str: ...
    @property
    def latitude(self) -> float | None: ...
    @property
    def longitude(self) -> float | None: ...
    @property
    def count(self) -> int: ...
    @property
    def previous_count(self) -> int: ...


@dataclass(frozen=True)
class SnapshotPlace:
    """A place as a meeting's snapshot stored it."""

    name: str
    district: str
    latitude: float | None
    longitude: float | None
    count: int
    previous_count: int


def _located(p: MapPoint) -> bool:
    return p.latitude is not None and p.longitude is not None


def _where(p: MapPoint) -> tuple[float, float]:
    assert p.latitude is not None and p.longitude is not None
    return p.latitude, p.longitude


def unplaced(places: Iterable[MapPoint]) -> list[MapPoint]:
    """Places with events in either period but without coordinates, most events first."""
    found = [p for p in places if not _located(p) and (p.count or p.previous_count)]
    return sorted(found, key=lambda p: (-p.count, -p.previous_count, p.name.casefold()))


def unplaced_text(places: Sequence[MapPoint]) -> str:
    """'Places without coordinates: A (3), B (1)', or '' when every place with events is on the map."""
    if not places:
        return ""
    listed = ", ".join(f"{p.name} ({format_number(p.count, 0)})" for p in places)
    return _("Places without coordinates: {places}", places=listed)


def map_view(fig: Figure) -> geo.Viewport:
    """The viewport the map figure was last drawn with (its size in map pixels, its zoom)."""
    view: geo.Viewport = fig._map_view  # type: ignore[attr-defined]
    return view


def tiles_drawn(fig: Figure) -> int:
    """How many background tiles the map figure shows."""
    drawn: int = fig._map_tiles_drawn  # type: ignore[attr-defined]
    return drawn


# --- the figure ------------------------------------------------------------------------------------


def map_figure(
    places: Sequence[MapPoint],
    *,
    tiles: TileFunction | None = None,
    attribution: str = "",
    width: float = 8.0,
    height: float = 6.0,
    title: str = "",
) -> Figure:
    """The places on a map of `width` × `height` inches: fitted to the places with coordinates (the
    whole of Sigtuna kommun without any), on background tiles from `tiles` where it has them (a plain
    light background else), with kommundel names, a scale bar, a legend and under the map the places
    that have events but no coordinates. `attribution` is shown whenever a tile was drawn.

    The map is drawn again at the new size whenever the figure is resized (a Qt canvas does that);
    tiles already fetched are kept for it, and `tiles` is asked only for those it has not given yet.
    That redraw runs where the resize happens: on a GUI thread, give a function that does not wait for
    the network (app.map.tiles' cache alone), or draw without tiles.
    """
    fig = Figure(figsize=(width, height), dpi=PIXELS_PER_INCH, facecolor="white")
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    shown = list(places)
    fetched: dict[tuple[int, int, int], np.ndarray | None] = {}
    outside: list[Artist] = []  # the title and the unplaced line, drawn on the figure

    def fit() -> None:
        for artist in outside:
            artist.remove()
        outside.clear()
        outside.extend(_draw(fig, ax, shown, tiles, attribution, title, fetched))

    on_resize(fig, fit)
    return fig


def snapshot_map_figure(
    snapshot_map: Mapping[str, Any],
    *,
    tiles: TileFunction | None = None,
    attribution: str = "",
    width: float = 8.0,
    height: float = 6.0,
    title: str = "",
) -> Figure:
    """The map of a meeting's snapshot (its "map" entry, see app.services.meetings.lagesbild_snapshot)."""
    return map_figure(
        snapshot_places(snapshot_map), tiles=tiles, attribution=attribution, width=width, height=height, title=title
    )


def snapshot_places(snapshot_map: Mapping[str, Any]) -> list[SnapshotPlace]:
    """The places of a snapshot's "map" entry: those it placed, then those it had no coordinates for."""
    located = [
        SnapshotPlace(
            str(p["name"]),
            str(p.get("district", "")),
            float(p["lat"]),
            float(p["lon"]),
            int(p.get("count", 0)),
            int(p.get("previous", 0)),
        )
        for p in snapshot_map.get("places", [])
    ]
    missing = [
        SnapshotPlace(str(p["name"]), str(p.get("district", "")), None, None, int(p.get("count", 0)), 0)
        for p in snapshot_map.get("unplaced", [])
    ]
    return located + missing


def _pixels(points: float) -> float:
    return points * PIXELS_PER_INCH / 72


def _points(pixels: float) -> float:
    return pixels * 72 / PIXELS_PER_INCH


def _wrapped(text: str, width_px: float, size: float) -> list[str]:
    per_line = max(int(_points(width_px) * 0.95 / (size * 0.55)), 20)
    return textwrap.wrap(text, per_line)


def _unplaced_lines(places: Sequence[MapPoint], width_px: float) -> list[str]:
    """The unplaced line wrapped to the figure's width; past MAX_UNPLACED_LINES, how many more there are."""
    lines = _wrapped(unplaced_text(places), width_px, SMALL_SIZE)
    if len(lines) <= MAX_UNPLACED_LINES:
        return lines
    for keep in range(len(places) - 1, 0, -1):
        more = _("and {count} more", count=len(places) - keep)
        text = unplaced_text(places[:keep]) + f", {more}"
        lines = _wrapped(text, width_px, SMALL_SIZE)
        if len(lines) <= MAX_UNPLACED_LINES:
            return lines
    return lines[:MAX_UNPLACED_LINES]


def _draw(
    fig: Figure,
    ax: Axes,
    places: Sequence[MapPoint],
    tiles: TileFunction | None,
    attribution: str,
    title: str,
    fetched: dict[tuple[int, int, int], np.ndarray | None],
) -> list[Artist]:
    total_w = max(1, round(fig.get_figwidth() * PIXELS_PER_INCH))
    total_h = max(1, round(fig.get_figheight() * PIXELS_PER_INCH))
    title_px = round(_pixels(TITLE_SIZE * 2.0)) if title else 0
    missing = unplaced(places)
    lines = _unplaced_lines(missing, total_w - 16)
    footer_px = round(_pixels(SMALL_SIZE * 1.4) * len(lines) + 10) if lines else 0
    map_h = max(40, total_h - title_px - footer_px)
    located = [p for p in places if _located(p)]
    markers = _draw_map(fig, ax, located, (total_w, map_h), footer_px, tiles, attribution, fetched)
    outside: list[Artist] = []
    corner, covered, legend_w = _best_corner(ax, located, markers, map_h)
    if covered and total_w - legend_w - LEGEND_GAP >= MIN_MAP_SHARE * total_w:
        # no corner is free of places: the legend goes beside the map, which narrows to leave room for it
        map_w = round(total_w - legend_w - LEGEND_GAP)
        _draw_map(fig, ax, located, (map_w, map_h), footer_px, tiles, attribution, fetched)
        box = _anchored(
            _legend_box(located),
            "upper left",
            (map_w / total_w, footer_px / total_h, 1 - map_w / total_w, map_h / total_h),
            fig.transFigure,
        )
        box.set_gid("legend")
        fig.add_artist(box)
        outside.append(box)
    else:
        band = EDGE_BAND / map_h
        box = _anchored(_legend_box(located), corner, (0.0, band, 1.0, 1.0 - band), ax.transAxes)
        box.set_gid("legend")
        ax.add_artist(box)
    if title:
        outside.append(
            fig.text(8 / total_w, 1 - 6 / total_h, title, ha="left", va="top", fontsize=TITLE_SIZE, fontweight="bold")
        )
    if lines:
        outside.append(
            fig.text(
                8 / total_w,
                (footer_px - 5) / total_h,
                "\n".join(lines),
                ha="left",
                va="top",
                fontsize=SMALL_SIZE,
                color=MUTED_TEXT,
                linespacing=1.25,
                gid="unplaced",
            )
        )
    return outside


def _draw_map(
    fig: Figure,
    ax: Axes,
    located: Sequence[MapPoint],
    size: tuple[int, int],
    footer_px: int,
    tiles: TileFunction | None,
    attribution: str,
    fetched: dict[tuple[int, int, int], np.ndarray | None],
) -> list[_Marker]:
    """The map itself, `size` map pixels from the figure's top left corner (below the title) down to the
    footer: background, tiles, places, kommundel names, scale bar and attribution."""
    map_w, map_h = size
    total_w = max(1, round(fig.get_figwidth() * PIXELS_PER_INCH))
    total_h = max(1, round(fig.get_figheight() * PIXELS_PER_INCH))
    ax.clear()
    ax.set_position((0.0, footer_px / total_h, map_w / total_w, map_h / total_h))
    ax.set_axis_off()
    ax.set_xlim(0, map_w)
    ax.set_ylim(map_h, 0)  # screen pixels: y grows downwards
    ax.set_autoscale_on(False)  # the tiles must not move the limits
    # fitted to where something happened (in either period); only places without any: to all of them
    active = [p for p in located if p.count or p.previous_count] or list(located)
    view = geo.fit((_where(p) for p in active), map_w, map_h, padding=PADDING)
    fig._map_view = view  # type: ignore[attr-defined]
    ax.add_patch(Rectangle((0, 0), map_w, map_h, facecolor=BACKGROUND, edgecolor="none", zorder=0))
    drawn = _draw_tiles(ax, view, tiles, fetched) if tiles is not None else 0
    fig._map_tiles_drawn = drawn  # type: ignore[attr-defined]
    markers = _draw_markers(ax, view, located)
    _draw_labels(ax, view, located, markers)
    _draw_scale_bar(ax, view)
    if drawn and attribution:
        ax.text(
            map_w - 4,
            map_h - 4,
            attribution,
            ha="right",
            va="bottom",
            fontsize=ATTRIBUTION_SIZE,
            color="#222222",
            zorder=7,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8, "pad": 1.5},
            gid="attribution",
        )
    return markers


# --- the layers ----------------------------------------------------------------------------------


def _tile_image(tiles: TileFunction, tile: geo.Tile, fetched: dict[tuple[int, int, int], np.ndarray | None]):
    key = (tile.z, tile.x, tile.y)
    if key not in fetched:
        data = tiles(*key)
        picture = None
        if data:
            try:
                picture = mpimage.imread(BytesIO(data))
            except (OSError, ValueError, SyntaxError):  # not a picture (an error page): the plain background
                picture = None
        fetched[key] = picture
    return fetched[key]


def _draw_tiles(
    ax: Axes, view: geo.Viewport, tiles: TileFunction, fetched: dict[tuple[int, int, int], np.ndarray | None]
) -> int:
    drawn = 0
    for tile in view.tiles():
        picture = _tile_image(tiles, tile, fetched)
        if picture is None:
            continue
        ax.imshow(
            picture,
            extent=(tile.left, tile.left + tile.size, tile.top + tile.size, tile.top),
            interpolation="bilinear",
            aspect="auto",
            zorder=1,
        )
        drawn += 1
    return drawn


@dataclass(frozen=True)
class _Marker:
    place: MapPoint
    x: float
    y: float
    radius: float


def _draw_markers(ax: Axes, view: geo.Viewport, located: Sequence[MapPoint]) -> list[_Marker]:
    """One circle per place, the largest first so that the smaller ones stay on top; returns where they went."""
    largest = max((p.count for p in located), default=0)
    order = sorted(located, key=lambda p: (-p.count, -p.previous_count, p.name.casefold()))
    markers = []
    for p in order:
        x, y = view.to_screen(*_where(p))
        r = symbols.radius(p.count, largest)
        if not (-r <= x <= view.width + r and -r <= y <= view.height + r):
            continue  # a quiet place beyond the places with events: the map is not widened for it
        change = symbols.change_class(p.count, p.previous_count)
        circle = Circle(
            (x, y),
            r,
            facecolor=change.colour,
            edgecolor=EDGE,
            hatch=HATCHES[change.hatch],
            hatchcolor="white" if change.dark else EDGE,
            linewidth=0.9,
            zorder=4,
            gid=p.name,
        )
        ax.add_patch(circle)
        markers.append(_Marker(p, x, y, r))
    return markers


Box = tuple[float, float, float, float]  # left, top, right, bottom in map pixels


def _overlap(a: Box, b: Box) -> float:
    width = min(a[2], b[2]) - max(a[0], b[0])
    height = min(a[3], b[3]) - max(a[1], b[1])
    return width * height if width > 0 and height > 0 else 0.0


def _text_box(text: str, size: float, x: float, y: float, ha: str, va: str) -> Box:
    width, height = _pixels(text_width(text, size)), _pixels(size * 1.2)
    left = {"left": x, "right": x - width, "center": x - width / 2}[ha]
    top = {"top": y, "bottom": y - height, "center": y - height / 2}[va]
    return left, top, left + width, top + height


def _choose(candidates: Sequence[tuple[Box, Any]], taken: Sequence[Box], view: geo.Viewport) -> tuple[Box, Any]:
    """The first candidate inside the map that covers nothing taken; else the one covering least."""

    def cost(box: Box) -> float:
        outside = 0.0 if box[0] >= 2 and box[1] >= 2 and box[2] <= view.width - 2 and box[3] <= view.height - 2 else 1e9
        return outside + sum(_overlap(box, other) for other in taken)

    return min(candidates, key=lambda c: cost(c[0]))


def _marker_box(m: _Marker) -> Box:
    return m.x - m.radius, m.y - m.radius, m.x + m.radius, m.y + m.radius


def _draw_labels(ax: Axes, view: geo.Viewport, located: Sequence[MapPoint], markers: Sequence[_Marker]) -> None:
    """The largest places' names beside their circles and the kommundel names above their places (below
    when above is taken), each where it covers the fewest other labels and circles."""
    taken = [_marker_box(m) for m in markers]
    names = symbols.labelled(located)  # type: ignore[arg-type]  # symbols.Located: read-only here too
    shown = 0
    for m in markers:  # the largest first: it gets the best place
        if m.place.name not in names:
            continue
        others = [b for b in taken if b != _marker_box(m)]
        gap = m.radius + 3
        spots = [
            (m.x + gap, m.y, "left", "center"),
            (m.x - gap, m.y, "right", "center"),
            (m.x, m.y - gap, "center", "bottom"),
            (m.x, m.y + gap, "center", "top"),
        ]
        box, (x, y, ha, va) = _choose(
            [(_text_box(m.place.name, SMALL_SIZE, *spot), spot) for spot in spots], others, view
        )
        shown += 1
        if shown > symbols.ALWAYS_LABELLED and any(_overlap(box, other) > 0 for other in others):
            continue  # in a crowd a name would sit on another place: its circle and the ranking say it
        taken.append(box)
        ax.text(x, y, m.place.name, ha=ha, va=va, fontsize=SMALL_SIZE, zorder=6, path_effects=[HALO], gid="label")
    by_district: dict[str, list[_Marker]] = {}
    for m in markers:
        if m.place.district:
            by_district.setdefault(m.place.district, []).append(m)
    for label in symbols.district_labels(located):  # type: ignore[arg-type]
        x, y = view.to_screen(label.latitude, label.longitude)
        own = by_district.get(label.name, [])
        if not own:
            continue  # none of its places is on the map
        top = min((m.y - m.radius for m in own), default=y)
        bottom = max((m.y + m.radius for m in own), default=y)
        size = FONT_SIZE + 1
        step = _pixels(SMALL_SIZE * 1.3)  # over a place's name above the places, or under them
        spots = [(x, top - 4 - k * step, "center", "bottom") for k in range(3)] + [(x, bottom + 4, "center", "top")]
        # beside the places, when above and below are taken
        spots.append((min(m.x - m.radius for m in own) - 4, y, "right", "center"))
        spots.append((max(m.x + m.radius for m in own) + 4, y, "left", "center"))
        box, (x, y, ha, va) = _choose([(_text_box(label.name, size, *spot), spot) for spot in spots], taken, view)
        taken.append(box)
        ax.text(
            x,
            y,
            label.name,
            ha=ha,
            va=va,
            fontsize=size,
            fontstyle="italic",
            color=MUTED_TEXT,
            zorder=3,
            path_effects=[HALO],
            gid="district",
        )


def _draw_scale_bar(ax: Axes, view: geo.Viewport) -> None:
    lat, _lon = view.center
    bar = geo.scale_bar(lat, view.zoom, max_pixels=min(120.0, view.width / 4))
    x0, y0 = 12.0, view.height - 12.0
    ax.add_line(
        Line2D(
            [x0, x0, x0 + bar.pixels, x0 + bar.pixels],
            [y0 - 5, y0, y0, y0 - 5],
            color="#222222",
            linewidth=1.6,
            zorder=7,
            path_effects=[HALO],
            gid="scale_bar",
        )
    )
    ax.text(
        x0 + bar.pixels / 2,
        y0 - 3,
        bar.label,
        ha="center",
        va="bottom",
        fontsize=SMALL_SIZE - 1,
        zorder=7,
        path_effects=[HALO],
    )


# --- the legend ----------------------------------------------------------------------------------


def _legend_box(located: Sequence[MapPoint]) -> VPacker:
    """What the sizes and colours mean: circles of round counts at their true size, and the change classes
    with their colours and patterns."""
    largest = max((p.count for p in located), default=0)
    rows: list[Any] = [
        TextArea(
            _heading(_("Circle area: events in the period")),
            textprops={"fontsize": SMALL_SIZE - 1, "fontweight": "bold"},
        )
    ]
    sizes: list[Artist] = []
    for count in symbols.legend_counts(largest):
        diameter = _points(2 * symbols.radius(count, largest))
        area = DrawingArea(diameter + 2, diameter + 2)
        area.add_artist(
            Circle((diameter / 2 + 1, diameter / 2 + 1), diameter / 2, facecolor="white", edgecolor=EDGE, linewidth=0.9)
        )
        sizes.append(
            HPacker(
                children=[area, TextArea(format_number(count, 0), textprops={"fontsize": SMALL_SIZE - 1})],
                align="center",
                pad=0,
                sep=3,
            )
        )
    if sizes:
        rows.append(HPacker(children=sizes, align="bottom", pad=0, sep=10))
    rows.append(
        TextArea(
            _heading(_("Colour: change from the previous period")),
            textprops={"fontsize": SMALL_SIZE - 1, "fontweight": "bold"},
        )
    )
    for change in symbols.CHANGE_CLASSES:
        swatch = DrawingArea(16, 10)
        swatch.add_artist(
            Rectangle(
                (0, 0),
                16,
                10,
                facecolor=change.colour,
                edgecolor=EDGE,
                hatch=HATCHES[change.hatch],
                hatchcolor="white" if change.dark else EDGE,
                linewidth=0.8,
            )
        )
        rows.append(
            HPacker(
                children=[swatch, TextArea(change.label, textprops={"fontsize": SMALL_SIZE - 1})],
                align="center",
                pad=0,
                sep=4,
            )
        )
    if any(not (p.count or p.previous_count) for p in located):  # the small rings of quiet places
        diameter = _points(2 * symbols.EMPTY_RADIUS)
        ring = DrawingArea(16, 10)
        ring.add_artist(Circle((8, 5), diameter / 2, facecolor=symbols.NONE.colour, edgecolor=EDGE, linewidth=0.8))
        rows.append(
            HPacker(
                children=[ring, TextArea(symbols.NONE.label, textprops={"fontsize": SMALL_SIZE - 1})],
                align="center",
                pad=0,
                sep=4,
            )
        )
    return VPacker(children=rows, align="left", pad=0, sep=4)


def _heading(text: str) -> str:
    """A legend heading on two about equal lines when long, so the legend stays narrow."""
    return text if len(text) <= 26 else textwrap.fill(text, math.ceil(len(text) / 2) + 3)


_CORNERS = ("upper right", "upper left", "lower right", "lower left")


def _best_corner(
    ax: Axes, located: Sequence[MapPoint], markers: Sequence[_Marker], map_h: int
) -> tuple[str, int, float]:
    """The corner of the map where the legend covers the fewest places (above the scale bar and the
    attribution in a lower one), how many it covers there, and the legend's width in map pixels."""
    band = EDGE_BAND / map_h
    best: tuple[int, str] | None = None
    width = 0.0
    for corner in _CORNERS:
        box = _anchored(_legend_box(located), corner, (0.0, band, 1.0, 1.0 - band), ax.transAxes)
        ax.add_artist(box)
        extent = box.get_window_extent()
        box.remove()
        width = extent.width * PIXELS_PER_INCH / ax.figure.dpi
        covered = sum(1 for m in markers if _covers(ax, extent, m))
        if best is None or covered < best[0]:
            best = (covered, corner)
        if covered == 0:
            break
    assert best is not None
    return best[1], best[0], width


def _anchored(
    child: VPacker, corner: str, within: tuple[float, float, float, float], transform: Any
) -> AnchoredOffsetbox:
    box = AnchoredOffsetbox(
        loc=corner,
        child=child,
        pad=0.5,
        borderpad=0.6,
        frameon=True,
        bbox_to_anchor=within,
        bbox_transform=transform,
        zorder=8,
    )
    box.patch.set_facecolor("white")
    box.patch.set_alpha(0.9)
    box.patch.set_edgecolor("#999999")
    return box


def _covers(ax: Axes, extent: Any, m: _Marker) -> bool:
    """Whether the legend's box (display pixels) touches the marker's circle."""
    cx, cy = ax.transData.transform((m.x, m.y))
    scale = ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]
    r = m.radius * scale
    nearest_x = min(max(cx, extent.x0), extent.x1)
    nearest_y = min(max(cy, extent.y0), extent.y1)
    return math.hypot(cx - nearest_x, cy - nearest_y) <= r
