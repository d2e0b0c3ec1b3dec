"""Uppföljning: periods, indicators, measurements, series, on-track status, and follow-up meetings."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
import sqlalchemy as sa

from app.db.models import Area, AuditEntry, FollowUpMeeting, Measurement
from app.domain.vocabulary import ActionStatus, AuditOperation, Direction, Forum, Frequency
from app.errors import (
    ConflictError,
    InUseError,
    MeasurementExistsError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)
from app.services import followup as fu
from app.services import meetings as mt
from app.services.actions import ActionInput, create_action
from app.services.context import bind_actor

TODAY = dt.date(2026, 3, 11)


@contextlib.contextmanager
def acting(world, actor):
    with world.db.session() as s:
        bind_actor(s, actor)
        yield s


def area_id(world, name: str) -> int:
    with world.db.session() as s:
        return s.scalar(sa.select(Area.id).where(Area.name == name))


def make_indicator(world, actor=None, **overrides) -> fu.IndicatorRow:
    actor = actor or world.editor
    values = dict(name="Våldsbrott i Märsta centrum", unit="antal", baseline_value=20, target_value=10)
    values.update(overrides)
    with acting(world, actor) as s:
        return fu.create_indicator(s, actor, fu.IndicatorInput(**values))


def measure(world, indicator_id, period, value, note="", actor=None, today=TODAY, **kwargs):
    actor = actor or world.editor
    with acting(world, actor) as s:
        return fu.set_measurement(s, actor, indicator_id, period, value, note, today=today, **kwargs)


def move(world, point, period, value, note="", **kwargs):
    with acting(world, world.editor) as s:
        return fu.update_measurement(
            s, world.editor, point.id, period, value, note, expected_version=point.version, today=TODAY, **kwargs
        )


def stored(world, indicator_id):
    with world.db.session() as s:
        rows = s.execute(
            sa.select(Measurement.id, Measurement.period_start, Measurement.value)
            .where(Measurement.indicator_id == indicator_id)
            .order_by(Measurement.period_start)
        )
        return [tuple(r) for r in rows]


def audited(world, operation):
    with world.db.session() as s:
        entries = s.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.table_name == "measurement", AuditEntry.operation == operation)
            .order_by(AuditEntry.id)
        ).all()
        return [(e.row_id, e.old_values, e.new_values, e.username) for e in entries]


# --- periods -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "latest", "target", "baseline", "status"),
    [
        (Direction.LOWER, 10, 10, 20, fu.IndicatorStatus.ON_TRACK),  # at the target
        (Direction.LOWER, 11, 10, 20, fu.IndicatorStatus.OFF_TRACK),
        (Direction.HIGHER, 0.8, 0.8, 0.6, fu.IndicatorStatus.ON_TRACK),
        (Direction.HIGHER, 0.7, 0.8, 0.6, fu.IndicatorStatus.OFF_TRACK),
        (Direction.LOWER, 19, None, 20, fu.IndicatorStatus.ON_TRACK),  # no target: better than baseline
        (Direction.LOWER, 20, None, 20, fu.IndicatorStatus.OFF_TRACK),
        (Direction.HIGHER, 21, None, 20, fu.IndicatorStatus.ON_TRACK),
        (Direction.HIGHER, 19, None, 20, fu.IndicatorStatus.OFF_TRACK),
        (Direction.LOWER, None, 10, 20, fu.IndicatorStatus.NO_DATA),
        (Direction.LOWER, 5, None, None, fu.IndicatorStatus.NO_DATA),
    ],
)
def test_indicator_status(direction, latest, target, baseline, status):
    assert fu.indicator_status(direction, latest, target, baseline) is status


# --- indicators ----------------------------------------------------------------------------------------


def test_indicator_crud(world):
    otrygga = area_id(world, "Otrygga platser")
    row = make_indicator(
        world,
        area_id=otrygga,
        responsible_organisation_id=world.polisen.id,
        data_source="Polisens statistik",
        baseline_value="22,5",
        baseline_period="2025",
    )
    assert row.area_name == "Otrygga platser" and row.responsible_organisation_name.startswith("Polisen")
    assert row.baseline_value == 22.5 and row.target_value == 10 and row.frequency is Frequency.MONTHLY
    assert row.status is fu.IndicatorStatus.NO_DATA and row.measurement_count == 0 and row.latest_value is None

    with acting(world, world.police) as s:  # any editor maintains indicators
        row = fu.update_indicator(
            s,
            world.police,
            row.id,
            fu.IndicatorInput(
                name="Andel trygga",
                direction=Direction.HIGHER,
                frequency=Frequency.YEARLY,
                unit="%",
                target_value=80,
                active=False,
            ),
            row.version,
        )
    assert (row.name, row.direction, row.frequency, row.area_id, row.active) == (
        "Andel trygga",
        Direction.HIGHER,
        Frequency.YEARLY,
        None,
        False,
    )
    with acting(world, world.editor) as s:
        assert fu.list_indicators(s, world.editor) == []
        assert [r.id for r in fu.list_indicators(s, world.editor, active_only=False)] == [row.id]
        fu.delete_indicator(s, world.editor, row.id, row.version)
    with acting(world, world.editor) as s, pytest.raises(NotFoundError):
        fu.get_indicator(s, world.editor, row.id)


def test_indicator_validation_and_permissions(world):
    make_indicator(world)
    bad = fu.IndicatorInput(
        name="VÅLDSBROTT I MÄRSTA CENTRUM",
        frequency="weekly",
        direction="sideways",
        area_id=999,
        responsible_organisation_id=998,
        baseline_value="många",
        target_value=float("nan"),
        unit="x" * 41,
    )
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        fu.create_indicator(s, world.editor, bad)
    assert set(info.value.errors) == {
        "name",
        "frequency",
        "direction",
        "area_id",
        "responsible_organisation_id",
        "baseline_value",
        "target_value",
        "unit",
    }
    with acting(world, world.reader) as s, pytest.raises(PermissionDeniedError):
        fu.create_indicator(s, world.reader, fu.IndicatorInput(name="Läsarens"))


def test_frequency_cannot_change_and_delete_is_refused_once_measured(world):
    row = make_indicator(world)
    point = measure(world, row.id, dt.date(2026, 1, 15), 18)
    with acting(world, world.editor) as s:
        current = fu.get_indicator(s, world.editor, row.id)
        with pytest.raises(ValidationError) as info:
            fu.update_indicator(
                s, world.editor, row.id, fu.IndicatorInput(name=row.name, frequency=Frequency.TERTIAL), current.version
            )
        assert set(info.value.errors) == {"frequency"}
        with pytest.raises(InUseError):
            fu.delete_indicator(s, world.editor, row.id, current.version)
    with acting(world, world.editor) as s:
        fu.delete_measurement(s, world.editor, point.id, point.version)
        fu.update_indicator(
            s, world.editor, row.id, fu.IndicatorInput(name=row.name, frequency=Frequency.TERTIAL), None
        )
        fu.delete_indicator(s, world.editor, row.id, None)


def test_indicator_linked_to_an_action_is_not_deleted(world):
    row = make_indicator(world)
    with acting(world, world.editor) as s:
        create_action(
            s,
            world.editor,
            ActionInput(
                title="Kameror",
                responsible_organisation_id=world.kommun.id,
                area_ids=[area_id(world, "Otrygga platser")],
                indicator_ids=[row.id],
            ),
        )
    with acting(world, world.editor) as s, pytest.raises(InUseError):
        fu.delete_indicator(s, world.editor, row.id, None)


# --- measurements and series ---------------------------------------------------------------------------


def test_a_period_with_a_value_keeps_it_unless_the_caller_says_replace(world):
    row = make_indicator(world)
    first = measure(world, row.id, dt.date(2026, 2, 3), 15, "Från RAR")
    again = measure(world, row.id, dt.date(2026, 2, 20), "15,0", "Från RAR")  # the same again: nothing to ask
    assert again.id == first.id and again.version == first.version
    with pytest.raises(MeasurementExistsError) as info:
        measure(world, row.id, dt.date(2026, 2, 27), "12", "Rättad")  # same month, another day, another value
    exists = info.value
    assert (exists.period_label, exists.existing_id, exists.existing_value, exists.new_value, exists.moved_from) == (
        "2026-02",
        first.id,
        15,
        12,
        "",
    )
    assert "15,0" in exists.message and "12,0" in exists.message and "2026-02" in exists.message
    assert stored(world, row.id) == [(first.id, dt.date(2026, 2, 1), 15)]  # nothing was replaced

    second = measure(
        world, row.id, dt.date(2026, 2, 27), "12", "Rättad", replace=True, expected_version=exists.existing_version
    )
    assert second.id == first.id and second.period_start == dt.date(2026, 2, 1) and second.label == "2026-02"
    assert second.value == 12 and second.note == "Rättad"
    assert stored(world, row.id) == [(first.id, dt.date(2026, 2, 1), 12)]
    updates = [(old["value"], new["value"], user) for _id, old, new, user in audited(world, AuditOperation.UPDATE)]
    assert updates == [(15.0, 12.0, "editor")]
    with pytest.raises(ConflictError):  # replacing a value the user did not see (it changed since)
        measure(world, row.id, dt.date(2026, 2, 1), 11, replace=True, expected_version=first.version)


def test_moving_a_value_onto_a_period_with_a_value_asks_and_leaves_one_row(world):
    row = make_indicator(world)
    november = measure(world, row.id, dt.date(2025, 11, 1), 12)
    december = measure(world, row.id, dt.date(2025, 12, 1), 9)
    with pytest.raises(MeasurementExistsError) as info:
        move(world, december, dt.date(2025, 11, 15), "9")
    exists = info.value
    assert (exists.period_label, exists.existing_value, exists.new_value, exists.moved_from) == (
        "2025-11",
        12,
        9,
        "2025-12",
    )
    assert stored(world, row.id) == [(november.id, dt.date(2025, 11, 1), 12), (december.id, dt.date(2025, 12, 1), 9)]

    moved = move(world, december, dt.date(2025, 11, 15), "9", replace=True, replaced_version=exists.existing_version)
    assert (moved.id, moved.period_start, moved.value) == (december.id, dt.date(2025, 11, 1), 9)
    assert stored(world, row.id) == [(december.id, dt.date(2025, 11, 1), 9)]  # one row; December has none
    deleted = audited(world, AuditOperation.DELETE)
    assert [(row_id, old["value"], user) for row_id, old, _new, user in deleted] == [(november.id, 12.0, "editor")]
    updates = audited(world, AuditOperation.UPDATE)
    assert [(row_id, old["period_start"], new["period_start"]) for row_id, old, new, _u in updates] == [
        (december.id, "2025-12-01", "2025-11-01")
    ]


def test_moving_a_value_to_an_empty_period_moves_it_and_a_stale_replace_changes_nothing(world):
    row = make_indicator(world)
    october = measure(world, row.id, dt.date(2025, 10, 1), 7)
    december = measure(world, row.id, dt.date(2025, 12, 1), 9)
    moved = move(world, december, dt.date(2025, 11, 30), "9", "Flyttad")  # an empty month: nothing to ask
    assert stored(world, row.id) == [(october.id, dt.date(2025, 10, 1), 7), (december.id, dt.date(2025, 11, 1), 9)]
    changed = move(world, moved, dt.date(2025, 11, 1), "8")  # the same period, another value: no question
    assert (changed.value, changed.note, changed.version) == (8, "", moved.version + 1)
    with pytest.raises(MeasurementExistsError) as info:
        move(world, changed, dt.date(2025, 10, 1), "8")
    measure(world, row.id, dt.date(2025, 10, 1), 6, replace=True)  # a colleague changes October meanwhile
    with pytest.raises(ConflictError):
        move(world, changed, dt.date(2025, 10, 1), "8", replace=True, replaced_version=info.value.existing_version)
    assert stored(world, row.id) == [(october.id, dt.date(2025, 10, 1), 6), (december.id, dt.date(2025, 11, 1), 8)]
    with pytest.raises(ConflictError):  # the moved value itself changed since it was read
        move(world, moved, dt.date(2025, 9, 1), "8")


@pytest.mark.parametrize(
    ("unit", "refused", "accepted", "fragment"),
    [
        ("händelser/månad", ["-5", "2,5"], ["0", "17"], "ett heltal, 0 eller mer"),
        ("antal", ["-1"], ["3"], "heltal"),
        ("%", ["-0,1", "100,5", "120"], ["0", "81,25", "100"], "mellan 0 och 100"),
        ("andel trygga", ["101"], ["55"], "mellan 0 och 100"),
        ("index", ["-1"], ["3,25", "0"], "ett tal, 0 eller mer"),
        ("procentenheter", [], ["-3,5", "2"], ""),
    ],
)
def test_measurements_must_fit_the_unit(world, unit, refused, accepted, fragment):
    row = make_indicator(world, unit=unit, baseline_value=None, target_value=None)
    for value in refused:
        with pytest.raises(ValidationError) as info:
            measure(world, row.id, dt.date(2026, 1, 1), value)
        assert set(info.value.errors) == {"value"}
        assert fragment in info.value.errors["value"] and unit in info.value.errors["value"]
    for value in accepted:
        assert measure(world, row.id, dt.date(2026, 1, 1), value, replace=True).value == float(value.replace(",", "."))


def test_baselines_and_targets_fit_the_unit_and_a_new_unit_fits_the_stored_values(world):
    count = make_indicator(world, unit="bränder/månad", baseline_value="22,5", target_value=0)  # an average
    assert (count.baseline_value, count.target_value) == (22.5, 0)
    with pytest.raises(ValidationError) as info:
        make_indicator(world, name="Andel trygga", unit="%", baseline_value=-2, target_value=120)
    assert set(info.value.errors) == {"baseline_value", "target_value"}
    assert "mellan 0 och 100" in info.value.errors["target_value"]
    measure(world, count.id, dt.date(2026, 1, 1), 140)
    data = fu.IndicatorInput(name=count.name, unit="%", baseline_value=50, target_value=80)
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        fu.update_indicator(s, world.editor, count.id, data, count.version)
    assert set(info.value.errors) == {"unit"} and "140,0" in info.value.errors["unit"]


@pytest.mark.parametrize(
    ("frequency", "day", "first_open_day"),
    [
        (Frequency.MONTHLY, dt.date(2026, 3, 1), "2026-04-01"),  # the month in progress
        (Frequency.MONTHLY, dt.date(2026, 3, 31), "2026-04-01"),  # any day of it
        (Frequency.TERTIAL, dt.date(2026, 1, 1), "2026-05-01"),
        (Frequency.YEARLY, dt.date(2026, 2, 1), "2027-01-01"),
    ],
)
def test_a_period_that_has_not_ended_is_refused(world, frequency, day, first_open_day):
    row = make_indicator(world, frequency=frequency)
    with pytest.raises(ValidationError) as info:
        measure(world, row.id, day, 4)
    assert set(info.value.errors) == {"period_start"} and first_open_day in info.value.errors["period_start"]
    assert measure(world, row.id, day, 4, today=dt.date.fromisoformat(first_open_day)).value == 4


def test_a_level_is_taken_once_its_period_has_begun_a_count_once_it_has_ended(world):
    """A survey's share for this year is measured in the autumn and is final; a count of events is not."""
    survey = make_indicator(world, name="Andel trygga", unit="%", frequency=Frequency.YEARLY, baseline_value=60)
    assert measure(world, survey.id, dt.date(2026, 1, 1), 64).label == "2026"  # TODAY is in March 2026
    with pytest.raises(ValidationError) as info:
        measure(world, survey.id, dt.date(2027, 1, 1), 64)
    assert "inte börjat" in info.value.errors["period_start"]
    hours = make_indicator(world, name="Fältarbete", unit="timmar/månad", baseline_value=None, target_value=None)
    with pytest.raises(ValidationError) as info:  # per month: adds up over the month
        measure(world, hours.id, dt.date(2026, 3, 1), "12,5")
    assert "inte slut" in info.value.errors["period_start"]


