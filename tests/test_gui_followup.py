"""The Uppföljning tab and the charts on screen: indicators, measurements, meetings, save and copy."""

from __future__ import annotations

import datetime as dt
import struct

import pytest
from PySide6.QtWidgets import QApplication, QLabel

from app.i18n import _
from tests.gui_support import ARTIFACTS, settle, sign_in

pytestmark = pytest.mark.gui


def open_followup(qtbot, ctx, window, user="anna"):
    sign_in(qtbot, ctx, user)
    tab = window.followup_tab
    window.tabs.setCurrentWidget(tab)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: all(c.figure is not None for c in tab.charts.values() if c.isVisible()), timeout=20000)
    return tab


def png_size(path) -> tuple[int, int]:
    with open(path, "rb") as fh:
        head = fh.read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def test_overview_charts_answer_the_three_questions(qtbot, ctx, window):
    tab = open_followup(qtbot, ctx, window)
    progress = tab.charts["progress"].figure.axes[0]
    # One indicator in the seed data: latest 8.0 against target 5.0 -> a bar of 160 % of the target.
    assert [round(p.get_width()) for p in progress.patches] == [160]
    ranking = tab.charts["hotspots"].figure.axes[0]
    texts = " ".join(t.get_text() for t in ranking.texts)
    assert "13" in texts and "▲ +8 %" in texts  # Märsta station: 13 events, 12 before
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for index in range(tab.sections.count()):
        tab.sections.setCurrentIndex(index)
        settle(qtbot, ctx)
        QApplication.processEvents()
        assert window.grab().save(str(ARTIFACTS / f"followup_{index}_{tab.sections.widget(index).objectName()}.png"))


def test_chart_saves_png_and_pdf_and_copies(qtbot, ctx, window, tmp_path):
    tab = open_followup(qtbot, ctx, window)
    chart = tab.charts["on_time"]
    png = chart.save_to(tmp_path / "i-tid.png")
    width, height = png_size(png)
    fig_w, fig_h = chart.figure.get_size_inches()
    # The on-screen canvas sizes the figure; saving renders that size at 150 dpi (± rounding), and the
    # marking's footer line below it (test_gui_export_marking.py).
    assert abs(width - fig_w * 150) <= 1 and fig_h * 150 + 10 < height < fig_h * 150 + 100
    assert chart.save_to(tmp_path / "i-tid.pdf").read_bytes().startswith(b"%PDF")
    chart.copy()
    assert not QApplication.clipboard().image().isNull()


