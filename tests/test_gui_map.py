"""The lägesbild's map (ui/widgets/map_view.py and its page in the Lägesbild tab): where markers fall,
how large and which colour they are, tiles and their cache, the attribution, click-to-filter, places
without coordinates, and saving the picture. Offline: tiles come from a function in the test."""

from __future__ import annotations

import math
import threading
from collections import Counter

import pytest
import sqlalchemy as sa
from PySide6.QtCore import QBuffer, QIODevice, QPoint, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QMessageBox

from app.i18n import _
from app.map import geo, symbols
from app.services.lagesbild import CategoryShare, MapPlace
from tests.gui_support import settle, sign_in

pytestmark = pytest.mark.gui

W, H = 900, 640
ZOOM = 13.0
CENTRE = (59.62, 17.80)


def _world(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Web Mercator world pixels by the textbook formula (not app.map.geo)."""
    n = 256 * 2**zoom
    x = (lon + 180) / 360 * n
    phi = math.radians(lat)
    y = (1 - math.log(math.tan(phi) + 1 / math.cos(phi)) / math.pi) / 2 * n
    return x, y


def _expected_screen(lat: float, lon: float) -> tuple[float, float]:
    cx, cy = _world(*CENTRE, ZOOM)
    x, y = _world(lat, lon, ZOOM)
    return x - cx + W / 2, y - cy + H / 2


PLACES = [
    MapPlace(1, "Märsta station", "Märsta", 59.628, 17.861, 40, 20, (CategoryShare(1, "Våldsbrott", 25),)),  # +100 %
    MapPlace(2, "Märsta centrum", "Märsta", 59.622, 17.855, 10, 9),  # +11 %: higher
    MapPlace(3, "Valsta centrum", "Valsta", 59.612, 17.830, 20, 20),  # the same
    MapPlace(4, "Sigtuna stadskärna", "Sigtuna stad", 59.617, 17.724, 5, 7),  # −29 %: lower
    MapPlace(5, "Steninge", "Sigtuna stad", 59.600, 17.760, 2, 10),  # −80 %: much lower
    MapPlace(6, "Rosersberg station", "Rosersberg", 59.583, 17.879, 0, 0),  # nothing: a ring
    MapPlace(7, "Okänd gård", "Märsta", None, None, 3, 1),  # no coordinates
]


@pytest.fixture
def view(qtbot, qapp):
    from ui.widgets.map_view import MapView

    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(W, H)
    widget.set_legend_visible(False)
    widget.set_places(PLACES)
    cx, cy = _world(*CENTRE, ZOOM)
    widget.viewport = geo.Viewport(cx, cy, ZOOM, W, H)
    return widget


def click_map(qtbot, ctx, view, pos: QPoint) -> None:
    """A click on the map, once the map has seen that no second click follows."""
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: not view.click_pending(), timeout=5000)
    settle(qtbot, ctx)


def _pixel(image: QImage, x: float, y: float) -> QColor:
    return image.pixelColor(round(x), round(y))


def _colours_inside(image: QImage, x: float, y: float, r: float) -> Counter:
    """The colours of the pixels well inside a circle (clear of its antialiased outline)."""
    found: Counter = Counter()
    inner = r * 0.6
    for dy in range(-int(inner), int(inner) + 1):
        for dx in range(-int(inner), int(inner) + 1):
            if dx * dx + dy * dy <= inner * inner:
                found[image.pixelColor(round(x) + dx, round(y) + dy).name()] += 1
    return found


def _paint(qtbot, view) -> None:
    """One real paint of the widget (what the screen shows), waited for."""
    view.drawn_texts = []
    view.repaint()
    qtbot.waitUntil(lambda: bool(view.drawn_texts), timeout=5000)


def _png(colour: str) -> bytes:
    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


# --- geometry, size, colour ---------------------------------------------------------------------------


def test_markers_fall_on_their_web_mercator_pixel_within_one_pixel(view):
    markers = {m.place.place_id: m for m in view.markers()}
    assert 7 not in markers, "a place without coordinates has no marker"
    image = view.render_image()
    for place in PLACES:
        if not place.located:
            continue
        ex, ey = _expected_screen(place.latitude, place.longitude)
        marker = markers[place.place_id]
        assert abs(marker.x - ex) <= 1 and abs(marker.y - ey) <= 1, (place.name, marker.x, marker.y, ex, ey)
        if place.count:  # the painted circle is centred there: its colour at the expected pixel
            colours = _colours_inside(image, ex, ey, marker.radius)
            assert colours.most_common(1)[0][0] == QColor(marker.change.colour).name(), place.name


def test_marker_areas_are_proportional_to_the_counts(view):
    markers = [m for m in view.markers() if m.place.count > 0]
    largest = max(markers, key=lambda m: m.place.count)
    assert largest.radius == pytest.approx(symbols.MAX_RADIUS)
    for m in markers:
        expected = max(symbols.MIN_RADIUS**2, symbols.MAX_RADIUS**2 * m.place.count / largest.place.count)
        assert m.radius**2 == pytest.approx(expected), m.place.name
    image = view.render_image()
    # Measured on the picture too: the painted pixels around each of the two largest.
    by_name = {m.place.name: m for m in markers}
    station, valsta = by_name["Märsta station"], by_name["Valsta centrum"]

    def painted_area(m) -> int:
        background = _pixel(image, m.x, m.y - m.radius - 2).name()
        reach = round(m.radius) + 3
        return sum(
            1
            for dx in range(-reach, reach + 1)
            for dy in range(-reach, reach + 1)
            if image.pixelColor(round(m.x) + dx, round(m.y) + dy).name() != background
        )

    ratio = painted_area(station) / painted_area(valsta)
    assert ratio == pytest.approx(40 / 20, rel=0.15)


def test_colours_follow_the_change_and_rises_and_falls_carry_a_pattern(view):
    image = view.render_image()
    markers = {m.place.name: m for m in view.markers()}
    expected = {
        "Märsta station": symbols.MUCH_HIGHER,
        "Märsta centrum": symbols.HIGHER,
        "Valsta centrum": symbols.SAME,
        "Sigtuna stadskärna": symbols.LOWER,
        "Steninge": symbols.MUCH_LOWER,
        "Rosersberg station": symbols.NONE,
    }
    for name, change in expected.items():
        assert markers[name].change is change, name
    for name in ("Märsta station", "Valsta centrum", "Märsta centrum"):
        m = markers[name]
        colours = _colours_inside(image, m.x, m.y, m.radius)
        assert colours.most_common(1)[0][0] == QColor(m.change.colour).name(), name
        if m.change.hatch is symbols.Hatch.NONE:
            assert len(colours) == 1, (name, colours)
        else:
            assert len(colours) >= 2, (name, "no pattern over the colour", colours)
    # The falling ones are small; rendered larger they show their dots.
    small = {n: markers[n] for n in ("Sigtuna stadskärna", "Steninge")}
    for name, m in small.items():
        colours = _colours_inside(image, m.x, m.y, max(m.radius, 5))
        assert QColor(m.change.colour).name() in colours, name
    ring = markers["Rosersberg station"]
    assert ring.radius == symbols.EMPTY_RADIUS


def test_falling_markers_are_dotted(qtbot, view):
    # Two places of equal size: the falling one is drawn large enough to see the pattern.
    places = [
        MapPlace(1, "A", "Märsta", 59.62, 17.78, 30, 90),  # much lower
        MapPlace(2, "B", "Märsta", 59.62, 17.82, 30, 40),  # lower (−25 %)
    ]
    view.set_places(places)
    image = view.render_image()
    for m in view.markers():
        colours = _colours_inside(image, m.x, m.y, m.radius)
        assert colours.most_common(1)[0][0] == QColor(m.change.colour).name()
        assert len(colours) >= 2, (m.place.name, "no dots")


def test_a_click_hits_the_marker_it_is_most_central_in(view):
    """A small place beside a big one: the middle of the big circle is the big place, even where the
    small one's edge reaches it, and the small circle is hit on itself."""
    big = MapPlace(1, "Valsta centrum", "Valsta", 59.6125, 17.8300, 40, 20)
    small = MapPlace(2, "Valstaskolan", "Valsta", 59.6127, 17.8302, 1, 1)
    view.set_places([big, small])
    markers = {m.place.name: m for m in view.markers()}
    b, s = markers["Valsta centrum"], markers["Valstaskolan"]
    assert math.hypot(b.x - s.x, b.y - s.y) < max(s.radius, 6) + 1, "the small one's reach covers the big centre"
    assert view.marker_at(b.x, b.y).place.name == "Valsta centrum"
    assert view.marker_at(s.x, s.y).place.name == "Valstaskolan"


def test_the_smallest_marker_under_the_pointer_wins_and_the_tooltip_says_what_is_there(view):
    from ui.widgets.map_view import tooltip_text

    markers = {m.place.name: m for m in view.markers()}
    station, centre = markers["Märsta station"], markers["Märsta centrum"]
    assert view.marker_at(centre.x, centre.y).place.name == "Märsta centrum"
    assert view.marker_at(station.x, station.y).place.name == "Märsta station"
    assert view.marker_at(5, 5) is None
    text = tooltip_text(station.place)
    for part in ("Märsta station", "Märsta", "40", "20", "Våldsbrott"):
        assert part in text


# --- tiles -------------------------------------------------------------------------------------------


def test_tiles_off_markers_still_drawn_and_no_dialog(qtbot, view):
    view.set_tiles(None, "")
    view.show()
    qtbot.waitExposed(view)
    _paint(qtbot, view)
    image = view.render_image()
    m = next(m for m in view.markers() if m.place.name == "Valsta centrum")
    assert _colours_inside(image, m.x, m.y, m.radius).most_common(1)[0][0] == QColor(symbols.SAME.colour).name()
    assert "Valsta" in view.drawn_texts and any("km" in t or t.endswith(" m") for t in view.drawn_texts)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_tile_server_that_answers_nothing_leaves_the_map_working(qtbot, view):
    from ui.widgets.map_view import wait_for_tiles

    calls = Counter()

    def offline(z, x, y):
        calls[(z, x, y)] += 1
        raise OSError("no network")

    view.set_tiles(offline, "© OpenStreetMap")
    view.show()
    qtbot.waitExposed(view)
    _paint(qtbot, view)
    wait_for_tiles()
    qtbot.waitUntil(lambda: view.pending_tiles() == 0)
    _paint(qtbot, view)
    _paint(qtbot, view)
    assert calls and max(calls.values()) == 1, (view.tile_requests, "a failed tile is not asked for again")
    image = view.render_image()
    m = next(m for m in view.markers() if m.place.name == "Märsta station")
    assert QColor(symbols.MUCH_HIGHER.colour).name() in _colours_inside(image, m.x, m.y, m.radius)
    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]


