"""Each Alembic revision one step at a time, up and down, on both backends; and the backup that
`db upgrade` makes of an older SQLite file, opened and read."""

from __future__ import annotations

import sqlite3

import pytest
import sqlalchemy as sa
from alembic import command

from app.db.engine import Database
from app.db.migrate import alembic_config, head_revision, script_directory, upgrade
from tests.conftest import BACKENDS


def _revisions() -> list[str]:
    """Every revision, oldest first."""
    return [rev.revision for rev in reversed(list(script_directory().walk_revisions()))]


def _alembic(db: Database, step, target: str) -> None:
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        step(cfg, target)


def _revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def _schema(db: Database) -> dict:
    """Tables with their columns (name, type, nullable, default), indexes, unique and foreign keys
    (alembic's own version table left out). Columns by name: a column a downgrade puts back comes
    last on PostgreSQL, which cannot insert one in between."""
    inspector = sa.inspect(db.engine)
    shape = {}
    for table in sorted(set(inspector.get_table_names()) - {"alembic_version"}):
        shape[table] = {
            "columns": sorted(
                (c["name"], str(c["type"]), c["nullable"], str(c.get("default"))) for c in inspector.get_columns(table)
            ),
            "indexes": sorted(
                (i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in inspector.get_indexes(table)
            ),
            "unique": sorted(
                (u["name"] or "", tuple(u["column_names"])) for u in inspector.get_unique_constraints(table)
            ),
            "foreign": sorted(
                (tuple(f["constrained_columns"]), f["referred_table"], tuple(f["referred_columns"]))
                for f in inspector.get_foreign_keys(table)
            ),
            "primary": tuple(inspector.get_pk_constraint(table)["constrained_columns"]),
            # Named CHECK constraints (the vocabularies' allowed values among them), by name and text.
            "checks": sorted(
                (c["name"], " ".join(str(c["sqltext"]).split())) for c in inspector.get_check_constraints(table)
            ),
        }
    return shape


def test_the_revisions_form_one_line():
    revisions = _revisions()
    assert revisions[0] == "0001" and revisions[-1] == head_revision() and len(revisions) >= 5
    assert len(script_directory().get_heads()) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_each_revision_upgrades_and_downgrades_one_step_at_a_time(backend, fresh_database_url):
    db = Database(fresh_database_url(backend))
    revisions = _revisions()
    shapes = {None: _schema(db)}
    previous = None
    for revision in revisions:
        _alembic(db, command.upgrade, revision)
        assert _revision(db) == revision
        shapes[revision] = _schema(db)
        assert shapes[revision] != shapes[previous], f"{revision} changed nothing"
        # One step down gives back the schema of the revision before, and up again the same schema.
        _alembic(db, command.downgrade, "-1")
        assert _revision(db) == previous
        assert _schema(db) == shapes[previous], f"downgrade of {revision}"
        _alembic(db, command.upgrade, "+1")
        assert _revision(db) == revision
        assert _schema(db) == shapes[revision], f"upgrade of {revision} after its downgrade"
        previous = revision
    for revision in reversed(revisions):
        _alembic(db, command.downgrade, "-1")
        below = revisions[revisions.index(revision) - 1] if revision != revisions[0] else None
        assert _revision(db) == below
        assert _schema(db) == shapes[below], f"downgrade of {revision} from the head"
    assert _schema(db) == {}
    db.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_upgrade_downgrade_upgrade_gives_the_same_schema(backend, fresh_database_url):
    db = Database(fresh_database_url(backend))
    _alembic(db, command.upgrade, "head")
    at_head = _schema(db)
    _alembic(db, command.downgrade, "base")
    assert _revision(db) is None
    _alembic(db, command.upgrade, "head")
    assert _schema(db) == at_head
    db.dispose()


def test_db_upgrade_backs_up_an_older_sqlite_file_with_its_rows(tmp_path):
    path = tmp_path / "office.sqlite3"
    db = Database(str(path))
    older = "0005"  # the rows below are written as its tables are
    _alembic(db, command.upgrade, older)
    with db.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO organisation (name, short_name, active, version) VALUES ('Sigtuna kommun', 'Kommunen', 1, 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO place (name, district, place_type, poor_lighting, poor_sightlines, secluded, "
            "littering, notes, active, version) VALUES ('Märsta station', 'Märsta', 'station', 0, 0, 0, 0, '', 1, 1)"
        )

    status, backup = upgrade(db)
    db.dispose()

    assert status.current == head_revision()
    assert backup == tmp_path / f"office.sqlite3.{older}.bak"
    # The copy is a whole database at the older revision holding the rows, and is left as it was.
    with sqlite3.connect(f"file:{backup}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(older,)]
        assert copy.execute("SELECT short_name FROM organisation").fetchall() == [("Kommunen",)]
        assert copy.execute("SELECT name, district FROM place").fetchall() == [("Märsta station", "Märsta")]
    copy.close()
    with sqlite3.connect(path) as upgraded:
        assert upgraded.execute("SELECT version_num FROM alembic_version").fetchall() == [(head_revision(),)]
        assert upgraded.execute("SELECT name FROM place").fetchall() == [("Märsta station",)]
    upgraded.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_office_database_at_0005_with_rows_everywhere_upgrades_and_keeps_every_link(backend, fresh_database_url):
    """Areas, event types and organisations are rebuilt by 0006 (SQLite builds a changed table anew);
    rows of other tables refer to them, and every one of those links must come through."""
    db = Database(fresh_database_url(backend))
    _alembic(db, command.upgrade, "0005")
    with db.engine.begin() as conn:
        for statement in (
            "INSERT INTO organisation (id, name, short_name, active, version) VALUES (1, 'Sigtuna kommun', 'Kommunen', true, 1)",
            "INSERT INTO agreement_period (id, name, starts_on, ends_on, description, version) "
            "VALUES (1, 'Överenskommelse 2025–2028', '2025-01-01', '2028-12-31', '', 1)",
            "INSERT INTO area (id, name, description, sort_order, active, agreement_period_id, version) "
            "VALUES (1, 'Otrygga platser', '', 1, true, 1, 1), (2, 'Utan period', '', 2, true, NULL, 1)",
            "INSERT INTO category (id, code, name, parent_id, area_id, active, version) "
            "VALUES (1, 'VALD', 'Våldsbrott', NULL, 1, true, 1), (2, 'RAN', 'Rån', 1, 1, true, 1), "
            "(3, 'NEDS', 'Nedskräpning', NULL, NULL, true, 1), (4, 'TRAF', 'Trafik', NULL, 2, true, 1)",
            "INSERT INTO place (id, name, district, place_type, poor_lighting, poor_sightlines, secluded, littering, "
            "notes, active, version) VALUES (1, 'Märsta station', 'Märsta', 'station', false, false, false, false, '', true, 1)",
            "INSERT INTO observation (id, occurred_on, reported_at, place_id, category_id, count, source, "
            "organisation_id, setting, reported_to_police, verified, description, classification, version) "
            "VALUES (1, '2026-03-01', '2026-03-01 10:00:00', 1, 2, 3, 'own_observation', 1, 'unknown', 'unknown', "
            "false, '', 'open', 1)",
            "INSERT INTO action (id, title, problem, cause, description, operative_goal, responsible_organisation_id, "
            "responsible_person, status, follow_up_colour, kind, prevention_type, expected_effect, hours_spent, "
            "cost_spent, created_at, version) VALUES (1, 'Belysning', '', '', '', '', 1, '', 'planned', 'green', "
            "'one_off', 'situational', 'short_term', 0, 0, '2026-03-01 10:00:00', 1)",
            "INSERT INTO action_area (action_id, area_id) VALUES (1, 1), (1, 2)",
            "INSERT INTO indicator (id, name, description, unit, data_source, area_id, baseline_period, direction, "
            "frequency, responsible_person, active, version) VALUES (1, 'Rån', '', '', '', 1, '', 'lower', 'monthly', "
            "'', true, 1)",
        ):
            conn.exec_driver_sql(statement)
    status, _backup = upgrade(db)
    assert status.current == head_revision()
    with db.engine.connect() as conn:
        # The area without a period got the newest one; every event type kept its area in it.
        assert conn.exec_driver_sql("SELECT DISTINCT agreement_period_id FROM area").scalars().all() == [1]
        links = conn.exec_driver_sql(
            "SELECT c.code, a.name FROM category_area l JOIN category c ON c.id = l.category_id "
            "JOIN area a ON a.id = l.area_id AND a.agreement_period_id = l.agreement_period_id ORDER BY c.code"
        ).all()
        assert [tuple(r) for r in links] == [
            ("RAN", "Otrygga platser"),
            ("TRAF", "Utan period"),
            ("VALD", "Otrygga platser"),
        ]
        assert conn.exec_driver_sql("SELECT kind FROM organisation").scalar() == "municipality"
        assert conn.exec_driver_sql("SELECT count(*) FROM action_area").scalar() == 2
        assert conn.exec_driver_sql("SELECT place_id, category_id, count FROM observation").one() == (1, 2, 3)
        assert conn.exec_driver_sql("SELECT parent_id FROM category WHERE code = 'RAN'").scalar() == 1
        assert conn.exec_driver_sql("SELECT area_id FROM indicator").scalar() == 1
        if backend == "sqlite":
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # enforced again afterwards
    db.dispose()
