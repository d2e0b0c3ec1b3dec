"""Live refresh: a commit at one desk reaches the other desks' listeners (PostgreSQL NOTIFY, SQLite polling)."""

from __future__ import annotations

import datetime as dt
import threading

import pytest

from app.db.changes import ALL_TABLES, ChangeListener
from app.db.engine import Database
from app.services.context import bind_actor
from app.services.observations import ObservationInput, create_observation
from tests.conftest import as_another_desk


def _category_id(world) -> int:
    import sqlalchemy as sa

    from app.db.models import Category

    with world.db.session() as s:
        return s.scalar(sa.select(Category.id).where(Category.code == "VALD"))


def test_a_change_at_one_desk_reaches_the_listener_of_another(world):
    heard: list[frozenset[str]] = []
    arrived = threading.Event()

    def callback(tables):
        heard.append(tables)
        arrived.set()

    listener = ChangeListener(world.db.url, callback, poll_seconds=0.2).start()
    try:
        assert listener.connected.wait(10)
        other_desk = Database(world.db.url)
        try:
            with as_another_desk(), other_desk.session() as s:
                bind_actor(s, world.editor)
                create_observation(
                    s,
                    world.editor,
                    ObservationInput(
                        occurred_on=dt.date(2026, 3, 2),
                        place_id=world.places["Märsta centrum"].id,
                        category_id=_category_id(world),
                        description="Från en annan disk",
                    ),
                )
        finally:
            other_desk.dispose()
        assert arrived.wait(5), "the change was not heard within 5 seconds"
    finally:
        listener.stop()
    if world.db.dialect == "postgresql":
        assert "observation" in heard[0] and "audit_entry" not in heard[0]
    else:
        assert heard[0] == ALL_TABLES


def test_a_rolled_back_change_is_not_announced(world):
    heard = threading.Event()
    listener = ChangeListener(world.db.url, lambda _t: heard.set(), poll_seconds=0.2).start()
    try:
        assert listener.connected.wait(10)
        try:
            with as_another_desk(), world.db.session() as s:  # announced, it would be heard
                bind_actor(s, world.editor)
                create_observation(
                    s,
                    world.editor,
                    ObservationInput(
                        occurred_on=dt.date(2026, 3, 2),
                        place_id=world.places["Märsta centrum"].id,
                        category_id=_category_id(world),
                    ),
                )
                s.flush()
                raise RuntimeError("the save fails after the flush")
        except RuntimeError:
            pass
        assert not heard.wait(1.5)
    finally:
        listener.stop()


def test_own_changes_are_not_news(world):
    if world.db.dialect != "postgresql":
        pytest.skip("SQLite cannot tell whose commit moved data_version; every change is reported there")
    heard = threading.Event()
    listener = ChangeListener(world.db.url, lambda _t: heard.set(), poll_seconds=0.2).start()  # ignores this process
    try:
        assert listener.connected.wait(10)
        with world.db.session() as s:
            bind_actor(s, world.editor)
            create_observation(
                s,
                world.editor,
                ObservationInput(
                    occurred_on=dt.date(2026, 3, 2),
                    place_id=world.places["Märsta centrum"].id,
                    category_id=_category_id(world),
                ),
            )
        assert not heard.wait(1.5)
    finally:
        listener.stop()