def test_a_failed_tile_is_asked_for_again_once_the_server_may_be_back(qtbot, view, monkeypatch):
    from ui.widgets import map_view
    from ui.widgets.map_view import RETRY_SECONDS, wait_for_tiles

    now = [1000.0]
    monkeypatch.setattr(map_view.time, "monotonic", lambda: now[0])
    online = [False]
    solid = _png("#3366cc")

    def flaky(z, x, y):
        if not online[0]:
            raise OSError("no network")
        return solid

    view.set_tiles(flaky, "© test")
    view.show()
    qtbot.waitExposed(view)
    in_view = {(t.z, t.x, t.y) for t in view.viewport.tiles()}
    _paint(qtbot, view)
    wait_for_tiles()
    qtbot.waitUntil(lambda: view.pending_tiles() == 0)
    asked = view.tile_requests
    online[0] = True
    _paint(qtbot, view)
    assert view.tile_requests == asked, "not at once: the fetcher itself waits a minute when offline"
    now[0] += RETRY_SECONDS
    _paint(qtbot, view)
    qtbot.waitUntil(lambda: view.cached_tiles() >= len(in_view), timeout=10000)
    assert view.tile_requests == asked + len(in_view)


def test_a_hidden_map_fetches_nothing_more(qtbot, view):
    from ui.widgets.map_view import wait_for_tiles

    gate = threading.Event()
    started: list[tuple[int, int, int]] = []

    def slow(z, x, y):
        started.append((z, x, y))
        gate.wait(10)
        return None

    view.set_tiles(slow, "© test")
    view.show()
    qtbot.waitExposed(view)
    _paint(qtbot, view)
    asked = view.tile_requests
    assert asked > 4 and view.pending_tiles() == asked
    view.hide()
    assert view.pending_tiles() == 0
    gate.set()
    wait_for_tiles(10000)
    assert len(started) < asked, "the requests still waiting when the map was hidden were dropped"


