"""Reading the screens: search as you type, drill-down from the lägesbild, and columns that fit at 1440×900."""

from __future__ import annotations

import pytest

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
