"""Issue #17, gallring: the retention policy and the record of runs tried with raw SQL over personal
logins, as tests/test_pg_attacks.py tries the rest (its databases and logins, both kinds of owner).
Every attack must fail. PostgreSQL only."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa
from alembic import command

from app.db import pg_security
from app.db.engine import Database
from app.db.migrate import alembic_config
from app.db.security_setup import r0008
from app.errors import PermissionDeniedError
from app.services import retention, users
from app.services.context import SYSTEM, bind_actor
from tests.test_pg_attacks import login, owner, refused

# The attack databases and logins, both kinds of owner, as a fixture of this module too.
from tests.test_pg_attacks import world as world

FAKE_RUN = "INSERT INTO gallring_run (ran_at, ran_by, items) VALUES (now(), 'admin', '[]')"


def test_an_editor_or_reader_cannot_change_the_policy_but_reads_it(world):
    with world["db"].session() as s:
        bind_actor(s, SYSTEM)
        retention.set_policy(s, SYSTEM, "audit", 8)
    for key in ("kommun", "lasare"):
        with login(world, key) as conn:
            assert conn.execute("SELECT years FROM retention_policy WHERE kind = 'audit'").fetchone() == (8,)
            assert refused(conn, "INSERT INTO retention_policy (kind, years, version) VALUES ('observation', 1, 1)")
            assert refused(conn, "UPDATE retention_policy SET years = 1")
            assert refused(conn, "DELETE FROM retention_policy")
    with owner(world) as conn:
        assert conn.execute(sa.text("SELECT kind, years FROM retention_policy")).all() == [("audit", 8)]


def test_an_administrator_changes_the_policy_and_the_trail_names_the_login(world):
    with world["db"].session() as s:
        bind_actor(s, SYSTEM)
        retention.set_policy(s, SYSTEM, "audit", 8)
    with login(world, "admin") as conn:
        conn.execute("UPDATE retention_policy SET years = 9, version = version + 1 WHERE kind = 'audit'")
        trail = conn.execute(
            "SELECT username, old_values::text, new_values::text FROM audit_entry"
            " WHERE table_name = 'retention_policy' ORDER BY id DESC LIMIT 1"
        ).fetchone()
    assert trail == (world["names"]["admin"], '{"years": 8}', '{"years": 9}')


def test_nobody_but_the_owner_records_a_run_or_changes_one(world):
    with world["db"].session() as s:
        bind_actor(s, SYSTEM)
        run = retention.gallra(s, SYSTEM, dt.date.today(), dry_run=False)
    assert run.run_id is not None
    for key in ("kommun", "lasare", "admin", "polisadmin"):
        with login(world, key) as conn:
            assert conn.execute("SELECT ran_by FROM gallring_run WHERE id = %s", (run.run_id,)).fetchone() is not None
            assert refused(conn, FAKE_RUN), key
            assert refused(conn, "UPDATE gallring_run SET items = '[]'"), key
            assert refused(conn, "DELETE FROM gallring_run"), key
    with login(world, "gate") as conn:
        assert refused(conn, "SELECT * FROM gallring_run")
        assert refused(conn, "SELECT * FROM retention_policy")


def test_no_login_deletes_or_rewrites_the_audit_trail_as_a_gallring_would(world):
    with owner(world) as conn:
        before = conn.execute(sa.text("SELECT count(*) FROM audit_entry")).scalar()
    for key in ("kommun", "admin", "polisadmin"):
        with login(world, key) as conn:
            assert refused(conn, "DELETE FROM audit_entry"), key
            assert refused(conn, "DELETE FROM audit_entry WHERE occurred_at < now() - interval '1 year'"), key
            assert refused(conn, "UPDATE audit_entry SET old_values = NULL"), key
            assert refused(conn, "TRUNCATE audit_entry"), key
    with owner(world) as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM audit_entry")).scalar() == before


def test_a_real_run_over_a_personal_login_is_refused_by_the_program(world):
    """The program says so before the database would: the gallring is the owner's."""
    url = world["url"].set(username=world["names"]["admin"], password="ett-langt-losenord-1")
    personal = Database(url.render_as_string(hide_password=False), audit_by_triggers=True)
    try:
        with personal.session() as s:
            actor = users.actor_for_username(s, world["names"]["admin"])
            bind_actor(s, actor)
            assert not retention.counts_everything(s)
            assert retention.due(s, dt.date.today()) == [
                retention.Due("audit", retention.cutoff(dt.date.today(), 9), 0)
            ]
            with pytest.raises(PermissionDeniedError, match="trygghetscenter gallra"):
                retention.gallra(s, actor, dt.date.today(), dry_run=False)
    finally:
        personal.dispose()


def test_a_secured_database_goes_down_to_0009_and_up_to_0010_with_each_revisions_set_up(world):
    """Last in this module: it takes the attack database down a revision and back."""
    db = world["db"]
    _alembic(db, command.downgrade, "0009")
    with db.engine.connect() as conn:
        assert not sa.inspect(conn).has_table("retention_policy")
    with db.engine.connect() as conn:
        with conn.begin() as transaction:  # r0008 is what the database then holds: applying it changes nothing
            live = pg_security.security_snapshot(conn)
            pg_security.apply_setup(conn, r0008)
            assert pg_security.security_snapshot(conn) == live
            transaction.rollback()
    _alembic(db, command.upgrade, "0010")
    with db.session() as s:
        assert not pg_security.security_drift(s)
    with login(world, "kommun") as conn:
        assert conn.execute("SELECT count(*) FROM retention_policy").fetchone() == (0,)
        assert refused(conn, "INSERT INTO retention_policy (kind, years, version) VALUES ('audit', 1, 1)")
        assert refused(conn, FAKE_RUN)
    with login(world, "admin") as conn:
        conn.execute("INSERT INTO retention_policy (kind, years, version) VALUES ('audit', 6, 1)")
        assert refused(conn, FAKE_RUN)
    with db.session() as s:
        assert [(p.kind, p.years) for p in retention.get_policy(s) if p.years] == [("audit", 6)]


def _alembic(db: Database, step, target: str) -> None:
    with db.engine.begin() as conn:
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        step(cfg, target)
