"""Need-based access enforced by PostgreSQL itself: login roles, group roles, row-level security and
audit triggers, so that nobody gets around the rules by connecting with another program.

`trygghetscenter db init-roles`, run once by the database owner (and again after an upgrade that
adds tables), sets up for the database named in the URL:

- group roles `<db>_users`, `<db>_readers`, `<db>_editors`, `<db>_admins` and `<db>_org_<id>`
  (roles are shared by the whole server, so they carry the database's name);
- a login role per user of the program, named as the user, with a SCRAM password when one is set;
  readers get SELECT only, editors and admins may also write; nobody but the owner may change the
  audit trail;
- row-level security on `observation`: a row marked internal is visible only to the reporting
  organisation (admins of other organisations included), and users write only their own
  organisation's rows; on `audit_entry`: only admins read it, and not the history of another
  organisation's internal rows;
- triggers that write the audit trail for every change made over a personal login.

The program itself still connects with the URL it is given (the owner's, or a service login) and
writes the same trail through its own listener (app/services/audit.py); the triggers leave those
connections to it, so no change is recorded twice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.enums import Role
from app.db.models import Base, Observation, Organisation, User
from app.errors import PermissionDeniedError, TrygghetError
from app.i18n import _

WRITE_ROLES = (Role.EDITOR, Role.ADMIN)
# What each role may write over its own login, as the services allow it. Accounts (app_user) are
# written only by the program's owner connection, so nobody can raise their own role with SQL.
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
    session.execute(sa.text(statement).execution_options(no_parameters=True))


def _ensure_group(session: Session, name: str) -> None:
    _exec(session, f"DO $$ BEGIN CREATE ROLE {ident(name)} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$")


def _audited_tables() -> list[str]:
    return sorted(m.class_.__tablename__ for m in Base.registry.mappers if getattr(m.class_, "__audited__", False))


def _domain_tables() -> list[str]:
    return sorted(t.name for t in Base.metadata.sorted_tables if t.name not in ("audit_entry", "sign_in_throttle"))


# --- set-up ---------------------------------------------------------------------------------------


def init_roles(session: Session) -> Groups:
    """Create or refresh roles, grants, policies and triggers. Idempotent; run by the database owner."""
    if session.get_bind().dialect.name != "postgresql":
        raise TrygghetError(_("Database roles exist only on PostgreSQL; a SQLite file is protected by file permissions."))
    groups = _groups(session)
    for name in groups.all_roles():
        _ensure_group(session, name)
    for role in Role:
        _exec(session, f"GRANT {ident(groups.users)} TO {ident(groups.role(role))}")
    for (org_id,) in session.execute(sa.select(Organisation.id)):
        _ensure_group(session, groups.organisation(org_id))
    _functions(session, groups)
    _grants(session, groups)
    _policies(session)
    _triggers(session)
    for user in session.scalars(sa.select(User)):
        sync_login(session, user)
    return groups


def _functions(session: Session, groups: Groups) -> None:
    for name, column in (("tc_session_org", "organisation_id"), ("tc_session_user_id", "id")):
        _exec(session, f"""
            CREATE OR REPLACE FUNCTION {name}() RETURNS integer
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
            $$ SELECT {column} FROM app_user WHERE username = session_user AND active $$""")
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
            IF NOT EXISTS (SELECT 1 FROM pg_auth_members m
                             JOIN pg_roles g ON g.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
                            WHERE g.rolname = {literal(groups.users)} AND u.rolname = session_user) THEN
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
                  FROM jsonb_each(to_jsonb(OLD) - 'password_hash' - 'version') o
                 WHERE (to_jsonb(NEW) -> o.key) IS DISTINCT FROM o.value;
                SELECT jsonb_object_agg(n.key, n.value) INTO new_values
                  FROM jsonb_each(to_jsonb(NEW) - 'password_hash' - 'version') n
                 WHERE (to_jsonb(OLD) -> n.key) IS DISTINCT FROM n.value;
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
    # The trail: written only by the triggers and the owner, read only by administrators.
    _exec(session, "REVOKE ALL ON audit_entry FROM PUBLIC")
    for role in Role:
        _exec(session, f"REVOKE ALL ON audit_entry FROM {ident(groups.role(role))}")
    _exec(session, f"GRANT SELECT ON audit_entry TO {ident(groups.role(Role.ADMIN))}")
    _exec(session, f"REVOKE ALL ON sign_in_throttle FROM PUBLIC, {ident(groups.users)}")


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
    _exec(session, "ALTER TABLE audit_entry ENABLE ROW LEVEL SECURITY")
    _policy(session, "audit_entry", "tc_read",
            "FOR SELECT USING (tc_session_role() = 'admin' AND tc_audit_visible(table_name, row_id))")  # fmt: skip


def _triggers(session: Session) -> None:
    for table in _audited_tables():
        _exec(session, f"DROP TRIGGER IF EXISTS tc_audit ON {ident(table)}")
        _exec(session, f"CREATE TRIGGER tc_audit AFTER INSERT OR UPDATE OR DELETE ON {ident(table)} "
                       "FOR EACH ROW EXECUTE FUNCTION tc_audit()")  # fmt: skip


# --- login roles ----------------------------------------------------------------------------------


def sync_login(session: Session, user: User, password: str | None = None) -> None:
    """Create or update the user's login role: groups from role and organisation, LOGIN while active,
    and a new password (PostgreSQL stores it as a SCRAM-SHA-256 verifier) when one is given."""
    groups = _groups(session)
    name = ident(user.username)
    login = "LOGIN" if user.active else "NOLOGIN"
    try:
        _exec(session, f"DO $$ BEGIN CREATE ROLE {name} {login}; "
                       "EXCEPTION WHEN duplicate_object THEN NULL; END $$")  # fmt: skip
        _exec(session, f"ALTER ROLE {name} {login}")
        if password is not None:
            _exec(session, "SET LOCAL password_encryption = 'scram-sha-256'")
            _exec(session, f"ALTER ROLE {name} PASSWORD {literal(password)}")
        wanted = {groups.users, groups.role(user.role), groups.organisation(user.organisation_id)}
        _ensure_group(session, groups.organisation(user.organisation_id))
        member_of = session.execute(sa.text(
            "SELECT g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid "
            "JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = :name"
        ), {"name": user.username}).scalars()  # fmt: skip
        current = {g for g in member_of if g.startswith(groups.prefix + "_")}  # this database's groups only
        for group in sorted(wanted - current):
            _exec(session, f"GRANT {ident(group)} TO {name}")
        for group in sorted(current - wanted):
            _exec(session, f"REVOKE {ident(group)} FROM {name}")
    except sa.exc.ProgrammingError as exc:
        if "permission denied" in str(exc.orig).lower():
            raise PermissionDeniedError(
                _("The database login used here may not create or change roles; ask the database owner.")
            ) from exc
        raise