def test_measurement_validation(world):
    row = make_indicator(world, frequency=Frequency.TERTIAL)
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        fu.set_measurement(s, world.editor, row.id, dt.date(2026, 5, 2), "ett par", today=TODAY)  # T2 not ended
    assert set(info.value.errors) == {"period_start", "value"}
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        fu.set_measurement(s, world.editor, row.id, None, None, today=TODAY)
    assert set(info.value.errors) == {"period_start", "value"}
    with acting(world, world.reader) as s, pytest.raises(PermissionDeniedError):
        fu.set_measurement(s, world.reader, row.id, dt.date(2026, 1, 1), 3, today=TODAY)
    with acting(world, world.editor) as s, pytest.raises(NotFoundError):
        fu.set_measurement(s, world.editor, 999, dt.date(2026, 1, 1), 3, today=TODAY)
    point = measure(world, row.id, dt.date(2025, 12, 11), 7)  # the last tertial that has ended
    assert point.period_start == dt.date(2025, 9, 1) and point.label == "T3 2025"


def test_series_and_latest_value(world):
    otrygga = area_id(world, "Otrygga platser")
    lower = make_indicator(world, area_id=otrygga, frequency=Frequency.TERTIAL)
    higher = make_indicator(
        world,
        name="Andel som känner sig trygga",
        direction=Direction.HIGHER,
        frequency=Frequency.YEARLY,
        baseline_value=0.6,
        target_value=None,
        unit="andel",
    )
    for day, value in ((dt.date(2025, 10, 1), 14), (dt.date(2025, 2, 1), 19), (dt.date(2025, 6, 30), 16)):
        measure(world, lower.id, day, value)
    measure(world, higher.id, dt.date(2025, 12, 31), 0.55)
    with acting(world, world.reader) as s:
        series = fu.indicator_series(s, world.reader, lower.id)
        rows = {r.name: r for r in fu.list_indicators(s, world.reader)}
        in_area = fu.list_indicators(s, world.reader, area_id=otrygga)
    assert [(p.label, p.value) for p in series.points] == [("T1 2025", 19), ("T2 2025", 16), ("T3 2025", 14)]
    assert (series.baseline_value, series.target_value, series.direction, series.unit) == (
        20,
        10,
        Direction.LOWER,
        "antal",
    )
    low = rows["Våldsbrott i Märsta centrum"]
    assert (low.latest_value, low.latest_period_label, low.measurement_count) == (14, "T3 2025", 3)
    assert low.status is fu.IndicatorStatus.OFF_TRACK  # 14 has not reached the target 10
    high = rows["Andel som känner sig trygga"]
    assert (high.latest_value, high.latest_period_start, high.status) == (
        0.55,
        dt.date(2025, 1, 1),
        fu.IndicatorStatus.OFF_TRACK,
    )
    assert [r.id for r in in_area] == [lower.id]
    measure(world, lower.id, dt.date(2026, 1, 5), 9, today=dt.date(2026, 5, 1))
    with acting(world, world.reader) as s:
        assert fu.get_indicator(s, world.reader, lower.id).status is fu.IndicatorStatus.ON_TRACK


