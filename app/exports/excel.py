"""Shared openpyxl helpers of every Excel export: safe cells, column kinds, names, styles, print set-up, properties.

Everything a manager sees in an exported file is decided here once: how text is kept from turning
into a formula, how long text is cut, which number and date formats columns get, how header rows,
tables, the header and footer (classification, who exported and when, page numbers) and the
document properties look. Sheet layout is in book.py; streaming big tables and saving in stream.py.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import re
import textwrap
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter
from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from app.domain.vocabulary import label
from app.errors import TrygghetError

# The marking's wording lives in marking.py (no openpyxl), for the pictures too; these names stay here as well.
from app.exports.marking import Stamp, exporter_name
from app.exports.marking import classification_marking as classification_marking
from app.exports.marking import now_aware as now_aware
from app.i18n import _

MAX_CELL_TEXT = 32_767  # Excel's limit, counted in UTF-16 code units
MAX_ROWS = 1_048_576
CUT_MARK = "…"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

KINDS = ("text", "id", "int", "float", "date", "datetime", "time", "percent", "signed_int", "signed_percent")
# Excel shows these with the reader's own separators: "12 345", "3,5", "25 %" on a Swedish machine.
NUMBER_FORMATS = {
    "id": "0",
    "int": "#,##0",
    "float": "#,##0.0",
    "percent": "0%",
    "signed_int": "+#,##0;-#,##0;0",
    "signed_percent": "+0%;-0%;0%",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "time": "hh:mm",
}
DEFAULT_WIDTHS = {"text": 24, "id": 8, "int": 11, "float": 11, "date": 12, "datetime": 17, "time": 8, "percent": 10}
MAX_HEADER_WIDTH = 30

# Colours: Excel's own "good / neutral / bad" fills, readable in print and to most colour-blind readers.
GREEN_FILL, YELLOW_FILL, RED_FILL = "C6EFCE", "FFEB9C", "FFC7CE"
OVERDUE_FILL = "FCE4D6"
HEADER_FILL = "1F4E78"
TABLE_STYLE = "TableStyleLight9"


class ExportError(TrygghetError):
    """An export could not be written; nothing was left behind at the target."""


# --- cell values -----------------------------------------------------------------------------------


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _cut(text: str, limit: int) -> str:
    # Excel counts UTF-16 units: an emoji takes two. A half surrogate pair at the cut is dropped.
    units = text.encode("utf-16-le")[: 2 * (limit - len(CUT_MARK))]
    return units.decode("utf-16-le", errors="ignore") + CUT_MARK


def safe_text(value: object) -> tuple[str, bool]:
    """The text a cell may hold, and whether it had to be cut to Excel's 32,767-character limit.

    Control characters Excel cannot store are dropped; a cut text ends with "…". Whether the text
    starts with "=" or "+" does not matter here: every writer stores text as a string cell, never
    as a formula (see `is_formula_like`).
    """
    text = "" if value is None else str(value)
    if ILLEGAL_CHARACTERS_RE.search(text):
        text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if len(text) > MAX_CELL_TEXT // 2 and _utf16_length(text) > MAX_CELL_TEXT:
        return _cut(text, MAX_CELL_TEXT), True
    return text, False


def is_formula_like(text: str) -> bool:
    """Text a spreadsheet program could take for a formula if it were not stored as a string."""
    return text.startswith(FORMULA_PREFIXES)


def local_naive(moment: dt.datetime) -> dt.datetime:
    """Excel has no time zones: a stored UTC time is shown in the reader's local time."""
    return moment.astimezone().replace(tzinfo=None) if moment.tzinfo is not None else moment


