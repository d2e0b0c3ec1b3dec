"""Qt table models. They hold rows already fetched (or fetch pages on demand) and never query in data()."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer
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


_DISPLAY, _ALIGNMENT, _TOOLTIP, _BACKGROUND, _FOREGROUND, _USER = (
    Qt.ItemDataRole.DisplayRole.value,
    Qt.ItemDataRole.TextAlignmentRole.value,
    Qt.ItemDataRole.ToolTipRole.value,
    Qt.ItemDataRole.BackgroundRole.value,
    Qt.ItemDataRole.ForegroundRole.value,
    Qt.ItemDataRole.UserRole.value,
)
_ROLES_ANSWERED = frozenset((_DISPLAY, _ALIGNMENT, _TOOLTIP, _BACKGROUND, _FOREGROUND, _USER))

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
        role = int(role)  # compared as plain ints: Qt asks for every role of every cell it sizes
        if role not in _ROLES_ANSWERED or not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        column = self.columns[index.column()]
        if role == _DISPLAY:
            value = column.value(row)
            return "" if value is None else str(value)
        if role == _ALIGNMENT:
            return int(column.align)
        if role == _TOOLTIP:
            if column.tooltip is not None:
                return column.tooltip(row)
            if column.kind == "text":
                # A text column may be elided to fit the window: the tooltip gives it whole.
                value = column.value(row)
                return None if value is None or value == "" else str(value)
            return None
        if role == _BACKGROUND and self.background is not None:
            colour = self.background(row, index.column())
            return QBrush(colour) if colour is not None else None
        if role == _FOREGROUND and self.foreground is not None:
            colour = self.foreground(row, index.column())
            return QBrush(colour) if colour is not None else None
        if role == _USER:
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


@dataclass(frozen=True)
class PageRequest:
    """Which rows a `KeyedTableModel` asks for: up to `limit` rows strictly between the loaded rows
    `after` and `before` (None: from the top, to the end), taken from the `after` side, or with
    `from_end` from the `before` side; `offset` rows skipped on that side (only for a jump into the
    middle, far from any loaded row)."""

    sort_key: str
    descending: bool
    after: Any | None = None
    before: Any | None = None
    from_end: bool = False
    offset: int = 0
    limit: int = 200


PLACEHOLDER = "…"
PLACEHOLDER_COLOUR = QColor("#8a8a8a")


class KeyedTableModel(PagedTableModel):
    """A long list paged by key: it has as many rows as the owner's count from the start, loads the
    rows the view shows, and shows a grey "…" for a row not loaded yet.

    Scrolling on from loaded rows asks for the page after the last (or before the first) loaded row,
    so a page deep in the list costs what the first one costs; the end of the list (Ctrl+End, the
    scroll bar dragged down) is read backwards from the end, without the rows before it. A jump into
    the middle, far from any loaded row, asks for the rows around it by offset from the nearer loaded
    row or end; from there scrolling is by key again.

    `fetch_page(request: PageRequest, on_rows)` must deliver the rows, in the list's order,
    asynchronously by calling `on_rows(rows)`. Rows added meanwhile between two loaded stretches are
    not shown until the next reset (a stretch never grows past the gap it fills); rows gone meanwhile
    are dropped from the count when the gap turns out smaller.
    """

    def __init__(self, columns: list[Column], fetch_page: Callable, parent=None):
        self.slots: list[Any | None] = []  # one per row, None until loaded
        super().__init__(columns, fetch_page, parent)
        self._starts: list[int] = []  # loaded stretches [start, end), sorted, never touching
        self._ends: list[int] = []
        self._wanted: tuple[int, int] | None = None  # the rows the view shows
        self.fetches = 0  # pages asked for since the last reset (tests count them)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._fetch_wanted)

    @property  # type: ignore[override]
    def rows(self) -> list[Any]:
        """The rows loaded so far, in the list's order."""
        return [r for r in self.slots if r is not None]

    @rows.setter
    def rows(self, rows: list[Any]) -> None:
        self.slots = list(rows)

    def reset(self, total: int) -> None:
        """Start over (new filter, sort or data): forget the rows and load the first page; the rows
        appear, `total` of them, when it comes."""
        self._generation += 1
        self._loading = False
        self._timer.stop()
        self.beginResetModel()
        self.slots = []
        self._starts, self._ends = [], []
        self.total = total
        self.fetches = 0
        self._wanted = None
        self.endResetModel()
        if total > 0:
            self._request(PageRequest(self.sort_key, self.descending, limit=min(self.PAGE, total)), 0, first=True)

    def row_at(self, row: int) -> Any:
        return self.slots[row] if 0 <= row < len(self.slots) else None

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.slots)

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:
        return False  # rows are loaded as the view shows them (see data)

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if index.isValid() and 0 <= index.row() < len(self.slots) and self.slots[index.row()] is None:
            # Not loaded: a grey mark (what the view shows is asked for through `show_rows`; data()
            # is also called for rows out of sight, to size the columns).
            role = int(role)
            if role == _DISPLAY:
                return PLACEHOLDER if index.column() == 0 else ""
            if role == _FOREGROUND:
                return QBrush(PLACEHOLDER_COLOUR)
            return None
        return super().data(index, role)

    def show_rows(self, top: int, bottom: int) -> None:
        """The view shows rows `top` to `bottom`: load those not loaded (soon, a page at a time)."""
        self._wanted = (top, bottom)
        if not self._loading and not self._timer.isActive():
            self._timer.start()

    def _first_missing(self) -> int | None:
        if self._wanted is None:
            return None
        top, bottom = max(0, self._wanted[0]), min(self._wanted[1], len(self.slots) - 1)
        row = top
        while row <= bottom:
            i = bisect.bisect_right(self._starts, row)
            if i > 0 and self._ends[i - 1] > row:
                row = self._ends[i - 1]  # loaded: on past this stretch
                continue
            return row
        return None

    def is_loaded(self, row: int) -> bool:
        return 0 <= row < len(self.slots) and self.slots[row] is not None

    # --- which page ------------------------------------------------------------------------------

    def _gap(self, row: int) -> tuple[int, int]:
        """The stretch of rows not loaded around `row`: [first, end)."""
        i = bisect.bisect_right(self._starts, row)
        first = self._ends[i - 1] if i > 0 else 0
        end = self._starts[i] if i < len(self._starts) else len(self.slots)
        return first, end

    def _fetch_wanted(self) -> None:
        row = None if self._loading else self._first_missing()
        if row is None:
            return
        first, end = self._gap(row)
        after = self.slots[first - 1] if first > 0 else None
        before = self.slots[end] if end < len(self.slots) else None
        base = PageRequest(self.sort_key, self.descending, after, before)
        page = self.PAGE
        if row - first < page:  # just below loaded rows (or the top): the page after them
            self._request(replace(base, limit=min(page, end - first)), first)
        elif end - row <= page:  # just above loaded rows (or the end): the page before them
            self._request(replace(base, from_end=True, limit=min(page, end - first)), end)
        else:  # far from both: the rows around it, by offset from the nearer side
            start = max(first, row - page // 2)
            stop = min(end, start + page)
            if start - first <= end - stop:
                self._request(replace(base, offset=start - first, limit=stop - start), start)
            else:
                self._request(replace(base, from_end=True, offset=end - stop, limit=stop - start), stop)

    def _request(self, request: PageRequest, at: int, first: bool = False) -> None:
        """Ask for a page; its rows go from `at` on (or, from the end, up to `at`)."""
        self._loading = True
        self.fetches += 1
        generation = self._generation
        self.fetch_page(request, lambda rows: self._arrived(generation, request, at, first, rows))

    def _arrived(self, generation: int, request: PageRequest, at: int, first: bool, rows: list[Any]) -> None:
        if generation != self._generation:
            return  # a page for an older filter or sort arrived late
        self._loading = False
        if first:
            count = max(self.total, len(rows)) if len(rows) == request.limit else len(rows)
            if count:
                self.beginInsertRows(QModelIndex(), 0, count - 1)
                self.slots = list(rows) + [None] * (count - len(rows))
                self.total = count
                self._mark(0, len(rows))
                self.endInsertRows()
            return
        start = at - len(rows) if request.from_end else at
        # the gap the page went into, as it was before the page: [gap_first, gap_end)
        gap_first, gap_end = self._gap(at - 1 if request.from_end else at)
        if rows:
            self.slots[start : start + len(rows)] = rows
            self._mark(start, start + len(rows))
            self.dataChanged.emit(self.index(start, 0), self.index(start + len(rows) - 1, len(self.columns) - 1))
        if len(rows) < request.limit:
            if request.offset == 0:
                # Between its two neighbours the list holds fewer rows than the count said (rows
                # gone meanwhile): the rest of the gap is no rows at all.
                if request.from_end:
                    self._remove(gap_first, start)
                else:
                    self._remove(start + len(rows), gap_end)
            elif not rows:
                # A jump past what is left of the gap: read it by key from its upper side instead.
                after = self.slots[gap_first - 1] if gap_first > 0 else None
                before = self.slots[gap_end] if gap_end < len(self.slots) else None
                again = PageRequest(
                    self.sort_key, self.descending, after, before, limit=min(self.PAGE, gap_end - gap_first)
                )
                self._request(again, gap_first)
                return
        if self._wanted is not None:
            self._timer.start()

    def _mark(self, start: int, end: int) -> None:
        """Rows [start, end) are loaded: record the stretch, merged with the ones it touches."""
        i = bisect.bisect_left(self._starts, start)
        if i > 0 and self._ends[i - 1] >= start:
            i -= 1
            start = self._starts[i]
        j = i
        while j < len(self._starts) and self._starts[j] <= end:
            end = max(end, self._ends[j])
            j += 1
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def _remove(self, start: int, end: int) -> None:
        if end <= start:
            return
        self.beginRemoveRows(QModelIndex(), start, end - 1)
        del self.slots[start:end]
        shift = end - start
        self._starts = [s - shift if s >= end else s for s in self._starts]
        self._ends = [e - shift if e >= end else e for e in self._ends]
        self.total = len(self.slots)
        self.endRemoveRows()
        # stretches that now touch are one
        merged_s: list[int] = []
        merged_e: list[int] = []
        for s, e in zip(self._starts, self._ends, strict=True):
            if merged_e and merged_e[-1] >= s:
                merged_e[-1] = max(merged_e[-1], e)
            else:
                merged_s.append(s)
                merged_e.append(e)
        self._starts, self._ends = merged_s, merged_e
