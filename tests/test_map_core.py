"""The map's geometry, symbols and density (app/map), and the places the lägesbild gives the map."""

from __future__ import annotations

import datetime as dt
import math

import pytest
import sqlalchemy as sa
from sqlalchemy import event

from app.db.models import Category, Observation, Place
from app.domain.vocabulary import Source
from app.map import density, geo, symbols
from app.services import lagesbild
from app.services.filters import ObservationFilter

D = dt.date
MARSTA_STATION = (59.6276, 17.8611)


def _mercator(lat: float, lon: float, zoom: int) -> tuple[float, float]:
    """The tile servers' formula, written out independently of app.map.geo."""
    n = 2**zoom * 256
    x = (lon + 180) / 360 * n
    y = (1 - math.log(math.tan(math.radians(lat)) + 1 / math.cos(math.radians(lat))) / math.pi) / 2 * n
    return x, y


# --- geometry --------------------------------------------------------------------------------------


@pytest.mark.parametrize("zoom", [0, 10, 14, 17])
def test_projection_matches_the_tile_formula_and_inverts(zoom):
    for lat, lon in [MARSTA_STATION, (59.6125, 17.83), (0.0, 0.0), (-33.9, 151.2)]:
        x, y = geo.project(lat, lon, zoom)
        ex, ey = _mercator(lat, lon, zoom)
        assert abs(x - ex) < 1e-6 * max(1, ex) and abs(y - ey) < 1e-6 * max(1, ey)
        back = geo.unproject(x, y, zoom)
        assert back == pytest.approx((lat, lon), abs=1e-9)


def test_projection_at_the_corners_of_the_world():
    assert geo.project(0.0, 0.0, 1) == pytest.approx((256, 256))
    assert geo.project(geo.MAX_LATITUDE, -180.0, 3) == pytest.approx((0, 0), abs=1e-4)
    assert geo.project(-geo.MAX_LATITUDE, 180.0, 3) == pytest.approx((2048, 2048), abs=1e-4)


def test_viewport_maps_both_ways_and_keeps_the_ground_under_the_pointer():
    view = geo.Viewport.around(*MARSTA_STATION, 14, 800, 600)
    assert view.to_screen(*MARSTA_STATION) == pytest.approx((400, 300))
    ex, ey = _mercator(59.6125, 17.83, 14)
    cx, cy = _mercator(*MARSTA_STATION, 14)
    assert view.to_screen(59.6125, 17.83) == pytest.approx((ex - cx + 400, ey - cy + 300), abs=1e-6)
    assert view.to_latlon(123, 456) == pytest.approx(view.to_latlon(*view.to_screen(*view.to_latlon(123, 456))))
    anchor = (100.0, 500.0)
    ground = view.to_latlon(*anchor)
    zoomed = view.zoomed(15.5, anchor)
    assert zoomed.zoom == 15.5
    assert zoomed.to_screen(*ground) == pytest.approx(anchor, abs=1e-6)
    moved = view.moved(30, -20)
    assert moved.to_screen(*MARSTA_STATION) == pytest.approx((430, 280))
    assert view.zoomed(99).zoom == geo.MAX_ZOOM and view.zoomed(0).zoom == geo.MIN_ZOOM


def test_tiles_cover_the_screen_once_centre_first():
    view = geo.Viewport.around(*MARSTA_STATION, 14.0, 1440, 900)
    tiles = view.tiles()
    assert {t.z for t in tiles} == {14}
    assert len({(t.x, t.y) for t in tiles}) == len(tiles)
    # every screen pixel is covered: the tiles span the screen
    assert min(t.left for t in tiles) <= 0 and min(t.top for t in tiles) <= 0
    assert max(t.left + t.size for t in tiles) >= 1440 and max(t.top + t.size for t in tiles) >= 900
    first = tiles[0]
    assert first.left <= 720 <= first.left + first.size and first.top <= 450 <= first.top + first.size
    # half levels go up, whichever level is even (round() would send 12.5 down and 13.5 up)
    assert {t.z for t in geo.Viewport.around(*MARSTA_STATION, 12.5, 800, 600).tiles()} == {13}
    assert {t.z for t in geo.Viewport.around(*MARSTA_STATION, 13.5, 800, 600).tiles()} == {14}
    # a fractional zoom draws the nearest level scaled
    half = geo.Viewport.around(*MARSTA_STATION, 13.6, 1440, 900).tiles()
    assert {t.z for t in half} == {14} and half[0].size == pytest.approx(256 * 2**-0.4)


