"""Issue #16, item 5: the lägesbild's map as a picture (app/charts/map_chart.py), for the report and
a meeting's snapshot: positions exact in Web Mercator, sizes by area, colours and patterns by change,
places without coordinates listed, tiles placed and attributed, a plain background without them."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from matplotlib.backend_bases import ResizeEvent
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from app.charts.map_chart import (
    BACKGROUND,
    PADDING,
    SnapshotPlace,
    map_figure,
    map_view,
    snapshot_map_figure,
    tiles_drawn,
    unplaced_text,
)
from app.i18n import _
from app.map import geo, symbols

P = SnapshotPlace
ATTRIBUTION = "© OpenStreetMap contributors"

# Three places of Sigtuna kommun, quiet enough to be grey (about the same as before).
MARSTA = P("Märsta station", "Märsta", 59.6280, 17.8610, 40, 40)
VALSTA = P("Valsta centrum", "Valsta", 59.6125, 17.8300, 10, 10)
SIGTUNA = P("Sigtuna stadskärna", "Sigtuna stad", 59.6170, 17.7240, 1, 1)


def markers(fig: Figure) -> dict[str, Circle]:
    return {c.get_gid(): c for c in fig.axes[0].patches if isinstance(c, Circle)}


def texts(fig: Figure, gid: str) -> list[str]:
    found = [t for t in fig.axes[0].texts if t.get_gid() == gid] + [t for t in fig.texts if t.get_gid() == gid]
    return [t.get_text() for t in found]


def rendered(fig: Figure) -> np.ndarray:
    """The figure as drawn at its own 100 dpi: rows from the top, RGBA bytes."""
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    return np.asarray(canvas.buffer_rgba())


def mercator(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """World pixels by the textbook formula (256-pixel tiles, y to the south)."""
    size = 256 * 2**zoom
    s = math.sin(math.radians(lat))
    return (lon + 180) / 360 * size, (0.5 - math.log((1 + s) / (1 - s)) / (4 * math.pi)) * size


def hand_fit(points, width, height, padding):
    """The zoom (quarter steps down from 15) at which the points fit inside the padding, and the world
    pixel of the middle of their box, as the map is to choose them."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    zoom = 15.0
    while zoom > 3:
        x0, y0 = mercator(max(lats), min(lons), zoom)
        x1, y1 = mercator(min(lats), max(lons), zoom)
        if x1 - x0 <= width - 2 * padding and y1 - y0 <= height - 2 * padding:
            break
        zoom -= 0.25
    x0, y0 = mercator(max(lats), min(lons), zoom)
    x1, y1 = mercator(min(lats), max(lons), zoom)
    return zoom, (x0 + x1) / 2, (y0 + y1) / 2


def solid_png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), colour).save(buffer, format="PNG")
    return buffer.getvalue()


# --- where and how big -----------------------------------------------------------------------------


def test_markers_sit_within_a_pixel_of_their_web_mercator_position():
    places = [MARSTA, VALSTA, SIGTUNA]
    fig = map_figure(places, width=8.0, height=6.0)
    width, height = 800, 600  # no title, nothing unplaced: the map is the whole figure
    zoom, cx, cy = hand_fit([(p.latitude, p.longitude) for p in places], width, height, PADDING)
    view = map_view(fig)
    assert (view.width, view.height, view.zoom) == (width, height, zoom)
    picture = rendered(fig)
    assert picture.shape[:2] == (height, width)
    ax = fig.axes[0]
    for place in places:
        wx, wy = mercator(place.latitude, place.longitude, zoom)
        expected = (width / 2 + wx - cx, height / 2 + wy - cy)
        circle = markers(fig)[place.name]
        # in the figure: display pixels count from the bottom
        shown_x, shown_y = ax.transData.transform(circle.center)
        assert abs(shown_x - expected[0]) <= 1 and abs((height - shown_y) - expected[1]) <= 1, place.name
        # in the picture: the marker's grey fill is there
        row, col = round(expected[1]), round(expected[0])
        assert tuple(picture[row, col, :3]) == (0xBB, 0xBB, 0xBB), place.name


def test_marker_areas_are_proportional_to_the_counts():
    fig = map_figure([MARSTA, VALSTA, P("Steninge", "Märsta", 59.64, 17.80, 20, 20)])
    circles = markers(fig)
    per_event = {
        name: math.pi * c.radius**2 / count
        for name, count, c in (
            (n, k, circles[n]) for n, k in (("Märsta station", 40), ("Valsta centrum", 10), ("Steninge", 20))
        )
    }
    values = list(per_event.values())
    assert max(values) == pytest.approx(min(values), rel=1e-9)
    assert circles["Märsta station"].radius == pytest.approx(symbols.MAX_RADIUS)
    # the largest is drawn first, so that the smaller ones lie on top of it
    order = [c.get_gid() for c in fig.axes[0].patches if isinstance(c, Circle)]
    assert order == ["Märsta station", "Steninge", "Valsta centrum"]


