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
    assert "sign_in = database" in out and f"som schemaversion {HEAD.REVISION} förväntar" in out


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
    assert f"som schemaversion {HEAD.REVISION} förväntar" in capsys.readouterr().out


def test_the_frozen_set_up_knows_every_table_of_the_models():
    """A new table needs a new set-up revision (app/db/security_setup) that says who may use it."""
    from app.db.models import Base

    audited = {m.class_.__tablename__ for m in Base.registry.mappers if getattr(m.class_, "__audited__", False)}
    known = {
        *HEAD.EDITOR_TABLES,
        *HEAD.ADMIN_TABLES,
        *HEAD.SUMMARY_TABLES,
        *HEAD.RUN_TABLES,
        "app_user",
        "audit_entry",
        "sign_in_throttle",
    }
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


# --- 9. reference data and merging places (issue #14) ------------------------------------------------


def new_places(world, *names):
    """Places made by the owner for one test (names unique to it)."""
    tag = uuid.uuid4().hex[:6]
    with owner(world) as conn:
        ids = [
            conn.execute(
                sa.text(
                    "INSERT INTO place (name, district, place_type, poor_lighting, poor_sightlines, secluded,"
                    " littering, notes, active, version) VALUES (:n, 'Märsta', 'other', false, false, false, false,"
                    " '', true, 1) RETURNING id"
                ),
                {"n": f"{name} {tag}"},
            ).scalar_one()
            for name in names
        ]
        conn.commit()
    return ids


def place_exists(world, place_id):
    with owner(world) as conn:
        return conn.execute(sa.text("SELECT count(*) FROM place WHERE id = :p"), {"p": place_id}).scalar_one() == 1


REFERENCE_WRITES = {
    "place": (
        "INSERT INTO place (name, district) VALUES ('Ny plats', 'Märsta')",
        "UPDATE place SET notes = 'x' WHERE id = {place}",
        # the map's write (#16): moving a place, or taking it off the map
        "UPDATE place SET latitude = 59.0, longitude = 17.0 WHERE id = {place}",
        "UPDATE place SET latitude = NULL, longitude = NULL WHERE id = {place}",
        "DELETE FROM place WHERE id = {place}",
    ),
    "category": (
        "INSERT INTO category (code, name) VALUES ('NY', 'Ny')",
        "UPDATE category SET name = 'x' WHERE id = {category}",
        "DELETE FROM category WHERE id = {category}",
    ),
    "category_area": (
        "INSERT INTO category_area (agreement_period_id, category_id, area_id) VALUES (1, {category}, 1)",
        "UPDATE category_area SET area_id = area_id WHERE category_id = {category}",
        "DELETE FROM category_area WHERE category_id = {category}",
    ),
    "area": (
        "INSERT INTO area (name, agreement_period_id) VALUES ('Nytt område', 1)",
        "UPDATE area SET description = 'x'",
        "DELETE FROM area",
    ),
    "agreement_period": (
        "INSERT INTO agreement_period (name, starts_on) VALUES ('Ny period', current_date)",
        "UPDATE agreement_period SET signed_by = 'x'",
        "DELETE FROM agreement_period",
    ),
    "organisation": (
        "INSERT INTO organisation (name, short_name) VALUES ('Ny', 'Ny')",
        "UPDATE organisation SET name = name",
        "DELETE FROM organisation",
    ),
}


@pytest.mark.parametrize("key", ["kommun", "polis", "lasare"])
def test_only_administrators_change_the_reference_data_everyone_else_reads_it(world, key):
    with login(world, key) as conn:
        for table, writes in REFERENCE_WRITES.items():
            assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] >= 1, table
            for statement in writes:
                sql = statement.format(place=world["place"], category=world["category"])
                assert refused(conn, sql), (key, sql)
    with login(world, "admin") as admin:  # the same statements get past the grants for an administrator
        for writes in REFERENCE_WRITES.values():
            for statement in writes:
                sql = statement.format(place=world["place"], category=world["category"])
                assert not refused(admin, sql, grants_only=True), sql