def excel_value(value: object, kind: str) -> tuple[object, str]:
    """(the value as Excel stores it, the kind whose format applies); what does not fit the kind is text."""
    if value is None:
        return None, kind
    if isinstance(value, enum.Enum):
        return label(value), "text"
    if isinstance(value, bool):
        return (_("Yes") if value else _("No")), "text"
    if kind in ("id", "int", "float", "percent", "signed_int", "signed_percent"):
        if isinstance(value, (int, float, Decimal)):
            number = float(value) if isinstance(value, Decimal) else value
            return (number, kind) if math.isfinite(number) else (None, kind)
    elif kind == "date":
        if isinstance(value, dt.datetime):
            return local_naive(value).date(), kind
        if isinstance(value, dt.date):
            return value, kind
    elif kind == "datetime":
        if isinstance(value, dt.datetime):
            return local_naive(value), kind
        if isinstance(value, dt.date):
            return dt.datetime.combine(value, dt.time()), "date"
    elif kind == "time":
        if isinstance(value, dt.time):
            return value.replace(tzinfo=None), kind
    return str(value), "text"


@dataclass(frozen=True)
class ExportColumn:
    """One column of an exported table: its header, how its values are typed, and its width in characters.

    Kinds: text, int, float, date, datetime, percent (a fraction: 0.25 shows as 25 %), and for the
    report id (a number without separators), time, signed_int and signed_percent (changes, with their sign).
    """

    header: str
    kind: str = "text"
    width: int | None = None
    wrap: bool = False

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown column kind {self.kind!r}; use one of {', '.join(KINDS)}")

    @property
    def display_width(self) -> float:
        """The width in characters: the given one or the kind's, and always wide enough for the header's
        longest word in bold with the cell's indent, so a header wraps between words, never inside one."""
        base = DEFAULT_WIDTHS.get(self.kind, DEFAULT_WIDTHS["int"])
        chosen = self.width if self.width is not None else max(base, min(len(self.header) + 3, MAX_HEADER_WIDTH))
        return max(chosen, header_word_width(self.header))


BOLD_WIDTH = 1.15  # a bold character is about this much wider than the width unit (a regular digit)
HEADER_INDENT = 1  # characters between a header's text and the next column's


def header_word_width(header: str) -> int:
    """The column width the header's longest word needs in bold, with the indent and a margin."""
    longest = max((len(word) for word in header.split()), default=0)
    return math.ceil(longest * BOLD_WIDTH) + 2 * HEADER_INDENT + 1


def header_lines(header: str, width: float) -> int:
    """How many lines the header takes when wrapped between words in a column `width` characters wide."""
    per_line = max(int((width - 2 * HEADER_INDENT - 1) / BOLD_WIDTH), 1)
    return max(len(textwrap.wrap(header, per_line, break_long_words=False)), 1)


@dataclass(frozen=True)
class Styled:
    """A value with its own look in one cell: a fill (hex RGB), bold, a font colour."""

    value: object
    fill: str | None = None
    bold: bool = False
    colour: str | None = None


# --- names -----------------------------------------------------------------------------------------

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_TITLE = 31


def _ascii_name(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9_]+", "_", folded).strip("_")


class Names:
    """Unique sheet titles and table names of one workbook."""

    def __init__(self) -> None:
        self._sheets: set[str] = set()
        self._tables: set[str] = set()

    def sheet(self, wanted: str) -> str:
        base = _SHEET_FORBIDDEN.sub(" ", wanted).strip().strip("'")[:MAX_SHEET_TITLE] or _("Sheet")
        title, n = base, 2
        while title.casefold() in self._sheets or title.casefold() == "history":
            suffix = f" ({n})"
            title, n = base[: MAX_SHEET_TITLE - len(suffix)] + suffix, n + 1
        self._sheets.add(title.casefold())
        return title

    def table(self, wanted: str) -> str:
        # "T_" first: a bare name such as "ABC1" or "R1C1" would read as a cell reference.
        base = "T_" + (_ascii_name(wanted)[:200] or "Tabell")
        name, n = base, 2
        while name.casefold() in self._tables:
            name, n = f"{base}_{n}", n + 1
        self._tables.add(name.casefold())
        return name


