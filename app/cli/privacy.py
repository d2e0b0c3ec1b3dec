"""The `trygghetscenter privacy scan` command: which stored rows already hold personal data."""

from __future__ import annotations

import argparse
import json

from app.cli.common import EXIT_OK, command, open_database, out, subcommands, system_session, table
from app.i18n import _, ngettext
from app.text import UNSAFE


def register(commands) -> None:
    """Add `privacy scan [--json]`."""
    parent = command(commands, "privacy", _("find personal data in what the database holds"))
    kinds = subcommands(parent, "privacy_command", required=True)
    scan = command(
        kinds,
        "scan",
        _("list the stored texts that hold personal data (personnummer, phone numbers, e-mail addresses, …)"),
        cmd_privacy_scan,
    )
    scan.add_argument("--json", action="store_true", help=_("write the hits as JSON instead of a table"))


def cmd_privacy_scan(args: argparse.Namespace) -> int:
    # the guard (and python-stdnum) load only for this command
    from app.privacy.scan import scan_database

    with open_database(args) as db, system_session(db) as session:
        # The command line is run by the database's owner: it reads every row (see app/privacy/scan.py).
        hits = scan_database(session)
    if args.json:
        text = json.dumps(
            [
                {
                    "table": h.table,
                    "row_id": h.row_id,
                    "column": h.column,
                    "kind": h.hit.kind.value,
                    "start": h.hit.start,
                    "end": h.hit.end,
                    "matched": h.hit.matched,
                }
                for h in hits
            ],
            ensure_ascii=False,
            indent=1,
        )
        # Control characters and direction marks reach the terminal as JSON escapes (app/text.py),
        # which stand for the same characters, so the output stays the JSON of the stored text.
        print(UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text), flush=True)
        return EXIT_OK
    if not hits:
        out(_("No personal data found."))
        return EXIT_OK
    out(
        table(
            [_("Where"), _("Row"), _("Personal data"), _("Found")],
            [(h.column_label, h.row_id, h.hit.label, h.hit.matched) for h in hits],
        )
    )
    rows = len({(h.table, h.row_id) for h in hits})
    out(ngettext("{n} hit", "{n} hits", len(hits)) + " " + ngettext("in {n} row.", "in {n} rows.", rows))
    return EXIT_OK