def test_an_event_types_area_changed_over_a_personal_login_is_in_the_trail(world):
    """category_area has neither a version nor an organisation: the trigger records it all the same."""
    with owner(world) as conn:
        period, area, other = conn.execute(
            sa.text(
                "SELECT a.agreement_period_id, a.id, (SELECT min(b.id) FROM area b WHERE b.agreement_period_id ="
                " a.agreement_period_id AND b.id <> a.id) FROM category_area ca JOIN area a ON a.id = ca.area_id"
                " WHERE ca.category_id = :c"
            ),
            {"c": world["category"]},
        ).one()
    with login(world, "admin") as admin:
        row = admin.execute(
            "UPDATE category_area SET area_id = %s WHERE category_id = %s AND agreement_period_id = %s RETURNING id",
            (other, world["category"], period),
        ).fetchone()[0]
        admin.execute("UPDATE category_area SET area_id = %s WHERE id = %s", (area, row))
        trail = admin.execute(
            "SELECT operation, old_values ->> 'area_id', new_values ->> 'area_id', row_organisation_id, row_internal"
            " FROM audit_entry WHERE table_name = 'category_area' AND row_id = %s AND username = session_user"
            " ORDER BY id",
            (row,),
        ).fetchall()
    assert trail == [("update", str(area), str(other), None, False), ("update", str(other), str(area), None, False)]


def test_nobody_but_an_active_administrator_merges_places(world):
    source, target = new_places(world, "Stationen", "Station")
    for key in ("kommun", "polis", "lasare", "gate"):
        with login(world, key) as conn:
            assert refused(conn, "SELECT * FROM public.tc_merge_places(%s, %s)", (source, target)), key
    with login(world, "admin") as open_session:
        with owner(world) as conn:  # the administrator's account closed behind her open session's back
            conn.execute(
                sa.text("UPDATE app_user SET active = false WHERE username = :n"), {"n": world["names"]["admin"]}
            )
            conn.commit()
        try:
            assert refused(open_session, "SELECT * FROM public.tc_merge_places(%s, %s)", (source, target))
        finally:
            with owner(world) as conn:
                conn.execute(
                    sa.text("UPDATE app_user SET active = true WHERE username = :n"), {"n": world["names"]["admin"]}
                )
                conn.commit()
    assert place_exists(world, source) and place_exists(world, target)


