"""A workbook being exported: sheets laid out top to bottom with title lines, tables and charts.

`Book` owns the openpyxl workbook, the unique sheet and table names, the page set-up and
properties every sheet gets, the count of cut cells, and the streamed tables; `Sheet` writes one
sheet from the top down and returns where each table landed, so charts can point at its cells.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart._chart import ChartBase
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.exports.excel import (
    CAPTION_FONT,
    LINE_HEIGHT,
    NOTE_FONT,
    TITLE_FONT,
    TOTAL_BORDER,
    TOTAL_FONT,
    ExportColumn,
    Names,
    Stamp,
    TableArea,
    add_table,
    put,
    set_properties,
    set_up_printing,
    widen,
    wrapped_height,
    write_header,
)
from app.exports.stream import RowStream, save_spliced

POINTS_PER_CM = 72 / 2.54


class Book:
    """One exported workbook; use as a context manager so temporary files go away on any error."""

    def __init__(self, stamp: Stamp):
        self.stamp = stamp
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.names = Names()
        self.truncated = 0
        self._streams: list[tuple[Worksheet, RowStream, int]] = []
        set_properties(self.wb, stamp)

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc_info) -> None:
        for _ws, stream, _col in self._streams:
            stream.close()

    def sheet(self, title: str) -> Sheet:
        ws = self.wb.create_sheet(self.names.sheet(title))
        set_up_printing(ws, self.stamp)
        return Sheet(self, ws)

    @property
    def sheet_titles(self) -> tuple[str, ...]:
        return tuple(ws.title for ws in self.wb.worksheets)

    def add_stream(self, ws: Worksheet, stream: RowStream, last_col: int) -> None:
        self._streams.append((ws, stream, last_col))

    def save(self, path: str | os.PathLike[str]) -> Path:
        for _ws, stream, _col in self._streams:
            self.truncated += stream.truncated
            stream.truncated = 0
        return save_spliced(self.wb, path, self._streams)


class Sheet:
    """Writes one sheet from the top down; `row` is the last row used so far."""

    def __init__(self, book: Book, ws: Worksheet):
        self.book = book
        self.ws = ws
        self.row = 0
        self._closed = False
        self._has_main = False
        self._headers: list[str] = []

    # --- text lines ---

    def _line(self, text: str, font=None) -> int:
        self._check_open()
        self.row += 1
        if text:
            self.book.truncated += put(self.ws, self.row, 1, text)
            if font is not None:
                self.ws.cell(row=self.row, column=1).font = font
        return self.row

    def title(self, text: str) -> None:
        row = self._line(text, TITLE_FONT)
        self.ws.row_dimensions[row].height = LINE_HEIGHT * 1.4

    def caption(self, text: str) -> None:
        self._line(text, CAPTION_FONT)

    def line(self, text: str) -> None:
        self._line(text)

    def note(self, text: str) -> None:
        self._line(text, NOTE_FONT)

    def blank(self, rows: int = 1) -> None:
        self._check_open()
        self.row += rows

    # --- tables ---

    def table(
        self,
        name: str,
        columns: Sequence[ExportColumn],
        rows: Iterable[Sequence[object]],
        *,
        caption: str = "",
        main: bool = False,
        totals: Sequence[object] | None = None,
    ) -> TableArea:
        """Header and rows as an Excel table with a filter; `totals` is a bold row just below it, outside the table.

        `main`: the sheet's principal table, whose header stays in view (frozen) and repeats on printed pages.
        """
        if caption:
            self.caption(caption)
        header_row = self._header(columns, main)
        row = header_row
        for values in rows:
            row += 1
            self._row(row, columns, values)
        if row == header_row:
            row += 1  # an Excel table needs a data row, even an empty one
        self.row = row
        area = TableArea(self.ws, header_row, header_row + 1, row, 1, len(columns), tuple(self._headers))
        add_table(self.book.names, self.ws, name, self._headers, area)
        if totals is not None:
            self.row += 1
            self._row(self.row, columns, totals)
            for index in range(1, len(columns) + 1):
                cell = self.ws.cell(row=self.row, column=index)
                cell.font, cell.border = TOTAL_FONT, TOTAL_BORDER
        self.blank()
        return area

    def stream_table(
        self, name: str, columns: Sequence[ExportColumn], rows: Iterable[Sequence[object]]
    ) -> tuple[TableArea, int]:
        """A table of any length, streamed (see app/exports/stream.py), and its number of rows.

        It must be the last thing on the sheet.
        """
        header_row = self._header(columns, main=True)
        stream = RowStream(self.ws, columns, header_row + 1)
        self.book.add_stream(self.ws, stream, len(columns))
        stream.write(rows)
        written = stream.rows
        if written == 0:
            stream.next_row += 1  # the empty data row an Excel table needs
        stream.finish()
        area = TableArea(self.ws, header_row, header_row + 1, stream.last_row, 1, len(columns), tuple(self._headers))
        add_table(self.book.names, self.ws, name, self._headers, area)
        self.row = stream.last_row
        self._closed = True
        return area, written

    def _header(self, columns: Sequence[ExportColumn], main: bool) -> int:
        self._check_open()
        widen(self.ws, columns)
        self.row += 1
        self._headers = write_header(self.ws, self.row, columns)
        if main and not self._has_main:
            self.ws.freeze_panes = f"A{self.row + 1}"
            self.ws.print_title_rows = f"{self.row}:{self.row}"
            self._has_main = True
        return self.row

    def _row(self, row: int, columns: Sequence[ExportColumn], values: Sequence[object]) -> None:
        height = wrapped_height(columns, values)
        for index, (column, value) in enumerate(zip(columns, values), start=1):
            if value is not None:
                kind, wrap = column.kind, column.wrap
                self.book.truncated += put(self.ws, row, index, value, kind, wrap=wrap, top=height is not None)
        if height is not None:
            self.ws.row_dimensions[row].height = height

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("nothing can follow a streamed table on its sheet")

    def print_across(self, pages: int, title_columns: str) -> None:
        """Print `pages` pages wide (a table too wide for one), repeating `title_columns` (e.g. "A:B") on each."""
        self.ws.page_setup.fitToWidth = pages
        self.ws.page_setup.pageOrder = "overThenDown"  # each band of rows left half, then right half
        self.ws.print_title_cols = title_columns

    # --- charts ---

    def reserve(self, height_cm: float) -> int:
        """Leave room for a chart of this height below what is written; returns its first row."""
        self._check_open()
        first = self.row + 1
        self.row += math.ceil(height_cm * POINTS_PER_CM / LINE_HEIGHT) + 1
        return first

    def place(self, chart: ChartBase, row: int, column: int = 1) -> None:
        self.ws.add_chart(chart, f"{get_column_letter(column)}{row}")
