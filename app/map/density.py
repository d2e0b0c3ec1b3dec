"""The density layer: where events concentrate, as a grid of counts or as a kernel density.

Swedish research on predicting where crime concentrates found a plain grid of counts and a kernel
density estimate about equally predictive, so both are offered. Both work in Web Mercator metres
(EPSG:3857) and return cells in WGS84 so that every renderer draws them the same way; values are
events (grid) or events per km² (kernel), with `share` the value against the largest cell.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum

from app.map.geo import EARTH_RADIUS

GRID_METRES = 500.0
BANDWIDTH_METRES = 600.0


class Method(Enum):
    GRID = "grid"
    KERNEL = "kernel"


@dataclass(frozen=True)
class DensityCell:
    south: float
    west: float
    north: float
    east: float
    value: float
    share: float  # value / the largest value, 0..1


def _to_metres(lat: float, lon: float) -> tuple[float, float]:
    x = EARTH_RADIUS * math.radians(lon)
    y = EARTH_RADIUS * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return x, y


def _to_latlon(x: float, y: float) -> tuple[float, float]:
    lon = math.degrees(x / EARTH_RADIUS)
    lat = math.degrees(2 * math.atan(math.exp(y / EARTH_RADIUS)) - math.pi / 2)
    return lat, lon


def _cell(ix: int, iy: int, size: float, value: float, largest: float) -> DensityCell:
    south, west = _to_latlon(ix * size, iy * size)
    north, east = _to_latlon((ix + 1) * size, (iy + 1) * size)
    return DensityCell(south, west, north, east, value, value / largest if largest else 0.0)


def grid(points: Iterable[tuple[float, float, int]], cell_metres: float = GRID_METRES) -> list[DensityCell]:
    """Events per square cell of `cell_metres` on the ground for (lat, lon, count) points; cells
    without events are left out. Mercator stretches distances by 1 / cos(lat), so the cells are that
    much larger in Mercator metres, at the points' mean latitude (a kommun spans a fraction of a degree)."""
    located = [(lat, lon, count) for lat, lon, count in points if count > 0]
    if not located:
        return []
    size = cell_metres / math.cos(math.radians(sum(p[0] for p in located) / len(located)))
    sums: dict[tuple[int, int], float] = defaultdict(float)
    for lat, lon, count in located:
        x, y = _to_metres(lat, lon)
        sums[(math.floor(x / size), math.floor(y / size))] += count
    largest = max(sums.values())
    return [_cell(ix, iy, size, v, largest) for (ix, iy), v in sorted(sums.items())]


def kernel(
    points: Iterable[tuple[float, float, int]],
    bandwidth_metres: float = BANDWIDTH_METRES,
    cell_metres: float | None = None,
) -> list[DensityCell]:
    """A quartic (biweight) kernel density of the events, evaluated at the centres of cells of
    `cell_metres` (a quarter of the bandwidth by default): events per km² on the ground. Cells
    farther than the bandwidth from every event are left out."""
    cell = cell_metres or bandwidth_metres / 4
    located = [(_to_metres(lat, lon), count, math.cos(math.radians(lat))) for lat, lon, count in points if count > 0]
    sums: dict[tuple[int, int], float] = defaultdict(float)
    for (x, y), count, stretch in located:
        # Mercator metres are 1 / cos(lat) ground metres: the bandwidth is scaled to stay on the ground.
        h = bandwidth_metres / stretch
        reach = math.ceil(h / cell)
        cx, cy = math.floor(x / cell), math.floor(y / cell)
        norm = 3.0 / (math.pi * bandwidth_metres**2) * 1e6  # per km² of ground
        for ix in range(cx - reach, cx + reach + 1):
            for iy in range(cy - reach, cy + reach + 1):
                dx, dy = (ix + 0.5) * cell - x, (iy + 0.5) * cell - y
                u2 = (dx * dx + dy * dy) / (h * h)
                if u2 < 1.0:
                    sums[(ix, iy)] += count * norm * (1 - u2) ** 2
    largest = max(sums.values(), default=0.0)
    return [_cell(ix, iy, cell, v, largest) for (ix, iy), v in sorted(sums.items())]


def density(points: Iterable[tuple[float, float, int]], method: Method) -> list[DensityCell]:
    return grid(points) if method is Method.GRID else kernel(points)