def test_a_merge_moves_every_row_also_those_the_administrator_cannot_see_and_leaves_the_trail(world):
    source, target, third = new_places(world, "Gångtunneln", "Tunneln vid stationen", "Torget")

    def at(conn, place):
        return conn.execute("SELECT count(*) FROM observation WHERE place_id = %s", (place,)).fetchone()[0]

    with login(world, "polis") as polis:
        hidden = [
            insert_observation(polis, world, "Polisen", "internal", f"Spaning {i}", place_id=source) for i in (1, 2)
        ]
        insert_observation(polis, world, "Polisen", "open", "Öppen", place_id=source)
        insert_observation(polis, world, "Polisen", "internal", "Redan vid målet", place_id=target)
        police_before = (at(polis, source), at(polis, target))
    with login(world, "kommun") as kommun:
        insert_observation(kommun, world, "Kommunen", "internal", "Kommunens egen", place_id=source)
        both = insert_action(kommun, world, "Kommunen", "Belysning i tunneln")
        one = insert_action(kommun, world, "Kommunen", "Trygghetsvandring")
        for action, place in ((both, source), (both, target), (both, third), (one, source)):
            kommun.execute("INSERT INTO action_place (action_id, place_id) VALUES (%s, %s)", (action, place))
        meeting = kommun.execute(
            "INSERT INTO follow_up_meeting (held_on, forum, notes, decisions, version)"
            " VALUES (current_date, 'weekly_operational', '', '', 1) RETURNING id"
        ).fetchone()[0]
        for place in (source, target):
            kommun.execute("INSERT INTO meeting_focus_place (meeting_id, place_id) VALUES (%s, %s)", (meeting, place))
    with owner(world) as conn:
        all_before = conn.execute(
            sa.text("SELECT count(*) FROM observation WHERE place_id IN (:s, :t)"), {"s": source, "t": target}
        ).scalar_one()
    with login(world, "admin") as admin:
        assert at(admin, source) == 2  # the police's open row and the kommun's own; not the police's internal ones
        moved = admin.execute(
            "SELECT observations, actions, meetings FROM public.tc_merge_places(%s, %s)", (source, target)
        )
        assert moved.fetchone() == (4, 2, 1)
        assert at(admin, source) == 0
    with login(world, "polis") as polis:
        assert police_before == (3, 1)
        assert (at(polis, source), at(polis, target)) == (0, 4)
        assert polis.execute(
            "SELECT version FROM observation WHERE id = ANY(%s) ORDER BY id", (hidden,)
        ).fetchall() == [(2,), (2,)]
    with owner(world) as conn:
        assert not place_exists(world, source)
        assert (
            conn.execute(sa.text("SELECT count(*) FROM observation WHERE place_id = :t"), {"t": target}).scalar_one()
            == all_before
        )
        links = conn.execute(
            sa.text(
                "SELECT action_id, place_id FROM action_place WHERE action_id IN (:a, :b) ORDER BY action_id, place_id"
            ),
            {"a": both, "b": one},
        ).all()
        focus = (
            conn.execute(sa.text("SELECT place_id FROM meeting_focus_place WHERE meeting_id = :m"), {"m": meeting})
            .scalars()
            .all()
        )
        trail = conn.execute(
            sa.text(
                "SELECT table_name, operation, count(*) FROM audit_entry WHERE username = :u AND ("
                " (table_name = 'observation' AND new_values ->> 'place_id' = :t)"
                " OR (table_name = 'place' AND row_id = :s)"
                " OR (table_name = 'action' AND row_id IN (:a, :b)) OR (table_name = 'follow_up_meeting' AND row_id = :m))"
                " GROUP BY table_name, operation ORDER BY table_name"
            ),
            {"u": world["names"]["admin"], "t": str(target), "s": source, "a": both, "b": one, "m": meeting},
        ).all()
        last_places = conn.execute(
            sa.text(
                "SELECT new_values::text FROM audit_entry WHERE table_name = 'action' AND row_id = :a ORDER BY id DESC LIMIT 1"
            ),
            {"a": one},
        ).scalar_one()
    assert sorted(links) == sorted([(both, target), (both, third), (one, target)])
    assert focus == [target]
    # Each moved observation, each link added or dropped (one added for `one`, none for `both`, which
    # had the target already), and the deletion of the place.
    assert trail == [
        ("action", "update", 3),
        ("follow_up_meeting", "update", 1),
        ("observation", "update", 4),
        ("place", "delete", 1),
    ]
    assert last_places == f'{{"places": [{target}]}}'
    # The administrator reads the trail of the rows she may see; the police's internal rows stay the police's.
    with login(world, "admin") as admin:
        seen = admin.execute(
            "SELECT count(*) FROM audit_entry WHERE table_name = 'observation' AND new_values ->> 'place_id' = %s",
            (str(target),),
        ).fetchone()[0]
    assert seen == 2


def test_a_place_is_not_merged_into_itself_or_into_one_that_does_not_exist(world):
    (place,) = new_places(world, "Parken")
    with login(world, "admin") as admin:
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            admin.execute("SELECT * FROM public.tc_merge_places(%s, %s)", (place, place))
        with pytest.raises(psycopg.errors.NoDataFound):
            admin.execute("SELECT * FROM public.tc_merge_places(%s, %s)", (place, 987654))
        with pytest.raises(psycopg.errors.NoDataFound):
            admin.execute("SELECT * FROM public.tc_merge_places(%s, %s)", (987654, place))
        with pytest.raises(psycopg.errors.InvalidParameterValue):
            admin.execute("SELECT * FROM public.tc_merge_places(%s, NULL)", (place,))
    assert place_exists(world, place)