def unique_headers(headers: Sequence[str]) -> list[str]:
    """Table column names must be non-empty and unique; a repeated header gets " (2)"."""
    seen: set[str] = set()
    result = []
    for index, header in enumerate(headers, start=1):
        base = " ".join(safe_text(header)[0].split())[:255] or _("Column {n}", n=index)
        name, n = base, 2
        while name.casefold() in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name.casefold())
        result.append(name)
    return result


# --- styles ----------------------------------------------------------------------------------------

TITLE_FONT = Font(bold=True, size=14)
CAPTION_FONT = Font(bold=True, size=12)
NOTE_FONT = Font(italic=True, color="555555")
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL_STYLE = PatternFill("solid", fgColor=HEADER_FILL)
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", indent=1)
# Numbers stand at the right of their column, so their headers do too (else a wide column's figure
# seems to belong to the next header).
NUMERIC_KINDS = frozenset({"id", "int", "float", "percent", "signed_int", "signed_percent"})
NUMERIC_HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="right", indent=1)
NUMERIC_ALIGNMENT = Alignment(horizontal="right", indent=1)
TOTAL_FONT = Font(bold=True)
TOTAL_BORDER = Border(top=Side(style="thin"), bottom=Side(style="double"))
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
KIND_ALIGNMENT = {"time": Alignment(horizontal="center")}  # a right-aligned time would touch the next column's text
LINE_HEIGHT = 15.0  # points, Excel's default row height for 11-point text


MAX_ROW_LINES = 27  # Excel's highest row is 409 points


