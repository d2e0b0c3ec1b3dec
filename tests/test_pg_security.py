"""Need-based access held by PostgreSQL itself, tested the way an outsider would try: raw SQL over
each user's own login (issue #6). PostgreSQL only: SQLite has no roles."""

from __future__ import annotations

import uuid

import psycopg
import pytest
import sqlalchemy as sa

from app.db import pg_security
from app.db.engine import Database
from app.db.migrate import ensure_schema
from app.db.models import Category, Organisation, Place
from app.domain.vocabulary import Role
from app.seed import seed_reference_data
from app.services import users
from app.services.context import SYSTEM, bind_actor
from tests.conftest import without_login

PASSWORD = "ett-langt-losenord-1"


@pytest.fixture(scope="module")
def secured(fresh_database_url, pg_server):
    """A migrated PostgreSQL database with roles set up and four users with their own logins."""
    db = Database(fresh_database_url("postgresql"))
    ensure_schema(db)
    tag = uuid.uuid4().hex[:6]  # login roles are server-wide: names unique to this run
    names = {key: f"{key}.{tag}" for key in ("kommun", "polis", "lasare", "admin")}
    with db.session() as s:
        bind_actor(s, SYSTEM)
        seed_reference_data(s)
        s.add(Place(name="Märsta station", district="Märsta"))
        s.flush()
        pg_security.init_roles(s)
        for key, org, role in (
            ("kommun", "Kommunen", Role.EDITOR),
            ("polis", "Polisen", Role.EDITOR),
            ("lasare", "Kommunen", Role.READER),
            ("admin", "Kommunen", Role.ADMIN),
        ):
            users.create_user(s, SYSTEM, names[key], key.title(), org, role, PASSWORD)
        orgs = dict(s.execute(sa.select(Organisation.short_name, Organisation.id)).all())
        place = s.scalar(sa.select(Place.id))
        category = s.scalar(sa.select(Category.id).where(Category.code == "NARK"))
    url = sa.make_url(db.url.render_as_string(hide_password=False))
    yield {"db": db, "names": names, "orgs": orgs, "place": place, "category": category, "url": url}
    db.dispose()
    pg_server.drop_secured(str(url.render_as_string(hide_password=False)), names.values())


def connect(secured, key):
    """psql's way in: the user's own login and password, nothing from the program."""
    url = secured["url"]
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        dbname=url.database,
        user=secured["names"][key],
        password=PASSWORD,
        autocommit=True,
    )


def insert_observation(conn, secured, org_key, classification, text="x"):
    return conn.execute(
        "INSERT INTO observation (occurred_on, place_id, category_id, count, source, setting, reported_to_police,"
        " verified, organisation_id, description, classification, reported_at, version)"
        " VALUES (current_date, %s, %s, 1, 'police_statistics', 'unknown', 'unknown', false, %s, %s, %s, now(), 1)"
        " RETURNING id",
        (secured["place"], secured["category"], secured["orgs"][org_key], text, classification),
    ).fetchone()[0]


def test_passwords_are_scram_and_groups_follow_role_and_organisation(secured):
    with secured["db"].engine.connect() as conn:
        stored = conn.execute(
            sa.text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": secured["names"]["polis"]}
        ).scalar_one()
        groups = set(
            conn.execute(
                sa.text(
                    "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                    "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"
                ),
                {"n": secured["names"]["lasare"]},
            ).scalars()
        )
    assert stored.startswith("SCRAM-SHA-256$")
    prefix = pg_security.groups_for(secured["url"].database)
    assert groups == {prefix.users, prefix.role(Role.READER), prefix.organisation(secured["orgs"]["Kommunen"])}


