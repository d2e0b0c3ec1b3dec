"""Qt table models. They hold rows already fetched (or fetch pages on demand) and never query in data()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor


@dataclass(frozen=True)
class Column:
    header: str  # already translated where the column list is declared
    value: Callable[[Any], Any]  # what is shown
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    sort_key: str | None = None  # name the database sorts by (paged models)
    tooltip: Callable[[Any], str] | None = None
    sort_value: Callable[[Any], Any] | None = None  # in-memory sort of small tables; default: the shown value
    kind: str = "text"  # how an Excel export types the column: text, int, float, date, datetime, percent
    raw: Callable[[Any], Any] | None = None  # the value an export writes (a date, a number); default: shown


NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
# Text colours for better and worse (the same as the style sheet's trend colours).
GOOD = "#1a7f37"
BAD = "#b42318"


class RowsTableModel(QAbstractTableModel):
    """A table over a list of plain rows (dataclasses); `set_rows` swaps them inside a model reset."""

    def __init__(self, columns: list[Column], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.rows: list[Any] = []
        self.background: Callable[[Any, int], QColor | None] | None = None
        self.foreground: Callable[[Any, int], QColor | None] | None = None

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)
            and orientation == Qt.Orientation.Horizontal
        ):
            return self.columns[section].header  # the tooltip: a header narrowed to fit is read whole
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(column.align)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.tooltip is not None:
                return column.tooltip(row)
            if column.kind == "text":
                # A text column may be elided to fit the window: the tooltip gives it whole.
                value = column.value(row)
                return None if value is None or value == "" else str(value)
            return None
        if role == Qt.ItemDataRole.BackgroundRole and self.background is not None:
            colour = self.background(row, index.column())
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.ForegroundRole and self.foreground is not None:
            colour = self.foreground(row, index.column())
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.UserRole:
            return row
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """In-memory sort; only for the small tables that hold all their rows."""
        spec = self.columns[column]
        key = spec.sort_value or spec.value

        def safe(row):
            value = key(row)
            return (value is None or value == "", value if value is not None else "")

        self.layoutAboutToBeChanged.emit()
        try:
            self.rows.sort(key=safe, reverse=order == Qt.SortOrder.DescendingOrder)
        except TypeError:
            self.rows.sort(key=lambda r: str(key(r)), reverse=order == Qt.SortOrder.DescendingOrder)
        self.layoutChanged.emit()


class PagedTableModel(RowsTableModel):
    """Rows fetched a page at a time as the view scrolls; sorting is done by the database.

    `fetch_page(offset, limit, sort_key, descending, on_rows)` must deliver rows asynchronously by
    calling `on_rows(rows)`; `total` is set by the owner from a separate count.
    """

    PAGE = 200

    def __init__(self, columns: list[Column], fetch_page: Callable, parent=None):
        super().__init__(columns, parent)
        self.fetch_page = fetch_page
        self.total = 0
        self.sort_key = "occurred_on"
        self.descending = True
        self._loading = False
        self._generation = 0

    def reset(self, total: int) -> None:
        """Start over (new filter, sort or data): forget the rows and load the first page."""
        self._generation += 1
        self._loading = False
        self.beginResetModel()
        self.rows = []
        self.total = total
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return not parent.isValid() and not self._loading and len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        if not self.canFetchMore(parent):
            return
        self._loading = True
        generation = self._generation
        self.fetch_page(
            len(self.rows), self.PAGE, self.sort_key, self.descending, lambda rows: self._append(generation, rows)
        )

    def _append(self, generation: int, rows: list[Any]) -> None:
        if generation != self._generation:
            return  # a page for an older filter or sort arrived late
        self._loading = False
        if not rows:
            self.total = len(self.rows)
            return
        first = len(self.rows)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    def loading_failed(self) -> None:
        self._loading = False

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.columns[column].sort_key
        if key is None:
            return
        self.sort_key = key
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reset(self.total)
