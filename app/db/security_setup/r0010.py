"""The security set-up of schema revision 0010. Frozen: never edit this module once released; a later
revision that changes the set-up adds a module of its own (see the package docstring).

Changed from 0008: gallring (migration 0010). Every login reads `retention_policy` (how many years
each kind of record is kept) and `gallring_run` (what each run removed, when, by whom);
administrators set the policy (insert, update, delete: a deleted row keeps for ever, as years NULL
does), each change in the audit trail; nobody but the owner writes a run. The gallring itself is
the owner's: it is run from the command line (`trygghetscenter gallra`, a scheduled task), which
connects as the owner, and no login gets DELETE on `audit_entry` nor on another organisation's
observations, so no definer function is needed and none is added (a definer function that
deletes in bulk would be one more door; the owner's password stays off the desks).

As in 0008: the summaries of the lägesbild (migration 0008: `observation_day_summary`,
`observation_month_summary`, `observation_hour_summary`, `observation_month_hour_summary`) are
read by every login under the same rule as the observations they count: a summary row holds only
open observations or only one organisation's internal ones, and a login sees it where it would see
those observations. Nobody but the owner writes them: the triggers on `observation` do, through
the definer function `tc_observation_summaries()`, which no login may execute directly.

What it promises, for every personal login (a direct member of `<db>_users`) and the gate:

- Definer functions follow PostgreSQL's "Writing SECURITY DEFINER Functions Safely": their search
  path is `pg_catalog, pg_temp` (no schema anyone else may write, the temporary schema last) and
  every name of ours is written `public.…`, so a temporary table or a function of the caller's
  cannot stand in for `app_user`, `pg_roles` or `audit_entry`. Nobody but the owner may create
  temporary objects or objects in `public`; EXECUTE on our functions is granted to the roles that
  need each, never to PUBLIC.
- Ids are the database's: no personal login inserts or updates an `id` column (column grants), so
  a deleted row's id cannot be taken over and a row cannot be renumbered.
- Each audit entry records, at the time of the change, the row's organisation and whether it was
  internal (before or after the change); who may read the entry is decided from the entry alone.
- Authors are the session's: `reported_by_id`, `action_update.author_id` and
  `follow_up_meeting.created_by_id` are set from the login on insert and kept on update.
- Accounts: an organisation's administrators create and change only their own organisation's
  accounts; nobody changes their own username, organisation, role or active flag; usernames and
  organisations of accounts are changed only by the owner (the command line).
- A disabled account writes nothing, also in a session it already had open; disabling an account
  or setting its password ends the login's open sessions (where the owner may signal them).
- A merge of places is an active administrator's: `tc_merge_places()` refuses anyone else, a place
  merged into itself or into one that does not exist, and moves every observation (of every
  organisation), action link and meeting link before it deletes the place, so no row is lost.
- A summary shows a login only what the observations it counts would show: the open rows, and the
  login's own organisation's internal rows; no login inserts, changes or deletes a summary row.
- Gallring: every login reads the retention policy and the record of runs; only administrators
  change the policy (each change audited, under the login's name); no login inserts, changes or
  deletes a `gallring_run` row or an audit entry: the gallring is the owner's.
- The gate may connect and execute `tc_gate_state()` and `tc_gate_failed()`, nothing else of ours.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

REVISION = "0010"
SEARCH_PATH = "pg_catalog, pg_temp"


class GroupNames(Protocol):
    prefix: str
    users: str
    gate: str

    def role(self, role: str) -> str: ...


# The tables as revision 0010 has them.
AUDITED = (
    "action",
    "action_update",
    "agreement_period",
    "app_user",
    "area",
    "category",
    "category_area",
    "follow_up_meeting",
    "indicator",
    "measurement",
    "observation",
    "organisation",
    "place",
    "retention_policy",
    "gallring_run",
)
EDITOR_TABLES = (
    "observation",
    "action",
    "action_update",
    "action_area",
    "action_place",
    "action_indicator",
    "indicator",
    "measurement",
    "follow_up_meeting",
    "meeting_organisation",
    "meeting_focus_place",
    "meeting_action",
)
ADMIN_TABLES = ("organisation", "agreement_period", "area", "category", "category_area", "place", "retention_policy")
# The summaries of the lägesbild (migration 0008), written by its triggers only.
SUMMARY_TABLES = (
    "observation_day_summary",
    "observation_month_summary",
    "observation_hour_summary",
    "observation_month_hour_summary",
)
# What each run of the gallring removed (migration 0010), written by the owner only.
RUN_TABLES = ("gallring_run",)
READABLE = (
    *EDITOR_TABLES,
    *ADMIN_TABLES,
    *SUMMARY_TABLES,
    *RUN_TABLES,
    "alembic_version",
)  # app_user: all columns but the hash
# The column that names who wrote a row: set from the login, never chosen.
AUTHOR_COLUMNS = {"observation": "reported_by_id", "action_update": "author_id", "follow_up_meeting": "created_by_id"}
# Link tables: (parent table, parent column, other column, the parent's field in the trail, as
# app/services/audit.py names it). Links are added and removed, never updated.
LINKS = {
    "action_area": ("action", "action_id", "area_id", "areas"),
    "action_place": ("action", "action_id", "place_id", "places"),
    "action_indicator": ("action", "action_id", "indicator_id", "indicators"),
    "meeting_organisation": ("follow_up_meeting", "meeting_id", "organisation_id", "organisations"),
    "meeting_focus_place": ("follow_up_meeting", "meeting_id", "place_id", "focus_places"),
    "meeting_action": ("follow_up_meeting", "meeting_id", "action_id", "actions"),
}
# The program's usernames (app/services/users.py), and the longest name PostgreSQL gives a role.
USERNAME_PATTERN = "^[a-z0-9._-]{2,63}$"
USER_SELF_UPDATE = ("password_hash", "version")
USER_ADMIN_UPDATE = ("display_name", "role", "active", "password_hash", "version")
FUNCTIONS_FOR_USERS = (
    "tc_session_org()",
    "tc_session_user_id()",
    "tc_session_role()",
    "tc_has_password(integer)",
    "tc_sync_login(text, text, boolean)",
    "tc_signed_in()",
    "tc_merge_places(integer, integer)",
)
FUNCTIONS_FOR_GATE = ("tc_gate_state(text)", "tc_gate_failed(text)")
OBSOLETE = (
    "DROP FUNCTION IF EXISTS public.tc_audit_visible(text, integer)",
    "DROP FUNCTION IF EXISTS public.tc_sync_login(text, text, boolean)",
)


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _definer(name: str, signature: str, returns: str, language: str, body: str, volatility: str = "") -> str:
    return (
        f"CREATE OR REPLACE FUNCTION public.{name}({signature}) RETURNS {returns} LANGUAGE {language} "
        f"{volatility} SECURITY DEFINER SET search_path = {SEARCH_PATH} AS $fn$ {body} $fn$"
    )


def functions(groups: GroupNames, lock_after: int, lock_for_seconds: int) -> list[str]:
    users = literal(groups.users)
    prefix = literal(groups.prefix + "_")
    gate = literal(groups.gate)
    session_lookup = "SELECT {column} FROM public.app_user WHERE username = session_user AND active"
    return [
        *OBSOLETE,
        _definer("tc_session_org", "", "integer", "sql", session_lookup.format(column="organisation_id"), "STABLE"),
        _definer("tc_session_user_id", "", "integer", "sql", session_lookup.format(column="id"), "STABLE"),
        _definer("tc_session_role", "", "text", "sql", session_lookup.format(column="role::text"), "STABLE"),
        _definer(
            "tc_has_password",
            "user_id integer",
            "boolean",
            "sql",
            "SELECT password_hash IS NOT NULL FROM public.app_user WHERE id = user_id",
            "STABLE",
        ),
        # Personal logins are direct members of the users group (pg_has_role would also say yes
        # for a superuser, which the program's own connection may be).
        _definer(
            "tc_is_personal_login",
            "",
            "boolean",
            "sql",
            f"""
            SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m
                             JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                             JOIN pg_catalog.pg_roles u ON u.oid = m.member
                            WHERE g.rolname = {users} AND u.rolname = session_user)""",
            "STABLE",
        ),
        _definer(
            "tc_audit",
            "",
            "trigger",
            "plpgsql",
            """
        DECLARE
            old_values jsonb;
            new_values jsonb;
            changed_row integer;
            row_org integer;
            internal boolean;
        BEGIN
            -- The program's own connection records its changes itself (app/services/audit.py).
            IF NOT public.tc_is_personal_login() THEN
                RETURN NULL;
            END IF;
            row_org := coalesce(pg_catalog.to_jsonb(NEW) ->> 'organisation_id',
                                pg_catalog.to_jsonb(OLD) ->> 'organisation_id')::integer;
            internal := coalesce(pg_catalog.to_jsonb(OLD) ->> 'classification' = 'internal', false)
                        OR coalesce(pg_catalog.to_jsonb(NEW) ->> 'classification' = 'internal', false);
            IF TG_OP = 'INSERT' THEN
                new_values := pg_catalog.to_jsonb(NEW) - 'password_hash';
                changed_row := NEW.id;
            ELSIF TG_OP = 'DELETE' THEN
                old_values := pg_catalog.to_jsonb(OLD) - 'password_hash';
                changed_row := OLD.id;
            ELSE
                SELECT pg_catalog.jsonb_object_agg(o.key, o.value) INTO old_values
                  FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(OLD) - 'password_hash' - 'version' - 'last_login_at') o
                 WHERE (pg_catalog.to_jsonb(NEW) -> o.key) IS DISTINCT FROM o.value;
                SELECT pg_catalog.jsonb_object_agg(n.key, n.value) INTO new_values
                  FROM pg_catalog.jsonb_each(pg_catalog.to_jsonb(NEW) - 'password_hash' - 'version' - 'last_login_at') n
                 WHERE (pg_catalog.to_jsonb(OLD) -> n.key) IS DISTINCT FROM n.value;
                IF (pg_catalog.to_jsonb(OLD) -> 'password_hash') IS DISTINCT FROM (pg_catalog.to_jsonb(NEW) -> 'password_hash') THEN
                    old_values := coalesce(old_values, '{}'::jsonb) || '{"password": "********"}'::jsonb;
                    new_values := coalesce(new_values, '{}'::jsonb) || '{"password": "********"}'::jsonb;
                END IF;
                IF new_values IS NULL THEN
                    RETURN NULL;
                END IF;
                changed_row := NEW.id;
            END IF;
            INSERT INTO public.audit_entry (occurred_at, user_id, username, table_name, row_id, operation,
                                            old_values, new_values, row_organisation_id, row_internal)
            VALUES (pg_catalog.now(), public.tc_session_user_id(), session_user, TG_TABLE_NAME, changed_row,
                    pg_catalog.lower(TG_OP), old_values::json, new_values::json, row_org, internal);
            RETURN NULL;
        END""",
        ),
        # A link added or removed (an action's places, a meeting's actions …) is a change of the
        # parent row's field, with the sorted id lists before and after, as the program records it.
        _definer(
            "tc_audit_link",
            "",
            "trigger",
            "plpgsql",
            """
        DECLARE
            parent_table text := TG_ARGV[0];
            parent_column text := TG_ARGV[1];
            other_column text := TG_ARGV[2];
            field text := TG_ARGV[3];
            changed jsonb := coalesce(pg_catalog.to_jsonb(NEW), pg_catalog.to_jsonb(OLD));
            parent integer := (changed ->> parent_column)::integer;
            other jsonb := changed -> other_column;
            after_ids jsonb;
            before_ids jsonb;
        BEGIN
            IF NOT public.tc_is_personal_login() THEN
                RETURN NULL;
            END IF;
            EXECUTE pg_catalog.format('SELECT coalesce(pg_catalog.jsonb_agg(%1$I ORDER BY %1$I), ''[]''::jsonb)'
                                      ' FROM public.%2$I WHERE %3$I = $1', other_column, TG_TABLE_NAME, parent_column)
               INTO after_ids USING parent;
            SELECT coalesce(pg_catalog.jsonb_agg(x.e ORDER BY (x.e #>> '{}')::integer), '[]'::jsonb) INTO before_ids
              FROM (SELECT a.e FROM pg_catalog.jsonb_array_elements(after_ids) a(e) WHERE TG_OP = 'DELETE' OR a.e <> other
                    UNION ALL SELECT other WHERE TG_OP = 'DELETE') x(e);
            INSERT INTO public.audit_entry (occurred_at, user_id, username, table_name, row_id, operation,
                                            old_values, new_values, row_organisation_id, row_internal)
            VALUES (pg_catalog.now(), public.tc_session_user_id(), session_user, parent_table, parent, 'update',
                    pg_catalog.jsonb_build_object(field, before_ids)::json,
                    pg_catalog.jsonb_build_object(field, after_ids)::json, NULL, false);
            RETURN NULL;
        END""",
        ),
        # Before every write of a personal login: a disabled account writes nothing; authors are the
        # login's (TG_ARGV[0] names the column); nobody changes their own account but its password,
        # and only the owner renames accounts or moves them between organisations.
        _definer(
            "tc_guard",
            "",
            "trigger",
            "plpgsql",
            """
        DECLARE
            me integer;
            author text := TG_ARGV[0];
        BEGIN
            IF NOT public.tc_is_personal_login() THEN
                IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                RETURN NEW;
            END IF;
            me := public.tc_session_user_id();
            IF me IS NULL THEN
                RAISE EXCEPTION 'the account % is disabled', session_user USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF TG_OP = 'DELETE' THEN
                RETURN OLD;
            END IF;
            IF author IS NOT NULL THEN
                NEW := pg_catalog.jsonb_populate_record(NEW, pg_catalog.jsonb_build_object(author,
                           CASE WHEN TG_OP = 'INSERT' THEN pg_catalog.to_jsonb(me) ELSE pg_catalog.to_jsonb(OLD) -> author END));
            END IF;
            IF TG_TABLE_NAME = 'app_user' AND (pg_catalog.to_jsonb(NEW) ->> 'username') !~ '^[a-z0-9._-]{2,63}$' THEN
                RAISE EXCEPTION 'a username is 2 to 63 of a-z, 0-9, ".", "_" and "-"' USING ERRCODE = 'check_violation';
            END IF;
            IF TG_TABLE_NAME = 'app_user' AND TG_OP = 'UPDATE' THEN
                IF (pg_catalog.to_jsonb(NEW) -> 'username') IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) -> 'username')
                   OR (pg_catalog.to_jsonb(NEW) -> 'organisation_id') IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) -> 'organisation_id') THEN
                    RAISE EXCEPTION 'only the database owner renames accounts or moves them to another organisation'
                          USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF (pg_catalog.to_jsonb(OLD) ->> 'username') = session_user
                   AND ((pg_catalog.to_jsonb(NEW) -> 'role') IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) -> 'role')
                        OR (pg_catalog.to_jsonb(NEW) -> 'active') IS DISTINCT FROM (pg_catalog.to_jsonb(OLD) -> 'active')) THEN
                    RAISE EXCEPTION 'nobody changes their own role or disables their own account'
                          USING ERRCODE = 'insufficient_privilege';
                END IF;
            END IF;
            RETURN NEW;
        END""",
        ),
        # Login roles follow app_user. Definer rights (the owner may create roles); it checks who
        # calls: the owner's connection, an administrator for their own organisation's accounts,
        # or a person about their own login (a new password). It never adopts a role that is not
        # already a plain login of this database, nor a name of this database's groups and gate.
        # Returns false when the login's open sessions had to be ended but could not be (the owner
        # lacks pg_signal_backend).
        _definer(
            "tc_sync_login",
            "login text, verifier text DEFAULT NULL, lift_lock boolean DEFAULT false",
            "boolean",
            "plpgsql",
            f"""
        DECLARE
            account public.app_user%ROWTYPE;
            existing pg_catalog.pg_roles%ROWTYPE;
            personal boolean := public.tc_is_personal_login();
            wanted text[];
            grp text;
            ended boolean := true;
        BEGIN
            SELECT * INTO account FROM public.app_user WHERE username = login;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'there is no user %', login USING ERRCODE = 'no_data_found';
            END IF;
            IF personal THEN
                IF public.tc_session_user_id() IS NULL THEN
                    RAISE EXCEPTION 'the account % is disabled', session_user USING ERRCODE = 'insufficient_privilege';
                ELSIF login <> session_user AND coalesce(public.tc_session_role(), '') <> 'admin' THEN
                    RAISE EXCEPTION 'only administrators change other users'' logins' USING ERRCODE = 'insufficient_privilege';
                ELSIF login <> session_user AND account.organisation_id IS DISTINCT FROM public.tc_session_org() THEN
                    RAISE EXCEPTION 'administrators change only their own organisation''s logins'
                          USING ERRCODE = 'insufficient_privilege';
                END IF;
            END IF;
            IF personal AND login = session_user AND lift_lock AND verifier IS NULL THEN
                RAISE EXCEPTION 'a lock is lifted by an administrator, or by setting a new password'
                      USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF login !~ {literal(USERNAME_PATTERN)} OR login = {gate}
               OR pg_catalog.left(login, {len(groups.prefix) + 1}) = {prefix} THEN
                RAISE EXCEPTION 'the database role % is not a plain login', login USING ERRCODE = 'duplicate_object';
            END IF;
            SELECT * INTO existing FROM pg_catalog.pg_roles WHERE rolname = login;
            IF FOUND THEN
                IF existing.rolsuper OR existing.rolcreaterole OR existing.rolcreatedb OR existing.rolreplication
                   OR existing.rolbypassrls OR login = current_user
                   OR EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m WHERE m.roleid = existing.oid)
                   OR EXISTS (SELECT 1 FROM pg_catalog.pg_database d WHERE d.datdba = existing.oid)
                   OR NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                                   WHERE m.member = existing.oid AND g.rolname = {users}) THEN
                    RAISE EXCEPTION 'the database role % is not a plain login', login USING ERRCODE = 'duplicate_object';
                END IF;
            ELSE
                EXECUTE pg_catalog.format('CREATE ROLE %I', login);
            END IF;
            EXECUTE pg_catalog.format('ALTER ROLE %I %s', login, CASE WHEN account.active THEN 'LOGIN' ELSE 'NOLOGIN' END);
            IF verifier IS NOT NULL THEN
                IF verifier NOT LIKE 'SCRAM-SHA-256$%' THEN
                    RAISE EXCEPTION 'a password is set only as a SCRAM-SHA-256 verifier' USING ERRCODE = 'invalid_parameter_value';
                END IF;
                EXECUTE pg_catalog.format('ALTER ROLE %I PASSWORD %L', login, verifier);
                -- Over a personal login the program records the new password as a change (or the
                -- creation) of the account: the trigger, in this transaction. A login's password set
                -- with raw SQL alone is recorded here.
                IF personal AND NOT EXISTS (
                       SELECT 1 FROM public.audit_entry e
                        WHERE e.table_name = 'app_user' AND e.row_id = account.id AND e.username = session_user
                          AND e.occurred_at = pg_catalog.now()
                          AND (e.operation = 'insert' OR (e.new_values::jsonb -> 'password') IS NOT NULL)) THEN
                    INSERT INTO public.audit_entry (occurred_at, user_id, username, table_name, row_id, operation,
                                                    old_values, new_values, row_organisation_id, row_internal)
                    VALUES (pg_catalog.now(), public.tc_session_user_id(), session_user, 'app_user', account.id, 'update',
                            '{{"password": "********"}}', '{{"password": "********"}}', account.organisation_id, false);
                END IF;
            END IF;
            wanted := ARRAY[{users}, {prefix} || account.role::text || 's', {prefix} || 'org_' || account.organisation_id];
            BEGIN
                EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', wanted[3]);
            EXCEPTION WHEN duplicate_object THEN NULL;
            END;
            FOREACH grp IN ARRAY wanted LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                                 JOIN pg_catalog.pg_roles u ON u.oid = m.member WHERE g.rolname = grp AND u.rolname = login) THEN
                    EXECUTE pg_catalog.format('GRANT %I TO %I', grp, login);
                END IF;
            END LOOP;
            FOR grp IN SELECT g.rolname FROM pg_catalog.pg_auth_members m JOIN pg_catalog.pg_roles g ON g.oid = m.roleid
                         JOIN pg_catalog.pg_roles u ON u.oid = m.member
                        WHERE u.rolname = login AND pg_catalog.left(g.rolname, {len(groups.prefix) + 1}) = {prefix} LOOP
                IF NOT grp = ANY (wanted) THEN  -- this database's groups only; others are left alone
                    EXECUTE pg_catalog.format('REVOKE %I FROM %I', grp, login);
                END IF;
            END LOOP;
            IF lift_lock THEN
                DELETE FROM public.sign_in_throttle WHERE username = login;
            END IF;
            -- A new password or a closed account ends the sessions the login has open (PostgreSQL
            -- would let them go on); the caller's own session goes on.
            IF verifier IS NOT NULL OR NOT account.active THEN
                BEGIN
                    PERFORM pg_catalog.pg_terminate_backend(a.pid) FROM pg_catalog.pg_stat_activity a
                     WHERE a.usename = login AND a.datname = pg_catalog.current_database()
                       AND a.pid <> pg_catalog.pg_backend_pid();
                EXCEPTION WHEN insufficient_privilege THEN
                    ended := false;
                END;
            END IF;
            RETURN ended;
        END""",
        ),
        _definer(
            "tc_gate_state",
            "login text, OUT failures integer, OUT last_failure_at timestamptz, "
            "OUT locked_until timestamptz, OUT server_now timestamptz",
            "record",
            "sql",
            """
            SELECT t.failures, t.last_failure_at, t.locked_until, pg_catalog.now()
              FROM (SELECT 1) one LEFT JOIN public.sign_in_throttle t ON t.username = pg_catalog.left(login, 64)""",
            "STABLE",
        ),
        _definer(
            "tc_gate_failed",
            "login text",
            "void",
            "plpgsql",
            f"""
        BEGIN
            INSERT INTO public.sign_in_throttle (username, failures) VALUES (pg_catalog.left(login, 64), 0)
                ON CONFLICT DO NOTHING;
            UPDATE public.sign_in_throttle
               SET failures = CASE WHEN locked_until <= pg_catalog.now() THEN 1 ELSE failures + 1 END,
                   locked_until = CASE WHEN locked_until <= pg_catalog.now() THEN NULL ELSE locked_until END,
                   last_failure_at = pg_catalog.now()
             WHERE username = pg_catalog.left(login, 64);
            UPDATE public.sign_in_throttle SET locked_until = pg_catalog.now() + interval '{lock_for_seconds} seconds'
             WHERE username = pg_catalog.left(login, 64) AND failures >= {lock_after};
        END""",
        ),
        # Two places that are the same: everything that refers to `source` moves to `target`, then
        # `source` goes (app/services/reference.py merge_places). Definer rights, because the
        # administrator's own login does not see other organisations' internal observations, which
        # must move too; the triggers still record each moved row and the deletion under the
        # administrator's name. A link the other row already has to the target is dropped, not doubled.
        _definer(
            "tc_merge_places",
            "source integer, target integer",
            "TABLE(observations integer, actions integer, meetings integer)",
            "plpgsql",
            """
        DECLARE
            gone integer := tc_merge_places.source;
            kept integer := tc_merge_places.target;
            moved_observations integer;
            moved_actions integer;
            moved_meetings integer;
        BEGIN
            IF public.tc_session_user_id() IS NULL THEN
                RAISE EXCEPTION 'the account % is disabled or no account of this program', session_user
                      USING ERRCODE = 'insufficient_privilege';
            ELSIF public.tc_session_role() IS DISTINCT FROM 'admin' THEN
                RAISE EXCEPTION 'only administrators merge places' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF gone IS NULL OR kept IS NULL OR gone = kept THEN
                RAISE EXCEPTION 'a place is merged into another place' USING ERRCODE = 'invalid_parameter_value';
            END IF;
            -- Both places locked, in the order of their ids: two merges of the same pair wait, not deadlock.
            PERFORM 1 FROM public.place p WHERE p.id IN (gone, kept) ORDER BY p.id FOR UPDATE;
            IF NOT EXISTS (SELECT 1 FROM public.place p WHERE p.id = gone) THEN
                RAISE EXCEPTION 'there is no place %', gone USING ERRCODE = 'no_data_found';
            ELSIF NOT EXISTS (SELECT 1 FROM public.place p WHERE p.id = kept) THEN
                RAISE EXCEPTION 'there is no place %', kept USING ERRCODE = 'no_data_found';
            END IF;
            UPDATE public.observation o SET place_id = kept, version = o.version + 1 WHERE o.place_id = gone;
            GET DIAGNOSTICS moved_observations = ROW_COUNT;
            INSERT INTO public.action_place (action_id, place_id)
                 SELECT l.action_id, kept FROM public.action_place l
                  WHERE l.place_id = gone
                    AND NOT EXISTS (SELECT 1 FROM public.action_place t WHERE t.action_id = l.action_id AND t.place_id = kept);
            DELETE FROM public.action_place l WHERE l.place_id = gone;
            GET DIAGNOSTICS moved_actions = ROW_COUNT;
            INSERT INTO public.meeting_focus_place (meeting_id, place_id)
                 SELECT l.meeting_id, kept FROM public.meeting_focus_place l
                  WHERE l.place_id = gone
                    AND NOT EXISTS (SELECT 1 FROM public.meeting_focus_place t
                                     WHERE t.meeting_id = l.meeting_id AND t.place_id = kept);
            DELETE FROM public.meeting_focus_place l WHERE l.place_id = gone;
            GET DIAGNOSTICS moved_meetings = ROW_COUNT;
            DELETE FROM public.place p WHERE p.id = gone;
            observations := moved_observations;
            actions := moved_actions;
            meetings := moved_meetings;
            RETURN NEXT;
        END""",
        ),
        # Over the person's own connection once it is open: a locked username stays locked even for
        # the right password; a success clears the count and notes the time.
        _definer(
            "tc_signed_in",
            "",
            "timestamptz",
            "plpgsql",
            """
        DECLARE
            until timestamptz;
        BEGIN
            SELECT locked_until INTO until FROM public.sign_in_throttle
             WHERE username = session_user AND locked_until > pg_catalog.now();
            IF until IS NOT NULL THEN
                RETURN until;
            END IF;
            DELETE FROM public.sign_in_throttle WHERE username = session_user;
            UPDATE public.app_user SET last_login_at = pg_catalog.now() WHERE username = session_user;
            RETURN NULL;
        END""",
        ),
    ]


def privileges(groups: GroupNames, database: str, columns: Callable[[str], list[str]]) -> list[str]:
    """`columns(table)` lists a table's columns as the database has them."""
    users, gate = ident(groups.users), ident(groups.gate)
    readers, editors, admins = (ident(groups.role(r)) for r in ("reader", "editor", "admin"))
    everyone = f"PUBLIC, {users}, {readers}, {editors}, {admins}, {gate}"

    def cols(table: str, wanted=None) -> str:
        names = [c for c in columns(table) if c != "id" and (wanted is None or c in wanted)]
        return ", ".join(ident(c) for c in names)

    statements = [
        f"REVOKE ALL ON DATABASE {ident(database)} FROM {everyone}",  # no TEMPORARY, no CREATE
        f"GRANT CONNECT ON DATABASE {ident(database)} TO {users}, {gate}",
        f"REVOKE ALL ON SCHEMA public FROM {everyone}",
        f"GRANT USAGE ON SCHEMA public TO {users}, {gate}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {everyone}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {everyone}",
        f"REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public FROM {everyone}",
        "ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
        f"GRANT SELECT ON {', '.join(map(ident, READABLE))} TO {users}",
        f"GRANT SELECT ({', '.join(ident(c) for c in columns('app_user') if c != 'password_hash')}) "
        f"ON app_user TO {users}",
        f"GRANT UPDATE ({', '.join(USER_SELF_UPDATE)}) ON app_user TO {users}",
        f"GRANT INSERT ({cols('app_user')}), UPDATE ({', '.join(USER_ADMIN_UPDATE)}) ON app_user TO {admins}",
        f"GRANT SELECT ON audit_entry, sign_in_throttle TO {admins}",  # the trail; who is locked out
    ]
    for table, writers in [*((t, f"{editors}, {admins}") for t in EDITOR_TABLES), *((t, admins) for t in ADMIN_TABLES)]:
        if table in LINKS:
            statements.append(f"GRANT INSERT, DELETE ON {ident(table)} TO {writers}")
        else:
            statements.append(
                f"GRANT INSERT ({cols(table)}), UPDATE ({cols(table)}), DELETE ON {ident(table)} TO {writers}"
            )
    # Each writer may draw ids only for the tables it inserts into (not the trail's, say).
    for tables, writers in (
        ([t for t in EDITOR_TABLES if t not in LINKS], f"{editors}, {admins}"),
        ((*ADMIN_TABLES, "app_user"), admins),
    ):
        statements.append(f"""DO $do$ DECLARE t text; s text; BEGIN
            FOREACH t IN ARRAY ARRAY[{", ".join(map(literal, tables))}] LOOP
                s := pg_catalog.pg_get_serial_sequence('public.' || pg_catalog.quote_ident(t), 'id');
                IF s IS NOT NULL THEN
                    EXECUTE pg_catalog.format('GRANT USAGE ON SEQUENCE %s TO {writers.replace("'", "''")}', s);
                END IF;
            END LOOP; END $do$""")
    statements += [f"GRANT EXECUTE ON FUNCTION public.{f} TO {users}" for f in FUNCTIONS_FOR_USERS]
    statements += [f"GRANT EXECUTE ON FUNCTION public.{f} TO {gate}" for f in FUNCTIONS_FOR_GATE]
    return statements


