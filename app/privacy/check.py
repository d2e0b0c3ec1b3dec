"""Checking the texts a form or an import is about to store: which field (or row and column) holds
which personal data. The services call these before saving; what to do with a hit (warn, block,
replace) is theirs to decide."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from app.privacy.detect import Hit, find_personal_data, replace_hits


def check_texts(fields: Mapping[str, str | None]) -> dict[str, list[Hit]]:
    """Field name → the hits in its text, for the fields that hold any (empty: nothing found)."""
    found: dict[str, list[Hit]] = {}
    for name, text in fields.items():
        hits = find_personal_data(text or "")
        if hits:
            found[name] = hits
    return found


def cleaned_texts(fields: Mapping[str, str | None], hits: Mapping[str, list[Hit]]) -> dict[str, str]:
    """The fields with every hit replaced by its placeholder ("remove all" in one step); fields
    without hits as they were."""
    return {name: replace_hits(text or "", hits.get(name, [])) for name, text in fields.items()}


@dataclass(frozen=True)
class RowHit:
    """A hit in an import: its row (as the caller numbers rows, e.g. the spreadsheet's row number),
    its column and what was found."""

    row: int
    column: str
    hit: Hit


def scan_rows(rows: Iterable[tuple[int, Mapping[str, str | None]]]) -> list[RowHit]:
    """Every hit in the rows of an import, by row and then column as given."""
    found: list[RowHit] = []
    for row_number, fields in rows:
        for column, hits in check_texts(fields).items():
            found += [RowHit(row_number, column, hit) for hit in hits]
    return found
