"""What an import reports: the problems found by row and column, the preview, the result, the refusal."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import Any

from app.errors import TrygghetError
from app.i18n import _
from app.services.observations import ObservationInput


class ImportKind(enum.StrEnum):
    OBSERVATIONS = "observations"
    MEASUREMENTS = "measurements"
    PLACES = "places"
    CATEGORIES = "categories"


@dataclass(frozen=True)
class ImportProblem:
    """One thing to fix. `row` is the Excel row number the user sees; `column` the header as written
    in the file (or the column letter where there is no header). Both are None for the whole file."""

    row: int | None
    column: str | None
    message: str


@dataclass(frozen=True)
class ValidObservation:
    row: int
    data: ObservationInput
    place_name: str
    category_name: str
    import_key: str  # fingerprint of the row and the importing organisation
    duplicate: bool  # already imported earlier; skipped on import


@dataclass(frozen=True)
class ValidMeasurement:
    row: int
    indicator_id: int
    indicator_name: str
    period_start: dt.date  # the first day of the period the given date lies in
    period_label: str
    value: float
    note: str
    duplicate: bool  # the same value and note are already stored (or stand earlier in the file)
    replaces: float | None = None  # the value stored now for the period, when the import changes it


@dataclass(frozen=True)
class ValidPlace:
    row: int
    name: str
    values: dict[str, Any]  # the PlaceInput fields the row gives, checked
    duplicate: bool  # the place exists with these values (or stands earlier in the file); skipped


@dataclass(frozen=True)
class ValidCategory:
    row: int
    code: str  # upper case, as stored
    name: str
    parent_code: str  # "" for a top-level event type
    area_id: int | None  # in the agreement period in force
    area_name: str
    active: bool
    duplicate: bool  # the event type exists with these values (or stands earlier in the file); skipped


@dataclass(frozen=True)
class ImportPreview:
    """Everything an import would do, found without saving anything."""

    kind: ImportKind
    file_name: str
    rows: int  # data rows read, not counting the header and trailing empty rows
    valid: tuple[Any, ...]  # ValidObservation, ValidMeasurement, ValidPlace or ValidCategory, in file order
    problems: tuple[ImportProblem, ...]
    duplicates: int  # valid rows that are already in the database and would be skipped
    personal_data: int = 0  # free-text cells holding personal data (refused; "remove all" replaces them)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def new_rows(self) -> int:
        return len(self.valid) - self.duplicates


@dataclass(frozen=True)
class ImportResult:
    added: int
    duplicates: int
    replaced: int = 0  # measurements only: periods whose stored value the import changed


class ImportRejected(TrygghetError):
    """The file has problems; nothing was imported."""

    def __init__(self, problems: tuple[ImportProblem, ...], file_name: str = ""):
        super().__init__(
            _(
                "Nothing was imported from {file}: correct the {n} problems listed.",
                file=file_name or "?",
                n=len(problems),
            )
        )
        self.problems = problems
        self.file_name = file_name


def describe(problem: ImportProblem) -> str:
    """One line: "row 7, Place: Unknown place …", as the command line prints it."""
    message = " ".join(problem.message.split())
    if problem.row is not None and problem.column:
        return _("row {row}, {column}: {message}", row=problem.row, column=problem.column, message=message)
    if problem.row is not None:
        return _("row {row}: {message}", row=problem.row, message=message)
    if problem.column:
        return _("{column}: {message}", column=problem.column, message=message)
    return message


@dataclass
class ProblemList:
    """Problems in the order found; a row's column is reported once, with the first message."""

    items: list[ImportProblem] = field(default_factory=list)
    _seen: set[tuple[int | None, str | None]] = field(default_factory=set)

    def add(self, row: int | None, column: str | None, message: str) -> None:
        if row is not None and column is not None:
            if (row, column) in self._seen:
                return
            self._seen.add((row, column))
        self.items.append(ImportProblem(row, column, message))

    def freeze(self) -> tuple[ImportProblem, ...]:
        return tuple(self.items)
