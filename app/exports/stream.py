"""The rows of a large table, written straight as worksheet XML and spliced into the saved workbook.

openpyxl builds a Python object per cell and serialises it element by element; for 100,000
observations of 17 columns that alone takes longer than the whole report may (measured: about
25 s here). So the big tables bypass it: each row becomes one XML string, and `save_spliced` puts
the rows into the sheet openpyxl wrote (header, table, print set-up and all). Only the data rows
take this path; their formats are the workbook's own cell styles, registered through openpyxl.

When the number of rows is known beforehand (`RowStream.defer`: the report counts its rows in the
same snapshot), the rows are read from the database only while the file is saved and go straight
into the sheet's entry of the final zip file, compressed once. Otherwise (`RowStream.write`: any
iterable) they are compressed into a temporary file as they come and inflated into the sheet at
saving, since the sheet's head (its dimension) and the table's range need the count first.
"""

from __future__ import annotations

import datetime as dt
import errno
import io
import math
import os
import re
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.exports.excel import (
    KIND_ALIGNMENT,
    MAX_ROWS,
    NUMBER_FORMATS,
    NUMERIC_ALIGNMENT,
    NUMERIC_KINDS,
    WRAP_TOP,
    ExportColumn,
    ExportError,
    Styled,
    excel_value,
    safe_text,
)
from app.files import whole_file
from app.i18n import _

EXCEL_EPOCH_ORDINAL = dt.date(1899, 12, 30).toordinal()
UNIX_EPOCH_SERIAL = dt.date(1970, 1, 1).toordinal() - EXCEL_EPOCH_ORDINAL  # 25569
SECONDS_PER_DAY = 86_400
ROWS_PER_CHUNK = 1_000
CACHED_TEXT_MAX = 80  # names, categories, labels: the same few strings on every row
CACHE_ENTRIES = 50_000
SPLICE_LEVEL = 1  # deflate level of the big sheet: several times faster than the default, ~1.3x larger


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")  # an XML reader would turn a bare CR into a line feed
    return text


