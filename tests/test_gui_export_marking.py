"""The desktop program's exports carry their marking: the report dialog's free-text choice, charts saved
and copied, the map's picture, table exports and the audit trail (what app/exports/marking.py says)."""

from __future__ import annotations

import re

import openpyxl
import pytest
from PIL import Image
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from app.exports.marking import classification_marking, exporter_name
from app.exports.report_sheets import text_choice
from app.i18n import _
from tests.gui_support import settle, sign_in

pytestmark = pytest.mark.gui


def _cells(path) -> list[str]:
    wb = openpyxl.load_workbook(path)
    return [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]


def test_report_dialog_is_figures_only_unless_the_box_is_ticked(qtbot, ctx, window, tmp_path):
    sign_in(qtbot, ctx, "anna")
    for name, ticked in (("siffror.xlsx", False), ("text.xlsx", True)):
        window.export_report()
        dialog = window._dialog
        assert not dialog.with_text.isChecked()  # figures only is the default each time
        assert dialog.with_text.text() == _("Include free text (descriptions, notes)")
        dialog.with_text.setChecked(ticked)
        dialog.path.setText(str(tmp_path / name))
        with qtbot.waitSignal(dialog.accepted, timeout=30000):
            dialog.export()
        settle(qtbot, ctx)
    figures, with_text = _cells(tmp_path / "siffror.xlsx"), _cells(tmp_path / "text.xlsx")
    seeded = re.compile(r"Händelse [a-z]+ \d+")  # the seeded observations' descriptions
    assert not [c for c in figures if seeded.fullmatch(c)]
    assert [c for c in with_text if seeded.fullmatch(c)]
    assert text_choice(False) in figures and text_choice(True) in with_text


def test_a_saved_or_copied_chart_says_who_exported_it_and_its_filters(qtbot, ctx, window, tmp_path):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=30000)
    tab.inner_tabs.setCurrentWidget(tab.hotspot_chart)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: tab.hotspot_chart.figure is not None, timeout=20000)
    saved = tab.hotspot_chart.save_to(tmp_path / "platser.png")
    image = Image.open(saved)
    actor = ctx.actor
    assert image.text["Classification"] == classification_marking(actor)
    assert image.text["Exported by"] == exporter_name(actor)
    assert image.text["Filters"] == tab._export_description() and tab.period_text() in image.text["Filters"]
    _width, fig_h = tab.hotspot_chart.figure.get_size_inches()
    assert image.height > fig_h * 150 + 10  # the footer line below the chart
    tab.hotspot_chart.copy()
    copied = QApplication.clipboard().image()
    assert copied.height() == image.height and copied.width() == image.width

    followup = window.followup_tab
    window.tabs.setCurrentWidget(followup)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: followup.charts["on_time"].figure is not None, timeout=20000)
    marking = followup.charts["on_time"].marking()
    assert marking is not None and followup.period_text() in marking.footer
    assert all(chart.marking() is not None for chart in followup.charts.values())


def test_the_maps_picture_has_a_marking_strip_and_texts(qtbot, ctx, window, tmp_path):
    window.resize(1440, 900)
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=30000)
    tab.inner_tabs.setCurrentWidget(tab.map_page)
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: bool(tab.map_view.places()), timeout=10000)
    target = tmp_path / "karta.png"
    assert tab.save_map_to(target)
    image = QImage(str(target))
    map_height = tab.map_view.height()
    assert image.width() == tab.map_view.width() and image.height() > map_height
    strip = [
        image.pixelColor(x, y).lightness() for y in range(map_height, image.height()) for x in range(image.width())
    ]
    assert min(strip) < 128 and max(strip) > 240  # dark text on white
    assert image.text("Classification") == classification_marking(ctx.actor)
    assert image.text("Exported by") == exporter_name(ctx.actor)
    assert image.text("Filters") == tab._export_description()
    assert image.text("Exported at")[:4].isdigit()


def test_table_and_audit_trail_exports_carry_marking_exporter_and_filters(qtbot, ctx, window, tmp_path):
    sign_in(qtbot, ctx, "anna")
    tab = window.lagesbild_tab
    qtbot.waitUntil(lambda: tab.overview is not None, timeout=30000)
    done: list = []
    tab.exports["observationTable"].export_to(tmp_path / "observationer.xlsx", on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    ws = openpyxl.load_workbook(tmp_path / "observationer.xlsx").active
    top = [ws.cell(row, 1).value for row in (1, 2, 3)]
    assert tab.period_text() in top[1] and top[1].startswith(_("Filters: {filters}", filters="")[:4])
    assert exporter_name(ctx.actor) in top[2] and classification_marking(ctx.actor) in top[2]
    assert ws.oddHeader.left.text == classification_marking(ctx.actor)
    headers = [c.value for c in ws[4]]
    assert _("Visible to") in headers  # each internal row is marked as such
    visible = headers.index(_("Visible to"))
    assert all(row[visible].value for row in ws.iter_rows(min_row=5))  # every row says who may see it

    window.show_audit_trail()
    audit = window._dialog
    settle(qtbot, ctx)
    settle(qtbot, ctx)
    done.clear()
    audit.export.export_to(tmp_path / "granskning.xlsx", on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    ws = openpyxl.load_workbook(tmp_path / "granskning.xlsx").active
    assert audit._description() in ws["A2"].value
    assert exporter_name(ctx.actor) in ws["A3"].value and exporter_name(ctx.actor) in ws.oddFooter.left.text
    assert ws.oddHeader.left.text == classification_marking(ctx.actor)
    window.lock()
