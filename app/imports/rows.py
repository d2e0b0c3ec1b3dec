"""What both imports share: checking one row cell by cell, and turning a read sheet into a preview."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from app.i18n import _
from app.imports.problems import ImportKind, ImportPreview, ImportProblem, ImportRejected
from app.imports.values import CellError, is_blank
from app.imports.workbook import Sheet, SheetRow

T = TypeVar("T")


class RowCheck:
    """Reads the cells of one row; every problem is reported on the row and the column's header."""

    def __init__(self, sheet: Sheet, row: SheetRow):
        self.sheet = sheet
        self.row = row
        self.failed = False

    def raw(self, key: str) -> Any:
        return self.row.values.get(key)

    def read(self, key: str, parse: Callable[..., T], *args: Any, required: bool = False) -> T | None:
        """The cell parsed by `parse`; None, with a problem reported, where it cannot be read."""
        if key in self.row.unreadable:
            self.failed = True  # already reported (a formula)
            return None
        value = self.raw(key)
        if required and is_blank(value):
            self.fail(key, _("The cell is empty, but this column is required."))
            return None
        try:
            return parse(value, *args)
        except CellError as exc:
            self.fail(key, exc.message)
            return None

    def fail(self, key: str, message: str) -> None:
        self.failed = True
        if key not in self.row.unreadable:
            self.sheet.problems.add(self.row.number, self.sheet.column(key), message)

    def service_errors(self, errors: dict[str, str], columns: dict[str, str]) -> None:
        """Field errors of a service's validation, reported on the columns the fields come from."""
        for field, message in errors.items():
            self.fail(columns.get(field, field), message)


def preview(kind: ImportKind, sheet: Sheet, valid: Sequence[Any]) -> ImportPreview:
    """The preview of a checked sheet; problems in row order, the file's own first."""
    problems = sorted(
        sheet.problems.freeze(), key=lambda p: (p.row is not None, p.row or 0, sheet.positions.get(p.column or "", -1))
    )
    return ImportPreview(
        kind=kind,
        file_name=sheet.file_name,
        rows=len(sheet.rows),
        valid=tuple(valid),
        problems=tuple(problems),
        duplicates=sum(1 for item in valid if item.duplicate),
    )


def reject_if_problems(result: ImportPreview) -> None:
    if result.problems:
        raise ImportRejected(result.problems, result.file_name)


def reject_row(file_name: str, row: int, column: str | None, message: str) -> ImportRejected:
    return ImportRejected((ImportProblem(row, column, message),), file_name)
