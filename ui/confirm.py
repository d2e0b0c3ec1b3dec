"""Questions before something is destroyed: the safe answer is the default.

Enter or Escape in such a question never deletes; only the button that names the action does.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from app.i18n import _


class DestructiveQuestion(QMessageBox):
    """A question whose button `action` (e.g. "&Delete") destroys; Cancel (or the button `keep`, which
    names the safe answer, e.g. "&Keep the stored value") is the default and Escape."""

    def __init__(self, parent: QWidget | None, title: str, text: str, action: str, keep: str | None = None):
        super().__init__(QMessageBox.Icon.Warning, title, text, parent=parent)
        self.setObjectName("destructiveQuestion")
        self.action_button = self.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
        if keep is None:
            self.cancel_button = self.addButton(QMessageBox.StandardButton.Cancel)
        else:
            self.cancel_button = self.addButton(keep, QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.cancel_button)
        self.setEscapeButton(self.cancel_button)

    def chosen(self) -> bool:
        return self.clickedButton() is self.action_button


def confirm_destructive(parent: QWidget | None, title: str, text: str, action: str | None = None) -> bool:
    """Ask and wait; True only when the person chose the action itself."""
    box = DestructiveQuestion(parent, title, text, action or _("&Delete"))
    box.exec()
    return box.chosen()
