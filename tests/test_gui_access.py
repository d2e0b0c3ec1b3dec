"""Keyboard and screen-reader use: every input and table has a name, no two Alt+letters clash in a
window, Tab leaves multi-line fields, and questions before deleting default to the safe answer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDateEdit,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from app.imports import ImportKind
from app.services import observations
from app.services.runner import call
from tests.gui_support import TODAY, settle, sign_in
from tests.test_gui_forms import every_dialog, mnemonic
from ui.confirm import DestructiveQuestion
from ui.dialogs.audit_window import AuditWindow
from ui.dialogs.conflict_dialog import ConflictDialog
from ui.dialogs.import_dialog import ImportDialog
from ui.dialogs.report_dialog import ReportDialog
from ui.dialogs.users_window import UsersWindow

pytestmark = pytest.mark.gui

NAMED = (
    QAbstractButton,
    QLineEdit,
    QTextEdit,
    QPlainTextEdit,
    QComboBox,
    QAbstractSpinBox,
    QTableView,
    QDateEdit,
    QAbstractItemView,
)


def describe(widget: QWidget) -> str:
    path, part = [], widget
    while part is not None:
        path.append(part.objectName() or type(part).__name__)
        part = part.parentWidget()
    return "/".join(reversed(path))


def unnamed(root: QWidget) -> list[str]:
    """The visible inputs, tables and buttons under `root` that a screen reader could not name."""
    found = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, NAMED) or isinstance(widget, QHeaderView) or not widget.isVisible():
            continue  # a header is read as part of its table
        if widget.accessibleName().strip():
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        found.append(f"{describe(widget)} ({type(widget).__name__})")
    return found


def each_page(root: QWidget):
    """Show every page of every tab widget under `root` in turn (nested ones too), yielding each time."""
    tabs = [t for t in root.findChildren(QTabWidget) if t.isVisible()]
    if not tabs:
        yield
        return
    outer = tabs[0]
    for index in range(outer.count()):
        outer.setCurrentIndex(index)
        QApplication.processEvents()
        page = outer.widget(index)
        inner = [t for t in page.findChildren(QTabWidget) if t.isVisible()]
        if not inner:
            yield
            continue
        for sub in range(inner[0].count()):
            inner[0].setCurrentIndex(sub)
            QApplication.processEvents()
            yield


def other_dialogs(ctx) -> list[QDialog]:
    return [
        ReportDialog(ctx, TODAY.replace(day=1), TODAY),
        ImportDialog(ctx, ImportKind.OBSERVATIONS),
        ImportDialog(ctx, ImportKind.MEASUREMENTS),
        UsersWindow(ctx),
        AuditWindow(ctx),
        ConflictDialog("Ändrad av någon annan", [("Beskrivning", "Deras", "Din")]),
    ]


def test_every_visible_input_table_and_button_has_a_name(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    settle(qtbot, ctx, window)
    problems = []
    for _page in each_page(window):
        settle(qtbot, ctx, window)
        problems += unnamed(window)
    for dialog in [*every_dialog(ctx), *other_dialogs(ctx)]:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        settle(qtbot, ctx)
        for _page in each_page(dialog):
            problems += unnamed(dialog)
        dialog.hide()
    assert sorted(set(problems)) == [], "\n".join(sorted(set(problems)))


def test_the_walk_finds_a_table_without_a_name(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    settle(qtbot, ctx, window)
    # a table (not a drop-down's list, which the walk never shows); the tabs are built as they are shown
    view = window.findChildren(QTableView)[0]
    for _page in each_page(window):
        if view.isVisible():
            break
    view.setAccessibleName("")
    assert any(describe(view) in p for p in unnamed(window))


def form_fields_have_their_label_and_hint(dialog) -> list[str]:
    """A declared field is named by its label, without the '&', and described by its hint."""
    wrong = []
    for field in dialog.declared.fields:
        widget = dialog.declared[field.name]
        if widget.accessibleName() != field.caption(widget):
            wrong.append(f"{field.name}: {widget.accessibleName()!r}")
        if field.hint and widget.accessibleDescription() != field.hint:
            wrong.append(f"{field.name}: no description")
    return wrong


def test_form_fields_are_named_by_their_labels(qtbot, ctx):
    sign_in(qtbot, ctx, "anna")
    dialogs = every_dialog(ctx)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
    assert [w for d in dialogs for w in form_fields_have_their_label_and_hint(d)] == []
    observation = dialogs[0]
    assert observation.description.accessibleName() == "Beskrivning"
    assert "personnummer" in observation.description.accessibleDescription()
    assert observation.declared["occurred_on"].lineEdit().accessibleName() == "Datum"


# --- mnemonics ---------------------------------------------------------------------------------------


def mnemonic_clashes(root: QWidget) -> list[str]:
    """Two visible labels or buttons of one window with the same Alt+letter."""
    seen: dict[str, str] = {}
    clashes = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not isinstance(widget, QLabel | QAbstractButton):
            continue
        if isinstance(widget, QLabel) and widget.buddy() is None:
            continue  # a label without a buddy has no Alt+letter
        letter = mnemonic(widget.text())
        if letter is None:
            continue
        if letter in seen:
            clashes.append(f"{root.objectName()}: {widget.text()!r} and {seen[letter]!r} use Alt+{letter}")
        else:
            seen[letter] = widget.text()
    return clashes


@pytest.mark.parametrize("language", ["sv", "en"])
def test_no_two_alt_letters_clash_in_any_dialog(qtbot, ctx, language):
    from ui.app import create_application

    create_application(language=language)
    try:
        sign_in(qtbot, ctx, "anna")
        found = []
        for dialog in [*every_dialog(ctx), *other_dialogs(ctx)]:
            qtbot.addWidget(dialog)
            dialog.show()
            qtbot.waitExposed(dialog)
            for _page in each_page(dialog):
                found += mnemonic_clashes(dialog)
            dialog.hide()
        assert found == []
    finally:
        create_application(language="sv")


def test_the_report_and_import_dialogs_have_alt_letters(qtbot, ctx):
    sign_in(qtbot, ctx, "anna")
    for dialog in other_dialogs(ctx)[:2]:
        qtbot.addWidget(dialog)
        dialog.show()
        letters = {
            mnemonic(w.text())
            for w in dialog.findChildren(QAbstractButton) + dialog.findChildren(QLabel)
            if w.isVisible() and mnemonic(w.text())
        }
        assert len(letters) >= 3, (dialog.objectName(), letters)
        dialog.hide()


def test_tab_leaves_every_multi_line_field(qtbot, ctx):
    sign_in(qtbot, ctx, "anna")
    boxes = []
    dialogs = every_dialog(ctx)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        boxes += dialog.findChildren(QPlainTextEdit) + dialog.findChildren(QTextEdit)
    assert boxes
    assert [describe(b) for b in boxes if not b.tabChangesFocus()] == []
    observation = every_dialog(ctx)[0]
    qtbot.addWidget(observation)
    observation.show()
    observation.activateWindow()
    qtbot.waitUntil(observation.isActiveWindow)
    observation.description.setFocus()
    qtbot.keyClick(observation.description, Qt.Key.Key_Tab)
    assert observation.description.toPlainText() == ""
    assert QApplication.focusWidget() is not observation.description
    observation.hide()


# --- questions before deleting default to the safe answer -----------------------------------------


def test_no_question_in_ui_bypasses_the_safe_default():
    """Every question before something is destroyed is a DestructiveQuestion (ui/confirm.py)."""
    root = Path(__file__).resolve().parents[1] / "ui"
    offenders = [
        str(path.relative_to(root.parent))
        for path in root.rglob("*.py")
        if "QMessageBox.question" in path.read_text(encoding="utf-8")
        or "StandardButton.Yes" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_a_destructive_question_defaults_to_cancel(qtbot):
    box = DestructiveQuestion(None, "Ta bort", "Ta bort händelsen?", "&Ta bort")
    qtbot.addWidget(box)
    assert box.defaultButton() is box.cancel_button
    assert box.escapeButton() is box.cancel_button
    box.open()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert not box.isVisible() and not box.chosen()


def answer_next_question(qtbot, key: Qt.Key, seen: list[str]) -> None:
    """Press `key` in the next question box that opens (it blocks in exec())."""

    def press() -> None:
        box = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()), None)
        if box is None:
            QTimer.singleShot(20, press)
            return
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, key)

    QTimer.singleShot(20, press)


def test_enter_in_the_delete_question_deletes_nothing(qtbot, ctx, window):
    sign_in(qtbot, ctx, "anna")
    settle(qtbot, ctx, window)
    tab = window.lagesbild_tab
    mine = next(
        i
        for i in range(tab.list_model.rowCount())
        if tab.list_model.row_at(i).organisation_id == ctx.actor.organisation_id
    )
    tab.list_view.selectRow(mine)
    row = tab.selected()
    assert row is not None and tab._may_change(row)
    seen: list[str] = []
    answer_next_question(qtbot, Qt.Key.Key_Return, seen)
    tab.delete_selected()
    settle(qtbot, ctx, window)
    assert seen == ["Avbryt"]
    assert call(ctx.db, ctx.actor, observations.get_observation, row.id).id == row.id  # still there

    seen.clear()
    window.findChild(QTabWidget, "mainTabs").setCurrentWidget(window.action_plan_tab)
    settle(qtbot, ctx, window)
    window.action_plan_tab.view.selectRow(0)
    assert window.action_plan_tab.selected() is not None
    answer_next_question(qtbot, Qt.Key.Key_Escape, seen)
    window.action_plan_tab.delete_selected()
    settle(qtbot, ctx, window)
    assert seen == ["Avbryt"]
    assert window.action_plan_tab.model.rowCount() == 2


def test_the_clash_walk_finds_two_alt_letters(qtbot, ctx):
    sign_in(qtbot, ctx, "anna")
    dialog = other_dialogs(ctx)[0]
    qtbot.addWidget(dialog)
    dialog.show()
    assert mnemonic_clashes(dialog) == []
    dialog.export_button.setText("&Fortsätt")  # the same letter as "&Från"
    assert mnemonic_clashes(dialog)
    dialog.hide()
