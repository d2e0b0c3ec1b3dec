"""Opening an import file and reading its data sheet: the file-level checks, the headers, the rows.

Only a plain .xlsx is read. Formulas are reported, never evaluated (the file is read with
data_only=False); merged cells, extra sheets and empty rows between data rows are reported too.
Fully empty rows after the last data row are passed over silently, since Excel keeps formatted ones.
"""

from __future__ import annotations

import dataclasses
import difflib
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
from openpyxl.utils import column_index_from_string, get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.i18n import _
from app.imports.columns import MAX_ROWS, TEMPLATE_EXTRA_SHEETS, Column, header_key
from app.imports.problems import ProblemList
from app.imports.values import is_blank
from app.privacy import find_personal_data, replace_hits

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")  # legacy .xls, and every password-protected Office file
PDF_MAGIC = b"%PDF"
# The stream an encrypted Office file keeps its workbook in, named in UTF-16 in the OLE directory.
ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
# A guard against files that would take gigabytes to load, far above MAX_ROWS of typed data.
MAX_SHEET_XML_BYTES = 300 * 1024 * 1024
# How much of an OLE file is searched for the encryption stream (encrypted workbooks are small).
MAX_OLE_SCAN_BYTES = 64 * 1024 * 1024
HEADER_ROW = 1
# Bounds on where values may sit, checked by a streaming scan before the workbook is loaded: one
# value at XFD1048576 in a 2 KB file would otherwise make a grid of seventeen billion cells.
MAX_COLUMNS = 30  # the templates have at most 13 columns
MAX_CELLS = (MAX_ROWS + HEADER_ROW) * 15  # also the most rows × columns the data may span
MAX_SHARED_STRINGS_BYTES = 100 * 1024 * 1024
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@dataclass(frozen=True)
class SheetRow:
    number: int  # the Excel row number
    values: dict[str, Any]  # column key -> cell value
    unreadable: frozenset[str] = frozenset()  # keys of cells already reported (formulas)


@dataclass
class Sheet:
    file_name: str
    headers: dict[str, str] = field(default_factory=dict)  # column key -> header text as in the file
    positions: dict[str, int] = field(default_factory=dict)  # header text or column letter -> column index
    rows: list[SheetRow] = field(default_factory=list)
    problems: ProblemList = field(default_factory=ProblemList)
    complete: bool = False  # the rows were read and can be validated

    def column(self, key: str) -> str:
        return self.headers.get(key, key)


class _Rejected(Exception):
    """A problem with the whole file that stops the reading."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def read_sheet(path: Path | str, columns: tuple[Column, ...], data_sheet: str) -> Sheet:
    """The data sheet of the file at `path` with every structural problem found; never raises for a bad file."""
    path = Path(path)
    sheet = Sheet(file_name=path.name)
    try:
        _check_file(path)
        workbook = _load(path)
        try:
            _read(sheet, _data_sheet(workbook, data_sheet, sheet.problems), columns)
        finally:
            workbook.close()
    except _Rejected as exc:
        sheet.problems.add(None, None, exc.message)
    return sheet


# --- the file ----------------------------------------------------------------------------------------


def _check_file(path: Path) -> None:
    name = path.name
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise _Rejected(_("The file {file} cannot be opened: {error}", file=name, error=exc.strerror or exc)) from exc
    if head.startswith(OLE_MAGIC):
        if _is_encrypted(path):
            raise _Rejected(
                _(
                    "The file {file} is password-protected. Open it in Excel, remove the password "
                    "and save it again as an Excel workbook (.xlsx).",
                    file=name,
                )
            )
        raise _Rejected(
            _(
                "The file {file} is an old Excel file (.xls) or is password-protected. Save it as an "
                "Excel workbook (.xlsx) without a password.",
                file=name,
            )
        )
    if head.startswith(PDF_MAGIC):
        raise _Rejected(_("The file {file} is a PDF, not an Excel workbook (.xlsx).", file=name))
    if not head.startswith(ZIP_MAGIC):
        raise _not_a_workbook(name)
    _check_package(path)


def _not_a_workbook(name: str) -> _Rejected:
    return _Rejected(
        _(
            "The file {file} is not an Excel workbook (.xlsx). Open it in Excel or LibreOffice and save it "
            "as an Excel workbook (.xlsx).",
            file=name,
        )
    )


def _is_encrypted(path: Path) -> bool:
    # The OLE directory may sit anywhere in the file, so the file is searched rather than parsed.
    with path.open("rb") as fh:
        return ENCRYPTED_STREAM in fh.read(MAX_OLE_SCAN_BYTES)


def _check_package(path: Path) -> None:
    """A zip file that holds an Excel workbook of a size that can be loaded (a .docx or .ods is a zip too)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise _not_a_workbook(path.name) from exc
    if not any(part.filename == "xl/workbook.xml" for part in parts):
        raise _not_a_workbook(path.name)
    _scan_sheets(
        path,
        [
            part.filename
            for part in parts
            if part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")
        ],
    )
    sheet_bytes = sum(part.file_size for part in parts if part.filename.startswith("xl/worksheets/"))
    strings_bytes = sum(part.file_size for part in parts if part.filename == "xl/sharedStrings.xml")
    if sheet_bytes > MAX_SHEET_XML_BYTES or strings_bytes > MAX_SHARED_STRINGS_BYTES:
        raise _Rejected(
            _(
                "The file {file} is too large to import; split it into files of at most {n} rows.",
                file=path.name,
                n=MAX_ROWS,
            )
        )