# --- meetings ------------------------------------------------------------------------------------------


def make_action(world) -> int:
    with acting(world, world.editor) as s:
        return create_action(
            s,
            world.editor,
            ActionInput(
                title="Nattvandring",
                responsible_organisation_id=world.kommun.id,
                area_ids=[area_id(world, "Ungdomsgäng")],
                status=ActionStatus.ONGOING,
            ),
        ).id


def test_meeting_crud_with_links_and_snapshot(world):
    action_id = make_action(world)
    snapshot = {"period": ["2026-03-02", "2026-03-08"], "top_places": [{"place": "Märsta centrum", "count": 12}]}
    data = mt.MeetingInput(
        held_on=dt.date(2026, 3, 10),
        forum=Forum.WEEKLY_OPERATIONAL,
        notes="Genomgång av veckan",
        decisions="Fokus på Märsta centrum fredag kväll",
        organisation_ids=[world.kommun.id, world.polisen.id],
        focus_place_ids=[world.places["Märsta centrum"].id],
        action_ids=[action_id],
    )
    with acting(world, world.editor) as s:
        row = mt.create_meeting(s, world.editor, data, lagesbild_snapshot=snapshot)
    assert row.lagesbild_snapshot == snapshot and row.has_snapshot
    assert set(row.organisation_names) == {"Kommunen", "Polisen"} and row.focus_place_names == ("Märsta centrum",)
    assert row.action_titles == ("Nattvandring",) and row.created_by_name == "Erik Editor"

    with acting(world, world.police) as s:  # the minutes are shared: another organisation's editor completes them
        data.focus_place_ids = [world.places["Valsta centrum"].id, world.places["Märsta centrum"].id]
        data.action_ids = []
        data.notes += " Kompletterat av polisen."
        row = mt.update_meeting(s, world.police, row.id, data, row.version)
    assert row.focus_place_names == ("Märsta centrum", "Valsta centrum") and row.action_ids == ()
    assert row.notes.endswith("polisen.") and row.lagesbild_snapshot == snapshot  # the snapshot stays frozen

    with acting(world, world.editor) as s:
        later = mt.create_meeting(s, world.editor, mt.MeetingInput(held_on=dt.date(2026, 3, 17)))
        earlier = mt.create_meeting(
            s, world.editor, mt.MeetingInput(held_on=dt.date(2026, 1, 20), forum=Forum.STEERING_GROUP)
        )
        listed = mt.list_meetings(s, world.reader)
        steering = mt.list_meetings(s, world.reader, forum=Forum.STEERING_GROUP)
        march = mt.list_meetings(s, world.reader, date_from=dt.date(2026, 3, 1), date_to=dt.date(2026, 3, 31))
    assert [m.id for m in listed] == [later.id, row.id, earlier.id]  # newest first
    assert listed[1].has_snapshot and listed[1].lagesbild_snapshot is None  # lists leave the snapshot out
    assert not later.has_snapshot and later.lagesbild_snapshot is None
    assert [m.id for m in steering] == [earlier.id] and [m.id for m in march] == [later.id, row.id]
    with world.db.session() as s:  # no snapshot means SQL NULL, not a JSON 'null'
        assert s.scalar(sa.select(sa.func.count()).where(FollowUpMeeting.lagesbild_snapshot.is_(None))) == 2

    with acting(world, world.police) as s, pytest.raises(PermissionDeniedError):
        mt.delete_meeting(s, world.police, row.id, row.version)  # neither admin nor the one who recorded it
    with acting(world, world.editor) as s:
        mt.delete_meeting(s, world.editor, row.id, row.version)
    with acting(world, world.police_admin) as s:
        mt.delete_meeting(s, world.police_admin, later.id, later.version)
        assert [m.id for m in mt.list_meetings(s, world.police_admin)] == [earlier.id]
    with acting(world, world.editor) as s, pytest.raises(NotFoundError):
        mt.get_meeting(s, world.editor, row.id)


