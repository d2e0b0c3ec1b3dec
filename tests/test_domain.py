"""The domain's own rules: periods and tertials, permissions, sign-in policy and typed errors."""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain import periods, permissions
from app.domain.periods import PeriodKind, period_range
from app.domain.units import ValueKind, value_kind, value_rule
from app.domain.vocabulary import Classification, Frequency, Role
from app.errors import PermissionDeniedError
from app.services.context import Actor


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
        (PeriodKind.LAST_12_MONTHS, dt.date(2026, 3, 11), (dt.date(2025, 3, 1), dt.date(2026, 2, 28))),
        (PeriodKind.CURRENT_YEAR, dt.date(2026, 3, 11), (dt.date(2026, 1, 1), dt.date(2026, 3, 11))),
    ],
)
def test_period_ranges(kind, today, expected):
    assert period_range(kind, today) == expected


D = dt.date
AWKWARD = {
    # 1 December: the day "the last 12 months" used to be the same as "this year"
    D(2026, 12, 1): {
        PeriodKind.LAST_7_DAYS: (D(2026, 11, 25), D(2026, 12, 1)),
        PeriodKind.PREVIOUS_WEEK: (D(2026, 11, 23), D(2026, 11, 29)),  # 1 Dec 2026 is a Tuesday
        PeriodKind.LAST_4_WEEKS: (D(2026, 11, 4), D(2026, 12, 1)),
        PeriodKind.CURRENT_TERTIAL: (D(2026, 9, 1), D(2026, 12, 1)),
        PeriodKind.PREVIOUS_TERTIAL: (D(2026, 5, 1), D(2026, 8, 31)),
        PeriodKind.LAST_12_MONTHS: (D(2025, 12, 1), D(2026, 11, 30)),
        PeriodKind.CURRENT_YEAR: (D(2026, 1, 1), D(2026, 12, 1)),
    },
    # 1 January: every "previous" period lies in the year before
    D(2027, 1, 1): {
        PeriodKind.LAST_7_DAYS: (D(2026, 12, 26), D(2027, 1, 1)),
        PeriodKind.PREVIOUS_WEEK: (D(2026, 12, 21), D(2026, 12, 27)),  # a Friday
        PeriodKind.LAST_4_WEEKS: (D(2026, 12, 5), D(2027, 1, 1)),
        PeriodKind.CURRENT_TERTIAL: (D(2027, 1, 1), D(2027, 1, 1)),
        PeriodKind.PREVIOUS_TERTIAL: (D(2026, 9, 1), D(2026, 12, 31)),
        PeriodKind.LAST_12_MONTHS: (D(2026, 1, 1), D(2026, 12, 31)),
        PeriodKind.CURRENT_YEAR: (D(2027, 1, 1), D(2027, 1, 1)),
    },
    # 29 February of a leap year (a Tuesday)
    D(2028, 2, 29): {
        PeriodKind.LAST_7_DAYS: (D(2028, 2, 23), D(2028, 2, 29)),
        PeriodKind.PREVIOUS_WEEK: (D(2028, 2, 21), D(2028, 2, 27)),
        PeriodKind.LAST_4_WEEKS: (D(2028, 2, 2), D(2028, 2, 29)),
        PeriodKind.CURRENT_TERTIAL: (D(2028, 1, 1), D(2028, 2, 29)),
        PeriodKind.PREVIOUS_TERTIAL: (D(2027, 9, 1), D(2027, 12, 31)),
        PeriodKind.LAST_12_MONTHS: (D(2027, 2, 1), D(2028, 1, 31)),
        PeriodKind.CURRENT_YEAR: (D(2028, 1, 1), D(2028, 2, 29)),
    },
    # 1 March after a leap day: the rolling periods step back over 29 February
    D(2028, 3, 1): {
        PeriodKind.LAST_7_DAYS: (D(2028, 2, 24), D(2028, 3, 1)),
        PeriodKind.PREVIOUS_WEEK: (D(2028, 2, 21), D(2028, 2, 27)),
        PeriodKind.LAST_4_WEEKS: (D(2028, 2, 3), D(2028, 3, 1)),
        PeriodKind.CURRENT_TERTIAL: (D(2028, 1, 1), D(2028, 3, 1)),
        PeriodKind.PREVIOUS_TERTIAL: (D(2027, 9, 1), D(2027, 12, 31)),
        PeriodKind.LAST_12_MONTHS: (D(2027, 3, 1), D(2028, 2, 29)),
        PeriodKind.CURRENT_YEAR: (D(2028, 1, 1), D(2028, 3, 1)),
    },
    # the last day of a month, of a tertial and a Sunday: the month in progress is still not counted
    D(2026, 8, 31): {
        PeriodKind.LAST_7_DAYS: (D(2026, 8, 25), D(2026, 8, 31)),
        PeriodKind.PREVIOUS_WEEK: (D(2026, 8, 24), D(2026, 8, 30)),  # a Monday
        PeriodKind.LAST_4_WEEKS: (D(2026, 8, 4), D(2026, 8, 31)),
        PeriodKind.CURRENT_TERTIAL: (D(2026, 5, 1), D(2026, 8, 31)),
        PeriodKind.PREVIOUS_TERTIAL: (D(2026, 1, 1), D(2026, 4, 30)),
        PeriodKind.LAST_12_MONTHS: (D(2025, 8, 1), D(2026, 7, 31)),
        PeriodKind.CURRENT_YEAR: (D(2026, 1, 1), D(2026, 8, 31)),
    },
    # New Year's Eve, a Thursday
    D(2026, 12, 31): {
        PeriodKind.LAST_7_DAYS: (D(2026, 12, 25), D(2026, 12, 31)),
        PeriodKind.PREVIOUS_WEEK: (D(2026, 12, 21), D(2026, 12, 27)),
        PeriodKind.LAST_4_WEEKS: (D(2026, 12, 4), D(2026, 12, 31)),
        PeriodKind.CURRENT_TERTIAL: (D(2026, 9, 1), D(2026, 12, 31)),
        PeriodKind.PREVIOUS_TERTIAL: (D(2026, 5, 1), D(2026, 8, 31)),
        PeriodKind.LAST_12_MONTHS: (D(2025, 12, 1), D(2026, 11, 30)),
        PeriodKind.CURRENT_YEAR: (D(2026, 1, 1), D(2026, 12, 31)),
    },
}