def test_a_merge_is_not_fooled_by_a_search_path_or_objects_of_the_callers(world):
    """Where the server's administrator granted TEMPORARY anyway: an editor's own tc_session_role()
    and app_user do not make her an administrator, and an administrator's temporary place and
    observation tables do not stand in for the real ones."""
    database = world["url"].database
    source, target = new_places(world, "Busshållplatsen", "Bussterminalen")
    with login(world, "polis") as polis:
        hidden = insert_observation(polis, world, "Polisen", "internal", "Intern", place_id=source)
    who = f'"{world["names"]["kommun"]}", "{world["names"]["admin"]}"'
    with owner(world) as conn:
        conn.exec_driver_sql(f'GRANT TEMPORARY ON DATABASE "{database}" TO {who}')
        conn.commit()
    try:
        with login(world, "kommun") as editor:
            editor.execute(
                "CREATE FUNCTION pg_temp.tc_session_role() RETURNS text LANGUAGE sql AS $$ SELECT 'admin' $$"
            )
            editor.execute("CREATE TEMP TABLE app_user AS SELECT * FROM public.app_user WITH NO DATA")
            editor.execute("SET search_path = pg_temp, public")
            assert refused(editor, "SELECT * FROM tc_merge_places(%s, %s)", (source, target))
        with login(world, "admin") as admin:
            admin.execute("CREATE TEMP TABLE place (id integer)")
            admin.execute("CREATE TEMP TABLE observation (id integer, place_id integer, version integer)")
            admin.execute("INSERT INTO pg_temp.observation VALUES (1, %s, 1)", (source,))
            admin.execute("SET search_path = pg_temp, public")
            assert admin.execute("SELECT observations FROM tc_merge_places(%s, %s)", (source, target)).fetchone() == (
                1,
            )
            assert admin.execute("SELECT place_id FROM pg_temp.observation").fetchone() == (source,)
    finally:
        with owner(world) as conn:
            conn.exec_driver_sql(f'REVOKE TEMPORARY ON DATABASE "{database}" FROM {who}')
            conn.commit()
    with owner(world) as conn:
        assert (
            conn.execute(sa.text("SELECT place_id FROM observation WHERE id = :o"), {"o": hidden}).scalar_one()
            == target
        )
        config = conn.execute(
            sa.text(
                "SELECT proconfig, prosecdef FROM pg_proc WHERE oid = 'public.tc_merge_places(integer, integer)'::regprocedure"
            )
        ).one()
    assert config == (["search_path=pg_catalog, pg_temp"], True)
    assert not place_exists(world, source)


def test_the_service_merges_over_an_administrators_own_login_through_the_database(world):
    """app/services/reference.py merge_places over a personal login: the definer function moves what
    the administrator cannot see; a stale version is refused before anything moves."""
    from app.errors import ConflictError
    from app.services import reference
    from app.services.auth import PostgresAuthenticator
    from app.services.runner import call, call_with_changes
    from tests.conftest import without_login

    source, target = new_places(world, "Centrumgången", "Centrum")
    with login(world, "polis") as polis:
        hidden = insert_observation(polis, world, "Polisen", "internal", "Intern", place_id=source)
    admin, admin_db = PostgresAuthenticator(without_login(world["url"]), GATE_PASSWORD).sign_in(
        world["names"]["admin"], PASSWORD
    )
    try:
        assert admin_db.audit_by_triggers
        with pytest.raises(ConflictError):
            call(admin_db, admin, reference.merge_places, source, target, source_version=7, target_version=1)
        assert place_exists(world, source)
        result, changes = call_with_changes(
            admin_db, admin, reference.merge_places, source, target, source_version=1, target_version=1
        )
    finally:
        admin_db.dispose()
    assert (result.kept.id, result.observations, result.actions, result.meetings) == (target, 1, 0, 0)
    assert {"observation", "action", "meeting", "reference"} <= changes.kinds  # the views and other desks hear of it
    with owner(world) as conn:
        assert (
            conn.execute(sa.text("SELECT place_id FROM observation WHERE id = :o"), {"o": hidden}).scalar_one()
            == target
        )
        deleted = conn.execute(
            sa.text(
                "SELECT count(*) FROM audit_entry WHERE table_name = 'place' AND row_id = :s AND operation = 'delete'"
            ),
            {"s": source},
        ).scalar_one()
    assert deleted == 1 and not place_exists(world, source)