def _scan_sheets(path: Path, names: list[str]) -> None:
    """Where the values of each sheet sit, read as a stream (nothing kept but three numbers), so that
    a file with values far down or far right is refused before loading it takes time and memory.
    Cells with formatting but no value, as Excel keeps them, do not count."""
    with zipfile.ZipFile(path) as package:
        for name in names:
            cells = last_row = last_column = 0
            try:
                with package.open(name) as stream:
                    for _event, element in ElementTree.iterparse(stream):
                        if element.tag != f"{_MAIN}c":
                            if element.tag == f"{_MAIN}row":
                                element.clear()
                            continue
                        has_value = any(child.tag in (f"{_MAIN}v", f"{_MAIN}is", f"{_MAIN}f") for child in element)
                        reference = element.get("r", "")
                        element.clear()
                        if not has_value:
                            continue
                        cells += 1
                        column, row = _position(reference)
                        last_row, last_column = max(last_row, row), max(last_column, column)
                        if (
                            last_row > MAX_ROWS + HEADER_ROW
                            or last_column > MAX_COLUMNS
                            or max(cells, last_row * last_column) > MAX_CELLS
                        ):
                            raise _too_large(path.name, last_row, last_column)
            except (ElementTree.ParseError, zipfile.BadZipFile, OSError, KeyError) as exc:
                raise _Rejected(
                    _("The file {file} cannot be read as an Excel workbook ({error}).", file=path.name, error=exc)
                ) from exc


def _position(reference: str) -> tuple[int, int]:
    """(column, row) of an A1 reference; (0, 0) for none (a cell without one follows its neighbour)."""
    letters = reference.rstrip("0123456789")
    try:
        return (column_index_from_string(letters) if letters else 0), int(reference[len(letters) :] or 0)
    except ValueError:
        return 0, 0


def _too_large(name: str, row: int, column: int) -> _Rejected:
    if column > MAX_COLUMNS:
        return _Rejected(
            _(
                "The file {file} has values as far right as column {column}; an import file has at most "
                "{max} columns. Delete the columns right of the data and save again.",
                file=name,
                column=get_column_letter(column),
                max=MAX_COLUMNS,
            )
        )
    if row > MAX_ROWS + HEADER_ROW:
        return _Rejected(
            _(
                "The file {file} has values down to row {row}; at most {max} rows can be imported at once. "
                "Delete the rows below the data, or split the file.",
                file=name,
                row=row,
                max=MAX_ROWS,
            )
        )
    return _Rejected(
        _(
            "The file {file} holds more values than one import takes (at most {max} rows of the "
            "template's columns). Split the file.",
            file=name,
            max=MAX_ROWS,
        )
    )


