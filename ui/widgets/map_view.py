"""The lägesbild on a map: places as circles on a Web Mercator map, drawn with QPainter.

No QtLocation (it needs QML and grows the installer) and no QtNetwork here: the background tiles come
from a function the owner hands over (`set_tiles`), a blocking `get(z, x, y) -> bytes | None` that is
called off the GUI thread; this widget keeps the decoded tiles in memory and asks only for the ones
in view. Without a tile function, or while tiles are missing, the map draws everything else on a
plain background, so it works offline.

Layers, bottom up: background → tiles → density cells → kommundel names → markers (largest first) →
labels of the largest places → scale bar → attribution → legend.
"""

from __future__ import annotations

import itertools
import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QPointF,
    QRectF,
    QRunnable,
    QSize,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QApplication, QSizePolicy, QToolTip, QWidget

from app.i18n import _
from app.map import density, geo, symbols
from app.services.lagesbild import MapPlace
from ui import format as fmt
from ui.none_guard import keep_none_alive

if TYPE_CHECKING:  # the tile module (urllib, the settings) loads when the map is first shown
    from app.map.tiles import TileFunction

BACKGROUND = QColor("#EEF0EC")  # a light neutral, land-like grey
OUTLINE = QColor("#333333")
SELECTED = QColor("#111111")
RING = QColor("#666666")
HALO = QColor(255, 255, 255, 230)
DISTRICT_TEXT = QColor("#7A7A7A")
# The density layer: a sequential purple (matplotlib's "Purples"), apart from the markers' oranges and blues.
DENSITY_STOPS = ((0.0, QColor("#BCBDDC")), (0.5, QColor("#807DBA")), (1.0, QColor("#3F007D")))
DENSITY_ALPHA = (40, 215)  # alpha at share 0 and 1: the thin edges of the density fade out
SEE_THROUGH = 120  # the markers' fill alpha while the density layer is on, so that it shows through

CACHE_TILES = 384  # decoded tiles kept in memory (a 1440 × 900 view shows about 40)
MAX_WORKERS = 4
WHEEL_STEP = 0.5  # zoom levels per wheel notch
KEY_PAN = 0.25  # share of the view an arrow key moves
HIT_MIN = 6.0  # pixels: a small marker is easier to hit than to see
MARGIN = 10
RETRY_SECONDS = 60.0  # a tile that failed is asked for again after this long (tiles.OFFLINE_SECONDS)
SPRITES = 512  # texts with a halo kept drawn
LEGEND_ROOM = (2.2, 1.4)  # the map at least this many times the legend's width and height to show it
LEGEND_CORNERS = ("top right", "top left", "bottom right", "bottom left")  # in the order of preference


@dataclass(frozen=True)
class Marker:
    """A place as drawn: where (screen pixels of the viewport it was computed for), how large, which class."""

    place: MapPlace
    x: float
    y: float
    radius: float
    change: symbols.ChangeClass

    @property
    def empty(self) -> bool:
        return self.place.count == 0


# --- tiles off the GUI thread -------------------------------------------------------------------------


class _TileSignals(QObject):
    # (z, x, y), generation, the decoded image or None
    loaded = Signal(object, int, object)


class _TileJob(QRunnable):
    def __init__(self, get: TileFunction, key: tuple[int, int, int], generation: int, signals: _TileSignals):
        super().__init__()
        self.get = get
        self.key = key
        self.generation = generation
        self.signals = signals  # held here too, so it outlives the view while the job runs
        self.cancelled = threading.Event()

    def run(self) -> None:
        try:
            if self.cancelled.is_set():  # left the view while it waited
                return
            image: QImage | None = None
            try:
                data = self.get(*self.key)
                if data:
                    decoded = QImage.fromData(data)
                    image = None if decoded.isNull() else decoded
            except Exception:  # a tile that cannot be had is left out; the map works without it
                image = None
            try:
                self.signals.loaded.emit(self.key, self.generation, image)
            except RuntimeError:  # the view closed meanwhile
                pass
        finally:
            _running.discard(self)


_pool: QThreadPool | None = None
_running: set[_TileJob] = set()  # held until they end, whatever becomes of the view


def _tile_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        _pool.setMaxThreadCount(MAX_WORKERS)
        _pool.setExpiryTimeout(5000)
    return _pool


def wait_for_tiles(msecs: int = 5000) -> bool:
    """Wait until no tile is being fetched (for tests and benchmarks)."""
    return _pool.waitForDone(msecs) if _pool is not None else True


# --- helpers ------------------------------------------------------------------------------------------


def _density_colour(share: float) -> QColor:
    """The density ramp's colour at `share` (0..1): light and clear to dark and more opaque."""
    share = max(0.0, min(1.0, share))
    (s0, c0), (s1, c1) = next((low, high) for low, high in itertools.pairwise(DENSITY_STOPS) if share <= high[0])
    t = (share - s0) / (s1 - s0)
    colour = QColor(
        round(c0.red() + (c1.red() - c0.red()) * t),
        round(c0.green() + (c1.green() - c0.green()) * t),
        round(c0.blue() + (c1.blue() - c0.blue()) * t),
    )
    colour.setAlpha(round(DENSITY_ALPHA[0] + (DENSITY_ALPHA[1] - DENSITY_ALPHA[0]) * share))
    return colour


def _pattern(change: symbols.ChangeClass) -> QBrush | None:
    """The second cue over the colour: diagonal lines for a rise, dots for a fall."""
    if change.hatch is symbols.Hatch.NONE:
        return None
    colour = QColor(255, 255, 255, 200) if change.dark else QColor(0, 0, 0, 150)
    style = Qt.BrushStyle.BDiagPattern if change.hatch is symbols.Hatch.RISING else Qt.BrushStyle.Dense6Pattern
    return QBrush(colour, style)