@pytest.mark.parametrize(
    ("count", "previous", "change", "hatch"),
    [
        (20, 10, symbols.MUCH_HIGHER, "///"),
        (5, 0, symbols.MUCH_HIGHER, "///"),
        (12, 10, symbols.HIGHER, "///"),
        (10, 10, symbols.SAME, ""),
        (8, 10, symbols.LOWER, ".."),
        (2, 10, symbols.MUCH_LOWER, ".."),
    ],
)
def test_colour_and_pattern_follow_the_change(count, previous, change, hatch):
    fig = map_figure([P("Plats", "Märsta", 59.62, 17.85, count, previous), MARSTA])
    circle = markers(fig)["Plats"]
    assert circle.get_facecolor() == to_rgba(change.colour)
    assert (circle.get_hatch() or "") == hatch
    assert circle.get_edgecolor() != to_rgba("white")  # a dark outline on every background


def test_places_without_coordinates_are_listed_under_the_map():
    lost = [P("Skolgården", "Valsta", None, None, 1, 0), P("Okänd plats", "Märsta", None, None, 3, 5)]
    quiet = P("Tyst plats", "Märsta", None, None, 0, 0)
    fig = map_figure([MARSTA, *lost, quiet])
    (line,) = texts(fig, "unplaced")
    assert line == unplaced_text([lost[1], lost[0]])
    assert "Okänd plats (3), Skolgården (1)" in line and "Tyst plats" not in line
    view = map_view(fig)
    assert view.height < 600  # the line is under the map, not on it
    assert fig.axes[0].get_position().y0 * 600 == pytest.approx(600 - view.height)
    assert set(markers(fig)) == {"Märsta station"}
    assert texts(map_figure([MARSTA]), "unplaced") == []


def test_many_places_without_coordinates_end_with_how_many_more():
    lost = [P(f"Plats utan läge nummer {i}", "Märsta", None, None, 50 - i, 0) for i in range(40)]
    fig = map_figure([MARSTA, *lost])
    (line,) = texts(fig, "unplaced")
    assert line.count("\n") <= 3 and "Plats utan läge nummer 0 (50)" in line
    joined = line.replace("\n", " ")
    shown = sum(1 for p in lost if f"{p.name} (" in joined)
    assert 0 < shown < 40 and joined.endswith(", " + _("and {count} more", count=40 - shown))


# --- background --------------------------------------------------------------------------------------


def test_tiles_are_drawn_where_the_viewport_puts_them_and_attributed():
    asked = []
    colours = {}

    def tiles(z, x, y):
        asked.append((z, x, y))
        colours[(x, y)] = ((x * 40) % 200, (y * 70) % 200, 120)
        return solid_png(colours[(x, y)])

    fig = map_figure([MARSTA, VALSTA, SIGTUNA], tiles=tiles, attribution=ATTRIBUTION)
    view = map_view(fig)
    expected = view.tiles()
    assert sorted(asked) == sorted((t.z, t.x, t.y) for t in expected) and len(asked) == len(set(asked))
    assert tiles_drawn(fig) == len(expected) == len(fig.axes[0].images)
    for tile, image in zip(expected, fig.axes[0].images):
        assert image.get_extent() == pytest.approx([tile.left, tile.left + tile.size, tile.top + tile.size, tile.top])
    assert texts(fig, "attribution") == [ATTRIBUTION]
    # in the picture, a spot with no marker, label or legend shows its tile's colour
    picture = rendered(fig)
    row, col = view.height // 2 + 40, 40
    under = next(t for t in expected if t.left <= col < t.left + t.size and t.top <= row < t.top + t.size)
    assert tuple(picture[row, col, :3]) == colours[(under.x, under.y)]
    # the attribution is in every saved picture: its text is drawn on the map
    assert fig.axes[0].texts[[t.get_gid() for t in fig.axes[0].texts].index("attribution")].get_visible()


def test_missing_tiles_leave_the_plain_background_and_a_bad_tile_is_skipped():
    def tiles(z, x, y):
        return None if (x + y) % 2 else (b"<html>not a tile</html>" if x % 3 == 0 else solid_png((10, 20, 30)))

    fig = map_figure([MARSTA, VALSTA, SIGTUNA], tiles=tiles, attribution=ATTRIBUTION)
    good = [t for t in map_view(fig).tiles() if (t.x + t.y) % 2 == 0 and t.x % 3 != 0]
    assert tiles_drawn(fig) == len(good) == len(fig.axes[0].images)


def test_without_tiles_the_map_has_a_plain_background_and_no_attribution():
    fig = map_figure([MARSTA, VALSTA, SIGTUNA], attribution=ATTRIBUTION)
    assert len(fig.axes[0].images) == 0 and tiles_drawn(fig) == 0
    assert texts(fig, "attribution") == []
    picture = rendered(fig)
    assert tuple(picture[400, 40, :3]) == tuple(round(255 * c) for c in to_rgba(BACKGROUND)[:3])
    # kommundel names, a scale bar, a legend and labels for the largest places are still there
    assert set(texts(fig, "district")) == {"Märsta", "Valsta", "Sigtuna stad"}
    assert set(texts(fig, "label")) == {"Märsta station", "Valsta centrum", "Sigtuna stadskärna"}
    assert any(line.get_gid() == "scale_bar" for line in fig.axes[0].lines)
    assert any(a.get_gid() == "legend" for a in fig.axes[0].artists)


