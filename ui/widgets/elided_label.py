"""A one-line label that shortens its text with "…" when there is too little room, full text in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
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
        self.set_full_text(text)

    def full_text(self) -> str:
        return self._full

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self.setAccessibleName(text)
        super().setText(text)
        self.updateGeometry()
        self._elide()

    def is_elided(self) -> bool:
        return self.text() != self._full

    def _chrome(self) -> int:
        """Width of everything that is not text: padding, border, margins (in the current style and font)."""
        return max(0, super().sizeHint().width() - self.fontMetrics().horizontalAdvance(self.text()))

    def _elide(self) -> None:
        room, metrics = self.width() - self._chrome(), self.fontMetrics()
        if room >= metrics.horizontalAdvance(self._full):
            text = self._full  # (elidedText shortens a text that fits exactly, by a rounding)
        else:
            text = metrics.elidedText(self._full, Qt.TextElideMode.ElideRight, max(room, 0))
        if text != self.text():
            super().setText(text)

    def sizeHint(self) -> QSize:
        height = super().sizeHint().height()
        return QSize(self._chrome() + self.fontMetrics().horizontalAdvance(self._full), height)

    def minimumSizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        shortest = metrics.horizontalAdvance(self._full[:MIN_CHARACTERS] + "…")
        width = self._chrome() + min(shortest, metrics.horizontalAdvance(self._full))
        return QSize(width, super().sizeHint().height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._elide()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):  # a style sheet's bold font
            self.updateGeometry()
            self._elide()
