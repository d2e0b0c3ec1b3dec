"""The `trygghetscenter period` and `area` commands: agreement periods and the samverkansområden of each."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session

from app.cli.common import (
    EXIT_OK,
    PROG,
    CommandLineError,
    command,
    date_argument,
    non_negative_int,
    open_database,
    out,
    subcommands,
    system_session,
    table,
)
from app.cli.naming import (
    active_options,
    find_named,
    given_or,
    listed,
    no_change,
    status_word,
)
from app.i18n import _
from app.services import reference as ref
from app.services.context import SYSTEM

DESCRIPTION_SHOWN = 50  # characters of an area's description in `area list`


def register(commands) -> None:
    """Add `period list|add|edit` and `area list|add|edit|retire`."""
    register_periods(commands)
    register_areas(commands)


def register_periods(commands) -> None:
    period = command(commands, "period", _("administer agreement periods"))
    sub = subcommands(period, "period_command", required=True)
    command(sub, "list", _("list the agreement periods, newest first"), cmd_period_list)
    add = command(sub, "add", _("add an agreement period"), cmd_period_add)
    add.add_argument("name", metavar="NAME", help=_("e.g. 'Samverkansöverenskommelse 2027–2030'"))
    add.add_argument(
        "--from", dest="starts_on", required=True, type=date_argument, metavar="DATE", help=_("first day, YYYY-MM-DD")
    )
    add.add_argument(
        "--to", dest="ends_on", required=True, type=date_argument, metavar="DATE", help=_("last day, YYYY-MM-DD")
    )
    _period_options(add)
    add.add_argument(
        "--copy-areas-from",
        metavar="NAME",
        help=_("start with the areas of this period, and the event types counted to them"),
    )
    edit = command(sub, "edit", _("change an agreement period"), cmd_period_edit)
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help=_("a new name"))
    edit.add_argument("--from", dest="starts_on", type=date_argument, metavar="DATE", help=_("first day, YYYY-MM-DD"))
    edit.add_argument("--to", dest="ends_on", type=date_argument, metavar="DATE", help=_("last day, YYYY-MM-DD"))
    _period_options(edit)


def _period_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--signed", dest="signed_on", type=date_argument, metavar="DATE", help=_("the day it was signed")
    )
    parser.add_argument("--signed-by", metavar="TEXT", help=_("who signed it"))
    parser.add_argument("--description", metavar="TEXT", help=_("what the agreement says"))


def find_period(session: Session, wanted: str) -> ref.AgreementPeriodRow:
    rows = ref.list_agreement_periods(session, SYSTEM)
    found = find_named(rows, wanted, lambda p: (p.name,))
    if found is None:
        raise CommandLineError(
            _(
                "No agreement period is named '{name}'. Periods: {names}.",
                name=wanted,
                names=listed(rows, lambda p: p.name),
            )
        )
    return found


def chosen_period(session: Session, wanted: str | None) -> ref.AgreementPeriodRow:
    """The period named, else the one in force today."""
    if wanted is not None:
        return find_period(session, wanted)
    period = ref.period_in_force(session, SYSTEM)
    if period is None:
        raise CommandLineError(
            _("There is no agreement period yet. Add one with: {command}", command=f"{PROG} period add")
        )
    return period


def cmd_period_list(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        rows = ref.list_agreement_periods(session, SYSTEM)
        in_force = ref.period_in_force(session, SYSTEM)
        areas = {p.id: len(ref.list_areas(session, SYSTEM, period_id=p.id)) for p in rows}
    if not rows:
        out(_("There are no agreement periods yet. Add one with: {command}", command=f"{PROG} period add"))
        return EXIT_OK
    headers = [_("Name"), _("From"), _("To"), _("Signed on"), _("Signed by"), _("Areas"), _("Status")]
    body = [
        [
            p.name,
            p.starts_on.isoformat(),
            p.ends_on.isoformat(),
            p.signed_on.isoformat() if p.signed_on else "–",
            p.signed_by or "–",
            areas[p.id],
            _("in force") if in_force is not None and p.id == in_force.id else "",
        ]
        for p in rows
    ]
    out(table(headers, body))
    return EXIT_OK


def cmd_period_add(args: argparse.Namespace) -> int:
    data = ref.AgreementPeriodInput(
        name=args.name,
        starts_on=args.starts_on,
        ends_on=args.ends_on,
        signed_on=args.signed_on,
        description=args.description or "",
        signed_by=args.signed_by or "",
    )
    with open_database(args) as db, system_session(db) as session:
        source = find_period(session, args.copy_areas_from) if args.copy_areas_from is not None else None
        row = ref.create_agreement_period(session, SYSTEM, data, copy_areas_from=source.id if source else None)
        areas = len(ref.list_areas(session, SYSTEM, period_id=row.id))
    out(
        _(
            "Added the agreement period {name} ({start} – {end}) with {areas} areas.",
            name=row.name,
            start=row.starts_on.isoformat(),
            end=row.ends_on.isoformat(),
            areas=areas,
        )
    )
    return EXIT_OK


def cmd_period_edit(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = find_period(session, args.name)
        current = ref.AgreementPeriodInput(
            row.name, row.starts_on, row.ends_on, row.signed_on, row.description, row.signed_by
        )
        data = ref.AgreementPeriodInput(
            name=given_or(args.new_name, row.name),
            starts_on=given_or(args.starts_on, row.starts_on),
            ends_on=given_or(args.ends_on, row.ends_on),
            signed_on=given_or(args.signed_on, row.signed_on),
            description=given_or(args.description, row.description),
            signed_by=given_or(args.signed_by, row.signed_by),
        )
        if data == current:
            return no_change(row.name)
        saved = ref.update_agreement_period(session, SYSTEM, row.id, data, row.version)
    out(_("Saved the agreement period {name}.", name=saved.name))
    return EXIT_OK


def register_areas(commands) -> None:
    area = command(commands, "area", _("administer the samverkansområden of an agreement period"))
    sub = subcommands(area, "area_command", required=True)
    period_help = _("the agreement period (default: the one in force today)")
    listing = command(sub, "list", _("list the areas of an agreement period"), cmd_area_list)
    listing.add_argument("--period", metavar="NAME", help=period_help)
    add = command(sub, "add", _("add an area to an agreement period"), cmd_area_add)
    add.add_argument("name", metavar="NAME")
    add.add_argument("--period", metavar="NAME", help=period_help)
    add.add_argument("--description", metavar="TEXT", help=_("what the area covers"))
    add.add_argument("--order", type=non_negative_int, metavar="N", help=_("place in the list (default: last)"))
    edit = command(sub, "edit", _("change an area"), cmd_area_edit)
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--period", metavar="NAME", help=period_help)
    edit.add_argument("--name", dest="new_name", metavar="NEW", help=_("a new name"))
    edit.add_argument("--description", metavar="TEXT", help=_("what the area covers"))
    edit.add_argument("--order", type=non_negative_int, metavar="N", help=_("place in the list"))
    active_options(edit)
    retire = command(sub, "retire", _("mark an area as not in use"), cmd_area_retire)
    retire.add_argument("name", metavar="NAME")
    retire.add_argument("--period", metavar="NAME", help=period_help)


def find_area(session: Session, period: ref.AgreementPeriodRow, wanted: str) -> ref.AreaRow:
    rows = ref.list_areas(session, SYSTEM, period_id=period.id)
    found = find_named(rows, wanted, lambda a: (a.name,))
    if found is None:
        raise CommandLineError(
            _(
                "{period} has no area named '{name}'. Areas: {names}.",
                period=period.name,
                name=wanted,
                names=listed(rows, lambda a: a.name),
            )
        )
    return found


def _area_input(row: ref.AreaRow, **changes: object) -> ref.AreaInput:
    values: dict[str, object] = {
        "name": row.name,
        "description": row.description,
        "sort_order": row.sort_order,
        "active": row.active,
        "agreement_period_id": row.agreement_period_id,
    }
    values.update(changes)
    return ref.AreaInput(**values)  # type: ignore[arg-type]


def _shortened(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cmd_area_list(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        period = chosen_period(session, args.period)
        rows = ref.list_areas(session, SYSTEM, period_id=period.id)
        counts: dict[int, int] = {}
        for category in ref.list_categories(session, SYSTEM, period_id=period.id):
            if category.area_id is not None:
                counts[category.area_id] = counts.get(category.area_id, 0) + 1
    if not rows:
        out(_("{period} has no areas yet. Add one with: {command}", period=period.name, command=f"{PROG} area add"))
        return EXIT_OK
    headers = [_("Order"), _("Name"), _("Event types"), _("Status"), _("Description")]
    body = [
        [a.sort_order, a.name, counts.get(a.id, 0), status_word(a.active), _shortened(a.description, DESCRIPTION_SHOWN)]
        for a in rows
    ]
    out(table(headers, body))
    return EXIT_OK


def cmd_area_add(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        period = chosen_period(session, args.period)
        order = args.order
        if order is None:  # after the last one
            order = max((a.sort_order for a in ref.list_areas(session, SYSTEM, period_id=period.id)), default=0) + 1
        data = ref.AreaInput(args.name, args.description or "", order, True, period.id)
        row = ref.create_area(session, SYSTEM, data)
    out(_("Added the area {name} to {period}.", name=row.name, period=row.agreement_period_name))
    return EXIT_OK


def cmd_area_edit(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = find_area(session, chosen_period(session, args.period), args.name)
        data = _area_input(
            row,
            name=given_or(args.new_name, row.name),
            description=given_or(args.description, row.description),
            sort_order=given_or(args.order, row.sort_order),
            active=given_or(args.active, row.active),
        )
        if data == _area_input(row):
            return no_change(row.name)
        saved = ref.update_area(session, SYSTEM, row.id, data, row.version)
    out(_("Saved the area {name} of {period}.", name=saved.name, period=saved.agreement_period_name))
    return EXIT_OK


def cmd_area_retire(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = find_area(session, chosen_period(session, args.period), args.name)
        if not row.active:
            return no_change(row.name)
        ref.update_area(session, SYSTEM, row.id, _area_input(row, active=False), row.version)
    out(_("The area {name} of {period} is no longer in use.", name=row.name, period=row.agreement_period_name))
    return EXIT_OK
