"""Issue #15: the summaries of the lägesbild are kept exact by the database after every kind of
change, on SQLite and PostgreSQL; the lägesbild read from them equals the lägesbild read from the
observations; `db rebuild-summaries` proves and restores them."""

from __future__ import annotations

import datetime as dt
import random

import pytest
import sqlalchemy as sa

from app.cli import main as cli_main
from app.db.models import (
    Category,
    Observation,
    ObservationDaySummary,
    ObservationMonthHourSummary,
    ObservationMonthSummary,
    Place,
)
from app.domain.vocabulary import Classification, Source
from app.services import lagesbild as lb
from app.services import observations as obs
from app.services import reference, summaries
from app.services.context import SYSTEM, bind_actor
from app.services.filters import ObservationFilter, visible_to
from tests.test_import import row as import_row
from tests.test_import import run_import, write_xlsx

D = dt.date
T = dt.time


def assert_exact(db) -> None:
    with db.session() as s:
        assert summaries.differences(s) == {t.__tablename__: 0 for t in summaries.SUMMARIES}


def _ids(db):
    with db.session() as s:
        places = list(s.scalars(sa.select(Place.id).order_by(Place.id)))
        categories = list(s.scalars(sa.select(Category.id).order_by(Category.id)))
    return places, categories


START = D(2023, 11, 20)


def _random_rows(world, n: int, seed: int, start: dt.date = START, days: int = 200) -> list[dict]:
    rng = random.Random(seed)
    places, categories = _ids(world.db)
    orgs = [world.kommun.id, world.polisen.id, world.raddning.id]
    rows = []
    for _ in range(n):
        rows.append(
            {
                "occurred_on": start + dt.timedelta(days=rng.randrange(days)),
                "occurred_time": None if rng.random() < 0.2 else T(rng.randrange(24), rng.randrange(60)),
                "place_id": rng.choice(places),
                "category_id": rng.choice(categories),
                "count": rng.choice([1, 1, 1, 2, 5]),
                "organisation_id": rng.choice(orgs),
                "classification": Classification.INTERNAL if rng.random() < 0.15 else Classification.OPEN,
                "source": rng.choice(list(Source)),
                "version": 1,
                "description": "",
            }
        )
    return rows


def _insert(db, rows) -> None:
    with db.session() as s:
        bind_actor(s, SYSTEM)
        s.execute(sa.insert(Observation), rows)


def _input(**overrides) -> obs.ObservationInput:
    values = {"occurred_on": D(2024, 1, 31), "place_id": None, "category_id": None, "count": 2}
    values.update(overrides)
    return obs.ObservationInput(**values)


# --- every kind of change --------------------------------------------------------------------------


def test_the_summaries_follow_every_kind_of_change_through_the_services(world):
    places, categories = _ids(world.db)
    db, editor = world.db, world.editor
    with db.session() as s:
        bind_actor(s, editor)
        first = obs.create_observation(s, editor, _input(place_id=places[0], category_id=categories[0]))
        second = obs.create_observation(
            s, editor, _input(place_id=places[1], category_id=categories[1], occurred_time=T(23, 30))
        )
    assert_exact(db)

    def change(row, **fields):
        data = obs.ObservationInput(
            occurred_on=row.occurred_on,
            place_id=row.place_id,
            category_id=row.category_id,
            count=row.count,
            occurred_time=row.occurred_time,
            source=row.source,
            classification=row.classification,
        )
        for key, value in fields.items():
            setattr(data, key, value)
        with db.session() as s:
            bind_actor(s, editor)
            updated = obs.update_observation(s, editor, row.id, data, row.version)
        assert_exact(db)
        return updated

    first = change(first, occurred_on=D(2024, 2, 1))  # into another month
    first = change(first, place_id=places[1])
    first = change(first, category_id=categories[2])
    first = change(first, count=7)
    first = change(first, classification=Classification.INTERNAL)
    first = change(first, occurred_time=T(2, 15))  # from no time to a time: another hour band
    first = change(first, occurred_time=None)
    first = change(first, source=Source.SAFETY_WALK)
    second = change(second, occurred_on=first.occurred_on, place_id=first.place_id, category_id=first.category_id)
    with db.session() as s:
        bind_actor(s, editor)
        obs.delete_observation(s, editor, first.id, first.version)
    assert_exact(db)
    with db.session() as s:
        bind_actor(s, editor)
        obs.delete_observation(s, editor, second.id, second.version)
    assert_exact(db)
    with db.session() as s:
        assert all(s.scalar(sa.select(sa.func.count()).select_from(t)) == 0 for t in summaries.SUMMARIES)