def test_tiles_are_drawn_and_each_is_requested_once(qtbot, view):
    from ui.widgets.map_view import wait_for_tiles

    solid = _png("#3366cc")
    calls = Counter()
    lock = threading.Lock()

    def serve(z, x, y):
        with lock:
            calls[(z, x, y)] += 1
        return solid

    view.set_tiles(serve, "© test tiles")
    view.show()
    qtbot.waitExposed(view)
    in_view = {(t.z, t.x, t.y) for t in view.viewport.tiles()}
    _paint(qtbot, view)
    qtbot.waitUntil(lambda: view.cached_tiles() >= len(in_view), timeout=10000)
    _paint(qtbot, view)
    image = view.grab().toImage()
    assert image.pixelColor(W // 2 - 200, 30).name() == "#3366cc", "the tile's colour where nothing else is drawn"
    start = view.viewport
    for step in range(6):  # pan away and back, repaint
        view.viewport = start.moved(60 * step, 0)
        _paint(qtbot, view)
    view.viewport = start
    _paint(qtbot, view)
    wait_for_tiles()
    QApplication.processEvents()
    assert set(calls) >= in_view
    assert max(calls.values()) == 1, [k for k, n in calls.items() if n > 1]
    assert view.tile_requests == len(calls)


def test_requests_for_tiles_that_left_the_view_are_dropped(qtbot, view):
    from ui.widgets.map_view import MAX_WORKERS, wait_for_tiles

    gate = threading.Event()
    started: list[tuple[int, int, int]] = []
    lock = threading.Lock()

    def slow(z, x, y):
        with lock:
            started.append((z, x, y))
        gate.wait(10)
        return None

    view.set_tiles(slow, "© test")
    view.show()
    qtbot.waitExposed(view)
    _paint(qtbot, view)
    first = {(t.z, t.x, t.y) for t in view.viewport.tiles()}
    for _step in range(3):  # far away each time: none of the earlier tiles stays in view
        view.viewport = view.viewport.moved(-3000, 0)
        _paint(qtbot, view)
        assert view.pending_tiles() <= len(view.viewport.tiles())
    last = {(t.z, t.x, t.y) for t in view.viewport.tiles()}
    gate.set()
    wait_for_tiles(10000)
    QApplication.processEvents()
    stale = [k for k in started if k not in last]
    assert len(stale) <= MAX_WORKERS, "only the requests already running when the view moved were carried out"
    assert len(first) > MAX_WORKERS


def test_the_attribution_is_painted_in_the_saved_picture(view):
    view.set_tiles(lambda z, x, y: None, "© OpenStreetMap-bidragsgivare")
    with_text = view.render_image()
    assert "© OpenStreetMap-bidragsgivare" in view.drawn_texts
    view.set_tiles(lambda z, x, y: None, "")
    without = view.render_image()
    differing = sum(
        1 for x in range(W - 120, W) for y in range(H - 16, H) if with_text.pixelColor(x, y) != without.pixelColor(x, y)
    )
    assert differing > 50, "the attribution's box and letters are in the bottom right corner"


def test_legend_says_what_size_and_colour_mean(view):
    view.set_legend_visible(True)
    view.render_image()
    for change in symbols.CHANGE_CLASSES:
        assert change.label in view.drawn_texts
    for value in symbols.legend_counts(40):
        assert str(value) in view.drawn_texts


def test_wheel_drag_and_keys_move_the_map(qtbot, view):
    from PySide6.QtCore import QPointF

    view.show()
    qtbot.waitExposed(view)
    # The wheel zooms by half a level around the pointer: the ground under it stays put.
    anchor = (200.0, 150.0)
    ground = view.viewport.to_latlon(*anchor)
    start_zoom = view.viewport.zoom
    from PySide6.QtGui import QWheelEvent

    event = QWheelEvent(
        QPointF(*anchor),
        view.mapToGlobal(QPointF(*anchor)),
        QPoint(0, 0),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view, event)
    assert view.viewport.zoom == start_zoom + 0.5
    x, y = view.viewport.to_screen(*ground)
    assert abs(x - anchor[0]) < 0.5 and abs(y - anchor[1]) < 0.5
    # A drag moves the map with the pointer.
    before_drag = view.viewport
    qtbot.mousePress(view, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    qtbot.mouseMove(view, QPoint(340, 320))
    qtbot.mouseMove(view, QPoint(400, 350))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(400, 350))
    assert view.viewport.center_x == pytest.approx(before_drag.center_x - 100)
    assert view.viewport.center_y == pytest.approx(before_drag.center_y - 50)
    view.viewport = geo.Viewport(*_world(*CENTRE, ZOOM), ZOOM, W, H)

    view.show()
    qtbot.waitExposed(view)
    before = view.viewport
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.viewport.zoom == before.zoom + 1
    zoomed = view.viewport
    qtbot.keyClick(view, Qt.Key.Key_Left)
    assert view.viewport.center_x == pytest.approx(zoomed.center_x - W / 4)  # the map moves right
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.viewport.zoom == before.zoom
    qtbot.keyClick(view, Qt.Key.Key_Home)
    fitted = view.viewport
    with_events = [p for p in PLACES if p.located and (p.count or p.previous_count)]
    for p in with_events:
        x, y = fitted.to_screen(p.latitude, p.longitude)
        assert 0 < x < W and 0 < y < H, p.name


# --- in the Lägesbild tab -----------------------------------------------------------------------------


def _add_place_without_coordinates(db) -> None:
    import datetime as dt

    from app.db.models import Category, Observation, Organisation, Place
    from app.domain.vocabulary import PlaceType, Source

    with db.session() as s:
        org = s.scalars(sa.select(Organisation).where(Organisation.short_name == "Kommunen")).one()
        cat = s.scalars(sa.select(Category).where(Category.code == "KLOT")).one()
        place = Place(name="Okänd gård", district="Märsta", place_type=PlaceType.OTHER)
        s.add(place)
        for days in (1, 2):
            s.add(
                Observation(
                    occurred_on=dt.date.today() - dt.timedelta(days=days),
                    place=place,
                    category=cat,
                    count=1,
                    source=Source.OWN_OBSERVATION,
                    organisation_id=org.id,
                    description="Klotter på ladan",
                )
            )


def _open_map(qtbot, ctx, window):
    window.resize(1440, 900)
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=30000)
    tab.inner_tabs.setCurrentWidget(tab.map_page)
    settle(qtbot, ctx)
    QApplication.processEvents()
    qtbot.waitUntil(lambda: bool(tab.map_view.places()), timeout=10000)
    return tab