def test_meeting_validation_permissions_and_conflict(world):
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        mt.create_meeting(
            s,
            world.editor,
            mt.MeetingInput(
                held_on=None, forum="kafferep", organisation_ids=[999], focus_place_ids=[998], action_ids=[997]
            ),
        )
    assert set(info.value.errors) == {"held_on", "forum", "organisation_ids", "focus_place_ids", "action_ids"}
    with acting(world, world.reader) as s, pytest.raises(PermissionDeniedError):
        mt.create_meeting(s, world.reader, mt.MeetingInput(held_on=TODAY))
    with acting(world, world.editor) as s:
        row = mt.create_meeting(s, world.editor, mt.MeetingInput(held_on=TODAY))
    with acting(world, world.admin) as s:
        mt.update_meeting(s, world.admin, row.id, mt.MeetingInput(held_on=TODAY, notes="Adminens"), row.version)
    with acting(world, world.editor) as s, pytest.raises(ConflictError) as info:
        mt.update_meeting(s, world.editor, row.id, mt.MeetingInput(held_on=TODAY, notes="Min"), row.version)
    assert info.value.changed_by == "Anna Admin"


def test_measurement_saved_by_someone_else_at_the_same_moment_is_neither_duplicated_nor_replaced(world, monkeypatch):
    row = make_indicator(world)
    other = measure(world, row.id, dt.date(2026, 2, 1), 15, actor=world.police)
    real = fu._measurement_at
    calls = []

    def not_yet_visible(session, indicator_id, start):
        # The first look happens "before" the colleague's save, so it finds nothing and inserts.
        calls.append(start)
        return None if len(calls) == 1 else real(session, indicator_id, start)

    monkeypatch.setattr(fu, "_measurement_at", not_yet_visible)
    with acting(world, world.editor) as s, pytest.raises(MeasurementExistsError) as info:
        fu.set_measurement(s, world.editor, row.id, dt.date(2026, 2, 14), 16, today=TODAY)
    assert (info.value.existing_id, info.value.existing_value, info.value.new_value, len(calls)) == (
        other.id,
        15,
        16,
        2,
    )
    with world.db.session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Measurement)) == 1