@pytest.mark.parametrize(
    ("today", "kind"),
    [(today, kind) for today, expected in AWKWARD.items() for kind in expected],
    ids=lambda value: value.isoformat() if isinstance(value, dt.date) else value.value,
)
def test_every_preset_on_awkward_days(today, kind):
    assert period_range(kind, today) == AWKWARD[today][kind]


def test_every_preset_is_listed_on_each_awkward_day():
    named = {kind for kind in PeriodKind if kind is not PeriodKind.CUSTOM}
    for today, expected in AWKWARD.items():
        assert set(expected) == named, today


def test_each_preset_means_what_its_name_says_on_every_day_of_four_years():
    day = D(2025, 1, 1)
    while day < D(2029, 1, 1):
        ranges = {kind: period_range(kind, day) for kind in PeriodKind if kind is not PeriodKind.CUSTOM}
        for kind, (start, end) in ranges.items():
            assert start <= end <= day, (kind, day)
        assert ranges[PeriodKind.LAST_7_DAYS] == (day - dt.timedelta(days=6), day)
        assert ranges[PeriodKind.LAST_4_WEEKS] == (day - dt.timedelta(days=27), day)
        week_start, week_end = ranges[PeriodKind.PREVIOUS_WEEK]
        assert week_start.weekday() == 0 and week_end - week_start == dt.timedelta(days=6)
        assert week_end < day - dt.timedelta(days=day.weekday())
        start, end = ranges[PeriodKind.LAST_12_MONTHS]
        assert start.day == 1 and (end + dt.timedelta(days=1)) == D(day.year, day.month, 1)
        assert len(periods.months_between(start, end)) == 12
        assert ranges[PeriodKind.LAST_12_MONTHS] != ranges[PeriodKind.CURRENT_YEAR], day
        assert ranges[PeriodKind.CURRENT_YEAR] == (D(day.year, 1, 1), day)
        tertial_start, tertial_end = ranges[PeriodKind.PREVIOUS_TERTIAL]
        assert tertial_end + dt.timedelta(days=1) == ranges[PeriodKind.CURRENT_TERTIAL][0]
        assert len(periods.months_between(tertial_start, tertial_end)) == 4
        day += dt.timedelta(days=1)


def test_custom_period_has_no_range():
    with pytest.raises(ValueError):
        period_range(PeriodKind.CUSTOM, dt.date(2026, 3, 11))


def test_months_between_crosses_the_year():
    assert periods.months_between(dt.date(2025, 11, 20), dt.date(2026, 2, 3)) == [
        (2025, 11),
        (2025, 12),
        (2026, 1),
        (2026, 2),
    ]
    assert periods.months_between(dt.date(2026, 3, 5), dt.date(2026, 3, 9)) == [(2026, 3)]
    assert periods.tertial_of(dt.date(2026, 8, 31)) == 2 and periods.tertial_first_month(3) == 9


# --- permissions ------------------------------------------------------------------------------------

KOMMUN, POLISEN = 1, 2


def someone(role: Role, organisation_id: int | None = KOMMUN, user_id: int | None = 7) -> Actor:
    return Actor(user_id, "x", "X", organisation_id, "", role)


