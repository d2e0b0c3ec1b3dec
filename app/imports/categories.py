"""Importing event types from a spreadsheet (an administrator's first set-up): preview, then save all rows or none.

An event type is found by its code (ignoring case; stored in capitals) and counts to an area of the
agreement period in force. One the program has with the same name, parent, area and state is
skipped, so importing a file twice adds nothing; one it has with other values is a problem of each
column that differs, not an update: moving an event type to another area changes the area figures,
which the program asks about before saving (`category edit --area`). A parent is an event type of
the program or of the file (in any row order); the new ones are saved parents first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from app.domain import permissions
from app.errors import ValidationError
from app.i18n import _
from app.imports.columns import ACTIVE, CATEGORIES_SHEET, CATEGORY_COLUMNS
from app.imports.problems import ImportKind, ImportPreview, ImportResult, ValidCategory
from app.imports.rows import RowCheck, preview, reject_if_problems, reject_row
from app.imports.values import Names, UnknownName, parse_choice, text
from app.imports.workbook import Sheet, read_sheet
from app.services import reference as service
from app.services.context import Actor
from app.services.validation import Checker

# The category service's field names, and the import column each comes from.
_SERVICE_FIELDS = {"code": "code", "name": "name", "parent_id": "parent", "area_id": "area", "period_id": "area"}

UNKNOWN_AREA = UnknownName(
    lambda value, suggestion: _(
        "Unknown area '{value}' – did you mean '{suggestion}'?", value=value, suggestion=suggestion
    ),
    lambda value: _("Unknown area '{value}'; the template lists the areas of the agreement period.", value=value),
)


def preview_categories(session: Session, actor: Actor, path: Path | str) -> ImportPreview:
    """Read and check the file; nothing is saved. `valid` holds ValidCategory items."""
    permissions.require_admin(actor)
    sheet = read_sheet(path, CATEGORY_COLUMNS, CATEGORIES_SHEET)
    valid = _Checking(session, actor, sheet).rows() if sheet.complete else []
    return preview(ImportKind.CATEGORIES, sheet, valid)


def import_categories(session: Session, actor: Actor, path: Path | str) -> ImportResult:
    """Save every new event type of the file in the caller's transaction, or raise ImportRejected and save none."""
    checked = preview_categories(session, actor, path)
    reject_if_problems(checked)
    new = [item for item in checked.valid if not item.duplicate]
    period = service.period_in_force(session, actor)
    ids = {c.code.upper(): c.id for c in service.list_categories(session, actor)}
    headers = {c.key: c.header for c in CATEGORY_COLUMNS}
    with session.begin_nested():  # all rows or, on an error, none of them
        for item in _parents_first(new):
            data = service.CategoryInput(
                code=item.code,
                name=item.name,
                area_id=item.area_id,
                parent_id=ids[item.parent_code] if item.parent_code else None,
                active=item.active,
                period_id=period.id if period else None,
            )
            try:
                ids[item.code] = service.create_category(session, actor, data).id
            except ValidationError as exc:
                # The preview checked the same rules; only an event type added meanwhile lands here.
                field, message = next(iter(exc.errors.items()))
                raise reject_row(
                    checked.file_name, item.row, headers.get(_SERVICE_FIELDS.get(field, "")), message
                ) from exc
    return ImportResult(added=len(new), duplicates=checked.duplicates)


def _parents_first(items: list[ValidCategory]) -> list[ValidCategory]:
    """The new event types, each after its parent when the parent is new too (the preview refused loops)."""
    new = {item.code: item for item in items}

    def depth(item: ValidCategory) -> int:
        steps, parent = 0, item.parent_code
        while parent in new and steps <= len(new):
            steps, parent = steps + 1, new[parent].parent_code
        return steps

    return sorted(items, key=lambda item: (depth(item), item.row))


# --- checking the rows -------------------------------------------------------------------------------


@dataclass
class _Row:
    number: int
    check: RowCheck
    code: str
    name: str
    parent_code: str
    area: service.AreaRow | None
    active: bool


