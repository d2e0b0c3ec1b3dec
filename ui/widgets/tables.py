"""Table views set up the same way everywhere: row selection, alternating rows, no resize-to-contents
on big tables, and a helper to colour a heat map."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def make_table(name: str, *, sortable: bool = False, stretch_last: bool = True, title: str = "") -> QTableView:
    """A table view; `title` is what a screen reader calls it (a table put under a caption by
    `titled` is named by the caption)."""
    view = QTableView()
    view.setObjectName(name)
    view.setAccessibleName(title)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setSortingEnabled(sortable)
    if sortable:
        # Keep the order the service chose until the user clicks a header.
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(24)
    view.horizontalHeader().setStretchLastSection(stretch_last)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def set_widths(view: QTableView, widths: list[int]) -> None:
    """Give the columns their designed widths, but never narrower than their (translated) header."""
    header = view.horizontalHeader()
    for column, width in enumerate(widths):
        needed = header.sectionSizeHint(column) if view.model() is not None else 0
        header.resizeSection(column, max(width, needed))


def heat(value: int, maximum: int) -> QColor | None:
    """A single-hue scale (light to dark blue), readable for colour-blind users; the number stays printed."""
    if maximum <= 0 or value <= 0:
        return None
    share = value / maximum
    light, dark = QColor("#eef4fb"), QColor("#2b6cb0")
    mix = lambda a, b: int(a + (b - a) * share)  # noqa: E731
    return QColor(mix(light.red(), dark.red()), mix(light.green(), dark.green()), mix(light.blue(), dark.blue()))


def heat_text(value: int, maximum: int) -> QColor | None:
    return QColor("white") if maximum > 0 and value / maximum > 0.55 else None


def titled(title: str, widget: QWidget) -> QWidget:
    """A section: a bold caption above a table or chart. The caption is `box.caption`."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    caption = QLabel(title)
    caption.setObjectName("sectionTitle")
    if not widget.accessibleName():
        widget.setAccessibleName(title)  # a screen reader calls the table or chart by its caption
    layout.addWidget(caption)
    layout.addWidget(widget)
    box.caption = caption
    return box


def text_table(name: str, headers: list[str], title: str) -> QTableWidget:
    """A small read-only table of texts (problems, differences, changed fields), rows filled by fill_texts;
    `title` is what a screen reader calls it."""
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setAccessibleName(title)
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().setVisible(False)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(True)
    return table


def fill_texts(table: QTableWidget, rows) -> None:
    """Replace the rows; each cell also has its text as tooltip, for long values."""
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
