"""Periods of the calendar: months, tertials and years, and the named reporting periods (last week …)."""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar

from app.domain.vocabulary import Frequency
from app.i18n import _

# Tertials run January–April, May–August and September–December.
TERTIAL_MONTHS = 4


class PeriodKind(enum.Enum):
    LAST_7_DAYS = "last_7_days"
    LAST_4_WEEKS = "last_4_weeks"
    PREVIOUS_WEEK = "previous_week"  # the full ISO week before this one: what the weekly meeting reviews
    CURRENT_TERTIAL = "current_tertial"
    PREVIOUS_TERTIAL = "previous_tertial"
    LAST_12_MONTHS = "last_12_months"  # the 12 whole months before the current one (no month in progress)
    CURRENT_YEAR = "current_year"
    CUSTOM = "custom"


def tertial_of(day: dt.date) -> int:
    """1, 2 or 3."""
    return (day.month - 1) // TERTIAL_MONTHS + 1


def tertial_first_month(tertial: int) -> int:
    """1, 5 or 9."""
    return (tertial - 1) * TERTIAL_MONTHS + 1


def tertial_start(day: dt.date) -> dt.date:
    """The first day of the tertial `day` lies in."""
    return dt.date(day.year, tertial_first_month(tertial_of(day)), 1)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month `months` after (or, negative, before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def months_between(date_from: dt.date, date_to: dt.date) -> list[tuple[int, int]]:
    """(year, month) of every month from the one of `date_from` to the one of `date_to`, both included."""
    months = []
    day = dt.date(date_from.year, date_from.month, 1)
    while (day.year, day.month) <= (date_to.year, date_to.month):
        months.append((day.year, day.month))
        day = add_months(day, 1)
    return months


def _months_in(frequency: Frequency) -> int:
    frequency = Frequency(frequency)
    if frequency is Frequency.MONTHLY:
        return 1
    if frequency is Frequency.TERTIAL:
        return TERTIAL_MONTHS
    return 12


def period_start(frequency: Frequency, day: dt.date) -> dt.date:
    """The first day of the period `day` lies in: first of month, of tertial (Jan/May/Sep), or Jan 1."""
    step = _months_in(frequency)
    return dt.date(day.year, (day.month - 1) // step * step + 1, 1)


def next_period_start(frequency: Frequency, start: dt.date) -> dt.date:
    """The first day of the period after the one starting on `start`."""
    return add_months(period_start(frequency, start), _months_in(frequency))


def previous_period_start(frequency: Frequency, start: dt.date) -> dt.date:
    """The first day of the period before the one starting on `start`."""
    return add_months(period_start(frequency, start), -_months_in(frequency))


def period_label(frequency: Frequency, start: dt.date) -> str:
    """ "2026-03" for a month, "T1 2026" for a tertial, "2026" for a year."""
    frequency = Frequency(frequency)
    if frequency is Frequency.MONTHLY:
        return f"{start.year}-{start.month:02d}"
    if frequency is Frequency.TERTIAL:
        return f"T{tertial_of(start)} {start.year}"
    return str(start.year)


def period_range(kind: PeriodKind, today: dt.date) -> tuple[dt.date, dt.date]:
    """The inclusive date range of a named reporting period, seen from `today`.

    The rolling periods (7 days, 4 weeks) end today; "current" ones run from their start to today;
    "previous" ones are whole, ended periods. The last 12 months are the 12 whole months ending with
    the last completed month: on 1 December that is December a year ago to November, never the same
    as "this year", and no month in progress is counted as if it had ended.
    """
    if kind is PeriodKind.LAST_7_DAYS:
        return today - dt.timedelta(days=6), today
    if kind is PeriodKind.LAST_4_WEEKS:
        return today - dt.timedelta(days=27), today
    if kind is PeriodKind.PREVIOUS_WEEK:
        monday = today - dt.timedelta(days=today.weekday())
        return monday - dt.timedelta(days=7), monday - dt.timedelta(days=1)
    if kind is PeriodKind.CURRENT_TERTIAL:
        return tertial_start(today), today
    if kind is PeriodKind.PREVIOUS_TERTIAL:
        start = add_months(tertial_start(today), -TERTIAL_MONTHS)
        return start, tertial_start(today) - dt.timedelta(days=1)
    if kind is PeriodKind.LAST_12_MONTHS:
        this_month = dt.date(today.year, today.month, 1)
        return add_months(today, -12), this_month - dt.timedelta(days=1)
    if kind is PeriodKind.CURRENT_YEAR:
        return dt.date(today.year, 1, 1), today
    raise ValueError(f"{kind} has no fixed range")


# --- months counted only in part -------------------------------------------------------------------


@dataclass(frozen=True)
class PartialMonth:
    """A month of a monthly series that only some of its days count towards: the month in progress,
    or a month the chosen period cuts. Its count is not comparable with a whole month's."""

    days: int  # days of the month counted
    of_days: int  # days in the month
    in_progress: bool  # today lies in the month (the rest of it has not happened yet)


def days_in_month(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def partial_month(
    year: int, month: int, date_from: dt.date, date_to: dt.date, today: dt.date | None = None
) -> PartialMonth | None:
    """How much of a month a series over `date_from`..`date_to` counts, seen on `today`; None when all of it.

    The one rule every monthly chart and table asks: days after today have no events yet, so the
    month in progress is partial even when the period runs to its end; a period that starts or ends
    inside a month makes that month partial too.
    """
    today = today or dt.date.today()
    first, length = dt.date(year, month, 1), days_in_month(year, month)
    last = first + dt.timedelta(days=length - 1)
    start, end = max(first, date_from), min(last, date_to, today)
    days = max((end - start).days + 1, 0)
    if days == length:
        return None
    return PartialMonth(days, length, first <= today <= last)


def partial_month_text(month: str, part: PartialMonth) -> str:
    """'dec 2026: pågående månad, 2 av 31 dagar' for a month (named as the caller writes months) counted in part."""
    if part.in_progress:
        return _("{month}: month in progress, {days} of {total} days", month=month, days=part.days, total=part.of_days)
    return _("{month}: part of the month, {days} of {total} days", month=month, days=part.days, total=part.of_days)


def period_in_progress(frequency: Frequency, start: dt.date, today: dt.date | None = None) -> bool:
    """Whether the period (month, tertial or year) starting on `start` has not ended by `today`."""
    today = today or dt.date.today()
    return period_start(frequency, start) <= today < next_period_start(frequency, start)


class _Dated(Protocol):
    @property
    def starts_on(self) -> dt.date: ...


D = TypeVar("D", bound=_Dated)


def in_force(agreements: Iterable[D], day: dt.date) -> D | None:
    """The agreement period in force on `day`: the latest that has begun by then (an agreement stays
    in force until the next one begins), else the first one; None only when there is none."""
    ordered = sorted(agreements, key=lambda a: a.starts_on)
    begun = [a for a in ordered if a.starts_on <= day]
    if begun:
        return begun[-1]
    return ordered[0] if ordered else None
