"""Gallring (issue #17, part 2): the retention policy, the dry run that equals the run, nothing outside
the periods removed, the summaries exact afterwards, the run recorded; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from app.db.models import (
    Action,
    ActionUpdate,
    AuditEntry,
    Category,
    FollowUpMeeting,
    GallringRun,
    Observation,
    ObservationDaySummary,
    utcnow,
)
from app.domain.vocabulary import AuditOperation, Classification, Source
from app.errors import PermissionDeniedError, ValidationError
from app.services import retention, summaries
from app.services.context import SYSTEM, bind_actor

TODAY = dt.date.today()
POLICY = {"observation": 5, "observation_text": 3, "action_log": 2, "meeting_minutes": 2, "audit": 4}


def years_ago(years: int, days: int = 0) -> dt.date:
    return retention.cutoff(TODAY, years) - dt.timedelta(days=days)


# (days before today or a date, classification, organisation key, count, description)
def _observations(world) -> list[dict]:
    kommun, polisen = world.kommun.id, world.polisen.id
    specs = [
        (TODAY - dt.timedelta(days=30), "open", kommun, 2, "Nyligen: klotter vid entrén"),
        (years_ago(3), "open", kommun, 1, "Exakt på gränsen för texten"),  # on the cutoff: kept
        (years_ago(3, 1), "internal", polisen, 3, "En dag före textgränsen"),  # text blanked
        (years_ago(4), "open", polisen, 1, "Fyra år gammal"),  # text blanked
        (years_ago(4), "open", kommun, 1, ""),  # already blank: not counted
        (years_ago(5), "internal", kommun, 4, "Exakt på observationsgränsen"),  # text blanked, kept
        (years_ago(5, 1), "open", kommun, 2, "En dag före observationsgränsen"),  # deleted
        (years_ago(7), "internal", polisen, 5, "Sju år gammal"),  # deleted
        (years_ago(7), "open", polisen, 1, ""),  # deleted
    ]
    return [
        {"occurred_on": d, "classification": Classification(c), "organisation_id": o, "count": n, "description": t}
        for d, c, o, n, t in specs
    ]


def fill(world) -> dict:
    """Rows of every kind, on both sides of each cutoff; returns their ids by what should happen."""
    with world.db.session() as s:
        bind_actor(s, SYSTEM)
        category = s.scalar(sa.select(Category.id).where(Category.code == "NARK"))
        place = world.places["Märsta centrum"].id
        for spec in _observations(world):
            s.add(Observation(place_id=place, category_id=category, source=Source.POLICE_STATISTICS, **spec))
        action = Action(title="Belysning i gångtunneln", responsible_organisation_id=world.kommun.id)
        s.add(action)
        s.flush()
        for when, text in (
            (years_ago(1), "Lampor beställda"),
            (years_ago(2), "På gränsen"),
            (years_ago(2, 1), "Gammal"),
        ):
            s.add(ActionUpdate(action_id=action.id, entry_date=when, text=text))
        for when, notes, decisions in (
            (years_ago(1), "Genomgång av läget", "Fortsätt"),
            (years_ago(2, 1), "Gamla anteckningar", ""),
            (years_ago(3), "", "Ett gammalt beslut"),
            (years_ago(3), "", ""),  # nothing to blank
        ):
            s.add(FollowUpMeeting(held_on=when, notes=notes, decisions=decisions))
        s.flush()
        for when in (years_ago(4), years_ago(4, 1), years_ago(6)):
            s.add(
                AuditEntry(
                    occurred_at=dt.datetime.combine(when, dt.time(12), tzinfo=dt.UTC),
                    username="gammal",
                    table_name="place",
                    row_id=1,
                    operation=AuditOperation.UPDATE,
                    old_values={"name": "a"},
                    new_values={"name": "b"},
                )
            )
    return {
        "observation": 3,
        "observation_text": 3,
        "action_log": 1,
        "meeting_minutes": 2,
        "audit": 2,
    }


def set_all(world, policy=POLICY) -> None:
    with world.db.session() as s:
        bind_actor(s, world.admin)
        for kind, years in policy.items():
            retention.set_policy(s, world.admin, kind, years)


def contents(world) -> dict:
    """Everything a run may touch, to compare before and after."""
    with world.db.session() as s:
        return {
            "observation": sorted(
                s.execute(
                    sa.select(Observation.id, Observation.occurred_on, Observation.description, Observation.count)
                )
            ),
            "action_update": sorted(s.execute(sa.select(ActionUpdate.id, ActionUpdate.entry_date, ActionUpdate.text))),
            "meeting": sorted(
                s.execute(sa.select(FollowUpMeeting.id, FollowUpMeeting.notes, FollowUpMeeting.decisions))
            ),
            "audit": sorted(s.execute(sa.select(AuditEntry.id, AuditEntry.occurred_at))),
        }


def test_cutoff_is_the_same_day_years_before_and_29_february_falls_back():
    assert retention.cutoff(dt.date(2026, 12, 4), 3) == dt.date(2023, 12, 4)
    assert retention.cutoff(dt.date(2024, 2, 29), 1) == dt.date(2023, 2, 28)
    assert retention.cutoff(dt.date(2024, 2, 29), 4) == dt.date(2020, 2, 29)


def test_nothing_is_removed_until_an_administrator_sets_a_period(world):
    fill(world)
    before = contents(world)
    with world.db.session() as s:
        bind_actor(s, SYSTEM)
        assert [p.years for p in retention.get_policy(s)] == [None] * len(retention.KINDS)
        assert retention.due(s, TODAY) == []
        assert retention.counts_everything(s)
        result = retention.gallra(s, SYSTEM, TODAY, dry_run=False)
    assert result.items == [] and result.run_id is None
    assert contents(world) == before
    with world.db.session() as s:
        assert retention.last_run(s) is None


def test_the_dry_run_is_the_run_and_nothing_outside_the_periods_goes(world):
    expected = fill(world)
    set_all(world)
    before = contents(world)
    with world.db.session() as s:
        bind_actor(s, SYSTEM)
        due = retention.due(s, TODAY)
        dry = retention.gallra(s, SYSTEM, TODAY, dry_run=True)
        assert s.scalar(sa.select(sa.func.count()).select_from(GallringRun)) == 0  # dry runs are not stored
    assert contents(world) == before  # a dry run changes nothing
    assert dry.items == due
    assert {i.kind: i.rows for i in dry.items} == expected
    assert {i.kind: i.cutoff for i in dry.items} == {k: retention.cutoff(TODAY, y) for k, y in POLICY.items()}
    with world.db.session() as s:
        bind_actor(s, SYSTEM)
        real = retention.gallra(s, SYSTEM, TODAY, dry_run=False)
    assert real.items == dry.items  # the same kinds, cutoffs and counts

    after = contents(world)
    text_cut, obs_cut = retention.cutoff(TODAY, 3), retention.cutoff(TODAY, 5)
    # Observations: those before the observation cutoff are gone, the rest stay with their counts;
    # the texts before the text cutoff are blank, the others untouched.
    wanted = [
        (i, day, text if day >= text_cut else "", n) for i, day, text, n in before["observation"] if day >= obs_cut
    ]
    assert after["observation"] == wanted
    assert len(before["observation"]) - len(after["observation"]) == expected["observation"]
    assert after["action_update"] == [r for r in before["action_update"] if r[1] >= retention.cutoff(TODAY, 2)]
    assert [r[1:] for r in after["meeting"]] == [
        ("Genomgång av läget", "Fortsätt"),
        ("", ""),
        ("", ""),
        ("", ""),
    ]
    audit_cut = dt.datetime.combine(retention.cutoff(TODAY, 4), dt.time(), tzinfo=dt.UTC)
    kept_audit = [r for r in before["audit"] if r[1] >= audit_cut]
    assert [r for r in after["audit"] if r[0] in {k[0] for k in before["audit"]}] == kept_audit
    with world.db.session() as s:
        assert all(n == 0 for n in summaries.differences(s).values()), summaries.differences(s)
        events = s.scalar(sa.select(sa.func.sum(ObservationDaySummary.events)))
        assert events == sum(r[3] for r in after["observation"])
        # A second run finds nothing left to do.
        assert all(i.rows == 0 for i in retention.due(s, TODAY))


def _trail_text(world) -> str:
    with world.db.session() as s:
        rows = s.execute(sa.select(AuditEntry.old_values, AuditEntry.new_values)).all()
    return " ".join(str(v) for row in rows for v in row)


def test_the_texts_removed_leave_the_audit_trail_too_and_the_others_stay(world):
    fill(world)
    set_all(world)
    trail = _trail_text(world)
    gone = ["En dag före textgränsen", "Fyra år gammal", "Sju år gammal", "Gammal", "Gamla anteckningar", "Ett gammalt"]
    kept = ["Nyligen: klotter vid entrén", "Exakt på gränsen för texten", "Lampor beställda", "På gränsen", "Fortsätt"]
    assert all(text in trail for text in gone + kept)  # the trail holds a copy of every text written
    with world.db.session() as s:
        bind_actor(s, SYSTEM)
        retention.gallra(s, SYSTEM, TODAY, dry_run=False)
    trail = _trail_text(world)
    assert [text for text in gone if text in trail] == []
    assert [text for text in kept if text not in trail] == []
    with world.db.session() as s:  # the entries themselves stay, with their other values
        names = s.scalars(
            sa.select(AuditEntry.new_values).where(AuditEntry.table_name == "observation").order_by(AuditEntry.row_id)
        ).all()
    assert len(names) == len(_observations(world)) and all(v["count"] >= 1 for v in names)


def test_the_run_is_recorded_with_kind_rows_cutoff_and_who_and_in_the_audit_trail(world):
    fill(world)
    set_all(world)
    with world.db.session() as s:
        bind_actor(s, world.admin)
        result = retention.gallra(s, world.admin, TODAY, dry_run=False)
    with world.db.session() as s:
        last = retention.last_run(s)
        assert last is not None
        assert (last.id, last.ran_by, last.items) == (result.run_id, "admin", result.items)
        assert abs((last.ran_at - utcnow()).total_seconds()) < 60
        note = s.execute(
            sa.select(AuditEntry.username, AuditEntry.operation, AuditEntry.new_values).where(
                AuditEntry.table_name == "gallring_run", AuditEntry.row_id == result.run_id
            )
        ).one()
    assert note.username == "admin" and note.operation is AuditOperation.INSERT
    assert note.new_values["items"] == [
        {"kind": i.kind, "cutoff": i.cutoff.isoformat(), "rows": i.rows} for i in result.items
    ]
    with world.db.session() as s:
        bind_actor(s, SYSTEM)
        again = retention.gallra(s, SYSTEM, TODAY, dry_run=False)
    with world.db.session() as s:
        assert retention.last_run(s).id == again.run_id != result.run_id
        assert again.rows == 0


def test_only_administrators_set_the_policy_or_run_the_gallring(world):
    fill(world)
    before = contents(world)
    with world.db.session() as s:
        bind_actor(s, world.editor)
        with pytest.raises(PermissionDeniedError):
            retention.set_policy(s, world.editor, "observation", 1)
        with pytest.raises(PermissionDeniedError):
            retention.gallra(s, world.editor, TODAY, dry_run=True)
    with world.db.session() as s:
        bind_actor(s, world.admin)
        with pytest.raises(ValidationError):
            retention.set_policy(s, world.admin, "observations", 1)
        with pytest.raises(ValidationError):
            retention.set_policy(s, world.admin, "audit", 0)
        retention.set_policy(s, world.admin, "audit", 10)
    with world.db.session() as s:
        bind_actor(s, world.admin)
        retention.set_policy(s, world.admin, "audit", None)  # back to for ever
        trail = s.execute(
            sa.select(AuditEntry.username, AuditEntry.operation).where(AuditEntry.table_name == "retention_policy")
        ).all()
        assert [(u, o.value) for u, o in trail] == [("admin", "insert"), ("admin", "update")]
        assert retention.due(s, TODAY) == []
    assert contents(world)["observation"] == before["observation"]


def test_the_command_line_shows_sets_lists_and_runs(world, run, monkeypatch):
    monkeypatch.setenv("TRYGGHETSCENTER_LANG", "en")  # the messages as written (the Swedish come with the catalogue)
    url = world.db.url.render_as_string(hide_password=False)
    expected = fill(world)
    code, out, _err = run("--database", url, "gallra", "--dry-run")
    assert code == 0 and "No retention period is set, so nothing is removed." in out
    for kind, years in POLICY.items():
        code, out, err = run("--database", url, "gallra", "policy", "--set", kind, str(years), "--user", "admin")
        assert code == 0, err
    assert "5 years" in out and "The gallring has never run." in out
    code, out, err = run("--database", url, "gallra", "policy", "--set", "audit", "3", "--user", "editor")
    assert code != 0 and "Only an administrator may do this." in err
    before = contents(world)
    code, out, err = run("--database", url, "gallra", "--dry-run")
    assert code == 0, err
    assert "Dry run: 11 rows would be removed or blanked. Nothing was changed." in out
    assert retention.cutoff(TODAY, 5).isoformat() in out
    assert contents(world) == before
    code, out, err = run("--database", url, "gallra")
    assert code == 0, err
    assert f"Gallring done: {sum(expected.values())} rows removed or blanked" in out
    code, out, _err = run("--database", url, "gallra", "policy")
    assert code == 0 and "Last run" in out
    with world.db.session() as s:
        assert all(n == 0 for n in summaries.differences(s).values())