def test_without_places_the_map_shows_sigtuna_kommun():
    fig = map_figure([])
    south, west, north, east = geo.SIGTUNA
    lat, lon = map_view(fig).center
    assert south < lat < north and west < lon < east
    assert markers(fig) == {}


def legend_of(fig: Figure):
    (legend,) = [a for a in [*fig.axes[0].artists, *fig.artists] if a.get_gid() == "legend"]
    return legend


def assert_legend_clear_of_the_places(fig: Figure) -> None:
    rendered(fig)
    ax = fig.axes[0]
    box = legend_of(fig).get_window_extent()
    for circle in markers(fig).values():
        x, y = ax.transData.transform(circle.center)
        r = circle.radius
        assert not (box.x0 - r <= x <= box.x1 + r and box.y0 - r <= y <= box.y1 + r), circle.get_gid()


def test_the_legend_keeps_clear_of_the_places():
    fig = map_figure([MARSTA, VALSTA, SIGTUNA])
    assert_legend_clear_of_the_places(fig)
    assert legend_of(fig) in fig.axes[0].artists and map_view(fig).width == 800  # in a free corner of the map


def test_on_a_low_map_the_legend_goes_beside_it():
    places = [MARSTA, VALSTA, SIGTUNA, P("Rosersberg station", "Rosersberg", 59.583, 17.880, 5, 1)]
    fig = map_figure(places, width=6.0, height=3.0)
    assert legend_of(fig) in fig.artists
    view = map_view(fig)
    assert 0.5 * 600 <= view.width < 600 and fig.axes[0].get_position().x1 * 600 == pytest.approx(view.width)
    assert_legend_clear_of_the_places(fig)
    x, y = fig.axes[0].transData.transform(markers(fig)["Rosersberg station"].center)
    sx, sy = view.to_screen(59.583, 17.880)
    assert abs(x - sx) <= 1 and abs((300 - y) - sy) <= 1  # still exact in the narrower map


def test_a_resized_figure_is_drawn_again_at_its_new_size():
    fig = map_figure([MARSTA, VALSTA, SIGTUNA], title="Lägesbild")
    canvas = FigureCanvasAgg(fig)
    fig.set_size_inches(10, 5)
    canvas.callbacks.process("resize_event", ResizeEvent("resize_event", canvas))
    view = map_view(fig)
    assert view.width == 1000 and view.height < 500
    x, y = fig.axes[0].transData.transform(markers(fig)["Märsta station"].center)
    sx, sy = view.to_screen(MARSTA.latitude, MARSTA.longitude)
    assert abs(x - sx) <= 1 and abs((fig.axes[0].get_position().y1 * 500 - y) - sy) <= 1
    assert [t.get_text() for t in fig.texts] == ["Lägesbild"]  # drawn once, not once per size


def test_a_snapshot_map_becomes_the_same_picture():
    snapshot_map = {
        "places": [
            {
                "name": p.name,
                "district": p.district,
                "lat": p.latitude,
                "lon": p.longitude,
                "count": p.count,
                "previous": p.previous_count,
            }
            for p in (MARSTA, VALSTA)
        ],
        "unplaced": [{"name": "Skolgården", "count": 2}],
    }
    fig = snapshot_map_figure(snapshot_map)
    direct = map_figure([MARSTA, VALSTA, P("Skolgården", "", None, None, 2, 0)])
    assert map_view(fig) == map_view(direct)
    assert {n: c.center for n, c in markers(fig).items()} == {n: c.center for n, c in markers(direct).items()}
    assert texts(fig, "unplaced") == texts(direct, "unplaced") and "Skolgården (2)" in texts(fig, "unplaced")[0]


def test_in_a_crowd_only_the_largest_are_named_over_other_places():
    """Eight places on one spot: the three largest are named, then only as many as find a free side
    (four sides around one spot); the rest would cover another name or circle and are left out."""
    from app.charts.map_chart import SnapshotPlace, map_figure

    crowd = [
        SnapshotPlace(f"Plats {i}", "Märsta", 59.6225 + i * 1e-5, 17.8545 + i * 1e-5, 40 - i, 20) for i in range(8)
    ]
    spread = [SnapshotPlace(f"Plats {i}", "Märsta", 59.55 + i * 0.03, 17.60 + i * 0.06, 40 - i, 20) for i in range(8)]
    crowded = [t.get_text() for t in map_figure(crowd).axes[0].texts if t.get_gid() == "label"]
    apart = [t.get_text() for t in map_figure(spread).axes[0].texts if t.get_gid() == "label"]
    assert crowded[:3] == ["Plats 0", "Plats 1", "Plats 2"] and len(crowded) <= 4
    assert len(apart) == 8
