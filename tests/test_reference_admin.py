"""The reference services the administration window adds: what a merge would move, the order of a
period's areas, and an event type's area change reported as a reference change."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
import sqlalchemy as sa

from app.db.changes import Changes
from app.db.models import Category, Observation
from app.domain.vocabulary import Classification
from app.errors import ConflictError, NotFoundError, PermissionDeniedError
from app.services import reference as ref
from app.services.context import bind_actor
from app.services.runner import call_with_changes


@contextlib.contextmanager
def acting(world, actor):
    with world.db.session() as s:
        bind_actor(s, actor)
        yield s


def period_areas(world) -> list[ref.AreaRow]:
    with acting(world, world.reader) as s:
        return ref.areas_in_force(s, world.reader, include_inactive=True)


def test_an_area_moves_up_and_down_and_the_period_is_numbered_again(world):
    areas = period_areas(world)
    last = areas[-1]
    with acting(world, world.admin) as s:
        ref.move_area(s, world.admin, last.id, -1, last.version)
    moved = period_areas(world)
    assert [a.name for a in moved] == [areas[0].name, areas[1].name, last.name, areas[2].name]
    assert [a.sort_order for a in moved] == [1, 2, 3, 4]
    first = moved[0]
    with acting(world, world.admin) as s:
        ref.move_area(s, world.admin, first.id, -1, first.version)  # already first: stays
        ref.move_area(s, world.admin, first.id, 10, None)  # past the end: last
    assert [a.name for a in period_areas(world)][-1] == first.name


def test_moving_an_area_is_version_checked_and_for_admins(world):
    area = period_areas(world)[1]
    with acting(world, world.admin) as s:
        ref.move_area(s, world.admin, area.id, 1, area.version)
    with acting(world, world.admin) as s, pytest.raises(ConflictError):
        ref.move_area(s, world.admin, area.id, 1, area.version)  # the version it was read at is gone
    with acting(world, world.editor) as s, pytest.raises(PermissionDeniedError):
        ref.move_area(s, world.editor, area.id, -1, None)


def test_place_uses_counts_what_a_merge_would_move_whoever_sees_it(world):
    marsta = world.places["Märsta centrum"]
    with acting(world, world.admin) as s:
        vald = s.scalar(sa.select(Category.id).where(Category.code == "VALD"))
        s.add(
            Observation(
                occurred_on=dt.date(2026, 3, 1), place_id=marsta.id, category_id=vald, organisation_id=world.kommun.id
            )
        )
        s.add(
            Observation(
                occurred_on=dt.date(2026, 3, 2),
                place_id=marsta.id,
                category_id=vald,
                organisation_id=world.polisen.id,
                classification=Classification.INTERNAL,
            )
        )
    with acting(world, world.admin) as s:
        assert ref.place_uses(s, world.admin, marsta.id) == {"observations": 2, "actions": 0, "meetings": 0}
        assert ref.place_uses(s, world.admin, world.places["Valsta centrum"].id)["observations"] == 0
        with pytest.raises(NotFoundError):
            ref.place_uses(s, world.admin, 999999)


def test_an_event_types_area_change_alone_is_a_reference_change(world):
    """Only the category_area link changes: the filters and area tabs must still hear of it."""
    areas = {a.name: a for a in period_areas(world)}
    with acting(world, world.reader) as s:
        vald = next(c for c in ref.list_categories(s, world.reader) if c.code == "VALD")
    data = ref.CategoryInput(vald.code, vald.name, areas["Ungdomsgäng"].id, vald.parent_id, vald.active)
    _row, changes = call_with_changes(world.db, world.admin, ref.update_category, vald.id, data, vald.version)
    assert changes.touches({"reference"})
    assert Changes(frozenset({"category_area"})).touches({"reference"})
