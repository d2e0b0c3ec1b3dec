""" "Exportera till Excel" for any table: what the table shows, with its filters and sort, in one sheet.

The rows are streamed, so a table of a million rows is written without holding it in memory.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from app.exports.book import Book
from app.exports.excel import ExportColumn, Stamp, classification_marking, now_aware
from app.exports.stream import check_writable
from app.services.context import Actor

__all__ = ["ExportColumn", "TableExportResult", "write_table"]


@dataclass(frozen=True)
class TableExportResult:
    path: Path
    rows: int
    truncated_cells: int  # text values longer than Excel's limit, cut (the user should be told)


def write_table(
    path: str | os.PathLike[str],
    title: str,
    columns: Sequence[ExportColumn],
    rows: Iterable[Sequence[object]],
    *,
    actor: Actor,
    description: str = "",
    now: dt.datetime | None = None,
    classification: str | None = None,
) -> TableExportResult:
    """Write one table to `path` (.xlsx): a title line, the filters (`description`: the period, filters
    and sort; "none" when empty), who exported it when under which marking, then the rows.

    `rows` may be any iterable, e.g. a generator over a million database rows; values are typed by
    their column's kind. `classification` overrides the marking derived from the actor. Internal rows
    are marked in the rows themselves: a table of observations carries their "Visible to" column.
    """
    target = check_writable(path)
    stamp = Stamp(
        title=title,
        actor=actor,
        now=now_aware(now),
        marking=classification or classification_marking(actor),
        description=description,
        filters=description,
    )
    with Book(stamp) as book:
        sheet = book.sheet(title)
        sheet.title(title)
        sheet.line(stamp.filters_line)
        sheet.note(f"{stamp.exported_by}. {stamp.marking}")
        _area, count = sheet.stream_table(title, columns, rows)
        saved = book.save(target)
        return TableExportResult(path=saved, rows=count, truncated_cells=book.truncated)
