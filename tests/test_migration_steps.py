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