def test_readers_read_and_editors_change_their_own_organisations_entries():
    reader, editor, admin = someone(Role.READER), someone(Role.EDITOR), someone(Role.ADMIN)
    assert not permissions.may_edit(reader) and permissions.may_edit(editor) and permissions.may_edit(admin)
    assert permissions.may_change_own_organisations(editor, KOMMUN)
    assert not permissions.may_change_own_organisations(editor, POLISEN)
    assert not permissions.may_change_own_organisations(admin, POLISEN)  # classified data: admins too
    assert not permissions.may_change_own_organisations(reader, KOMMUN)
    with pytest.raises(PermissionDeniedError):
        permissions.require_own_organisation(reader, KOMMUN)
    with pytest.raises(PermissionDeniedError):
        permissions.require_own_organisation(editor, POLISEN)


def test_internal_entries_are_seen_by_their_own_organisation_only():
    editor = someone(Role.EDITOR)
    assert permissions.may_see(editor, Classification.OPEN, POLISEN)
    assert permissions.may_see(editor, Classification.INTERNAL, KOMMUN)
    assert not permissions.may_see(editor, Classification.INTERNAL, POLISEN)
    with pytest.raises(PermissionDeniedError):
        permissions.require_may_see(editor, Classification.INTERNAL, POLISEN)


def test_actions_are_changed_by_admins_and_the_responsible_organisation():
    editor, admin, reader = someone(Role.EDITOR), someone(Role.ADMIN), someone(Role.READER)
    assert permissions.may_change_action(editor, KOMMUN) and not permissions.may_change_action(editor, POLISEN)
    assert permissions.may_change_action(admin, POLISEN) and not permissions.may_change_action(reader, KOMMUN)
    assert permissions.may_make_responsible(admin, POLISEN) and not permissions.may_make_responsible(editor, POLISEN)
    with pytest.raises(PermissionDeniedError):
        permissions.require_may_change_action(editor, POLISEN)


def test_a_meeting_is_deleted_by_an_admin_or_whoever_recorded_it():
    editor = someone(Role.EDITOR, user_id=7)
    assert permissions.may_delete_meeting(editor, 7)
    assert not permissions.may_delete_meeting(editor, 8) and not permissions.may_delete_meeting(editor, None)
    assert permissions.may_delete_meeting(someone(Role.ADMIN), None)
    assert not permissions.may_delete_meeting(someone(Role.READER, user_id=7), 7)
    with pytest.raises(PermissionDeniedError):
        permissions.require_may_delete_meeting(editor, 8)


def test_accounts_are_kept_by_their_organisations_admins_and_the_command_line():
    admin = someone(Role.ADMIN)
    assert permissions.manages_accounts(admin, KOMMUN) and not permissions.manages_accounts(admin, POLISEN)
    assert permissions.manages_accounts(someone(Role.ADMIN, organisation_id=None), POLISEN)
    assert not permissions.manages_accounts(someone(Role.EDITOR), KOMMUN)
    with pytest.raises(PermissionDeniedError):
        permissions.require_manages_accounts(someone(Role.EDITOR), KOMMUN)
    with pytest.raises(PermissionDeniedError):
        permissions.require_manages_accounts(admin, POLISEN)


@pytest.mark.parametrize(
    ("unit", "kind", "minimum", "maximum", "decimals"),
    [
        ("händelser/månad", ValueKind.COUNT, 0, None, 0),
        ("bränder/månad", ValueKind.COUNT, 0, None, 0),
        ("Antal", ValueKind.COUNT, 0, None, 0),
        ("st", ValueKind.COUNT, 0, None, 0),
        ("tips/tertial", ValueKind.COUNT, 0, None, 0),
        ("%", ValueKind.SHARE, 0, 100, 2),
        ("andel trygga", ValueKind.SHARE, 0, 100, 2),
        ("procentenheter", ValueKind.SIGNED, None, None, 2),
        ("förändring mot 2025", ValueKind.SIGNED, None, None, 2),
        ("%-enheter", ValueKind.SIGNED, None, None, 2),
        ("percentage points", ValueKind.SIGNED, None, None, 2),
        ("besök på internet", ValueKind.COUNT, 0, None, 0),  # "net" only as a word of its own
        ("index", ValueKind.QUANTITY, 0, None, 2),
        ("", ValueKind.QUANTITY, 0, None, 2),
    ],
)
def test_the_unit_says_which_values_are_valid(unit, kind, minimum, maximum, decimals):
    rule = value_rule(unit)
    assert (rule.kind, rule.minimum, rule.maximum, rule.decimals) == (kind, minimum, maximum, decimals)
    assert value_kind(unit) is kind


def test_a_value_rule_names_the_allowed_range():
    count = value_rule("händelser/månad")
    assert count.problem(3, "händelser/månad") == ""
    assert (
        count.problem(-5, "händelser/månad")
        == "Enheten är händelser/månad, så värdet ska vara ett heltal, 0 eller mer."
    )
    assert count.problem(2.5, "händelser/månad") != ""
    assert count.problem(22.5, "händelser/månad", whole=False) == ""  # a baseline may be an average
    assert value_rule("%").problem(100.5, "%") == "Enheten är %, så värdet ska vara ett tal mellan 0 och 100."
