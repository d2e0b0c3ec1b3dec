"""The `trygghetscenter` command: start the GUI, or administer the database, the users and demo data."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import os
import secrets
import sys
from collections.abc import Callable, Iterator, Sequence

import sqlalchemy as sa

import app.services.audit  # noqa: F401  (registers the audit listeners, so CLI changes are logged too)
from app import __version__
from app.config import ENV_DEBUG, from_environment, load_config, resolve_database_url
from app.db.engine import Database, describe_url, network_warning, normalise_url
from app.db.enums import Role
from app.db.migrate import (
    SchemaState,
    ensure_schema,
    hold_migration_lock,
    integrity_problems,
    mismatch,
    schema_status,
    upgrade,
)
from app.errors import TrygghetError, ValidationError
from app.i18n import _, set_language
from app.exports.cli import register as register_export
from app.imports.cli import register as register_import
from app.seed import seed_reference_data
from app.text import shown
from app.services import users as user_service
from app.services.context import SYSTEM, bind_actor

PROG = "trygghetscenter"
EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


class CommandLineError(TrygghetError):
    """Wrong use of the command (arguments, password input); reported like every other expected error."""


@contextlib.contextmanager
def _argparse_in_our_language() -> Iterator[None]:
    """argparse's own words ("usage:", "options", "the following arguments are required") in the
    program's language, from the same catalogue as every message. argparse looks up its gettext
    functions when it needs them, so they are swapped for the parse only."""
    saved = argparse._, argparse.ngettext
    argparse._ = lambda text: _(text)
    argparse.ngettext = lambda singular, plural, n: _(singular if n == 1 else plural)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors become one line instead of the usage text plus a message."""

    def error(self, message: str):  # type: ignore[override]
        raise CommandLineError(_("{message} (see '{prog} --help')", message=message, prog=self.prog))


# --- small helpers ----------------------------------------------------------------------------------


def _out(text: str = "") -> None:
    # Names and values from the database or a file reach the terminal escaped (app/text.py).
    print("\n".join(shown(line) for line in str(text).split("\n")), flush=True)


def _progress(*parts: object) -> None:
    # Progress goes to stderr so that stdout holds only the result (the user table).
    print(*(shown(str(part)) for part in parts), file=sys.stderr, flush=True)


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _local_time(moment: dt.datetime | None) -> str:
    if moment is None:
        return "–"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def _url(args: argparse.Namespace) -> str:
    return resolve_database_url(args.database)


@contextlib.contextmanager
def _database(args: argparse.Namespace) -> Iterator[Database]:
    """The database of this run, at the current schema and holding the reference data."""
    db = Database(_url(args))
    try:
        ensure_schema(db)
        _seed(db)
        yield db
    finally:
        db.dispose()


def _seed(db: Database) -> None:
    # A new database needs its organisations before anyone can add the first user to one.
    with db.session() as session:
        hold_migration_lock(session)  # several desks' first start at once fill it in once
        bind_actor(session, SYSTEM)
        seed_reference_data(session)


@contextlib.contextmanager
def _system_session(db: Database):
    # The command line is run by whoever administers the machine or database: it acts as SYSTEM.
    with db.session() as session:
        yield bind_actor(session, SYSTEM)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        if not line:
            raise CommandLineError(_("No password was given on standard input."))
        return line.rstrip("\r\n")
    if not sys.stdin.isatty():
        raise CommandLineError(_("There is no terminal to ask for the password; use --password-stdin."))
    try:
        first = getpass.getpass(_("New password: "))
        second = getpass.getpass(_("Repeat the password: "))
    except EOFError as exc:
        raise CommandLineError(_("No password was given.")) from exc
    if first != second:
        raise CommandLineError(_("The two passwords differ; nothing was changed."))
    return first


def _start_hint(args: argparse.Namespace) -> str:
    command = PROG
    if args.database:
        command += f" --database '{describe_url(normalise_url(args.database))}'"
    return _("Start the program with: {command}", command=command)


# --- commands ---------------------------------------------------------------------------------------


GuiRunner = Callable[[str | None], int]
_gui_runner: GuiRunner | None = None


