"""The `trygghetscenter export report` command, for scheduled runs: the management report as an .xlsx file."""

from __future__ import annotations

import argparse

from app.cli.common import EXIT_OK, command, command_line_actor, date_argument, open_database, out, subcommands
from app.domain.vocabulary import Role
from app.i18n import _
from app.services import users as user_service
from app.services.context import Actor


def register(commands) -> None:
    """Add `export report --from DATE --to DATE --out FILE.xlsx [--user NAME] [--with-text]`."""
    parent = command(commands, "export", _("write reports as Excel files"))
    kinds = subcommands(parent, "export_command", required=True)
    report = command(kinds, "report", _("write the management report for a period"), cmd_export_report)
    report.add_argument(
        "--from", dest="date_from", required=True, type=date_argument, metavar="DATE", help=_("first day, YYYY-MM-DD")
    )
    report.add_argument(
        "--to", dest="date_to", required=True, type=date_argument, metavar="DATE", help=_("last day, YYYY-MM-DD")
    )
    report.add_argument("--out", required=True, metavar="FILE.xlsx", help=_("where to write the report"))
    report.add_argument(
        "--user",
        metavar="NAME",
        help=_("export as this user, with what the user may see (default: only information open to the whole office)"),
    )
    report.add_argument(
        "--with-text",
        action="store_true",
        help=_("include the free texts (descriptions, notes); by default the report holds figures only"),
    )


def _office_reader() -> Actor:
    """Without --user: a reader of no organisation, who sees only rows open to the whole office."""
    return command_line_actor(Role.READER)


def cmd_export_report(args: argparse.Namespace) -> int:
    # openpyxl and the report's modules load only for this command
    from app.exports.excel import ExportError
    from app.exports.report import write_report
    from app.exports.stream import check_writable
    from app.map import tiles

    if args.date_to < args.date_from:
        raise ExportError(
            _(
                "--to ({end}) lies before --from ({start}).",
                end=args.date_to.isoformat(),
                start=args.date_from.isoformat(),
            )
        )
    target = check_writable(args.out)  # before the database work, so a wrong path fails at once
    with open_database(args) as db:
        if args.user:
            with db.session() as session:
                actor = user_service.actor_for_username(session, args.user)
        else:
            actor = _office_reader()
        get, credit = tiles.background(tiles.settings_fetcher())  # the map's background, per the settings
        result = write_report(
            db,
            actor,
            args.date_from,
            args.date_to,
            target,
            map_tiles=get,
            map_attribution=credit,
            with_text=args.with_text,
        )
    out(_("Wrote {path}", path=result.path))
    out(
        _(
            "Period {start} – {end}, as {who}: {sheets} sheets, {observations} observations.",
            start=args.date_from.isoformat(),
            end=args.date_to.isoformat(),
            who=actor.display_name,
            sheets=len(result.sheets),
            observations=result.observations,
        )
    )
    if result.truncated_cells:
        out(_("{count} texts were longer than an Excel cell holds and were cut.", count=result.truncated_cells))
    return EXIT_OK
