"""A workbook being exported: sheets laid out top to bottom with title lines, tables and charts.

`Book` owns the openpyxl workbook, the unique sheet and table names, the page set-up and
properties every sheet gets, the count of cut cells, and the streamed tables; `Sheet` writes one
sheet from the top down and returns where each table landed, so charts can point at its cells.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.chart._chart import ChartBase
from openpyxl.drawing.image import Image
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.pagebreak import Break
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
PIXELS_PER_CM = 96 / 2.54  # openpyxl sizes a picture in pixels of 96 to the inch
# The printable area of an A4 page inside the margins set_up_printing sets (points), a little less for safety.
A4_LONG, A4_SHORT = 841.9, 595.3
PRINT_SIDE_MARGINS, PRINT_TOP_BOTTOM_MARGINS = 2 * 0.5 * 72, 2 * 0.8 * 72
PAGE_SAFETY = 0.97  # programs round the fitted scale and row heights differently: leave some room
KEEP_WHOLE_ROWS = 30  # a table of up to this many rows is kept on one page (with its caption) when it fits


def column_points(width: float) -> float:
    """A column's width in points from Excel's width in characters (Calibri 11: 7 pixels a digit + 5,
    and LibreOffice, measured on its PDFs, prints columns about 5 % wider still)."""
    return (7 * width + 5) * 0.75 * 1.05


class Book:
    """One exported workbook; use as a context manager so temporary files go away on any error."""

    def __init__(self, stamp: Stamp):
        self.stamp = stamp
        self.wb = Workbook()
        self.wb.remove(self.wb.active)
        self.names = Names()
        self.truncated = 0
        self._streams: list[tuple[Worksheet, RowStream, int]] = []
        self._sheets: list[Sheet] = []
        set_properties(self.wb, stamp)

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc_info) -> None:
        for _ws, stream, _col in self._streams:
            stream.close()

    def sheet(self, title: str) -> Sheet:
        ws = self.wb.create_sheet(self.names.sheet(title))
        set_up_printing(ws, self.stamp)
        sheet = Sheet(self, ws)
        self._sheets.append(sheet)
        return sheet

    @property
    def sheet_titles(self) -> tuple[str, ...]:
        return tuple(ws.title for ws in self.wb.worksheets)

    def add_stream(self, ws: Worksheet, stream: RowStream, last_col: int) -> None:
        self._streams.append((ws, stream, last_col))

    def save(self, path: str | os.PathLike[str]) -> Path:
        for sheet in self._sheets:
            sheet.paginate()
        try:
            return save_spliced(self.wb, path, self._streams)
        finally:
            for _ws, stream, _col in self._streams:  # deferred rows are encoded (and cut) while saving
                self.truncated += stream.truncated
                stream.truncated = 0


class Sheet:
    """Writes one sheet from the top down; `row` is the last row used so far."""

    def __init__(self, book: Book, ws: Worksheet):
        self.book = book
        self.ws = ws
        self.row = 0
        self._closed = False
        self._has_main = False
        self._headers: list[str] = []
        self._keep: list[tuple[int, int]] = []  # row ranges printed on one page when they fit
        self._right_edge_cm = 0.0  # how far right of column A a chart reaches
        self._page_starts: set[int] = set()  # rows that begin a printed page (new_page)
        self._pages_wide = 1

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
        first = self.row + 1
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
        # The caption never stands alone at a page's foot: it goes with the header and the first rows,
        # and a short table stays whole.
        whole = self.row - header_row <= KEEP_WHOLE_ROWS
        self._keep.append((first, self.row if whole else min(header_row + 3, self.row)))
        self.blank()
        return area

    def stream_table(
        self, name: str, columns: Sequence[ExportColumn], rows: Iterable[Sequence[object]], count: int | None = None
    ) -> tuple[TableArea, int]:
        """A table of any length, streamed (see app/exports/stream.py), and its number of rows.

        With `count` (exactly how many rows `rows` holds) the rows are read only while the book is saved,
        straight into the file; without, they are read now and kept compressed until then.
        It must be the last thing on the sheet.
        """
        header_row = self._header(columns, main=True)
        stream = RowStream(self.ws, columns, header_row + 1)
        self.book.add_stream(self.ws, stream, len(columns))
        if count is not None:
            stream.defer(rows, count)
        else:
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
        self._pages_wide = pages
        self.ws.page_setup.fitToWidth = pages
        self.ws.page_setup.pageOrder = "overThenDown"  # each band of rows left half, then right half
        self.ws.print_title_cols = title_columns

    # --- charts ---

    def reserve(self, height_cm: float, keep_with_previous: int = 0) -> int:
        """Leave room for a chart of this height below what is written; returns its first row.

        The chart's rows are printed on one page (with the `keep_with_previous` rows above it, e.g. its
        caption): a chart is never cut by a page break. Its rows get an explicit height, so the room is
        the same in every program.
        """
        self._check_open()
        first = self.row + 1
        rows = math.ceil(height_cm * POINTS_PER_CM / LINE_HEIGHT) + 1
        for row in range(first, first + rows):
            self.ws.row_dimensions[row].height = LINE_HEIGHT
        self.row += rows
        self._keep.append((max(first - keep_with_previous, 1), self.row))
        return first

    def place(self, chart: ChartBase, row: int, column: int = 1) -> None:
        self.ws.add_chart(chart, f"{get_column_letter(column)}{row}")
        left = sum(self._column_cm(c) for c in range(1, column))
        self._right_edge_cm = max(self._right_edge_cm, left + chart.width)

    def picture(self, png: bytes, row: int, width_cm: float, height_cm: float, column: int = 1) -> None:
        """A picture (PNG bytes) with its top left corner at `row`, `column`, printed `width_cm` × `height_cm`
        (reserve its rows first, as for a chart)."""
        image = Image(BytesIO(png))
        image.width, image.height = round(width_cm * PIXELS_PER_CM), round(height_cm * PIXELS_PER_CM)
        self.ws.add_image(image, f"{get_column_letter(column)}{row}")
        left = sum(self._column_cm(c) for c in range(1, column))
        self._right_edge_cm = max(self._right_edge_cm, left + width_cm)

    def rows_spanning(self, first: int, height_cm: float) -> int:
        """How many rows from `first` down a chart of this height covers, with the rows' own heights."""
        needed, covered, row = height_cm * POINTS_PER_CM, 0.0, first
        while covered < needed:
            covered += self._row_points(row)
            row += 1
        return row - first

    def new_page(self) -> None:
        """Print what follows from the top of a new page (a picture as high as a page)."""
        self._check_open()
        self._page_starts.add(self.row + 1)
        self._break_before(self.row + 1)

    def keep_together(self, first: int, last: int) -> None:
        """Print rows `first`..`last` on one page when they fit on one."""
        self._keep.append((first, last))

    # --- printing ---

    def _column_cm(self, column: int) -> float:
        width = self.ws.column_dimensions[get_column_letter(column)].width or 8.43
        return column_points(width) / POINTS_PER_CM

    def content_width_points(self) -> float:
        """The sheet's printed width at 100 %: its columns, or a chart reaching further right."""
        columns = sum(
            column_points(self.ws.column_dimensions[get_column_letter(c)].width or 8.43)
            for c in range(1, self.ws.max_column + 1)
        )
        return max(columns, self._right_edge_cm * POINTS_PER_CM)

    def _row_points(self, row: int) -> float:
        # .get: looking a row up must not create it (openpyxl would write each as an empty <row>, and the
        # streamed rows of a long table would come after their empty twins)
        dimension = self.ws.row_dimensions.get(row)
        return (dimension.height if dimension is not None else None) or LINE_HEIGHT

    def print_fit(self) -> tuple[bool, float, float, float]:
        """How the sheet prints as it stands: portrait or not, the scale that fits it to the page's width,
        and the printable width and height of a page in printed points (what a picture drawn at its
        printed size may take)."""
        width = self.content_width_points() / self._pages_wide
        portrait = width <= A4_SHORT - PRINT_SIDE_MARGINS
        page_width, page_height = (A4_SHORT, A4_LONG) if portrait else (A4_LONG, A4_SHORT)
        scale = min(1.0, (page_width - PRINT_SIDE_MARGINS) / max(width, 1.0))
        return portrait, scale, page_width - PRINT_SIDE_MARGINS, (page_height - PRINT_TOP_BOTTOM_MARGINS) * PAGE_SAFETY

    def paginate(self) -> None:
        """Portrait when the sheet is narrow enough, landscape else; manual page breaks so that no chart and
        no short table (nor a caption and its table's first rows) is cut across two pages.

        The fitted scale is worked out as the printing program will (fit to the page width), and the
        rows' heights are known, so where each page ends can be computed.
        """
        portrait, scale, _width, page_height = self.print_fit()
        self.ws.page_setup.orientation = self.ws.ORIENTATION_PORTRAIT if portrait else self.ws.ORIENTATION_LANDSCAPE
        capacity = page_height / scale
        repeated = self._repeated_rows_points()
        starts: dict[int, int] = {}
        for first, last in self._keep:
            starts[first] = max(last, starts.get(first, last))
        used, page_start = 0.0, 1
        row = 1
        last_row = max(self.row, self.ws.max_row)
        while row <= last_row:
            height = self._row_points(row)
            if row in self._page_starts and row > page_start:
                used, page_start = repeated, row  # its break is set already
            block_end = starts.get(row)
            if block_end is not None and row > page_start:
                block = sum(self._row_points(r) for r in range(row, block_end + 1))
                if used + block > capacity and block <= capacity - repeated:
                    self._break_before(row)
                    used, page_start = repeated, row
            if used + height > capacity:
                used, page_start = repeated, row  # the program breaks here by itself
            used += height
            row += 1

    def _repeated_rows_points(self) -> float:
        titles = self.ws.print_title_rows
        if not titles:
            return 0.0
        first, last = (int(part.strip("$")) for part in titles.split(":"))
        return sum(self._row_points(r) for r in range(first, last + 1))

    def _break_before(self, row: int) -> None:
        self.ws.row_breaks.append(Break(id=row - 1))