def _load(path: Path) -> openpyxl.Workbook:
    try:
        with warnings.catch_warnings():
            # openpyxl warns about Excel features it does not read (slicers, some extensions); none matter here.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds of errors on damaged files; all mean the same here
        raise _Rejected(
            _("The file {file} cannot be read as an Excel workbook ({error}).", file=path.name, error=exc)
        ) from exc


def _data_sheet(workbook: openpyxl.Workbook, wanted: str, problems: ProblemList) -> Worksheet:
    """The sheet holding the data: the one named as in the template, else the only other sheet."""
    known = {header_key(name) for name in TEMPLATE_EXTRA_SHEETS}
    candidates = [ws for ws in workbook.worksheets if header_key(ws.title) not in known]
    if not candidates:
        raise _Rejected(_("The workbook has no sheet with data to import."))
    chosen = next((ws for ws in candidates if header_key(ws.title) == header_key(wanted)), candidates[0])
    others = [ws.title for ws in candidates if ws is not chosen]
    if others:
        problems.add(
            None,
            None,
            _(
                "The workbook has other sheets besides '{sheet}': {others}. Delete them, or keep each "
                "kind of data in a file of its own.",
                sheet=chosen.title,
                others=", ".join(f"'{title}'" for title in others),
            ),
        )
    return chosen


# --- the data sheet ----------------------------------------------------------------------------------


def _read(sheet: Sheet, ws: Worksheet, columns: tuple[Column, ...]) -> None:
    # As far as values go, not as far as the sheet says it reaches (its dimension, its formatting).
    used = [position for position, cell in ws._cells.items() if cell.value is not None]
    last_row = max((row for row, _column in used), default=0)
    last_column = max((column for _row, column in used), default=0)
    grid = [list(cells) for cells in ws.iter_rows(min_row=1, max_row=last_row, max_col=last_column)] if used else []
    if not grid or all(_is_empty_row(cells) for cells in grid):
        raise _Rejected(_("The sheet '{sheet}' is empty.", sheet=ws.title))
    by_index = _headers(sheet, grid[0], columns)
    # Every header as written, known or not: problems in a column are reported under its header.
    titles = {index: str(cell.value).strip() for index, cell in enumerate(grid[0]) if not is_blank(cell.value)}
    _report_formulas(sheet, grid, titles)
    _report_merged(sheet, ws, titles)
    data = _trim_trailing_empty(grid[1:])
    if not data:
        raise _Rejected(
            _("The sheet '{sheet}' has no rows below the header row; there is nothing to import.", sheet=ws.title)
        )
    if len(data) > MAX_ROWS:
        raise _Rejected(
            _(
                "The sheet has {n} rows; at most {max} can be imported at once. Split the file.",
                n=len(data),
                max=MAX_ROWS,
            )
        )
    _report_headerless_values(sheet, data, titles)
    sheet.rows = _rows(sheet, data, by_index)
    missing = [c.header for c in columns if c.required and c.key not in sheet.headers]
    if missing:
        sheet.problems.add(HEADER_ROW, None, _("Required columns are missing: {columns}.", columns=", ".join(missing)))
    sheet.complete = not missing


def _is_empty_row(cells: list[Any]) -> bool:
    return all(is_blank(cell.value) for cell in cells)


def _trim_trailing_empty(rows: list[list[Any]]) -> list[list[Any]]:
    end = len(rows)
    while end and _is_empty_row(rows[end - 1]):
        end -= 1
    return rows[:end]


def _headers(sheet: Sheet, cells: list[Any], columns: tuple[Column, ...]) -> dict[int, str]:
    """Column index -> column key for the recognised headers; unknown and repeated ones are reported."""
    names = {header_key(name): column for column in columns for name in column.names}
    by_index: dict[int, str] = {}
    for index, cell in enumerate(cells):
        if is_blank(cell.value) or cell.data_type == "f":
            continue
        written = str(cell.value).strip()
        sheet.positions.setdefault(written, index)
        column = names.get(header_key(written))
        if column is None:
            sheet.problems.add(HEADER_ROW, written, _unknown_column(written, columns))
        elif column.key in sheet.headers:
            sheet.problems.add(HEADER_ROW, written, _("The column appears more than once."))
        else:
            sheet.headers[column.key] = written
            by_index[index] = column.key
    return by_index


