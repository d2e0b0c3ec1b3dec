"""Need-based access enforced by PostgreSQL itself: login roles, group roles, row-level security and
audit triggers, so that nobody gets around the rules by connecting with another program.

`trygghetscenter db init-roles`, run once by the database owner (`db upgrade` runs it again by
itself on a database set up this way), sets up for the database named in the URL:

- group roles `<db>_users`, `<db>_readers`, `<db>_editors`, `<db>_admins` and `<db>_org_<id>`
  (roles are shared by the whole server, so they carry the database's name);
- a login role per user of the program, named as the user, with a SCRAM password when one is set;
  readers get SELECT only, editors and admins may also write; nobody but the owner may change the
  audit trail;
- row-level security on `observation`: a row marked internal is visible only to the reporting
  organisation (admins of other organisations included), and users write only their own
  organisation's rows; on `audit_entry`: only admins read it, and not the history of another
  organisation's internal rows;
- triggers that write the audit trail for every change made over a personal login;
- `tc_sync_login()`, the one way login roles are created and changed: the owner's connection and
  administrators' personal logins call it (a person may set their own password), and it refuses
  to touch a role that is not a plain login (a superuser, a role with members, the owner);
- the sign-in gate `<db>_gate`: a login that may do nothing but ask whether a username may try to
  sign in now and count a failed attempt (`tc_gate_state`, `tc_gate_failed`), so that guessing a
  password through the program's sign-in dialog slows down and locks, as with the program's own
  accounts. A refused connection leaves no trace in the database; the gate is how it is counted.

The program itself still connects with the URL it is given (the owner's, or a service login) and
writes the same trail through its own listener (app/services/audit.py); the triggers leave those
connections to it, so no change is recorded twice.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.enums import Role
from app.db.models import Base, Observation, Organisation, User
from app.errors import PermissionDeniedError, TrygghetError, ValidationError
from app.i18n import _

WRITE_ROLES = (Role.EDITOR, Role.ADMIN)
# What each role may write over its own login, as the services allow it. Accounts (app_user) are
# kept by administrators; anyone else may change only their own password (see _grants), so nobody
# can raise their own role with SQL.
EDITOR_TABLES = (
    "observation", "place", "action", "action_update", "action_area", "action_place", "action_indicator",
    "indicator", "measurement", "follow_up_meeting", "meeting_organisation", "meeting_focus_place",
    "meeting_action",
)  # fmt: skip
ADMIN_TABLES = ("organisation", "agreement_period", "area", "category")


@dataclass(frozen=True)
class Groups:
    """The group role names of one database."""

    prefix: str

    @property
    def users(self) -> str:
        return f"{self.prefix}_users"

    def role(self, role: Role) -> str:
        return f"{self.prefix}_{Role(role).value}s"

    def organisation(self, organisation_id: int) -> str:
        return f"{self.prefix}_org_{organisation_id}"

    def all_roles(self) -> list[str]:
        return [self.users, *(self.role(r) for r in Role)]

    @property
    def gate(self) -> str:
        """The sign-in gate's login (see the module docstring)."""
        return f"{self.prefix}_gate"


def groups_for(database_name: str) -> Groups:
    prefix = re.sub(r"[^a-z0-9_]", "_", database_name.lower())[:40] or "trygghetscenter"
    return Groups(prefix)


def ident(name: str) -> str:
    """A quoted SQL identifier (usernames may hold '.' and '-')."""
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    """A quoted SQL string literal, for the few statements (CREATE ROLE … PASSWORD) that take no parameters."""
    return "'" + text.replace("'", "''") + "'"


def _groups(session: Session) -> Groups:
    return groups_for(session.execute(sa.text("SELECT current_database()")).scalar_one())


def is_enabled(session: Session) -> bool:
    """Whether init-roles has been run on this database (PostgreSQL only)."""
    if session.get_bind().dialect.name != "postgresql":
        return False
    return bool(session.execute(sa.text("SELECT to_regproc('tc_session_org') IS NOT NULL")).scalar_one())


def _exec(session: Session, statement: str) -> None:
    """Run DDL as written: no bind parameters (function bodies hold ':' and '%', verifiers too)."""
    session.connection().exec_driver_sql(statement, execution_options={"no_parameters": True})


