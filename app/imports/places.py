"""Importing places from a spreadsheet (an administrator's first set-up): preview, then save all rows or none.

Each row is checked by the same rules and helpers as the place service. A place is found by its
name (ignoring case): one the program has with the same values is skipped, so importing a file twice
adds nothing. One it has with other values is a problem of each column that differs, not an update:
an import does not change the office's reference data unseen (a place's district or kind moves its
observations in the lägesbild); the message says to change it in the program or with `place edit`.
A name given twice in the file is skipped the second time if the rows agree, and a problem if not.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from app.domain import permissions
from app.errors import ValidationError
from app.i18n import _
from app.imports.columns import PLACE_CHOICES, PLACE_COLUMNS, PLACE_TRAITS, PLACES_SHEET, name_key
from app.imports.problems import ImportKind, ImportPreview, ImportResult, ValidPlace
from app.imports.rows import RowCheck, preview, reject_if_problems, reject_row
from app.imports.values import parse_choice, text
from app.imports.workbook import Sheet, read_sheet
from app.services import reference as service
from app.services.common import TEXT_MAX, parse_number
from app.services.context import Actor
from app.services.validation import Checker

COORDINATE_DIGITS = 6  # coordinates that agree to about 10 cm are the same


def preview_places(session: Session, actor: Actor, path: Path | str) -> ImportPreview:
    """Read and check the file; nothing is saved. `valid` holds ValidPlace items."""
    permissions.require_admin(actor)
    sheet = read_sheet(path, PLACE_COLUMNS, PLACES_SHEET)
    valid = _check_rows(session, actor, sheet) if sheet.complete else []
    return preview(ImportKind.PLACES, sheet, valid)


def import_places(session: Session, actor: Actor, path: Path | str) -> ImportResult:
    """Save every new place of the file in the caller's transaction, or raise ImportRejected and save none."""
    checked = preview_places(session, actor, path)
    reject_if_problems(checked)
    new = [item for item in checked.valid if not item.duplicate]
    with session.begin_nested():  # all rows or, on an error, none of them
        for item in new:
            try:
                service.create_place(session, actor, service.PlaceInput(**item.values))
            except ValidationError as exc:
                # The preview checked the same rules; only a place added meanwhile by someone else lands here.
                field, message = next(iter(exc.errors.items()))
                headers = {c.key: c.header for c in PLACE_COLUMNS}
                raise reject_row(checked.file_name, item.row, headers.get(field), message) from exc
    return ImportResult(added=len(new), duplicates=checked.duplicates)


# --- checking the rows -------------------------------------------------------------------------------


def _check_rows(session: Session, actor: Actor, sheet: Sheet) -> list[ValidPlace]:
    stored = {name_key(p.name): p for p in service.list_places(session, actor)}
    in_file: dict[str, tuple[int, dict[str, Any]]] = {}
    valid = []
    for row in sheet.rows:
        check = RowCheck(sheet, row)
        values = _check_row(check)
        if values is None:
            continue
        key = name_key(values["name"])
        earlier = in_file.get(key)
        if earlier is not None:
            if not _same(earlier[1], values):
                check.fail("name", _("Row {row} already gives this place with other values.", row=earlier[0]))
                continue
            valid.append(ValidPlace(row.number, values["name"], values, duplicate=True))
            continue
        in_file[key] = (row.number, values)
        place = stored.get(key)
        if place is not None:
            _report_differences(check, place, values)
            if check.failed:
                continue
        valid.append(ValidPlace(row.number, values["name"], values, duplicate=place is not None))
    return valid


def _check_row(check: RowCheck) -> dict[str, Any] | None:
    """The PlaceInput fields of the row, checked as the place service checks them; None after a problem."""
    fields = Checker()
    name = fields.text("name", check.read("name", text, required=True), max_length=120)
    district = fields.text("district", check.read("district", text, required=True), max_length=60)
    choices = {key: check.read(key, parse_choice, vocabulary) for key, vocabulary in PLACE_CHOICES.items()}
    latitude = parse_number(
        fields, "latitude", check.raw("latitude"), minimum=service.LATITUDE_RANGE[0], maximum=service.LATITUDE_RANGE[1]
    )
    longitude = parse_number(
        fields,
        "longitude",
        check.raw("longitude"),
        minimum=service.LONGITUDE_RANGE[0],
        maximum=service.LONGITUDE_RANGE[1],
    )
    for field, given, other in (("latitude", latitude, longitude), ("longitude", longitude, latitude)):
        if given is None and other is not None and field not in fields.errors:
            fields.fail(field, _("Enter both latitude and longitude, or neither."))
    notes = fields.free_text("notes", text(check.raw("notes")), max_length=TEXT_MAX)
    check.service_errors(fields.errors, {})  # the fields are named as the columns
    if check.failed or not name or not district:
        return None
    return {
        "name": name,
        "district": district,
        "latitude": latitude,
        "longitude": longitude,
        "notes": notes,
        **choices,
    }


def _comparable(values: dict[str, Any], key: str) -> Any:
    value = values[key]
    if key in ("latitude", "longitude") and value is not None:
        return round(float(value), COORDINATE_DIGITS)
    if key in ("district", "notes"):
        return " ".join(str(value or "").split())
    return value


def _compared() -> tuple[str, ...]:
    return ("district", "place_type", "latitude", "longitude", *PLACE_TRAITS, "notes")


def _same(first: dict[str, Any], second: dict[str, Any]) -> bool:
    return all(_comparable(first, key) == _comparable(second, key) for key in _compared())


def _report_differences(check: RowCheck, place: service.PlaceRow, values: dict[str, Any]) -> None:
    stored = {key: getattr(place, key) for key in _compared()}
    for key in _compared():
        if _comparable(stored, key) != _comparable(values, key):
            check.fail(
                key,
                _(
                    "The place “{name}” is already in the program with {value} here. An import does not change "
                    "a stored place: change it under File → Administration or with '{command}', or remove the row.",
                    name=place.name,
                    value=_shown(key, stored[key]),
                    command=f'trygghetscenter place edit "{place.name}"',
                ),
            )


def _shown(key: str, value: Any) -> str:
    """A stored value in the file's own words."""
    if value is None or value == "":
        return _("an empty cell")
    if key in PLACE_CHOICES:
        return f"'{PLACE_CHOICES[key].words(value)[0]}'"
    return f"'{value}'"
