"""A key figure: a large number with a caption and its change against the previous period."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from ui.widgets.form import restyle


class KeyFigure(QFrame):
    def __init__(self, caption: str, parent=None):
        super().__init__(parent)
        self.setObjectName("keyFigure")
        self.value = QLabel("–")
        self.value.setObjectName("keyFigureValue")
        self.caption = QLabel(caption)
        self.caption.setObjectName("keyFigureCaption")
        self.detail = QLabel()
        self.detail.setObjectName("keyFigureDetail")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(0)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def set(self, value: str, detail: str = "", trend: str = "") -> None:
        """`trend` is "up", "down" or "" and only tints the detail; the text itself says the direction."""
        self.value.setText(value)
        self.detail.setText(detail)
        restyle(self.detail, "trend", trend)
