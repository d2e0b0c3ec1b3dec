"""Issue #10: the database's promises tried as a careful attacker would, with raw SQL over nothing but a
personal login (or the sign-in gate) of their own: psql, Excel, any client. Every attack must fail.

Each test runs twice: on a database owned by a superuser, and on one owned by a login with nothing
but CREATEROLE, as the README sets it up. PostgreSQL only: SQLite has no logins.
"""

from __future__ import annotations

import datetime as dt
import uuid

import psycopg
import pytest
import sqlalchemy as sa

from app.db import pg_security
from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.db.models import Category, Organisation, Place
from app.db.security_setup import HEAD
from app.domain.vocabulary import Role
from app.errors import ConfigError
from app.seed import seed_reference_data
from app.services import users
from app.services.context import SYSTEM, bind_actor

PASSWORD = "ett-langt-losenord-1"
GATE_PASSWORD = "grindens-losenord-i-testet"
ACCOUNTS = {  # key: organisation, role
    "kommun": ("Kommunen", Role.EDITOR),
    "polis": ("Polisen", Role.EDITOR),
    "lasare": ("Kommunen", Role.READER),
    "admin": ("Kommunen", Role.ADMIN),
    "polisadmin": ("Polisen", Role.ADMIN),
}


@pytest.fixture(scope="module", params=["superuser", "createrole"])
def world(request, pg_server):
    tag = uuid.uuid4().hex[:6]
    admin_url = sa.make_url(pg_server.admin_url)
    name = f"tc_attack_{tag}"
    owner = admin_url.username if request.param == "superuser" else f"tc_owner_{tag}"
    with pg_server.engine.connect() as conn:
        if request.param == "createrole":
            conn.exec_driver_sql(f'CREATE ROLE "{owner}" LOGIN CREATEROLE')  # as the README sets it up
            conn.exec_driver_sql(f'GRANT pg_signal_backend TO "{owner}"')
        conn.exec_driver_sql(f'CREATE DATABASE "{name}" OWNER "{owner}"')
    url = admin_url.set(database=name, username=owner)
    db = Database(url.render_as_string(hide_password=False))
    ensure_schema(db)
    names = {key: f"{key}.{tag}" for key in ACCOUNTS}
    with db.session() as s:
        bind_actor(s, SYSTEM)
        seed_reference_data(s)
        s.add(Place(name="Märsta station", district="Märsta"))
        s.flush()
        result = pg_security.init_roles(s, gate_password=GATE_PASSWORD)
        for key, (org, role) in ACCOUNTS.items():
            users.create_user(s, SYSTEM, names[key], key.title(), org, role, PASSWORD)
        orgs = dict(s.execute(sa.select(Organisation.short_name, Organisation.id)).all())
        ids = dict(s.execute(sa.text("SELECT username, id FROM app_user")).all())
        place = s.scalar(sa.select(Place.id))
        category = s.scalar(sa.select(Category.id).where(Category.code == "NARK"))
    world = {
        "db": db,
        "url": url,
        "names": names,
        "orgs": orgs,
        "ids": {k: ids[v] for k, v in names.items()},
        "place": place,
        "category": category,
        "owner": owner,
        "kind": request.param,
        "init": result,
    }
    yield world
    db.dispose()
    pg_server.drop_secured(url.render_as_string(hide_password=False), names.values())
    if request.param == "createrole":
        with pg_server.engine.connect() as conn:
            conn.exec_driver_sql(f'DROP ROLE IF EXISTS "{owner}"')


def login(world, key, **kwargs):
    url = world["url"]
    user, password = (
        (pg_security.groups_for(url.database).gate, GATE_PASSWORD) if key == "gate" else (world["names"][key], PASSWORD)
    )
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        dbname=url.database,
        user=user,
        password=password,
        autocommit=True,
        **kwargs,
    )


def owner(world):
    return world["db"].engine.connect()


