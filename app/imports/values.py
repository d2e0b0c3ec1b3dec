"""Reading one cell: dates, times, choices and names, each failing with a message the user can act on."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from app.i18n import _
from app.imports.columns import Choices, name_key
from app.text import ECHO_LIMIT
from app.text import shown as escaped

T = TypeVar("T")

_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d.%m.%Y")
_MONTH_FORMATS = ("%Y-%m",)
_TIME_PATTERN = re.compile(r"(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?")
_MISSING = object()


class CellError(ValueError):
    """The cell's content cannot be read; the message says what to write instead, `value` is what was there."""

    def __init__(self, message: str, value: object = None):
        super().__init__(message)
        self.message = message
        self.value = value


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def echo(value: object) -> str:
    """A cell's value as a problem line quotes it: escaped and cut to a readable length."""
    return escaped(text(value), ECHO_LIMIT)


def text(value: object) -> str:
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_text(value: str, formats: Iterable[str]) -> dt.date | None:
    for fmt in formats:
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def parse_date(value: object, *, month_ok: bool = False) -> dt.date | None:
    """A date cell, or text as yyyy-mm-dd or d/m/yyyy (also yyyy-mm where a month is enough)."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        formats = _DATE_FORMATS + (_MONTH_FORMATS if month_ok else ())
        found = _parse_text(value.strip(), formats)
        if found is not None:
            return found
    if month_ok:
        raise CellError(_("'{value}' is not a date; write it as yyyy-mm-dd or yyyy-mm.", value=echo(value)), value)
    raise CellError(_("'{value}' is not a date; write it as yyyy-mm-dd.", value=echo(value)), value)


def parse_period(value: object) -> dt.date | None:
    """Any day of a period, or the month alone (yyyy-mm)."""
    return parse_date(value, month_ok=True)


def parse_time(value: object) -> dt.time | None:
    """A time cell, or text as HH:MM (HH.MM and HH:MM:SS too)."""
    if is_blank(value):
        return None
    if isinstance(value, dt.datetime):
        return value.time().replace(microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(microsecond=0, tzinfo=None)
    match = _TIME_PATTERN.fullmatch(value.strip()) if isinstance(value, str) else None
    if match:
        hour, minute, second = (int(part or 0) for part in match.groups())
        if hour < 24 and minute < 60 and second < 60:
            return dt.time(hour, minute, second)
    raise CellError(_("'{value}' is not a time; write it as HH:MM, e.g. 21:30.", value=echo(value)), value)


def parse_choice(value: object, vocabulary: Choices) -> object:
    """The value a word of the vocabulary stands for; an empty cell gives the default."""
    if is_blank(value):
        return vocabulary.default
    found = vocabulary.lookup.get(name_key(value), _MISSING)
    if found is _MISSING:
        raise CellError(
            _(
                "Unknown value '{value}'; write one of: {choices}.",
                value=echo(value),
                choices=", ".join(vocabulary.shown()),
            ),
            value,
        )
    return found


@dataclass(frozen=True)
class UnknownName:
    """The two ways of saying a name is unknown: with a close suggestion, and without."""

    with_suggestion: Callable[[str, str], str]
    without: Callable[[str], str]


@dataclass
class Names(Generic[T]):
    """Rows of one kind (places, categories, indicators) found by name, with suggestions for typos."""

    by_name: dict[str, T]
    suggestions: dict[str, str]  # name key -> the name as shown; only rows still in use
    unknown: UnknownName

    @classmethod
    def build(cls, rows: Iterable[tuple[Iterable[str], str, bool, T]], unknown: UnknownName) -> Names[T]:
        """`rows`: (names the row is found by, the name shown, still in use, the row)."""
        by_name: dict[str, T] = {}
        suggestions: dict[str, str] = {}
        for names, shown, active, row in rows:
            for name in names:
                by_name.setdefault(name_key(name), row)
            if active:
                suggestions[name_key(shown)] = shown
        return cls(by_name, suggestions, unknown)

    def find(self, value: object) -> T | None:
        """The row named `value`; None for an empty cell (the caller reports what is required)."""
        if is_blank(value):
            return None
        key = name_key(value)
        if key in self.by_name:
            return self.by_name[key]
        close = difflib.get_close_matches(key, list(self.suggestions), n=1, cutoff=0.6)
        if close:
            raise CellError(self.unknown.with_suggestion(echo(value), self.suggestions[close[0]]), value)
        raise CellError(self.unknown.without(echo(value)), value)
