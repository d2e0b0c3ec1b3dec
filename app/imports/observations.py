"""Importing observations from a spreadsheet: preview every problem first, then save all rows or none.

Each row is checked by the observation service's own validation. Every imported row carries a
fingerprint of its values and the importing organisation (`Observation.import_key`), so importing
the same file again skips the rows already there. Identical rows within one file are distinct events
(two fights at the same place and hour): the n-th of them gets the n-th fingerprint.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.models import Category, Observation, Place, utcnow
from app.errors import ConflictError, PermissionDeniedError, ValidationError
from app.i18n import _
from app.imports.columns import CHOICES, OBSERVATION_COLUMNS, OBSERVATIONS_SHEET
from app.imports.problems import ImportKind, ImportPreview, ImportResult, ValidObservation
from app.imports.rows import RowCheck, preview, reject_if_problems
from app.imports.values import Names, UnknownName, is_blank, parse_choice, parse_date, parse_time, text
from app.imports.workbook import Sheet, personal_data, read_sheet
from app.services import observations as service
from app.services.context import Actor

# The observation service's field names, and the import column each comes from.
_SERVICE_FIELDS = {
    "occurred_on": "date",
    "place_id": "place",
    "category_id": "category",
    "count": "count",
    "description": "description",
}
_KEY_CHUNK = 500  # import keys looked up per query

UNKNOWN_PLACE = UnknownName(
    lambda value, suggestion: _(
        "Unknown place '{value}' – did you mean '{suggestion}'?", value=value, suggestion=suggestion
    ),
    lambda value: _("Unknown place '{value}'; the template lists the places.", value=value),
)
UNKNOWN_CATEGORY = UnknownName(
    lambda value, suggestion: _(
        "Unknown event type '{value}' – did you mean '{suggestion}'?", value=value, suggestion=suggestion
    ),
    lambda value: _("Unknown event type '{value}'; the template lists the event types.", value=value),
)


FREE_TEXT = ("description",)  # the columns the personal-data guard reads


def preview_observations(
    session: Session,
    actor: Actor,
    path: Path | str,
    *,
    today: dt.date | None = None,
    remove_personal_data: bool = False,
) -> ImportPreview:
    """Read and check the file; nothing is saved. `valid` holds ValidObservation items. With
    `remove_personal_data`, every personnummer, phone number … in the descriptions is replaced by its
    placeholder before the rows are checked ("remove all"); otherwise such a row is a problem."""
    _require_importer(actor)
    sheet = read_sheet(path, OBSERVATION_COLUMNS, OBSERVATIONS_SHEET)
    sheet, personal = personal_data(sheet, FREE_TEXT, remove=remove_personal_data)
    valid = _check_rows(session, actor, sheet, today) if sheet.complete else []
    existing = _existing_keys(session, actor, [item.import_key for item in valid])
    valid = [dataclasses.replace(item, duplicate=item.import_key in existing) for item in valid]
    return dataclasses.replace(preview(ImportKind.OBSERVATIONS, sheet, valid), personal_data=personal)


def import_observations(
    session: Session,
    actor: Actor,
    path: Path | str,
    *,
    today: dt.date | None = None,
    remove_personal_data: bool = False,
) -> ImportResult:
    """Save every new row of the file in the caller's transaction, or raise ImportRejected and save none."""
    checked = preview_observations(session, actor, path, today=today, remove_personal_data=remove_personal_data)
    reject_if_problems(checked)
    new = [item for item in checked.valid if not item.duplicate]
    now = utcnow()
    try:
        # A savepoint: a failure leaves the caller's transaction as it was, without half an import.
        with session.begin_nested():
            # One flush for all rows: the ORM batches the inserts and the audit trail writes one entry per row.
            session.add_all([_observation(actor, item, now) for item in new])
    except IntegrityError as exc:
        raise ConflictError(
            _("Someone imported some of the same rows at the same moment. Nothing was imported; try again.")
        ) from exc
    return ImportResult(added=len(new), duplicates=checked.duplicates)


