"""Collecting field errors so a form shows every problem at once, then raising one ValidationError."""

from __future__ import annotations

import datetime as dt
import math
import unicodedata
from typing import Any

from sqlalchemy.orm import Session

from app.errors import ValidationError
from app.i18n import _
from app.privacy import find_personal_data
from app.text import has_unsafe

# The dates and numbers the program takes, in one place: services, imports and the command line ask
# these. Before 1950 no lägesbild this office keeps begins (and Excel's empty date is 1899-12-31);
# after 2100 lies no plan. A measurement or cost beyond a thousand billion is a typing error.
EARLIEST_DATE = dt.date(1950, 1, 1)
LATEST_DATE = dt.date(2100, 12, 31)
LARGEST_NUMBER = 1e12


def date_out_of_range(value: dt.date | None) -> str | None:
    """The message for a date outside the range the program takes, or None."""
    if value is not None and not (EARLIEST_DATE <= value <= LATEST_DATE):
        return _(
            "The date must lie between {first} and {last}.",
            first=EARLIEST_DATE.isoformat(),
            last=LATEST_DATE.isoformat(),
        )
    return None


class Checker:
    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def fail(self, field: str, message: str) -> None:
        self.errors.setdefault(field, message)

    def text(self, field: str, value: str | None, *, required: bool = False, max_length: int | None = None) -> str:
        # One spelling of each letter: "ä" typed, or pasted as "a" + a combining mark (macOS files), is the same.
        value = unicodedata.normalize("NFC", value or "").strip()
        if has_unsafe(value):
            self.fail(field, _("Remove the control characters or hidden direction marks from the text."))
        elif required and not value:
            self.fail(field, _("This field is required."))
        elif max_length is not None and len(value) > max_length:
            self.fail(field, _("At most {n} characters.", n=max_length))
        return value

    def free_text(self, field: str, value: str | None, *, required: bool = False, max_length: int | None = None) -> str:
        """A text people type freely (a description, a note, minutes): as `text`, and refused while
        it holds personal data (a personnummer, a phone number, an e-mail address, a registration
        plate, a street address: app/privacy), with what was found named, so the typist can take it
        out. The lägesbild is about places, times and event types, never about persons."""
        value = self.text(field, value, required=required, max_length=max_length)
        if field not in self.errors and value:
            hits = find_personal_data(value)
            if hits:
                found = ", ".join(f"{hit.label} “{hit.matched}”" for hit in hits[:3])
                more = len(hits) - 3
                if more > 0:
                    found += " " + _("and {n} more", n=more)
                self.fail(
                    field,
                    _(
                        "Remove the personal data: {found}. The lägesbild is about places, times and event "
                        "types, never about persons.",
                        found=found,
                    ),
                )
        return value

    def name(self, field: str, value: str | None, *, required: bool = True, max_length: int | None = None) -> str:
        """A name others choose from and match by: as `text`, with every run of spaces (also
        non-breaking ones and tabs) one space, so that two names that look the same are the same."""
        return self.text(field, " ".join((value or "").split()), required=required, max_length=max_length)

    def exists(self, session: Session, field: str, model: type, row_id: int | None, *, required: bool = True) -> Any:
        if row_id is None:
            if required:
                self.fail(field, _("Choose a value from the list."))
            return None
        try:
            row = session.get(model, int(row_id))
        except (TypeError, ValueError, OverflowError):
            row = None  # not an id at all: same answer as an id that no longer exists
        if row is None:
            self.fail(field, _("The chosen value no longer exists."))
        return row

    def positive_int(self, field: str, value: Any, minimum: int = 1, maximum: int = 2_000_000_000) -> int | None:
        # int() would silently cut 2.7 down to 2 and take True as 1.
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            self.fail(field, _("Enter a whole number."))
            return None
        try:
            number = int(value)
        except (TypeError, ValueError, OverflowError):
            self.fail(field, _("Enter a whole number."))
            return None
        if number < minimum:
            self.fail(field, _("Must be at least {n}.", n=minimum))
        elif number > maximum:
            self.fail(field, _("Must be at most {n}.", n=maximum))
        return number

    def non_negative(self, field: str, value: Any) -> float:
        try:
            number = float(value or 0)
        except (TypeError, ValueError):
            self.fail(field, _("Enter a number."))
            return 0.0
        if not math.isfinite(number):  # float() accepts "nan" and "inf", which pass the < 0 test
            self.fail(field, _("Enter a number."))
            return 0.0
        if number < 0:
            self.fail(field, _("Must not be negative."))
        elif number > LARGEST_NUMBER:
            self.fail(field, _("Must be at most {n}.", n=f"{LARGEST_NUMBER:.0f}"))
        return number

    def date(self, field: str, value: dt.date | None) -> None:
        """A date within the range the program takes (see EARLIEST_DATE)."""
        message = date_out_of_range(value)
        if message is not None:
            self.fail(field, message)

    def not_future(self, field: str, value: dt.date | None, today: dt.date | None = None) -> None:
        if value is not None and value > (today or dt.date.today()):
            self.fail(field, _("The date lies in the future."))
        else:
            self.date(field, value)

    def date_order(self, field: str, first: dt.date | None, second: dt.date | None) -> None:
        if first and second and second < first:
            self.fail(field, _("Must not be before the start date."))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
