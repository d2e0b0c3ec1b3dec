"""A one-line label that shortens its text with "…" when there is too little room, full text in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

MIN_CHARACTERS = 10  # how much of the text stays readable at the narrowest


class ElidedLabel(QLabel):
    """Asks for room for the whole text, but gives way to its neighbours down to a few characters.

    A toolbar then keeps the buttons after it on screen instead of moving them into its overflow menu.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._full = ""
        self._full_hint = QSize()
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        super().setText(text)
        self.ensurePolished()  # the style sheet's font and padding count in the size
        self._full_hint = super().sizeHint()
        self.updateGeometry()
        self._elide()

    def is_elided(self) -> bool:
        return self.text() != self._full

    def _chrome(self) -> int:
        """Width of everything that is not text: padding, border, margins."""
        return max(0, self._full_hint.width() - self.fontMetrics().horizontalAdvance(self._full))

    def _elide(self) -> None:
        room = self.width() - self._chrome()
        text = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(room, 0))
        if text != self.text():
            super().setText(text)

    def sizeHint(self) -> QSize:
        return QSize(self._full_hint)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        shortest = metrics.horizontalAdvance(self._full[:MIN_CHARACTERS] + "…")
        width = self._chrome() + min(shortest, metrics.horizontalAdvance(self._full))
        return QSize(width, self._full_hint.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()
