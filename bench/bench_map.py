"""Benchmark: the lägesbild's map (ui/widgets/map_view.py) panned and zoomed at 1440×900 with every
tile in view already in memory, against a bare QWidget painting the same tile pixmaps only; and
showing the demo's places on the map (set_places and one paint).

    python bench/bench_map.py [--observations 100000] [--postgres] [--url URL]

The places are the lägesbild's of the last year under no filter (`map_places` of the overview, as
the tab shows them). The tiles come from a function serving a PNG per tile (a different colour
each, made once), so no network is involved; the animation is run once beforehand until every tile
it shows is decoded in the view's memory cache. Each frame moves the viewport (8 pixels a frame, or
0.05 zoom levels a frame, fractional levels drawing the nearest level's tiles scaled) and renders
the widget into a QImage (QWidget.render: the same paintEvent the screen gets). The floor is a
bare QWidget that paints the same viewport's tiles from a dict of the same pixmaps, the same way
(scaled, smooth for fractional levels), and nothing else. The target is 60 frames a second: less
than 16.7 ms a frame; the figure is milliseconds per frame (frames per second in the note).
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.map import geo
from app.services.filters import ObservationFilter
from app.services.lagesbild import MapPlace
from app.services.overview import lagesbild_overview
from app.services.runner import call
from bench.common import Bench, Figure, interleaved, standalone, timed_figure

WIDTH, HEIGHT = 1440, 900
FRAMES = 60
PAN_STEP = 8.0  # pixels a frame
ZOOM_STEP = 0.05  # levels a frame
FRAME_LIMIT_MS = 1000 / 60


def _tile_png(z: int, x: int, y: int) -> bytes:
    from PySide6.QtCore import QBuffer, QIODevice
    from PySide6.QtGui import QColor, QImage, QPainter

    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor.fromHsv((x * 37 + y * 11 + z * 53) % 360, 40, 235))
    painter = QPainter(image)
    painter.drawText(20, 40, f"{z}/{x}/{y}")
    painter.drawLine(0, 0, 255, 0)
    painter.drawLine(0, 0, 0, 255)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


class _TileServer:
    """PNG bytes per tile, made on first request and kept (the cost of making them is not timed)."""

    def __init__(self) -> None:
        self.made: dict[tuple[int, int, int], bytes] = {}

    def __call__(self, z: int, x: int, y: int) -> bytes:
        key = (z, x, y)
        if key not in self.made:
            self.made[key] = _tile_png(z, x, y)
        return self.made[key]


def _frames(start: geo.Viewport, kind: str) -> list[geo.Viewport]:
    if kind == "pan":
        half = FRAMES // 2  # east and north-east, then back
        out = [start.moved(-PAN_STEP * i, -PAN_STEP * i / 2) for i in range(half)]
        return out + list(reversed(out))
    half = FRAMES // 2
    anchor = (WIDTH * 0.4, HEIGHT * 0.55)
    out = [start.zoomed(start.zoom + ZOOM_STEP * i, anchor) for i in range(half)]
    return out + list(reversed(out))


def figures(bench: Bench) -> list[Figure]:
    from PySide6.QtCore import QEventLoop, QRectF
    from PySide6.QtGui import QImage, QPainter, QPixmap
    from PySide6.QtWidgets import QWidget

    from ui.app import create_application
    from ui.widgets.map_view import MapView, wait_for_tiles

    app = create_application(language="sv")
    today = bench.today
    overview = call(
        bench.db, bench.actor(), lagesbild_overview, ObservationFilter(today - dt.timedelta(days=364), today)
    )
    places = overview.map_places
    server = _TileServer()

    view = MapView()
    view.resize(WIDTH, HEIGHT)
    view.set_tiles(server, "© test tiles")
    view.set_places(places)
    view.show()
    app.processEvents()
    start = view.viewport
    paths = {kind: _frames(start, kind) for kind in ("pan", "zoom")}
    image = QImage(WIDTH, HEIGHT, QImage.Format.Format_ARGB32_Premultiplied)

    def show(viewport: geo.Viewport) -> None:
        view.viewport = viewport
        view.render(image)

    # Warm up: every frame's tiles requested, fetched and decoded into the view's cache.
    wanted = {(t.z, t.x, t.y) for path in paths.values() for v in path for t in v.tiles()}
    deadline = time.monotonic() + 120
    while not wanted <= set(view._cache):  # the view's own cache
        for path in paths.values():
            for viewport in path:
                view.viewport = viewport
                view.repaint()
                app.processEvents()
        wait_for_tiles(10000)
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 100)
        if time.monotonic() > deadline:
            raise RuntimeError("the tiles did not arrive in the view's cache")
    pixmaps = {key: QPixmap(view._cache[key]) for key in wanted}
    requests = view.tile_requests

    class Bare(QWidget):
        """Paints the viewport's tiles from a dict of pixmaps, and nothing else."""

        viewport = start

        def paintEvent(self, event) -> None:
            painter = QPainter(self)
            smooth = abs(self.viewport.zoom - round(self.viewport.zoom)) > 1e-6
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
            for tile in self.viewport.tiles():
                pixmap = pixmaps.get((tile.z, tile.x, tile.y))
                if pixmap is not None:
                    painter.drawPixmap(QRectF(tile.left, tile.top, tile.size, tile.size), pixmap, QRectF(pixmap.rect()))
            painter.end()

    bare = Bare()
    bare.resize(WIDTH, HEIGHT)
    bare.show()
    app.processEvents()

    def bare_show(viewport: geo.Viewport) -> None:
        bare.viewport = viewport
        bare.render(image)

    found = []
    for kind, title in (("pan", "panning"), ("zoom", "zooming (fractional levels)")):
        path = paths[kind]
        ours_ms, floor_ms = interleaved(
            lambda path=path: [show(v) for v in path],
            lambda path=path: [bare_show(v) for v in path],
            repeat=max(5, bench.repeat),
        )
        per_frame, floor_frame = ours_ms / len(path), floor_ms / len(path)
        found.append(
            Figure(
                f"Map at {WIDTH}×{HEIGHT}, {title}: one frame, tiles in memory",
                per_frame,
                floor_frame,
                "bare QWidget painting the same tile pixmaps",
                limit_ms=FRAME_LIMIT_MS,
                note=(
                    f"{1000 / per_frame:.0f} frames/s (floor {1000 / floor_frame:.0f}); {len(places)} places, "
                    f"{len(start.tiles())} tiles in view"
                ),
            )
        )
    assert view.tile_requests == requests, "no tile was asked for again while the tiles were in memory"

    # A large office: 500 places over the kommun (made up, seeded), panned the same way.
    rng = random.Random(2026)
    south, west, north, east = geo.SIGTUNA
    many = [
        MapPlace(
            10_000 + i,
            f"Plats {i}",
            rng.choice(("Märsta", "Valsta", "Sigtuna stad", "Steninge", "Rosersberg")),
            rng.uniform(south, north),
            rng.uniform(west, east),
            rng.randint(0, 40),
            rng.randint(0, 40),
        )
        for i in range(500)
    ]
    view.set_places(many)
    ours_ms, floor_ms = interleaved(
        lambda: [show(v) for v in paths["pan"]],
        lambda: [bare_show(v) for v in paths["pan"]],
        repeat=max(5, bench.repeat),
    )
    per_frame, floor_frame = ours_ms / FRAMES, floor_ms / FRAMES
    found.append(
        Figure(
            f"Map at {WIDTH}×{HEIGHT}, panning with 500 places: one frame, tiles in memory",
            per_frame,
            floor_frame,
            "bare QWidget painting the same tile pixmaps",
            limit_ms=FRAME_LIMIT_MS,
            note=f"{1000 / per_frame:.0f} frames/s (floor {1000 / floor_frame:.0f})",
        )
    )

    view.viewport = start

    def show_places() -> None:
        view.set_places(list(places))
        view.render(image)

    def bare_places() -> None:
        bare_show(start)

    found.append(
        timed_figure(
            f"Map: set_places and one paint ({len(places)} places, tiles in memory)",
            show_places,
            bare_places,
            "bare QWidget painting the tiles only",
            repeat=max(5, bench.repeat),
            limit_ms=50,
        )
    )
    view.deleteLater()
    bare.deleteLater()
    app.processEvents()
    return found


def main(argv: list[str] | None = None) -> int:
    return standalone(figures, __doc__ or "", argv)


if __name__ == "__main__":
    raise SystemExit(main())
