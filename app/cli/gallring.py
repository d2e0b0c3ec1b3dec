"""The `trygghetscenter gallra` command: remove what is older than its retention period (gallring),
list what would go (`--dry-run`), and show or set the periods (`gallra policy`). Meant for a
scheduled task run by the database owner (README: Gallring)."""

from __future__ import annotations

import argparse
import datetime as dt

from app.cli.common import (
    EXIT_OK,
    CommandLineError,
    command,
    command_line_actor,
    local_time,
    open_database,
    out,
    subcommands,
    table,
)
from app.domain.vocabulary import Role
from app.i18n import _
from app.services import retention
from app.services import users as user_service
from app.services.context import Actor, bind_actor


def register(commands) -> None:
    """Add `gallra [--dry-run] [--user NAME]` and `gallra policy [--set KIND YEARS]`."""
    parent = command(commands, "gallra", _("remove records older than their retention period (gallring)"), cmd_gallra)
    parent.add_argument("--dry-run", action="store_true", help=_("only list what would be removed; nothing is changed"))
    _user_option(parent)
    kinds = subcommands(parent, "gallra_command", required=False)
    policy = command(kinds, "policy", _("show or set how long each kind of record is kept"), cmd_gallra_policy)
    policy.add_argument(
        "--set",
        nargs=2,
        metavar=("KIND", "YEARS"),
        help=_("keep KIND ({kinds}) for YEARS years; 0 keeps it for ever", kinds=", ".join(retention.KINDS)),
    )
    _user_option(policy)


def _user_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--user",
        metavar="NAME",
        help=_("act as this administrator (default: the database owner, named by the computer account)"),
    )


def _owner() -> Actor:
    """Without --user: the one running the command line, who administers the database (its owner)."""
    return command_line_actor(Role.ADMIN)


def _actor(session, args: argparse.Namespace) -> Actor:
    return user_service.actor_for_username(session, args.user) if args.user else _owner()


def _years(value: int | None) -> str:
    return _("kept for ever") if value is None else _("{n} years", n=value)


def cmd_gallra(args: argparse.Namespace) -> int:
    today = dt.date.today()
    with open_database(args) as db, db.session() as session:
        actor = _actor(session, args)
        bind_actor(session, actor)
        result = retention.gallra(session, actor, today, dry_run=args.dry_run)
    if not result.items:
        out(_("No retention period is set, so nothing is removed. Set one with: trygghetscenter gallra policy --set"))
        return EXIT_OK
    rows = [(item.label, item.cutoff.isoformat(), item.rows) for item in result.items]
    out(table([_("Kind of record"), _("Older than"), _("Rows")], rows))
    if result.dry_run:
        out(_("Dry run: {rows} rows would be removed or blanked. Nothing was changed.", rows=result.rows))
    else:
        out(
            _(
                "Gallring done: {rows} rows removed or blanked, recorded as run {run} by {who}.",
                rows=result.rows,
                run=result.run_id,
                who=actor.username,
            )
        )
    return EXIT_OK


def cmd_gallra_policy(args: argparse.Namespace) -> int:
    with open_database(args) as db, db.session() as session:
        if args.set:
            actor = _actor(session, args)
            bind_actor(session, actor)
            kind, text = args.set
            try:
                years = int(text)
            except ValueError:
                raise CommandLineError(_("'{value}' is not a whole number", value=text)) from None
            retention.set_policy(session, actor, kind, years or None)  # 0: for ever
        policy = retention.get_policy(session)
        last = retention.last_run(session)
        upcoming = retention.due(session, dt.date.today())
    rows_due = {item.kind: item.rows for item in upcoming}
    out(
        table(
            [_("Kind key"), _("Kind of record"), _("Kept"), _("Due now")],
            [(p.kind, p.label, _years(p.years), rows_due.get(p.kind, "–")) for p in policy],
        )
    )
    if last is None:
        out(_("The gallring has never run."))
    else:
        out(
            _(
                "Last run {when} by {who}: {rows} rows.",
                when=local_time(last.ran_at),
                who=last.ran_by,
                rows=sum(i.rows for i in last.items),
            )
        )
    return EXIT_OK
