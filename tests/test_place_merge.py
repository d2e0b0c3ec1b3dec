"""Merging two places that are the same (issue #14): every row that referred to the place that goes
moves to the one kept, of every organisation, audited, or nothing moves at all. On SQLite and on
PostgreSQL through the program's own connection (the definer function over a personal login is
tried in tests/test_pg_attacks.py)."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.db.models import (
    Action,
    Area,
    AuditEntry,
    Category,
    FollowUpMeeting,
    Observation,
    Place,
    action_places,
    meeting_focus_places,
)
from app.domain.vocabulary import AuditOperation, Classification
from app.errors import ConflictError, PermissionDeniedError, ValidationError
from app.services import reference
from app.services.actions import ActionInput, create_action
from app.services.meetings import MeetingInput, create_meeting
from app.services.observations import ObservationInput, create_observation
from app.services.runner import call


def observe(world, actor, place_id, classification=Classification.OPEN, count=1):
    with world.db.session() as s:
        category = s.scalar(sa.select(Category.id).where(Category.code == "NARK"))
    data = ObservationInput(
        occurred_on=dt.date(2026, 3, 2),
        place_id=place_id,
        category_id=category,
        count=count,
        description="Langning vid entrén",
        classification=classification,
    )
    return call(world.db, actor, create_observation, data).id


def rows_at(world, place_id) -> dict[str, int]:
    """What refers to the place, counted past everyone's view (the test's own connection)."""
    with world.db.session() as s:
        return {
            "observations": s.scalar(sa.select(sa.func.count()).where(Observation.place_id == place_id)),
            "events": s.scalar(
                sa.select(sa.func.coalesce(sa.func.sum(Observation.count), 0)).where(Observation.place_id == place_id)
            ),
            "internal": s.scalar(
                sa.select(sa.func.count()).where(
                    Observation.place_id == place_id, Observation.classification == Classification.INTERNAL
                )
            ),
            "actions": s.scalar(sa.select(sa.func.count()).where(action_places.c.place_id == place_id)),
            "meetings": s.scalar(sa.select(sa.func.count()).where(meeting_focus_places.c.place_id == place_id)),
        }


@pytest.fixture
def two_places(world):
    """`Märsta station` turns out to be `Märsta centrum`: each has rows of several organisations,
    internal ones among them, an action links both, a meeting focused on both."""
    source = call(world.db, world.admin, reference.create_place, reference.PlaceInput("Märsta stn", "Märsta")).id
    target = world.places["Märsta centrum"].id
    third = world.places["Valsta centrum"].id
    with world.db.session() as s:
        areas = [s.scalar(sa.select(Area.id).order_by(Area.id).limit(1))]
    observe(world, world.editor, source, count=3)
    observe(world, world.editor, source, Classification.INTERNAL)
    observe(world, world.police, source, Classification.INTERNAL, count=2)
    observe(world, world.police, source, Classification.INTERNAL)
    observe(world, world.police, target)
    observe(world, world.police_admin, target, Classification.INTERNAL)
    both = call(
        world.db,
        world.editor,
        create_action,
        ActionInput("Belysning", world.kommun.id, area_ids=areas, place_ids=[source, target, third]),
    ).id
    one = call(
        world.db,
        world.editor,
        create_action,
        ActionInput("Nattvandring", world.kommun.id, area_ids=areas, place_ids=[source]),
    ).id
    meeting = call(
        world.db,
        world.editor,
        create_meeting,
        MeetingInput(held_on=dt.date(2026, 3, 10), focus_place_ids=[source, target]),
    ).id
    return {"source": source, "target": target, "third": third, "both": both, "one": one, "meeting": meeting}


def test_a_merge_keeps_every_row_of_every_organisation_and_leaves_the_trail(world, two_places):
    source, target = two_places["source"], two_places["target"]
    before = {
        key: rows_at(world, source)[key] + rows_at(world, target)[key] for key in ("observations", "events", "internal")
    }
    with world.db.session() as s:
        versions = dict(
            s.execute(sa.select(Observation.id, Observation.version).where(Observation.place_id == source)).all()
        )
    assert before == {"observations": 6, "events": 9, "internal": 4}

    merged = call(world.db, world.admin, reference.merge_places, source, target, source_version=1, target_version=1)

    assert (merged.kept.id, merged.removed_name) == (target, "Märsta stn")
    assert (merged.observations, merged.actions, merged.meetings) == (4, 2, 1)
    after = rows_at(world, target)
    assert {key: after[key] for key in before} == before
    assert (after["actions"], after["meetings"]) == (2, 1)
    with world.db.session() as s:
        assert s.get(Place, source) is None
        action_places_now = {
            a.id: sorted(p.id for p in a.places)
            for a in s.scalars(sa.select(Action).where(Action.id.in_([two_places["both"], two_places["one"]])))
        }
        focus = sorted(p.id for p in s.get(FollowUpMeeting, two_places["meeting"]).focus_places)
        moved_versions = dict(
            s.execute(sa.select(Observation.id, Observation.version).where(Observation.id.in_(versions))).all()
        )
        trail = s.execute(
            sa.select(AuditEntry.table_name, AuditEntry.row_id, AuditEntry.operation, AuditEntry.new_values).where(
                AuditEntry.username == world.admin.username
            )
        ).all()
    assert action_places_now == {
        two_places["both"]: sorted([target, two_places["third"]]),  # no second link to the target
        two_places["one"]: [target],
    }
    assert focus == [target]
    assert moved_versions == {row: version + 1 for row, version in versions.items()}
    moved = {
        row
        for table, row, op, new in trail
        if table == "observation" and op == AuditOperation.UPDATE and new == {"place_id": target}
    }
    assert moved == set(versions)
    assert ("place", source, AuditOperation.DELETE) in {(t, r, o) for t, r, o, _new in trail}
    linked = {row: new for table, row, op, new in trail if table == "action" and op == AuditOperation.UPDATE}
    assert linked[two_places["one"]] == {"places": [target]}
    assert {row for table, row, _op, _new in trail if table == "follow_up_meeting"} == {two_places["meeting"]}


def test_a_stale_version_of_either_place_is_a_conflict_and_nothing_moves(world, two_places):
    source, target = two_places["source"], two_places["target"]
    before = (rows_at(world, source), rows_at(world, target))
    kept = reference.get_place
    with world.db.session() as s:
        row = kept(s, world.admin, target)
    renamed = reference.PlaceInput("Märsta centrum", row.district, notes="Torget och gallerian")
    call(world.db, world.admin, reference.update_place, target, renamed, row.version)  # another desk saved it
    for source_version, target_version in ((1, 1), (2, 2)):
        with pytest.raises(ConflictError):
            call(
                world.db,
                world.admin,
                reference.merge_places,
                source,
                target,
                source_version=source_version,
                target_version=target_version,
            )
    assert (rows_at(world, source), rows_at(world, target)) == before
    with world.db.session() as s:
        assert s.get(Place, source) is not None


def test_only_an_administrator_merges_and_never_a_place_into_itself(world, two_places):
    source, target = two_places["source"], two_places["target"]
    before = (rows_at(world, source), rows_at(world, target))
    for actor in (world.editor, world.reader, world.police):
        with pytest.raises(PermissionDeniedError):
            call(world.db, actor, reference.merge_places, source, target, source_version=1, target_version=1)
    with pytest.raises(ValidationError):
        call(world.db, world.admin, reference.merge_places, source, source, source_version=1, target_version=1)
    assert (rows_at(world, source), rows_at(world, target)) == before


def test_a_place_is_not_merged_into_one_out_of_use(world):
    from app.services.context import bind_actor

    ref = reference
    with world.db.session() as s:
        bind_actor(s, world.admin)
        kept = ref.get_place(s, world.admin, world.places["Valsta centrum"].id)
        kept = ref.update_place(
            s, world.admin, kept.id, ref.PlaceInput(name=kept.name, district=kept.district, active=False), kept.version
        )
        with pytest.raises(ValidationError) as info:
            ref.merge_places(
                s, world.admin, world.places["Märsta centrum"].id, kept.id, source_version=None, target_version=None
            )
    assert "Valsta centrum" in info.value.errors["target_id"]
