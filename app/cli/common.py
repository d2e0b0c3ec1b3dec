"""What every command of the command line shares: exit codes, errors, output, the database and the parser parts."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import getpass
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import NoReturn

from app.config import resolve_database_url
from app.db.engine import Database, describe_url, normalise_url
from app.db.migrate import ensure_schema
from app.domain.vocabulary import Role
from app.errors import TrygghetError
from app.i18n import _
from app.services.context import SYSTEM, Actor, bind_actor
from app.services.validation import date_out_of_range
from app.text import shown

PROG = "trygghetscenter"
EXIT_OK, EXIT_INTERNAL, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130

Handler = Callable[[argparse.Namespace], int]


class CommandLineError(TrygghetError):
    """Wrong use of the command (arguments, password input); reported like every other expected error."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors become one line instead of the usage text plus a message."""

    def error(self, message: str) -> NoReturn:
        raise CommandLineError(_("{message} (see '{prog} --help')", message=message, prog=self.prog))


# --- output -----------------------------------------------------------------------------------------


def out(text: str = "") -> None:
    """Print a result line; names and values from the database or a file reach the terminal escaped (app/text.py)."""
    print("\n".join(shown(line) for line in str(text).split("\n")), flush=True)


def progress(*parts: object) -> None:
    """Progress goes to stderr so that stdout holds only the result (the user table)."""
    print(*(shown(str(part)) for part in parts), file=sys.stderr, flush=True)


def fail(message: str, code: int = EXIT_USAGE) -> int:
    """Report an error on one line, whatever the message held, so scripts and people see one clear reason."""
    print(f"{PROG}: {shown(' '.join(str(message).split()))}", file=sys.stderr, flush=True)
    return code


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    cells = [[str(c) for c in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def local_time(moment: dt.datetime | None) -> str:
    if moment is None:
        return "–"
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def start_hint(args: argparse.Namespace) -> str:
    command = PROG
    if args.database:
        command += f" --database '{describe_url(normalise_url(args.database))}'"
    return _("Start the program with: {command}", command=command)


# --- the database -----------------------------------------------------------------------------------


def database_url(args: argparse.Namespace) -> str:
    return resolve_database_url(args.database)


@contextlib.contextmanager
def open_database(args: argparse.Namespace) -> Iterator[Database]:
    """The database of this run, at the current schema. A new database stays empty: its office is
    described by `setup` (or filled with demo data by `demo`), never filled in behind its back."""
    db = Database(database_url(args))
    try:
        ensure_schema(db)
        yield db
    finally:
        db.dispose()


@contextlib.contextmanager
def system_session(db: Database):
    """The command line is run by whoever administers the machine or database: it acts as SYSTEM."""
    with db.session() as session:
        yield bind_actor(session, SYSTEM)


def read_password(from_stdin: bool) -> str:
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


# --- parser parts -----------------------------------------------------------------------------------


def non_negative_int(text: str, maximum: int = 2**32 - 1) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{value}' is not a whole number", value=text)) from None
    if value < 0:
        raise argparse.ArgumentTypeError(_("'{value}' is negative", value=text))
    if value > maximum:
        raise argparse.ArgumentTypeError(_("'{value}' is more than {maximum}", value=text, maximum=maximum))
    return value


def date_argument(text: str) -> dt.date:
    """A date option (YYYY-MM-DD) within the dates the program takes."""
    try:
        value = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{value}' is not a date; write it as YYYY-MM-DD", value=text)) from None
    message = date_out_of_range(value)
    if message is not None:
        raise argparse.ArgumentTypeError(message)
    return value


def add_help(parser: argparse.ArgumentParser) -> None:
    """Our own -h, so that its help text is translated like the rest."""
    parser.add_argument("-h", "--help", action="help", help=_("show this help and exit"))


def _common_options() -> argparse.ArgumentParser:
    """--database, accepted after the subcommand too (`trygghetscenter user list --database ...`)."""
    common = Parser(add_help=False)
    # SUPPRESS: when not repeated here, the value given before the subcommand stays.
    common.add_argument(
        "--database",
        metavar="URL",
        default=argparse.SUPPRESS,
        help=_("database to use (see '{prog} --help')", prog=PROG),
    )
    return common


def command(subparsers, name: str, help_text: str, handler: Handler | None = None) -> argparse.ArgumentParser:
    """One (sub)command, with its translated -h and the --database option."""
    parser = subparsers.add_parser(
        name, help=help_text, description=help_text, add_help=False, parents=[_common_options()]
    )
    add_help(parser)
    if handler is not None:
        parser.set_defaults(handler=handler)
    return parser


def subcommands(parser: argparse.ArgumentParser, dest: str, required: bool):
    subparsers = parser.add_subparsers(dest=dest, metavar=_("COMMAND"), title=_("commands"))
    subparsers.required = required
    return subparsers


def password_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--password-stdin",
        action="store_true",
        help=_("read the password as one line from standard input instead of asking for it"),
    )


def command_line_actor(role: Role) -> Actor:
    """The one running a command without --user, as `role`: named by the computer account, of no
    organisation (so it sees only what is open to the whole office, whatever the role)."""
    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment
        who = "?"
    return Actor(
        user_id=None,
        username=who,
        display_name=_("{user} on the command line", user=who),
        organisation_id=None,
        organisation_name="",
        role=role,
    )