def test_area_tab_and_lagesbild_show_their_charts(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    area_tab = window.tabs.widget(1)
    window.tabs.setCurrentWidget(area_tab)
    settle(qtbot, ctx)
    trend = area_tab.trend_chart.figure
    assert trend is not None
    bars = [p.get_height() for p in trend.axes[0].patches]
    assert len(bars) >= 12 and bars[-1] == area_tab.overview.months[-1].count
    window.tabs.setCurrentWidget(window.lagesbild_tab)
    settle(qtbot, ctx)
    inner = window.lagesbild_tab.inner_tabs
    inner.setCurrentWidget(window.lagesbild_tab.hotspot_chart)
    settle(qtbot, ctx)
    figure = window.lagesbild_tab.hotspot_chart.figure
    assert figure is not None
    widths = sorted((p.get_width() for p in figure.axes[0].patches if p.get_width() > 0), reverse=True)
    assert widths[0] == 13


def test_create_indicator_enter_measurement_and_see_it_charted(qtbot, ctx, window):
    tab = open_followup(qtbot, ctx, window)
    tab.sections.setCurrentIndex(1)
    tab.new_indicator()
    dialog = tab._dialog
    dialog.save()  # no name
    settle(qtbot, ctx)
    assert dialog.isVisible() and dialog.field_error("name")
    dialog.name.setText("Upplevd trygghet i Valsta")
    dialog.unit.setText("%")
    dialog.baseline.setText("61,5")
    dialog.target.setText("70")
    dialog.direction.set_value(dialog.direction.itemData(1))
    dialog.save()
    settle(qtbot, ctx)
    assert not dialog.isVisible()
    settle(qtbot, ctx)
    names = [r.name for r in tab.indicator_model.rows]
    assert "Upplevd trygghet i Valsta" in names
    tab.indicator_view.selectRow(names.index("Upplevd trygghet i Valsta"))
    settle(qtbot, ctx)

    tab.new_measurement()
    dialog = tab._dialog
    dialog.value.setText("sextio")  # not a number: marked, kept, nothing saved
    dialog.save()
    settle(qtbot, ctx)
    assert dialog.isVisible() and dialog.field_error("value") and dialog.value.text() == "sextio"
    dialog.value.setText("64,5")
    dialog.save()
    settle(qtbot, ctx)
    assert not dialog.isVisible()
    settle(qtbot, ctx)
    assert [p.value for p in tab.measurement_model.rows] == [64.5]
    line = tab.indicator_chart.figure.axes[0].lines[0]
    assert list(line.get_ydata()) == [64.5]


def test_record_meeting_stores_the_lagesbild_of_its_date(qtbot, ctx, window):
    tab = open_followup(qtbot, ctx, window)
    tab.sections.setCurrentIndex(3)
    tab.new_meeting()
    dialog = tab._dialog
    dialog.decisions.setPlainText("Extra kvällsvandringar vid Märsta station.")
    dialog.save()
    settle(qtbot, ctx)
    assert not dialog.isVisible()
    settle(qtbot, ctx)
    assert tab.meeting_model.rows[0].decisions.startswith("Extra kvällsvandringar")
    tab.meeting_view.selectRow(0)
    settle(qtbot, ctx)
    html = tab.meeting_details.toPlainText()
    assert "Märsta station" in html and "Extra kvällsvandringar" in html


def test_reader_cannot_change_followup(qtbot, ctx, window):
    tab = open_followup(qtbot, ctx, window, user="rita")
    buttons = (tab.new_indicator_button, tab.new_measurement_button, tab.new_meeting_button)
    assert not any(b.isEnabled() for b in buttons)
    tab.new_indicator()
    assert tab._dialog is None


def test_matplotlib_is_loaded_only_when_a_chart_is_first_shown(tmp_path):
    """Start-up and the Lägesbild tables do not pay for matplotlib; the first chart does."""
    import subprocess
    import sys
    import textwrap
    from pathlib import Path

    script = textwrap.dedent(f"""
        import datetime as dt, sys
        sys.path.insert(0, {str(Path(__file__).resolve().parent.parent)!r})
        from app.db.engine import Database
        from app.db.migrate import ensure_schema
        from app.services.auth import authenticator_for
        from tests.gui_support import PASSWORDS, seed_gui_data
        from ui.app import create_application
        from ui.context import AppContext
        from ui.main_window import MainWindow
        from PySide6.QtWidgets import QApplication
        db = Database("sqlite:///{tmp_path / "lazy.sqlite3"}")
        ensure_schema(db)
        seed_gui_data(db, dt.date.today())
        create_application(language="sv")
        ctx = AppContext(db)
        window = MainWindow(ctx)
        window.show()
        ctx.sign_in(authenticator_for(db).authenticate("anna", PASSWORDS["anna"]))
        def settle():
            for _ in range(3):
                ctx.tasks.wait(20000)
                QApplication.processEvents()
        settle()
        before = "matplotlib" in sys.modules
        window.tabs.setCurrentWidget(window.followup_tab)
        settle()
        after = "matplotlib" in sys.modules
        print(before, after)
    """)
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.stdout.split()[-2:] == ["False", "True"], result.stdout + result.stderr


# --- a period's value is never replaced unasked; values fit the unit ------------------------------------


def _measurements_page(qtbot, ctx, window):
    tab = open_followup(qtbot, ctx, window)
    tab.sections.setCurrentIndex(1)
    tab.indicator_view.selectRow(0)  # the seed's indicator: "st" per month, a value for each of the last months
    settle(qtbot, ctx)
    return tab


def _values(tab) -> dict:
    return {p.period_start: p.value for p in tab.measurement_model.rows}


def _save_and_get_question(qtbot, ctx, dialog):
    dialog.save()
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.replace_box is not None and dialog.replace_box.isVisible())
    return dialog.replace_box