def _require_importer(actor: Actor) -> None:
    actor.require_editor()
    if actor.organisation_id is None:
        raise PermissionDeniedError(_("Only a user who belongs to an organisation can import observations."))


def _observation(actor: Actor, item: ValidObservation, now: dt.datetime) -> Observation:
    row = Observation(
        organisation_id=actor.organisation_id, reported_by_id=actor.user_id, reported_at=now, import_key=item.import_key
    )
    service.apply_observation(row, item.data)
    return row


# --- checking the rows -------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class _Names:
    places: Names[Place]
    categories: Names[Category]


def _names(session: Session) -> _Names:
    places = session.scalars(sa.select(Place).order_by(Place.id))
    categories = session.scalars(sa.select(Category).order_by(Category.id))
    return _Names(
        Names.build((((p.name,), p.name, p.active, p) for p in places), UNKNOWN_PLACE),
        Names.build((((c.name, c.code), c.name, c.active, c) for c in categories), UNKNOWN_CATEGORY),
    )


def _check_rows(session: Session, actor: Actor, sheet: Sheet, today: dt.date | None) -> list[ValidObservation]:
    names = _names(session)
    occurrences: Counter[tuple[object, ...]] = Counter()
    valid = []
    for row in sheet.rows:
        item = _check_row(session, RowCheck(sheet, row), names, today)
        if item is not None:
            data, place, category = item
            values = _fingerprint_values(data, actor.organisation_id)
            occurrences[values] += 1
            key = _fingerprint(values, occurrences[values])
            valid.append(ValidObservation(row.number, data, place.name, category.name, key, duplicate=False))
    return valid


def _check_row(
    session: Session, check: RowCheck, names: _Names, today: dt.date | None
) -> tuple[service.ObservationInput, Place, Category] | None:
    place = check.read("place", names.places.find, required=True)
    category = check.read("category", names.categories.find, required=True)
    # The choice columns are named as the ObservationInput fields they fill.
    choices: dict[str, Any] = {key: check.read(key, parse_choice, vocabulary) for key, vocabulary in CHOICES.items()}
    count = check.raw("count")  # the service's own check reads it; an empty cell counts one event
    data = service.ObservationInput(
        occurred_on=check.read("date", parse_date, required=True),
        place_id=place.id if place else None,
        category_id=category.id if category else None,
        count=1 if is_blank(count) else count,
        occurred_time=check.read("time", parse_time),
        description=text(check.raw("description")),
        **choices,
    )
    try:
        service.validate_observation(session, data, today)
    except ValidationError as exc:
        check.service_errors(exc.errors, _SERVICE_FIELDS)
    if check.failed:
        return None
    assert place is not None and category is not None and data.count is not None  # required, and checked
    return dataclasses.replace(data, count=int(data.count)), place, category


# --- fingerprints ------------------------------------------------------------------------------------


def _fingerprint_values(data: service.ObservationInput, organisation_id: int | None) -> tuple[object, ...]:
    """What makes two rows the same event: every value, in a normalised form, and who reports it."""
    assert data.occurred_on is not None and data.count is not None  # a checked row
    return (
        organisation_id,
        data.occurred_on.isoformat(),
        data.occurred_time.isoformat() if data.occurred_time else "",
        data.place_id,
        data.category_id,
        int(data.count),
        data.source.value,
        data.setting.value,
        data.reported_to_police.value,
        bool(data.verified),
        data.classification.value,
        " ".join(data.description.split()),
    )


def _fingerprint(values: tuple[object, ...], occurrence: int) -> str:
    payload = "\x1f".join(str(v) for v in ("v1", *values, occurrence))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _existing_keys(session: Session, actor: Actor, keys: Iterable[str]) -> set[str]:
    """The keys the actor's organisation has imported already (keys are unique per organisation)."""
    keys = list(keys)
    found: set[str] = set()
    for start in range(0, len(keys), _KEY_CHUNK):
        chunk = keys[start : start + _KEY_CHUNK]
        found.update(
            session.scalars(
                sa.select(Observation.import_key).where(
                    Observation.organisation_id == actor.organisation_id, Observation.import_key.in_(chunk)
                )
            )
        )
    return found
