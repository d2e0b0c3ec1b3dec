"""“Export to Excel…” on every table: writes what the table shows, with its filters and its sort.

Small tables hand over the rows they hold (already in the order on screen). The observation list,
which pages through up to a million rows, hands over a service call that streams every row under
the same filter and sort. The file is written on the background lane; the window stays usable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox, QTableView, QWidget

from app.i18n import _, ngettext
from ui.context import AppContext
from ui.errors import show_error
from ui.models import Column, PagedTableModel, RowsTableModel
from ui.widgets.files import ask_save_path, safe_file_name
from ui.window_state import EXPORT_FOLDER

# (session, actor) -> every row of a paged table, in the table's filter and sort
RowSource = Callable[[], Callable[..., Iterable[Any]]]


def export_columns(columns: list[Column]):
    # openpyxl loads on the first export, not with the tabs
    from app.exports.tables import ExportColumn

    return [ExportColumn(c.header, c.kind) for c in columns]


def export_values(columns: list[Column], row: Any) -> list[Any]:
    return [c.raw(row) if c.raw is not None else c.value(row) for c in columns]


def sort_description(view: QTableView) -> str:
    header = view.horizontalHeader()
    section = header.sortIndicatorSection()
    model = view.model()
    if not view.isSortingEnabled() or section < 0 or model is None or section >= model.columnCount():
        return ""
    order = _("descending") if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder else _("ascending")
    name = model.headerData(section, Qt.Orientation.Horizontal)
    return _("sorted by %1, %2").replace("%1", str(name)).replace("%2", order)


class TableExport:
    """The export command of one table view (right-click menu, or a button calling `run`)."""

    def __init__(
        self,
        ctx: AppContext,
        view: QTableView,
        title: Callable[[], str],
        description: Callable[[], str] = lambda: "",
        all_rows: RowSource | None = None,
        extra_columns: list[Column] = (),
    ):
        self.ctx, self.view, self.title, self.description, self.all_rows = ctx, view, title, description, all_rows
        self.extra_columns = list(extra_columns)  # written after the table's own, not shown in it
        self.action = QAction(_("Export to Excel…"), view)
        self.action.triggered.connect(self.run)
        view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        view.customContextMenuRequested.connect(self._menu)

    def _menu(self, pos) -> None:
        menu = QMenu(self.view)
        menu.addAction(self.action)
        menu.exec(self.view.viewport().mapToGlobal(pos))

    def _full_description(self) -> str:
        parts = [p for p in (self.description(), sort_description(self.view)) if p]
        return "; ".join(parts)

    def ask_path(self) -> Path | None:
        name = f"{safe_file_name(self.title(), 'export')} {dt.date.today().isoformat()}.xlsx"
        return ask_save_path(
            self.view, _("Export to Excel"), EXPORT_FOLDER, name, _("Excel workbook (*.xlsx)"), ".xlsx"
        )

    def run(self) -> None:
        target = self.ask_path()
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path, on_done: Callable[[Any], None] | None = None) -> None:
        """Write the file in the background; `on_done(result)` after the user has been told."""
        # openpyxl loads on the first export, not with the tabs
        from app.exports.tables import write_table

        model = self.view.model()
        columns = [*model.columns, *self.extra_columns]
        title, description = self.title(), self._full_description()
        specs = export_columns(columns)

        def finished(result) -> None:
            self._tell(result)
            if on_done is not None:
                on_done(result)

        def failed(exc: Exception) -> None:
            show_error(self.view, exc)

        if isinstance(model, PagedTableModel) and self.all_rows is not None:
            source = self.all_rows()

            def write(session, actor):
                rows = (export_values(columns, row) for row in source(session, actor))
                return write_table(target, title, specs, rows, actor=actor, description=description)

            self.ctx.call(write, on_success=finished, on_error=failed)
            return
        assert isinstance(model, RowsTableModel)
        values = [export_values(columns, row) for row in model.rows]  # the order on screen
        actor = self.ctx.actor
        self.ctx.run(
            lambda: write_table(target, title, specs, values, actor=actor, description=description),
            on_success=finished,
            on_error=failed,
        )

    def _tell(self, result) -> None:
        window: QWidget = self.view.window()
        status = getattr(window, "statusBar", None)
        text = ngettext("{n} row exported to {path}", "{n} rows exported to {path}", result.rows, path=result.path)
        if result.truncated_cells:
            note = ngettext(
                "{n} cell was longer than Excel allows (32,767 characters) and was cut.",
                "{n} cells were longer than Excel allows (32,767 characters) and were cut.",
                result.truncated_cells,
            )
            QMessageBox.warning(self.view, _("Export to Excel"), f"{text}\n\n{note}")
        elif callable(status):
            status().showMessage(text, 10000)