class _Checking:
    """The rows of one sheet against the stored event types, the areas in force and each other."""

    def __init__(self, session: Session, actor: Actor, sheet: Sheet):
        self.sheet = sheet
        self.period = service.period_in_force(session, actor)
        areas = service.list_areas(session, actor, period_id=self.period.id) if self.period else []
        self.areas = Names.build((((a.name,), a.name, a.active, a) for a in areas), UNKNOWN_AREA)
        self.stored = {c.code.upper(): c for c in service.list_categories(session, actor)}
        self.stored_codes = {c.id: c.code.upper() for c in self.stored.values()}

    def rows(self) -> list[ValidCategory]:
        read = [row for row in (self._read(RowCheck(self.sheet, r)) for r in self.sheet.rows) if row is not None]
        first: dict[str, _Row] = {}
        valid: list[ValidCategory] = []
        for row in read:
            earlier = first.get(row.code)
            if earlier is not None:
                if self._values(earlier) != self._values(row):
                    row.check.fail(
                        "code", _("Row {row} already gives this event type with other values.", row=earlier.number)
                    )
                else:
                    valid.append(self._valid(row, duplicate=True))
                continue
            first[row.code] = row
        new = {code: row for code, row in first.items() if code not in self.stored}
        for row in first.values():
            if row.code in self.stored:
                self._report_differences(row)
            else:
                self._check_parent(row, new)
            if not row.check.failed:
                valid.append(self._valid(row, duplicate=row.code in self.stored))
        return sorted(valid, key=lambda item: item.row)

    def _read(self, check: RowCheck) -> _Row | None:
        fields = Checker()
        code = fields.text("code", check.read("code", text, required=True), max_length=32).upper()
        name = fields.text("name", check.read("name", text, required=True), max_length=120)
        parent = fields.text("parent_id", text(check.raw("parent")), max_length=32).upper()
        area = check.read("area", self.areas.find)
        if area is None and self.period is None and text(check.raw("area")):
            check.fail("area", _("There is no agreement period yet, so there are no areas to count to."))
        active = check.read("active", parse_choice, ACTIVE)
        if parent and parent == code:
            fields.fail("parent_id", _("A category cannot lie under itself."))
        check.service_errors(fields.errors, _SERVICE_FIELDS)
        if check.failed or not code or not name:
            return None
        return _Row(check.row.number, check, code, name, parent, area, bool(active))

    def _values(self, row: _Row) -> tuple[object, ...]:
        return (" ".join(row.name.split()), row.parent_code, row.area.id if row.area else None, row.active)

    def _valid(self, row: _Row, *, duplicate: bool) -> ValidCategory:
        area_id, area_name = (row.area.id, row.area.name) if row.area else (None, "")
        return ValidCategory(
            row.number, row.code, row.name, row.parent_code, area_id, area_name, row.active, duplicate=duplicate
        )

    def _check_parent(self, row: _Row, new: dict[str, _Row]) -> None:
        if not row.parent_code:
            return
        if row.parent_code not in self.stored and row.parent_code not in new:
            row.check.fail(
                "parent",
                _(
                    "Unknown parent code '{code}': no event type in the program or in the file has it.",
                    code=row.parent_code,
                ),
            )
            return
        seen = {row.code}
        parent = new.get(row.parent_code)
        while parent is not None:  # only new rows can make a loop: the stored tree has none
            if parent.code in seen:
                row.check.fail(
                    "parent", _("The parent codes of the file go round in a loop through {code}.", code=row.code)
                )
                return
            seen.add(parent.code)
            parent = new.get(parent.parent_code)

    def _report_differences(self, row: _Row) -> None:
        stored = self.stored[row.code]
        parent = self.stored_codes.get(stored.parent_id, "") if stored.parent_id is not None else ""
        differences = (
            ("name", " ".join(stored.name.split()) != " ".join(row.name.split()), f"'{stored.name}'"),
            ("parent", parent != row.parent_code, f"'{parent}'" if parent else _("an empty cell")),
            (
                "area",
                stored.area_id != (row.area.id if row.area else None),
                f"'{stored.area_name}'" if stored.area_name else _("an empty cell"),
            ),
            ("active", stored.active != row.active, f"'{ACTIVE.words(stored.active)[0]}'"),
        )
        for column, differs, value in differences:
            if differs:
                row.check.fail(
                    column,
                    _(
                        "The event type {code} is already in the program with {value} here. An import does not "
                        "change a stored event type: change it under File → Administration or with '{command}', "
                        "or remove the row.",
                        code=stored.code,
                        value=value,
                        command=f"trygghetscenter category edit {stored.code}",
                    ),
                )
