"""The `trygghetscenter db` commands: the schema's state, upgrades, and PostgreSQL's roles and security."""

from __future__ import annotations

import argparse
import secrets

import sqlalchemy as sa

from app.cli.common import (
    EXIT_OK,
    PROG,
    command,
    database_url,
    open_database,
    out,
    subcommands,
    system_session,
    table,
)
from app.db import pg_security
from app.db.engine import Database, network_warning
from app.db.migrate import (
    SchemaState,
    integrity_problems,
    mismatch,
    schema_status,
    upgrade,
)
from app.i18n import _
from app.services import users as user_service

EXIT_DIFFERENT = 1  # db rebuild-summaries --check: the summaries do not agree with the observations


def register(commands) -> None:
    """Add `db status`, `db upgrade`, `db init-roles [--new-gate-password]` and `db rebuild-summaries [--check]`."""
    db = command(commands, "db", _("check or upgrade the database schema"))
    db_commands = subcommands(db, "db_command", required=True)
    command(db_commands, "status", _("show the schema version of the database and of this program"), cmd_db_status)
    command(
        db_commands,
        "upgrade",
        _("create or upgrade the tables (a SQLite file is copied aside first)"),
        cmd_db_upgrade,
    )
    init_roles = command(
        db_commands,
        "init-roles",
        _("PostgreSQL: create login and group roles, row-level security and audit triggers (run by the owner)"),
        cmd_db_init_roles,
    )
    init_roles.add_argument(
        "--new-gate-password",
        action="store_true",
        help=_("give the sign-in gate a new password (it gets one when it is first created)"),
    )
    rebuild = command(
        db_commands,
        "rebuild-summaries",
        _("build the summaries of the lägesbild afresh from the observations (run by the owner)"),
        cmd_db_rebuild_summaries,
    )
    rebuild.add_argument(
        "--check",
        action="store_true",
        help=_("only compare the summaries with the observations; exit status 1 if they differ"),
    )


def cmd_db_status(args: argparse.Namespace) -> int:
    db = Database(database_url(args))
    try:
        status = schema_status(db)
        security = _security_rows(db) if status.state is SchemaState.CURRENT and db.dialect == "postgresql" else []
        warning = network_warning(db)
        if warning:
            security.append([_("Warning"), warning])
        if db.is_sqlite and status.state is not SchemaState.EMPTY:
            problems = integrity_problems(db, quick=False)
            security.append(
                [
                    _("File check"),
                    _("sound")
                    if not problems
                    else _(
                        "damaged ({problem}); restore it from a backup (db upgrade keeps copies named {path}.VERSION.bak)",
                        problem=problems[0],
                        path=db.url.database,
                    ),
                ]
            )
    finally:
        db.dispose()
    if status.state is SchemaState.CURRENT:
        state = _("up to date")
    elif status.state is SchemaState.EMPTY:
        state = _("empty; the tables are created when the program first starts")
    else:
        state = mismatch(db, status).message
    out(
        table(
            [_("Database"), db.describe()],
            [
                [_("Schema version in the database"), status.current or "–"],
                [_("Schema version of this program"), status.head],
                [_("State"), state],
                *security,
            ],
        )
    )
    return EXIT_OK


