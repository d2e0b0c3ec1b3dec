"""The åtgärdsplan: validation, permissions, overdue detection, filters, the log, conflicts, figures, audit."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
import sqlalchemy as sa

from app.db.models import Action, ActionUpdate, Area, AuditEntry
from app.domain.vocabulary import ActionStatus, AuditOperation, FollowUpColour
from app.errors import ConflictError, NotFoundError, PermissionDeniedError, ValidationError
from app.services import action_summary as summary
from app.services import actions as act
from app.services.context import bind_actor
from app.services.followup import IndicatorInput, create_indicator

TODAY = dt.date(2026, 3, 11)


@contextlib.contextmanager
def acting(world, actor):
    with world.db.session() as s:
        bind_actor(s, actor)
        yield s


def areas(world) -> dict[str, int]:
    with world.db.session() as s:
        return {a.name: a.id for a in s.scalars(sa.select(Area))}


def action_input(world, **overrides) -> act.ActionInput:
    values = dict(
        title="Belysning i gångtunneln",
        responsible_organisation_id=world.kommun.id,
        area_ids=[areas(world)["Otrygga platser"]],
        problem="Otrygghet kvällstid",
        start_on=dt.date(2026, 1, 1),
        deadline=dt.date(2026, 6, 30),
    )
    values.update(overrides)
    return act.ActionInput(**values)


def create(world, actor=None, **overrides) -> act.ActionRow:
    actor = actor or world.editor
    with acting(world, actor) as s:
        return act.create_action(s, actor, action_input(world, **overrides))


# --- validation ----------------------------------------------------------------------------------------


def test_every_invalid_field_is_reported_at_once(world):
    data = action_input(
        world,
        title=" ",
        responsible_organisation_id=None,
        area_ids=[],
        start_on=dt.date(2026, 5, 1),
        deadline=dt.date(2026, 4, 1),
        hours_spent=-1,
        cost_spent="mycket",
        status="finished",
    )
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        act.create_action(s, world.editor, data)
    assert set(info.value.errors) == {
        "title",
        "responsible_organisation_id",
        "area_ids",
        "deadline",
        "hours_spent",
        "cost_spent",
        "status",
    }


def test_unknown_ids_and_too_long_title_are_rejected(world):
    data = action_input(world, title="x" * 201, area_ids=[999], place_ids=[998], indicator_ids=[997])
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        act.create_action(s, world.editor, data)
    assert set(info.value.errors) == {"title", "area_ids", "place_ids", "indicator_ids"}
    with acting(world, world.editor) as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(Action)) == 0


def test_done_needs_a_past_completion_date_and_other_statuses_drop_it(world):
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        act.create_action(s, world.editor, action_input(world, status=ActionStatus.DONE))
    assert set(info.value.errors) == {"completed_on"}
    future = dt.date.today() + dt.timedelta(days=3)
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        act.create_action(s, world.editor, action_input(world, status=ActionStatus.DONE, completed_on=future))
    assert set(info.value.errors) == {"completed_on"}
    row = create(world, status=ActionStatus.DONE, completed_on=dt.date(2026, 2, 1))
    assert row.completed_on == dt.date(2026, 2, 1)
    row = create(world, title="Annan", status=ActionStatus.ONGOING, completed_on=dt.date(2026, 2, 1))
    assert row.completed_on is None


def test_editor_may_only_make_own_organisation_responsible_admin_any(world):
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        act.create_action(s, world.editor, action_input(world, responsible_organisation_id=world.polisen.id))
    assert set(info.value.errors) == {"responsible_organisation_id"}
    row = create(world, world.admin, responsible_organisation_id=world.polisen.id)
    assert row.responsible_organisation_name.startswith("Polisen")


# --- create, edit, delete, permissions ---------------------------------------------------------------


def test_create_edit_delete_with_links(world):
    a = areas(world)
    with acting(world, world.editor) as s:
        indicator = create_indicator(s, world.editor, IndicatorInput(name="Anmälda rån, Märsta centrum"))
    row = create(
        world,
        area_ids=[a["Ungdomsgäng"], a["Otrygga platser"]],
        place_ids=[world.places["Valsta centrum"].id, world.places["Märsta centrum"].id],
        indicator_ids=[indicator.id],
        hours_spent="12,5",
        cost_spent=4000,
    )
    assert row.area_names == ("Otrygga platser", "Ungdomsgäng")  # by the areas' sort order
    assert row.place_names == ("Märsta centrum", "Valsta centrum")
    assert row.indicator_names == ("Anmälda rån, Märsta centrum",)
    assert row.responsible_organisation_name == "Sigtuna kommun"
    assert row.hours_spent == 12.5 and row.cost_spent == 4000.0 and row.status is ActionStatus.PLANNED

    with acting(world, world.editor) as s:
        data = action_input(world, title="Ny belysning", place_ids=[], follow_up_colour=FollowUpColour.YELLOW)
        updated = act.update_action(s, world.editor, row.id, data, row.version)
    assert updated.title == "Ny belysning" and updated.place_names == () and updated.area_names == ("Otrygga platser",)
    assert updated.follow_up_colour is FollowUpColour.YELLOW and updated.version == row.version + 1
    assert updated.updated_at is not None

    with acting(world, world.editor) as s:
        act.delete_action(s, world.editor, row.id, updated.version)
    with acting(world, world.editor) as s, pytest.raises(NotFoundError):
        act.get_action(s, world.editor, row.id)


def test_permission_matrix(world):
    row = create(world)  # a kommun action
    with acting(world, world.reader) as s, pytest.raises(PermissionDeniedError):
        act.create_action(s, world.reader, action_input(world))
    with acting(world, world.reader) as s:
        assert [r.id for r in act.list_actions(s, world.reader)] == [row.id]  # readers read
    for actor in (world.reader, world.police):
        with acting(world, actor) as s, pytest.raises(PermissionDeniedError):
            act.update_action(s, actor, row.id, action_input(world, title="Ändrad"), row.version)
        with acting(world, actor) as s, pytest.raises(PermissionDeniedError):
            act.delete_action(s, actor, row.id, row.version)
        with acting(world, actor) as s, pytest.raises(PermissionDeniedError):
            act.add_action_update(s, actor, row.id, TODAY, "Anteckning")
    # Any admin may edit, even the police's admin on a kommun action.
    with acting(world, world.police_admin) as s:
        row = act.update_action(
            s, world.police_admin, row.id, action_input(world, title="Polisens ändring"), row.version
        )
    with acting(world, world.admin) as s:
        row = act.update_action(s, world.admin, row.id, action_input(world, title="Kommunens ändring"), row.version)
    police_row = create(world, world.police, responsible_organisation_id=world.polisen.id)
    with acting(world, world.police) as s:
        act.delete_action(s, world.police, police_row.id, police_row.version)
    with acting(world, world.admin) as s:
        act.delete_action(s, world.admin, row.id, row.version)


def test_stale_version_is_a_conflict_naming_who_changed_it(world):
    row = create(world)
    with acting(world, world.admin) as s:
        act.update_action(s, world.admin, row.id, action_input(world, title="Adminens version"), row.version)
    with acting(world, world.editor) as s, pytest.raises(ConflictError) as info:
        act.update_action(s, world.editor, row.id, action_input(world, title="Min version"), row.version)
    assert info.value.changed_by == "Anna Admin" and "Anna Admin" in info.value.message
    assert info.value.table == "action" and info.value.changed_at is not None
    with acting(world, world.editor) as s, pytest.raises(ConflictError):
        act.delete_action(s, world.editor, row.id, row.version)
    with acting(world, world.editor) as s:
        assert act.get_action(s, world.editor, row.id).title == "Adminens version"


# --- overdue, filters, sorting -------------------------------------------------------------------------


def test_overdue_with_a_fixed_today(world):
    late = create(world, title="Sen", deadline=dt.date(2026, 3, 1), status=ActionStatus.ONGOING)
    due_today = create(world, title="Idag", deadline=TODAY)
    done = create(
        world, title="Klar", deadline=dt.date(2026, 2, 1), status=ActionStatus.DONE, completed_on=dt.date(2026, 2, 20)
    )
    cancelled = create(world, title="Struken", deadline=dt.date(2026, 2, 1), status=ActionStatus.CANCELLED)
    no_deadline = create(world, title="Löpande", start_on=None, deadline=None)
    with acting(world, world.reader) as s:
        rows = {r.title: r for r in act.list_actions(s, world.reader, today=TODAY)}
        overdue = act.overdue_actions(s, world.reader, today=TODAY)
        assert act.get_action(s, world.reader, late.id, today=TODAY).days_overdue == 10
    assert rows["Sen"].overdue and rows["Sen"].days_overdue == 10
    for title in ("Idag", "Klar", "Struken", "Löpande"):
        assert not rows[title].overdue and rows[title].days_overdue == 0
    assert [r.id for r in overdue] == [late.id]
    assert {due_today.id, done.id, cancelled.id, no_deadline.id}.isdisjoint({r.id for r in overdue})


def test_filters(world):
    a = areas(world)
    marsta = world.places["Märsta centrum"].id
    first = create(
        world,
        title="Kameror vid ÅTGÄRDSTORGET",
        place_ids=[marsta],
        status=ActionStatus.ONGOING,
        deadline=dt.date(2026, 3, 1),
    )
    second = create(
        world,
        title="Fältassistenter",
        area_ids=[a["Ungdomsgäng"]],
        description="kvällar i Valsta",
        status=ActionStatus.PLANNED,
    )
    third = create(
        world,
        world.police,
        title="Riktad övervakning",
        responsible_organisation_id=world.polisen.id,
        problem="100% ökning av rån",
        status=ActionStatus.DONE,
        completed_on=dt.date(2026, 3, 2),
    )

    def ids(**kwargs):
        with acting(world, world.reader) as s:
            return {r.id for r in act.list_actions(s, world.reader, today=TODAY, **kwargs)}

    assert ids() == {first.id, second.id, third.id}
    assert ids(area_id=a["Ungdomsgäng"]) == {second.id}
    assert ids(area_id=a["Tystnadskultur"]) == set()
    assert ids(status=ActionStatus.DONE) == {third.id}
    assert ids(status=[ActionStatus.PLANNED, ActionStatus.ONGOING]) == {first.id, second.id}
    assert ids(organisation_id=world.polisen.id) == {third.id}
    assert ids(overdue_only=True) == {first.id}
    assert ids(place_id=marsta) == {first.id}
    assert ids(text="valsta") == {second.id}  # description
    assert ids(text="åtgärdstorget") == {first.id}  # case-insensitive with Swedish letters
    assert ids(text="100%") == {third.id} and ids(text="0%ö") == set()  # % is literal
    assert ids(text="  ") == {first.id, second.id, third.id}


def test_sorting_keeps_missing_dates_last(world):
    create(world, title="B", deadline=dt.date(2026, 5, 1))
    create(world, title="A", start_on=None, deadline=None)
    create(world, title="C", deadline=dt.date(2026, 4, 1))
    with acting(world, world.reader) as s:
        assert [r.title for r in act.list_actions(s, world.reader)] == ["C", "B", "A"]
        assert [r.title for r in act.list_actions(s, world.reader, descending=True)] == ["B", "C", "A"]
        assert [r.title for r in act.list_actions(s, world.reader, sort="title")] == ["A", "B", "C"]


# --- the log -------------------------------------------------------------------------------------------


def test_action_updates_change_status_and_completion_date(world):
    row = create(world, status=ActionStatus.ONGOING)
    with acting(world, world.editor) as s:
        note = act.add_action_update(s, world.editor, row.id, dt.date(2026, 3, 2), "Lampor beställda")
        done = act.add_action_update(s, world.editor, row.id, dt.date(2026, 3, 9), "Klart", ActionStatus.DONE)
        after_done = act.get_action(s, world.editor, row.id)
    assert note.old_status is None and note.new_status is None
    assert done.old_status is ActionStatus.ONGOING and done.new_status is ActionStatus.DONE
    assert after_done.status is ActionStatus.DONE and after_done.completed_on == dt.date(2026, 3, 9)

    with acting(world, world.admin) as s:
        act.add_action_update(s, world.admin, row.id, dt.date(2026, 3, 10), "Lampa trasig igen", ActionStatus.ONGOING)
        reopened = act.get_action(s, world.admin, row.id)
        log = act.list_action_updates(s, world.reader, row.id)
    assert reopened.status is ActionStatus.ONGOING and reopened.completed_on is None
    assert [(u.entry_date.day, u.author_name, u.text) for u in log] == [
        (10, "Anna Admin", "Lampa trasig igen"),
        (9, "Erik Editor", "Klart"),
        (2, "Erik Editor", "Lampor beställda"),
    ]
    assert (log[0].old_status, log[0].new_status) == (ActionStatus.DONE, ActionStatus.ONGOING)


def test_action_update_needs_text_or_a_new_status(world):
    row = create(world, status=ActionStatus.ONGOING)
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        act.add_action_update(s, world.editor, row.id, None, "  ", ActionStatus.ONGOING)
    assert set(info.value.errors) == {"entry_date", "text"}
    with acting(world, world.editor) as s, pytest.raises(ValidationError) as info:
        act.add_action_update(s, world.editor, row.id, dt.date.today() + dt.timedelta(days=1), "Senare")
    assert set(info.value.errors) == {"entry_date"}
    with acting(world, world.editor) as s:
        act.add_action_update(s, world.editor, row.id, dt.date(2026, 3, 1), "", ActionStatus.CANCELLED)
        assert act.get_action(s, world.editor, row.id).status is ActionStatus.CANCELLED
    with acting(world, world.editor) as s, pytest.raises(NotFoundError):
        act.list_action_updates(s, world.editor, 999)


def test_status_changed_in_the_form_is_logged_too(world):
    row = create(world)
    with acting(world, world.editor) as s:
        act.update_action(s, world.editor, row.id, action_input(world, status=ActionStatus.ONGOING), row.version)
        log = act.list_action_updates(s, world.editor, row.id)
    assert [(u.old_status, u.new_status, u.author_name) for u in log] == [
        (ActionStatus.PLANNED, ActionStatus.ONGOING, "Erik Editor")
    ]


# --- dashboard figures ---------------------------------------------------------------------------------


def test_counts_by_status_and_area(world):
    a = areas(world)
    otrygga, unga = a["Otrygga platser"], a["Ungdomsgäng"]
    create(world, title="1", area_ids=[otrygga], status=ActionStatus.ONGOING, deadline=dt.date(2026, 3, 1))  # overdue
    create(
        world, title="2", area_ids=[otrygga, unga], status=ActionStatus.PLANNED, deadline=dt.date(2026, 2, 1)
    )  # overdue
    create(world, title="3", area_ids=[unga], status=ActionStatus.DONE, completed_on=dt.date(2026, 3, 1))
    create(world, title="4", area_ids=[unga], status=ActionStatus.PLANNED, deadline=dt.date(2026, 12, 1))
    with acting(world, world.admin) as s:  # an inactive area without actions is left out of the table
        s.execute(sa.update(Area).where(Area.name == "Tystnadskultur").values(active=False))
    with acting(world, world.reader) as s:
        by_status = summary.action_counts_by_status(s, world.reader)
        by_status_unga = summary.action_counts_by_status(s, world.reader, area_id=unga)
        by_area = summary.action_counts_by_area(s, world.reader, today=TODAY)
    P, G, D, C = ActionStatus.PLANNED, ActionStatus.ONGOING, ActionStatus.DONE, ActionStatus.CANCELLED
    assert by_status == {P: 2, G: 1, D: 1, C: 0}
    assert by_status_unga == {P: 2, G: 0, D: 1, C: 0}
    table = {r.area_name: (r.counts, r.total, r.overdue) for r in by_area}
    assert [r.area_name for r in by_area] == ["Otrygga platser", "Ungdomsgäng", "Kriminella nätverk"]
    assert table["Otrygga platser"] == ({P: 1, G: 1, D: 0, C: 0}, 2, 2)
    assert table["Ungdomsgäng"] == ({P: 2, G: 0, D: 1, C: 0}, 3, 1)
    assert table["Kriminella nätverk"] == ({P: 0, G: 0, D: 0, C: 0}, 0, 0)


def test_done_on_time_by_tertial(world):
    def done(title, completed, deadline):
        create(world, title=title, start_on=None, deadline=deadline, status=ActionStatus.DONE, completed_on=completed)

    done("a", dt.date(2025, 3, 10), dt.date(2025, 3, 31))  # T1 on time
    done("b", dt.date(2025, 4, 30), dt.date(2025, 4, 30))  # T1 on time (same day)
    done("c", dt.date(2025, 5, 1), dt.date(2025, 4, 30))  # T2 late
    done("d", dt.date(2025, 8, 31), dt.date(2025, 6, 1))  # T2 late
    done("e", dt.date(2025, 9, 1), None)  # T3 without deadline
    done("f", dt.date(2025, 12, 31), dt.date(2026, 1, 31))  # T3 on time
    done("g", dt.date(2026, 1, 2), dt.date(2026, 1, 1))  # T1 2026 late
    create(world, title="open", status=ActionStatus.ONGOING)  # not counted
    with acting(world, world.reader) as s:
        rows = summary.actions_on_time_by_tertial(s, world.reader)
    assert [(r.label, r.on_time, r.late, r.without_deadline) for r in rows] == [
        ("T1 2025", 2, 0, 0),
        ("T2 2025", 0, 2, 0),
        ("T3 2025", 1, 0, 1),
        ("T1 2026", 0, 1, 0),
    ]
    assert rows[0].share_on_time == 1.0 and rows[1].share_on_time == 0.0 and rows[2].share_on_time == 1.0


# --- audit ---------------------------------------------------------------------------------------------


def test_create_update_delete_are_audited_with_user_and_values(world):
    a = areas(world)
    row = create(world)
    with acting(world, world.editor) as s:
        updated = act.update_action(
            s, world.editor, row.id, action_input(world, title="Ändrad titel", area_ids=[a["Ungdomsgäng"]]), row.version
        )
        act.add_action_update(s, world.editor, row.id, TODAY, "En anteckning")
    with acting(world, world.admin) as s:
        act.delete_action(s, world.admin, row.id, updated.version + 1)
    with world.db.session() as s:
        entries = s.scalars(
            sa.select(AuditEntry)
            .where(AuditEntry.table_name == "action", AuditEntry.row_id == row.id)
            .order_by(AuditEntry.id)
        ).all()
        log_entries = s.scalars(sa.select(AuditEntry).where(AuditEntry.table_name == "action_update")).all()
        assert s.scalar(sa.select(sa.func.count()).select_from(ActionUpdate)) == 0
    # One entry per change: the form save, the log entry touching updated_at, the delete.
    assert [e.operation for e in entries] == [
        AuditOperation.INSERT,
        AuditOperation.UPDATE,
        AuditOperation.UPDATE,
        AuditOperation.DELETE,
    ]
    assert entries[0].username == "editor" and entries[0].new_values["title"] == "Belysning i gångtunneln"
    first_update = entries[1]
    assert first_update.operation is AuditOperation.UPDATE and first_update.username == "editor"
    assert first_update.old_values["title"] == "Belysning i gångtunneln"
    assert first_update.new_values["title"] == "Ändrad titel"
    assert first_update.old_values["areas"] == [a["Otrygga platser"]]
    assert first_update.new_values["areas"] == [a["Ungdomsgäng"]]
    assert entries[-1].username == "admin" and entries[-1].old_values["title"] == "Ändrad titel"
    assert {e.operation for e in log_entries} == {AuditOperation.INSERT, AuditOperation.DELETE}


def test_a_new_action_is_not_assessed_until_someone_gives_it_a_colour(world):
    row = create(world)
    assert row.follow_up_colour is FollowUpColour.NOT_ASSESSED
    with acting(world, world.editor) as s:
        data = action_input(world, follow_up_colour=FollowUpColour.YELLOW)
        assert act.update_action(s, world.editor, row.id, data, row.version).follow_up_colour is FollowUpColour.YELLOW