# --- issue #15: the summaries of the lägesbild ------------------------------------------------------


def _events_seen(conn, table):
    return conn.execute(f"SELECT coalesce(sum(events), 0) FROM {table}").fetchone()[0]


def test_a_summary_shows_a_login_only_what_the_observations_it_counts_would_show(world):
    with login(world, "polis") as polis:
        for _ in range(3):
            insert_observation(polis, world, "Polisen", "internal", count=5)
        insert_observation(polis, world, "Polisen", "open", count=2)
    try:
        for key in ("kommun", "lasare", "admin", "polis", "polisadmin"):
            with login(world, key) as conn:
                visible = conn.execute("SELECT coalesce(sum(count), 0) FROM observation").fetchone()[0]
                for table in HEAD.SUMMARY_TABLES:
                    assert _events_seen(conn, table) == visible, (key, table)
                hidden = conn.execute(
                    "SELECT count(*) FROM observation_day_summary WHERE classification = 'internal'"
                    " AND organisation_id = %s",
                    (world["orgs"]["Polisen"],),
                ).fetchone()[0]
                assert (hidden > 0) == (ACCOUNTS[key][0] == "Polisen"), key
    finally:
        with owner(world) as conn, conn.begin():
            conn.execute(sa.text("DELETE FROM observation"))


@pytest.mark.parametrize("key", ["kommun", "admin", "polisadmin"])
def test_nobody_writes_a_summary_or_runs_its_trigger_function(world, key):
    day = dt.date.today().isoformat()
    org = world["orgs"][ACCOUNTS[key][0]]
    with login(world, key) as conn:
        for table in HEAD.SUMMARY_TABLES:
            for statement in (
                f"UPDATE {table} SET events = events + 100",
                f"DELETE FROM {table}",
                f"TRUNCATE {table}",
                f"INSERT INTO {table} SELECT * FROM {table}",
            ):
                assert refused(conn, statement), statement
        assert refused(
            conn,
            "INSERT INTO observation_day_summary (occurred_on, place_id, organisation_id, classification, source,"
            " category_id, events, observations) VALUES (%s, %s, %s, 'open', 'own_observation', %s, 1000, 1000)",
            (day, world["place"], org, world["category"]),
        )
        assert refused(conn, "SELECT public.tc_observation_summaries()")
        assert refused(conn, "ALTER TABLE observation DISABLE TRIGGER tc_summaries_insert")
        assert refused(conn, "DROP TRIGGER tc_summaries_insert ON observation")


def test_raw_sql_changes_over_a_personal_login_keep_the_summaries_exact(world):
    from app.services import summaries

    with login(world, "kommun") as conn:
        ids = [insert_observation(conn, world, "Kommunen", "open", count=n) for n in (1, 2, 3)]
        conn.execute("UPDATE observation SET count = count + 4, occurred_time = '21:30' WHERE id = %s", (ids[0],))
        conn.execute(
            "UPDATE observation SET occurred_on = occurred_on - 40, classification = 'internal' WHERE id = %s",
            (ids[1],),
        )
        conn.execute("DELETE FROM observation WHERE id = %s", (ids[2],))
        # Another organisation's rows are out of reach, so nothing of theirs changes in the summaries.
        conn.execute("UPDATE observation SET count = 99 WHERE organisation_id <> %s", (world["orgs"]["Kommunen"],))
    try:
        with world["db"].session() as s:
            assert set(summaries.differences(s).values()) == {0}
    finally:
        with owner(world) as conn, conn.begin():
            conn.execute(sa.text("DELETE FROM observation"))