def test_the_summaries_follow_bulk_inserts_updates_and_deletes(world):
    db = world.db
    _insert(db, _random_rows(world, 400, seed=1))
    assert_exact(db)
    with db.engine.begin() as conn:
        # One statement changing many rows at once, some of them to the same key as others.
        conn.execute(sa.update(Observation).where(Observation.id % 3 == 0).values(count=Observation.count + 1))
        conn.execute(sa.update(Observation).where(Observation.id % 5 == 0).values(description="unchanged keys"))
        conn.execute(sa.update(Observation).where(Observation.id % 7 == 0).values(occurred_time=None))
        conn.execute(
            sa.update(Observation).where(Observation.id % 11 == 0).values(place_id=world.places["Märsta centrum"].id)
        )
        conn.execute(sa.delete(Observation).where(Observation.id % 4 == 1))
    assert_exact(db)


def test_the_summaries_follow_an_import(world, tmp_path):
    path = write_xlsx(tmp_path / "in.xlsx", [import_row(), import_row(Antal=3), import_row(Beskrivning="annat")])
    result = run_import(world, path)
    assert result.added == 3
    assert_exact(world.db)


def test_the_summaries_follow_a_merge_of_places(world):
    db = world.db
    _insert(db, _random_rows(world, 150, seed=2))
    gone, kept = world.places["Valsta centrum"], world.places["Märsta centrum"]
    with db.session() as s:
        bind_actor(s, world.admin)
        versions = {p.id: p.version for p in s.scalars(sa.select(Place))}
        reference.merge_places(
            s, world.admin, gone.id, kept.id, source_version=versions[gone.id], target_version=versions[kept.id]
        )
    assert_exact(db)
    with db.session() as s:
        assert s.scalar(sa.select(sa.func.count()).where(ObservationDaySummary.place_id == gone.id)) == 0


def test_differences_are_found_and_a_rebuild_repairs_them(world):
    db = world.db
    _insert(db, _random_rows(world, 200, seed=3))
    day = ObservationDaySummary
    with db.engine.begin() as conn:  # as the owner: what a hand edit or an old backup could leave
        conn.execute(
            sa.update(day)
            .where(day.occurred_on == sa.select(sa.func.min(day.occurred_on)).scalar_subquery())
            .values(events=day.events + 1)
        )
        conn.execute(sa.delete(ObservationMonthHourSummary).where(ObservationMonthHourSummary.weekday == 3))
    with db.session() as s:
        found = summaries.differences(s)
    assert found["observation_day_summary"] > 0 and found["observation_month_hour_summary"] > 0
    assert found["observation_month_summary"] == found["observation_hour_summary"] == 0
    with db.session() as s:
        summaries.rebuild(s)
    assert_exact(db)


def test_db_rebuild_summaries_checks_and_rebuilds(world, capsys):
    db = world.db
    _insert(db, _random_rows(world, 50, seed=4))
    url = db.url.render_as_string(hide_password=False)
    assert cli_main(["--database", url, "db", "rebuild-summaries", "--check"]) == 0
    with db.engine.begin() as conn:
        conn.execute(sa.delete(ObservationMonthSummary))
    capsys.readouterr()
    assert cli_main(["--database", url, "db", "rebuild-summaries", "--check"]) == 1
    assert "observation_month_summary" in capsys.readouterr().out
    assert cli_main(["--database", url, "db", "rebuild-summaries"]) == 0
    assert cli_main(["--database", url, "db", "rebuild-summaries", "--check"]) == 0
    assert_exact(db)


# --- the same lägesbild from the summaries as from the observations -----------------------------


def _filters(world, rng: random.Random) -> list[ObservationFilter]:
    places, categories = _ids(world.db)
    out = []
    for _ in range(25):
        start = D(2023, 11, 1) + dt.timedelta(days=rng.randrange(200))
        end = start + dt.timedelta(days=rng.choice([0, 1, 6, 27, 30, 31, 45, 90, 120]))
        extra: dict = {}
        pick = rng.randrange(6)
        if pick == 1:
            extra["place_ids"] = tuple(rng.sample(places, 1))
        elif pick == 2:
            extra["category_ids"] = tuple(rng.sample(categories, 2))
        elif pick == 3:
            extra["sources"] = (Source.OWN_OBSERVATION, Source.POLICE_STATISTICS)
        elif pick == 4:
            extra["organisation_ids"] = (world.polisen.id,)
        elif pick == 5:
            extra["districts"] = ("Märsta",)
        out.append(ObservationFilter(start, end, **extra))
    # Month edges exactly, and a whole year.
    out += [
        ObservationFilter(D(2024, 1, 1), D(2024, 1, 31)),
        ObservationFilter(D(2024, 1, 31), D(2024, 3, 1)),
        ObservationFilter(D(2023, 12, 1), D(2024, 5, 31)),
        ObservationFilter(D(2023, 6, 8), D(2024, 6, 7)),
    ]
    return out