def _answer(qtbot, ctx, box, button):
    button.click()
    settle(qtbot, ctx)


def test_a_new_value_for_a_month_with_a_value_asks_and_no_keeps_the_form(qtbot, ctx, window):

    tab = _measurements_page(qtbot, ctx, window)
    before = _values(tab)
    tab.new_measurement()
    dialog = tab._dialog
    last_month = dialog.period.date().toPython()  # a new value is for the last month that has ended
    assert last_month.day == 1 and last_month < dt.date.today().replace(day=1)
    if last_month not in before:  # the seed steps back 31 days a month, and may skip it: a value first
        dialog.value.setText("4")
        dialog.save()
        settle(qtbot, ctx)
        assert not dialog.isVisible()  # an empty month: nothing to ask
        settle(qtbot, ctx)
        before = _values(tab)
        tab.new_measurement()
        dialog = tab._dialog
    old = before[last_month]
    dialog.value.setText("9")
    dialog.declared.widgets["note"].setPlainText("Rättad siffra från RAR")
    box = _save_and_get_question(qtbot, ctx, dialog)
    text = box.text()
    assert f"{last_month:%Y-%m}" in text and f"{old:.1f}".replace(".", ",") + " st" in text and "9,0 st" in text
    assert box.defaultButton() is box.cancel_button  # Enter keeps the stored value
    assert box.escapeButton() is box.cancel_button  # and so does Escape
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert box.grab().save(str(ARTIFACTS / "measurement_replace_question.png"))

    _answer(qtbot, ctx, box, box.cancel_button)
    assert dialog.isVisible() and dialog.value.text() == "9"  # nothing typed is lost
    assert dialog.declared.widgets["note"].toPlainText() == "Rättad siffra från RAR"
    assert dialog.banner.isVisible() and "inget sparades" in dialog.banner.text().lower()
    settle(qtbot, ctx)
    assert _values(tab) == before  # nothing was replaced

    box = _save_and_get_question(qtbot, ctx, dialog)
    _answer(qtbot, ctx, box, box.action_button)
    assert not dialog.isVisible()
    settle(qtbot, ctx)
    assert _values(tab) == {**before, last_month: 9}


def test_moving_a_value_onto_a_month_with_a_value_asks_and_yes_leaves_one_row(qtbot, ctx, window):
    from PySide6.QtCore import QDate

    tab = _measurements_page(qtbot, ctx, window)
    before = _values(tab)
    rows = tab.measurement_model.rows  # newest first
    target, moved = rows[1], rows[2]  # the last month that has ended, and the one before
    tab.measurement_view.selectRow(2)
    tab.edit_measurement()
    dialog = tab._dialog
    dialog.period.setDate(QDate(target.period_start.year, target.period_start.month, 20))
    dialog.value.setText("7")  # whole, as counts are (the seed's values are not all)
    box = _save_and_get_question(qtbot, ctx, dialog)
    assert f"{moved.period_start:%Y-%m}" in box.text() and "utan värde" in box.text()  # the month it leaves is said
    _answer(qtbot, ctx, box, box.cancel_button)
    assert dialog.isVisible() and dialog.period.date().toPython().day == 20
    settle(qtbot, ctx)
    assert _values(tab) == before

    box = _save_and_get_question(qtbot, ctx, dialog)
    _answer(qtbot, ctx, box, box.action_button)
    assert not dialog.isVisible()
    settle(qtbot, ctx)
    after = {**before, target.period_start: 7}
    del after[moved.period_start]
    assert _values(tab) == after  # one row for the target month: the moved one


def test_the_value_field_follows_the_unit_and_refused_values_are_explained(qtbot, ctx, window):
    from PySide6.QtCore import QDate

    tab = _measurements_page(qtbot, ctx, window)
    tab.new_measurement()
    dialog = tab._dialog
    assert any(label.text() == "Tillåtet: ett heltal, 0 eller mer." for label in dialog.findChildren(QLabel))
    qtbot.keyClicks(dialog.value, "-5,5")  # a count: no minus sign, no decimals
    assert dialog.value.text() == "55"
    today = dt.date.today()
    dialog.period.setDate(QDate(today.year, today.month, today.day))  # the month in progress
    dialog.save()
    settle(qtbot, ctx)
    assert dialog.isVisible() and "inte slut" in dialog.field_error("period_start")
    assert dialog.value.text() == "55"
    dialog.close()

    dialog = IndicatorAndValue.percent(qtbot, ctx, tab)
    dialog.value.setText("120")
    dialog.save()
    settle(qtbot, ctx)
    assert dialog.isVisible() and "mellan 0 och 100" in dialog.field_error("value") and dialog.value.text() == "120"
    assert dialog.grab().save(str(ARTIFACTS / "measurement_refused_value.png"))