def _ensure_group(session: Session, name: str) -> None:
    _exec(session, f"DO $$ BEGIN CREATE ROLE {ident(name)} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")


def _audited_tables() -> list[str]:
    return sorted(m.class_.__tablename__ for m in Base.registry.mappers if getattr(m.class_, "__audited__", False))


def _domain_tables() -> list[str]:
    return sorted(t.name for t in Base.metadata.sorted_tables if t.name not in ("audit_entry", "sign_in_throttle"))


# --- set-up ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitResult:
    groups: Groups
    gate_password: str | None  # set now (new gate, or asked for); None: the gate keeps its password


def init_roles(session: Session, gate_password: str | None = None) -> InitResult:
    """Create or refresh roles, grants, policies and triggers. Idempotent; run by the database owner.

    The gate login gets `gate_password`, or a generated one when it is created; running this again
    leaves its password alone unless one is given, so the desks' settings stay valid."""
    if session.get_bind().dialect.name != "postgresql":
        raise TrygghetError(_("Database roles exist only on PostgreSQL; a SQLite file is protected by file permissions."))
    groups = _groups(session)
    for name in groups.all_roles():
        _ensure_group(session, name)
    for role in Role:
        _exec(session, f"GRANT {ident(groups.users)} TO {ident(groups.role(role))}")
    for (org_id,) in session.execute(sa.select(Organisation.id)):
        _ensure_group(session, groups.organisation(org_id))
    gate_password = _ensure_gate(session, groups, gate_password)
    _functions(session, groups)
    _grants(session, groups)
    _policies(session)
    _triggers(session)
    for user in session.scalars(sa.select(User)):
        sync_login(session, user)
    return InitResult(groups, gate_password)


