"""Need-based access enforced by PostgreSQL itself: login roles, group roles, row-level security and
audit triggers, so that nobody gets around the rules by connecting with another program.

`trygghetscenter db init-roles`, run once by the database owner, sets up for the database named in
the URL:

- group roles `<db>_users`, `<db>_readers`, `<db>_editors`, `<db>_admins` and `<db>_org_<id>`
  (roles are shared by the whole server, so they carry the database's name);
- a login role per user of the program, named as the user, with a SCRAM password when one is set,
  created and changed only through `tc_sync_login()`;
- the sign-in gate `<db>_gate`: a login that may do nothing but ask whether a username may try to
  sign in now and count a failed attempt (`tc_gate_state`, `tc_gate_failed`). A refused connection
  leaves no trace in the database; the gate is how it is counted;
- the security set-up of the schema's revision (functions, grants, row-level security, triggers):
  app/db/security_setup, where each revision's set-up is kept as released and what it promises is
  written down. Migrations apply it on a database set up this way, and `db status` reports where
  the database has drifted from it (`security_drift`).

The command line connects as the owner and writes the trail through the program's own listener
(app/services/audit.py); the triggers leave those connections to it, so no change is recorded
twice. Desks of a database set up this way sign in with the person's own login (`sign_in =
database`); `refuse_shared_login` keeps a desk from working as the owner.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.engine import unavailable
from app.db.models import Organisation, User
from app.db.security_setup import HEAD
from app.domain.policy import LOCK_AFTER, LOCK_FOR
from app.domain.vocabulary import Role
from app.errors import ConfigError, PermissionDeniedError, TrygghetError, ValidationError
from app.i18n import _


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
    return is_enabled_on(session.connection())


def is_enabled_on(conn: sa.Connection) -> bool:
    return bool(conn.execute(sa.text("SELECT to_regproc('public.tc_session_org') IS NOT NULL")).scalar_one())


def refuse_shared_login(db) -> None:
    """A desk with `sign_in = program` works over the URL's one login for everybody. On a database
    that enforces access itself that login is the owner (or another outside the rules), which row-
    level security and the triggers do not bind, so such a desk is refused with what to set."""
    if db.dialect != "postgresql":
        return
    try:
        with db.engine.connect() as conn:
            secured = is_enabled_on(conn)
    except sa.exc.DBAPIError as exc:
        raise unavailable(db.url, exc) from exc
    if secured:
        raise ConfigError(
            _(
                "The database {url} enforces who may see and change what itself ('db init-roles' was run), so every "
                "desk signs in with the person's own database login. In config.ini, under [database], set "
                "sign_in = database and the gate_password, and leave the user out of the url.",
                url=db.describe(),
            )
        )


def _exec(session: Session, statement: str) -> None:
    """Run DDL as written: no bind parameters (function bodies hold ':' and '%', verifiers too)."""
    session.connection().exec_driver_sql(statement, execution_options={"no_parameters": True})


def _ensure_group(session: Session, name: str) -> None:
    _exec(session, f"DO $$ BEGIN CREATE ROLE {ident(name)} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")


# --- set-up ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InitResult:
    groups: Groups
    gate_password: str | None  # set now (new gate, or asked for); None: the gate keeps its password
    refused: tuple[str, ...] = ()  # accounts whose name is taken by a role that is no login of this database
    can_end_sessions: bool = True  # whether the owner may end a disabled login's open sessions


def init_roles(session: Session, gate_password: str | None = None) -> InitResult:
    """Create or refresh roles, grants, policies and triggers. Idempotent; run by the database owner.

    The gate login gets `gate_password`, or a generated one when it is created; running this again
    leaves its password alone unless one is given, so the desks' settings stay valid. An account
    whose username is taken by a role that is not a plain login of this database (the gate, a
    group, another program's login, a superuser) is left without a login and named in `refused`."""
    if session.get_bind().dialect.name != "postgresql":
        raise TrygghetError(
            _("Database roles exist only on PostgreSQL; a SQLite file is protected by file permissions.")
        )
    groups = _groups(session)
    for name in groups.all_roles():
        _ensure_group(session, name)
    for role in Role:
        _exec(session, f"GRANT {ident(groups.users)} TO {ident(groups.role(role))}")
    for (org_id,) in session.execute(sa.select(Organisation.id)):
        _ensure_group(session, groups.organisation(org_id))
    gate_password = _ensure_gate(session, groups, gate_password)
    apply_setup(session.connection(), HEAD)
    can_end_sessions = _ensure_signal_privilege(session)
    refused = []
    for user in session.scalars(sa.select(User).order_by(User.username)):
        try:
            sync_login(session, user)
        except ValidationError:
            refused.append(user.username)
    return InitResult(groups, gate_password, tuple(refused), can_end_sessions)


def _ensure_signal_privilege(session: Session) -> bool:
    """Whether the owner may end other logins' sessions (pg_signal_backend); asked for where the
    owner may grant it to itself (CREATEROLE on PostgreSQL 15 and older)."""
    query = "SELECT rolsuper OR pg_has_role(current_user, 'pg_signal_backend', 'USAGE') FROM pg_roles WHERE rolname = current_user"
    if session.execute(sa.text(query)).scalar_one():
        return True
    try:
        with session.begin_nested():
            _exec(session, "GRANT pg_signal_backend TO CURRENT_USER")
    except sa.exc.DBAPIError:
        return False
    return bool(session.execute(sa.text(query)).scalar_one())


def _ensure_gate(session: Session, groups: Groups, password: str | None) -> str | None:
    exists = session.execute(
        sa.text(
            "SELECT rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls OR rolinherit"
            " OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.roleid = r.oid OR m.member = r.oid)"
            " FROM pg_roles r WHERE rolname = :n"
        ),
        {"n": groups.gate},
    ).first()
    if exists and exists[0]:  # a role of that name with powers or memberships is not ours to use
        raise TrygghetError(
            _(
                "The database role {name} exists and is more than a sign-in gate; "
                "rename or drop it, then run this again.",
                name=groups.gate,
            )
        )
    if not exists:
        _exec(session, f"CREATE ROLE {ident(groups.gate)} LOGIN NOINHERIT")
        password = password or secrets.token_urlsafe(18)
    if password is not None:
        _exec(
            session,
            f"ALTER ROLE {ident(groups.gate)} PASSWORD {literal(scram_verifier(session, groups.gate, password))}",
        )
    return password


def scram_verifier(session: Session, login: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL stores for `password`, computed here by libpq, so that
    no statement sent to the server (nor its log) holds the password itself."""
    driver = session.connection().connection.driver_connection
    assert driver is not None  # a live connection of the pool
    pgconn = driver.pgconn
    return pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()


def apply_setup(conn: sa.Connection, module) -> None:
    """Run one revision's security set-up (app/db/security_setup) on this database, as its owner."""
    groups = groups_for(conn.execute(sa.text("SELECT current_database()")).scalar_one())
    database = conn.execute(sa.text("SELECT current_database()")).scalar_one()

    def columns(table: str) -> list[str]:
        return list(
            conn.execute(
                sa.text(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = :t"
                    " ORDER BY ordinal_position"
                ),
                {"t": table},
            ).scalars()
        )

    for statement in module.statements(groups, database, columns, LOCK_AFTER, int(LOCK_FOR.total_seconds())):
        conn.exec_driver_sql(statement, execution_options={"no_parameters": True})
    # PostgreSQL 14 and older let everyone create objects in public; a revoke by a non-superuser owner
    # of a database whose public schema belongs to the superuser does nothing, so check it did.
    if conn.execute(
        sa.text(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace n, aclexplode(n.nspacl) a"
            " WHERE n.nspname = 'public' AND a.grantee = 0 AND a.privilege_type = 'CREATE')"
        )
    ).scalar_one():
        raise TrygghetError(
            _(
                "Everyone may create objects in the schema public of this database, which would let any "
                "login change what the program's functions see. As a superuser, run: {sql}",
                sql="REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            )
        )


# --- drift: the database against the set-up its schema version expects ---------------------------

_SNAPSHOT_QUERIES = {
    "function": """
        SELECT p.oid::regprocedure::text,
               md5(p.prosrc) || ' ' || p.prosecdef || ' ' || coalesce(array_to_string(p.proconfig, ';'), '')
          FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'tc\\_%'""",
    "grant": """
        SELECT 'on function ' || p.oid::regprocedure::text || ' to ' || coalesce(r.rolname, 'PUBLIC') || ': '
               || a.privilege_type, ''
          FROM pg_proc p, aclexplode(coalesce(p.proacl, acldefault('f'::"char", p.proowner))) a
          LEFT JOIN pg_roles r ON r.oid = a.grantee
         WHERE p.pronamespace = 'public'::regnamespace AND p.proname LIKE 'tc\\_%'
        UNION ALL
        SELECT 'on ' || c.relname || ' to ' || coalesce(r.rolname, 'PUBLIC') || ': ' || a.privilege_type, ''
          FROM pg_class c, aclexplode(coalesce(c.relacl, acldefault(CASE WHEN c.relkind = 'S' THEN 's'::"char" ELSE 'r'::"char" END, c.relowner))) a
          LEFT JOIN pg_roles r ON r.oid = a.grantee
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'S')
        UNION ALL
        SELECT 'on ' || c.relname || '.' || t.attname || ' to ' || coalesce(r.rolname, 'PUBLIC') || ': ' || a.privilege_type, ''
          FROM pg_class c JOIN pg_attribute t ON t.attrelid = c.oid, aclexplode(t.attacl) a
          LEFT JOIN pg_roles r ON r.oid = a.grantee
         WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND t.attacl IS NOT NULL
        UNION ALL
        SELECT 'on schema public to ' || coalesce(r.rolname, 'PUBLIC') || ': ' || a.privilege_type, ''
          FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n'::"char", n.nspowner))) a
          LEFT JOIN pg_roles r ON r.oid = a.grantee WHERE n.nspname = 'public'
        UNION ALL
        SELECT 'on database to ' || coalesce(r.rolname, 'PUBLIC') || ': ' || a.privilege_type, ''
          FROM pg_database d, aclexplode(coalesce(d.datacl, acldefault('d'::"char", d.datdba))) a
          LEFT JOIN pg_roles r ON r.oid = a.grantee WHERE d.datname = current_database()""",
    "row-level security": """
        SELECT c.relname, c.relrowsecurity::text || ' ' || c.relforcerowsecurity::text
          FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')""",
    "policy": """
        SELECT tablename || '.' || policyname,
               cmd || ' ' || array_to_string(roles, ',') || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
          FROM pg_policies WHERE schemaname = 'public'""",
    "trigger": """
        SELECT c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) || ' ' || t.tgenabled::text
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE c.relnamespace = 'public'::regnamespace AND NOT t.tgisinternal""",
}


def security_snapshot(conn: sa.Connection) -> dict[tuple[str, str], str]:
    """What the database's security set-up is now: (kind, name) -> a fingerprint of its definition."""
    found: dict[tuple[str, str], str] = {}
    for kind, query in _SNAPSHOT_QUERIES.items():
        for name, value in conn.exec_driver_sql(query, execution_options={"no_parameters": True}):
            found[(kind, name)] = value
    return found


@dataclass(frozen=True)
class Drift:
    missing: tuple[str, ...]
    extra: tuple[str, ...]
    changed: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.missing or self.extra or self.changed)


def security_drift(session: Session) -> Drift:
    """How the database differs from the security set-up its schema version expects: the set-up is
    applied inside a transaction that is rolled back, and the catalogue compared before and after.
    Needs the owner's connection; tables are locked for the moment it takes."""
    conn = session.connection()
    with session.begin_nested() as savepoint:
        conn.exec_driver_sql("SET LOCAL lock_timeout = '5s'")
        live = security_snapshot(conn)
        apply_setup(conn, HEAD)
        expected = security_snapshot(conn)
        savepoint.rollback()

    def named(keys) -> tuple[str, ...]:
        return tuple(sorted(f"{kind} {name}" for kind, name in keys))

    return Drift(
        missing=named(expected.keys() - live.keys()),
        extra=named(live.keys() - expected.keys()),
        changed=named(k for k in expected.keys() & live.keys() if expected[k] != live[k]),
    )


# --- login roles ----------------------------------------------------------------------------------


def sync_login(session: Session, user: User, password: str | None = None, *, lift_lock: bool = False) -> bool:
    """Create or update the user's login role through tc_sync_login(): groups from role and
    organisation, LOGIN while active, and a new password when one is given (sent as its SCRAM
    verifier). `lift_lock` also clears the failed sign-in count. A new password or a disabled
    account ends the login's open sessions; returns False where the owner may not end them."""
    verifier = scram_verifier(session, user.username, password) if password is not None else None
    try:
        with session.begin_nested():  # a refusal leaves the caller's transaction usable (and rolled back by it)
            return bool(
                session.execute(
                    sa.text("SELECT public.tc_sync_login(:login, :verifier, :lift)"),
                    {"login": user.username, "verifier": verifier, "lift": lift_lock},
                ).scalar()
            )
    except sa.exc.DBAPIError as exc:
        state = getattr(exc.orig, "sqlstate", None)
        if state == "42710":  # duplicate_object: a role of that name exists and is no plain login
            raise ValidationError(
                {
                    "username": _(
                        "The database already has a role named '{name}' that is not a login of this program; "
                        "choose another username.",
                        name=user.username,
                    )
                }
            ) from exc
        if state == "42501" or "permission denied" in str(exc.orig).lower():
            raise PermissionDeniedError(
                _("The database login used here may not create or change roles; ask the database owner.")
            ) from exc
        raise