def _policy(table: str, name: str, body: str) -> list[str]:
    return [f"DROP POLICY IF EXISTS {name} ON public.{table}", f"CREATE POLICY {name} ON public.{table} {body}"]


def policies() -> list[str]:
    own = "organisation_id = public.tc_session_org()"
    writer = "public.tc_session_role() IN ('admin', 'editor')"
    admin = "public.tc_session_role() = 'admin'"
    # ENABLE, not FORCE: the owner (migrations, the command line) is not bound by them.
    out = ["ALTER TABLE public.observation ENABLE ROW LEVEL SECURITY"]
    out += _policy("observation", "tc_read", f"FOR SELECT USING (classification = 'open' OR {own})")
    out += _policy("observation", "tc_insert", f"FOR INSERT WITH CHECK ({own} AND {writer})")
    out += _policy("observation", "tc_update", f"FOR UPDATE USING ({own} AND {writer}) WITH CHECK ({own})")
    out += _policy("observation", "tc_delete", f"FOR DELETE USING ({own} AND {writer})")
    # The summaries: read as the observations they count; there is no policy for writing, and no grant.
    for table in SUMMARY_TABLES:
        out.append(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        out += _policy(table, "tc_read", f"FOR SELECT USING (classification = 'open' OR {own})")
    # The action plan: an action, its log and its links are changed by the responsible organisation
    # (administrators: any), as in app/services/actions.py.
    responsible = f"({admin} OR responsible_organisation_id = public.tc_session_org())"
    out.append("ALTER TABLE public.action ENABLE ROW LEVEL SECURITY")
    out += _policy("action", "tc_read", "FOR SELECT USING (true)")
    out += _policy("action", "tc_insert", f"FOR INSERT WITH CHECK {responsible}")
    out += _policy("action", "tc_update", f"FOR UPDATE USING {responsible} WITH CHECK {responsible}")
    out += _policy("action", "tc_delete", f"FOR DELETE USING {responsible}")
    of_action = (
        f"({admin} OR EXISTS (SELECT 1 FROM public.action a WHERE a.id = action_id"
        " AND a.responsible_organisation_id = public.tc_session_org()))"
    )
    for table in ("action_update", "action_area", "action_place", "action_indicator"):
        out.append(f"ALTER TABLE public.{table} ENABLE ROW LEVEL SECURITY")
        out += _policy(table, "tc_read", "FOR SELECT USING (true)")
        out += _policy(table, "tc_insert", f"FOR INSERT WITH CHECK {of_action}")
        out += _policy(table, "tc_update", f"FOR UPDATE USING {of_action} WITH CHECK {of_action}")
        out += _policy(table, "tc_delete", f"FOR DELETE USING {of_action}")
    # A meeting is deleted only by an administrator or the person who recorded it (app/services/meetings.py).
    out.append("ALTER TABLE public.follow_up_meeting ENABLE ROW LEVEL SECURITY")
    out += _policy("follow_up_meeting", "tc_read", "FOR SELECT USING (true)")
    out += _policy("follow_up_meeting", "tc_insert", f"FOR INSERT WITH CHECK ({writer})")
    out += _policy("follow_up_meeting", "tc_update", f"FOR UPDATE USING ({writer}) WITH CHECK ({writer})")
    out += _policy(
        "follow_up_meeting", "tc_delete", f"FOR DELETE USING ({admin} OR created_by_id = public.tc_session_user_id())"
    )
    # An indicator is deleted only while nobody has used it (app/services/followup.py): its
    # measurements and links are history.
    out.append("ALTER TABLE public.indicator ENABLE ROW LEVEL SECURITY")
    out += _policy("indicator", "tc_read", "FOR SELECT USING (true)")
    out += _policy("indicator", "tc_insert", f"FOR INSERT WITH CHECK ({writer})")
    out += _policy("indicator", "tc_update", f"FOR UPDATE USING ({writer}) WITH CHECK ({writer})")
    out += _policy(
        "indicator",
        "tc_delete",
        f"FOR DELETE USING ({writer}"
        " AND NOT EXISTS (SELECT 1 FROM public.measurement m WHERE m.indicator_id = indicator.id)"
        " AND NOT EXISTS (SELECT 1 FROM public.action_indicator l WHERE l.indicator_id = indicator.id))",
    )
    # Accounts: everyone reads them (not the hash: column grants); administrators add and change
    # their own organisation's; everyone changes their own password (column grants, tc_guard).
    own_org_admin = f"({admin} AND {own})"
    out.append("ALTER TABLE public.app_user ENABLE ROW LEVEL SECURITY")
    out += _policy("app_user", "tc_read", "FOR SELECT USING (true)")
    out += _policy("app_user", "tc_insert", f"FOR INSERT WITH CHECK {own_org_admin}")
    out += _policy(
        "app_user",
        "tc_update",
        f"FOR UPDATE USING ({own_org_admin} OR username = session_user) "
        f"WITH CHECK ({own_org_admin} OR username = session_user)",
    )
    # The trail: administrators read it, but not what was written while a row of another
    # organisation was internal (the entry says so itself).
    out.append("ALTER TABLE public.audit_entry ENABLE ROW LEVEL SECURITY")
    out += _policy(
        "audit_entry",
        "tc_read",
        f"FOR SELECT USING ({admin} AND (NOT row_internal OR row_organisation_id = public.tc_session_org()))",
    )
    return out


def triggers() -> list[str]:
    out = []
    for table in AUDITED:
        out += [
            f"DROP TRIGGER IF EXISTS tc_audit ON public.{ident(table)}",
            f"CREATE TRIGGER tc_audit AFTER INSERT OR UPDATE OR DELETE ON public.{ident(table)} "
            "FOR EACH ROW EXECUTE FUNCTION public.tc_audit()",
        ]
    for table, (parent, parent_column, other_column, field) in LINKS.items():
        arguments = ", ".join(map(literal, (parent, parent_column, other_column, field)))
        out += [
            f"DROP TRIGGER IF EXISTS tc_audit ON public.{ident(table)}",
            f"CREATE TRIGGER tc_audit AFTER INSERT OR DELETE ON public.{ident(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION public.tc_audit_link({arguments})",
        ]
    for table in sorted({*EDITOR_TABLES, *ADMIN_TABLES, "app_user"}):
        author = AUTHOR_COLUMNS.get(table)
        out += [
            f"DROP TRIGGER IF EXISTS tc_guard ON public.{ident(table)}",
            f"CREATE TRIGGER tc_guard BEFORE INSERT OR UPDATE OR DELETE ON public.{ident(table)} "
            f"FOR EACH ROW EXECUTE FUNCTION public.tc_guard({literal(author) if author else ''})",
        ]
    return out


def statements(
    groups: GroupNames, database: str, columns: Callable[[str], list[str]], lock_after: int, lock_for_seconds: int
) -> list[str]:
    """The whole set-up, in order; every statement may run again (idempotent)."""
    return [
        *functions(groups, lock_after, lock_for_seconds),
        *privileges(groups, database, columns),
        *policies(),
        *triggers(),
    ]