def test_an_internal_police_row_is_invisible_to_the_kommun_even_with_raw_sql(secured):
    with connect(secured, "polis") as polis, connect(secured, "kommun") as kommun, connect(secured, "admin") as admin:
        row = insert_observation(polis, secured, "Polisen", "internal", "Spaning mot försäljning")
        assert polis.execute("SELECT count(*) FROM observation WHERE id = %s", (row,)).fetchone()[0] == 1
        assert kommun.execute("SELECT count(*) FROM observation WHERE id = %s", (row,)).fetchone()[0] == 0
        assert admin.execute("SELECT count(*) FROM observation WHERE id = %s", (row,)).fetchone()[0] == 0
        open_row = insert_observation(polis, secured, "Polisen", "open")
        assert kommun.execute("SELECT count(*) FROM observation WHERE id = %s", (open_row,)).fetchone()[0] == 1
        # Nor can the kommun change or delete the police's rows, or write rows in the police's name.
        assert kommun.execute("UPDATE observation SET description = 'ändrat' WHERE id = %s", (open_row,)).rowcount == 0
        assert kommun.execute("DELETE FROM observation WHERE id = %s", (open_row,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            insert_observation(kommun, secured, "Polisen", "open")


def test_a_reader_cannot_write(secured):
    with connect(secured, "polis") as polis, connect(secured, "kommun") as kommun:
        seen = insert_observation(kommun, secured, "Kommunen", "open", "Klotter vid stationen")
        hidden = insert_observation(polis, secured, "Polisen", "internal", "Polisens interna uppgift")
    with secured["db"].engine.connect() as owner:  # what the reader may read: open rows and the kommun's own
        readable = set(
            owner.execute(
                sa.text("SELECT id FROM observation WHERE classification = 'open' OR organisation_id = :org"),
                {"org": secured["orgs"]["Kommunen"]},
            ).scalars()
        )
    assert seen in readable and hidden not in readable
    with connect(secured, "lasare") as reader:
        assert {row[0] for row in reader.execute("SELECT id FROM observation")} == readable
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            insert_observation(reader, secured, "Kommunen", "open")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("UPDATE place SET name = 'x'")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("SELECT * FROM audit_entry")
        assert reader.execute("SELECT count(*) FROM app_user WHERE active").fetchone()[0] == 4
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            reader.execute("SELECT password_hash FROM app_user")


def test_nobody_raises_their_own_role_or_edits_reference_data_beyond_it(secured):
    with connect(secured, "kommun") as editor:
        for statement in (
            "UPDATE app_user SET role = 'admin'",
            "UPDATE category SET name = 'x'",
            "DELETE FROM organisation",
            "UPDATE place SET notes = 'Belysningen lagad'",  # places are the administrators' (issue #14)
            "DELETE FROM category_area",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                editor.execute(statement)
    with connect(secured, "admin") as admin:
        assert (
            admin.execute("UPDATE place SET notes = 'Belysningen lagad' WHERE id = %s", (secured["place"],)).rowcount
            == 1
        )
    with connect(secured, "kommun") as editor:
        # Their own password is the one thing of their account they may change, and only on their row.
        assert editor.execute("UPDATE app_user SET password_hash = 'x' WHERE username <> session_user").rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            editor.execute("SELECT tc_sync_login(%s)", (secured["names"]["lasare"],))
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            editor.execute("SELECT * FROM tc_gate_state('x')")  # the gate's functions are the gate's


def test_only_the_responsible_organisation_changes_an_action(secured):
    with connect(secured, "kommun") as kommun:
        action = kommun.execute(
            "INSERT INTO action (title, problem, cause, description, operative_goal, responsible_organisation_id,"
            " responsible_person, status, follow_up_colour, kind, prevention_type, expected_effect, hours_spent,"
            " cost_spent, created_at, version) VALUES ('Belysning i tunneln', '', '', '', '', %s, '', 'planned',"
            " 'green', 'one_off', 'situational', 'short_term', 0, 0, now(), 1) RETURNING id",
            (secured["orgs"]["Kommunen"],),
        ).fetchone()[0]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):  # nor in the police's name
            kommun.execute(
                "UPDATE action SET responsible_organisation_id = %s WHERE id = %s", (secured["orgs"]["Polisen"], action)
            )
    with connect(secured, "polis") as polis:
        assert polis.execute("SELECT count(*) FROM action WHERE id = %s", (action,)).fetchone()[0] == 1  # readable
        assert polis.execute("UPDATE action SET title = 'x' WHERE id = %s", (action,)).rowcount == 0
        assert polis.execute("DELETE FROM action WHERE id = %s", (action,)).rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            polis.execute(
                "INSERT INTO action_update (action_id, entry_date, text, created_at, version)"
                " VALUES (%s, current_date, 'x', now(), 1)",
                (action,),
            )
    with connect(secured, "admin") as admin:  # administrators may change any action
        assert (
            admin.execute("UPDATE action SET title = 'Belysning i gångtunneln' WHERE id = %s", (action,)).rowcount == 1
        )


def test_every_change_leaves_audit_rows_nobody_can_remove(secured):
    with connect(secured, "kommun") as kommun:
        row = insert_observation(kommun, secured, "Kommunen", "open", "Krossad ruta")
        kommun.execute("UPDATE observation SET description = 'Krossad ruta i busskuren' WHERE id = %s", (row,))
        kommun.execute("DELETE FROM observation WHERE id = %s", (row,))
        for statement in (
            "DELETE FROM audit_entry",
            "UPDATE audit_entry SET username = 'nobody'",
            "INSERT INTO audit_entry (occurred_at, username, table_name, operation) VALUES (now(), 'x', 'x', 'insert')",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                kommun.execute(statement)
    with connect(secured, "admin") as admin:
        entries = admin.execute(
            "SELECT operation, username, old_values ->> 'description', new_values ->> 'description'"
            " FROM audit_entry WHERE table_name = 'observation' AND row_id = %s ORDER BY id",
            (row,),
        ).fetchall()
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            admin.execute("DELETE FROM audit_entry")
    name = secured["names"]["kommun"]
    assert entries == [
        ("insert", name, None, "Krossad ruta"),
        ("update", name, "Krossad ruta", "Krossad ruta i busskuren"),
        ("delete", name, "Krossad ruta i busskuren", None),
    ]


def test_disabling_a_user_closes_their_login_and_the_program_keeps_its_own_audit(secured):
    db = secured["db"]
    with db.session() as s:
        bind_actor(s, SYSTEM)
        users.disable_user(s, SYSTEM, secured["names"]["lasare"])
        can_login = s.execute(
            sa.text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :n"), {"n": secured["names"]["lasare"]}
        ).scalar_one()
        users.enable_user(s, SYSTEM, secured["names"]["lasare"])
    assert can_login is False
    # The program's shared connection is not a personal login: the triggers leave its changes to the
    # program's own listener, so each change is recorded once.
    with db.session() as s:
        bind_actor(s, SYSTEM)
        place = s.get(Place, secured["place"])
        place.notes = "Perrongerna och gångtunneln"
    with db.session() as s:
        count = s.execute(
            sa.text(
                "SELECT count(*) FROM audit_entry WHERE table_name = 'place' AND operation = 'update'"
                " AND new_values ->> 'notes' = 'Perrongerna och gångtunneln'"
            )
        ).scalar_one()
    assert count == 1


def _server_url(secured):
    """What a workstation's config holds: the server and the database, no login."""
    return without_login(secured["url"])


def test_the_program_works_over_a_personal_login_with_the_database_enforcing_the_rules(secured):
    """Sign in by connecting as the user's own role; the services run under row-level security and
    the triggers write the audit trail once."""
    import datetime as dt

    from app.domain.vocabulary import Classification
    from app.errors import AuthenticationError
    from app.services.auth import PostgresAuthenticator
    from app.services.filters import ObservationFilter
    from app.services.observations import ObservationInput, create_observation, list_observations
    from app.services.runner import call

    auth = PostgresAuthenticator(_server_url(secured))
    polis, polis_db = auth.sign_in(secured["names"]["polis"].upper(), PASSWORD)  # usernames are case-blind
    kommun, kommun_db = auth.sign_in(secured["names"]["kommun"], PASSWORD)
    try:
        assert (polis.organisation_name, polis.role) == ("Polisen, lokalpolisområde Sollentuna", Role.EDITOR)
        row = call(
            polis_db,
            polis,
            create_observation,
            ObservationInput(
                occurred_on=dt.date.today(),
                place_id=secured["place"],
                category_id=secured["category"],
                description="Spaning, intern",
                classification=Classification.INTERNAL,
            ),
        )
        today = ObservationFilter(dt.date.today(), dt.date.today())
        seen_by_kommun = [r.id for r in call(kommun_db, kommun, list_observations, today, limit=1000)]
        seen_by_polis = [r.id for r in call(polis_db, polis, list_observations, today, limit=1000)]
        assert row.id in seen_by_polis and row.id not in seen_by_kommun
        with secured["db"].engine.connect() as owner:
            entries = owner.execute(
                sa.text("SELECT username FROM audit_entry WHERE table_name = 'observation' AND row_id = :r"),
                {"r": row.id},
            ).all()
        assert entries == [(secured["names"]["polis"],)]  # once, by the trigger, as the person
    finally:
        polis_db.dispose()
        kommun_db.dispose()

    for name in ("no.such.user", secured["names"]["lasare"]):
        db = secured["db"]
        if name == secured["names"]["lasare"]:
            with db.session() as s:  # a disabled account's login is closed
                bind_actor(s, SYSTEM)
                users.disable_user(s, SYSTEM, name)
        try:
            with pytest.raises(AuthenticationError):
                auth.sign_in(name, PASSWORD)
        finally:
            if name == secured["names"]["lasare"]:
                with db.session() as s:
                    bind_actor(s, SYSTEM)
                    users.enable_user(s, SYSTEM, name)


def test_what_the_database_refuses_reaches_the_user_as_a_clear_refusal(secured):
    """An editor made a reader while signed in: the program still holds the old role, the database
    does not, and the user gets a plain message instead of an error from the driver."""
    import datetime as dt

    from app.domain.vocabulary import Classification
    from app.errors import PermissionDeniedError
    from app.services.auth import PostgresAuthenticator
    from app.services.observations import ObservationInput, create_observation
    from app.services.runner import call

    name = secured["names"]["kommun"]
    editor, editor_db = PostgresAuthenticator(_server_url(secured)).sign_in(name, PASSWORD)
    with secured["db"].session() as s:
        bind_actor(s, SYSTEM)
        users.set_role(s, SYSTEM, name, Role.READER)
    try:
        with pytest.raises(PermissionDeniedError) as info:
            call(
                editor_db,
                editor,
                create_observation,
                ObservationInput(
                    occurred_on=dt.date.today(),
                    place_id=secured["place"],
                    category_id=secured["category"],
                    description="Efter rollbytet",
                    classification=Classification.OPEN,
                ),
            )
        assert "databasen" in info.value.message.lower()
    finally:
        editor_db.dispose()
        with secured["db"].session() as s:
            bind_actor(s, SYSTEM)
            users.set_role(s, SYSTEM, name, Role.EDITOR)


def _verifier(secured, name):
    with secured["db"].engine.connect() as conn:
        return conn.execute(sa.text("SELECT rolpassword FROM pg_authid WHERE rolname = :n"), {"n": name}).scalar()


def test_an_administrator_keeps_the_accounts_over_their_own_login(secured):
    """The Användare window under database sign-in: an administrator's personal login adds a user
    (with a login role of their own), changes the role, disables, enables and sets a password; the
    triggers record it under the administrator's name and no password reaches the server in clear."""
    from app.services.auth import PostgresAuthenticator
    from app.services.runner import call

    auth = PostgresAuthenticator(_server_url(secured))
    admin, admin_db = auth.sign_in(secured["names"]["admin"], PASSWORD)
    new_name = f"ny.{secured['names']['admin'].split('.')[-1]}"
    secured["names"]["ny"] = new_name  # dropped with the others
    groups = pg_security.groups_for(secured["url"].database)
    try:
        created = call(admin_db, admin, users.create_user, new_name, "Nils Ny", "Kommunen", Role.READER, PASSWORD)
        first = _verifier(secured, new_name)
        assert first.startswith("SCRAM-SHA-256$")
        person, person_db = auth.sign_in(new_name, PASSWORD)
        person_db.dispose()
        assert (person.role, person.organisation_id) == (Role.READER, secured["orgs"]["Kommunen"])

        call(admin_db, admin, users.set_role, new_name, Role.EDITOR)
        call(admin_db, admin, users.disable_user, new_name)
        with admin_db.engine.connect() as conn:
            can_login = conn.execute(
                sa.text("SELECT rolcanlogin FROM pg_roles WHERE rolname = :n"), {"n": new_name}
            ).scalar_one()
        assert can_login is False
        call(admin_db, admin, users.enable_user, new_name)
        call(admin_db, admin, users.set_password, new_name, "ett-annat-langt-losenord")
        assert _verifier(secured, new_name) not in (None, first)
        with secured["db"].engine.connect() as owner:
            member_of = set(
                owner.execute(
                    sa.text(
                        "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
                        "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :n"
                    ),
                    {"n": new_name},
                ).scalars()
            )
            trail = owner.execute(
                sa.text(
                    "SELECT username, operation, new_values::text FROM audit_entry"
                    " WHERE table_name = 'app_user' AND row_id = :r ORDER BY id"
                ),
                {"r": created.id},
            ).all()
        assert member_of == {groups.users, groups.role(Role.EDITOR), groups.organisation(secured["orgs"]["Kommunen"])}
        assert [(who, op) for who, op, _ in trail] == [(secured["names"]["admin"], "insert")] + [
            (secured["names"]["admin"], "update")
        ] * 4
        assert trail[-1][2] == '{"password": "********"}'  # that the password changed, nothing of it
        assert all("argon2" not in (values or "") and PASSWORD not in (values or "") for *_, values in trail)
    finally:
        admin_db.dispose()


def test_a_person_changes_only_their_own_password(secured):
    from app.errors import PermissionDeniedError
    from app.services.auth import PostgresAuthenticator
    from app.services.runner import call

    name = secured["names"]["lasare"]
    reader, reader_db = PostgresAuthenticator(_server_url(secured)).sign_in(name, PASSWORD)
    before = _verifier(secured, name)
    try:
        with pytest.raises(PermissionDeniedError):
            call(reader_db, reader, users.set_password, secured["names"]["kommun"], "inte-mitt-konto-1")
        call(reader_db, reader, users.set_password, name, PASSWORD)  # the same password, a new verifier (new salt)
    finally:
        reader_db.dispose()
    assert _verifier(secured, name) != before


def test_no_account_takes_over_a_role_that_is_more_than_a_plain_login(secured):
    """An administrator cannot make the superuser, the owner or a group role 'their' user and set its
    password: tc_sync_login refuses any role with powers or members."""
    from app.errors import ValidationError
    from app.services.auth import PostgresAuthenticator
    from app.services.runner import call

    groups = pg_security.groups_for(secured["url"].database)
    superuser_before = _verifier(secured, "postgres")
    other_program = f"rapportverktyg_{uuid.uuid4().hex[:6]}"  # a plain login of something else on the server
    with secured["db"].engine.begin() as owner:
        owner.exec_driver_sql(f"CREATE ROLE {other_program} LOGIN")
    admin, admin_db = PostgresAuthenticator(_server_url(secured)).sign_in(secured["names"]["admin"], PASSWORD)
    try:
        for taken in ("postgres", groups.users, groups.role(Role.ADMIN), other_program):
            with pytest.raises(ValidationError) as info:
                call(admin_db, admin, users.create_user, taken, "Inkräktare", "Kommunen", Role.ADMIN, PASSWORD)
            assert "username" in info.value.errors
    finally:
        admin_db.dispose()
    with secured["db"].session() as s:  # nothing half-made
        assert not {u.username for u in users.list_users(s)} & {"postgres", groups.users, groups.role(Role.ADMIN)}
    with connect(secured, "admin") as raw:  # nor with raw SQL
        raw.execute(
            "INSERT INTO app_user (username, display_name, organisation_id, role, active, created_at, version)"
            " VALUES ('postgres', 'x', %s, 'admin', true, now(), 1)",
            (secured["orgs"]["Kommunen"],),
        )
        with pytest.raises(psycopg.errors.DuplicateObject):
            raw.execute("SELECT tc_sync_login('postgres', 'SCRAM-SHA-256$4096:AAAA$BBBB:CCCC')")
    with secured["db"].engine.begin() as owner:
        owner.execute(sa.text("DELETE FROM app_user WHERE username = 'postgres'"))
        owner.exec_driver_sql(f"DROP ROLE {other_program}")
    assert _verifier(secured, "postgres") == superuser_before


def test_failed_database_sign_ins_slow_down_and_lock_through_the_gate(secured):
    """The gate counts what a refused connection cannot: 3 free failures, then waits, then a lock
    that holds for the right password too, until an administrator lifts it."""
    from app.domain.policy import LOCK_AFTER
    from app.errors import AuthenticationError
    from app.services.auth import PostgresAuthenticator, SignInThrottledError

    auth = PostgresAuthenticator(_server_url(secured), "gate-password-of-the-test")
    unknown = f"okand.{uuid.uuid4().hex[:6]}"
    for _attempt in range(3):
        with pytest.raises(AuthenticationError) as info:
            auth.sign_in(unknown, "gissning")
        assert not isinstance(info.value, SignInThrottledError)
    with pytest.raises(SignInThrottledError) as info:
        auth.sign_in(unknown, "gissning")
    assert 1 <= info.value.retry_after <= 2

    name = secured["names"]["kommun"]  # an account of the administrator's own organisation
    gate = groups_gate_connect(secured)
    with gate:
        for statement in ("SELECT count(*) FROM observation", "DELETE FROM sign_in_throttle", "SELECT tc_signed_in()"):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                gate.execute(statement)
        for _attempt in range(LOCK_AFTER):
            gate.execute("SELECT tc_gate_failed(%s)", (name,))
    with pytest.raises(SignInThrottledError) as info:
        auth.sign_in(name, PASSWORD)  # the right password, but locked
    assert info.value.retry_after > 14 * 60 and info.value.locked
    with connect(secured, "kommun") as raw:  # a program that skips the gate is refused as well
        assert raw.execute("SELECT tc_signed_in()").fetchone()[0] is not None
    # An administrator, over her own login, sees the lock in the user list and lifts it.
    from app.services.runner import call

    admin, admin_db = auth.sign_in(secured["names"]["admin"], PASSWORD)
    try:
        locked = {u.username: u.locked_until for u in call(admin_db, admin, users.list_accounts)}
        assert locked[name] is not None and locked[secured["names"]["polis"]] is None
        call(admin_db, admin, users.lift_lock, name)
    finally:
        admin_db.dispose()
    _actor, db = auth.sign_in(name, PASSWORD)
    db.dispose()
    with secured["db"].engine.connect() as conn:
        left = conn.execute(sa.text("SELECT count(*) FROM sign_in_throttle WHERE username = :n"), {"n": name}).scalar()
        last_login = conn.execute(
            sa.text("SELECT last_login_at FROM app_user WHERE username = :n"), {"n": name}
        ).scalar()
    assert left == 0 and last_login is not None


def groups_gate_connect(secured):
    url = secured["url"]
    return psycopg.connect(
        host=url.host,
        port=url.port or 5432,
        dbname=url.database,
        autocommit=True,
        user=pg_security.groups_for(url.database).gate,
        password="gate-password-of-the-test",
    )


def test_a_desk_without_a_working_gate_gets_a_clear_message(secured):
    from app.errors import AuthenticationError, TrygghetError
    from app.services.auth import PostgresAuthenticator

    elsewhere = _server_url(secured).set(database="postgres")  # no gate there: init-roles was never run
    with pytest.raises(TrygghetError) as info:
        PostgresAuthenticator(elsewhere).sign_in(secured["names"]["polis"], PASSWORD)
    assert not isinstance(info.value, AuthenticationError)
    assert "init-roles" in info.value.message


def test_a_freshly_set_up_database_has_no_drift_and_the_reference_tables_are_the_administrators(secured):
    """What `db status` compares: the set-up of the schema's revision, applied again, changes nothing;
    the new reference tables' ids are drawn by administrators only and their writes are guarded."""
    groups = pg_security.groups_for(secured["url"].database)
    with secured["db"].session() as s:
        drift = pg_security.security_drift(s)
        sequences = {
            (sequence, role): s.execute(
                sa.text("SELECT has_sequence_privilege(:r, :s, 'USAGE')"), {"r": role, "s": sequence}
            ).scalar_one()
            for sequence in ("place_id_seq", "category_area_id_seq")
            for role in (groups.role(Role.EDITOR), groups.role(Role.ADMIN))
        }
        triggers = set(
            s.execute(
                sa.text(
                    "SELECT c.relname || '.' || t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
                    " WHERE c.relname IN ('place', 'category_area') AND NOT t.tgisinternal"
                )
            ).scalars()
        )
    assert not drift, drift
    assert sequences == {
        ("place_id_seq", groups.role(Role.EDITOR)): False,
        ("place_id_seq", groups.role(Role.ADMIN)): True,
        ("category_area_id_seq", groups.role(Role.EDITOR)): False,
        ("category_area_id_seq", groups.role(Role.ADMIN)): True,
    }
    assert triggers == {"place.tc_audit", "place.tc_guard", "category_area.tc_audit", "category_area.tc_guard"}
