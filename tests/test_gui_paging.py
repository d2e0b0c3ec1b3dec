"""The observation list pages by key: scrolling on loads the page after the last loaded row,
Ctrl+End and the scroll bar dragged to the bottom show the last rows without reading the ones
before, a jump into the middle loads the rows around it, and a new sort or filter starts over."""

from __future__ import annotations

import datetime as dt
import time

import pytest
import sqlalchemy as sa
from PySide6.QtCore import Qt

from app.db.models import Category, Observation, Organisation, Place
from app.domain.vocabulary import Classification, Source
from app.services import observations as obs
from app.services.runner import call
from tests.gui_support import TODAY, settle, sign_in
from ui.models import PLACEHOLDER

pytestmark = pytest.mark.gui

EXTRA = 3000  # fifteen pages


def _add_rows(db) -> None:
    """Many rows in the last week, in ties (few dates and times, some without a time)."""
    with db.engine.begin() as conn:
        places = conn.execute(sa.select(Place.id)).scalars().all()
        cats = conn.execute(sa.select(Category.id)).scalars().all()
        org = conn.execute(sa.select(Organisation.id).where(Organisation.short_name == "Kommunen")).scalar_one()
        conn.execute(
            sa.insert(Observation),
            [
                {
                    "occurred_on": TODAY - dt.timedelta(days=i % 7),
                    "occurred_time": None if i % 5 == 0 else dt.time(i % 24, 0),
                    "reported_at": dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
                    "place_id": places[i % len(places)],
                    "category_id": cats[i % len(cats)],
                    "count": 1 + i % 3,
                    "source": Source.OWN_OBSERVATION,
                    "organisation_id": org,
                    "classification": Classification.OPEN,
                    "description": f"rad {i}",
                    "version": 1,
                }
                for i in range(EXTRA)
            ],
        )


@pytest.fixture
def tab(qtbot, ctx, window):
    _add_rows(ctx.db)
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    qtbot.waitUntil(lambda: tab.overview is not None and tab.list_model.rowCount() > 0, timeout=30000)
    settle(qtbot, ctx)
    return tab


def _reference(ctx, tab) -> list[int]:
    model = tab.list_model
    rows = call(
        ctx.db,
        ctx.actor,
        obs.list_observations,
        tab.list_filter(),
        sort=model.sort_key,
        descending=model.descending,
        limit=100_000,
    )
    return [r.id for r in rows]


def _loaded_in_place(tab, reference: list[int]) -> int:
    """Every loaded row sits where the one ORDER BY query puts it; returns how many are loaded."""
    model = tab.list_model
    assert model.rowCount() == len(reference)
    loaded = 0
    for i, row in enumerate(model.slots):
        if row is not None:
            assert row.id == reference[i], f"row {i}"
            loaded += 1
    return loaded


def _wait_loaded(qtbot, ctx, tab, row: int) -> None:
    qtbot.waitUntil(lambda: tab.list_model.is_loaded(row), timeout=10000)
    settle(qtbot, ctx)


def test_the_first_page_then_the_next_by_scrolling(qtbot, ctx, tab):
    model, view = tab.list_model, tab.list_view
    reference = _reference(ctx, tab)
    assert len(reference) > EXTRA and model.total == len(reference) == model.rowCount()
    assert model.fetches == 1 and _loaded_in_place(tab, reference) == model.PAGE
    view.scrollTo(model.index(model.PAGE + 30, 0))
    _wait_loaded(qtbot, ctx, tab, model.PAGE + 30)
    assert model.fetches == 2, "one more page, after the last loaded row"
    assert _loaded_in_place(tab, reference) == 2 * model.PAGE


