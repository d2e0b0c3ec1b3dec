"""Administrators browse the audit trail; other organisations' internal rows keep their history private."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.db.models import Category
from app.domain.vocabulary import AuditOperation, Classification, Source
from app.errors import PermissionDeniedError
from app.services import audit_trail as at
from app.services.context import bind_actor
from app.services.observations import ObservationInput, create_observation, delete_observation, update_observation


def _save(world, actor, fn, *args):
    with world.db.session() as s:
        bind_actor(s, actor)
        return fn(s, actor, *args)


def _observation(world, classification=Classification.OPEN, text="Krossad ruta"):
    with world.db.session() as s:
        cat = s.scalar(sa.select(Category.id).where(Category.code == "SKAD"))
    return ObservationInput(
        occurred_on=dt.date(2026, 3, 2),
        place_id=world.places["Valsta centrum"].id,
        category_id=cat,
        description=text,
        classification=classification,
        source=Source.OWN_OBSERVATION,
    )


def _entries(world, actor, **filters):
    with world.db.session() as s:
        return at.list_audit_entries(s, actor, at.AuditFilter(**filters))


def test_admin_sees_every_change_with_old_and_new_values(world):
    row = _save(world, world.editor, create_observation, _observation(world))
    data = _observation(world, text="Krossad ruta i busskuren")
    row = _save(world, world.editor, update_observation, row.id, data, row.version)
    _save(world, world.editor, delete_observation, row.id, row.version)

    entries = _entries(world, world.admin, table_name="observation")
    assert [e.operation for e in entries] == [AuditOperation.DELETE, AuditOperation.UPDATE, AuditOperation.INSERT]
    update = entries[1]
    assert update.old_values["description"] == "Krossad ruta"
    assert update.new_values["description"] == "Krossad ruta i busskuren"
    assert "classification" not in update.new_values  # only what changed
    assert update.display_name == "Erik Editor" and update.row_id == row.id
    assert entries[0].old_values["description"] == "Krossad ruta i busskuren"  # the deleted row's last values

    assert _entries(world, world.admin, username="editor", operation=AuditOperation.INSERT)[0].id == entries[2].id
    assert _entries(world, world.admin, username="nobody") == []
    today = dt.date.today()
    assert len(_entries(world, world.admin, table_name="observation", date_from=today, date_to=today)) == 3
    assert _entries(world, world.admin, table_name="observation", date_to=today - dt.timedelta(days=1)) == []
    with world.db.session() as s:
        assert at.count_audit_entries(s, world.admin, at.AuditFilter(table_name="observation")) == 3
        streamed = list(at.iter_audit_entries(s, world.admin, at.AuditFilter(table_name="observation"), batch=2))
        choices = at.audit_choices(s, world.admin)
    assert [e.id for e in streamed] == [e.id for e in entries]
    assert ("editor", "Erik Editor") in choices.users and "observation" in choices.tables


@pytest.mark.parametrize("who", ["editor", "reader"])
def test_only_administrators_read_the_trail(world, who):
    with world.db.session() as s, pytest.raises(PermissionDeniedError):
        at.list_audit_entries(s, getattr(world, who), at.AuditFilter())


def test_history_of_internal_rows_stays_within_their_organisation(world):
    row = _save(world, world.police, create_observation, _observation(world, Classification.INTERNAL, "Spaning"))
    row = _save(
        world,
        world.police,
        update_observation,
        row.id,
        _observation(world, Classification.INTERNAL, "Spaning, fortsatt"),
        row.version,
    )
    open_row = _save(world, world.editor, create_observation, _observation(world))

    kommun = {e.row_id for e in _entries(world, world.admin, table_name="observation")}
    police = {e.row_id for e in _entries(world, world.police_admin, table_name="observation")}
    assert kommun == {open_row.id} and police == {open_row.id, row.id}

    _save(world, world.police, delete_observation, row.id, row.version)  # deleted: judged by its last values
    assert {e.row_id for e in _entries(world, world.admin, table_name="observation")} == {open_row.id}
    assert len([e for e in _entries(world, world.police_admin, table_name="observation") if e.row_id == row.id]) == 3


def test_the_rows_a_change_points_to_are_named(world):
    """An observation moved from one place to another reads 'Valsta centrum → Märsta centrum', and an
    action's places are named too, not left as bare ids."""
    from dataclasses import replace

    from app.services.actions import ActionInput, create_action, update_action

    row = _save(world, world.editor, create_observation, _observation(world))
    moved = replace(_observation(world), place_id=world.places["Märsta centrum"].id)
    _save(world, world.editor, update_observation, row.id, moved, row.version)
    update = _entries(world, world.admin, table_name="observation", operation=AuditOperation.UPDATE)[0]
    assert update.names == {
        "place_id": {
            world.places["Valsta centrum"].id: "Valsta centrum",
            world.places["Märsta centrum"].id: "Märsta centrum",
        }
    }

    from app.db.models import Area

    with world.db.session() as s:
        area = s.scalar(sa.select(Area.id).order_by(Area.id))
    plan = ActionInput(
        title="Belysning i centrum",
        responsible_organisation_id=world.editor.organisation_id,
        area_ids=[area],
        place_ids=[world.places["Märsta centrum"].id],
    )
    action = _save(world, world.editor, create_action, plan)
    wider = replace(plan, place_ids=[world.places["Märsta centrum"].id, world.places["Valsta centrum"].id])
    _save(world, world.editor, update_action, action.id, wider, action.version)
    (insert,) = _entries(world, world.admin, table_name="action", operation=AuditOperation.INSERT)
    (update,) = _entries(world, world.admin, table_name="action", operation=AuditOperation.UPDATE)
    org = world.editor.organisation_id
    assert insert.names["responsible_organisation_id"][org] == world.editor.organisation_name
    assert update.new_values["places"] == sorted([world.places["Märsta centrum"].id, world.places["Valsta centrum"].id])
    assert {update.names["places"][i] for i in update.new_values["places"]} == {"Märsta centrum", "Valsta centrum"}
    with world.db.session() as s:  # the streamed export names them too, batch by batch
        streamed = list(at.iter_audit_entries(s, world.admin, at.AuditFilter(table_name="action"), batch=1))
    assert [e.names for e in streamed] == [update.names, insert.names]