class IndicatorAndValue:
    @staticmethod
    def percent(qtbot, ctx, tab):
        """A new % indicator, selected, with its measurement dialog open."""
        tab.new_indicator()
        dialog = tab._dialog
        dialog.name.setText("Andel som känner sig trygga i Valsta")
        dialog.unit.setText("%")
        dialog.target.setText("120")  # a share cannot pass 100 %: the target is refused too
        dialog.save()
        settle(qtbot, ctx)
        assert dialog.isVisible() and "mellan 0 och 100" in dialog.field_error("target_value")
        dialog.target.setText("80")
        dialog.save()
        settle(qtbot, ctx)
        assert not dialog.isVisible()
        settle(qtbot, ctx)
        names = [r.name for r in tab.indicator_model.rows]
        tab.indicator_view.selectRow(names.index("Andel som känner sig trygga i Valsta"))
        settle(qtbot, ctx)
        tab.new_measurement()
        return tab._dialog


def test_a_meetings_map_is_shown_under_its_ranking_and_an_old_snapshot_says_it_has_none(qtbot, ctx, window):
    from app.services import meetings as mt
    from app.services.context import bind_actor

    tab = open_followup(qtbot, ctx, window)
    tab.sections.setCurrentIndex(3)
    tab.new_meeting()
    dialog = tab._dialog
    dialog.decisions.setPlainText("Kartan visar Märsta station.")
    dialog.save()
    settle(qtbot, ctx)
    settle(qtbot, ctx)
    tab.meeting_view.selectRow(0)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: tab.snapshot_map.figure is not None, timeout=20000)
    assert tab.snapshot_map.isVisible()
    circles = {p.get_gid() for p in tab.snapshot_map.figure.axes[0].patches if p.get_gid()}
    assert "Märsta station" in circles and "Valsta centrum" in circles
    text = tab.meeting_details.toPlainText()
    assert "Märsta station" in text and _("This snapshot was recorded before maps were added.") not in text
    snapshot = dict(_stored_snapshot(ctx, tab.selected_meeting().id))
    del snapshot["map"]

    # a meeting recorded before maps: its ranking shows, with a line instead of the map
    with ctx.db.session() as s:
        bind_actor(s, ctx.actor)
        data = mt.MeetingInput(held_on=dt.date.today() - dt.timedelta(days=30), decisions="Från tiden före kartan.")
        mt.create_meeting(s, ctx.actor, data, lagesbild_snapshot=snapshot)
    tab.reload()
    settle(qtbot, ctx)
    row = next(i for i, m in enumerate(tab.meeting_model.rows) if m.decisions.startswith("Från tiden"))
    tab.meeting_view.selectRow(row)
    settle(qtbot, ctx)
    text = tab.meeting_details.toPlainText()
    assert "Från tiden före kartan" in text and "Märsta station" in text
    assert _("This snapshot was recorded before maps were added.") in text
    assert not tab.snapshot_map.isVisible() and tab.snapshot_map.figure is None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    tab.meeting_view.selectRow(
        next(i for i, m in enumerate(tab.meeting_model.rows) if m.decisions.startswith("Kartan"))
    )
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: tab.snapshot_map.figure is not None, timeout=20000)
    QApplication.processEvents()
    assert window.grab().save(str(ARTIFACTS / "followup_meeting_map.png"))


def _stored_snapshot(ctx, meeting_id: int) -> dict:
    from app.services import meetings as mt
    from app.services.context import bind_actor

    with ctx.db.session() as s:
        bind_actor(s, ctx.actor)
        return mt.get_meeting(s, ctx.actor, meeting_id).lagesbild_snapshot