def test_fit_shows_every_point_inside_the_padding():
    points = [(59.6125, 17.83), (59.6276, 17.8611), (59.6190, 17.7245)]
    view = geo.fit(points, 900, 700, padding=40)
    for p in points:
        x, y = view.to_screen(*p)
        assert 40 - 1e-6 <= x <= 860 + 1e-6 and 40 - 1e-6 <= y <= 660 + 1e-6
    assert geo.fit(points, 900, 700, padding=40, max_zoom=12).zoom <= 12
    empty = geo.fit([], 900, 700)
    south, west, north, east = geo.SIGTUNA
    assert 0 <= empty.to_screen(south, west)[0] < empty.to_screen(north, east)[0] <= 900


def test_scale_bar_is_a_round_distance_of_the_right_length():
    bar = geo.scale_bar(59.62, 14, max_pixels=120)
    per_pixel = 2 * math.pi * 6378137 * math.cos(math.radians(59.62)) / (256 * 2**14)
    assert bar.metres in (100, 200, 500) and bar.pixels == pytest.approx(bar.metres / per_pixel)
    assert bar.pixels <= 120 and bar.label == f"{bar.metres} m"
    assert geo.scale_bar(59.62, 9).label.endswith("km")
    # Märsta station to Valsta centrum is about 3.5 km on the ground
    assert geo.distance_metres(MARSTA_STATION, (59.6125, 17.83)) == pytest.approx(2400, rel=0.15)


# --- symbols ---------------------------------------------------------------------------------------


def test_marker_area_is_proportional_to_the_count():
    areas = {n: math.pi * symbols.radius(n, 100) ** 2 for n in (100, 50, 25, 9)}
    assert areas[50] / areas[100] == pytest.approx(0.5)
    assert areas[25] / areas[100] == pytest.approx(0.25)
    assert symbols.radius(100, 100) == symbols.MAX_RADIUS
    assert symbols.radius(1, 1_000_000) == symbols.MIN_RADIUS  # one event stays visible
    assert symbols.radius(0, 10) == symbols.EMPTY_RADIUS


@pytest.mark.parametrize(
    ("count", "previous", "expected"),
    [
        (5, 0, symbols.MUCH_HIGHER),
        (15, 10, symbols.MUCH_HIGHER),
        (14, 10, symbols.HIGHER),
        (11, 10, symbols.SAME),
        (10, 10, symbols.SAME),
        (9, 10, symbols.SAME),
        (8, 10, symbols.LOWER),
        (5, 10, symbols.MUCH_LOWER),
        (0, 3, symbols.MUCH_LOWER),
        (0, 0, symbols.NONE),
    ],
)
def test_change_classes(count, previous, expected):
    assert symbols.change_class(count, previous) is expected


def test_change_classes_differ_by_colour_and_by_a_second_cue():
    rising = [c for c in symbols.CHANGE_CLASSES if c.hatch is symbols.Hatch.RISING]
    falling = [c for c in symbols.CHANGE_CLASSES if c.hatch is symbols.Hatch.FALLING]
    assert len(rising) == 2 and len(falling) == 2 and symbols.SAME.hatch is symbols.Hatch.NONE
    assert len({c.colour for c in symbols.CHANGE_CLASSES}) == 5
    assert all(c.label for c in symbols.CHANGE_CLASSES)


def test_legend_counts_are_round():
    assert symbols.legend_counts(873) == [500, 250, 50]
    assert symbols.legend_counts(1) == [1]
    assert symbols.legend_counts(0) == []


# --- density ----------------------------------------------------------------------------------------


def test_grid_counts_every_event_once():
    points = [(*MARSTA_STATION, 10), (59.62761, 17.86111, 5), (59.6125, 17.83, 1), (59.60, 17.80, 0)]
    cells = density.grid(points)
    assert sum(c.value for c in cells) == 16 and max(c.share for c in cells) == 1.0
    assert len(cells) == 2
    top = max(cells, key=lambda c: c.value)
    assert top.value == 15 and top.south <= MARSTA_STATION[0] <= top.north
    assert top.west <= MARSTA_STATION[1] <= top.east


