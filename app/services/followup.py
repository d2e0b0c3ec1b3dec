"""Uppföljning: indicators with baseline and target, their measurements per period, and series for charts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db.models import Area, Indicator, Measurement, Organisation, action_indicators
from app.domain import periods, units
from app.domain.vocabulary import Direction, Frequency, IndicatorStatus
from app.errors import ConflictError, InUseError, MeasurementExistsError
from app.i18n import _
from app.services.common import (
    TEXT_MAX,
    check_version,
    coerce_enum,
    flush_or_conflict,
    flush_unique,
    get_current,
    get_or_raise,
    name_taken,
    parse_number,
)
from app.services.context import Actor
from app.services.validation import Checker

# --- indicators ------------------------------------------------------------------------------------

# The longest texts an indicator takes (the forms show a count near them).
NAME_MAX, UNIT_MAX, DATA_SOURCE_MAX, PERIOD_LABEL_MAX, PERSON_MAX = 200, 40, 200, 40, 120


@dataclass
class IndicatorInput:
    name: str
    frequency: Frequency = Frequency.MONTHLY
    direction: Direction = Direction.LOWER
    description: str = ""
    unit: str = ""
    data_source: str = ""
    area_id: int | None = None
    baseline_value: float | str | None = None
    baseline_period: str = ""
    target_value: float | str | None = None
    responsible_organisation_id: int | None = None
    responsible_person: str = ""
    active: bool = True


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    name: str
    description: str
    unit: str
    data_source: str
    area_id: int | None
    area_name: str
    baseline_value: float | None
    baseline_period: str
    target_value: float | None
    direction: Direction
    frequency: Frequency
    responsible_organisation_id: int | None
    responsible_organisation_name: str
    responsible_person: str
    active: bool
    measurement_count: int
    latest_value: float | None
    latest_period_start: dt.date | None
    latest_period_label: str
    status: IndicatorStatus
    version: int


@dataclass(frozen=True)
class MeasurementRow:
    id: int
    indicator_id: int
    period_start: dt.date
    label: str
    value: float
    note: str
    version: int


@dataclass(frozen=True)
class SeriesPoint:
    period_start: dt.date
    label: str
    value: float
    note: str
    measurement_id: int
    version: int


@dataclass(frozen=True)
class IndicatorSeries:
    indicator_id: int
    name: str
    unit: str
    direction: Direction
    frequency: Frequency
    baseline_value: float | None
    baseline_period: str
    target_value: float | None
    points: tuple[SeriesPoint, ...]


def indicator_status(
    direction: Direction, latest: float | None, target: float | None, baseline: float | None
) -> IndicatorStatus:
    """On track when the latest value reaches the target, or without a target, beats the baseline."""
    if latest is None:
        return IndicatorStatus.NO_DATA
    lower_is_better = Direction(direction) is Direction.LOWER
    if target is not None:
        ok = latest <= target if lower_is_better else latest >= target
    elif baseline is not None:
        ok = latest < baseline if lower_is_better else latest > baseline
    else:
        return IndicatorStatus.NO_DATA
    return IndicatorStatus.ON_TRACK if ok else IndicatorStatus.OFF_TRACK


@dataclass
class _CleanIndicator:
    name: str
    frequency: Frequency
    direction: Direction
    baseline: float | None
    target: float | None


def _validate_indicator(session: Session, data: IndicatorInput, current: Indicator | None = None) -> _CleanIndicator:
    check = Checker()
    name = check.text("name", data.name, required=True, max_length=NAME_MAX)
    if name and name_taken(session, Indicator.name, name, exclude_id=current.id if current else None):
        check.fail("name", _("Another indicator already has this name."))
    check.free_text("description", data.description, max_length=TEXT_MAX)
    check.text("unit", data.unit, max_length=UNIT_MAX)
    check.text("data_source", data.data_source, max_length=DATA_SOURCE_MAX)
    check.text("baseline_period", data.baseline_period, max_length=PERIOD_LABEL_MAX)
    check.text("responsible_person", data.responsible_person, max_length=PERSON_MAX)
    check.exists(session, "area_id", Area, data.area_id, required=False)
    check.exists(session, "responsible_organisation_id", Organisation, data.responsible_organisation_id, required=False)
    frequency = coerce_enum(check, "frequency", Frequency, data.frequency)
    direction = coerce_enum(check, "direction", Direction, data.direction)
    baseline = parse_number(check, "baseline_value", data.baseline_value)
    target = parse_number(check, "target_value", data.target_value)
    unit = (data.unit or "").strip()
    check_value(check, "baseline_value", baseline, unit, whole=False)
    check_value(check, "target_value", target, unit, whole=False)
    if current is not None and unit != current.unit:
        _check_stored_values(session, check, current.id, unit)
    # Stored period starts belong to the old frequency; changing it would silently relabel them.
    if current is not None and frequency is not None and frequency is not current.frequency:
        has_measurements = session.scalar(
            sa.select(sa.func.count()).select_from(Measurement).where(Measurement.indicator_id == current.id)
        )
        if has_measurements:
            check.fail("frequency", _("The frequency cannot change while the indicator has measurements."))
    check.raise_if_any()
    assert frequency is not None and direction is not None  # both failed the check otherwise
    return _CleanIndicator(name, frequency, direction, baseline, target)


def _check_stored_values(session: Session, check: Checker, indicator_id: int, unit: str) -> None:
    """A new unit must fit the values already measured: "%" is refused while a value of 140 is stored."""
    stored = session.scalars(sa.select(Measurement.value).where(Measurement.indicator_id == indicator_id)).all()
    rule = units.value_rule(unit)
    wrong = [value for value in stored if rule.problem(value, unit)]
    if wrong:
        check.fail(
            "unit",
            _(
                "{n} stored values do not fit this unit (for example {value}): it allows {allowed}.",
                n=len(wrong),
                value=units.format_value(wrong[0]),
                allowed=rule.allowed(),
            ),
        )


def _apply_indicator(row: Indicator, data: IndicatorInput, clean: _CleanIndicator) -> None:
    row.name = clean.name
    row.frequency = clean.frequency
    row.direction = clean.direction
    row.description = (data.description or "").strip()
    row.unit = (data.unit or "").strip()
    row.data_source = (data.data_source or "").strip()
    row.area_id = data.area_id
    row.baseline_value = clean.baseline
    row.baseline_period = (data.baseline_period or "").strip()
    row.target_value = clean.target
    row.responsible_organisation_id = data.responsible_organisation_id
    row.responsible_person = (data.responsible_person or "").strip()
    row.active = bool(data.active)


def create_indicator(session: Session, actor: Actor, data: IndicatorInput) -> IndicatorRow:
    actor.require_editor()
    clean = _validate_indicator(session, data)
    row = Indicator()
    _apply_indicator(row, data, clean)
    session.add(row)
    flush_unique(session, "name", _("Another indicator already has this name."))
    return get_indicator(session, actor, row.id)


def update_indicator(
    session: Session, actor: Actor, indicator_id: int, data: IndicatorInput, expected_version: int | None
) -> IndicatorRow:
    actor.require_editor()
    row = get_current(session, Indicator, indicator_id, expected_version)
    clean = _validate_indicator(session, data, row)
    _apply_indicator(row, data, clean)
    flush_or_conflict(session, row)
    return get_indicator(session, actor, row.id)


def delete_indicator(session: Session, actor: Actor, indicator_id: int, expected_version: int | None) -> None:
    """Delete an indicator nobody has used yet; one with measurements or linked actions is kept for history."""
    actor.require_editor()
    row = get_current(session, Indicator, indicator_id, expected_version)
    measurements = (
        session.scalar(
            sa.select(sa.func.count()).select_from(Measurement).where(Measurement.indicator_id == indicator_id)
        )
        or 0
    )
    actions = (
        session.scalar(
            sa.select(sa.func.count())
            .select_from(action_indicators)
            .where(action_indicators.c.indicator_id == indicator_id)
        )
        or 0
    )
    if measurements or actions:
        raise InUseError(
            _(
                "The indicator has {measurements} measurements and is linked to {actions} actions, so it "
                "cannot be deleted. Mark it as not in use instead.",
                measurements=measurements,
                actions=actions,
            ),
            table=Indicator.__tablename__,
            row_id=indicator_id,
            uses={"measurements": measurements, "actions": actions},
        )
    session.delete(row)
    flush_or_conflict(session, row)


def _indicator_select() -> sa.Select:
    latest = (
        sa.select(
            Measurement.indicator_id.label("indicator_id"),
            sa.func.max(Measurement.period_start).label("period_start"),
            sa.func.count().label("n"),
        )
        .group_by(Measurement.indicator_id)
        .subquery()
    )
    return (
        sa.select(
            Indicator,
            Area.name.label("area_name"),
            Organisation.name.label("organisation_name"),
            latest.c.n.label("measurement_count"),
            latest.c.period_start.label("latest_period_start"),
            Measurement.value.label("latest_value"),
        )
        .outerjoin(Area, Indicator.area_id == Area.id)
        .outerjoin(Organisation, Indicator.responsible_organisation_id == Organisation.id)
        .outerjoin(latest, latest.c.indicator_id == Indicator.id)
        .outerjoin(
            Measurement,
            sa.and_(Measurement.indicator_id == Indicator.id, Measurement.period_start == latest.c.period_start),
        )
    )


def _indicator_row(found: sa.Row) -> IndicatorRow:
    """An IndicatorRow from a row of `_indicator_select()`, by column name."""
    ind: Indicator = found.Indicator
    latest_start, latest_value = found.latest_period_start, found.latest_value
    return IndicatorRow(
        id=ind.id,
        name=ind.name,
        description=ind.description,
        unit=ind.unit,
        data_source=ind.data_source,
        area_id=ind.area_id,
        area_name=found.area_name or "",
        baseline_value=ind.baseline_value,
        baseline_period=ind.baseline_period,
        target_value=ind.target_value,
        direction=ind.direction,
        frequency=ind.frequency,
        responsible_organisation_id=ind.responsible_organisation_id,
        responsible_organisation_name=found.organisation_name or "",
        responsible_person=ind.responsible_person,
        active=ind.active,
        measurement_count=found.measurement_count or 0,
        latest_value=latest_value,
        latest_period_start=latest_start,
        latest_period_label=periods.period_label(ind.frequency, latest_start) if latest_start else "",
        status=indicator_status(ind.direction, latest_value, ind.target_value, ind.baseline_value),
        version=ind.version,
    )


def get_indicator(session: Session, actor: Actor, indicator_id: int) -> IndicatorRow:
    result = session.execute(_indicator_select().where(Indicator.id == indicator_id)).first()
    if result is None:
        get_or_raise(session, Indicator, indicator_id)  # raises NotFoundError
    assert result is not None  # the indicator exists, and the outer joins keep its row
    return _indicator_row(result)


def list_indicators(
    session: Session, actor: Actor, area_id: int | None = None, active_only: bool = True
) -> list[IndicatorRow]:
    stmt = _indicator_select()
    if area_id is not None:
        stmt = stmt.where(Indicator.area_id == area_id)
    if active_only:
        stmt = stmt.where(Indicator.active.is_(True))
    stmt = stmt.order_by(Area.sort_order.asc().nulls_last(), Indicator.name, Indicator.id)
    return [_indicator_row(r) for r in session.execute(stmt)]


# --- measurements ----------------------------------------------------------------------------------


def check_value(check: Checker, field: str, value: float | None, unit: str, *, whole: bool = True) -> None:
    """Refuse a value the indicator's unit does not allow (app/domain/units.py): a negative count, 120 %.

    `whole=False` for a baseline or a target, which may be an average of whole counts."""
    if value is not None and (problem := units.value_rule(unit).problem(value, unit, whole=whole)):
        check.fail(field, problem)


def check_period(
    check: Checker,
    frequency: Frequency,
    day: dt.date | None,
    today: dt.date,
    unit: str,
    field: str = "period_start",
) -> dt.date | None:
    """The first day of the period `day` lies in, provided the value can be known: a value that adds up
    over the period (events a month) only once the period has ended, since part of it would read as a
    drop in the chart; a level (a share from a survey) once the period has begun and it was measured."""
    if day is None:
        check.fail(field, _("Enter the period."))
        return None
    start = periods.period_start(frequency, day)
    check.date(field, start)
    following = periods.next_period_start(frequency, start)
    if start > today:
        check.fail(field, _("The period has not started yet."))
    elif following > today and units.accumulates(unit):
        check.fail(
            field,
            _(
                "The period {period} has not ended yet; its value can be entered from {date}.",
                period=periods.period_label(frequency, start),
                date=following.isoformat(),
            ),
        )
    return start


def last_ended_period(frequency: Frequency, today: dt.date) -> dt.date:
    """The first day of the latest period that has ended: what a new measurement is usually for."""
    return periods.previous_period_start(frequency, periods.period_start(frequency, today))


def _check_measurement(
    indicator: Indicator, period_start: dt.date | None, value: float | str | None, note: str, today: dt.date | None
) -> tuple[dt.date, float, str]:
    check = Checker()
    start = check_period(check, indicator.frequency, period_start, today or dt.date.today(), indicator.unit)
    number = parse_number(check, "value", value, required=True)
    check_value(check, "value", number, indicator.unit)
    clean_note = check.free_text("note", note, max_length=TEXT_MAX)
    check.raise_if_any()
    assert start is not None and number is not None  # both failed the check otherwise
    return start, number, clean_note


def _exists(
    indicator: Indicator, stored: Measurement, new_value: float, moved_from: dt.date | None = None
) -> MeasurementExistsError:
    label = periods.period_label(indicator.frequency, stored.period_start)
    old_text, new_text = units.format_value(stored.value), units.format_value(new_value)
    if moved_from is None:
        message = _(
            "{period} already has the value {old}. Saving would replace it with {new}.",
            period=label,
            old=old_text,
            new=new_text,
        )
    else:
        message = _(
            "{period} already has the value {old}. Moving the value {new} there from {moved_from} would replace it.",
            period=label,
            old=old_text,
            new=new_text,
            moved_from=periods.period_label(indicator.frequency, moved_from),
        )
    return MeasurementExistsError(
        message,
        indicator_id=indicator.id,
        period_label=label,
        existing_id=stored.id,
        existing_value=stored.value,
        existing_version=stored.version,
        new_value=new_value,
        moved_from=periods.period_label(indicator.frequency, moved_from) if moved_from else "",
    )


def set_measurement(
    session: Session,
    actor: Actor,
    indicator_id: int,
    period_start: dt.date | None,
    value: float | str | None,
    note: str = "",
    *,
    replace: bool = False,
    expected_version: int | None = None,
    today: dt.date | None = None,
) -> MeasurementRow:
    """Record the value of a period that has ended.

    Any day of the period may be given; it is moved to the period's first day for the indicator's
    frequency, so the same period can never be stored twice under different dates. A period that
    already has another value keeps it: MeasurementExistsError, unless the caller says `replace=True`
    (the user agreed); `expected_version` is then the version of the value the user agreed to replace.
    """
    actor.require_editor()
    indicator = get_or_raise(session, Indicator, indicator_id)
    start, number, clean_note = _check_measurement(indicator, period_start, value, note, today)

    row = _measurement_at(session, indicator_id, start)
    if row is None:
        try:
            # A savepoint, so a colleague saving the same period at the same moment does not end our transaction.
            with session.begin_nested():
                row = Measurement(indicator_id=indicator_id, period_start=start, value=number, note=clean_note)
                session.add(row)
            return _measurement_row(row, indicator.frequency)
        except IntegrityError:
            row = _measurement_at(session, indicator_id, start)
            if row is None:
                raise
    if (row.value, row.note) == (number, clean_note):
        return _measurement_row(row, indicator.frequency)  # the same again: nothing to replace
    if not replace:
        raise _exists(indicator, row, number)
    check_version(session, row, expected_version)
    row.value = number
    row.note = clean_note
    flush_or_conflict(session, row)
    return _measurement_row(row, indicator.frequency)


def update_measurement(
    session: Session,
    actor: Actor,
    measurement_id: int,
    period_start: dt.date | None,
    value: float | str | None,
    note: str = "",
    *,
    expected_version: int | None,
    replace: bool = False,
    replaced_version: int | None = None,
    today: dt.date | None = None,
) -> MeasurementRow:
    """Change a stored value: its value, its note or its period.

    Moving it onto a period that has a value of its own raises MeasurementExistsError unless the caller
    says `replace=True` (with `replaced_version`, the version of the value the user agreed to replace).
    Then that value is deleted and the moved one takes its period, in the caller's transaction: the
    period has one row, the moved one, and the period it left has none. Both changes are audited.
    """
    actor.require_editor()
    row = get_current(session, Measurement, measurement_id, expected_version)
    indicator = get_or_raise(session, Indicator, row.indicator_id)
    start, number, clean_note = _check_measurement(indicator, period_start, value, note, today)
    if start != row.period_start:
        other = _measurement_at(session, row.indicator_id, start)
        if other is not None:
            if not replace:
                raise _exists(indicator, other, number, moved_from=row.period_start)
            check_version(session, other, replaced_version)
            session.delete(other)
            flush_or_conflict(session, other)  # the period is free before the moved value takes it
    row.period_start = start
    row.value = number
    row.note = clean_note
    try:
        flush_or_conflict(session, row)
    except IntegrityError as exc:  # a colleague saved a value for that period at the same moment
        session.rollback()
        raise ConflictError(
            _("Someone else saved a value for this period at the same moment. Nothing was overwritten."),
            table=Measurement.__tablename__,
            row_id=measurement_id,
        ) from exc
    return _measurement_row(row, indicator.frequency)


def delete_measurement(
    session: Session, actor: Actor, measurement_id: int, expected_version: int | None = None
) -> None:
    actor.require_editor()
    row = get_current(session, Measurement, measurement_id, expected_version)
    session.delete(row)
    flush_or_conflict(session, row)


def _measurement_at(session: Session, indicator_id: int, start: dt.date) -> Measurement | None:
    return session.scalars(
        sa.select(Measurement).where(Measurement.indicator_id == indicator_id, Measurement.period_start == start)
    ).first()


def _measurement_row(row: Measurement, frequency: Frequency) -> MeasurementRow:
    return MeasurementRow(
        id=row.id,
        indicator_id=row.indicator_id,
        period_start=row.period_start,
        label=periods.period_label(frequency, row.period_start),
        value=row.value,
        note=row.note,
        version=row.version,
    )


def indicator_series(session: Session, actor: Actor, indicator_id: int) -> IndicatorSeries:
    """Every measurement of the indicator in period order, with what it is measured against."""
    ind = get_or_raise(session, Indicator, indicator_id)
    stmt = (
        sa.select(Measurement.id, Measurement.period_start, Measurement.value, Measurement.note, Measurement.version)
        .where(Measurement.indicator_id == indicator_id)
        .order_by(Measurement.period_start)
    )
    points = tuple(
        SeriesPoint(start, periods.period_label(ind.frequency, start), value, note, mid, version)
        for mid, start, value, note, version in session.execute(stmt)
    )
    return IndicatorSeries(
        indicator_id=ind.id,
        name=ind.name,
        unit=ind.unit,
        direction=ind.direction,
        frequency=ind.frequency,
        baseline_value=ind.baseline_value,
        baseline_period=ind.baseline_period,
        target_value=ind.target_value,
        points=points,
    )