def test_ctrl_end_shows_the_last_row_without_the_pages_before(qtbot, ctx, tab):
    model, view = tab.list_model, tab.list_view
    reference = _reference(ctx, tab)
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    started = time.perf_counter()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    last = len(reference) - 1
    assert view.currentIndex().row() == last
    _wait_loaded(qtbot, ctx, tab, last)
    assert time.perf_counter() - started < 5
    assert model.fetches == 2, "the first page and the last, nothing between"
    assert model.row_at(last).id == reference[-1]
    assert _loaded_in_place(tab, reference) == 2 * model.PAGE
    # a row between shows a grey mark until it is loaded
    middle = model.index(len(reference) // 2, 0)
    assert model.data(middle) == PLACEHOLDER and model.row_at(middle.row()) is None
    # scrolling up from the end reads the page before, by key
    view.scrollTo(model.index(last - model.PAGE - 20, 0))
    _wait_loaded(qtbot, ctx, tab, last - model.PAGE - 20)
    assert model.fetches == 3 and _loaded_in_place(tab, reference) == 3 * model.PAGE


def test_the_scroll_bar_dragged_to_the_bottom_and_into_the_middle(qtbot, ctx, tab):
    model, view = tab.list_model, tab.list_view
    reference = _reference(ctx, tab)
    bar = view.verticalScrollBar()
    bar.setValue(bar.maximum())
    _wait_loaded(qtbot, ctx, tab, len(reference) - 1)
    assert model.fetches == 2
    bar.setValue(bar.maximum() // 2)
    shown = view.rowAt(view.viewport().height() // 2)
    _wait_loaded(qtbot, ctx, tab, shown)
    top, bottom = view.rowAt(0), view.rowAt(view.viewport().height() - 1)
    assert all(model.is_loaded(r) for r in range(top, bottom + 1)), "every row in sight"
    assert model.fetches <= 4
    loaded = _loaded_in_place(tab, reference)
    # on from the middle by key
    view.scrollTo(model.index(bottom + model.PAGE, 0))
    _wait_loaded(qtbot, ctx, tab, bottom + model.PAGE)
    assert _loaded_in_place(tab, reference) > loaded
    # scrolling through everything, a screenful at a time, leaves no gap and no row twice
    for row in range(0, len(reference), max(1, bottom - top)):
        view.scrollTo(model.index(row, 0))
        _wait_loaded(qtbot, ctx, tab, row)
    view.scrollToBottom()
    _wait_loaded(qtbot, ctx, tab, len(reference) - 1)
    assert _loaded_in_place(tab, reference) == len(reference)
    assert len({r.id for r in model.rows}) == len(reference)


def test_a_header_click_sorts_by_place_and_ctrl_end_still_jumps(qtbot, ctx, tab):
    model, view = tab.list_model, tab.list_view
    place_column = next(i for i, c in enumerate(model.columns) if c.sort_key == "place")
    view.horizontalHeader().setSortIndicator(place_column, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: model.sort_key == "place" and model.is_loaded(0), timeout=10000)
    settle(qtbot, ctx)
    reference = _reference(ctx, tab)
    assert model.fetches == 1 and _loaded_in_place(tab, reference) == model.PAGE
    names = [r.place_name for r in model.rows]
    assert names[0] <= names[-1]
    view.setFocus()
    view.setCurrentIndex(model.index(0, 0))
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    _wait_loaded(qtbot, ctx, tab, len(reference) - 1)
    assert model.fetches == 2 and _loaded_in_place(tab, reference) == 2 * model.PAGE
    # the last row can be selected and is the one the service puts last
    view.selectRow(len(reference) - 1)
    assert tab.selected().id == reference[-1]


def test_a_new_filter_starts_over(qtbot, ctx, tab):
    model, view = tab.list_model, tab.list_view
    view.scrollToBottom()
    _wait_loaded(qtbot, ctx, tab, model.rowCount() - 1)
    tab.search.setText("rad 1")
    tab.search.returnPressed.emit()
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: model.is_loaded(0), timeout=10000)
    reference = _reference(ctx, tab)
    assert 0 < len(reference) < EXTRA and model.rowCount() == len(reference)
    # The first page; and, where the view still stood scrolled down when the rows came (it keeps its
    # place while the model resets, depending on when the view repaints), the page in sight there.
    assert model.fetches in (1, 2)
    assert all("rad 1" in r.description for r in model.rows)
    _loaded_in_place(tab, reference)


def test_rows_gone_meanwhile_close_the_gap(qtbot, ctx, tab):
    """The count said more rows than there are now: scrolling through drops the missing ones, and
    the rows already shown stay until the next reload."""
    model, view = tab.list_model, tab.list_view
    shown = {r.id for r in model.rows}
    with ctx.db.engine.begin() as conn:
        doomed = set(
            conn.execute(
                sa.select(Observation.id).where(Observation.description.in_([f"rad {i}" for i in range(0, EXTRA, 2)]))
            ).scalars()
        )
        conn.execute(sa.delete(Observation).where(Observation.id.in_(doomed)))
    row = 0
    while row < model.rowCount():
        view.scrollTo(model.index(row, 0))
        qtbot.waitUntil(lambda row=row: row >= model.rowCount() or model.is_loaded(row), timeout=10000)
        settle(qtbot, ctx)
        row += 100
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.is_loaded(model.rowCount() - 1), timeout=10000)
    settle(qtbot, ctx)
    ids = [r.id for r in model.rows]
    assert len(ids) == model.rowCount() == len(set(ids)), "every row loaded, none twice"
    assert set(ids) & doomed == shown & doomed
    now = _reference(ctx, tab)
    assert [i for i in ids if i not in doomed] == now