def test_recorded_meeting_keeps_the_open_lagesbild_of_its_date(world):
    """The snapshot is the ranking of the four weeks up to the meeting, counted from open rows only."""
    from app.db.models import Category, Observation
    from app.domain.vocabulary import Classification, Source

    marsta, valsta = world.places["Märsta centrum"].id, world.places["Valsta centrum"].id
    with world.db.session() as s:
        vald = s.scalar(sa.select(Category.id).where(Category.code == "VALD"))
        rows = [  # (day, place, count, organisation, classification)
            (dt.date(2026, 3, 9), marsta, 3, world.kommun.id, Classification.OPEN),
            (dt.date(2026, 2, 11), marsta, 1, world.kommun.id, Classification.OPEN),  # first day of the 28
            (dt.date(2026, 2, 10), marsta, 4, world.kommun.id, Classification.OPEN),  # previous period
            (dt.date(2026, 3, 1), valsta, 2, world.polisen.id, Classification.OPEN),
            (dt.date(2026, 3, 2), valsta, 9, world.polisen.id, Classification.INTERNAL),  # police-internal
            (dt.date(2026, 3, 11), valsta, 5, world.kommun.id, Classification.OPEN),  # after the meeting
        ]
        for day, place, count, org, classification in rows:
            s.add(
                Observation(
                    occurred_on=day,
                    place_id=place,
                    category_id=vald,
                    count=count,
                    organisation_id=org,
                    classification=classification,
                    source=Source.OWN_OBSERVATION,
                )
            )
    data = mt.MeetingInput(held_on=dt.date(2026, 3, 10), organisation_ids=[world.kommun.id, world.polisen.id])
    with acting(world, world.police) as s:  # recorded by the police, who could see their internal row
        row = mt.record_meeting(s, world.police, data)
    snap = row.lagesbild_snapshot
    assert snap["period"] == ["2026-02-11", "2026-03-10"] and snap["previous_period"] == ["2026-01-14", "2026-02-10"]
    assert snap["total"] == 3 + 1 + 2 and snap["previous_total"] == 4
    ranked = [(h["rank"], h["place"], h["count"], h["previous"]) for h in snap["hotspots"]]
    assert ranked == [(1, "Märsta centrum", 4, 4), (2, "Valsta centrum", 2, 0)]
    with acting(world, world.reader) as s:  # anyone reading the minutes later sees the same frozen figures
        assert mt.get_meeting(s, world.reader, row.id).lagesbild_snapshot == snap