def _ensure_gate(session: Session, groups: Groups, password: str | None) -> str | None:
    exists = session.execute(sa.text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": groups.gate}).first()
    if not exists:
        _exec(session, f"CREATE ROLE {ident(groups.gate)} LOGIN NOINHERIT")
        password = password or secrets.token_urlsafe(18)
    if password is not None:
        _exec(session, f"ALTER ROLE {ident(groups.gate)} PASSWORD {literal(scram_verifier(session, groups.gate, password))}")
    return password


def scram_verifier(session: Session, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for `password`, computed here by libpq, so that
    no statement sent to the server (nor its log) holds the password itself."""
    pgconn = session.connection().connection.driver_connection.pgconn
    return pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()


def _functions(session: Session, groups: Groups) -> None:
    for name, column in (("tc_session_org", "organisation_id"), ("tc_session_user_id", "id")):
        _exec(session, f"""
            CREATE OR REPLACE FUNCTION {name}() RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
            $$ SELECT {column} FROM app_user WHERE username = session_user AND active $$""")
    _exec(session, """
        CREATE OR REPLACE FUNCTION tc_has_password(user_id integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
        $$ SELECT password_hash IS NOT NULL FROM app_user WHERE id = user_id $$""")
    _exec(session, """
        CREATE OR REPLACE FUNCTION tc_session_role() RETURNS text
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
        $$ SELECT role::text FROM app_user WHERE username = session_user AND active $$""")
    # Whether the trail of a row may be read: another organisation's internal observation stays
    # hidden, judged by the row as it is, or, once deleted, by its last values. A definer function,
    # since a policy on audit_entry cannot itself read audit_entry.
    _exec(session, """
        CREATE OR REPLACE FUNCTION tc_audit_visible(changed_table text, changed_row integer) RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT changed_table <> 'observation'
                OR EXISTS (SELECT 1 FROM observation o WHERE o.id = changed_row
                            AND (o.classification = 'open' OR o.organisation_id = tc_session_org()))
                OR (NOT EXISTS (SELECT 1 FROM observation o WHERE o.id = changed_row)
                    AND EXISTS (SELECT 1 FROM audit_entry gone
                                 WHERE gone.table_name = 'observation' AND gone.row_id = changed_row
                                   AND gone.operation = 'delete'
                                   AND (gone.old_values ->> 'classification' = 'open'
                                        OR (gone.old_values ->> 'organisation_id')::integer = tc_session_org())))
        $$""")
    _exec(session, f"""
        CREATE OR REPLACE FUNCTION tc_audit() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            old_values jsonb;
            new_values jsonb;
            changed_row integer;
        BEGIN
            -- The program's own connection records its changes itself (app/services/audit.py).
            -- Personal logins are direct members of the users group (pg_has_role would also
            -- answer yes for a superuser, which the program's connection may be).
            IF NOT tc_is_personal_login() THEN
                RETURN NULL;
            END IF;
            IF TG_OP = 'INSERT' THEN
                new_values := to_jsonb(NEW) - 'password_hash';
                changed_row := NEW.id;
            ELSIF TG_OP = 'DELETE' THEN
                old_values := to_jsonb(OLD) - 'password_hash';
                changed_row := OLD.id;
            ELSE
                SELECT jsonb_object_agg(o.key, o.value) INTO old_values
                  FROM jsonb_each(to_jsonb(OLD) - 'password_hash' - 'version' - 'last_login_at') o
                 WHERE (to_jsonb(NEW) -> o.key) IS DISTINCT FROM o.value;
                SELECT jsonb_object_agg(n.key, n.value) INTO new_values
                  FROM jsonb_each(to_jsonb(NEW) - 'password_hash' - 'version' - 'last_login_at') n
                 WHERE (to_jsonb(OLD) -> n.key) IS DISTINCT FROM n.value;
                IF (to_jsonb(OLD) -> 'password_hash') IS DISTINCT FROM (to_jsonb(NEW) -> 'password_hash') THEN
                    old_values := coalesce(old_values, '{{}}'::jsonb) || '{{"password": "********"}}';
                    new_values := coalesce(new_values, '{{}}'::jsonb) || '{{"password": "********"}}';
                END IF;
                IF new_values IS NULL THEN
                    RETURN NULL;
                END IF;
                changed_row := NEW.id;
            END IF;
            INSERT INTO audit_entry (occurred_at, user_id, username, table_name, row_id, operation, old_values, new_values)
            VALUES (now(), tc_session_user_id(), session_user, TG_TABLE_NAME, changed_row, lower(TG_OP),
                    old_values::json, new_values::json);
            RETURN NULL;
        END $$""")
    _login_functions(session, groups)
    _gate_functions(session, groups)


def _login_functions(session: Session, groups: Groups) -> None:
    """tc_sync_login(): login roles follow app_user. Definer rights (the owner may create roles), so
    it checks who calls: the owner's connection, an administrator, or a person about their own login."""
    prefix = literal(groups.prefix + "_")
    _exec(session, f"""
        CREATE OR REPLACE FUNCTION tc_is_personal_login() RETURNS boolean
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT EXISTS (SELECT 1 FROM pg_auth_members m
                             JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                            WHERE g.rolname = {literal(groups.users)} AND u.rolname = session_user) $$""")
    _exec(session, f"""
        CREATE OR REPLACE FUNCTION tc_sync_login(login text, verifier text DEFAULT NULL, lift_lock boolean DEFAULT false)
        RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            account app_user%ROWTYPE;
            existing pg_roles%ROWTYPE;
            wanted text[];
            grp text;
        BEGIN
            IF tc_is_personal_login() AND login <> session_user AND coalesce(tc_session_role(), '') <> 'admin' THEN
                RAISE EXCEPTION 'only administrators change other users'' logins' USING ERRCODE = 'insufficient_privilege';
            END IF;
            SELECT * INTO account FROM app_user WHERE username = login;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'there is no user %', login USING ERRCODE = 'no_data_found';
            END IF;
            SELECT * INTO existing FROM pg_roles WHERE rolname = login;
            IF FOUND THEN
                -- Never take over a role that is more than a plain login: a superuser, the owner,
                -- a group, or one with powers of its own.
                -- An administrator's personal login, moreover, only roles that are already this
                -- database's logins (the owner may adopt a plain login, as with ALTER ROLE).
                IF existing.rolsuper OR existing.rolcreaterole OR existing.rolcreatedb OR existing.rolreplication
                   OR existing.rolbypassrls OR login = current_user
                   OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = existing.oid)
                   OR EXISTS (SELECT 1 FROM pg_database d WHERE d.datdba = existing.oid)
                   OR (tc_is_personal_login() AND NOT EXISTS (
                         SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                          WHERE m.member = existing.oid AND g.rolname = {literal(groups.users)})) THEN
                    RAISE EXCEPTION 'the database role % is not a plain login', login USING ERRCODE = 'duplicate_object';
                END IF;
            ELSE
                EXECUTE format('CREATE ROLE %I', login);
            END IF;
            EXECUTE format('ALTER ROLE %I %s', login, CASE WHEN account.active THEN 'LOGIN' ELSE 'NOLOGIN' END);
            IF verifier IS NOT NULL THEN
                IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
                    RAISE EXCEPTION 'a password is set only as a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                EXECUTE format('ALTER ROLE %I PASSWORD %L', login, verifier);
            END IF;
            wanted := ARRAY[{literal(groups.users)}, {prefix} || account.role::text || 's',
                            {prefix} || 'org_' || account.organisation_id];
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', wanted[3]);
            EXCEPTION WHEN duplicate_object THEN NULL;
            END;
            FOREACH grp IN ARRAY wanted LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                                 JOIN pg_roles u ON u.oid = m.member WHERE g.rolname = grp AND u.rolname = login) THEN
                    EXECUTE format('GRANT %I TO %I', grp, login);
                END IF;
            END LOOP;
            FOR grp IN SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid
                         JOIN pg_roles u ON u.oid = m.member
                        WHERE u.rolname = login AND left(g.rolname, {len(groups.prefix) + 1}) = {prefix} LOOP
                IF NOT grp = ANY (wanted) THEN  -- this database's groups only; others are left alone
                    EXECUTE format('REVOKE %I FROM %I', grp, login);
                END IF;
            END LOOP;
            IF lift_lock THEN
                DELETE FROM sign_in_throttle WHERE username = login;
            END IF;
        END $$""")
    _exec(session, "REVOKE ALL ON FUNCTION tc_sync_login(text, text, boolean) FROM PUBLIC")
    _exec(session, f"GRANT EXECUTE ON FUNCTION tc_sync_login(text, text, boolean) TO {ident(groups.users)}")


def _gate_functions(session: Session, groups: Groups) -> None:
    """The sign-in gate's two functions, and tc_signed_in() for a person who got in: the counting of
    app/services/auth.py (Throttle) done by the server, with the same numbers."""
    from app.services.auth import LOCK_AFTER, LOCK_FOR

    lock_for = f"interval '{int(LOCK_FOR.total_seconds())} seconds'"
    _exec(session, """
        CREATE OR REPLACE FUNCTION tc_gate_state(login text,
            OUT failures integer, OUT last_failure_at timestamptz, OUT locked_until timestamptz, OUT server_now timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
            SELECT t.failures, t.last_failure_at, t.locked_until, now()
              FROM (SELECT 1) one LEFT JOIN sign_in_throttle t ON t.username = left(login, 64) $$""")
    _exec(session, f"""
        CREATE OR REPLACE FUNCTION tc_gate_failed(login text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        BEGIN
            INSERT INTO sign_in_throttle (username, failures) VALUES (left(login, 64), 0) ON CONFLICT DO NOTHING;
            UPDATE sign_in_throttle
               SET failures = CASE WHEN locked_until <= now() THEN 1 ELSE failures + 1 END,  -- a run-out lock starts afresh
                   locked_until = CASE WHEN locked_until <= now() THEN NULL ELSE locked_until END,
                   last_failure_at = now()
             WHERE username = left(login, 64);
            UPDATE sign_in_throttle SET locked_until = now() + {lock_for}
             WHERE username = left(login, 64) AND failures >= {LOCK_AFTER};
        END $$""")
    # Called over the person's own connection once it is open: a locked username stays locked even
    # for the right password (so the lock cannot be waited out by guessing on), and a success clears
    # the count and notes the time. A plain UPDATE: no version bump, and the trigger skips it.
    _exec(session, """
        CREATE OR REPLACE FUNCTION tc_signed_in() RETURNS timestamptz
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
        DECLARE
            until timestamptz;
        BEGIN
            SELECT locked_until INTO until FROM sign_in_throttle WHERE username = session_user AND locked_until > now();
            IF until IS NOT NULL THEN
                RETURN until;
            END IF;
            DELETE FROM sign_in_throttle WHERE username = session_user;
            UPDATE app_user SET last_login_at = now() WHERE username = session_user;
            RETURN NULL;
        END $$""")
    for function in ("tc_gate_state(text)", "tc_gate_failed(text)", "tc_signed_in()"):
        _exec(session, f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC")
    for function in ("tc_gate_state(text)", "tc_gate_failed(text)"):
        _exec(session, f"GRANT EXECUTE ON FUNCTION {function} TO {ident(groups.gate)}")
    _exec(session, f"GRANT EXECUTE ON FUNCTION tc_signed_in() TO {ident(groups.users)}")


def _grants(session: Session, groups: Groups) -> None:
    tables = ", ".join(ident(t) for t in _domain_tables())
    readable = ", ".join(ident(t) for t in _domain_tables() if t != User.__tablename__)
    _exec(session, f"GRANT USAGE ON SCHEMA public TO {ident(groups.users)}")
    _exec(session, f"GRANT SELECT ON {readable}, alembic_version TO {ident(groups.users)}")
    # Everyone may see who the users are, but nobody the password hashes.
    _exec(session, f"REVOKE SELECT ON {ident(User.__tablename__)} FROM {ident(groups.users)}")
    columns = ", ".join(ident(c.name) for c in User.__table__.columns if c.name != "password_hash")
    _exec(session, f"GRANT SELECT ({columns}) ON {ident(User.__tablename__)} TO {ident(groups.users)}")
    writers = ", ".join(ident(groups.role(r)) for r in WRITE_ROLES)
    everyone = ", ".join(ident(groups.role(r)) for r in Role)
    _exec(session, f"REVOKE INSERT, UPDATE, DELETE ON {tables} FROM {everyone}")  # start from nothing
    _exec(session, f"GRANT INSERT, UPDATE, DELETE ON {', '.join(map(ident, EDITOR_TABLES))} TO {writers}")
    _exec(session, f"GRANT INSERT, UPDATE, DELETE ON {', '.join(map(ident, ADMIN_TABLES))} TO "
                   f"{ident(groups.role(Role.ADMIN))}")  # fmt: skip
    _exec(session, f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {writers}")
    # Accounts: administrators keep them (the login roles follow through tc_sync_login); everyone
    # else may change only their own password (row-level security below keeps it to their row).
    _exec(session, f"REVOKE INSERT, UPDATE, DELETE ON {ident(User.__tablename__)} FROM {ident(groups.users)}")
    _exec(session, f"GRANT UPDATE (password_hash, version) ON {ident(User.__tablename__)} TO {ident(groups.users)}")
    _exec(session, f"GRANT INSERT, UPDATE ON {ident(User.__tablename__)} TO {ident(groups.role(Role.ADMIN))}")
    # The trail: written only by the triggers and the owner, read only by administrators.
    _exec(session, "REVOKE ALL ON audit_entry FROM PUBLIC")
    for role in Role:
        _exec(session, f"REVOKE ALL ON audit_entry FROM {ident(groups.role(role))}")
    _exec(session, f"GRANT SELECT ON audit_entry TO {ident(groups.role(Role.ADMIN))}")
    _exec(session, f"REVOKE ALL ON sign_in_throttle FROM PUBLIC, {ident(groups.users)}")
    _exec(session, f"GRANT SELECT ON sign_in_throttle TO {ident(groups.role(Role.ADMIN))}")  # who is locked out


def _policy(session: Session, table: str, name: str, body: str) -> None:
    _exec(session, f"DROP POLICY IF EXISTS {name} ON {table}")
    _exec(session, f"CREATE POLICY {name} ON {table} {body}")


def _policies(session: Session) -> None:
    own = "organisation_id = tc_session_org()"
    writer = "tc_session_role() IN ('admin', 'editor')"
    table = Observation.__tablename__
    # ENABLE, not FORCE: the owner (migrations, the program's shared connection) is not bound by it.
    _exec(session, f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    _policy(session, table, "tc_read", f"FOR SELECT USING (classification = 'open' OR {own})")
    _policy(session, table, "tc_insert", f"FOR INSERT WITH CHECK ({own} AND {writer})")
    _policy(session, table, "tc_update", f"FOR UPDATE USING ({own} AND {writer}) WITH CHECK ({own})")
    _policy(session, table, "tc_delete", f"FOR DELETE USING ({own} AND {writer})")
    # The action plan: an action, its log and its links are changed by the responsible organisation
    # (administrators: any), as in app/services/actions.py.
    responsible = "(tc_session_role() = 'admin' OR responsible_organisation_id = tc_session_org())"
    _exec(session, "ALTER TABLE action ENABLE ROW LEVEL SECURITY")
    _policy(session, "action", "tc_read", "FOR SELECT USING (true)")
    _policy(session, "action", "tc_insert", f"FOR INSERT WITH CHECK {responsible}")
    _policy(session, "action", "tc_update", f"FOR UPDATE USING {responsible} WITH CHECK {responsible}")
    _policy(session, "action", "tc_delete", f"FOR DELETE USING {responsible}")
    of_action = ("(tc_session_role() = 'admin' OR EXISTS (SELECT 1 FROM action a WHERE a.id = action_id"
                 " AND a.responsible_organisation_id = tc_session_org()))")  # fmt: skip
    for table in ("action_update", "action_area", "action_place", "action_indicator"):
        _exec(session, f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        _policy(session, table, "tc_read", "FOR SELECT USING (true)")
        _policy(session, table, "tc_insert", f"FOR INSERT WITH CHECK {of_action}")
        _policy(session, table, "tc_update", f"FOR UPDATE USING {of_action} WITH CHECK {of_action}")
        _policy(session, table, "tc_delete", f"FOR DELETE USING {of_action}")
    _exec(session, "ALTER TABLE app_user ENABLE ROW LEVEL SECURITY")
    _policy(session, "app_user", "tc_read", "FOR SELECT USING (true)")
    _policy(session, "app_user", "tc_insert", "FOR INSERT WITH CHECK (tc_session_role() = 'admin')")
    _policy(session, "app_user", "tc_update", "FOR UPDATE USING (tc_session_role() = 'admin' OR username = session_user)")
    _exec(session, "ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY")
    _policy(session, "audit_entry", "tc_read",
            "FOR SELECT USING (tc_session_role() = 'admin' AND tc_audit_visible(table_name, row_id))")  # fmt: skip


def _triggers(session: Session) -> None:
    for table in _audited_tables():
        _exec(session, f"DROP TRIGGER IF EXISTS tc_audit ON {ident(table)}")
        _exec(session, f"CREATE TRIGGER tc_audit AFTER INSERT OR UPDATE OR DELETE ON {ident(table)} "
                       "FOR EACH ROW EXECUTE FUNCTION tc_audit()")  # fmt: skip


# --- login roles ----------------------------------------------------------------------------------


def sync_login(session: Session, user: User, password: str | None = None, *, lift_lock: bool = False) -> None:
    """Create or update the user's login role through tc_sync_login(): groups from role and
    organisation, LOGIN while active, and a new password when one is given (sent as its SCRAM
    verifier). `lift_lock` also clears the failed sign-in count."""
    verifier = scram_verifier(session, user.username, password) if password is not None else None
    try:
        with session.begin_nested():  # a refusal leaves the caller's transaction usable (and rolled back by it)
            session.execute(sa.text("SELECT tc_sync_login(:login, :verifier, :lift)"),
                            {"login": user.username, "verifier": verifier, "lift": lift_lock})  # fmt: skip
    except sa.exc.DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", None)
        if state == "42710":  # duplicate_object: a role of that name exists and is no plain login
            raise ValidationError(
                {"username": _("The database already has a role named '{name}' that is not a login of this program; "
                               "choose another username.", name=user.username)}  # fmt: skip
            ) from exc
        if state == "42501" or "permission denied" in str(exc.orig).lower():
            raise PermissionDeniedError(
                _("The database login used here may not create or change roles; ask the database owner.")
            ) from exc
        raise
