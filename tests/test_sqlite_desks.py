"""Issue #11, item 1: desks sharing one SQLite file wait their turn instead of failing as "busy", and a
save that waited too long says so, never that the database is out of reach."""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time

import pytest
import sqlalchemy as sa

from app.db import engine as engine_module
from app.db.engine import Database
from app.db.models import Category, Observation, Place
from app.errors import DatabaseBusyError, DatabaseUnavailableError
from app.services import runner
from app.services.observations import ObservationInput, create_observation
from tests.conftest import actor_for, small_office


@pytest.fixture
def shared(tmp_path):
    path = tmp_path / "shared.sqlite3"
    db = small_office(path)
    with db.session() as s:
        from app.db.models import Organisation, User
        from app.domain.vocabulary import Role

        org = s.scalars(sa.select(Organisation).where(Organisation.short_name == "Kommunen")).one()
        user = User(username="desk", display_name="Desk", organisation=org, role=Role.EDITOR)
        s.add(user)
        s.flush()
        actor = actor_for(user, org)
        place = s.scalar(sa.select(Place.id))
        category = s.scalar(sa.select(Category.id).where(Category.code == "NARK"))
    yield {
        "db": db,
        "path": path,
        "actor": actor,
        "input": ObservationInput(
            occurred_on=dt.date.today(), place_id=place, category_id=category, description="Sparad under en annans"
        ),
    }
    db.dispose()


def hold_the_file(path, seconds, started: threading.Event) -> None:
    """Another desk: writes, then keeps its transaction open for a while before it commits."""
    other = sqlite3.connect(path, isolation_level=None, timeout=30)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE place SET notes = 'den andra arbetsplatsen'")
    started.set()
    time.sleep(seconds)
    other.execute("COMMIT")
    other.close()


def test_a_save_that_meets_another_desks_save_waits_its_turn(shared):
    started = threading.Event()
    with shared["db"].session() as s:  # this desk has read the file before (its snapshot is older)
        s.execute(sa.select(Place.id)).all()
    holder = threading.Thread(target=hold_the_file, args=(shared["path"], 0.5, started))
    holder.start()
    started.wait(5)
    row = runner.call(shared["db"], shared["actor"], create_observation, shared["input"])
    holder.join()
    with shared["db"].session() as s:
        assert s.get(Observation, row.id).description == "Sparad under en annans"
        assert s.scalar(sa.select(Place.notes)) == "den andra arbetsplatsen"  # both saves kept


def test_a_save_that_waited_too_long_says_another_desk_is_saving_not_that_the_file_is_gone(shared, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_SECONDS", 0.3)
    monkeypatch.setattr(runner, "BUSY_TIMEOUT_SECONDS", 0.3)
    db = Database(str(shared["path"]))  # busy_timeout is set as a connection opens
    started = threading.Event()
    holder = threading.Thread(target=hold_the_file, args=(shared["path"], 2.0, started))
    holder.start()
    started.wait(5)
    began = time.monotonic()
    try:
        with pytest.raises(DatabaseBusyError) as info:
            runner.call(db, shared["actor"], create_observation, shared["input"])
        waited = time.monotonic() - began
    finally:
        holder.join()
        db.dispose()
    assert not isinstance(info.value, DatabaseUnavailableError)
    assert "sparar" in info.value.message and 0.3 <= waited < 1.9  # it waited, then gave up in time
    with shared["db"].session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Observation)) == 0  # nothing half-saved


def test_many_desks_saving_at_once_lose_nothing_and_are_never_refused(shared):
    errors, saved = [], []

    def desk():
        db = Database(str(shared["path"]))
        try:
            for _ in range(15):
                saved.append(runner.call(db, shared["actor"], create_observation, shared["input"]).id)
        except Exception as exc:
            errors.append(exc)
        finally:
            db.dispose()

    desks = [threading.Thread(target=desk) for _ in range(6)]
    for t in desks:
        t.start()
    for t in desks:
        t.join()
    assert errors == []
    with shared["db"].session() as s:
        stored = set(s.scalars(sa.select(Observation.id)))
    assert len(saved) == 90 and stored == set(saved)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_four_set_ups_at_once_set_the_office_up_once(backend, fresh_database_url):
    """Issue #11, item 8 (now #14): a first start fills in nothing by itself, and of four desks
    setting up the same new office at once one does it, under the migration's lock; the others are
    told that the office is set up."""
    import argparse

    from app.cli.common import open_database
    from app.db.models import Area, Organisation, User
    from app.services import setup

    url = fresh_database_url(backend)
    name, first, last = setup.default_period()
    office = setup.OfficeSetup(
        "Knivsta", setup.default_organisations("Knivsta"), name, first, last, setup.standard_areas(),
        "anna", "Anna Andersson", "Kommunen", "correct horse battery",
    )  # fmt: skip
    results, errors, barrier = [], [], threading.Barrier(4)

    def first_start():
        barrier.wait()
        try:
            with open_database(argparse.Namespace(database=url)) as db:
                results.append(setup.set_up(db, office))
        except setup.OfficeExistsError as exc:
            errors.append(exc)

    starts = [threading.Thread(target=first_start) for _ in range(4)]
    for t in starts:
        t.start()
    for t in starts:
        t.join()
    assert (len(results), len(errors)) == (1, 3)
    db = Database(url)
    with db.session() as s:
        counts = tuple(s.scalar(sa.select(sa.func.count()).select_from(m)) for m in (Organisation, Area, User))
    db.dispose()
    assert counts == (3, 4, 1)
