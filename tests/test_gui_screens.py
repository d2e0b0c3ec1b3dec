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
    try:  # the first figures have arrived (slow once in a while under a loaded run: say what was seen)
        qtbot.waitUntil(lambda: tab.overview is not None, timeout=30000)
    except qtbot.TimeoutError:
        pytest.fail(
            f"no figures: visible={tab.isVisible()} stale={tab._stale} lookups={tab.lookups is not None} "
            f"pending={ctx.tasks.pending} page={window.stack.currentWidget().objectName()} "
            f"tab={window.tabs.tabText(window.tabs.currentIndex())!r} window={window.isVisible()} "
            f"built={getattr(tab, '_built', None)}"
        )
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


# --- drill-down ----------------------------------------------------------------------------------------


def _double_click(qtbot, view, index) -> None:
    # As a mouse does it: press and release, then the double-click on the same cell.
    rect = view.visualRect(index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def _listed(tab):
    return {(r.place_name, r.category_name) for r in tab.list_model.rows}


def test_double_clicking_a_hot_spot_lists_its_observations_until_the_narrowing_is_taken_away(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    everything = tab.list_model.total
    spots = tab.hotspot_model.rows
    target = next(s for s in spots if s.place_name == "Valsta centrum")
    row = spots.index(target)
    _double_click(qtbot, tab.hotspot_view, tab.hotspot_model.index(row, 1))
    settle(qtbot, ctx)
    assert {place for place, _category in _listed(tab)} == {"Valsta centrum"}
    assert tab.list_model.total < everything
    assert tab.drill_bar.isVisible() and "Valsta centrum" in tab.drill_label.text()
    assert f"({tab.list_model.total})" in tab.list_title.text()
    assert len(ranking(window)) > 1, "the hot spots themselves are not narrowed"

    tab.drill_clear.click()
    settle(qtbot, ctx)
    assert not tab.drill_bar.isVisible() and tab.list_model.total == everything


def test_double_clicking_a_matrix_cell_lists_that_place_and_event_type(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    matrix = tab.overview.place_category
    place = next(p for p in matrix.places if p.name == "Märsta station")
    category = next(c for c in matrix.categories if c.name == "Narkotikabrott")
    assert matrix.cell(place.id, category.id) > 0
    tab.inner_tabs.setCurrentWidget(tab.matrix_view)
    index = tab.matrix_model.index(list(matrix.places).index(place), list(matrix.categories).index(category) + 1)
    _double_click(qtbot, tab.matrix_view, index)
    settle(qtbot, ctx)
    assert _listed(tab) == {("Märsta station", "Narkotikabrott")}
    assert sum(r.count for r in tab.list_model.rows) == matrix.cell(place.id, category.id)
    assert "Märsta station" in tab.drill_label.text() and "Narkotikabrott" in tab.drill_label.text()


def test_double_clicking_a_weekday_and_time_cell_lists_those_observations(qtbot, ctx, window):
    from app.services.lagesbild import HOUR_BANDS

    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    grid = tab.overview.weekday_hour.grid
    day, band = max(((d, b) for d in range(7) for b in range(len(HOUR_BANDS))), key=lambda db: grid[db[0]][db[1]])
    tab.inner_tabs.setCurrentWidget(tab.weekday_view)
    _double_click(qtbot, tab.weekday_view, tab.weekday_model.index(day, band + 1))
    settle(qtbot, ctx)
    rows = tab.list_model.rows
    start, end = HOUR_BANDS[band]
    assert rows and all(r.occurred_on.isoweekday() == day + 1 and start <= r.occurred_time.hour < end for r in rows)
    assert sum(r.count for r in rows) == grid[day][band]
    assert tab.drill_bar.isVisible()


def test_context_menu_opens_a_new_action_for_the_place_with_place_and_area_ticked(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    matrix = tab.overview.place_category
    place = next(p for p in matrix.places if p.name == "Valsta centrum")
    category = next(c for c in matrix.categories if c.name == "Skadegörelse")
    index = tab.matrix_model.index(list(matrix.places).index(place), list(matrix.categories).index(category) + 1)
    menu = tab.context_menu(tab.matrix_view, index)
    texts = [a.text() for a in menu.actions()]
    assert "Ny åtgärd för platsen…" in texts and "Visa observationerna" in texts
    menu.actions()[texts.index("Ny åtgärd för platsen…")].trigger()
    dialog = tab._dialog
    assert dialog.isVisible()
    values = dialog.declared.values()
    assert values["place_ids"] == [place.id] or set(values["place_ids"]) == {place.id}
    area = next(c.group_id for c in tab.lookups.categories if c.id == category.id)
    assert set(values["area_ids"]) == {area}
    assert next(a.name for a in tab.lookups.areas if a.id == area) == "Ungdomsgäng"
    dialog.reject()

    spot_row = next(i for i, s in enumerate(tab.hotspot_model.rows) if s.place_name == "Märsta station")
    menu = tab.context_menu(tab.hotspot_view, tab.hotspot_model.index(spot_row, 0))
    menu.actions()[0].trigger()  # "Visa observationerna"
    settle(qtbot, ctx)
    assert {p for p, _c in _listed(tab)} == {"Märsta station"}


def test_a_reader_gets_no_new_action_from_the_context_menu(qtbot, ctx, window):
    sign_in(qtbot, ctx, "rita")
    tab = window.lagesbild_tab
    menu = tab.context_menu(tab.hotspot_view, tab.hotspot_model.index(0, 1))
    new_action = next(a for a in menu.actions() if a.text() == "Ny åtgärd för platsen…")
    assert not new_action.isEnabled()


def test_column_widths_give_way_in_tiers_and_the_stretch_column_takes_the_rest():
    from ui.widgets.tables import column_widths

    natural, floors = [100, 300, 200, 80], [100, 120, 60, 80]
    assert column_widths(natural, floors, 800, stretch=1) == [100, 420, 200, 80]  # room to spare
    assert column_widths(natural, floors, 600, stretch=1, tiers=[[2]]) == [100, 300, 120, 80]  # the tier first
    assert column_widths(natural, floors, 400, stretch=1, tiers=[[2]]) == [100, 160, 60, 80]  # then the rest
    assert column_widths(natural, floors, 100, stretch=1) == floors  # never below the floors: it scrolls


def test_the_period_list_shows_each_presets_dates_and_the_last_12_months_are_not_this_year(qtbot, ctx):
    import datetime as dt

    from app.domain.periods import PeriodKind
    from ui.widgets.period_bar import PeriodBar

    bar = PeriodBar(today=dt.date(2026, 12, 1))
    qtbot.addWidget(bar)
    tips = {bar.kind.itemData(i): bar.kind.itemData(i, Qt.ItemDataRole.ToolTipRole) for i in range(bar.kind.count())}
    assert tips[PeriodKind.LAST_12_MONTHS] == "2025-12-01 – 2026-11-30"
    assert tips[PeriodKind.CURRENT_YEAR] == "2026-01-01 – 2026-12-01"
    bar.set_kind(PeriodKind.LAST_12_MONTHS)
    assert bar.kind.currentText() == "Senaste 12 hela månaderna"
    assert bar.range() == (dt.date(2025, 12, 1), dt.date(2026, 11, 30))


def test_enter_on_a_hot_spot_drills_down_too(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    row = next(i for i, s in enumerate(tab.hotspot_model.rows) if s.place_name == "Märsta station")
    tab.hotspot_view.setFocus()
    tab.hotspot_view.setCurrentIndex(tab.hotspot_model.index(row, 1))
    qtbot.keyClick(tab.hotspot_view, Qt.Key.Key_Return)
    settle(qtbot, ctx)
    assert {p for p, _c in _listed(tab)} == {"Märsta station"}


def test_the_window_fits_a_1024_pixel_screen_with_the_filters_in_two_rows(qtbot, ctx, window):
    """The lägesbild's six filters need about 1 100 px side by side: narrower, they take two rows
    instead of holding the whole window (and its lock and switch buttons) wider than the screen."""
    sign_in(qtbot, ctx, "per")
    filters = window.lagesbild_tab.filters
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: window.width() == 1024)
    qtbot.waitUntil(lambda: filters._per_row == 3)
    assert window.minimumSizeHint().width() <= 1024
    combos = [combo for _caption, combo in filters.captions]
    qtbot.waitUntil(lambda: len({c.y() for c in combos}) == 2)  # laid out in two rows
    assert all(filters.rect().contains(c.geometry()) for c in combos)  # none pushed out of sight
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: filters._per_row == 6)
    qtbot.waitUntil(lambda: len({c.y() for c in combos}) == 1)