def test_the_map_is_drawn_only_once_it_is_shown(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=30000)
    # The map is the first thing the Lägesbild shows, filled from the overview it already has.
    assert tab.inner_tabs.currentWidget() is tab.map_page and tab.inner_tabs.tabText(0) == "Karta"
    assert tab.map_view.places() == tab.overview.map_places
    # Hidden, it is left alone when the lägesbild changes; shown again, it catches up.
    tab.inner_tabs.setCurrentWidget(tab.matrix_view)
    shown = tab.map_view.places()
    tab.search.setText("trasig")
    qtbot.waitUntil(lambda: tab.overview.filter.text == "trasig", timeout=10000)
    settle(qtbot, ctx)
    assert tab.map_view.places() == shown != tab.overview.map_places
    tab.inner_tabs.setCurrentWidget(tab.map_page)
    assert tab.map_view.places() == tab.overview.map_places


def test_clicking_a_place_lists_its_observations_and_clicking_again_lists_all(qtbot, ctx, window):
    tab = _open_map(qtbot, ctx, window)
    everything = tab.list_model.total
    marker = next(m for m in tab.map_view.markers() if m.place.name == "Valsta centrum")
    at = QPoint(round(marker.x), round(marker.y))
    click_map(qtbot, ctx, tab.map_view, at)
    assert {r.place_name for r in tab.list_model.rows} == {"Valsta centrum"}
    assert tab.list_model.total < everything
    assert tab.drill_bar.isVisible() and "Valsta centrum" in tab.drill_label.text()
    assert tab.map_view.selected() == marker.place.place_id

    click_map(qtbot, ctx, tab.map_view, at)
    assert tab.list_model.total == everything and not tab.drill_bar.isVisible()
    assert tab.map_view.selected() is None

    click_map(qtbot, ctx, tab.map_view, at)
    assert tab.drill is not None
    click_map(qtbot, ctx, tab.map_view, QPoint(5, tab.map_view.height() // 2))
    assert tab.drill is None and tab.list_model.total == everything

    # A drill-down from the hot spots selects the place on the map too.
    spot = next(s for s in tab.hotspot_model.rows if s.place_name == "Märsta station")
    tab.drill_into(tab.hotspot_view, tab.hotspot_model.index(tab.hotspot_model.rows.index(spot), 1))
    assert tab.map_view.selected() == spot.place_id


def test_the_context_menu_of_a_place_offers_its_observations_and_a_new_action(qtbot, ctx, window):
    tab = _open_map(qtbot, ctx, window)
    place = next(p for p in tab.map_view.places() if p.name == "Valsta centrum")
    menu = tab.map_context_menu(place.place_id, place.latitude, place.longitude)
    texts = [a.text() for a in menu.actions()]
    assert "Visa observationerna" in texts and "Ny åtgärd för platsen…" in texts
    menu.actions()[texts.index("Visa observationerna")].trigger()
    settle(qtbot, ctx)
    assert {r.place_name for r in tab.list_model.rows} == {"Valsta centrum"}
    assert tab.map_context_menu(None, 59.6, 17.8) is None


def test_a_place_without_coordinates_is_listed_beside_the_map(qtbot, ctx, gui_db, window):
    _add_place_without_coordinates(gui_db)
    tab = _open_map(qtbot, ctx, window)
    assert tab.unlocated_box.isVisible()
    assert tab.unlocated_title.text() == _("Places without coordinates (%1)").replace("%1", "1")
    items = [tab.unlocated_list.item(i).text() for i in range(tab.unlocated_list.count())]
    assert len(items) == 1 and "Okänd gård" in items[0] and "2" in items[0]
    assert "Okänd gård" not in {m.place.name for m in tab.map_view.markers()}
    tab.unlocated_list.itemClicked.emit(tab.unlocated_list.item(0))
    settle(qtbot, ctx)
    assert {r.place_name for r in tab.list_model.rows} == {"Okänd gård"}


def test_every_place_located_hides_the_list(qtbot, ctx, window):
    tab = _open_map(qtbot, ctx, window)
    assert not tab.unlocated_box.isVisible()
    assert {m.place.name for m in tab.map_view.markers()} >= {"Märsta station", "Valsta centrum"}


def test_save_as_png_writes_a_picture_and_a_failure_is_a_message(qtbot, ctx, window, tmp_path):
    tab = _open_map(qtbot, ctx, window)
    target = tmp_path / "karta.png"
    assert tab.save_map_to(target)
    image = QImage(str(target))
    assert not image.isNull() and image.width() == tab.map_view.width()
    assert tab.save_map_to(tmp_path / "missing" / "karta.png") is False
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes and "missing" in boxes[0].text() and "Traceback" not in boxes[0].text()
    for box in boxes:
        box.close()


def test_copy_puts_the_map_on_the_clipboard(qtbot, ctx, window):
    tab = _open_map(qtbot, ctx, window)
    tab.copy_map()
    copied = QApplication.clipboard().image()
    assert not copied.isNull() and copied.width() == tab.map_view.width()
    assert copied.height() > tab.map_view.height()  # the marking's strip below the map (test_gui_export_marking.py)


def test_hover_shows_the_place_in_a_tooltip(qtbot, view):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    view.show()
    qtbot.waitExposed(view)
    m = next(m for m in view.markers() if m.place.name == "Märsta station")
    at = QPoint(round(m.x), round(m.y))
    QApplication.sendEvent(view, QHelpEvent(QEvent.Type.ToolTip, at, view.mapToGlobal(at)))
    qtbot.waitUntil(QToolTip.isVisible, timeout=3000)
    assert "Märsta station" in QToolTip.text() and "Våldsbrott" in QToolTip.text()
    QToolTip.hideText()


def test_right_click_and_the_menu_key_ask_for_a_menu_with_the_place_and_where(qtbot, view):
    from PySide6.QtGui import QContextMenuEvent

    view.show()
    qtbot.waitExposed(view)
    m = next(m for m in view.markers() if m.place.name == "Valsta centrum")
    at = QPoint(round(m.x), round(m.y))
    with qtbot.waitSignal(view.context_requested) as on_place:
        QApplication.sendEvent(view, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, at, view.mapToGlobal(at)))
    place_id, lat, lon, _pos = on_place.args
    assert place_id == 3 and (lat, lon) == (59.612, 17.830)
    with qtbot.waitSignal(view.context_requested) as on_ground:
        QApplication.sendEvent(
            view, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), view.mapToGlobal(QPoint(5, 5)))
        )
    place_id, lat, lon, _pos = on_ground.args
    assert place_id is None
    assert (lat, lon) == pytest.approx(view.viewport.to_latlon(5, 5))
    view.set_selected(1)
    with qtbot.waitSignal(view.context_requested) as by_key:
        QApplication.sendEvent(
            view, QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(0, 0), view.mapToGlobal(QPoint(0, 0)))
        )
    assert by_key.args[0] == 1, "the menu key asks about the selected place"


