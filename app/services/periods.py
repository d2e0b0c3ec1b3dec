"""Named reporting periods (last week, tertial, year …) as inclusive date ranges."""

from __future__ import annotations

import datetime as dt
import enum


class PeriodKind(enum.Enum):
    LAST_7_DAYS = "last_7_days"
    LAST_4_WEEKS = "last_4_weeks"
    PREVIOUS_WEEK = "previous_week"  # the full ISO week before this one: what the weekly meeting reviews
    CURRENT_TERTIAL = "current_tertial"
    PREVIOUS_TERTIAL = "previous_tertial"
    LAST_12_MONTHS = "last_12_months"
    CURRENT_YEAR = "current_year"
    CUSTOM = "custom"


def tertial_start(day: dt.date) -> dt.date:
    """Tertials run January–April, May–August and September–December."""
    return dt.date(day.year, ((day.month - 1) // 4) * 4 + 1, 1)


def tertial_of(day: dt.date) -> int:
    return (day.month - 1) // 4 + 1


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_range(kind: PeriodKind, today: dt.date) -> tuple[dt.date, dt.date]:
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
        start = _add_months(tertial_start(today), -4)
        return start, tertial_start(today) - dt.timedelta(days=1)
    if kind is PeriodKind.LAST_12_MONTHS:
        return _add_months(dt.date(today.year, today.month, 1), -11), today
    if kind is PeriodKind.CURRENT_YEAR:
        return dt.date(today.year, 1, 1), today
    raise ValueError(f"{kind} has no fixed range")