def cmd_gui(args: argparse.Namespace) -> int:
    # app/ never imports the Qt interface; the launcher in ui/ hands its runner in (see ui/launcher.py).
    if _gui_runner is None:
        raise CommandLineError(_("No command was given, and this entry point has no graphical interface."))
    return _gui_runner(args.database)


def cmd_db_status(args: argparse.Namespace) -> int:
    db = Database(_url(args))
    try:
        status = schema_status(db)
        security = _security_rows(db) if status.state is SchemaState.CURRENT and db.dialect == "postgresql" else []
        warning = network_warning(db)
        if warning:
            security.append([_("Warning"), warning])
        if db.is_sqlite and status.state is not SchemaState.EMPTY:
            problems = integrity_problems(db, quick=False)
            security.append([_("File check"), _("sound") if not problems else _(
                "damaged ({problem}); restore it from a backup (db upgrade keeps copies named {path}.VERSION.bak)",
                problem=problems[0], path=db.url.database)])  # fmt: skip
    finally:
        db.dispose()
    if status.state is SchemaState.CURRENT:
        state = _("up to date")
    elif status.state is SchemaState.EMPTY:
        state = _("empty; the tables are created when the program first starts")
    else:
        state = mismatch(db, status).message
    _out(
        _table(
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
    from app.db import pg_security

    with _system_session(db) as session:
        if not pg_security.is_enabled(session):
            return [[_("Access enforced by the database"), _("no ('db init-roles' not run)")],
                    [_("Desks sign in with"), _("the program's accounts (sign_in = program)")]]  # fmt: skip
        rows = [[_("Access enforced by the database"), _("yes")],
                [_("Desks sign in with"), _("the person's own database login (sign_in = database)")]]  # fmt: skip
        try:
            drift = pg_security.security_drift(session)
        except sa.exc.DBAPIError:
            return [*rows, [_("Security set-up"), _("not checked: only the database owner can compare it")]]
        finally:
            session.rollback()
    if not drift:
        return [*rows, [_("Security set-up"), _("as schema version {version} expects", version=pg_security.HEAD.REVISION)]]
    lines = [_("missing: {item}", item=i) for i in drift.missing] + [_("extra: {item}", item=i) for i in drift.extra]
    lines += [_("changed: {item}", item=i) for i in drift.changed]
    return [*rows, [_("Security set-up"), _("drifted from what schema version {version} expects; 'db init-roles' "
                                            "restores it:", version=pg_security.HEAD.REVISION)],
            *[["", line] for line in lines]]  # fmt: skip


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from app.db import pg_security

    db = Database(_url(args))
    refreshed = None
    try:
        before = schema_status(db)
        after, backup = upgrade(db)
        _seed(db)
        if before.state is SchemaState.OLDER:
            # New tables need their grants, policies and triggers before personal logins may use them.
            with _system_session(db) as session:
                if pg_security.is_enabled(session):
                    refreshed = pg_security.init_roles(session)
    finally:
        db.dispose()
    url = db.describe()
    if before.state is SchemaState.CURRENT:
        _out(_("The database {url} is already at schema version {version}; nothing to do.", url=url, version=after.current))
    elif before.state is SchemaState.EMPTY:
        _out(_("Created the tables in {url} at schema version {version}.", url=url, version=after.current))
    else:
        _out(
            _(
                "Upgraded {url} from schema version {old} to {new}.",
                url=url,
                old=before.current,
                new=after.current,
            )
        )
    if backup is not None:
        _out(_("The database file as it was before is kept at {path}", path=backup))
    if refreshed is not None:
        _out(_("The database's roles, grants, row-level security and audit triggers were brought up to date."))
        _report_init(refreshed)
    return EXIT_OK


def _report_init(result) -> None:
    """What init-roles could not do: accounts it did not give a login, sessions it cannot end."""
    if result.refused:
        _out(_("These accounts have no database login, since a role of that name exists that is not a login of this "
               "database (the sign-in gate, a group, another program's login); rename them: {names}",
               names=", ".join(result.refused)))  # fmt: skip
    if not result.can_end_sessions:
        _out(_("The owner may not end the open sessions of a disabled login; their writes are refused all the same. "
               "To end them at once, a superuser runs: {sql}", sql="GRANT pg_signal_backend TO <owner>"))  # fmt: skip


def cmd_db_init_roles(args: argparse.Namespace) -> int:
    from app.db import pg_security

    with _database(args) as db, _system_session(db) as session:
        result = pg_security.init_roles(session, secrets.token_urlsafe(18) if args.new_gate_password else None)
        accounts = user_service.list_users(session)
        url = db.describe()
    _out(_("Roles, grants, row-level security and audit triggers are set up in {url}.", url=url))
    _out(_("Group roles: {groups}", groups=", ".join(result.groups.all_roles())))
    _out(_("{n} users have a login role of their own. Those without a database password sign in after: "
           "{command}", n=len(accounts), command=f"{PROG} user set-password USERNAME"))  # fmt: skip
    _report_init(result)
    if result.gate_password is not None:
        _out(_("The sign-in gate {login} has a new password. On every desk that signs in with the database login, "
               "put this line under [database] in config.ini:", login=result.groups.gate))  # fmt: skip
        _out(f"gate_password = {result.gate_password}")
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    with _database(args) as db:
        from app.demo import DemoExistsError, create_demo  # a large module only this command needs

        options = {"observations": args.observations, "seed": args.seed}
        try:
            # Unset options are left out so that app.demo keeps its own defaults.
            result = create_demo(db, progress=_progress, **{k: v for k, v in options.items() if v is not None})
        except DemoExistsError as exc:
            # Exit 0: a second `demo` in a set-up chain (see README) must not stop the program from
            # starting. app.demo has already refused to mix demo rows with the data that is there.
            _out(_("{reason} Nothing was added.", reason=exc.message))
            _out(_start_hint(args))
            return EXIT_OK
        url = db.describe()
    _out(_("Demo data was created in {url}. You can sign in as:", url=url))
    _out()
    rows = [[u.username, u.display_name, u.organisation, u.role, u.password] for u in result.users]
    _out(_table([_("Username"), _("Name"), _("Organisation"), _("Role"), _("Password")], rows))
    _out()
    _out(_start_hint(args))
    return EXIT_OK


def cmd_user_list(args: argparse.Namespace) -> int:
    with _database(args) as db, _system_session(db) as session:
        rows = user_service.list_accounts(session, SYSTEM)
    if not rows:
        _out(_("There are no users yet. Add one with: {command}", command=f"{PROG} user add"))
        return EXIT_OK
    table_rows = [
        [
            r.username,
            r.display_name,
            r.organisation_short_name,
            r.role.value,
            _status(r),
            _local_time(r.last_login_at),
        ]
        for r in rows
    ]
    headers = [_("Username"), _("Name"), _("Organisation"), _("Role"), _("Status"), _("Last sign-in")]
    _out(_table(headers, table_rows))
    return EXIT_OK


def _status(row: user_service.UserRow) -> str:
    if not row.active:
        return _("disabled")
    if row.locked_until is not None:
        return _("locked until {time}", time=row.locked_until.astimezone().strftime("%H:%M"))
    return _("active")


def cmd_user_add(args: argparse.Namespace) -> int:
    with _database(args) as db:
        # The database is checked before asking for the password, so nobody types it in vain.
        password = _read_password(args.password_stdin)
        with _system_session(db) as session:
            row = user_service.create_user(
                session, SYSTEM, args.username, args.name, args.org, args.role, password
            )
    _out(
        _(
            "Added user {username} ({name}, {organisation}, {role}).",
            username=row.username,
            name=row.display_name,
            organisation=row.organisation_short_name,
            role=row.role.value,
        )
    )
    return EXIT_OK


def cmd_user_set_password(args: argparse.Namespace) -> int:
    with _database(args) as db:
        with _system_session(db) as session:
            user_service.get_user(session, args.username)  # an unknown user fails before the prompt
        password = _read_password(args.password_stdin)
        with _system_session(db) as session:
            row = user_service.set_password(session, SYSTEM, args.username, password)
    _out(_("Changed the password of {username}.", username=row.username))
    return EXIT_OK


def cmd_user_set_role(args: argparse.Namespace) -> int:
    with _database(args) as db, _system_session(db) as session:
        row = user_service.set_role(session, SYSTEM, args.username, args.role)
    _out(_("{username} now has the role {role}.", username=row.username, role=row.role.value))
    return EXIT_OK


def cmd_user_move(args: argparse.Namespace) -> int:
    with _database(args) as db, _system_session(db) as session:
        row = user_service.move_user(session, SYSTEM, args.username, args.org)
    _out(_("{username} now belongs to {organisation}.", username=row.username, organisation=row.organisation_name))
    return EXIT_OK


def cmd_user_disable(args: argparse.Namespace) -> int:
    with _database(args) as db, _system_session(db) as session:
        row = user_service.disable_user(session, SYSTEM, args.username)
    _out(_("Disabled {username}; the account can no longer sign in.", username=row.username))
    return EXIT_OK


def cmd_user_enable(args: argparse.Namespace) -> int:
    with _database(args) as db, _system_session(db) as session:
        row = user_service.enable_user(session, SYSTEM, args.username)
    _out(_("Enabled {username}; the account can sign in again.", username=row.username))
    return EXIT_OK


# --- the parser -------------------------------------------------------------------------------------


def _non_negative_int(text: str, maximum: int = 2**32 - 1) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{value}' is not a whole number", value=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("'{value}' is negative", value=text))
    if value > maximum:
        raise argparse.ArgumentTypeError(_("'{value}' is more than {maximum}", value=text, maximum=maximum))
    return value


def _demo_count(text: str) -> int:
    from app.demo import MAX_OBSERVATIONS

    return _non_negative_int(text, MAX_OBSERVATIONS)


def _add_help(parser: argparse.ArgumentParser) -> None:
    # Our own -h, so that its help text is translated like the rest.
    parser.add_argument("-h", "--help", action="help", help=_("show this help and exit"))


def _common_options() -> argparse.ArgumentParser:
    """--database, accepted after the subcommand too (`trygghetscenter user list --database ...`)."""
    common = _Parser(add_help=False)
    # SUPPRESS: when not repeated here, the value given before the subcommand stays.
    common.add_argument(
        "--database", metavar="URL", default=argparse.SUPPRESS, help=_("database to use (see '{prog} --help')", prog=PROG)
    )
    return common


def _command(
    subparsers, name: str, help_text: str, handler: Callable[[argparse.Namespace], int] | None = None
) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        name, help=help_text, description=help_text, add_help=False, parents=[_common_options()]
    )
    _add_help(parser)
    if handler is not None:
        parser.set_defaults(handler=handler)
    return parser


def _subcommands(parser: argparse.ArgumentParser, dest: str, required: bool):
    subparsers = parser.add_subparsers(dest=dest, metavar=_("COMMAND"), title=_("commands"))
    subparsers.required = required
    return subparsers


def _password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the password as one line from standard input instead of asking for it"),
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        add_help=False,
        description=_(
            "Lägesbild, åtgärdsplan and uppföljning for Trygghetscenter Märsta. "
            "Without a command the desktop program starts."
        ),
    )
    _add_help(parser)
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}", help=_("show the version and exit"))
    parser.add_argument(
        "--database",
        metavar="URL",
        help=_(
            "database to use, e.g. postgresql://host/trygghetscenter or a SQLite file path "
            "(default: the environment variable TRYGGHETSCENTER_DATABASE_URL, the settings file, "
            "else the local SQLite file)"
        ),
    )
    parser.set_defaults(handler=cmd_gui)
    commands = _subcommands(parser, "command", required=False)

    db = _command(commands, "db", _("check or upgrade the database schema"))
    db_commands = _subcommands(db, "db_command", required=True)
    _command(db_commands, "status", _("show the schema version of the database and of this program"), cmd_db_status)
    _command(
        db_commands,
        "upgrade",
        _("create or upgrade the tables (a SQLite file is copied aside first)"),
        cmd_db_upgrade,
    )
    init_roles = _command(
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

    demo = _command(commands, "demo", _("fill an empty database with demo data and demo users"), cmd_demo)
    demo.add_argument(
        "--observations", type=_demo_count, metavar="N", help=_("number of observations to create")
    )
    demo.add_argument("--seed", type=_non_negative_int, metavar="N", help=_("random seed, for repeatable demo data"))

    user = _command(commands, "user", _("administer user accounts"))
    user_commands = _subcommands(user, "user_command", required=True)
    roles = [r.value for r in Role]

    add = _command(user_commands, "add", _("add a user"), cmd_user_add)
    add.add_argument("username", metavar="USERNAME", help=_("sign-in name: a-z, 0-9, '.', '_' or '-'"))
    add.add_argument("--name", required=True, help=_("the person's full name"))
    add.add_argument("--org", required=True, metavar="ORGANISATION", help=_("short name, e.g. Kommunen or Polisen"))
    add.add_argument("--role", required=True, choices=roles, help=_("what the user may do"))
    _password_option(add)

    _command(user_commands, "list", _("list all users"), cmd_user_list)

    for name, help_text, handler in (
        ("disable", _("stop a user from signing in"), cmd_user_disable),
        ("enable", _("allow a disabled user to sign in again"), cmd_user_enable),
    ):
        _command(user_commands, name, help_text, handler).add_argument("username", metavar="USERNAME")

    set_password = _command(user_commands, "set-password", _("set a new password for a user"), cmd_user_set_password)
    set_password.add_argument("username", metavar="USERNAME")
    _password_option(set_password)

    set_role = _command(user_commands, "set-role", _("change what a user may do"), cmd_user_set_role)
    set_role.add_argument("username", metavar="USERNAME")
    set_role.add_argument("role", choices=roles, metavar="ROLE", help=", ".join(roles))
    move = _command(user_commands, "move", _("move a user to another organisation"), cmd_user_move)
    move.add_argument("username", metavar="USERNAME")
    move.add_argument("--org", required=True, metavar="ORGANISATION", help=_("short name, e.g. Kommunen or Polisen"))
    register_import(commands, _command)
    register_export(commands, _command)
    return parser


# --- entry point ------------------------------------------------------------------------------------


def _apply_language_setting() -> None:
    # TRYGGHETSCENTER_LANG (already applied by app.i18n) wins without reading the settings file.
    if from_environment("language") is None:
        set_language(load_config().get("language"))


def _field_labels() -> dict[str, str]:
    """How the command line names the fields a service may complain about."""
    return {
        "username": _("username"),
        "display_name": "--name",
        "organisation": "--org",
        "role": "--role",
        "password": _("password"),
    }


def _validation_message(exc: ValidationError) -> str:
    labels = _field_labels()
    parts = [f"{labels.get(field, field)}: {text}" for field, text in exc.errors.items()]
    return _("Please correct: {summary}", summary=" ".join(parts))


def _fail(message: str, code: int = EXIT_USAGE) -> int:
    # One line, whatever the message held, so scripts and people see one clear reason.
    print(f"{PROG}: {shown(' '.join(str(message).split()))}", file=sys.stderr, flush=True)
    return code


def _reader_went_away() -> int:
    """`trygghetscenter user list | head -1`: the reader closed the pipe, which is no error to report."""
    with contextlib.suppress(OSError, ValueError):
        # Python would otherwise complain again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 128 + 13  # what a shell reports for a command ended by SIGPIPE


def main(argv: Sequence[str] | None = None, gui: GuiRunner | None = None) -> int:
    """Run the command line; with no command, start the GUI through `gui` if one is given."""
    global _gui_runner
    _gui_runner = gui
    try:
        _apply_language_setting()
        try:
            with _argparse_in_our_language():  # the group titles are set when the parsers are built
                args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help and --version end the run here
            return exc.code if isinstance(exc.code, int) else EXIT_OK
        return args.handler(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except ValidationError as exc:
        return _fail(_validation_message(exc))
    except TrygghetError as exc:
        return _fail(exc.message)
    except sa.exc.SQLAlchemyError as exc:
        # A database error no service turned into a TrygghetError (e.g. a connection lost mid-way).
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return _fail(_("Database error: {detail}", detail=detail[0] if detail else type(exc).__name__))
    except BrokenPipeError:
        return _reader_went_away()
    except OSError as exc:
        return _fail(str(exc))
    except Exception as exc:
        if from_environment("debug"):
            raise
        return _fail(
            _(
                "Unexpected error ({kind}: {error}). Run again with {variable}=1 to see the details.",
                kind=type(exc).__name__,
                error=exc,
                variable=ENV_DEBUG,
            ),
            EXIT_INTERNAL,
        )