def tooltip_text(place: MapPlace) -> str:
    percent = 100.0 * (place.count - place.previous_count) / place.previous_count if place.previous_count else None
    lines = [
        f"<b>{_escape(place.name)}</b>",
        _escape(place.district) if place.district else "",
        _("Events: %1").replace("%1", fmt.number(place.count)),
        _("The period before: %1").replace("%1", fmt.number(place.previous_count)),
        _("Change: %1").replace("%1", fmt.change(place.count, place.previous_count, percent)),
    ]
    if place.dominant_categories:
        types = ", ".join(f"{_escape(c.name)} ({fmt.number(c.count)})" for c in place.dominant_categories)
        lines.append(_("Dominant event types: %1").replace("%1", types))
    return "<br>".join(line for line in lines if line)


def _halo_text(text: str, font: QFont, colour: QColor, halo: float, dpr: float) -> tuple[QImage, float, float]:
    """`text` in `colour` with a white halo `halo` pixels wide on a transparent picture, and where
    its baseline starts in it."""
    metrics = QFontMetricsF(font)
    pad = math.ceil(halo) + 1
    width, height = metrics.horizontalAdvance(text) + 2 * pad + 2, metrics.height() + 2 * pad
    image = QImage(math.ceil(width * dpr), math.ceil(height * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    path = QPainterPath()
    path.addText(QPointF(pad, pad + metrics.ascent()), font, text)
    painter.strokePath(
        path, QPen(HALO, halo, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    )
    painter.fillPath(path, colour)
    painter.end()
    return image, pad, pad + metrics.ascent()


def _marker_image(
    change: symbols.ChangeClass, radius: float, empty: bool, ring: bool, see_through: bool, dpr: float
) -> tuple[QImage, float, float]:
    """A marker on a transparent picture, its centre `half` pixels from the top left (both ways):
    filled with the class colour, the pattern over it, a dark outline; a place without events a ring."""
    half = math.ceil(radius) + 2
    side = 2 * half
    image = QImage(math.ceil(side * dpr), math.ceil(side * dpr), QImage.Format.Format_ARGB32_Premultiplied)
    image.setDevicePixelRatio(dpr)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    centre = QPointF(half, half)
    if empty:
        painter.setPen(QPen(RING if ring else QColor(change.colour), 1.5))
        painter.setBrush(QColor(255, 255, 255, 200))
        painter.drawEllipse(centre, radius, radius)
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        fill = QColor(change.colour)
        if see_through:
            fill.setAlpha(SEE_THROUGH)
        painter.setBrush(fill)
        painter.drawEllipse(centre, radius, radius)
        pattern = _pattern(change)
        if pattern is not None:
            if see_through:
                colour = pattern.color()
                colour.setAlpha(colour.alpha() // 2)
                pattern.setColor(colour)
            painter.setBrush(pattern)
            painter.drawEllipse(centre, radius, radius)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(OUTLINE, 1.2))
        painter.drawEllipse(centre, radius, radius)
    painter.end()
    return image, half, half


class _Circles:
    """The markers by the squares of a coarse grid they touch, for quick overlap tests."""

    CELL = 48.0

    def __init__(self, markers: Sequence[Marker]):
        self.grid: dict[tuple[int, int], list[Marker]] = {}
        cell = self.CELL
        for m in markers:
            for ix in range(math.floor((m.x - m.radius) / cell), math.floor((m.x + m.radius) / cell) + 1):
                for iy in range(math.floor((m.y - m.radius) / cell), math.floor((m.y + m.radius) / cell) + 1):
                    self.grid.setdefault((ix, iy), []).append(m)

    def hits(self, rect: QRectF, exclude: Marker | None = None) -> bool:
        """Whether `rect` overlaps a circle (other than `exclude`'s)."""
        left, top, right, bottom = rect.left(), rect.top(), rect.right(), rect.bottom()
        cell = self.CELL
        for ix in range(math.floor(left / cell), math.floor(right / cell) + 1):
            for iy in range(math.floor(top / cell), math.floor(bottom / cell) + 1):
                for m in self.grid.get((ix, iy), ()):
                    if m is exclude:
                        continue
                    nx, ny = min(max(m.x, left), right), min(max(m.y, top), bottom)
                    if (nx - m.x) ** 2 + (ny - m.y) ** 2 < m.radius * m.radius:
                        return True
        return False


def _circle_box(m: Marker) -> QRectF:
    return QRectF(m.x - m.radius, m.y - m.radius, 2 * m.radius, 2 * m.radius)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- the view -----------------------------------------------------------------------------------------


class MapView(QWidget):
    """The places of a lägesbild on a map. See the module's docstring for what it draws."""

    place_clicked = Signal(int)
    background_clicked = Signal()
    clicked_at = Signal(float, float)  # latitude, longitude of a click (before place_clicked or background_clicked)
    # place id or None, latitude, longitude, global position of the pointer (or of the selected marker)
    context_requested = Signal(object, float, float, QPoint)

    def __init__(self, parent: QWidget | None = None):
        keep_none_alive()  # QPainter's calls would otherwise exhaust None's reference count (see ui/none_guard)
        super().__init__(parent)
        self.setObjectName("mapView")
        self.setAccessibleName(_("Map of the places"))
        self.setAccessibleDescription(
            _(
                "Circles are places, their area the number of events and their colour the change against the period before."
            )
        )
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(240, 160)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

        self._places: list[MapPlace] = []
        self._located: list[MapPlace] = []
        self._largest = 0
        self._radii: dict[int, float] = {}
        self._classes: dict[int, symbols.ChangeClass] = {}
        self._labelled: set[str] = set()
        self._districts: list[symbols.DistrictLabel] = []
        self._density_method: density.Method | None = None
        self._cells: list[density.DensityCell] = []
        self._selected: int | None = None
        self._legend = True
        self._legend_corner = "top right"
        self._viewport = geo.fit((), max(1, self.width()), max(1, self.height()))
        self._user_moved = False  # the user panned or zoomed: new places no longer refit the view

        self._tiles: TileFunction | None = None
        self._attribution = ""
        self._generation = 0
        self._cache: OrderedDict[tuple[int, int, int], QPixmap] = OrderedDict()
        self._pending: dict[tuple[int, int, int], _TileJob] = {}
        self._failed: dict[tuple[int, int, int], float] = {}  # tile -> when it failed (time.monotonic)
        self._signals = _TileSignals()
        self._signals.loaded.connect(self._tile_loaded)
        self.tile_requests = 0  # how many tiles were asked of the tile function (tests, benchmarks)

        self._press: QPointF | None = None
        self._dragging = False
        self._after_double_click = False
        self._click_at: QPointF | None = None
        self._click = QTimer(self, singleShot=True)
        self._click.timeout.connect(self._deliver_click)
        self.drawn_texts: list[str] = []  # every text the last paint drew, for tests
        self._sprites: OrderedDict[tuple, tuple[QImage, float, float]] = OrderedDict()
        self._world: tuple[float, list[tuple[MapPlace, float, float, float, symbols.ChangeClass]]] | None = None
        self._legend_cache: tuple[tuple, QImage, list[str]] | None = None

    # --- what to show -----------------------------------------------------------------------------

    def set_places(self, places: Sequence[MapPlace]) -> None:
        self._places = list(places)
        self._located = [p for p in self._places if p.located]
        self._largest = max((p.count for p in self._located), default=0)
        self._radii = {p.place_id: symbols.radius(p.count, self._largest) for p in self._located}
        self._classes = {p.place_id: symbols.change_class(p.count, p.previous_count) for p in self._located}
        self._labelled = symbols.labelled(self._located)
        self._world = None
        self._districts = symbols.district_labels(self._located)
        self._compute_density()
        if not self._user_moved:
            self._fit_view()
        self.update()

    def places(self) -> list[MapPlace]:
        return list(self._places)

    def set_tiles(self, get: TileFunction | None, attribution: str = "") -> None:
        """The background map: `get(z, x, y)` returns a tile's PNG or JPEG bytes or None (called off
        the GUI thread, so it may block); None draws a plain background."""
        self._tiles = get
        self._attribution = attribution if get is not None else ""
        self._generation += 1
        self._cancel_tiles()
        self._cache.clear()
        self._failed.clear()
        self.update()

    def set_density(self, method: density.Method | None) -> None:
        self._density_method = method
        self._compute_density()
        if not self._user_moved:  # the legend grows or shrinks by the density's ramp
            self._fit_view()
        self.update()

    def density_method(self) -> density.Method | None:
        return self._density_method

    def set_selected(self, place_id: int | None) -> None:
        if place_id != self._selected:
            self._selected = place_id
            self.update()

    def selected(self) -> int | None:
        return self._selected

    def set_legend_visible(self, visible: bool) -> None:
        self._legend = visible
        if not self._user_moved:  # the places may now spread under where the legend was
            self._fit_view()
        self.update()

    def legend_visible(self) -> bool:
        """Whether the legend is asked for (it is drawn where the map has room for it)."""
        return self._legend

    @property
    def viewport(self) -> geo.Viewport:
        return self._viewport

    @viewport.setter
    def viewport(self, value: geo.Viewport) -> None:
        self._set_viewport(value.resized(max(1, self.width()), max(1, self.height())))

    def fit(self) -> None:
        """Show every located place (the whole kommun when there is none)."""
        self._user_moved = False
        self._fit_view()
        self.update()

    # --- geometry ---------------------------------------------------------------------------------

    def _fitted(self, width: int, height: int) -> tuple[geo.Viewport, str]:
        """The view showing every located place with events in either period (every located place
        when none has any), and the corner for the legend. Where the legend in its top right corner
        would cover one, the places are fitted beside it or below it instead, whichever shows them
        larger; on a map too small for that the legend goes to the corner where it covers least."""
        shown = [p for p in self._located if p.count or p.previous_count] or self._located
        points = [(p.latitude, p.longitude) for p in shown]  # type: ignore[misc]
        padding = symbols.MAX_RADIUS + 16
        plain = geo.fit(points, max(1, width), max(1, height), padding=padding)
        if not self._legend_shown(plain) or not self._located:
            return plain, "top right"
        ids = {p.place_id for p in shown}
        covered = [m for m in self.markers(plain) if m.place.place_id in ids]

        def cover(corner: str) -> float:
            box = self._legend_rect(plain, corner).adjusted(-4, -4, 4, 4)
            return sum(m.radius**2 for m in covered if box.intersects(_circle_box(m)))

        if not cover("top right"):
            return plain, "top right"
        legend = self._legend_rect(plain, "top right")
        strip_w, strip_h = legend.width() + MARGIN, legend.bottom() + MARGIN
        beside = geo.fit(points, max(1, round(width - strip_w)), max(1, height), padding=padding)
        below = geo.fit(points, max(1, width), max(1, round(height - strip_h)), padding=padding)
        if max(beside.zoom, below.zoom) < plain.zoom - 1:  # a small map: the places matter more
            return plain, min(LEGEND_CORNERS, key=cover)
        if beside.zoom >= below.zoom:
            return geo.Viewport(beside.center_x + strip_w / 2, beside.center_y, beside.zoom, width, height), "top right"
        return geo.Viewport(below.center_x, below.center_y - strip_h / 2, below.zoom, width, height), "top right"

    def _fit_view(self) -> None:
        view, self._legend_corner = self._fitted(max(1, self.width()), max(1, self.height()))
        self._set_viewport(view, user=False)

    def _set_viewport(self, viewport: geo.Viewport, user: bool = True) -> None:
        self._viewport = viewport
        if user:
            self._user_moved = True
        self.update()

    def markers(self, viewport: geo.Viewport | None = None) -> list[Marker]:
        """The markers in drawing order (largest first, so small ones stay on top)."""
        view = viewport or self._viewport
        if self._world is None or self._world[0] != view.zoom:
            # World pixels depend on the zoom only: panning reuses them.
            found = []
            for p in self._located:
                wx, wy = geo.project(p.latitude, p.longitude, view.zoom)  # type: ignore[arg-type]
                found.append((p, wx, wy, self._radii[p.place_id], self._classes[p.place_id]))
            found.sort(key=lambda w: (-w[3], -w[0].count, w[0].place_id))
            self._world = (view.zoom, found)
        dx, dy = view.width / 2 - view.center_x, view.height / 2 - view.center_y
        return [Marker(p, wx + dx, wy + dy, r, c) for p, wx, wy, r, c in self._world[1]]

    def marker_at(self, x: float, y: float) -> Marker | None:
        """The marker under a screen point: of those whose circle (at least HIT_MIN across) holds it,
        the one the point is most central in, by distance over radius. A click on the middle of a big
        circle is that place even where a small neighbour's edge reaches it; a small circle drawn
        over a big one is still hit on itself."""

        def reach(m: Marker) -> float:
            return max(m.radius, HIT_MIN) + 1

        hits = [m for m in self.markers() if math.hypot(m.x - x, m.y - y) <= reach(m)]
        return min(hits, key=lambda m: (math.hypot(m.x - x, m.y - y) / reach(m), m.radius)) if hits else None

    def _compute_density(self) -> None:
        if self._density_method is None:
            self._cells = []
            return
        points = [(p.latitude, p.longitude, p.count) for p in self._located if p.count > 0]
        cells = density.density(points, self._density_method)  # type: ignore[arg-type]
        self._cells = [c for c in cells if c.share >= 0.02]  # the kernel's faint rim adds only noise

    # --- tiles ------------------------------------------------------------------------------------

    def _request_tiles(self, tiles: list[geo.Tile]) -> None:
        """Ask for the tiles in view that are neither in memory nor on their way; drop the requests
        for tiles no longer in view."""
        if self._tiles is None:
            return
        wanted = {(t.z, t.x, t.y) for t in tiles}
        for key in [k for k in self._pending if k not in wanted]:
            self._pending.pop(key).cancelled.set()
        for tile in tiles:  # centre first
            key = (tile.z, tile.x, tile.y)
            if key in self._cache or key in self._pending or self._failed_recently(key):
                continue
            job = _TileJob(self._tiles, key, self._generation, self._signals)
            self._pending[key] = job
            self.tile_requests += 1
            _running.add(job)
            _tile_pool().start(job)

    def _failed_recently(self, key: tuple[int, int, int]) -> bool:
        """A tile that could not be had is asked for again after RETRY_SECONDS (the server may be back)."""
        failed = self._failed.get(key)
        if failed is None:
            return False
        if time.monotonic() - failed >= RETRY_SECONDS:
            del self._failed[key]
            return False
        return True

    def _cancel_tiles(self) -> None:
        """Drop the requests not yet started: nothing is fetched for a map nobody sees."""
        for job in self._pending.values():
            job.cancelled.set()
        self._pending.clear()

    def hideEvent(self, event) -> None:
        self._cancel_tiles()
        self._click.stop()
        super().hideEvent(event)

    @Slot(object, int, object)
    def _tile_loaded(self, key: tuple[int, int, int], generation: int, image: QImage | None) -> None:
        if generation != self._generation:
            return
        self._pending.pop(key, None)
        if image is None:
            if len(self._failed) > 4096:  # a long time offline: forget, and try again as the map moves
                self._failed.clear()
            self._failed[key] = time.monotonic()
            return
        self._cache[key] = QPixmap.fromImage(image)
        self._cache.move_to_end(key)
        while len(self._cache) > CACHE_TILES:
            self._cache.popitem(last=False)
        self.update()

    def _cached(self, key: tuple[int, int, int]) -> QPixmap | None:
        pixmap = self._cache.get(key)
        if pixmap is not None:
            self._cache.move_to_end(key)
        return pixmap

    def cached_tiles(self) -> int:
        return len(self._cache)

    def pending_tiles(self) -> int:
        return len(self._pending)

    def _draw_tiles(self, painter: QPainter, view: geo.Viewport, request: bool) -> int:
        tiles = view.tiles()
        if request:
            self._request_tiles(tiles)
        drawn = 0
        smooth = abs(view.zoom - round(view.zoom)) > 1e-6
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        for tile in tiles:
            target = QRectF(tile.left, tile.top, tile.size, tile.size)
            pixmap = self._cached((tile.z, tile.x, tile.y))
            if pixmap is not None:
                painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
                drawn += 1
                continue
            # While the level loads: its parent (or grandparent …) scaled up, if that is in memory.
            for up in range(1, 4):
                z = tile.z - up
                if z < 0:
                    break
                parent = self._cache.get((z, tile.x >> up, tile.y >> up))
                if parent is None:
                    continue
                part = parent.width() / (1 << up)
                source = QRectF(
                    (tile.x - ((tile.x >> up) << up)) * part, (tile.y - ((tile.y >> up) << up)) * part, part, part
                )
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
                painter.drawPixmap(target, parent, source)
                painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
                break
        return drawn

    # --- painting ---------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._viewport.width != self.width() or self._viewport.height != self.height():
            self._viewport = self._viewport.resized(self.width(), self.height())
        painter = QPainter(self)
        try:
            self.drawn_texts = []
            self._paint(painter, self._viewport, request=True)
        finally:
            painter.end()

    def render_image(self, width: int | None = None, height: int | None = None) -> QImage:
        """The map as a picture (what saving and copying use), the attribution always drawn in it."""
        w, h = width or max(1, self.width()), height or max(1, self.height())
        corner = self._legend_corner
        if self._user_moved:
            view = self._viewport.resized(w, h)
        else:  # fitted to the picture's size, its legend where it covers least there
            view, self._legend_corner = self._fitted(w, h)
        image = QImage(w, h, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(BACKGROUND)
        painter = QPainter(image)
        try:
            self.drawn_texts = []
            self._paint(painter, view, request=False)
        finally:
            painter.end()
            self._legend_corner = corner
        return image

    def _paint(self, painter: QPainter, view: geo.Viewport, request: bool) -> None:
        painter.fillRect(QRectF(0, 0, view.width, view.height), BACKGROUND)
        if self._tiles is not None:
            self._draw_tiles(painter, view, request)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        if self._cells:
            self._draw_density(painter, view)
        bounds = QRectF(-symbols.MAX_RADIUS, -symbols.MAX_RADIUS, view.width, view.height).adjusted(
            0, 0, 2 * symbols.MAX_RADIUS, 2 * symbols.MAX_RADIUS
        )
        markers = [m for m in self.markers(view) if bounds.contains(m.x, m.y)]  # those in view
        circles = _Circles(markers)
        labels = self._layout_labels(view, markers, circles)
        self._draw_districts(painter, self._layout_districts(view, markers, labels, circles))
        self._draw_markers(painter, view, markers)
        self._draw_labels(painter, labels)
        self._draw_scale_bar(painter, view)
        if self._tiles is not None and self._attribution:
            self._draw_attribution(painter, view)
        if self._legend_shown(view):
            self._draw_legend(painter, view)

    def _draw_density(self, painter: QPainter, view: geo.Viewport) -> None:
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        bounds = QRectF(0, 0, view.width, view.height)
        for cell in self._cells:
            x0, y0 = view.to_screen(cell.north, cell.west)
            x1, y1 = view.to_screen(cell.south, cell.east)
            rect = QRectF(QPointF(x0, y0), QPointF(x1, y1))
            if rect.intersects(bounds):
                painter.fillRect(rect, _density_colour(cell.share))
        painter.restore()

    def _sprite(self, key: tuple, make: Callable[[], tuple[QImage, float, float]]) -> tuple[QImage, float, float]:
        """A small picture drawn once and copied by later frames (the most recently used SPRITES kept)."""
        sprite = self._sprites.get(key)
        if sprite is None:
            sprite = self._sprites[key] = make()
            while len(self._sprites) > SPRITES:
                self._sprites.popitem(last=False)
        else:
            self._sprites.move_to_end(key)
        return sprite

    def _text(self, painter: QPainter, x: float, y: float, text: str, font: QFont, colour: QColor, halo: float) -> None:
        """Text with a white halo, its baseline at (x, y). Stroking a halo costs a millisecond or
        more, so each text is drawn once into a small picture that later frames copy."""
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        key = (text, font.toString(), colour.rgba(), halo, dpr)
        image, dx, dy = self._sprite(key, lambda: _halo_text(text, font, colour, halo, dpr))
        painter.drawImage(QPointF(round(x - dx), round(y - dy)), image)
        self.drawn_texts.append(text)

    def _district_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 1.6)
        font.setItalic(True)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 108)
        return font

    def _layout_districts(
        self, view: geo.Viewport, markers: list[Marker], labels: list[tuple[QRectF, str]], circles: _Circles
    ) -> list[tuple[float, float, str]]:
        """Where each kommundel's name goes (its baseline's start): above its places, else below them,
        else over their middle; never over a place's label, another kommundel's name or the legend,
        and over as few circles as can be."""
        if not self._districts:
            return []
        font = self._district_font()
        metrics = QFontMetricsF(font)
        taken = [r for r, _t in labels] + self._furniture(view)
        inside = QRectF(0, 0, view.width, view.height)
        spans: dict[str, QRectF] = {}
        for m in markers:
            box = _circle_box(m)
            spans[m.place.district] = spans[m.place.district].united(box) if m.place.district in spans else box
        found = []
        for label in self._districts:
            x, y = view.to_screen(label.latitude, label.longitude)
            w, h = metrics.horizontalAdvance(label.name), metrics.height()
            span = spans.get(label.name, QRectF(x, y, 0, 0))
            left = min(max(2.0, x - w / 2), view.width - w - 2)  # kept inside the map at its edges
            candidates = [
                QRectF(left, span.top() - 4 - h, w, h),  # above its places
                QRectF(left, span.bottom() + 4, w, h),  # below them
                QRectF(span.left() - 6 - w, y - h / 2, w, h),  # to their left
                QRectF(span.right() + 6, y - h / 2, w, h),  # to their right
            ]
            for rect in candidates:
                if not inside.contains(rect) or any(rect.intersects(t) for t in taken):
                    continue
                if circles.hits(rect):
                    continue
                taken.append(rect)
                found.append((rect.left(), rect.top() + metrics.ascent(), label.name))
                break
        return found

    def _draw_districts(self, painter: QPainter, districts: list[tuple[float, float, str]]) -> None:
        font = self._district_font()
        for x, y, name in districts:
            self._text(painter, x, y, name, font, DISTRICT_TEXT, 4.0)

    def _draw_markers(self, painter: QPainter, view: geo.Viewport, markers: list[Marker]) -> None:
        """Each marker copied from a small picture of its look (size, class, see-through), drawn once."""
        see_through = bool(self._cells)
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        selected = None
        for m in markers:
            if m.x + m.radius < 0 or m.y + m.radius < 0 or m.x - m.radius > view.width or m.y - m.radius > view.height:
                continue
            if m.place.place_id == self._selected:
                selected = m
            radius = round(m.radius * 4) / 4
            ring = m.empty and m.place.previous_count == 0
            key = (radius, m.change.key, m.empty, ring, see_through, dpr)
            image, half, _unused = self._sprite(
                key, lambda c=m.change, r=radius, e=m.empty, o=ring: _marker_image(c, r, e, o, see_through, dpr)
            )
            painter.drawImage(QPointF(round(m.x - half), round(m.y - half)), image)
        if selected is not None:
            painter.save()
            r = max(selected.radius, HIT_MIN) + 2
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("white"), 6))
            painter.drawEllipse(QPointF(selected.x, selected.y), r, r)
            painter.setPen(QPen(SELECTED, 3))
            painter.drawEllipse(QPointF(selected.x, selected.y), r, r)
            painter.restore()

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setBold(True)
        return font

    def _layout_labels(self, view: geo.Viewport, markers: list[Marker], circles: _Circles) -> list[tuple[QRectF, str]]:
        """Where the name and count of the largest places go: beside their marker, clear of the other
        markers, of each other and of the legend, scale bar and attribution; a label with no such
        room is left out (zooming in makes room), except that the three largest may cover other circles."""
        if not self._labelled:
            return []
        metrics = QFontMetricsF(self._label_font())
        taken = self._furniture(view)
        inside = QRectF(2, 2, view.width - 4, view.height - 4)
        placed: list[tuple[QRectF, str]] = []
        ranked = sorted(
            (m for m in markers if m.place.name in self._labelled), key=lambda m: (-m.place.count, m.place.name)
        )
        for rank, m in enumerate(ranked):
            text = f"{m.place.name} {fmt.number(m.place.count)}"
            w, h = metrics.horizontalAdvance(text), metrics.height()
            gap, diagonal = m.radius + 3, m.radius * 0.72
            candidates = (
                QRectF(m.x + gap, m.y - h / 2, w, h),  # right
                QRectF(m.x - gap - w, m.y - h / 2, w, h),  # left
                QRectF(m.x + diagonal, m.y - diagonal - h, w, h),  # upper right
                QRectF(m.x + diagonal, m.y + diagonal, w, h),  # lower right
                QRectF(m.x - diagonal - w, m.y - diagonal - h, w, h),  # upper left
                QRectF(m.x - diagonal - w, m.y + diagonal, w, h),  # lower left
                QRectF(m.x - w / 2, m.y - m.radius - 2 - h, w, h),  # above
                QRectF(m.x - w / 2, m.y + m.radius + 2, w, h),  # below
            )
            free = [r for r in candidates if inside.contains(r) and not any(r.intersects(t) for t in taken)]
            clear = [r for r in free if not circles.hits(r, exclude=m)]
            # The largest places are named even over other circles (the halo keeps the name readable).
            rect = clear[0] if clear else free[0] if free and rank < symbols.ALWAYS_LABELLED else None
            if rect is not None:
                taken.append(rect.adjusted(-3, -1, 3, 1))
                placed.append((rect, text))
        return placed

    def _draw_labels(self, painter: QPainter, labels: list[tuple[QRectF, str]]) -> None:
        font = self._label_font()
        ascent = QFontMetricsF(font).ascent()
        for rect, text in labels:
            self._text(painter, rect.left(), rect.top() + ascent, text, font, QColor("#111111"), 3.5)

    def _furniture(self, view: geo.Viewport) -> list[QRectF]:
        found = [QRectF(0, view.height - 40, 150, 40)]  # the scale bar
        if self._tiles is not None and self._attribution:
            found.append(self._attribution_rect(view)[0])
        if self._legend_shown(view):
            found.append(self._legend_rect(view))
        return found

    def _legend_shown(self, view: geo.Viewport) -> bool:
        """The legend is drawn when asked for and where the map has room for it: on a small map it
        would hide the places it explains."""
        if not self._legend:
            return False
        size = self._legend_size()
        return view.width >= LEGEND_ROOM[0] * size.width() and view.height >= LEGEND_ROOM[1] * size.height()

    def _legend_rect(self, view: geo.Viewport, corner: str | None = None) -> QRectF:
        """Where the legend goes: a corner, clear of the scale bar and the attribution below."""
        size = self._legend_size()
        corner = corner or self._legend_corner
        w, h = size.width(), size.height()
        left = MARGIN if corner.endswith("left") else view.width - w - MARGIN
        if corner.startswith("top"):
            return QRectF(left, MARGIN, w, h)
        below = 40 if corner.endswith("left") else 24  # the scale bar, the attribution
        return QRectF(left, max(MARGIN, view.height - h - below), w, h)

    def _draw_scale_bar(self, painter: QPainter, view: geo.Viewport) -> None:
        lat, _lon = view.center
        bar = geo.scale_bar(lat, view.zoom)
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 0.9)
        metrics = QFontMetricsF(font)
        x0, y = MARGIN + 4, view.height - MARGIN - 4
        painter.save()
        solid, flat, miter = Qt.PenStyle.SolidLine, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.MiterJoin
        for pen in (
            QPen(HALO, 5, solid, Qt.PenCapStyle.RoundCap, miter),
            QPen(QColor("#222222"), 2, solid, flat, miter),
        ):
            painter.setPen(pen)
            painter.drawLine(QPointF(x0, y), QPointF(x0 + bar.pixels, y))
            painter.drawLine(QPointF(x0, y - 6), QPointF(x0, y))
            painter.drawLine(QPointF(x0 + bar.pixels, y - 6), QPointF(x0 + bar.pixels, y))
        painter.restore()
        self._text(painter, x0, y - 8 - metrics.descent(), bar.label, font, QColor("#222222"), 3.0)

    def _attribution_rect(self, view: geo.Viewport) -> tuple[QRectF, QFont]:
        font = QFont(self.font())
        font.setPointSizeF(max(6.5, self.font().pointSizeF() * 0.8))
        metrics = QFontMetricsF(font)
        w, h = metrics.horizontalAdvance(self._attribution) + 10, metrics.height() + 4
        return QRectF(view.width - w, view.height - h, w, h), font

    def _draw_attribution(self, painter: QPainter, view: geo.Viewport) -> None:
        rect, font = self._attribution_rect(view)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 205))
        painter.drawRect(rect)
        painter.setFont(font)
        painter.setPen(QColor("#333333"))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self._attribution)
        painter.restore()
        self.drawn_texts.append(self._attribution)

    # --- legend -----------------------------------------------------------------------------------

    def _legend_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(self.font().pointSizeF() * 0.9)
        return font

    def _legend_rows(self) -> tuple[list[int], list[tuple[symbols.ChangeClass, str]]]:
        sizes = symbols.legend_counts(self._largest)
        classes = [(c, c.label) for c in symbols.CHANGE_CLASSES]
        classes.append((symbols.NONE, symbols.NONE.label))
        return sizes, classes

    def _legend_titles(self) -> list[str]:
        titles = [_("Events in the period"), _("Change against the period before")]
        if self._density_method is not None:
            titles.append(self._density_title())
        return titles

    def _density_title(self) -> str:
        if self._density_method is density.Method.GRID:
            return _("Events per square (%1 m)").replace("%1", fmt.number(density.GRID_METRES))
        return _("Density of events")

    def _size_row(self, sizes: list[int]) -> tuple[float, float]:
        """Width and height of the row of size circles, the largest first."""
        radii = [symbols.radius(v, self._largest) for v in sizes]
        return sum(2 * r for r in radii) + 16 * max(0, len(radii) - 1), 2 * max(radii, default=0)

    def _legend_size(self) -> QSize:
        metrics = QFontMetricsF(self._legend_font())
        bold = QFont(self._legend_font())
        bold.setBold(True)
        bold_metrics = QFontMetricsF(bold)
        sizes, classes = self._legend_rows()
        row_w, row_h = self._size_row(sizes)
        text_w = max(
            [30 + metrics.horizontalAdvance(label) for _c, label in classes]
            + [bold_metrics.horizontalAdvance(t) for t in self._legend_titles()]
            + [row_w]
        )
        line = metrics.height() + 3
        height = 10 + line  # the first title
        if sizes:
            height += row_h + line + 6
        height += line + len(classes) * line
        if self._density_method is not None:
            height += 6 + line + 12 + line
        return QSize(round(text_w + 24), round(height + 8))

    def _draw_legend(self, painter: QPainter, view: geo.Viewport) -> None:
        """The legend, drawn once into a picture for as long as what it says stays the same."""
        rect = self._legend_rect(view)
        dpr = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        key = (
            self._largest,
            self._density_method,
            tuple(self._legend_titles()),
            symbols.SAME.label,
            self.font().toString(),
            dpr,
        )
        if self._legend_cache is None or self._legend_cache[0] != key:
            image = QImage(
                math.ceil(rect.width() * dpr) + 2,
                math.ceil(rect.height() * dpr) + 2,
                QImage.Format.Format_ARGB32_Premultiplied,
            )
            image.setDevicePixelRatio(dpr)
            image.fill(Qt.GlobalColor.transparent)
            texts_before = len(self.drawn_texts)
            legend_painter = QPainter(image)
            legend_painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            legend_painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
            self._paint_legend(legend_painter, QRectF(0.5, 0.5, rect.width(), rect.height()))
            legend_painter.end()
            self._legend_cache = (key, image, self.drawn_texts[texts_before:])
            del self.drawn_texts[texts_before:]
        _key, image, texts = self._legend_cache
        painter.drawImage(QPointF(round(rect.left()), round(rect.top())), image)
        self.drawn_texts.extend(texts)

    def _paint_legend(self, painter: QPainter, box: QRectF) -> None:
        metrics = QFontMetricsF(self._legend_font())
        line = metrics.height() + 3
        painter.save()
        painter.setPen(QPen(QColor(0, 0, 0, 60), 1))
        painter.setBrush(QColor(255, 255, 255, 230))
        painter.drawRoundedRect(box, 4, 4)
        title_font = QFont(self._legend_font())
        title_font.setBold(True)
        x, y = box.left() + 12, box.top() + 10

        def write(text: str, tx: float, ty: float, font: QFont | None = None) -> None:
            painter.setFont(font or self._legend_font())
            painter.setPen(QColor("#222222"))
            painter.drawText(QPointF(tx, ty + metrics.ascent()), text)
            self.drawn_texts.append(text)

        sizes, classes = self._legend_rows()
        write(_("Events in the period"), x, y, title_font)
        y += line
        if sizes:
            # The round counts side by side on a common bottom line, each with its number below.
            _row_w, row_h = self._size_row(sizes)
            cx = x
            bottom = y + row_h
            for value in sizes:
                r = symbols.radius(value, self._largest)
                painter.setPen(QPen(OUTLINE, 1))
                painter.setBrush(QColor("#DDDDDD"))
                painter.drawEllipse(QPointF(cx + r, bottom - r), r, r)
                text = fmt.number(value)
                write(text, cx + r - metrics.horizontalAdvance(text) / 2, bottom + 2)
                cx += 2 * r + 16
            y += row_h + line + 6
        write(_("Change against the period before"), x, y, title_font)
        y += line
        for change, text in classes:
            swatch = QRectF(x, y + 2, 22, line - 7)
            r = swatch.height() / 2
            if change is symbols.NONE:
                painter.setPen(QPen(RING, 1.5))
                painter.setBrush(QColor("white"))
                painter.drawEllipse(swatch.center(), symbols.EMPTY_RADIUS + 1, symbols.EMPTY_RADIUS + 1)
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(QColor(change.colour))
                painter.drawRoundedRect(swatch, r, r)
                pattern = _pattern(change)
                if pattern is not None:
                    painter.setBrush(pattern)
                    painter.drawRoundedRect(swatch, r, r)
                painter.setPen(QPen(OUTLINE, 1))
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.drawRoundedRect(swatch, r, r)
            write(text, x + 30, y)
            y += line
        if self._density_method is not None:
            y += 6
            write(self._density_title(), x, y, title_font)
            y += line
            ramp = QRectF(x, y, box.right() - 12 - x, 12)
            steps = 32
            painter.setPen(Qt.PenStyle.NoPen)
            for i in range(steps):
                painter.setBrush(_density_colour((i + 0.5) / steps))
                painter.drawRect(QRectF(ramp.left() + i * ramp.width() / steps, y, ramp.width() / steps + 0.5, 12))
            y += 14
            write(_("low"), x, y)
            high = _("high")
            write(high, ramp.right() - metrics.horizontalAdvance(high), y)
        painter.restore()

    # --- interaction ------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._user_moved:
            self._viewport = self._viewport.resized(max(1, self.width()), max(1, self.height()))
        else:
            self._fit_view()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = event.position()
            self._dragging = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        if self._press is not None and event.buttons() & Qt.MouseButton.LeftButton:
            delta = pos - self._press
            if self._dragging or delta.manhattanLength() >= QApplication.startDragDistance():
                self._dragging = True
                self._press = pos
                self.setCursor(Qt.CursorShape.ClosedHandCursor)
                self._set_viewport(self._viewport.moved(delta.x(), delta.y()))
            return
        over = self.marker_at(pos.x(), pos.y())
        self.setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.ArrowCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        was_dragging, self._dragging, self._press = self._dragging, False, None
        self.unsetCursor()
        if was_dragging:
            return
        if self._after_double_click:  # the release that ends a double-click is no second click
            self._after_double_click = False
            return
        # A click counts once no second click follows: the first of a double-click (which zooms) is none.
        self._click_at = event.position()
        self._click.start(QApplication.doubleClickInterval())

    def click_pending(self) -> bool:
        """A click waits to see whether it is the first of a double-click (for tests)."""
        return self._click.isActive()

    def _deliver_click(self) -> None:
        pos, self._click_at = self._click_at, None
        if pos is None:
            return
        lat, lon = self._viewport.to_latlon(pos.x(), pos.y())
        self.clicked_at.emit(lat, lon)
        marker = self.marker_at(pos.x(), pos.y())
        if marker is not None:
            self.place_clicked.emit(marker.place.place_id)
        else:
            self.background_clicked.emit()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._click.stop()
            self._click_at = None
            self._after_double_click = True
            pos = event.position()
            self._set_viewport(self._viewport.zoomed(round(self._viewport.zoom) + 1, (pos.x(), pos.y())))

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if not steps:
            return
        pos = event.position()
        zoom = round((self._viewport.zoom + steps * WHEEL_STEP) / WHEEL_STEP) * WHEEL_STEP
        self._set_viewport(self._viewport.zoomed(zoom, (pos.x(), pos.y())))
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        view = self._viewport
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self._set_viewport(view.zoomed(view.zoom + WHEEL_STEP * 2))
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self._set_viewport(view.zoomed(view.zoom - WHEEL_STEP * 2))
        elif key == Qt.Key.Key_Left:
            self._set_viewport(view.moved(view.width * KEY_PAN, 0))
        elif key == Qt.Key.Key_Right:
            self._set_viewport(view.moved(-view.width * KEY_PAN, 0))
        elif key == Qt.Key.Key_Up:
            self._set_viewport(view.moved(0, view.height * KEY_PAN))
        elif key == Qt.Key.Key_Down:
            self._set_viewport(view.moved(0, -view.height * KEY_PAN))
        elif key == Qt.Key.Key_Home:
            self.fit()
        else:
            super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if event.reason() == QContextMenuEvent.Reason.Mouse:
            x, y = event.pos().x(), event.pos().y()
            marker = self.marker_at(x, y)
            global_pos = event.globalPos()
        else:  # the menu key: the selected place, else the middle of the map
            marker = next((m for m in self.markers() if m.place.place_id == self._selected), None)
            x, y = (marker.x, marker.y) if marker else (self.width() / 2, self.height() / 2)
            global_pos = self.mapToGlobal(QPoint(round(x), round(y)))
        if marker is not None:
            lat, lon = marker.place.latitude, marker.place.longitude
        else:
            lat, lon = self._viewport.to_latlon(x, y)
        self.context_requested.emit(marker.place.place_id if marker else None, float(lat), float(lon), global_pos)  # type: ignore[arg-type]
        event.accept()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            pos = event.pos()  # type: ignore[attr-defined]
            marker = self.marker_at(pos.x(), pos.y())
            if marker is not None:
                QToolTip.showText(event.globalPos(), tooltip_text(marker.place), self)  # type: ignore[attr-defined]
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)
