"""A picture leaving the program (the map saved or copied) with its marking painted in a strip at its foot.

The wording is app/exports/marking.py's, as on every export: the classification, who exported it
and when, the filters. The same is set as the picture's texts, which Qt writes as PNG text chunks.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QTextOption

from app.exports.marking import Stamp

FOOTER_POINT_SIZE = 7.5
FOOTER_PAD = 4  # pixels around the footer's text
FOOTER_COLOUR = QColor("#333333")


def _font() -> QFont:
    font = QFont()
    font.setPointSizeF(FOOTER_POINT_SIZE)
    return font


def with_footer(image: QImage, stamp: Stamp) -> QImage:
    """`image` with a white strip below it holding the stamp's footer (wrapped to the width), and its texts."""
    font = _font()
    width = image.width()
    text_width = max(width - 2 * FOOTER_PAD, 1)
    metrics = QFontMetricsF(font)
    flags = int(Qt.TextFlag.TextWordWrap)
    bounds = metrics.boundingRect(QRectF(0, 0, text_width, 10_000), flags, stamp.footer)
    strip = int(bounds.height()) + 2 * FOOTER_PAD + 1
    marked = QImage(width, image.height() + strip, QImage.Format.Format_ARGB32_Premultiplied)
    marked.fill(QColor("white"))
    painter = QPainter(marked)
    try:
        painter.drawImage(0, 0, image)
        painter.setFont(font)
        painter.setPen(FOOTER_COLOUR)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WordWrap)
        area = QRectF(FOOTER_PAD, image.height() + FOOTER_PAD, text_width, strip - 2 * FOOTER_PAD)
        painter.drawText(area, stamp.footer, option)
    finally:
        painter.end()
    for key, value in stamp.metadata().items():
        marked.setText(key, value)
    return marked
