"""Administration → Platser: an administrator places a place by clicking on the map."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPoint, Qt

from tests.gui_support import settle
from tests.test_gui_admin import open_admin, opened, places, save, select_row
from tests.test_gui_map import click_map
from ui.dialogs.admin.place_map import PlacePicker
from ui.dialogs.admin.places import PlaceDialog

pytestmark = pytest.mark.gui


def _mercator(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    n = 2**zoom * 256
    return (lon + 180) / 360 * n, (1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * n


def _screen(picker: PlacePicker, lat: float, lon: float) -> tuple[float, float]:
    """Where (lat, lon) falls on the picker, by the tile formula and the view's centre."""
    view = picker.viewport
    x, y = _mercator(lat, lon, view.zoom)
    return x - view.center_x + picker.width() / 2, y - view.center_y + picker.height() / 2


def test_a_click_on_the_map_fills_in_the_coordinates_and_saves_them(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.places
    page.new_button.click()
    dialog = opened(qtbot, ctx, page)
    assert isinstance(dialog, PlaceDialog)
    picker = dialog.map
    qtbot.waitUntil(lambda: picker.width() > 300)
    # The office's other places are on it, to aim by; the new place has no pin yet.
    assert {m.place.name for m in picker.markers()} >= {"Märsta centrum", "Valsta centrum"}
    assert picker.pin is None
    dialog.name.setText("Valsta skola")
    dialog.district.setEditText("Valsta")
    valsta = next(m for m in picker.markers() if m.place.name == "Valsta centrum")
    target = QPoint(round(valsta.x) + 40, round(valsta.y) - 30)
    click_map(qtbot, ctx, picker, target)
    lat, lon = picker.viewport.to_latlon(target.x(), target.y())
    typed = float(dialog.latitude.value()), float(dialog.longitude.value())
    assert typed == pytest.approx((lat, lon), abs=1e-5)
    assert "," in dialog.latitude.text(), "written as the Swedish form writes decimals"
    # The pin is where the click was, to within a pixel.
    assert _screen(picker, *typed) == pytest.approx((target.x(), target.y()), abs=1.0)
    assert picker.pin_position().x() == pytest.approx(target.x(), abs=1.0)
    save(qtbot, ctx, dialog)
    stored = places(ctx)["Valsta skola"]
    assert (stored.latitude, stored.longitude) == pytest.approx(typed, abs=1e-6)


def test_typed_coordinates_move_the_pin_and_a_drag_places_nothing(qtbot, ctx, window):
    admin = open_admin(qtbot, ctx, window)
    page = admin.places
    select_row(page.view, page.model, "Märsta centrum")
    page.edit_button.click()
    dialog = opened(qtbot, ctx, page)
    picker = dialog.map
    qtbot.waitUntil(lambda: picker.width() > 300)
    stored = places(ctx)["Märsta centrum"]
    # It opens on the place itself, which is not among the rings.
    assert picker.pin == (stored.latitude, stored.longitude)
    assert "Märsta centrum" not in {m.place.name for m in picker.markers()}
    assert picker.pin_position().x() == pytest.approx(picker.width() / 2, abs=1.0)
    dialog.latitude.selectAll()
    qtbot.keyClicks(dialog.latitude, "59,6300")
    assert picker.pin == (pytest.approx(59.63), pytest.approx(stored.longitude))
    assert _screen(picker, 59.63, stored.longitude)[1] == pytest.approx(picker.pin_position().y(), abs=1.0)
    dialog.latitude.selectAll()
    qtbot.keyClicks(dialog.latitude, "east")
    assert picker.pin is None, "what cannot be read is not shown as a place"
    # Dragging the map moves the view and leaves the fields as they are.
    before = picker.viewport
    start = QPoint(100, 100)
    qtbot.mousePress(picker, Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(picker, QPoint(100 + 12 * step, 100 + 8 * step), delay=5)
    qtbot.mouseRelease(picker, Qt.MouseButton.LeftButton, pos=QPoint(160, 140))
    settle(qtbot, ctx)
    assert picker.viewport.center_x != before.center_x
    assert dialog.latitude.text() == "east" and dialog.longitude.text().startswith("17,")
    dialog.discard()
