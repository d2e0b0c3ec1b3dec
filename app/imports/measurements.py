"""Importing indicator measurements from a spreadsheet: preview, then save all rows or none.

A measurement is one value per indicator and period, so an import is idempotent by nature: a row
whose period already holds the same value and note is a duplicate and skipped. A row giving another
value for a period that has one is a problem of that row, naming both values, as every problem is:
nothing is replaced unless the caller says `replace=True` (the user saw the preview and agreed), and
the preview then lists what each such row replaces.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.models import Indicator, Measurement
from app.domain import periods, units
from app.errors import MeasurementExistsError, ValidationError
from app.i18n import _
from app.imports.columns import MEASUREMENT_COLUMNS, MEASUREMENTS_SHEET
from app.imports.problems import ImportKind, ImportPreview, ImportResult, ValidMeasurement
from app.imports.rows import RowCheck, preview, reject_if_problems, reject_row
from app.imports.values import Names, UnknownName, parse_period, text
from app.imports.workbook import Sheet, read_sheet
from app.services.common import TEXT_MAX, parse_number
from app.services.context import Actor
from app.services.followup import check_period, check_value, set_measurement
from app.services.validation import Checker

# set_measurement's field names, and the import column each comes from.
_SERVICE_FIELDS = {"period_start": "period", "value": "value", "note": "note"}

UNKNOWN_INDICATOR = UnknownName(
    lambda value, suggestion: _(
        "Unknown indicator '{value}' – did you mean '{suggestion}'?", value=value, suggestion=suggestion
    ),
    lambda value: _("Unknown indicator '{value}'; the template lists the indicators.", value=value),
)

_Stored = dict[tuple[int, dt.date], tuple[float, str]]  # (indicator, period start) -> (value, note)


def preview_measurements(
    session: Session, actor: Actor, path: Path | str, *, replace: bool = False, today: dt.date | None = None
) -> ImportPreview:
    """Read and check the file; nothing is saved. `valid` holds ValidMeasurement items."""
    actor.require_editor()
    sheet = read_sheet(path, MEASUREMENT_COLUMNS, MEASUREMENTS_SHEET)
    valid = _check_rows(session, sheet, today or dt.date.today(), replace) if sheet.complete else []
    return preview(ImportKind.MEASUREMENTS, sheet, valid)


def import_measurements(
    session: Session, actor: Actor, path: Path | str, *, replace: bool = False, today: dt.date | None = None
) -> ImportResult:
    """Save every new value of the file in the caller's transaction, or raise ImportRejected; with
    `replace=True`, also the changed values of periods that have one."""
    checked = preview_measurements(session, actor, path, replace=replace, today=today)
    reject_if_problems(checked)
    new = [item for item in checked.valid if not item.duplicate]
    with session.begin_nested():  # all rows or, on an error, none of them
        for item in new:
            _store(session, actor, checked.file_name, item, today)
    replaced = sum(1 for item in new if item.replaces is not None)
    return ImportResult(added=len(new) - replaced, duplicates=checked.duplicates, replaced=replaced)


def _store(session: Session, actor: Actor, file_name: str, item: ValidMeasurement, today: dt.date | None) -> None:
    try:
        set_measurement(
            session,
            actor,
            item.indicator_id,
            item.period_start,
            item.value,
            item.note,
            replace=item.replaces is not None,
            today=today,
        )
    except MeasurementExistsError as exc:
        # Saved by someone else since the preview read the stored values: not replaced unasked.
        raise reject_row(file_name, item.row, _period_header(), exc.message) from exc
    except ValidationError as exc:
        # The preview checked the same rules; only a change made meanwhile by someone else lands here.
        field, message = next(iter(exc.errors.items()))
        headers = {c.key: c.header for c in MEASUREMENT_COLUMNS}
        raise reject_row(file_name, item.row, headers.get(_SERVICE_FIELDS.get(field, "")), message) from exc


def _period_header() -> str:
    return next(c.header for c in MEASUREMENT_COLUMNS if c.key == "period")


# --- checking the rows -------------------------------------------------------------------------------


@dataclass
class _Row:
    indicator: Indicator
    period_start: dt.date
    value: float
    note: str


def _check_rows(session: Session, sheet: Sheet, today: dt.date, replace: bool) -> list[ValidMeasurement]:
    indicators = session.scalars(sa.select(Indicator).order_by(Indicator.id))
    names = Names.build((((i.name,), i.name, i.active, i) for i in indicators), UNKNOWN_INDICATOR)
    checked = [(row.number, _check_row(RowCheck(sheet, row), names, today)) for row in sheet.rows]
    found = [(number, row) for number, row in checked if row is not None]
    stored = _stored(session, {row.indicator.id for _, row in found})
    return _compare(sheet, found, stored, replace)


def _check_row(check: RowCheck, names: Names[Indicator], today: dt.date) -> _Row | None:
    indicator = check.read("indicator", names.find, required=True)
    day = check.read("period", parse_period, required=True)
    # The same checks as set_measurement, through the same helpers, so the preview shows them all.
    fields = Checker()
    raw_value = check.read("value", lambda value: value, required=True)  # an empty cell gets the import's message
    value = parse_number(fields, "value", raw_value, required=True)
    note = fields.free_text("note", text(check.raw("note")), max_length=TEXT_MAX)
    start = check_period(fields, indicator.frequency, day, today, indicator.unit) if indicator and day else None
    if indicator is not None:
        check_value(fields, "value", value, indicator.unit)
    check.service_errors(fields.errors, _SERVICE_FIELDS)
    if check.failed:
        return None
    assert indicator is not None and start is not None and value is not None  # required, and checked
    return _Row(indicator, start, value, note)


def _stored(session: Session, indicator_ids: set[int]) -> _Stored:
    if not indicator_ids:
        return {}
    rows = session.execute(
        sa.select(Measurement.indicator_id, Measurement.period_start, Measurement.value, Measurement.note).where(
            Measurement.indicator_id.in_(indicator_ids)
        )
    )
    return {(ind, start): (value, note or "") for ind, start, value, note in rows}


def _compare(sheet: Sheet, found: list[tuple[int, _Row]], stored: _Stored, replace: bool) -> list[ValidMeasurement]:
    """Mark rows already stored as duplicates; a period given twice with different values is a problem,
    and so, unless `replace`, is another value for a period that has one."""
    in_file: dict[tuple[int, dt.date], tuple[int, float, str]] = {}
    valid = []
    for number, row in found:
        key = (row.indicator.id, row.period_start)
        label = periods.period_label(row.indicator.frequency, row.period_start)
        earlier = in_file.get(key)
        if earlier is not None and earlier[1:] != (row.value, row.note):
            sheet.problems.add(
                number,
                sheet.column("period"),
                _(
                    "Row {row} already gives another value for {indicator}, {period}.",
                    row=earlier[0],
                    indicator=row.indicator.name,
                    period=label,
                ),
            )
            continue
        in_file.setdefault(key, (number, row.value, row.note))
        previous = stored.get(key)
        duplicate = earlier is not None or previous == (row.value, row.note)
        replaces = previous[0] if previous is not None and not duplicate else None
        if replaces is not None and not replace:
            sheet.problems.add(
                number,
                sheet.column("value"),
                _(
                    "{indicator}, {period} already has the value {old}; this row gives {new}. A stored value is "
                    "not replaced by an import: change it in the program if the new value is right, or remove the row.",
                    indicator=row.indicator.name,
                    period=label,
                    old=units.format_value(replaces),
                    new=units.format_value(row.value),
                ),
            )
            continue
        indicator = row.indicator
        valid.append(
            ValidMeasurement(
                number, indicator.id, indicator.name, row.period_start, label, row.value, row.note, duplicate, replaces
            )
        )
    return valid