def test_grid_cells_are_square_on_the_ground():
    (cell,) = density.grid([(*MARSTA_STATION, 3)], cell_metres=500)
    south_west, north_west, south_east = (cell.south, cell.west), (cell.north, cell.west), (cell.south, cell.east)
    assert geo.distance_metres(south_west, north_west) == pytest.approx(500, rel=0.01)
    assert geo.distance_metres(south_west, south_east) == pytest.approx(500, rel=0.01)


def test_kernel_density_integrates_to_the_events_on_the_ground():
    cell = 100.0
    cells = density.kernel([(*MARSTA_STATION, 12)], bandwidth_metres=600, cell_metres=cell)
    ground_cell_km2 = (cell * math.cos(math.radians(MARSTA_STATION[0]))) ** 2 / 1e6
    assert sum(c.value for c in cells) * ground_cell_km2 == pytest.approx(12, rel=0.01)
    peak = max(cells, key=lambda c: c.value)
    assert peak.south <= MARSTA_STATION[0] <= peak.north + 0.002
    assert density.density([], density.Method.KERNEL) == []


# --- what the lägesbild gives the map ---------------------------------------------------------------


def test_map_places_hold_every_place_with_its_coordinates_from_no_extra_query(world):
    db = world.db
    with db.session() as s:
        unplaced = Place(name="Parkeringen bakom hallen", district="Märsta")
        quiet_now = Place(name="Steningehöjden", district="Steninge", latitude=59.61, longitude=17.79)
        closed = Place(name="Gamla kiosken", district="Märsta", latitude=59.62, longitude=17.85, active=False)
        s.add_all([unplaced, quiet_now, closed])
        s.flush()
        vald = s.scalar(sa.select(Category.id).where(Category.code == "VALD"))
        marsta = world.places["Märsta centrum"].id

        def obs(day, place, count):
            return Observation(
                occurred_on=day,
                place_id=place,
                category_id=vald,
                count=count,
                source=Source.OWN_OBSERVATION,
                organisation_id=world.kommun.id,
            )

        s.add_all(
            [
                obs(D(2024, 3, 1), marsta, 6),
                obs(D(2024, 3, 2), unplaced.id, 2),
                obs(D(2024, 2, 1), quiet_now.id, 4),  # the period before only
                obs(D(2024, 2, 2), marsta, 3),
            ]
        )
        ids = {"unplaced": unplaced.id, "quiet": quiet_now.id, "closed": closed.id}
    flt = ObservationFilter(D(2024, 3, 1), D(2024, 3, 31))
    statements: list[str] = []

    def record(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        with db.session() as s:
            figures = lagesbild.figures(s, world.admin, flt)
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    by_name = {p.name: p for p in figures.map_places}
    assert (by_name["Märsta centrum"].count, by_name["Märsta centrum"].previous_count) == (6, 3)
    assert by_name["Märsta centrum"].located and by_name["Märsta centrum"].latitude == 59.6225
    assert [c.count for c in by_name["Märsta centrum"].dominant_categories] == [6]
    assert not by_name["Parkeringen bakom hallen"].located and by_name["Parkeringen bakom hallen"].count == 2
    assert (by_name["Steningehöjden"].count, by_name["Steningehöjden"].previous_count) == (0, 4)
    assert by_name["Valsta centrum"].count == 0  # active, nothing happened: a ring
    assert "Gamla kiosken" not in by_name  # closed and quiet
    assert figures.map_places[0].name == "Märsta centrum"  # most events first
    # The map costs no query of its own: the place names of the ranking come from the same one.
    place_selects = [s for s in statements if s.lstrip().upper().startswith("SELECT") and "FROM place" in s]
    assert len(place_selects) == 1, place_selects
    # The place filter narrows the map too.
    with db.session() as s:
        narrowed = lagesbild.figures(
            s, world.admin, ObservationFilter(flt.date_from, flt.date_to, districts=("Märsta",))
        )
    assert {p.name for p in narrowed.map_places} == {"Märsta centrum", "Parkeringen bakom hallen"}
    assert ids["closed"] not in {p.place_id for p in narrowed.map_places}
