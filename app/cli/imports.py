"""The `trygghetscenter import` commands: observations, measurements, places or event types from an .xlsx file, and
the templates."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.orm import Session

from app.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    PROG,
    command,
    open_database,
    out,
    subcommands,
    system_session,
)
from app.i18n import _
from app.imports.problems import ImportKind, ImportRejected, ImportResult, describe
from app.services import users as user_service
from app.services.context import SYSTEM, Actor, bind_actor
from app.text import shown

Importer = Callable[[Session, Actor, Path], ImportResult]
Report = Callable[[ImportResult, str], str]


def register(commands) -> None:
    """Add `import observations|measurements FILE --user NAME`, `import places|categories FILE [--user NAME]`
    and `import template KIND --out FILE`."""
    parent = command(
        commands, "import", _("import observations, measurements, places or event types from an Excel file (.xlsx)")
    )
    kinds = subcommands(parent, "import_command", required=True)
    for name, help_text, handler in (
        ("observations", _("import observations; nothing is saved if any row has a problem"), cmd_import_observations),
        (
            "measurements",
            _("import indicator measurements; nothing is saved if any row has a problem"),
            cmd_import_measurements,
        ),
    ):
        parser = command(kinds, name, help_text, handler)
        parser.add_argument("file", metavar="FILE.xlsx", help=_("the file to import, e.g. filled in from the template"))
        parser.add_argument(
            "--user", required=True, metavar="NAME", help=_("the editor or administrator the rows are imported as")
        )
        if name == "measurements":
            parser.add_argument(
                "--replace",
                action="store_true",
                help=_("replace the stored value of a period the file gives another value for (else a problem)"),
            )
    for kind in (ImportKind.PLACES, ImportKind.CATEGORIES):
        add_import_command(kinds, kind, name=kind.value)
    template = command(kinds, "template", _("write an empty import template with drop-down lists"), cmd_import_template)
    kind_names = [k.value for k in ImportKind]
    template.add_argument("kind", choices=kind_names, metavar="KIND", help=", ".join(kind_names))
    template.add_argument("--out", required=True, metavar="FILE.xlsx", help=_("where to write the template"))


def add_import_command(subparsers, kind: ImportKind, name: str = "import") -> None:
    """`import places|categories FILE`, also spelled `place import FILE` and `category import FILE`."""
    help_text = {
        ImportKind.PLACES: _("import places; nothing is saved if any row has a problem"),
        ImportKind.CATEGORIES: _("import event types; nothing is saved if any row has a problem"),
    }[kind]
    handler = {ImportKind.PLACES: cmd_import_places, ImportKind.CATEGORIES: cmd_import_categories}[kind]
    parser = command(subparsers, name, help_text, handler)
    parser.add_argument(
        "file",
        metavar="FILE.xlsx",
        help=_("the file to import, e.g. filled in from '{command}'", command=f"{PROG} import template {kind.value}"),
    )
    parser.add_argument(
        "--user", metavar="NAME", help=_("the administrator the rows are imported as (default: the system)")
    )


def cmd_import_places(args: argparse.Namespace) -> int:
    # the importer (and openpyxl) loads only when an import command runs
    from app.imports.places import import_places

    return _run(args, import_places, _places_report)


def cmd_import_categories(args: argparse.Namespace) -> int:
    # the importer (and openpyxl) loads only when an import command runs
    from app.imports.categories import import_categories

    return _run(args, import_categories, _categories_report)


def cmd_import_observations(args: argparse.Namespace) -> int:
    # the importer (and openpyxl) loads only when an import command runs
    from app.imports.observations import import_observations

    return _run(args, import_observations, _observations_report)


def cmd_import_measurements(args: argparse.Namespace) -> int:
    # the importer (and openpyxl) loads only when an import command runs
    from app.imports.measurements import import_measurements

    def importer(session: Session, actor: Actor, path: Path) -> ImportResult:
        return import_measurements(session, actor, path, replace=args.replace)

    return _run(args, importer, _measurements_report)


def cmd_import_template(args: argparse.Namespace) -> int:
    # the importer (and openpyxl) loads only when an import command runs
    from app.imports.template import (
        write_category_template,
        write_measurement_template,
        write_observation_template,
        write_place_template,
    )

    writer = {
        ImportKind.OBSERVATIONS: write_observation_template,
        ImportKind.MEASUREMENTS: write_measurement_template,
        ImportKind.PLACES: write_place_template,
        ImportKind.CATEGORIES: write_category_template,
    }
    with open_database(args) as db, system_session(db) as session:
        writer[ImportKind(args.kind)](session, SYSTEM, Path(args.out))
    out(_("Wrote the import template to {path}.", path=args.out))
    return EXIT_OK


def _run(args: argparse.Namespace, importer: Importer, report: Report) -> int:
    path = Path(args.file)
    try:
        # The rejection leaves the session block, so the transaction is rolled back: nothing is saved.
        with open_database(args) as db, db.session() as session:
            actor = SYSTEM if args.user is None else user_service.actor_for_username(session, args.user)
            bind_actor(session, actor)
            result = importer(session, actor, path)
    except ImportRejected as exc:
        _print_problems(PROG, exc)
        return EXIT_USAGE
    out(report(result, path.name))
    return EXIT_OK


def _print_problems(prog: str, rejected: ImportRejected) -> None:
    lines = [f"{prog}: {rejected.message}", *(describe(problem) for problem in rejected.problems)]
    print("\n".join(shown(line) for line in lines), file=sys.stderr, flush=True)


def _places_report(result: ImportResult, file_name: str) -> str:
    return _(
        "Imported {added} places from {file}; {duplicates} rows were already in the program and were skipped.",
        added=result.added,
        file=file_name,
        duplicates=result.duplicates,
    )


def _categories_report(result: ImportResult, file_name: str) -> str:
    return _(
        "Imported {added} event types from {file}; {duplicates} rows were already in the program and were skipped.",
        added=result.added,
        file=file_name,
        duplicates=result.duplicates,
    )


def _observations_report(result: ImportResult, file_name: str) -> str:
    return _(
        "Imported {added} observations from {file}; {duplicates} rows were imported before and were skipped.",
        added=result.added,
        file=file_name,
        duplicates=result.duplicates,
    )


def _measurements_report(result: ImportResult, file_name: str) -> str:
    return _(
        "Imported {added} new and {replaced} changed measurements from {file}; {duplicates} rows were "
        "already stored and were skipped.",
        added=result.added,
        replaced=result.replaced,
        file=file_name,
        duplicates=result.duplicates,
    )