def _serial(value: object) -> str:
    """A number, date, time or date-time as the number Excel stores."""
    if isinstance(value, dt.datetime):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return repr(value.toordinal() - EXCEL_EPOCH_ORDINAL + seconds / SECONDS_PER_DAY)
    if isinstance(value, dt.date):
        return str(value.toordinal() - EXCEL_EPOCH_ORDINAL)
    if isinstance(value, dt.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        return repr(seconds / SECONDS_PER_DAY)
    return repr(value) if isinstance(value, float) else str(value)


class RowStream:
    """Data rows of one table, from `first_row` down, kept compressed until the workbook is saved."""

    def __init__(self, ws: Worksheet, columns: Sequence[ExportColumn], first_row: int):
        self.first_row = first_row
        self.next_row = first_row
        self.truncated = 0
        self._ws = ws
        self._style_ids: dict[tuple[str, bool], int] = {}
        self._offsets: dict[int, int] = {}  # hour since 1970 -> the local zone's offset in seconds
        self._encoders = [self._encoder(get_column_letter(i), c) for i, c in enumerate(columns, start=1)]
        self._file: IO[bytes] | None = None  # the rows written so far, compressed (`write`)
        self._compressor = zlib.compressobj(SPLICE_LEVEL)
        self._pending: Iterable[Sequence[object]] | None = None  # the rows to encode while saving (`defer`)
        self._finished = False
        self._encoded_to = first_row
        self._announced = 0  # how many rows `defer` was told to expect

    def _style(self, kind: str, wrap: bool = False) -> int:
        """The index of the workbook's cell style for a kind, registered through openpyxl so that it is saved."""
        key = (kind, wrap)
        if key not in self._style_ids:
            template = WriteOnlyCell(self._ws)
            if kind in NUMBER_FORMATS:
                template.number_format = NUMBER_FORMATS[kind]
            if kind in KIND_ALIGNMENT:
                template.alignment = KIND_ALIGNMENT[kind]
            if kind in NUMERIC_KINDS:  # as put() does: right-aligned, clear of the next column's text
                template.alignment = NUMERIC_ALIGNMENT
            if wrap:
                template.alignment = WRAP_TOP
            self._style_ids[key] = template.style_id
        return self._style_ids[key]

    @property
    def rows(self) -> int:
        return self.next_row - self.first_row

    @property
    def last_row(self) -> int:
        return self.next_row - 1

    # --- cells ---

    def _text_body(self, value: object) -> str:
        # An inline string is always text: "=SUM(A1)" or "+46 70" can never become a formula.
        text, cut = safe_text(value)
        self.truncated += cut
        space = ' xml:space="preserve"' if text[:1].isspace() or text[-1:].isspace() else ""
        return f"<is><t{space}>{_escape(text)}</t></is>"

    def _encoder(self, letter: str, column: ExportColumn) -> Callable[[str, object], str]:
        """A function (row number, value) -> the cell's XML, with fast paths for the column's usual type.

        This runs once per cell (1.7 million times for a year of observations), so the common cases
        avoid function calls and cache what repeats: names and labels, dates.
        """
        start = f'<c r="{letter}'
        text_style = f' s="{self._style("text", True)}"' if column.wrap else ""
        texts: dict[str, str] = {}

        def text(n: str, value: object) -> str:
            if type(value) is str and len(value) <= CACHED_TEXT_MAX:
                tail = texts.get(value)
                if tail is None:
                    tail = f'"{text_style} t="inlineStr">{self._text_body(value)}</c>' if value else ""
                    if len(texts) < CACHE_ENTRIES:
                        texts[value] = tail
                return start + n + tail if tail else ""
            return f'{start}{n}"{text_style} t="inlineStr">{self._text_body(value)}</c>'

        def typed(n: str, value: object) -> str:
            stored, shown_as = excel_value(value.value if isinstance(value, Styled) else value, column.kind)
            if stored is None:
                return ""
            if shown_as == "text":
                return text(n, stored)
            return f'{start}{n}" s="{self._style(shown_as)}"><v>{_serial(stored)}</v></c>'

        fast_type, fast = self._fast_path(column.kind)
        if fast_type is None:

            def encode_text(n: str, value: object) -> str:
                if type(value) is str:
                    tail = texts.get(value)
                    if tail is not None:
                        return start + n + tail if tail else ""
                    return text(n, value)
                return typed(n, value)

            return encode_text

        def encode(n: str, value: object) -> str:
            kind = type(value)
            if kind is fast_type:
                return start + n + fast(value)
            if kind is str:
                return text(n, value)
            return typed(n, value)

        return encode

    def _fast_path(self, kind: str) -> tuple[type | None, Callable[[object], str]]:
        """The Python type a column of this kind usually holds, and its cell XML after the row number."""
        if kind not in NUMBER_FORMATS:  # text
            return None, str
        mid = f'" s="{self._style(kind)}"><v>'
        if kind == "date":
            serials: dict[dt.date, str] = {}

            def date(value) -> str:
                tail = serials.get(value)
                if tail is None:
                    tail = serials[value] = f"{mid}{_serial(value)}</v></c>"
                return tail

            return dt.date, date
        if kind == "datetime":
            return dt.datetime, lambda value: f"{mid}{self._local_serial(value)}</v></c>"
        if kind == "time":
            return dt.time, lambda value: f"{mid}{_serial(value)}</v></c>"
        if kind in ("float", "percent", "signed_percent"):
            return float, lambda value: f"{mid}{value!r}</v></c>" if math.isfinite(value) else ""
        return int, lambda value: f"{mid}{value}</v></c>"

    def _local_serial(self, value: dt.datetime) -> str:
        """A date-time as Excel's serial number in local time (a stored UTC time reads as the reader's clock).

        The same as `_serial(local_naive(value))`, several times faster: the zone's offset is looked up
        once per hour of the timeline (offsets change only on whole hours).
        """
        if value.tzinfo is None:
            return _serial(value)
        stamp = value.timestamp()
        hour = int(stamp // 3600)
        offset = self._offsets.get(hour)
        if offset is None:
            offset = self._offsets[hour] = time.localtime(stamp).tm_gmtoff
        return repr((stamp + offset) / SECONDS_PER_DAY + UNIX_EPOCH_SERIAL)

    # --- rows ---

    def _too_many(self) -> ExportError:
        return ExportError(
            _(
                "The table has more rows than one Excel sheet can hold ({limit}); choose a shorter period "
                "or a narrower filter.",
                limit=f"{MAX_ROWS - self.first_row + 1:,}".replace(",", " "),
            )
        )

    def _chunks(self, rows: Iterable[Sequence[object]], start: int) -> Iterator[bytes]:
        """The rows' XML from row `start` down, in blocks of ROWS_PER_CHUNK rows; `_encoded_to` follows the
        number of the row after the last one encoded."""
        chunk: list[str] = []
        encoders = self._encoders
        number = start
        for row in rows:
            if number > MAX_ROWS:
                raise self._too_many()
            n = str(number)
            cells = "".join([encode(n, value) for encode, value in zip(encoders, row) if value is not None])
            chunk.append(f'<row r="{n}">{cells}</row>')
            number += 1
            if len(chunk) >= ROWS_PER_CHUNK:
                self._encoded_to = number
                yield "".join(chunk).encode("utf-8")
                chunk.clear()
        self._encoded_to = number
        if chunk:
            yield "".join(chunk).encode("utf-8")

    def write(self, rows: Iterable[Sequence[object]]) -> None:
        """Encode `rows` now, kept compressed in a temporary file until the workbook is saved."""
        if self._finished or self._pending is not None:
            raise RuntimeError("the rows of this table have already been finished")
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix="trygghetscenter-export-")
        for block in self._chunks(rows, self.next_row):
            self._file.write(self._compressor.compress(block))
        self.next_row = self._encoded_to

    def defer(self, rows: Iterable[Sequence[object]], count: int) -> None:
        """Take exactly `count` rows, to be read and encoded only while the workbook is saved, straight into
        the sheet in the file: the rows are compressed once, and nothing of them is kept meanwhile."""
        if self._finished or self._pending is not None or self.rows:
            raise RuntimeError("the rows of this table have already been finished")
        if self.first_row + count - 1 > MAX_ROWS:
            raise self._too_many()
        self._pending, self._announced = rows, count
        self.next_row = self.first_row + count
        self._finished = True

    def finish(self) -> None:
        if not self._finished:
            if self._file is not None:
                self._file.write(self._compressor.flush())
            self._finished = True

    def copy_into(self, out: IO[bytes]) -> None:
        self.finish()
        if self._pending is not None:
            rows, self._pending = self._pending, None
            for block in self._chunks(rows, self.first_row):
                out.write(block)
            if self._encoded_to - self.first_row != self._announced:  # they should come from one snapshot
                raise ExportError(
                    _("The data changed while the file was being written; nothing was saved. Export again.")
                )
            return
        if self._file is None:
            return
        self._file.seek(0)
        inflater = zlib.decompressobj()
        while block := self._file.read(1 << 20):
            out.write(inflater.decompress(block))
        out.write(inflater.flush())

    def close(self) -> None:
        self._pending = None
        if self._file is not None:
            self._file.close()


# --- saving ------------------------------------------------------------------------------------------

_DIMENSION = re.compile(r'<dimension ref="[^"]*"\s*/>')
_EMPTY_SHEET_DATA = re.compile(r"<sheetData\s*/>")


def _splice_sheet(xml: str, stream: RowStream, last_col: int, out: IO[bytes]) -> None:
    """The sheet openpyxl wrote, with the streamed rows added at the end of its sheetData."""
    xml = _DIMENSION.sub(f'<dimension ref="A1:{get_column_letter(last_col)}{max(stream.last_row, 1)}" />', xml, count=1)
    xml = _EMPTY_SHEET_DATA.sub("<sheetData></sheetData>", xml, count=1)
    head, end, tail = xml.partition("</sheetData>")
    if not end:
        raise RuntimeError("openpyxl wrote a sheet without sheetData")
    out.write(head.encode("utf-8"))
    stream.copy_into(out)
    out.write((end + tail).encode("utf-8"))


def target_path(path: str | os.PathLike[str]) -> Path:
    """The file to write: .xlsx is added when no suffix is given; another suffix is refused."""
    target = Path(path).expanduser()
    if str(path).strip() == "":
        raise ExportError(_("No file name was given."))
    if target.exists() and not target.is_file() and not target.is_dir():  # /dev/full, a pipe: not a file to save
        raise ExportError(_("Cannot save {path}: it is not an ordinary file.", path=target))
    if not target.suffix:
        return target.with_name(target.name + ".xlsx")
    if target.suffix.lower() != ".xlsx":
        raise ExportError(_("Excel files are saved as .xlsx, not as '{suffix}'.", suffix=target.suffix))
    return target


def write_error(target: Path, exc: OSError) -> ExportError:
    if exc.errno == errno.ENOSPC:
        return ExportError(
            _("Cannot save {path}: the disk is full. Nothing was written; free some space and try again.", path=target)
        )
    if isinstance(exc, FileNotFoundError) and not target.parent.is_dir():
        return ExportError(
            _("Cannot save {path}: the folder {folder} does not exist.", path=target, folder=target.parent)
        )
    if isinstance(exc, IsADirectoryError) or target.is_dir():
        return ExportError(_("Cannot save {path}: it is a folder.", path=target))
    if isinstance(exc, PermissionError):
        return ExportError(
            _(
                "Cannot save {path}: no permission to write there, or the file is open in another program "
                "(close it in Excel and try again).",
                path=target,
            )
        )
    return ExportError(_("Cannot save {path}: {detail}", path=target, detail=exc.strerror or exc))


def check_writable(path: str | os.PathLike[str]) -> Path:
    """Fail early, before a long export, when the file could not be saved where asked."""
    target = target_path(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        os.unlink(name)
        if target.is_dir():
            raise IsADirectoryError(target)
    except OSError as exc:
        raise write_error(target, exc) from exc
    return target


def save_spliced(
    wb: Workbook, path: str | os.PathLike[str], streams: Sequence[tuple[Worksheet, RowStream, int]]
) -> Path:
    """Save `wb` with each stream's rows in its sheet; the file appears whole at `path`, or not at all.

    Written to a temporary file in the target folder and renamed over the target, so a reader never
    sees half a file and a failure leaves the old file (if any) as it was.
    """
    target = target_path(path)
    buffer = io.BytesIO()
    wb.save(buffer)  # small: everything but the streamed rows
    by_part: dict[str, tuple[RowStream, int]] = {
        ws.path.lstrip("/"): (stream, last_col) for ws, stream, last_col in streams
    }
    try:
        with (
            whole_file(target) as raw,
            zipfile.ZipFile(buffer) as source,
            zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED, compresslevel=SPLICE_LEVEL) as archive,
        ):
            for info in source.infolist():
                if info.filename in by_part:
                    stream, last_col = by_part[info.filename]
                    with archive.open(info.filename, "w", force_zip64=True) as out:
                        _splice_sheet(source.read(info).decode("utf-8"), stream, last_col, out)
                else:
                    archive.writestr(info, source.read(info))
    except OSError as exc:
        raise write_error(target, exc) from exc
    return target
