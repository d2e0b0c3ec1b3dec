"""Showing errors to the user: expected errors by their message, anything else without a traceback."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import (
    ConflictError,
    DatabaseBusyError,
    DatabaseUnavailableError,
    PermissionDeniedError,
    TrygghetError,
)
from app.i18n import _

log = logging.getLogger(__name__)


def message_for(exc: BaseException) -> tuple[str, str]:
    """(title, text) for an error, in the user's language."""
    if isinstance(exc, DatabaseUnavailableError):
        return _("Database unavailable"), exc.message + "\n\n" + _(
            "Nothing was saved. Your entries are kept; try again when the connection is back."
        )
    if isinstance(exc, DatabaseBusyError):  # reachable, only busy: never shown as a lost connection
        return _("Another desk is saving"), exc.message + "\n\n" + _("Your entries are kept.")
    if isinstance(exc, ConflictError):
        return _("Changed by someone else"), exc.message
    if isinstance(exc, PermissionDeniedError):
        return _("Not allowed"), exc.message
    if isinstance(exc, TrygghetError):
        return _("Cannot continue"), exc.message
    log.error("unexpected error", exc_info=exc)
    return _("Unexpected error"), _(
        "Something unexpected went wrong and the action was not carried out. Nothing was saved. "
        "Details were written to the log."
    )


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    title, text = message_for(exc)
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorBox")
    box.open() if parent is not None and parent.isVisible() else box.exec()
