"""Table views set up the same way everywhere: row selection, alternating rows, columns sized to their
content so that they fit the window (`fit_columns`), and a helper to colour a heat map."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
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


# No column grows wider than this from its content; longer texts elide and show whole in the tooltip.
MAX_COLUMN = 340
# A column shrunk to fit keeps at least this much (or its header, if that is narrower).
MIN_COLUMN = 56
# The stretch column (a name, a title) keeps at least this much, so what the row is about stays readable.
MIN_STRETCH = 190


def column_widths(
    natural: list[int], floors: list[int], available: int, stretch: int | None, tiers: Iterable[Iterable[int]] = ()
) -> list[int]:
    """The widths that fit `available` pixels. Each column starts at its natural width; when they are
    too wide together, the columns of the first tier give up what they have above their floor (in
    proportion), then those of the next tier, then every other column; when there is room to spare,
    the stretch column takes it."""
    widths = list(natural)
    excess = sum(widths) - available
    if excess <= 0:
        if stretch is not None and 0 <= stretch < len(widths):
            widths[stretch] -= excess  # excess is negative: the room to spare
        return widths
    tiered = [list(t) for t in tiers]
    rest = [c for c in range(len(widths)) if not any(c in t for t in tiered)]
    for tier in [*tiered, rest]:
        slack = {c: max(0, widths[c] - floors[c]) for c in tier}
        total = sum(slack.values())
        if not total:
            continue
        share = min(1.0, excess / total)
        for c, room in slack.items():
            cut = min(room, round(room * share))
            widths[c] -= cut
            excess -= cut
        if excess <= 0:
            break
    return widths


class ColumnFitter(QObject):
    """Keeps a table's columns fitted to their content and to the view's width, after every new set of
    rows and every resize, until the user drags a column edge (then the user's widths stand).

    `stretch` is the column that takes the room to spare (by default the widest one); columns in `keep`
    are never shrunk below their content (the key columns: a date, a status, a colour); columns in
    `shrink_first` give up their room before the others. Elided texts show in full in the cell's
    tooltip (RowsTableModel gives text columns one)."""

    def __init__(
        self,
        view: QTableView,
        stretch: int | None = None,
        keep: Iterable[int] = (),
        shrink_first: Iterable[int] = (),
    ):
        super().__init__(view)
        self.view = view
        self.stretch = stretch
        self.keep = set(keep)
        self.shrink_first = tuple(shrink_first)
        self.user_sized = False
        self._fitting = False
        self._dragging = False
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.fit)
        header = view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header.sectionResized.connect(self._section_resized)
        # Kept here: the filter must not ask the view for its viewport while the view is being destroyed.
        self._sized = (view, view.viewport())
        header.viewport().installEventFilter(self)
        for widget in self._sized:
            widget.installEventFilter(self)
        self.watch(view.model())

    def watch(self, model) -> None:
        if model is None:
            return
        for signal in (model.modelReset, model.layoutChanged):
            signal.connect(self.schedule)
        # The first rows of a paged list fit the columns; later pages, loaded while scrolling, leave them.
        model.rowsInserted.connect(lambda _parent, first, _last: self.schedule() if first == 0 else None)
        self.schedule()

    def schedule(self, *_args) -> None:
        self._pending.start()

    def eventFilter(self, watched, event) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.Resize, QEvent.Type.Show) and any(watched is w for w in self._sized):
            self.schedule()
        elif kind == QEvent.Type.MouseButtonPress:
            self._dragging = True
        elif kind == QEvent.Type.MouseButtonRelease:
            self._dragging = False
        return False

    def _section_resized(self, *_args) -> None:
        if self._dragging and not self._fitting:
            self.user_sized = True  # a person dragged a column edge: their widths stand

    def fit(self) -> None:
        view, model = self.view, self.view.model()
        if model is None or self.user_sized:
            return
        header = view.horizontalHeader()
        count = model.columnCount()
        if count == 0:
            return
        headers = [header.sectionSizeHint(c) for c in range(count)]
        natural = [max(headers[c], min(view.sizeHintForColumn(c), MAX_COLUMN)) for c in range(count)]
        # Columns that give way first may elide their header too (the model gives headers a tooltip).
        floors = [
            natural[c]
            if c in self.keep
            else min(natural[c], MIN_COLUMN if c in self.shrink_first else max(MIN_COLUMN, headers[c]))
            for c in range(count)
        ]
        stretch = self.stretch if self.stretch is not None else max(range(count), key=lambda c: natural[c])
        floors[stretch] = max(floors[stretch], min(natural[stretch], MIN_STRETCH))
        tiers = [[c for c in self.shrink_first if c < count and c not in self.keep]]
        widths = column_widths(natural, floors, max(0, view.viewport().width() - 2), stretch, tiers)
        self._fitting = True
        try:
            for column, width in enumerate(widths):
                header.resizeSection(column, width)
        finally:
            self._fitting = False


class NoWrapDelegate(QStyledItemDelegate):
    """For the short columns of a table that wraps its long texts: these elide instead of wrapping."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText


def fit_columns(
    view: QTableView, stretch: int | None = None, keep: Iterable[int] = (), shrink_first: Iterable[int] = ()
) -> ColumnFitter:
    """Size `view`'s columns to their content and its width, now and whenever rows or width change
    (see ColumnFitter); `view.column_fitter` keeps it."""
    fitter = ColumnFitter(view, stretch, keep, shrink_first)
    view.column_fitter = fitter
    return fitter


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


class VisibleRows(QObject):
    """Tells a keyed model (ui.models.KeyedTableModel) which rows its view shows, after every
    scroll, resize or change of rows, so that it loads those (and only those) it lacks."""

    def __init__(self, view: QTableView):
        super().__init__(view)
        self.view = view
        self._pending = QTimer(self)
        self._pending.setSingleShot(True)
        self._pending.setInterval(0)
        self._pending.timeout.connect(self.report)
        bar = view.verticalScrollBar()
        bar.valueChanged.connect(self.schedule)
        bar.rangeChanged.connect(self.schedule)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.dataChanged):
            signal.connect(self.schedule)
        view.viewport().installEventFilter(self)

    def schedule(self, *_args) -> None:
        self._pending.start()

    def eventFilter(self, watched, event) -> bool:
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.schedule()
        return False

    def report(self) -> None:
        view, model = self.view, self.view.model()
        if not view.isVisible() or model is None or model.rowCount() == 0:
            return
        top = view.rowAt(0)
        if top < 0:
            return
        bottom = view.rowAt(view.viewport().height() - 1)
        model.show_rows(top, model.rowCount() - 1 if bottom < 0 else bottom)