def wrapped_height(columns: Sequence[ExportColumn], values: Sequence[object]) -> float | None:
    """The row height wrapped text needs (an estimate: about one character per unit of column width).

    Set explicitly because neither Excel nor LibreOffice fits the height of a row read from a file.
    """
    lines = 1
    for column, value in zip(columns, values):
        if column.wrap and value is not None:
            text = str(value.value if isinstance(value, Styled) else value)
            per_line = max(int(column.display_width) - 1, 1)
            lines = max(lines, sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n")))
    return LINE_HEIGHT * min(lines, MAX_ROW_LINES) if lines > 1 else None


def header_row_height(columns: Sequence[ExportColumn]) -> float:
    lines = max((header_lines(c.header, c.display_width) for c in columns), default=1)
    return LINE_HEIGHT * max(lines, 1)


def fill(colour: str) -> PatternFill:
    return PatternFill("solid", fgColor=colour)


# --- the exported file -------------------------------------------------------------------------------


HEADER_PART_MAX = 110  # Excel refuses a header or footer longer than 255 characters, codes included


def _hf(text: str) -> str:
    if len(text) > HEADER_PART_MAX:
        text = text[: HEADER_PART_MAX - 1] + "…"
    return text.replace("&", "&&")  # a single "&" starts a header/footer code in Excel


def set_up_printing(ws: Worksheet, stamp: Stamp) -> None:
    """Landscape A4, fitted to the page width, with the marking, title, exporter and page numbers."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as it takes
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddHeader.left.text = _hf(stamp.marking)
    ws.oddHeader.left.font = "Calibri,Bold"
    ws.oddHeader.right.text = _hf(stamp.title)
    ws.oddFooter.left.text = _hf(stamp.exported_by)
    ws.oddFooter.center.text = _("Page &P of &N")
    ws.oddFooter.right.text = "&A"  # the sheet's name
    for part in (ws.oddHeader.left, ws.oddHeader.right, ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right):
        part.size = 9


def set_properties(wb: Workbook, stamp: Stamp) -> None:
    created = stamp.now.astimezone(dt.UTC).replace(tzinfo=None)
    props = wb.properties
    props.title = stamp.title
    props.subject = stamp.description[:255] or stamp.title
    props.description = stamp.description
    props.creator = props.lastModifiedBy = exporter_name(stamp.actor)
    props.created = props.modified = created
    props.keywords = "Trygghetscenter"
    props.category = stamp.marking
    for name, value in (
        (_("Classification"), stamp.marking),
        (_("Exported by"), exporter_name(stamp.actor)),
        (_("Exported at"), stamp.local_time),
        (_("Filters"), stamp.filters or "-"),
    ):
        wb.custom_doc_props.append(StringProperty(name=name, value=value))


# --- writing cells and tables (normal, in-memory sheets) ----------------------------------------------


def put(
    ws: Worksheet, row: int, column: int, value: object, kind: str = "text", *, wrap: bool = False, top: bool = False
) -> bool:
    """Write one value with its kind's format; returns whether its text had to be cut.

    `wrap`: wrap the text in the column's width; `top`: align to the top (rows that other cells make tall).
    """
    style = value if isinstance(value, Styled) else None
    stored, shown_as = excel_value(style.value if style else value, kind)
    cell = ws.cell(row=row, column=column)
    truncated = False
    if shown_as == "text" and stored is not None:
        cell.value, truncated = safe_text(stored)
        cell.data_type = "s"  # never a formula, whatever the text starts with
    elif stored is not None:
        cell.value = stored
        cell.number_format = NUMBER_FORMATS[shown_as]
    numeric = shown_as in NUMERIC_KINDS  # right-aligned, one character in: clear of the next column's text
    if wrap or top or numeric or shown_as in KIND_ALIGNMENT:
        horizontal = KIND_ALIGNMENT.get(shown_as)
        cell.alignment = Alignment(
            wrap_text=wrap or None,
            vertical="top" if wrap or top else None,
            horizontal="right" if numeric else horizontal and horizontal.horizontal,
            indent=HEADER_INDENT if numeric else 0,
        )
    if style is not None:
        if style.fill:
            cell.fill = fill(style.fill)
        if style.bold or style.colour:
            cell.font = Font(bold=style.bold, color=style.colour)
    return truncated


@dataclass(frozen=True)
class TableArea:
    """Where a table landed: rows and columns are 1-based; data rows are first_row..last_row."""

    ws: Worksheet
    header_row: int
    first_row: int
    last_row: int
    first_col: int
    last_col: int
    headers: tuple[str, ...] = ()

    def col(self, index: int) -> int:
        """The sheet column of the table's index-th column (0-based)."""
        return self.first_col + index

    def rows(self, first_row: int, last_row: int) -> TableArea:
        """The same table narrowed to some of its data rows (e.g. one indicator's block, for a chart)."""
        return replace(self, first_row=first_row, last_row=last_row)

    @property
    def ref(self) -> str:
        return f"{get_column_letter(self.first_col)}{self.header_row}:{get_column_letter(self.last_col)}{self.last_row}"


def add_table(names: Names, ws: Worksheet, name: str, headers: Sequence[str], area: TableArea) -> Table:
    """An Excel table with a filter on its header; column names spelled exactly as the header cells."""
    table = Table(displayName=names.table(name), ref=area.ref)
    # Named here, not by openpyxl: its own naming reads the header cells, which a streamed sheet lacks.
    table.tableColumns = [TableColumn(id=i, name=h) for i, h in enumerate(headers, start=1)]
    table.autoFilter = AutoFilter(ref=area.ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True)
    ws.add_table(table)
    return table


def write_header(ws: Worksheet, row: int, columns: Sequence[ExportColumn]) -> list[str]:
    headers = unique_headers([c.header for c in columns])
    for index, (text, column) in enumerate(zip(headers, columns), start=1):
        cell = ws.cell(row=row, column=index, value=text)
        cell.data_type = "s"
        alignment = NUMERIC_HEADER_ALIGNMENT if column.kind in NUMERIC_KINDS else HEADER_ALIGNMENT
        cell.font, cell.fill, cell.alignment = HEADER_FONT, HEADER_FILL_STYLE, alignment
    ws.row_dimensions[row].height = header_row_height(columns)
    return headers


def widen(ws: Worksheet, columns: Sequence[ExportColumn], first_col: int = 1) -> None:
    """Give each column at least the width its kind and header need (never measured from the data)."""
    for index, column in enumerate(columns):
        dim = ws.column_dimensions[get_column_letter(first_col + index)]
        dim.width = max(dim.width or 0, column.display_width)
