"""The `trygghetscenter` command: start the GUI, or administer the database, the users and demo data,
or set up a new office.

Each command group lives in a module of its own (db, users, demo, reference, imports, export, privacy) with a
`register(commands)` that adds its subcommands; what they share is in app/cli/common.py.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import NoReturn

from app import __version__
from app.config import ENV_DEBUG, from_environment, load_config
from app.errors import TrygghetError, ValidationError
from app.i18n import _, set_language

# start-up: a plain start of the desktop program loads neither the command groups nor what they share
# (app/cli/common.py: the data layer, SQLAlchemy, the audit listeners); the full parser loads them, and
# an error's report loads app/cli/common.py.

GuiRunner = Callable[[str | None], int]
_gui_runner: GuiRunner | None = None


def cmd_gui(args: argparse.Namespace) -> int:
    # app/ never imports the Qt interface; the launcher in ui/ hands its runner in (see ui/launcher.py).
    if _gui_runner is None:
        from app.cli.common import CommandLineError  # start-up: not loaded for the desktop's plain start

        raise CommandLineError(_("No command was given, and this entry point has no graphical interface."))
    return _gui_runner(args.database)


# --- the parser -------------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    # start-up: loaded with the full parser only (the desktop's plain start needs none of it)
    import app.services.audit  # noqa: F401  (registers the audit listeners, so CLI changes are logged too)
    from app.cli.common import PROG, Parser, add_help, subcommands

    parser = Parser(
        prog=PROG,
        add_help=False,
        description=_(
            "Lägesbild, åtgärdsplan and uppföljning for Trygghetscenter Märsta. "
            "Without a command the desktop program starts."
        ),
    )
    add_help(parser)
    parser.add_argument(
        "--version", action="version", version=f"{PROG} {__version__}", help=_("show the version and exit")
    )
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
    commands = subcommands(parser, "command", required=False)

    # The command groups load with the full parser only: starting the desktop program needs none of them.
    from app.cli import db, demo, export, gallring, imports, privacy, reference, setup, users

    for group in (db, demo, setup, users, reference, imports, export, privacy, gallring):
        group.register(commands)
    return parser


# --- entry point ------------------------------------------------------------------------------------


class _NotTheDesktop(Exception):
    pass


class _DesktopParser(argparse.ArgumentParser):
    """Recognises the plain start of the desktop program (no command, at most --database) without
    building the full parser; anything else goes to the full parser, which also reports errors."""

    def error(self, message: str) -> NoReturn:
        raise _NotTheDesktop(message)


def _desktop_start(argv: Sequence[str] | None) -> argparse.Namespace | None:
    quick = _DesktopParser(add_help=False)  # its errors are never shown: the full parser reports them
    quick.add_argument("--database", metavar="URL")
    try:
        args, rest = quick.parse_known_args(argv)
    except _NotTheDesktop:
        return None
    if rest:
        return None
    args.handler = cmd_gui
    return args


def _apply_language_setting() -> None:
    # TRYGGHETSCENTER_LANG wins without reading the settings file (which may be the problem reported).
    chosen = from_environment("language")
    set_language(str(chosen) if chosen is not None else load_config().get("language"))


def _field_labels() -> dict[str, str]:
    """How the command line names the fields a service may complain about."""
    return {
        "username": _("username"),
        "display_name": "--name",
        "organisation": "--org",
        "role": "--role",
        "password": _("password"),
        # the reference data (app/cli/reference.py)
        "name": _("name"),
        "code": _("code"),
        "district": "--district",
        "place_type": "--kind",
        "kind": "--kind",
        "latitude": "--lat",
        "longitude": "--lon",
        "notes": "--notes",
        "short_name": "--short",
        "starts_on": "--from",
        "ends_on": "--to",
        "signed_on": "--signed",
        "signed_by": "--signed-by",
        "description": "--description",
        "sort_order": "--order",
        "parent_id": "--parent",
        "area_id": "--area",
        "period_id": "--period",
        "agreement_period_id": "--period",
        "target_id": "--into",
    }


def _validation_message(exc: ValidationError) -> str:
    labels = _field_labels()
    parts = [f"{labels.get(field, field)}: {text}" for field, text in exc.errors.items()]
    return _("Please correct: {summary}", summary=" ".join(parts))


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
        args = _desktop_start(argv)
        try:
            # argparse's own words ("usage:", "options") follow set_language (app/i18n.py).
            if args is None:
                args = build_parser().parse_args(argv)
        except SystemExit as exc:  # --help and --version end the run here
            from app.cli.common import EXIT_OK  # start-up: loaded by the full parser already

            return exc.code if isinstance(exc.code, int) else EXIT_OK
        return args.handler(args)
    except KeyboardInterrupt:
        from app.cli.common import EXIT_INTERRUPTED  # start-up: not loaded for the desktop's plain start

        return EXIT_INTERRUPTED
    except Exception as exc:
        return _failed(exc)


def _failed(exc: Exception) -> int:
    """What main() reports for an error that ended the run (one line on stderr) and the exit code."""
    from app.cli.common import EXIT_INTERNAL, fail  # start-up: not loaded for the desktop's plain start

    if isinstance(exc, ValidationError):
        return fail(_validation_message(exc))
    if isinstance(exc, TrygghetError):
        return fail(exc.message)
    sa = sys.modules.get("sqlalchemy")  # no SQLAlchemy error is possible before SQLAlchemy is loaded
    if sa is not None and isinstance(exc, sa.exc.SQLAlchemyError):
        # A database error no service turned into a TrygghetError (e.g. a connection lost mid-way).
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        return fail(_("Database error: {detail}", detail=detail[0] if detail else type(exc).__name__))
    if isinstance(exc, BrokenPipeError):
        return _reader_went_away()
    if isinstance(exc, OSError):
        return fail(str(exc))
    if from_environment("debug"):
        raise exc
    return fail(
        _(
            "Unexpected error ({kind}: {error}). Run again with {variable}=1 to see the details.",
            kind=type(exc).__name__,
            error=exc,
            variable=ENV_DEBUG,
        ),
        EXIT_INTERNAL,
    )
