"""Excel in the desktop program: importing with a problem preview, the audit trail window, table exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtWidgets import QApplication

from tests.gui_support import ARTIFACTS, TODAY, settle, sign_in

pytestmark = pytest.mark.gui


def fill_template(path, rows):
    book = openpyxl.load_workbook(path)
    sheet = book["Observationer"]
    headers = [c.value for c in sheet[1]]
    for r, values in enumerate(rows, start=2):
        for name, value in values.items():
            sheet.cell(row=r, column=headers.index(name) + 1, value=value)
    book.save(path)


def open_import(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    window.import_file("observations")
    return window._dialog


def test_import_shows_every_problem_first_and_imports_only_a_clean_file(qtbot, ctx, window, tmp_path):
    dialog = open_import(qtbot, ctx, window)
    template = tmp_path / "mall.xlsx"
    dialog.write_template(template)
    settle(qtbot, ctx)
    assert template.exists() and "mall.xlsx" in dialog.summary.text()

    day = TODAY - dt.timedelta(days=1)
    fill_template(
        template,
        [
            {
                "Datum": day,
                "Plats": "Valsta centrum",
                "Händelsetyp": "Skadegörelse",
                "Antal": 3,
                "Beskrivning": "Krossat glas",
            },
            {"Datum": day, "Plats": "Marsta statoin", "Händelsetyp": "Våldsbrott", "Antal": 1},
        ],
    )
    dialog.load(template)
    settle(qtbot, ctx)
    assert dialog.problems.rowCount() == 1 and not dialog.import_button.isEnabled()
    assert dialog.problems.item(0, 0).text() == "3" and "Märsta station" in dialog.problems.item(0, 2).text()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "import_problems.png"))

    fill_template(template, [{}, {"Plats": "Märsta station"}])  # the user corrects the place
    dialog.load(template)
    settle(qtbot, ctx)
    assert dialog.problems.rowCount() == 0 and dialog.import_button.isEnabled()
    before = {r.place_name: r.count for r in window.lagesbild_tab.hotspot_model.rows}
    with qtbot.waitSignal(dialog.accepted, timeout=15000):
        dialog.run_import()
    settle(qtbot, ctx)
    after = {r.place_name: r.count for r in window.lagesbild_tab.hotspot_model.rows}
    assert after["Valsta centrum"] == before.get("Valsta centrum", 0) + 3
    assert dialog.result.added == 2 and "2" in window.statusBar().currentMessage()

    window.import_file("observations")  # the same file again
    second = window._dialog
    second.load(template)
    settle(qtbot, ctx)
    assert second.preview.duplicates == 2 and not second.import_button.isEnabled()  # nothing new to import


def test_a_reader_cannot_import_and_only_admins_see_the_audit_trail(qtbot, ctx, window):
    sign_in(qtbot, ctx, "rita")
    assert not window.act_import_observations.isEnabled() and not window.act_audit.isEnabled()
    window.import_file("observations")
    window.show_audit_trail()
    assert not any(
        w.isVisible() for w in QApplication.topLevelWidgets() if w.objectName() in ("importDialog", "auditWindow")
    )


def test_audit_trail_window_lists_changes_with_before_and_after(qtbot, ctx, window, tmp_path):
    sign_in(qtbot, ctx, "anna")
    window.new_observation()
    dialog = window.lagesbild_tab._dialog
    dialog.place.setEditText("Valsta centrum")
    dialog.category.setEditText("Klotter")
    dialog.description.setPlainText("Klotter på skolans vägg")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    settle(qtbot, ctx)
    window.show_audit_trail()
    audit = window._dialog
    settle(qtbot, ctx)
    settle(qtbot, ctx)
    assert audit.model.rows, "the new observation's insert is listed"
    first = audit.model.rows[0]
    assert first.table_name == "observation" and first.display_name == "Anna Andersson"
    audit.view.selectRow(0)
    settle(qtbot, ctx)  # the names of the rows it points to arrive from the background
    fields = {audit.details.item(r, 0).text(): audit.details.item(r, 2).text() for r in range(audit.details.rowCount())}
    assert fields["Beskrivning"] == "Klotter på skolans vägg"  # labelled as in the forms
    assert fields["Plats"] == "Valsta centrum" and fields["Rapporterad av"] == "Anna Andersson"  # names, not ids
    assert fields["Synlig för"].startswith("Öppen")  # the vocabulary's label, not the stored 'open'
    assert fields["Verifierad"] in ("Ja", "Nej")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert audit.grab().save(str(ARTIFACTS / "audit_trail.png"))

    done = []  # the export holds the values too, not only which fields changed
    audit.export.export_to(tmp_path / "granskning.xlsx", on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    rows = [[c.value for c in row] for row in openpyxl.load_workbook(tmp_path / "granskning.xlsx").active.iter_rows()]
    header = next(i for i, row in enumerate(rows) if row[0] == "Tid")
    assert rows[header][-2:] == ["Före", "Efter"]
    assert "Beskrivning: Klotter på skolans vägg" in rows[header + 1][-1]
    assert "Plats: Valsta centrum" in rows[header + 1][-1]  # named in the file as on screen
    window.lock()
    assert not audit.isVisible()


def test_administrator_adds_a_user_who_can_then_sign_in(qtbot, ctx, window):
    from app.services.auth import authenticator_for

    sign_in(qtbot, ctx, "anna")
    window.show_users()
    users = window._dialog
    settle(qtbot, ctx)
    assert "rita" in [u.username for u in users.model.rows]
    users.add_user()
    dialog = users._dialog
    dialog.username.setText("Sara.Falt")
    dialog.display_name.setText("Sara Fältassistent")
    dialog.passwords.password.setText("sara-losen-123")
    dialog.passwords.repeat.setText("sara-losen-12")  # a typo
    dialog.save()
    assert dialog.isVisible() and dialog.field_error("repeat")
    dialog.passwords.repeat.setText("sara-losen-123")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    settle(qtbot, ctx)
    assert "sara.falt" in [u.username for u in users.model.rows]
    assert authenticator_for(ctx.db).authenticate("sara.falt", "sara-losen-123").display_name == "Sara Fältassistent"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert users.grab().save(str(ARTIFACTS / "users_window.png"))

    users.view.selectRow([u.username for u in users.model.rows].index("sara.falt"))
    users.toggle_active()
    settle(qtbot, ctx)
    assert not next(u for u in users.model.rows if u.username == "sara.falt").active


def test_an_administrator_keeps_only_her_own_organisations_accounts_in_the_window(qtbot, ctx, window):
    """Anna (Kommunen) may not change Per (Polisen): the buttons say so before the service would."""
    sign_in(qtbot, ctx, "anna")
    window.show_users()
    users = window._dialog
    settle(qtbot, ctx)
    names = [u.username for u in users.model.rows]
    users.view.selectRow(names.index("per"))
    assert not any(b.isEnabled() for b in (users.role_button, users.active_button, users.password_button))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert users.grab().save(str(ARTIFACTS / "users_window_other_organisation.png"))
    users.view.selectRow(names.index("rita"))
    assert all(b.isEnabled() for b in (users.role_button, users.active_button, users.password_button))
    users.add_user()
    offered = [users._dialog.organisation.itemText(i) for i in range(users._dialog.organisation.count())]
    assert offered == ["Sigtuna kommun"]
    users._dialog.reject()


def test_the_user_window_shows_a_sign_in_lock_and_lifts_it(qtbot, ctx, window):
    from app.services.auth import authenticator_for
    from tests.conftest import lock_out

    lock_out(ctx.db, "rita")  # someone guesses Rita's password, waiting out each delay
    sign_in(qtbot, ctx, "anna")
    window.show_users()
    users = window._dialog
    settle(qtbot, ctx)
    row = [u.username for u in users.model.rows].index("rita")
    status = users.model.index(row, 4).data()
    assert status.startswith("Spärrad till ")
    users.view.selectRow(row)
    assert users.unlock_button.isEnabled()
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert users.grab().save(str(ARTIFACTS / "users_window_locked.png"))
    users.lift_lock()
    settle(qtbot, ctx)
    qtbot.waitUntil(lambda: users.model.index(row, 4).data() == "Aktiv", timeout=10000)
    users.view.selectRow(row)
    assert not users.unlock_button.isEnabled()
    assert authenticator_for(ctx.db).authenticate("rita", "rita-losen-123").username == "rita"


def test_a_reader_changes_her_own_password_from_the_file_menu(qtbot, ctx, window):
    from app.services.auth import authenticator_for

    sign_in(qtbot, ctx, "rita")
    assert window.act_password.isEnabled() and not window.act_users.isEnabled()
    window.act_password.trigger()
    dialog = window._dialog
    dialog.current.setText("inte-mitt-losen")
    dialog.passwords.password.setText("ritas-nya-losen-1")
    dialog.passwords.repeat.setText("ritas-nya-losen-1")
    dialog.save()
    qtbot.waitUntil(lambda: bool(dialog.field_error("current")), timeout=10000)
    assert dialog.isVisible() and dialog.passwords.password.text() == "ritas-nya-losen-1"  # nothing typed is lost
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(ARTIFACTS / "change_password.png"))
    dialog.current.setText("rita-losen-123")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        dialog.save()
    assert "lösenord" in window.statusBar().currentMessage().lower()
    assert authenticator_for(ctx.db).authenticate("rita", "ritas-nya-losen-1").username == "rita"


def test_management_report_and_table_exports_from_the_window(qtbot, ctx, window, tmp_path):
    sign_in(qtbot, ctx, "anna")
    window.export_report()
    dialog = window._dialog
    dialog.path.setText(str(tmp_path / "rapport.xlsx"))
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        dialog.export()
    book = openpyxl.load_workbook(tmp_path / "rapport.xlsx")
    assert book.sheetnames[0] == "Sammanfattning" and "Observationer" in book.sheetnames

    tab = window.lagesbild_tab
    done = []
    tab.exports["observationTable"].export_to(tmp_path / "observationer.xlsx", on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    sheet = openpyxl.load_workbook(tmp_path / "observationer.xlsx").active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header_row = next(i for i, row in enumerate(values) if row[0] == "Datum")
    assert done[0].rows == tab.overview.observation_count == len(values) - header_row - 1
    assert isinstance(values[header_row + 1][0], dt.datetime)  # a real date cell, not text
    assert any("Period" in str(row[0]) for row in values[:header_row])  # the filters are described

    done.clear()
    tab.exports["hotspotTable"].export_to(tmp_path / "brannpunkter.xlsx", on_done=done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=15000)
    sheet = openpyxl.load_workbook(tmp_path / "brannpunkter.xlsx").active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header_row = next(i for i, row in enumerate(rows) if row[1] == "Plats")
    assert rows[header_row + 1][1] == "Märsta station" and rows[header_row + 1][3] == 13  # a number, as shown


def test_save_path_gets_its_suffix_and_the_folder_is_remembered(qapp, tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QFileDialog

    from ui.widgets.files import ask_save_path, safe_file_name
    from ui.window_state import EXPORT_FOLDER, remembered_folder

    asked = []

    def fake_dialog(parent, title, suggested, file_filter):
        asked.append(suggested)
        return str(tmp_path / "rapport"), file_filter

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    QSettings().remove(EXPORT_FOLDER)  # the run's own settings (tests/isolation.py)
    assert remembered_folder(EXPORT_FOLDER) == Path.home()
    target = ask_save_path(None, "Spara", EXPORT_FOLDER, "Brännpunkter 2026.xlsx", "Excel (*.xlsx)", ".xlsx")
    assert target == tmp_path / "rapport.xlsx"
    assert remembered_folder(EXPORT_FOLDER) == tmp_path
    assert safe_file_name("Mått/vikt: v. 47?", "x") == "Mått_vikt_ v_ 47_" and safe_file_name("//", "x") == "__"
