"""The domain's own rules: periods and tertials, permissions, sign-in policy and typed errors."""

from __future__ import annotations

import datetime as dt

import pytest

from app.db.enums import Frequency
from app.domain import periods
from app.domain.periods import PeriodKind, period_range


@pytest.mark.parametrize(
    ("frequency", "day", "start", "label"),
    [
        (Frequency.MONTHLY, dt.date(2026, 3, 17), dt.date(2026, 3, 1), "2026-03"),
        (Frequency.MONTHLY, dt.date(2026, 12, 31), dt.date(2026, 12, 1), "2026-12"),
        (Frequency.TERTIAL, dt.date(2026, 1, 1), dt.date(2026, 1, 1), "T1 2026"),
        (Frequency.TERTIAL, dt.date(2026, 4, 30), dt.date(2026, 1, 1), "T1 2026"),
        (Frequency.TERTIAL, dt.date(2026, 5, 1), dt.date(2026, 5, 1), "T2 2026"),
        (Frequency.TERTIAL, dt.date(2026, 8, 31), dt.date(2026, 5, 1), "T2 2026"),
        (Frequency.TERTIAL, dt.date(2026, 9, 1), dt.date(2026, 9, 1), "T3 2026"),
        (Frequency.TERTIAL, dt.date(2026, 12, 31), dt.date(2026, 9, 1), "T3 2026"),
        (Frequency.YEARLY, dt.date(2026, 7, 4), dt.date(2026, 1, 1), "2026"),
    ],
)
def test_period_normalising_and_labels(frequency, day, start, label):
    assert periods.period_start(frequency, day) == start
    assert periods.period_label(frequency, start) == label
    assert periods.period_label(frequency.value, start) == label  # the stored string works too


@pytest.mark.parametrize(
    ("frequency", "start", "before", "after"),
    [
        (Frequency.MONTHLY, dt.date(2026, 1, 1), dt.date(2025, 12, 1), dt.date(2026, 2, 1)),
        (Frequency.MONTHLY, dt.date(2026, 12, 1), dt.date(2026, 11, 1), dt.date(2027, 1, 1)),
        (Frequency.TERTIAL, dt.date(2026, 1, 1), dt.date(2025, 9, 1), dt.date(2026, 5, 1)),
        (Frequency.TERTIAL, dt.date(2026, 9, 1), dt.date(2026, 5, 1), dt.date(2027, 1, 1)),
        (Frequency.YEARLY, dt.date(2026, 1, 1), dt.date(2025, 1, 1), dt.date(2027, 1, 1)),
    ],
)
def test_previous_and_next_period(frequency, start, before, after):
    assert periods.previous_period_start(frequency, start) == before
    assert periods.next_period_start(frequency, start) == after


@pytest.mark.parametrize(
    ("kind", "today", "expected"),
    [
        (PeriodKind.LAST_7_DAYS, dt.date(2026, 3, 11), (dt.date(2026, 3, 5), dt.date(2026, 3, 11))),
        (PeriodKind.LAST_4_WEEKS, dt.date(2026, 3, 11), (dt.date(2026, 2, 12), dt.date(2026, 3, 11))),
        (PeriodKind.PREVIOUS_WEEK, dt.date(2026, 3, 11), (dt.date(2026, 3, 2), dt.date(2026, 3, 8))),
        (PeriodKind.CURRENT_TERTIAL, dt.date(2026, 6, 15), (dt.date(2026, 5, 1), dt.date(2026, 6, 15))),
        (PeriodKind.PREVIOUS_TERTIAL, dt.date(2026, 3, 11), (dt.date(2025, 9, 1), dt.date(2025, 12, 31))),
        (PeriodKind.PREVIOUS_TERTIAL, dt.date(2026, 9, 1), (dt.date(2026, 5, 1), dt.date(2026, 8, 31))),
        (PeriodKind.LAST_12_MONTHS, dt.date(2026, 3, 11), (dt.date(2025, 4, 1), dt.date(2026, 3, 11))),
        (PeriodKind.CURRENT_YEAR, dt.date(2026, 3, 11), (dt.date(2026, 1, 1), dt.date(2026, 3, 11))),
    ],
)
def test_period_ranges(kind, today, expected):
    assert period_range(kind, today) == expected


def test_custom_period_has_no_range():
    with pytest.raises(ValueError):
        period_range(PeriodKind.CUSTOM, dt.date(2026, 3, 11))


def test_months_between_crosses_the_year():
    assert periods.months_between(dt.date(2025, 11, 20), dt.date(2026, 2, 3)) == [
        (2025, 11), (2025, 12), (2026, 1), (2026, 2)
    ]
    assert periods.months_between(dt.date(2026, 3, 5), dt.date(2026, 3, 9)) == [(2026, 3)]
    assert periods.tertial_of(dt.date(2026, 8, 31)) == 2 and periods.tertial_first_month(3) == 9