def insert_observation(conn, world, org_key, classification, text="x", **extra):
    columns = {
        "occurred_on": dt.date.today(),
        "place_id": world["place"],
        "category_id": world["category"],
        "count": 1,
        "source": "police_statistics",
        "setting": "unknown",
        "reported_to_police": "unknown",
        "verified": False,
        "organisation_id": world["orgs"][org_key],
        "description": text,
        "classification": classification,
        "reported_at": dt.datetime.now(dt.UTC),
        "version": 1,
        **extra,
    }
    names = ", ".join(columns)
    marks = ", ".join(["%s"] * len(columns))
    return conn.execute(
        f"INSERT INTO observation ({names}) VALUES ({marks}) RETURNING id", list(columns.values())
    ).fetchone()[0]


def insert_action(conn, world, org_key, title):
    return conn.execute(
        "INSERT INTO action (title, problem, cause, description, operative_goal, responsible_organisation_id,"
        " responsible_person, status, follow_up_colour, kind, prevention_type, expected_effect, hours_spent,"
        " cost_spent, created_at, version) VALUES (%s, '', '', '', '', %s, '', 'planned', 'green', 'one_off',"
        " 'situational', 'short_term', 0, 0, now(), 1) RETURNING id",
        (title, world["orgs"][org_key]),
    ).fetchone()[0]


def refused(conn, statement, params=(), *, grants_only=False):
    """Whether the database refuses the statement for lack of privilege (it is rolled back either way).
    `grants_only`: a row refused by row-level security counts as past the grants."""
    try:
        with conn.transaction(force_rollback=True):
            conn.execute(statement, params)
    except psycopg.errors.InsufficientPrivilege as exc:
        return not (grants_only and "row-level security" in str(exc))
    except psycopg.Error:
        return False  # past the privilege check: a constraint, a type, a missing value
    return False


# --- the matrix: every login × every table × SELECT/INSERT/UPDATE/DELETE ------------------------

READABLE = set(HEAD.READABLE) | {"app_user"}
WRITABLE = {
    "reader": set(),
    "editor": set(HEAD.EDITOR_TABLES),
    "admin": set(HEAD.EDITOR_TABLES) | set(HEAD.ADMIN_TABLES),
}


