"""Web Mercator (EPSG:3857) as the tile servers use it: world pixels at a zoom level, a viewport,
the tiles it covers and a scale bar.

A world pixel at zoom z is a pixel of the 256 × 256 tiles of that level: the world is
256 · 2**z pixels wide, x grows to the east and y to the south. Zoom may be fractional (a smooth
zoom draws the tiles of the nearest level scaled).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace

TILE_SIZE = 256
EARTH_RADIUS = 6_378_137.0  # metres, the sphere of Web Mercator
MAX_LATITUDE = 85.05112878  # where the square world ends
MIN_ZOOM = 3.0
MAX_ZOOM = 19.0

# Sigtuna kommun (Märsta, Valsta, Sigtuna, Rosersberg, Steninge): where the map opens without places.
SIGTUNA = (59.58, 17.72, 59.70, 17.96)  # south, west, north, east


def world_size(zoom: float) -> float:
    return TILE_SIZE * 2.0**zoom


def project(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """World pixel of a WGS84 coordinate at `zoom`."""
    lat = max(-MAX_LATITUDE, min(MAX_LATITUDE, lat))
    size = world_size(zoom)
    x = (lon + 180.0) / 360.0 * size
    sin = math.sin(math.radians(lat))
    y = (0.5 - math.log((1 + sin) / (1 - sin)) / (4 * math.pi)) * size
    return x, y


def unproject(x: float, y: float, zoom: float) -> tuple[float, float]:
    """WGS84 latitude and longitude of a world pixel at `zoom`."""
    size = world_size(zoom)
    lon = x / size * 360.0 - 180.0
    n = math.pi - 2.0 * math.pi * y / size
    lat = math.degrees(math.atan(math.sinh(n)))
    return lat, lon


def metres_per_pixel(lat: float, zoom: float) -> float:
    """Ground distance of one pixel at latitude `lat` (Mercator stretches it by 1 / cos(lat))."""
    return 2 * math.pi * EARTH_RADIUS * math.cos(math.radians(lat)) / world_size(zoom)


def distance_metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class ScaleBar:
    metres: int
    pixels: float

    @property
    def label(self) -> str:
        return f"{self.metres // 1000} km" if self.metres >= 1000 else f"{self.metres} m"


def scale_bar(lat: float, zoom: float, max_pixels: float = 120.0) -> ScaleBar:
    """The longest round distance (1, 2 or 5 × 10ⁿ metres) that fits in `max_pixels` at `lat`."""
    per_pixel = metres_per_pixel(lat, zoom)
    longest = per_pixel * max_pixels
    best = 1
    for exponent in range(0, 8):
        for step in (1, 2, 5):
            metres = step * 10**exponent
            if metres <= longest:
                best = metres
    return ScaleBar(best, best / per_pixel)


@dataclass(frozen=True)
class Tile:
    """A tile to draw: its address (z, x, y; x already wrapped) and where its top-left corner and
    its side fall on the screen."""

    z: int
    x: int
    y: int
    left: float
    top: float
    size: float


@dataclass(frozen=True)
class Viewport:
    """What the map shows: the world pixel at the centre of a `width` × `height` screen at `zoom`."""

    center_x: float
    center_y: float
    zoom: float
    width: int
    height: int

    @classmethod
    def around(cls, lat: float, lon: float, zoom: float, width: int, height: int) -> Viewport:
        x, y = project(lat, lon, zoom)
        return cls(x, y, zoom, width, height)

    @property
    def center(self) -> tuple[float, float]:
        return unproject(self.center_x, self.center_y, self.zoom)

    def to_screen(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = project(lat, lon, self.zoom)
        return x - self.center_x + self.width / 2, y - self.center_y + self.height / 2

    def to_latlon(self, sx: float, sy: float) -> tuple[float, float]:
        return unproject(sx + self.center_x - self.width / 2, sy + self.center_y - self.height / 2, self.zoom)

    def moved(self, dx: float, dy: float) -> Viewport:
        """The view dragged by (dx, dy) screen pixels (the map follows the pointer)."""
        size = world_size(self.zoom)
        y = max(0.0, min(size, self.center_y - dy))
        return replace(self, center_x=(self.center_x - dx) % size, center_y=y)

    def zoomed(self, zoom: float, anchor: tuple[float, float] | None = None) -> Viewport:
        """The view at `zoom` (within MIN_ZOOM..MAX_ZOOM), keeping the ground under `anchor` (a
        screen point, default the centre) where it is."""
        zoom = max(MIN_ZOOM, min(MAX_ZOOM, zoom))
        ax, ay = anchor if anchor is not None else (self.width / 2, self.height / 2)
        lat, lon = self.to_latlon(ax, ay)
        x, y = project(lat, lon, zoom)
        return replace(self, zoom=zoom, center_x=x - ax + self.width / 2, center_y=y - ay + self.height / 2)

    def resized(self, width: int, height: int) -> Viewport:
        return replace(self, width=width, height=height)

    def tiles(self, max_zoom: int = int(MAX_ZOOM)) -> list[Tile]:
        """The tiles covering the screen, of the integer level nearest the zoom, centre first (so the
        middle of the map fills first when they load)."""
        z = max(0, min(max_zoom, math.floor(self.zoom + 0.5)))  # halves up (round() would go to even)
        scale = 2.0 ** (self.zoom - z)
        size = TILE_SIZE * scale
        left = self.center_x - self.width / 2  # world pixels at self.zoom
        top = self.center_y - self.height / 2
        count = 2**z
        first_x, first_y = math.floor(left / size), math.floor(top / size)
        last_x, last_y = math.floor((left + self.width) / size), math.floor((top + self.height) / size)
        found = [
            Tile(z, tx % count, ty, tx * size - left, ty * size - top, size)
            for ty in range(max(0, first_y), min(count - 1, last_y) + 1)
            for tx in range(first_x, last_x + 1)
        ]
        cx, cy = self.width / 2, self.height / 2
        found.sort(key=lambda t: (t.left + t.size / 2 - cx) ** 2 + (t.top + t.size / 2 - cy) ** 2)
        return found


def fit(
    points: Iterable[tuple[float, float]],
    width: int,
    height: int,
    padding: float = 40.0,
    max_zoom: float = 15.0,
    bounds: tuple[float, float, float, float] = SIGTUNA,
) -> Viewport:
    """The viewport showing every point with `padding` pixels around them at the largest zoom (up to
    `max_zoom`, in steps of a quarter level); without points, `bounds` (south, west, north, east)."""
    pts = list(points)
    if not pts:
        south, west, north, east = bounds
        pts = [(south, west), (north, east)]
    lats = [p[0] for p in pts]
    lons = [p[1] for p in pts]
    south, north, west, east = min(lats), max(lats), min(lons), max(lons)
    usable_w, usable_h = max(1.0, width - 2 * padding), max(1.0, height - 2 * padding)
    zoom = max_zoom
    while zoom > MIN_ZOOM:
        x0, y0 = project(north, west, zoom)
        x1, y1 = project(south, east, zoom)
        if x1 - x0 <= usable_w and y1 - y0 <= usable_h:
            break
        zoom -= 0.25
    x0, y0 = project(north, west, zoom)
    x1, y1 = project(south, east, zoom)
    return Viewport((x0 + x1) / 2, (y0 + y1) / 2, zoom, width, height)