@pytest.mark.parametrize("who", ["admin", "police", "reader"])
def test_the_lagesbild_from_the_summaries_equals_the_lagesbild_from_the_observations(world, who):
    _insert(world.db, _random_rows(world, 1500, seed=5))
    actor = getattr(world, who)
    rng = random.Random(6)
    with world.db.session() as s:
        for flt in _filters(world, rng):
            summary_cells = sorted(lb._summary_cells(s, actor, flt, True))
            base_cells = sorted(lb._base_cells(s, actor, flt, True))
            assert [c for c in summary_cells if c.count or c.previous_count] == [
                c for c in base_cells if c.count or c.previous_count
            ], flt
            base_grid = sorted(lb._weekday_hour_from_base(s, actor, flt))
            if not flt.place_ids and not flt.districts:
                summary_grid = sorted(lb._weekday_hour_from_summaries(s, actor, flt))
                assert [tuple(map(int, r)) for r in summary_grid] == [tuple(map(int, r)) for r in base_grid], flt
            assert lb.counts_by_month(s, actor, flt) == _months_from_base(s, actor, flt), flt
            assert obs.count_observations(s, actor, flt) == s.scalar(
                sa.select(sa.func.count()).select_from(Observation).where(*lb.observation_conditions(actor, flt))
            )
            assert lb.counts_by_iso_week(s, actor, flt) == _weeks_from_base(s, actor, flt), flt


def _base_rows(s, actor, flt):
    return s.execute(
        sa.select(Observation.occurred_on, Observation.count).where(*lb.observation_conditions(actor, flt))
    ).all()


def _weeks_from_base(s, actor, flt):
    found: dict = {}
    for r in _base_rows(s, actor, flt):
        week = r.occurred_on.isocalendar()
        found[(week.year, week.week)] = found.get((week.year, week.week), 0) + r.count
    return [
        lb.IsoWeekCount(w.iso_year, w.iso_week, found.get((w.iso_year, w.iso_week), 0))
        for w in lb.counts_by_iso_week(s, actor, flt)
    ]


def _months_from_base(s, actor, flt):
    found: dict = {}
    for r in _base_rows(s, actor, flt):
        key = (r.occurred_on.year, r.occurred_on.month)
        found[key] = found.get(key, 0) + r.count
    return [
        lb.MonthCount(m.year, m.month, found.get((m.year, m.month), 0), m.partial)
        for m in lb.counts_by_month(s, actor, flt)
    ]


def test_a_text_search_reads_the_observations_and_agrees(world):
    _insert(world.db, _random_rows(world, 300, seed=7))
    with world.db.session() as s:
        s.execute(sa.update(Observation).where(Observation.id % 2 == 0).values(description="klotter vid entrén"))
    flt = ObservationFilter(D(2023, 12, 1), D(2024, 4, 30), text="klotter")
    with world.db.session() as s:
        searched = lb.figures(s, world.admin, flt)
        rows = s.execute(
            sa.select(sa.func.sum(Observation.count), sa.func.count()).where(
                Observation.description.like("%klotter%"),
                Observation.occurred_on.between(flt.date_from, flt.date_to),
                visible_to(world.admin),
            )
        ).one()
    assert (searched.totals.count, searched.observation_count) == (rows[0], rows[1])