def test_a_recorded_meetings_snapshot_keeps_its_map(world):
    """The snapshot's map: the places with events in either period where they are, those without
    coordinates by name, from open rows only; it turns back into the picture."""
    from app.charts.map_chart import map_view, snapshot_map_figure
    from app.db.models import Category, Observation, Place
    from app.domain.vocabulary import Classification, PlaceType, Source

    marsta, valsta = world.places["Märsta centrum"].id, world.places["Valsta centrum"].id
    with world.db.session() as s:
        vald = s.scalar(sa.select(Category.id).where(Category.code == "VALD"))
        school = Place(name="Skolgården", district="Valsta", place_type=PlaceType.OTHER)  # not placed yet
        quiet = Place(name="Tyst torg", district="Märsta", place_type=PlaceType.OTHER, latitude=59.63, longitude=17.86)
        s.add_all([school, quiet])
        s.flush()
        rows = [  # (day, place, count, organisation, classification)
            (dt.date(2026, 3, 9), marsta, 3, world.kommun.id, Classification.OPEN),
            (dt.date(2026, 1, 20), valsta, 2, world.kommun.id, Classification.OPEN),  # only the previous period
            (dt.date(2026, 3, 2), valsta, 9, world.polisen.id, Classification.INTERNAL),  # police-internal
            (dt.date(2026, 3, 3), school.id, 4, world.kommun.id, Classification.OPEN),
        ]
        for day, place, count, org, classification in rows:
            s.add(
                Observation(
                    occurred_on=day,
                    place_id=place,
                    category_id=vald,
                    count=count,
                    organisation_id=org,
                    classification=classification,
                    source=Source.OWN_OBSERVATION,
                )
            )
    data = mt.MeetingInput(held_on=dt.date(2026, 3, 10), organisation_ids=[world.kommun.id])
    with acting(world, world.police) as s:
        row = mt.record_meeting(s, world.police, data)
    shown = row.lagesbild_snapshot["map"]
    assert shown["places"] == [
        {"name": "Märsta centrum", "district": "Märsta", "lat": 59.6225, "lon": 17.8545, "count": 3, "previous": 0},
        {"name": "Valsta centrum", "district": "Valsta", "lat": 59.6125, "lon": 17.83, "count": 0, "previous": 2},
    ]  # the quiet square is not in it, nor the police's internal nine
    assert shown["unplaced"] == [{"name": "Skolgården", "count": 4}]
    figure = snapshot_map_figure(shown)
    assert {c.get_gid() for c in figure.axes[0].patches if c.get_gid()} == {"Märsta centrum", "Valsta centrum"}
    assert "Skolgården (4)" in next(t.get_text() for t in figure.texts)
    assert map_view(figure).zoom > 12  # fitted to the two places, not the whole kommun


def test_trend_span_is_whole_months_and_at_least_a_year():
    from app.services.filters import ObservationFilter
    from app.services.overview import trend_filter, year_before

    four_weeks = ObservationFilter(dt.date(2026, 10, 29), dt.date(2026, 11, 25))
    assert trend_filter(four_weeks).date_from == dt.date(2025, 11, 1)
    assert trend_filter(four_weeks).date_to == dt.date(2026, 11, 25)
    two_years = ObservationFilter(dt.date(2024, 11, 26), dt.date(2026, 11, 25))
    assert trend_filter(two_years).date_from == dt.date(2024, 11, 1)
    leap = year_before(ObservationFilter(dt.date(2024, 2, 1), dt.date(2024, 2, 29)))
    assert (leap.date_from, leap.date_to) == (dt.date(2023, 2, 1), dt.date(2023, 2, 28))
