"""When someone else saved the entry first: who and when, their values beside yours, and a choice.

The rows compare values (the form's declared fields, see ui/forms.py) with the stored version.
Nothing is ever overwritten silently. The user either takes the other version (the form is filled
with it) or keeps their own and saves again on top of it, knowingly.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.i18n import _
from ui.widgets.tables import fill_texts, text_table


class ConflictDialog(QDialog):
    """Choose between the version someone else saved and your own edits."""

    TAKE_THEIRS, KEEP_MINE = 10, 11

    def __init__(self, message: str, rows: list[tuple[str, str, str]], parent=None):
        super().__init__(parent)
        self.setObjectName("conflictDialog")
        self.setWindowTitle(_("Changed by someone else"))
        self.intro = intro = QLabel(message)
        intro.setWordWrap(True)
        self.table = text_table(
            "conflictTable", [_("Field"), _("Their version"), _("Your version")], _("Their version and yours")
        )
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
        # Both choices throw a version away: Enter keeps everything as it is.
        for button in (self.take_theirs, self.keep_mine):
            button.setAutoDefault(False)
        cancel.setDefault(True)
        hint = QLabel(_("Cancel keeps the form open as it is, so you can copy what you need."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(720, 360)