# --- the spans a period reads ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (D(2024, 1, 1), D(2024, 1, 31)),
        (D(2024, 1, 2), D(2024, 1, 30)),
        (D(2024, 1, 15), D(2024, 3, 14)),
        (D(2023, 12, 31), D(2024, 1, 1)),
        (D(2024, 2, 1), D(2024, 2, 29)),
        (D(2023, 12, 4), D(2024, 12, 3)),
        (D(2024, 3, 5), D(2024, 3, 5)),
        (D(2024, 3, 2), D(2024, 3, 30)),
        (D(2026, 11, 6), D(2026, 12, 3)),
        (D(2025, 12, 4), D(2026, 12, 3)),
    ],
)
def test_spans_cover_each_day_of_the_period_once(first, last):
    span = summaries.spans(first, last)
    days = []
    if span.months is not None:
        month = span.months[0]
        while month <= span.months[1]:
            day = month
            while day.month == month.month:
                days.append(day)
                day += dt.timedelta(days=1)
            month = day
    for start, end in span.days:
        days += [start + dt.timedelta(days=i) for i in range((end - start).days + 1)]
    for start, end in span.minus:
        for i in range((end - start).days + 1):
            days.remove(start + dt.timedelta(days=i))
    assert sorted(days) == [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    assert len(span.days) + len(span.minus) <= 3
    # Never more than half a month read day by day.
    assert all((end - start).days + 1 <= 16 for start, end in (*span.days, *span.minus))


def test_the_migrated_schema_has_the_triggers_that_keep_the_summaries(db):
    """A later migration that rebuilds the observation table (SQLite's batch mode copies it) would drop
    its triggers without a word; this test would then fail."""
    with db.engine.connect() as conn:
        if db.dialect == "sqlite":
            found = set(conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").scalars())
            wanted = {"tc_summaries_insert", "tc_summaries_update", "tc_summaries_delete"}
        else:
            found = set(
                conn.exec_driver_sql(
                    "SELECT tgname FROM pg_trigger WHERE tgrelid = 'public.observation'::regclass AND tgenabled <> 'D'"
                ).scalars()
            )
            wanted = {"tc_summaries_insert", "tc_summaries_update", "tc_summaries_delete", "tc_summaries_truncate"}
    assert wanted <= found


def test_one_statement_moving_rows_both_ways_with_equal_events_keeps_the_row_counts(world):
    """Two events on one day and one plus one on another swap days: each day keeps its events but not
    its number of rows (the list's length). PostgreSQL's statement trigger nets the two; it must not
    drop a change whose events net to zero."""
    place, category = world.places["Märsta centrum"].id, _ids(world.db)[1][0]
    common = {"place_id": place, "category_id": category, "organisation_id": world.kommun.id, "version": 1}
    _insert(
        world.db,
        [
            {**common, "occurred_on": D(2026, 1, 15), "count": 2},
            {**common, "occurred_on": D(2026, 2, 15), "count": 1},
            {**common, "occurred_on": D(2026, 2, 15), "count": 1},
        ],
    )
    swapped = sa.case((Observation.count == 2, D(2026, 2, 15)), else_=D(2026, 1, 15))
    with world.db.engine.begin() as conn:
        conn.execute(sa.update(Observation).values(occurred_on=swapped))
    assert_exact(world.db)
    with world.db.session() as s:
        january = ObservationFilter(D(2026, 1, 1), D(2026, 1, 31))
        assert obs.count_observations(s, world.admin, january) == 2


def test_a_period_that_ends_before_it_begins_holds_nothing(world):
    _insert(world.db, _random_rows(world, 20, seed=8))
    backwards = ObservationFilter(D(2024, 2, 2), D(2024, 2, 1))
    with world.db.session() as s:
        assert lb.figures(s, world.admin, backwards).totals.count == 0
        assert lb.weekday_hour_matrix(s, world.admin, backwards).total == 0
        assert sum(m.count for m in lb.counts_by_month(s, world.admin, backwards)) == 0
        assert obs.count_observations(s, world.admin, backwards) == 0


def test_two_desks_adding_observations_at_once_queue_instead_of_deadlocking(world):
    """PostgreSQL: each transaction holds its summary rows until it commits; two that add rows in the
    opposite order of keys would deadlock without the trigger's advisory lock. (SQLite lets one
    writer at a time anyway: the other desk waits for the file's lock.)"""
    import threading

    place, category = world.places["Märsta centrum"].id, _ids(world.db)[1][0]

    def row(day):
        return {
            "occurred_on": day,
            "place_id": place,
            "category_id": category,
            "count": 1,
            "organisation_id": world.kommun.id,
            "version": 1,
            "description": "",
        }

    first, second = D(2026, 3, 1), D(2026, 3, 2)
    outcome: dict[str, str] = {}

    def other_desk():
        try:
            with world.db.engine.begin() as conn:
                conn.execute(sa.insert(Observation), [row(second)])
                conn.execute(sa.insert(Observation), [row(first)])
            outcome["other"] = "committed"
        except Exception as exc:  # a deadlock would land here
            outcome["other"] = type(exc).__name__

    with world.db.engine.begin() as conn:
        conn.execute(sa.insert(Observation), [row(first)])
        desk = threading.Thread(target=other_desk)
        desk.start()
        desk.join(0.5)  # it waits for this transaction
        conn.execute(sa.insert(Observation), [row(second)])
    desk.join(20)
    assert outcome == {"other": "committed"}
    assert_exact(world.db)
