"""Reading the screens: search as you type, drill-down from the lägesbild, and columns that fit at 1440×900."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.gui_support import ranking, settle, sign_in

pytestmark = pytest.mark.gui


# --- search -------------------------------------------------------------------------------------------


def _events(tab) -> int:
    return tab.overview.totals.count


def test_search_runs_as_you_type_and_says_what_it_narrows(qtbot, ctx, window):
    from ui.widgets.search import DEBOUNCE_MS

    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    everything, places = _events(tab), set(ranking(window))
    assert not tab.search_scope.isVisible()

    qtbot.keyClicks(tab.search, "nark")  # no Enter
    assert tab.search.timer.isActive(), "the search waits for a pause in typing"
    assert tab.overview.filter.text == "", "not a query per key"
    qtbot.waitUntil(lambda: tab.overview.filter.text == "nark", timeout=DEBOUNCE_MS + 5000)
    settle(qtbot, ctx)
    narrowed = _events(tab)
    assert 0 < narrowed < everything
    assert set(ranking(window)) < places, "the hot spots follow the search"
    assert all("nark" in row.description.lower() for row in tab.list_model.rows)
    assert tab.search_scope.isVisible()
    scope = tab.search_scope.text()
    assert "”nark”" in scope or "“nark”" in scope
    assert "nyckeltal" in scope and "platser" in scope and "listan" in scope
    assert f"{narrowed} av {everything} händelser" in scope


def test_clearing_the_search_restores_everything_at_once(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    everything, places, rows = _events(tab), set(ranking(window)), tab.overview.observation_count
    tab.search.setText("nark")
    tab.search.returnPressed.emit()  # Enter searches at once
    assert not tab.search.timer.isActive()
    settle(qtbot, ctx)
    assert _events(tab) < everything

    tab.search.clear()  # what the ✕ button does
    assert not tab.search.timer.isActive(), "an emptied search does not wait"
    assert ctx.tasks.pending > 0, "the tab is already reading again"
    settle(qtbot, ctx)
    assert _events(tab) == everything and set(ranking(window)) == places
    assert tab.overview.observation_count == rows and tab.list_model.total == rows
    assert not tab.search_scope.isVisible()


def test_action_plan_search_runs_as_you_type_and_clears_at_once(qtbot, ctx, window):
    from ui.widgets.search import DEBOUNCE_MS

    sign_in(qtbot, ctx, "anna")
    window.tabs.setCurrentWidget(window.action_plan_tab)
    settle(qtbot, ctx)
    plan = window.action_plan_tab
    assert len(plan.model.rows) == 2
    qtbot.keyClicks(plan.search, "moped")
    qtbot.waitUntil(lambda: len(plan.model.rows) == 1, timeout=DEBOUNCE_MS + 5000)
    assert plan.model.rows[0].title == "Mopedkontroller i Valsta"
    plan.search.clear()
    assert not plan.search.timer.isActive()
    settle(qtbot, ctx)
    assert len(plan.model.rows) == 2


# --- columns at 1440×900 --------------------------------------------------------------------------------


@pytest.fixture
def demo_window(qtbot, qapp, tmp_path):
    """The main window at the office's screen size over the demo data set, signed in as its administrator."""
    import gc

    from app.db.engine import Database
    from app.db.migrate import ensure_schema
    from app.demo import create_demo, demo_password
    from app.services.auth import authenticator_for
    from ui.app import create_application
    from ui.context import AppContext
    from ui.main_window import MainWindow

    db = Database(f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    ensure_schema(db)
    create_demo(db, observations=2000)
    create_application(language="sv")
    context = AppContext(db, idle_lock_minutes=60)
    win = MainWindow(context)
    qtbot.addWidget(win)
    win.resize(1440, 900)
    win.show()
    context.sign_in(authenticator_for(db).authenticate("anna.admin", demo_password("anna.admin", 2026)))
    settle(qtbot, context)
    yield win, context
    context.stop_live_refresh()
    context.tasks.wait(10000)
    db.dispose()
    gc.collect()


def _column(view, header: str) -> int:
    model = view.model()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header in headers, headers
    return headers.index(header)


def _show(qtbot, ctx, view) -> None:
    settle(qtbot, ctx)
    QApplication.processEvents()  # the columns are fitted once the rows and the width are known
    qtbot.waitUntil(lambda: view.isVisible() and view.model().rowCount() > 0, timeout=10000)
    QApplication.processEvents()


def _assert_readable(view, header: str, *, whole: bool) -> None:
    """The column lies inside the visible part of the table; with `whole` no text in it is cut, else every
    cell's tooltip gives its full text."""
    column = _column(view, header)
    head = view.horizontalHeader()
    left, width = head.sectionViewportPosition(column), head.sectionSize(column)
    name = f"{view.objectName()}: {header}"
    assert left >= 0 and left + width <= view.viewport().width() + 1, (name, left, width, view.viewport().width())
    assert view.horizontalScrollBar().value() == 0
    model = view.model()
    metrics = view.fontMetrics()
    for row in range(model.rowCount()):
        index = model.index(row, column)
        text = model.data(index, Qt.ItemDataRole.DisplayRole)
        if not text:
            continue
        if whole:
            assert metrics.horizontalAdvance(text) + 4 <= width, (name, text, width)
        else:
            tooltip = model.data(index, Qt.ItemDataRole.ToolTipRole) or ""
            assert text in tooltip, (name, text, tooltip)


def test_key_columns_are_on_screen_at_1440_by_900_and_tooltips_give_the_whole_text(qtbot, demo_window):
    win, ctx = demo_window
    tab = win.lagesbild_tab
    _show(qtbot, ctx, tab.hotspot_view)
    _assert_readable(tab.hotspot_view, "Plats", whole=True)
    _assert_readable(tab.hotspot_view, "Plats", whole=False)  # and the tooltip too
    _assert_readable(tab.hotspot_view, "Dominerande händelsetyper", whole=False)
    _show(qtbot, ctx, tab.list_view)
    _assert_readable(tab.list_view, "Plats", whole=True)
    _assert_readable(tab.list_view, "Händelsetyp", whole=True)
    _assert_readable(tab.list_view, "Beskrivning", whole=False)

    area = win.tabs.widget(1)
    win.tabs.setCurrentWidget(area)
    _show(qtbot, ctx, area.place_view)
    _assert_readable(area.place_view, "Plats", whole=True)
    _assert_readable(area.indicator_view, "Senaste", whole=True)
    _assert_readable(area.indicator_view, "Status", whole=True)
    _assert_readable(area.action_view, "Uppföljning", whole=True)

    plan = win.action_plan_tab
    win.tabs.setCurrentWidget(plan)
    _show(qtbot, ctx, plan.view)
    for header in ("Åtgärd", "Klart senast", "Status", "Uppföljning", "Försenad"):
        _assert_readable(plan.view, header, whole=header != "Åtgärd")

    followup = win.followup_tab if hasattr(win, "followup_tab") else win.tabs.widget(win.tabs.count() - 1)
    win.tabs.setCurrentWidget(followup)
    followup.sections.setCurrentIndex(1)
    _show(qtbot, ctx, followup.indicator_view)
    for header in ("Indikator", "Status", "Senaste"):
        _assert_readable(followup.indicator_view, header, whole=header != "Indikator")


def test_log_notes_wrap_in_full_beside_the_action_plan(qtbot, demo_window):
    win, ctx = demo_window
    plan = win.action_plan_tab
    win.tabs.setCurrentWidget(plan)
    _show(qtbot, ctx, plan.view)
    log = plan.log
    longest = None
    for row in range(plan.model.rowCount()):
        plan.view.selectRow(row)
        settle(qtbot, ctx)
        notes = [u.text for u in log.model.rows]
        if notes and max(map(len, notes)) > 60:
            longest = max(notes, key=len)
            break
    assert longest, "the demo data has a long log note"
    _show(qtbot, ctx, log.view)
    view = log.view
    column = _column(view, "Anteckning")
    _assert_readable(view, "Anteckning", whole=False)
    row = [u.text for u in log.model.rows].index(longest)
    width = view.horizontalHeader().sectionSize(column)
    assert view.fontMetrics().horizontalAdvance(longest) > width, "a note longer than its column"
    assert view.wordWrap()
    needed = view.fontMetrics().boundingRect(0, 0, width - 8, 10_000, Qt.TextFlag.TextWordWrap, longest).height()
    assert view.rowHeight(row) >= needed, "the row is as tall as its wrapped note"
    assert log.model.data(log.model.index(row, column), Qt.ItemDataRole.DisplayRole) == longest
