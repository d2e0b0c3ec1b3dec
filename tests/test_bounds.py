"""Issue #11, item 3: every count, date and number has a sensible range; out of range is one clear line
(exit code 2) or a field error, never a traceback or an exhausted machine."""

from __future__ import annotations

import datetime as dt

import pytest

from app.errors import ValidationError
from app.services import followup
from app.services.context import bind_actor
from app.services.observations import ObservationInput, create_observation
from app.services.validation import EARLIEST_DATE, LATEST_DATE
from tests.cli_support import assert_one_line_error


@pytest.mark.parametrize(
    "argv",
    [
        ["demo", "--observations", "1000000000000"],
        ["demo", "--seed", "99999999999999999999"],
        ["export", "report", "--from", "0001-01-01", "--to", "0001-12-31", "--out", "rapport.xlsx"],
        ["export", "report", "--from", "2026-01-01", "--to", "9999-12-31", "--out", "rapport.xlsx"],
    ],
)
def test_out_of_range_arguments_get_one_line(run, tmp_path, argv):
    code, out, err = run("--database", str(tmp_path / "db.sqlite3"), *argv)
    line = assert_one_line_error(code, out, err)
    assert "1950-01-01" in line or "5000000" in line or "4294967295" in line
    assert not (tmp_path / "rapport.xlsx").exists()


@pytest.mark.parametrize("day", [dt.date(1, 1, 1), dt.date(1899, 12, 31), dt.date(2101, 1, 1)])
def test_a_date_outside_the_range_is_a_field_error(world, day):
    with world.db.session() as s:
        bind_actor(s, world.editor)
        place = world.places["Märsta centrum"].id
        import sqlalchemy as sa

        from app.db.models import Category

        category = s.scalar(sa.select(Category.id).limit(1))
        with pytest.raises(ValidationError) as info:
            create_observation(s, world.editor, ObservationInput(occurred_on=day, place_id=place, category_id=category))
    assert "occurred_on" in info.value.errors
    assert EARLIEST_DATE.isoformat() in info.value.errors["occurred_on"] or day > LATEST_DATE


@pytest.mark.parametrize("value", ["1e308", 1e13, -1e13])
def test_a_measurement_beyond_any_sense_is_refused(world, value):
    with world.db.session() as s:
        bind_actor(s, world.editor)
        indicator = followup.create_indicator(s, world.editor, followup.IndicatorInput(name="Anmälda brott"))
        with pytest.raises(ValidationError) as info:
            followup.set_measurement(s, world.editor, indicator.id, dt.date(2026, 1, 1), value)
    assert "value" in info.value.errors