def _unknown_column(written: str, columns: tuple[Column, ...]) -> str:
    known = {header_key(name): name for column in columns for name in column.names}
    close = difflib.get_close_matches(header_key(written), list(known), n=1, cutoff=0.6)
    if close:
        return _("Unknown column '{header}' – did you mean '{suggestion}'?", header=written, suggestion=known[close[0]])
    return _(
        "Unknown column '{header}'. Delete it, or name it as one of: {columns}.",
        header=written,
        columns=", ".join(c.header for c in columns),
    )


def _column_name(sheet: Sheet, titles: dict[int, str], index: int) -> str:
    return titles.get(index) or _letter(sheet, index)


def _letter(sheet: Sheet, index: int) -> str:
    letter = get_column_letter(index + 1)
    sheet.positions.setdefault(letter, index)
    return letter


def _report_formulas(sheet: Sheet, grid: list[list[Any]], titles: dict[int, str]) -> None:
    for cells in grid:
        for index, cell in enumerate(cells):
            if cell.data_type == "f":
                formula = getattr(cell.value, "text", cell.value)  # array formulas keep their text apart
                sheet.problems.add(
                    cell.row,
                    _column_name(sheet, titles, index),
                    _(
                        "The cell holds a formula ({formula}); only typed values are imported. Replace it "
                        "by its value (copy, then paste values).",
                        formula=formula,
                    ),
                )


def _report_merged(sheet: Sheet, ws: Worksheet, titles: dict[int, str]) -> None:
    for cells in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        sheet.problems.add(
            cells.min_row,
            _column_name(sheet, titles, cells.min_col - 1),
            _(
                "The cells {cells} are merged; unmerge them so that each value has a cell of its own.",
                cells=cells.coord,
            ),
        )


def _report_headerless_values(sheet: Sheet, data: list[list[Any]], titles: dict[int, str]) -> None:
    """Values under a column without any header: reported once per column, at its first value."""
    reported: set[int] = set()
    for cells in data:
        for index, cell in enumerate(cells):
            if index not in titles and index not in reported and not is_blank(cell.value):
                sheet.problems.add(
                    cell.row,
                    _letter(sheet, index),
                    _("The column has values but no header; give it a header or delete it."),
                )
                reported.add(index)


def _rows(sheet: Sheet, data: list[list[Any]], by_index: dict[int, str]) -> list[SheetRow]:
    rows: list[SheetRow] = []
    empty_run: list[int] = []
    for cells in data:
        number = cells[0].row
        if _is_empty_row(cells):
            empty_run.append(number)
            continue
        _report_empty_run(sheet, empty_run)
        empty_run = []
        values = {key: cells[index].value for index, key in by_index.items()}
        unreadable = frozenset(key for index, key in by_index.items() if cells[index].data_type == "f")
        rows.append(SheetRow(number, values, unreadable))
    return rows


def _report_empty_run(sheet: Sheet, numbers: list[int]) -> None:
    if len(numbers) == 1:
        sheet.problems.add(numbers[0], None, _("The row is empty; delete it."))
    elif numbers:
        sheet.problems.add(
            numbers[0], None, _("Rows {first}–{last} are empty; delete them.", first=numbers[0], last=numbers[-1])
        )


def personal_data(sheet: Sheet, keys: tuple[str, ...], *, remove: bool = False) -> tuple[Sheet, int]:
    """How many cells of the free-text columns `keys` hold personal data (app/privacy), and the sheet:
    as it was, or with `remove` every personnummer, phone number, address … replaced by its
    placeholder ("[personnummer]"), the rest of each text as it was ("remove all" of an import)."""
    found = 0
    rows = []
    for row in sheet.rows:
        values = row.values
        for key in keys:
            value = values.get(key)
            if not isinstance(value, str):
                continue
            hits = find_personal_data(value)
            if hits:
                found += 1
                if remove:
                    values = {**values, key: replace_hits(value, hits)}
        rows.append(row if values is row.values else dataclasses.replace(row, values=values))
    return (dataclasses.replace(sheet, rows=rows) if remove else sheet), found
