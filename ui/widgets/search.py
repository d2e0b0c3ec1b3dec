"""A search field that searches as you type: a pause in typing starts the search, clearing it at once."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QWidget

# Long enough not to query on every key, short enough to feel immediate.
DEBOUNCE_MS = 300


class SearchField(QLineEdit):
    """`search_changed(text)` fires once typing pauses, at once on Enter, and at once when emptied
    (the ✕ button or deleting the last character): an empty search never waits."""

    search_changed = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self._emit)
        self._last = ""
        self.textChanged.connect(self._typed)
        self.returnPressed.connect(self._emit)

    def term(self) -> str:
        """The text searched for, without surrounding spaces."""
        return self.text().strip()

    def _typed(self, text: str) -> None:
        if text.strip():
            self.timer.start()
        else:
            self._emit()

    def _emit(self) -> None:
        self.timer.stop()
        term = self.term()
        if term != self._last:
            self._last = term
            self.search_changed.emit(term)