def _security_rows(db: Database) -> list[list[str]]:
    """Whether the database enforces access itself, how desks must sign in, and any drift of its
    security set-up from what its schema version expects (app/db/security_setup)."""
    with system_session(db) as session:
        if not pg_security.is_enabled(session):
            return [
                [_("Access enforced by the database"), _("no ('db init-roles' not run)")],
                [_("Desks sign in with"), _("the program's accounts (sign_in = program)")],
            ]
        rows = [
            [_("Access enforced by the database"), _("yes")],
            [_("Desks sign in with"), _("the person's own database login (sign_in = database)")],
        ]
        try:
            drift = pg_security.security_drift(session)
        except sa.exc.DBAPIError:
            return [*rows, [_("Security set-up"), _("not checked: only the database owner can compare it")]]
        finally:
            session.rollback()
    if not drift:
        return [
            *rows,
            [_("Security set-up"), _("as schema version {version} expects", version=pg_security.HEAD.REVISION)],
        ]
    lines = [_("missing: {item}", item=i) for i in drift.missing] + [_("extra: {item}", item=i) for i in drift.extra]
    lines += [_("changed: {item}", item=i) for i in drift.changed]
    return [
        *rows,
        [
            _("Security set-up"),
            _(
                "drifted from what schema version {version} expects; 'db init-roles' restores it:",
                version=pg_security.HEAD.REVISION,
            ),
        ],
        *[["", line] for line in lines],
    ]


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = Database(database_url(args))
    refreshed = None
    try:
        before = schema_status(db)
        after, backup = upgrade(db)
        if before.state is SchemaState.OLDER:
            # New tables need their grants, policies and triggers before personal logins may use them.
            with system_session(db) as session:
                if pg_security.is_enabled(session):
                    refreshed = pg_security.init_roles(session)
    finally:
        db.dispose()
    url = db.describe()
    if before.state is SchemaState.CURRENT:
        out(
            _(
                "The database {url} is already at schema version {version}; nothing to do.",
                url=url,
                version=after.current,
            )
        )
    elif before.state is SchemaState.EMPTY:
        out(_("Created the tables in {url} at schema version {version}.", url=url, version=after.current))
        out(
            _(
                "The database is empty: describe the office with '{setup}', or try the program with '{demo}'.",
                setup=f"{PROG} setup",
                demo=f"{PROG} demo",
            )
        )
    else:
        out(
            _(
                "Upgraded {url} from schema version {old} to {new}.",
                url=url,
                old=before.current,
                new=after.current,
            )
        )
    if backup is not None:
        out(_("The database file as it was before is kept at {path}", path=backup))
    if refreshed is not None:
        out(_("The database's roles, grants, row-level security and audit triggers were brought up to date."))
        _report_init(refreshed)
    return EXIT_OK


def _report_init(result) -> None:
    """What init-roles could not do: accounts it did not give a login, sessions it cannot end."""
    if result.refused:
        out(
            _(
                "These accounts have no database login, since a role of that name exists that is not a login of this "
                "database (the sign-in gate, a group, another program's login); rename them: {names}",
                names=", ".join(result.refused),
            )
        )
    if not result.can_end_sessions:
        out(
            _(
                "The owner may not end the open sessions of a disabled login; their writes are refused all the same. "
                "To end them at once, a superuser runs: {sql}",
                sql="GRANT pg_signal_backend TO <owner>",
            )
        )


def cmd_db_rebuild_summaries(args: argparse.Namespace) -> int:
    """The summaries are kept by the database's triggers; this proves or restores them."""
    from app.services import summaries  # start-up time: only this command needs it

    with open_database(args) as db, system_session(db) as session:
        url = db.describe()
        if args.check:
            found = summaries.differences(session)
            wrong = {name: n for name, n in found.items() if n}
            if not wrong:
                out(_("The summaries of the lägesbild in {url} agree with the observations.", url=url))
                return EXIT_OK
            out(table([_("Summary table"), _("Rows that differ")], sorted(wrong.items())))
            out(_("Rebuild them with: {command}", command=f"{PROG} db rebuild-summaries"))
            return EXIT_DIFFERENT
        counts = summaries.rebuild(session)
    out(table([_("Summary table"), _("Rows")], sorted(counts.items())))
    out(_("The summaries of the lägesbild in {url} were built afresh from the observations.", url=url))
    return EXIT_OK


def cmd_db_init_roles(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        result = pg_security.init_roles(session, secrets.token_urlsafe(18) if args.new_gate_password else None)
        accounts = user_service.list_users(session)
        url = db.describe()
    out(_("Roles, grants, row-level security and audit triggers are set up in {url}.", url=url))
    out(_("Group roles: {groups}", groups=", ".join(result.groups.all_roles())))
    out(
        _(
            "{n} users have a login role of their own. Those without a database password sign in after: {command}",
            n=len(accounts),
            command=f"{PROG} user set-password USERNAME",
        )
    )
    _report_init(result)
    if result.gate_password is not None:
        out(
            _(
                "The sign-in gate {login} has a new password. On every desk that signs in with the database login, "
                "put this line under [database] in config.ini:",
                login=result.groups.gate,
            )
        )
        out(f"gate_password = {result.gate_password}")
    return EXIT_OK
