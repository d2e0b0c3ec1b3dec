"""Throwaway: screenshots of the map screens on demo data (not committed)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from app.db.migrate import ensure_schema
from app.demo.generator import create_demo, demo_password
from app.services.auth import authenticator_for
from app.services.connection import Database
from tests.gui_support import settle

OUT = "/tmp/shots16"


@pytest.fixture
def gui_db(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    ensure_schema(db)
    create_demo(db, observations=5000)
    yield db
    db.dispose()


def test_shots(qtbot, ctx, window):
    import os

    os.makedirs(OUT, exist_ok=True)
    ctx.sign_in(authenticator_for(ctx.db).authenticate("anna.admin", demo_password("anna.admin", 2026)))
    settle(qtbot, ctx)
    window.resize(1440, 900)
    tab = window.lagesbild_tab
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=30000)
    tab.inner_tabs.setCurrentWidget(tab.map_page)
    settle(qtbot, ctx)
    QApplication.processEvents()
    qtbot.wait(300)
    window.grab().save(f"{OUT}/lagesbild-map.png")
    valsta = next(m for m in tab.map_view.markers() if m.place.name == "Valsta centrum")
    from PySide6.QtCore import QPoint, Qt

    qtbot.mouseClick(tab.map_view, Qt.MouseButton.LeftButton, pos=QPoint(round(valsta.x), round(valsta.y)))
    settle(qtbot, ctx)
    qtbot.wait(300)
    window.grab().save(f"{OUT}/lagesbild-map-valsta.png")
    tab.map_view.render_image(1200, 800).save(f"{OUT}/saved-map.png")
    tab.edit_place_on_map(valsta.place.place_id)
    settle(qtbot, ctx)
    qtbot.wait(500)
    tab._dialog.grab().save(f"{OUT}/place-dialog.png")
    tab._dialog.discard()
    tabs = window.tabs
    follow = window.followup_tab
    tabs.setCurrentWidget(follow)
    settle(qtbot, ctx)
    follow.sections.setCurrentIndex(3)
    settle(qtbot, ctx)
    qtbot.wait(1500)
    settle(qtbot, ctx)
    window.grab().save(f"{OUT}/followup.png")