def test_a_double_click_zooms_in_and_is_not_a_second_click(qtbot, view):
    view.show()
    qtbot.waitExposed(view)
    clicks: list[int] = []
    view.place_clicked.connect(clicks.append)
    grounds: list[tuple[float, float]] = []
    view.clicked_at.connect(lambda lat, lon: grounds.append((lat, lon)))
    view.background_clicked.connect(lambda: clicks.append(-1))
    zoom = view.viewport.zoom
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))  # QTest sends the double-click alone
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert view.viewport.zoom == zoom + 1
    # As a mouse sends it: press, release (a click?), double-click, release: one zoom, no click.
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert view.click_pending()
    qtbot.mouseDClick(view, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.mouseRelease(view, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert not view.click_pending() and view.viewport.zoom == zoom + 2
    qtbot.wait(QApplication.doubleClickInterval() + 100)
    assert clicks == [] and grounds == []
    # A single click is one, once the double-click time has passed.
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    qtbot.waitUntil(lambda: clicks == [-1], timeout=3000)
    assert grounds == [pytest.approx(view.viewport.to_latlon(10, 10))]


def test_while_a_level_loads_its_parent_level_is_drawn_scaled(qtbot, view):
    from ui.widgets.map_view import wait_for_tiles

    def parents_only(z, x, y):
        return _png("#aa3300") if z == round(ZOOM) - 1 else None

    view.set_tiles(parents_only, "© test")
    view.show()
    qtbot.waitExposed(view)
    view.viewport = view.viewport.zoomed(ZOOM - 1)  # the parent level loads
    _paint(qtbot, view)
    wait_for_tiles()
    qtbot.waitUntil(lambda: view.cached_tiles() > 0, timeout=5000)
    view.viewport = view.viewport.zoomed(ZOOM)  # back: this level's tiles do not come
    _paint(qtbot, view)
    wait_for_tiles()
    QApplication.processEvents()
    image = view.grab().toImage()
    assert image.pixelColor(W // 2 - 200, 30).name() == "#aa3300"


def test_painting_for_long_does_not_exhaust_nones_reference_count():
    """PySide6 6.12 on Python 3.11 drops a reference to None per call of a method returning nothing;
    ui/none_guard keeps the map (hundreds of such calls a frame) from aborting the program."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    script = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtGui import QImage, QPainter\n"
        "app = QApplication([])\n"
        "from ui.none_guard import keep_none_alive\n"
        "keep_none_alive()\n"
        "image = QImage(8, 8, QImage.Format.Format_ARGB32)\n"
        "painter = QPainter(image)\n"
        "for _ in range(200_000):\n"
        "    painter.drawLine(0, 0, 7, 7)\n"
        "painter.end()\n"
        "print('done')\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root), "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0 and "done" in result.stdout, result.stderr[-2000:]


def test_the_fitted_map_keeps_the_places_clear_of_the_legend_and_a_small_map_leaves_it_out(qtbot, view):
    view.set_legend_visible(True)
    view.fit()
    view.render_image()
    assert symbols.SAME.label in view.drawn_texts
    legend = view._legend_rect(view.viewport)
    for m in view.markers():
        if m.place.count or m.place.previous_count:
            box = (m.x - m.radius, m.y - m.radius, m.x + m.radius, m.y + m.radius)
            clear = box[2] < legend.left() or box[0] > legend.right() or box[3] < legend.top()
            assert clear or box[1] > legend.bottom(), m.place.name
    view.resize(420, 300)
    view.render_image()
    assert symbols.SAME.label not in view.drawn_texts, "no room: the legend would hide the places"
    assert "Märsta station 40" in view.drawn_texts


def test_an_administrator_puts_a_place_without_coordinates_where_the_map_was_clicked(qtbot, ctx, gui_db, window):
    _add_place_without_coordinates(gui_db)
    tab = _open_map(qtbot, ctx, window)
    view = tab.map_view
    x, y = 200.0, 150.0
    assert view.marker_at(x, y) is None
    lat, lon = view.viewport.to_latlon(x, y)
    menu = tab.map_context_menu(None, lat, lon)
    here = menu.findChild(type(menu), "putPlaceHere")
    assert [a.text() for a in here.actions()] == ["Okänd gård (Märsta)"]
    here.actions()[0].trigger()
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: any(m.place.name == "Okänd gård" for m in view.markers()), timeout=10000)
    placed = next(m for m in view.markers() if m.place.name == "Okänd gård")
    assert (placed.x, placed.y) == pytest.approx(view.viewport.to_screen(lat, lon), abs=1.0)
    assert not tab.unlocated_box.isVisible()
    # Nothing is left to place: empty ground has no menu; a place offers to move it.
    assert tab.map_context_menu(None, lat, lon) is None
    menu = tab.map_context_menu(placed.place.place_id, lat, lon)
    move = next(a for a in menu.actions() if a.text() == "Flytta platsen på kartan…")
    move.trigger()
    settle(qtbot, ctx)
    from ui.dialogs.admin.places import PlaceDialog

    qtbot.waitUntil(lambda: isinstance(getattr(tab, "_dialog", None), PlaceDialog), timeout=10000)
    dialog = tab._dialog
    assert dialog.name.text() == "Okänd gård" and dialog.map.pin == pytest.approx((lat, lon), abs=1e-5)
    dialog.discard()


def test_only_administrators_place_places_from_the_map(qtbot, ctx, gui_db, window):
    _add_place_without_coordinates(gui_db)
    window.resize(1440, 900)
    sign_in(qtbot, ctx, "per")
    tab = window.lagesbild_tab
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=30000)
    tab.inner_tabs.setCurrentWidget(tab.map_page)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(tab.map_view.places()), timeout=10000)
    assert tab.map_context_menu(None, 59.6, 17.8) is None
    place = next(p for p in tab.map_view.places() if p.located)
    texts = [a.text() for a in tab.map_context_menu(place.place_id, 59.6, 17.8).actions()]
    assert "Flytta platsen på kartan…" not in texts and "Visa observationerna" in texts


def test_the_largest_places_keep_their_names_in_a_crowd(qtbot, qapp):
    """The largest place ringed by eight others: every spot beside it covers a neighbour's circle, and
    it is named all the same; a small place in the same spot is not."""
    from ui.widgets.map_view import MapView

    view = MapView()
    qtbot.addWidget(view)
    view.resize(W, H)
    view.set_legend_visible(False)
    view.viewport = geo.Viewport(*_world(59.6225, 17.8545, 12), 12, W, H)
    cx, cy = W / 2, H / 2
    ring = [(dx, dy) for dx in (-60, 0, 60) for dy in (-60, 0, 60) if (dx, dy) != (0, 0)]
    places = [MapPlace(1, "Mitten", "Märsta", *view.viewport.to_latlon(cx, cy), 40, 20)]
    places += [
        MapPlace(10 + i, f"Granne {i}", "Märsta", *view.viewport.to_latlon(cx + dx, cy + dy), 30, 20)
        for i, (dx, dy) in enumerate(ring)
    ]
    places.append(MapPlace(99, "Liten", "Märsta", *view.viewport.to_latlon(cx + 2, cy + 2), 1, 1))
    view.set_places(places)
    view.viewport = geo.Viewport(*_world(59.6225, 17.8545, 12), 12, W, H)
    view.render_image()
    named = [t for t in view.drawn_texts if t.startswith(("Mitten", "Granne", "Liten"))]
    assert "Mitten 40" in named
    assert not any(t.startswith("Liten") for t in named)