def _tables(world):
    with owner(world) as conn:
        return list(
            conn.execute(
                sa.text("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
            ).scalars()
        )


def _a_column(world, table):
    if table == "app_user":
        return "display_name"  # what administrators may change of their organisation's accounts
    with owner(world) as conn:
        return conn.execute(
            sa.text(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = :t"
                " AND column_name NOT IN ('id', 'password_hash') ORDER BY ordinal_position LIMIT 1"
            ),
            {"t": table},
        ).scalar()


@pytest.mark.parametrize("key", [*ACCOUNTS, "gate"])
def test_every_login_reaches_exactly_the_tables_its_role_promises(world, key):
    role = "gate" if key == "gate" else ACCOUNTS[key][1].value
    wrong = []
    with login(world, key) as conn:
        for table in _tables(world):
            column = _a_column(world, table)
            may_read = role != "gate" and (
                table in READABLE or (role == "admin" and table in ("audit_entry", "sign_in_throttle"))
            )
            may_write = table in WRITABLE.get(role, set()) or (role == "admin" and table == "app_user")
            probes = {
                "SELECT": (f"SELECT {column} FROM {table} LIMIT 1", may_read),
                "INSERT": (f"INSERT INTO {table} ({column}) VALUES (NULL)", may_write),
                "UPDATE": (
                    f"UPDATE {table} SET {column} = {column} WHERE false",
                    may_write and table not in HEAD.LINKS,
                ),
                "DELETE": (f"DELETE FROM {table} WHERE false", may_write and table != "app_user"),
            }
            for verb, (statement, allowed) in probes.items():
                if refused(conn, statement, grants_only=True) == allowed:
                    wrong.append(f"{verb} {table}: {'refused' if allowed else 'allowed'}")
    assert wrong == []


# --- 1. definer functions and temporary objects ----------------------------------------------------


def test_nobody_but_the_owner_creates_temporary_objects_or_objects_in_public(world):
    for key in ("kommun", "admin", "gate"):
        with login(world, key) as conn:
            for statement in (
                "CREATE TEMP TABLE app_user (id integer)",
                "CREATE TABLE public.x (id integer)",
                "CREATE FUNCTION public.tc_session_org() RETURNS integer LANGUAGE sql AS 'SELECT 1'",
                "CREATE SCHEMA sneaky",
            ):
                assert refused(conn, statement), (key, statement)


def test_every_definer_function_searches_no_schema_an_attacker_can_write(world):
    with owner(world) as conn:
        rows = conn.execute(
            sa.text(
                "SELECT p.proname, p.proconfig FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.prosecdef"
            )
        ).all()
    assert len(rows) >= 10
    assert all(config == ["search_path=pg_catalog, pg_temp"] for _name, config in rows), rows


def test_shadowing_tables_with_temporary_ones_changes_nothing_even_where_temp_is_allowed(world):
    """A server whose administrator granted TEMPORARY anyway: the definer functions still read the real
    app_user, pg_roles and pg_auth_members, and the trail still lands in the real audit_entry."""
    database = world["url"].database
    groups = pg_security.groups_for(database)
    with owner(world) as conn:
        conn.exec_driver_sql(
            f'GRANT TEMPORARY ON DATABASE "{database}" TO "{world["names"]["lasare"]}", "{world["names"]["kommun"]}"'
        )
        conn.commit()
    try:
        with login(world, "polis") as polis:
            secret = insert_observation(polis, world, "Polisen", "internal", "Spaning mot försäljning")
        with login(world, "lasare") as reader:
            reader.execute("CREATE TEMP TABLE app_user AS SELECT * FROM public.app_user WITH NO DATA")
            reader.execute(
                "INSERT INTO pg_temp.app_user (id, username, display_name, organisation_id, role, active,"
                " created_at, version) VALUES (1, session_user, 'x', %s, 'admin', true, now(), 1)",
                (world["orgs"]["Polisen"],),
            )
            reader.execute("CREATE TEMP TABLE pg_roles AS SELECT * FROM pg_catalog.pg_roles")
            reader.execute("CREATE TEMP TABLE pg_auth_members (roleid oid, member oid)")
            assert reader.execute("SELECT count(*) FROM public.observation WHERE id = %s", (secret,)).fetchone()[0] == 0
            assert reader.execute("SELECT public.tc_session_role(), public.tc_session_org()").fetchone() == (
                "reader",
                world["orgs"]["Kommunen"],
            )
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                reader.execute(
                    "SELECT public.tc_sync_login(%s, 'SCRAM-SHA-256$4096:AAAA$BBBB:CCCC')", (world["names"]["polis"],)
                )
        with login(world, "kommun") as editor:
            editor.execute("CREATE TEMP TABLE audit_entry AS SELECT * FROM public.audit_entry WITH NO DATA")
            row = insert_observation(editor, world, "Kommunen", "open", "Under en tillfällig tabell")
            assert editor.execute("SELECT count(*) FROM pg_temp.audit_entry").fetchone()[0] == 0
        with owner(world) as conn:
            logged = conn.execute(
                sa.text("SELECT count(*) FROM audit_entry WHERE table_name = 'observation' AND row_id = :r"), {"r": row}
            ).scalar()
            memberships = set(
                conn.execute(
                    sa.text(
                        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid"
                        " JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"
                    ),
                    {"n": world["names"]["lasare"]},
                ).scalars()
            )
        assert logged == 1
        assert memberships == {groups.users, groups.role(Role.READER), groups.organisation(world["orgs"]["Kommunen"])}
    finally:
        with owner(world) as conn:
            conn.exec_driver_sql(
                f'REVOKE TEMPORARY ON DATABASE "{database}" FROM "{world["names"]["lasare"]}", '
                f'"{world["names"]["kommun"]}"'
            )
            conn.commit()


def test_our_functions_run_only_for_the_roles_that_need_them(world):
    with login(world, "kommun") as editor:
        for statement in (
            "SELECT public.tc_is_personal_login()",
            "SELECT * FROM public.tc_gate_state('x')",
            "SELECT public.tc_gate_failed('x')",
        ):
            assert refused(editor, statement), statement
    with login(world, "gate") as gate:
        for statement in (
            "SELECT public.tc_session_org()",
            "SELECT public.tc_session_role()",
            "SELECT public.tc_session_user_id()",
            "SELECT public.tc_has_password(1)",
            "SELECT public.tc_signed_in()",
            "SELECT public.tc_is_personal_login()",
            "SELECT public.tc_sync_login('x')",
        ):
            assert refused(gate, statement), statement
        assert gate.execute("SELECT failures FROM public.tc_gate_state('nobody')").fetchone() == (None,)


# --- 2. administrators stay in their organisation ---------------------------------------------------


def test_an_administrator_cannot_leave_her_organisation_or_raise_anyone_into_another(world):
    polis_id = world["orgs"]["Polisen"]
    with login(world, "admin") as admin:
        assert refused(admin, "UPDATE app_user SET organisation_id = %s WHERE username = session_user", (polis_id,))
        assert refused(admin, "UPDATE app_user SET username = 'ny.admin' WHERE username = session_user")
        assert refused(admin, "UPDATE app_user SET role = 'reader' WHERE username = session_user")
        assert refused(admin, "UPDATE app_user SET active = false WHERE username = session_user")
        assert refused(
            admin,
            "INSERT INTO app_user (username, display_name, organisation_id, role, active, created_at,"
            " version) VALUES ('falsk.polis', 'x', %s, 'admin', true, now(), 1)",
            (polis_id,),
        )
        # Another organisation's accounts are out of reach: not changed, no login set.
        assert (
            admin.execute("UPDATE app_user SET role = 'admin' WHERE username = %s", (world["names"]["polis"],)).rowcount
            == 0
        )
        assert refused(
            admin, "SELECT public.tc_sync_login(%s, 'SCRAM-SHA-256$4096:AAAA$BBBB:CCCC')", (world["names"]["polis"],)
        )
        # Her own organisation's accounts she keeps.
        assert (
            admin.execute(
                "UPDATE app_user SET display_name = 'Läsaren' WHERE username = %s", (world["names"]["lasare"],)
            ).rowcount
            == 1
        )
    with login(world, "kommun") as editor:
        assert refused(editor, "UPDATE app_user SET role = 'admin' WHERE username = session_user")
        assert refused(editor, "UPDATE app_user SET password_hash = 'x', role = 'admin' WHERE username = session_user")


def test_the_services_hold_the_same_rule(world):
    from app.errors import PermissionDeniedError
    from app.services.auth import PostgresAuthenticator
    from app.services.runner import call
    from tests.conftest import without_login

    admin, admin_db = PostgresAuthenticator(without_login(world["url"]), GATE_PASSWORD).sign_in(
        world["names"]["admin"], PASSWORD
    )
    try:
        for change in (
            lambda: call(
                admin_db, admin, users.create_user, f"x.{uuid.uuid4().hex[:6]}", "X", "Polisen", Role.ADMIN, PASSWORD
            ),
            lambda: call(admin_db, admin, users.set_role, world["names"]["polis"], Role.READER),
            lambda: call(admin_db, admin, users.set_password, world["names"]["polis"], "nytt-losenord-12"),
            lambda: call(admin_db, admin, users.disable_user, world["names"]["polis"]),
            lambda: call(admin_db, admin, users.move_user, world["names"]["lasare"], "Polisen"),
        ):
            with pytest.raises(PermissionDeniedError):
                change()
    finally:
        admin_db.dispose()
    with world["db"].session() as s:  # the command line moves accounts, audited, and the login follows
        bind_actor(s, SYSTEM)
        users.move_user(s, SYSTEM, world["names"]["lasare"], "Polisen")
        users.move_user(s, SYSTEM, world["names"]["lasare"], "Kommunen")
        moves = s.execute(
            sa.text(
                "SELECT count(*) FROM audit_entry WHERE table_name = 'app_user' AND row_id = :r AND operation = 'update'"
                " AND new_values::text LIKE '%organisation_id%'"
            ),
            {"r": world["ids"]["lasare"]},
        ).scalar()
    assert moves == 2


# --- 3. ids and the trail -------------------------------------------------------------------------


def test_ids_are_the_databases_so_a_history_cannot_be_taken_over_or_hidden(world):
    with login(world, "polis") as polis:
        secret = insert_observation(polis, world, "Polisen", "internal", "Namngiven person säljer")
        polis.execute("DELETE FROM observation WHERE id = %s", (secret,))
        own = insert_observation(polis, world, "Polisen", "open", "Öppen rad")
        assert refused(polis, "UPDATE observation SET id = id + 100000 WHERE id = %s", (own,))
    with login(world, "kommun") as kommun:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            insert_observation(kommun, world, "Kommunen", "open", "Återanvänt id", id=secret)
    with login(world, "admin") as admin:
        seen = admin.execute(
            "SELECT count(*) FROM audit_entry WHERE table_name = 'observation' AND row_id = %s", (secret,)
        ).fetchone()[0]
    assert seen == 0


def test_history_written_while_internal_stays_internal_after_the_row_is_opened(world):
    with login(world, "polis") as polis:
        row = insert_observation(polis, world, "Polisen", "internal", "Spaning: namn och adress")
        polis.execute("UPDATE observation SET description = 'Spaning, uppdaterad' WHERE id = %s", (row,))
        polis.execute("UPDATE observation SET classification = 'open', description = 'Langning' WHERE id = %s", (row,))
        polis.execute("UPDATE observation SET count = 2 WHERE id = %s", (row,))
    with login(world, "admin") as kommun_admin:
        texts = kommun_admin.execute(
            "SELECT coalesce(old_values::text, '') || coalesce(new_values::text, '') FROM audit_entry"
            " WHERE table_name = 'observation' AND row_id = %s",
            (row,),
        ).fetchall()
        assert refused(kommun_admin, "UPDATE audit_entry SET row_internal = false")
    with login(world, "polisadmin") as polis_admin:
        all_entries = polis_admin.execute(
            "SELECT count(*) FROM audit_entry WHERE table_name = 'observation' AND row_id = %s", (row,)
        ).fetchone()[0]
    assert len(texts) == 1 and "Spaning" not in texts[0][0]  # only the change after it was opened
    assert all_entries == 4


# --- 4. authors -----------------------------------------------------------------------------------


def test_authors_are_the_login_never_chosen(world):
    polis_id, me = world["ids"]["polis"], world["ids"]["kommun"]
    with login(world, "kommun") as kommun:
        row = insert_observation(kommun, world, "Kommunen", "open", "Klotter", reported_by_id=polis_id)
        kommun.execute("UPDATE observation SET reported_by_id = %s WHERE id = %s", (polis_id, row))
        assert kommun.execute("SELECT reported_by_id FROM observation WHERE id = %s", (row,)).fetchone()[0] == me
        action = insert_action(kommun, world, "Kommunen", "Belysning")
        author = kommun.execute(
            "INSERT INTO action_update (action_id, entry_date, author_id, text, created_at, version)"
            " VALUES (%s, current_date, %s, 'x', now(), 1) RETURNING author_id",
            (action, polis_id),
        ).fetchone()[0]
        creator = kommun.execute(
            "INSERT INTO follow_up_meeting (held_on, forum, notes, decisions, created_by_id, version)"
            " VALUES (current_date, 'weekly_operational', '', '', %s, 1) RETURNING created_by_id",
            (polis_id,),
        ).fetchone()[0]
    assert (author, creator) == (me, me)
    with login(world, "polis") as polis:  # so only its recorder (or an administrator) deletes a meeting
        meeting = polis.execute(
            "INSERT INTO follow_up_meeting (held_on, forum, notes, decisions, version)"
            " VALUES (current_date, 'weekly_operational', '', '', 1) RETURNING id"
        ).fetchone()[0]
    with login(world, "kommun") as kommun:
        assert kommun.execute("DELETE FROM follow_up_meeting WHERE id = %s", (meeting,)).rowcount == 0
    with login(world, "polis") as polis:
        assert polis.execute("DELETE FROM follow_up_meeting WHERE id = %s", (meeting,)).rowcount == 1


# --- 5. the gate ------------------------------------------------------------------------------------


def test_a_planted_account_never_turns_the_gate_or_a_group_into_a_login_of_ours(world):
    groups = pg_security.groups_for(world["url"].database)
    planted = [groups.gate, groups.role(Role.ADMIN), f"{groups.prefix}_org_99"]
    with login(world, "admin") as admin:
        for name in planted:
            admin.execute(
                "INSERT INTO app_user (username, display_name, organisation_id, role, active, created_at,"
                " version) VALUES (%s, 'x', %s, 'admin', true, now(), 1)",
                (name, world["orgs"]["Kommunen"]),
            )
    try:
        with world["db"].session() as s:  # what db upgrade runs; it must not fail either
            result = pg_security.init_roles(s)
            gate_groups = s.execute(
                sa.text(
                    "SELECT count(*) FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"
                ),
                {"n": groups.gate},
            ).scalar()
            made = s.execute(sa.text("SELECT count(*) FROM pg_roles WHERE rolname = :n"), {"n": planted[2]}).scalar()
        assert set(planted) <= set(result.refused)
        assert gate_groups == 0 and made == 0
    finally:
        with owner(world) as conn:
            conn.execute(
                sa.text(
                    "DELETE FROM audit_entry WHERE table_name = 'app_user' AND row_id IN"
                    " (SELECT id FROM app_user WHERE username = ANY(:n))"
                ),
                {"n": planted},
            )
            conn.execute(sa.text("DELETE FROM app_user WHERE username = ANY(:n)"), {"n": planted})
            conn.commit()


# --- 6. a disabled account -------------------------------------------------------------------------


def test_a_disabled_account_writes_nothing_in_a_session_it_already_had(world):
    with login(world, "kommun") as open_session:
        with owner(world) as conn:  # the account closed behind the open session's back
            conn.execute(
                sa.text("UPDATE app_user SET active = false WHERE username = :n"), {"n": world["names"]["kommun"]}
            )
            conn.commit()
        try:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                insert_observation(open_session, world, "Kommunen", "open")
            assert refused(open_session, "UPDATE place SET notes = 'x'")
            assert refused(
                open_session,
                "INSERT INTO follow_up_meeting (held_on, forum, notes, decisions, version)"
                " VALUES (current_date, 'weekly_operational', '', '', 1)",
            )
        finally:
            with owner(world) as conn:
                conn.execute(
                    sa.text("UPDATE app_user SET active = true WHERE username = :n"), {"n": world["names"]["kommun"]}
                )
                conn.commit()


def test_disabling_or_a_new_password_ends_the_logins_open_sessions(world):
    assert world["init"].can_end_sessions  # a superuser, or an owner granted pg_signal_backend
    for change in ("disable", "password"):
        victim = login(world, "lasare")
        victim.execute("SELECT 1")
        with world["db"].session() as s:
            bind_actor(s, SYSTEM)
            if change == "disable":
                users.disable_user(s, SYSTEM, world["names"]["lasare"])
            else:
                users.set_password(s, SYSTEM, world["names"]["lasare"], PASSWORD)
        with pytest.raises(psycopg.OperationalError):
            victim.execute("SELECT 1")
        victim.close()
        with world["db"].session() as s:
            bind_actor(s, SYSTEM)
            users.enable_user(s, SYSTEM, world["names"]["lasare"])


# --- 7. the import key ---------------------------------------------------------------------------


def test_the_import_key_tells_nothing_of_another_organisations_rows(world):
    key = uuid.uuid4().hex
    with login(world, "polis") as polis:
        insert_observation(polis, world, "Polisen", "internal", "Importerad", import_key=key)
    with login(world, "kommun") as kommun:
        with pytest.raises(psycopg.errors.InvalidColumnReference):  # no key across organisations to probe
            kommun.execute(
                "INSERT INTO observation (import_key) VALUES (%s) ON CONFLICT (import_key) DO NOTHING", (key,)
            )
        row = insert_observation(kommun, world, "Kommunen", "open", "Samma nyckel", import_key=key)
        assert row  # the same key in another organisation is no conflict: nothing learnt


# --- 8. desks, status and drift ------------------------------------------------------------------


def test_a_desk_is_not_let_work_as_the_owner_and_status_names_the_mode(world, capsys):
    from app.cli import main
    from app.services.connection import open_database

    url = world["url"].render_as_string(hide_password=False)
    with pytest.raises(ConfigError) as info:
        open_database(url).dispose()  # a desk on sign_in = program, as the owner
    assert "sign_in = database" in info.value.message
    assert main(["--database", url, "db", "status"]) == 0
    out = capsys.readouterr().out
    assert "sign_in = database" in out and "som schemaversion 0005 förväntar" in out


def test_status_reports_drift_from_the_set_up_of_the_schema_version(world, capsys):
    from app.cli import main

    groups = pg_security.groups_for(world["url"].database)
    url = world["url"].render_as_string(hide_password=False)
    with owner(world) as conn:
        conn.exec_driver_sql(f'GRANT INSERT ON audit_entry TO "{groups.users}"')
        conn.exec_driver_sql("DROP POLICY tc_delete ON observation")
        conn.exec_driver_sql(
            "CREATE OR REPLACE FUNCTION public.tc_has_password(user_id integer) RETURNS boolean"
            " LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp"
            " AS $$ SELECT true $$"
        )
        conn.commit()
    try:
        assert main(["--database", url, "db", "status"]) == 0
        out = capsys.readouterr().out
        assert f"extra: grant on audit_entry to {groups.users}: INSERT" in out
        assert "saknas: policy observation.tc_delete" in out or "missing: policy observation.tc_delete" in out
        assert "tc_has_password(integer)" in out
    finally:
        with world["db"].session() as s:
            pg_security.init_roles(s)
    assert main(["--database", url, "db", "status"]) == 0
    assert "som schemaversion 0005 förväntar" in capsys.readouterr().out


def test_the_frozen_set_up_knows_every_table_of_the_models():
    """A new table needs a new set-up revision (app/db/security_setup) that says who may use it."""
    from app.db.models import Base

    audited = {m.class_.__tablename__ for m in Base.registry.mappers if getattr(m.class_, "__audited__", False)}
    known = {*HEAD.EDITOR_TABLES, *HEAD.ADMIN_TABLES, "app_user", "audit_entry", "sign_in_throttle"}
    assert audited == set(HEAD.AUDITED)
    assert {t.name for t in Base.metadata.sorted_tables} == known


# --- found by a second look (a red-team pass over the set-up) -------------------------------------


def test_a_login_password_set_with_raw_sql_is_in_the_trail_and_a_lock_is_not_lifted_by_oneself(world):
    with owner(world) as conn:
        verifier = conn.connection.driver_connection.pgconn.encrypt_password(
            b"ett-nytt-langt-losenord", world["names"]["lasare"].encode(), b"scram-sha-256"
        ).decode()
    with login(world, "admin") as admin:  # a colleague's login, past the program
        admin.execute("SELECT public.tc_sync_login(%s, %s)", (world["names"]["lasare"], verifier))
        trail = admin.execute(
            "SELECT username, new_values::text FROM audit_entry WHERE table_name = 'app_user'"
            " AND row_id = %s ORDER BY id DESC LIMIT 1",
            (world["ids"]["lasare"],),
        ).fetchone()
    assert trail == (world["names"]["admin"], '{"password": "********"}')
    with world["db"].session() as s:  # back to the password the other tests use
        bind_actor(s, SYSTEM)
        users.set_password(s, SYSTEM, world["names"]["lasare"], PASSWORD)
    with login(world, "kommun") as editor:
        assert refused(editor, "SELECT public.tc_sync_login(session_user, NULL, true)")


def test_link_changes_over_a_personal_login_are_in_the_trail(world):
    with login(world, "kommun") as kommun:
        action = insert_action(kommun, world, "Kommunen", "Trygghetsvandring")
        kommun.execute("INSERT INTO action_place (action_id, place_id) VALUES (%s, %s)", (action, world["place"]))
        kommun.execute("DELETE FROM action_place WHERE action_id = %s", (action,))
    with owner(world) as conn:
        trail = conn.execute(
            sa.text(
                "SELECT old_values::text, new_values::text FROM audit_entry WHERE table_name ="
                " 'action' AND row_id = :a AND operation = 'update' ORDER BY id"
            ),
            {"a": action},
        ).all()
    place = world["place"]
    assert trail == [('{"places": []}', f'{{"places": [{place}]}}'), (f'{{"places": [{place}]}}', '{"places": []}')]


def test_usernames_the_program_would_refuse_cannot_be_planted(world):
    with login(world, "admin") as admin:
        for name in (" " + world["names"]["polis"], world["names"]["polis"].upper(), "x" * 64):
            with pytest.raises(psycopg.errors.CheckViolation):
                admin.execute(
                    "INSERT INTO app_user (username, display_name, organisation_id, role, active, created_at,"
                    " version) VALUES (%s, 'x', %s, 'reader', true, now(), 1)",
                    (name, world["orgs"]["Kommunen"]),
                )


def test_ids_are_drawn_only_for_the_tables_one_writes(world):
    with login(world, "kommun") as editor:
        assert not refused(editor, "SELECT nextval('observation_id_seq')")
        for sequence in ("audit_entry_id_seq", "app_user_id_seq", "organisation_id_seq"):
            assert refused(editor, f"SELECT nextval('{sequence}')"), sequence
    with login(world, "lasare") as reader:
        assert refused(reader, "SELECT nextval('observation_id_seq')")


def test_an_indicator_with_history_is_not_deleted_with_raw_sql(world):
    with login(world, "kommun") as kommun:
        indicator = kommun.execute(
            "INSERT INTO indicator (name, description, unit, data_source, baseline_period, direction,"
            " frequency, responsible_person, active, version) VALUES (%s, '', 'st', '', '', 'lower',"
            " 'monthly', '', true, 1) RETURNING id",
            (f"Skadegörelse {uuid.uuid4().hex[:4]}",),
        ).fetchone()[0]
        kommun.execute(
            "INSERT INTO measurement (indicator_id, period_start, value, note, version)"
            " VALUES (%s, '2026-01-01', 3, '', 1)",
            (indicator,),
        )
        assert kommun.execute("DELETE FROM indicator WHERE id = %s", (indicator,)).rowcount == 0
        kommun.execute("DELETE FROM measurement WHERE indicator_id = %s", (indicator,))
        assert kommun.execute("DELETE FROM indicator WHERE id = %s", (indicator,)).rowcount == 1
