"""When someone else saved the entry first: who and when, their values beside yours, and a choice.

Nothing is ever overwritten silently. The user either takes the other version (the form is filled
with it) or keeps their own and saves again on top of it, knowingly.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from ui.widgets.inputs import CheckList, OptionalDateEdit
from ui.widgets.tables import fill_texts, text_table


def widget_text(widget: QWidget) -> str:
    """What a form widget shows, as text, for comparing two versions of a form."""
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, (QDateEdit, QTimeEdit)):
        return widget.text() if widget.isEnabled() else ""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QSpinBox):
        return str(widget.value())
    if isinstance(widget, QCheckBox):
        return _("Yes") if widget.isChecked() else _("No")
    if isinstance(widget, OptionalDateEdit):
        value = widget.value()
        return value.isoformat() if value else ""
    if isinstance(widget, CheckList):
        return ", ".join(
            widget.list.item(i).text()
            for i in range(widget.list.count())
            if widget.list.item(i).checkState() == Qt.CheckState.Checked
        )
    # A composite row (e.g. a check box plus a time): join what its children show.
    parts = [widget_text(child) for child in widget.findChildren(QWidget) if child.parent() is widget]
    return " ".join(p for p in parts if p)


def differences(mine, theirs) -> list[tuple[str, str, str]]:
    """(field caption, their value, your value) for every field of the two dialogs' forms that differs."""
    rows = []
    for form_mine, form_theirs in zip(mine.forms, theirs.forms):
        for name, (widget, _message) in form_mine.fields.items():
            other = form_theirs.fields.get(name)
            if other is None:
                continue
            yours, theirs_text = widget_text(widget), widget_text(other[0])
            if yours != theirs_text:
                label = form_mine.labelForField(widget.parentWidget())
                caption = label.text().replace("&", "") if label is not None else name
                rows.append((caption or name, theirs_text, yours))
    return rows


class ConflictDialog(QDialog):
    """Choose between the version someone else saved and your own edits."""

    TAKE_THEIRS, KEEP_MINE = 10, 11

    def __init__(self, message: str, rows: list[tuple[str, str, str]], parent=None):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(_("Changed by someone else"))
        self.intro = intro = QLabel(message)
        intro.setWordWrap(True)
        self.table = text_table("conflictTable", [_("Field"), _("Their version"), _("Your version")])
        fill_texts(self.table, rows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        if not rows:
            self.table.hide()
            intro.setText(message + "\n\n" + _("The other version has the same values as your form."))
        buttons = QDialogButtonBox()
        self.take_theirs = QPushButton(_("Use their version"))
        self.keep_mine = QPushButton(_("Save my version over theirs"))
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.addButton(self.take_theirs, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_mine, QDialogButtonBox.ButtonRole.AcceptRole)
        self.take_theirs.clicked.connect(lambda: self.done(self.TAKE_THEIRS))
        self.keep_mine.clicked.connect(lambda: self.done(self.KEEP_MINE))
        cancel.clicked.connect(self.reject)
        hint = QLabel(_("Cancel keeps the form open as it is, so you can copy what you need."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(720, 360)
