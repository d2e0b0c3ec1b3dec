"""Observations: validation, paging and sorting, filters, visibility of internal rows, permissions, conflicts, audit."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
import sqlalchemy as sa

from app.db.models import Area, AuditEntry, Category, Place
from app.domain.vocabulary import AuditOperation, Classification, Setting, Source
from app.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from app.services import observations as obs
from app.services.context import bind_actor
from app.services.filters import ObservationFilter

ALL_OF_2026 = ObservationFilter(date_from=dt.date(2026, 1, 1), date_to=dt.date(2026, 12, 31))


@contextlib.contextmanager
def acting(world, actor):
    with world.db.session() as s:
        bind_actor(s, actor)
        yield s


def category(world, code: str) -> int:
    with world.db.session() as s:
        return s.scalar(sa.select(Category.id).where(Category.code == code))


def obs_input(world, **overrides) -> obs.ObservationInput:
    values = dict(
        occurred_on=dt.date(2026, 3, 6),
        place_id=world.places["Märsta centrum"].id,
        category_id=category(world, "ORDN"),
        count=1,
    )
    values.update(overrides)
    return obs.ObservationInput(**values)


def create(world, actor=None, **overrides) -> obs.ObservationRow:
    actor = actor or world.editor
    with acting(world, actor) as s:
        return obs.create_observation(s, actor, obs_input(world, **overrides))


def listed(world, actor, flt=ALL_OF_2026, **kwargs) -> list[obs.ObservationRow]:
    with acting(world, actor) as s:
        return obs.list_observations(s, actor, flt, **kwargs)


def counted(world, actor, flt=ALL_OF_2026) -> int:
    with acting(world, actor) as s:
        return obs.count_observations(s, actor, flt)


# --- create and validation -----------------------------------------------------------------------------


def test_create_and_get(world):
    row = create(
        world,
        occurred_time=dt.time(22, 30),
        count="3",
        source=Source.SAFETY_WALK,
        setting=Setting.OUTDOORS,
        description="  Grupp som stör vid busshållplatsen  ",
    )
    assert (row.place_name, row.district, row.category_name) == ("Märsta centrum", "Märsta", "Ordningsstörning")
    assert (row.count, row.organisation_name, row.reported_by) == (3, "Kommunen", "Erik Editor")
    assert row.description == "Grupp som stör vid busshållplatsen" and row.version == 1
    with acting(world, world.reader) as s:
        assert obs.get_observation(s, world.reader, row.id) == row
    with acting(world, world.reader) as s, pytest.raises(NotFoundError):
        obs.get_observation(s, world.reader, 999)


def test_every_invalid_field_is_reported_at_once(world):
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        obs.create_observation(
            s, world.editor, obs.ObservationInput(occurred_on=None, place_id=None, category_id=None, count=0)
        )
    assert set(info.value.errors) == {"occurred_on", "place_id", "category_id", "count"}
    future = dt.date.today() + dt.timedelta(days=1)
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        obs.create_observation(
            s,
            world.editor,
            obs_input(world, occurred_on=future, place_id=999, category_id=998, count="många", description="x" * 4001),
        )
    assert set(info.value.errors) == {"occurred_on", "place_id", "category_id", "count", "description"}
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        obs.create_observation(s, world.editor, obs_input(world, count=2.5))  # not silently cut to 2
    assert set(info.value.errors) == {"count"}


def test_readers_cannot_create(world):
    with acting(world, world.reader) as s, pytest.raises(PermissionDeniedError):
        obs.create_observation(s, world.reader, obs_input(world))


def test_inactive_place_is_refused_for_new_events_but_old_ones_stay_editable(world):
    row = create(world)
    with world.db.session() as s:
        s.execute(sa.update(Place).where(Place.id == row.place_id).values(active=False))
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        obs.create_observation(s, world.editor, obs_input(world))
    assert set(info.value.errors) == {"place_id"}
    with acting(world, world.editor) as s:
        updated = obs.update_observation(s, world.editor, row.id, obs_input(world, count=2), row.version)
    assert updated.count == 2


# --- listing -------------------------------------------------------------------------------------------


def test_paging_sorting_and_count(world):
    valsta = world.places["Valsta centrum"].id
    specs = [
        (dt.date(2026, 1, 10), None, valsta),
        (dt.date(2026, 2, 3), dt.time(8), valsta),
        (dt.date(2026, 2, 3), None, world.places["Märsta centrum"].id),
        (dt.date(2026, 3, 1), dt.time(23, 59), valsta),
        (dt.date(2025, 12, 30), None, valsta),  # outside the period
    ]
    rows = [create(world, occurred_on=d, occurred_time=t, place_id=p) for d, t, p in specs]
    assert counted(world, world.reader) == 4
    newest_first = [r.id for r in listed(world, world.reader)]
    # Same day: the event with a time comes before the one without, on both databases.
    assert newest_first == [rows[3].id, rows[1].id, rows[2].id, rows[0].id]
    pages = [[r.id for r in listed(world, world.reader, offset=o, limit=2)] for o in (0, 2, 4)]
    assert pages == [newest_first[:2], newest_first[2:], []]
    oldest_first = [r.id for r in listed(world, world.reader, descending=False)]
    assert oldest_first == [rows[0].id, rows[1].id, rows[2].id, rows[3].id]
    by_place = [r.place_name for r in listed(world, world.reader, sort="place", descending=False)]
    assert by_place == ["Märsta centrum", "Valsta centrum", "Valsta centrum", "Valsta centrum"]
    assert [r.id for r in listed(world, world.reader, sort="no such column")] == newest_first


def test_filters(world):
    marsta, valsta = world.places["Märsta centrum"].id, world.places["Valsta centrum"].id
    vald, klot = category(world, "VALD"), category(world, "KLOT")
    a = create(
        world, occurred_on=dt.date(2026, 2, 1), place_id=marsta, category_id=vald, description="Bråk vid Pressbyrån"
    )
    b = create(world, occurred_on=dt.date(2026, 2, 15), place_id=valsta, category_id=klot, source=Source.SAFETY_WALK)
    c = create(
        world,
        world.police,
        occurred_on=dt.date(2026, 3, 1),
        place_id=valsta,
        category_id=vald,
        source=Source.POLICE_STATISTICS,
    )
    with world.db.session() as s:
        unga = s.scalar(sa.select(Area.id).where(Area.name == "Ungdomsgäng"))

    def ids(**changes):
        flt = ObservationFilter(**{"date_from": dt.date(2026, 1, 1), "date_to": dt.date(2026, 12, 31), **changes})
        with acting(world, world.reader) as s:
            found = {r.id for r in obs.list_observations(s, world.reader, flt)}
            assert obs.count_observations(s, world.reader, flt) == len(found)
        return found

    assert ids() == {a.id, b.id, c.id}
    assert ids(date_from=dt.date(2026, 2, 1), date_to=dt.date(2026, 2, 15)) == {a.id, b.id}  # inclusive
    assert ids(place_ids=(valsta,)) == {b.id, c.id}
    assert ids(districts=("Märsta",)) == {a.id}
    assert ids(category_ids=(vald,)) == {a.id, c.id}
    assert ids(area_ids=(unga,)) == {b.id}  # Klotter belongs to Ungdomsgäng through its category
    assert ids(sources=(Source.SAFETY_WALK, Source.POLICE_STATISTICS)) == {b.id, c.id}
    assert ids(organisation_ids=(world.polisen.id,)) == {c.id}
    assert ids(text="pressbyrån") == {a.id}


# --- visibility, permissions, conflicts, audit -------------------------------------------------------------


def test_internal_police_rows_are_invisible_to_the_kommun(world):
    open_row = create(world, world.police)
    internal = create(world, world.police, classification=Classification.INTERNAL, description="Spaning")
    assert {r.id for r in listed(world, world.police)} == {open_row.id, internal.id}
    assert counted(world, world.police) == 2
    for actor in (world.reader, world.editor, world.admin):
        assert [r.id for r in listed(world, actor)] == [open_row.id]
        assert counted(world, actor) == 1
        with acting(world, actor) as s, pytest.raises(PermissionDeniedError):
            obs.get_observation(s, actor, internal.id)
    with acting(world, world.admin) as s, pytest.raises(PermissionDeniedError):
        obs.update_observation(s, world.admin, internal.id, obs_input(world), internal.version)
    with acting(world, world.admin) as s, pytest.raises(PermissionDeniedError):
        obs.delete_observation(s, world.admin, internal.id, internal.version)


def test_editors_change_only_their_own_organisations_rows(world):
    row = create(world)  # kommun, open
    for actor in (world.police, world.police_admin, world.reader):
        with acting(world, actor) as s, pytest.raises(PermissionDeniedError):
            obs.update_observation(s, actor, row.id, obs_input(world, count=5), row.version)
        with acting(world, actor) as s, pytest.raises(PermissionDeniedError):
            obs.delete_observation(s, actor, row.id, row.version)
    with acting(world, world.admin) as s:  # another kommun user may correct it
        row = obs.update_observation(s, world.admin, row.id, obs_input(world, count=5), row.version)
    assert row.count == 5 and row.version == 2 and row.organisation_name == "Kommunen"
    with acting(world, world.editor) as s:
        obs.delete_observation(s, world.editor, row.id, row.version)
    assert counted(world, world.editor) == 0


def test_stale_version_is_a_conflict_naming_who_changed_it(world):
    row = create(world)
    with acting(world, world.admin) as s:
        obs.update_observation(s, world.admin, row.id, obs_input(world, count=4), row.version)
    with acting(world, world.editor) as s, pytest.raises(ConflictError) as info:
        obs.update_observation(s, world.editor, row.id, obs_input(world, count=9), row.version)
    assert info.value.changed_by == "Anna Admin" and "Anna Admin" in info.value.message
    assert info.value.changed_at is not None and info.value.changed_at.tzinfo is not None
    with acting(world, world.editor) as s, pytest.raises(ConflictError):
        obs.delete_observation(s, world.editor, row.id, row.version)
    with acting(world, world.editor) as s:
        assert obs.get_observation(s, world.editor, row.id).count == 4


def test_changes_are_audited(world):
    row = create(world, description="Första")
    with acting(world, world.admin) as s:
        obs.update_observation(s, world.admin, row.id, obs_input(world, description="Andra"), row.version)
    with acting(world, world.editor) as s:
        obs.delete_observation(s, world.editor, row.id, row.version + 1)
    with world.db.session() as s:
        entries = s.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.table_name == "observation", AuditEntry.row_id == row.id)
            .order_by(AuditEntry.id)
        ).all()
    assert [(e.operation, e.username) for e in entries] == [
        (AuditOperation.INSERT, "editor"),
        (AuditOperation.UPDATE, "admin"),
        (AuditOperation.DELETE, "editor"),
    ]
    assert entries[0].new_values["description"] == "Första" and entries[0].new_values["count"] == 1
    assert entries[1].old_values["description"] == "Första" and entries[1].new_values["description"] == "Andra"
    assert "count" not in entries[1].new_values  # unchanged fields are not logged
    assert entries[2].old_values["description"] == "Andra" and entries[2].new_values is None


def test_iter_observations_streams_every_visible_row_in_the_lists_order(world):
    """The export of the observation list: the same rows and order as paging through list_observations."""
    import datetime as dt

    from app.db.models import Category, Observation
    from app.domain.vocabulary import Classification, Source
    from app.services.filters import ObservationFilter
    from app.services.observations import iter_observations, list_observations

    with world.db.session() as s:
        cat = s.scalar(sa.select(Category.id).where(Category.code == "VALD"))
        for i in range(30):
            s.add(
                Observation(
                    occurred_on=dt.date(2026, 3, 1) + dt.timedelta(days=i % 10),
                    place_id=world.places["Märsta centrum"].id,
                    category_id=cat,
                    count=1 + i % 4,
                    organisation_id=(world.polisen if i % 7 == 0 else world.kommun).id,
                    classification=Classification.INTERNAL if i % 7 == 0 else Classification.OPEN,
                    source=Source.OWN_OBSERVATION,
                    description=f"nr {i}",
                )
            )
    flt = ObservationFilter(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    for sort, descending in (("occurred_on", True), ("count", False), ("place", True)):
        with world.db.session() as s:
            streamed = [
                r.id for r in iter_observations(s, world.editor, flt, sort=sort, descending=descending, batch=7)
            ]
            paged = [
                r.id for r in list_observations(s, world.editor, flt, sort=sort, descending=descending, limit=1000)
            ]
        assert streamed == paged and len(streamed) == 30 - 5  # the police's five internal rows stay out
