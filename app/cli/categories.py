"""The `trygghetscenter category` commands: the event types as a tree, each counted to an area per agreement period."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from sqlalchemy.orm import Session

from app.cli import imports
from app.cli.agreements import find_area, find_period
from app.cli.common import (
    EXIT_OK,
    PROG,
    CommandLineError,
    command,
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
from app.imports.columns import name_key
from app.services import reference as ref
from app.services.context import SYSTEM


def register(commands) -> None:
    """Add `category list|add|edit|retire|import`."""
    category = command(commands, "category", _("administer event types"))
    sub = subcommands(category, "category_command", required=True)
    period_help = _("the agreement period whose areas are meant (default: the one in force today)")
    listing = command(sub, "list", _("list the event types as a tree, with their areas"), cmd_category_list)
    listing.add_argument("--period", metavar="NAME", help=period_help)

    add = command(sub, "add", _("add an event type"), cmd_category_add)
    add.add_argument("code", metavar="CODE", help=_("a short code, e.g. VALD"))
    add.add_argument("name", metavar="NAME")
    add.add_argument("--parent", metavar="CODE", help=_("the event type it lies under"))
    add.add_argument("--area", metavar="NAME", help=_("the samverkansområde it counts to"))
    add.add_argument("--period", metavar="NAME", help=period_help)

    edit = command(sub, "edit", _("change an event type"), cmd_category_edit)
    edit.add_argument("code", metavar="CODE")
    edit.add_argument("--code", dest="new_code", metavar="NEW", help=_("a new code"))
    edit.add_argument("--name", metavar="NAME", help=_("a new name"))
    parent = edit.add_mutually_exclusive_group()
    parent.add_argument("--parent", metavar="CODE", help=_("the event type it lies under"))
    parent.add_argument("--no-parent", action="store_true", help=_("put it at the top of the tree"))
    area = edit.add_mutually_exclusive_group()
    area.add_argument("--area", metavar="NAME", help=_("the samverkansområde it counts to from now on"))
    area.add_argument("--no-area", action="store_true", help=_("count it to no area"))
    edit.add_argument("--period", metavar="NAME", help=period_help)
    edit.add_argument("--yes", action="store_true", help=_("confirm moving events to another area"))
    active_options(edit)

    retire = command(sub, "retire", _("mark an event type as not in use"), cmd_category_retire)
    retire.add_argument("code", metavar="CODE")
    imports.add_import_command(sub, imports.ImportKind.CATEGORIES)


def _find_category(session: Session, wanted: str, period_id: int | None) -> ref.CategoryRow:
    rows = ref.list_categories(session, SYSTEM, period_id=period_id)
    found = find_named(rows, wanted, lambda c: (c.code,)) or find_named(rows, wanted, lambda c: (c.name,))
    if found is None:
        raise CommandLineError(
            _(
                "No event type has the code '{code}'. Codes: {codes}.",
                code=wanted,
                codes=listed(sorted(rows, key=lambda c: c.code), lambda c: c.code),
            )
        )
    return found


def _period_id(session: Session, wanted: str | None) -> int | None:
    if wanted is not None:
        return find_period(session, wanted).id
    period = ref.period_in_force(session, SYSTEM)
    return period.id if period else None


def _area_id(session: Session, wanted: str, period_id: int | None) -> int:
    if period_id is None:
        raise CommandLineError(
            _("There is no agreement period yet. Add one with: {command}", command=f"{PROG} period add")
        )
    period = ref.get_agreement_period(session, SYSTEM, period_id)
    return find_area(session, period, wanted).id


def _tree(rows: Sequence[ref.CategoryRow]) -> list[tuple[int, ref.CategoryRow]]:
    """The event types depth first, each with its depth; siblings by name."""
    ids = {row.id for row in rows}
    children: dict[int | None, list[ref.CategoryRow]] = {}
    for row in rows:
        children.setdefault(row.parent_id if row.parent_id in ids else None, []).append(row)
    ordered: list[tuple[int, ref.CategoryRow]] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for row in sorted(children.get(parent, []), key=lambda r: (name_key(r.name), r.id)):
            if row.id not in seen:
                seen.add(row.id)
                ordered.append((depth, row))
                walk(row.id, depth + 1)

    walk(None, 0)
    return ordered


def cmd_category_list(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        period_id = _period_id(session, args.period)
        rows = ref.list_categories(session, SYSTEM, period_id=period_id)
        period = ref.get_agreement_period(session, SYSTEM, period_id).name if period_id is not None else ""
    if not rows:
        out(_("There are no event types yet. Add one with: {command}", command=f"{PROG} category add"))
        return EXIT_OK
    area_header = _("Area in {period}", period=period) if period else _("Area")
    headers = [_("Code"), _("Name"), area_header, _("Status")]
    body = [[c.code, "  " * depth + c.name, c.area_name or "–", status_word(c.active)] for depth, c in _tree(rows)]
    out(table(headers, body))
    return EXIT_OK


def cmd_category_add(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        period_id = _period_id(session, args.period)
        parent = _find_category(session, args.parent, period_id).id if args.parent is not None else None
        area = _area_id(session, args.area, period_id) if args.area is not None else None
        data = ref.CategoryInput(args.code, args.name, area_id=area, parent_id=parent, period_id=period_id)
        row = ref.create_category(session, SYSTEM, data)
    if row.area_name:
        out(
            _(
                "Added the event type {code} {name}, counted to {area}.",
                code=row.code,
                name=row.name,
                area=row.area_name,
            )
        )
    else:
        out(_("Added the event type {code} {name}.", code=row.code, name=row.name))
    return EXIT_OK


def _category_input(row: ref.CategoryRow, period_id: int | None, **changes: object) -> ref.CategoryInput:
    values: dict[str, object] = {
        "code": row.code,
        "name": row.name,
        "area_id": row.area_id,
        "parent_id": row.parent_id,
        "active": row.active,
        "period_id": period_id,
    }
    values.update(changes)
    return ref.CategoryInput(**values)  # type: ignore[arg-type]


def _describe_move(code: str, move: ref.AreaMove) -> str:
    return _(
        "Moving {code} from {old} to {new} in {period} changes the figures of both areas: {events} events "
        "of the period move with it.",
        code=code,
        old=move.old_area or _("no area"),
        new=move.new_area or _("no area"),
        period=move.period_name,
        events=move.events,
    )


def cmd_category_edit(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        period_id = _period_id(session, args.period)
        row = _find_category(session, args.code, period_id)
        parent = row.parent_id
        if args.no_parent:
            parent = None
        elif args.parent is not None:
            parent = _find_category(session, args.parent, period_id).id
        area = row.area_id
        if args.no_area:
            area = None
        elif args.area is not None:
            area = _area_id(session, args.area, period_id)
        data = _category_input(
            row,
            period_id,
            code=given_or(args.new_code, row.code),
            name=given_or(args.name, row.name),
            parent_id=parent,
            area_id=area,
            active=given_or(args.active, row.active),
        )
        if data == _category_input(row, period_id):
            return no_change(row.code)
        if area != row.area_id:
            move = ref.category_area_move(session, SYSTEM, row.id, area, period_id=period_id)
            out(_describe_move(row.code, move))
            if move.events and not args.yes:
                raise CommandLineError(
                    _(
                        "Nothing was changed: {events} events would move. Run again with --yes to move them.",
                        events=move.events,
                    )
                )
        saved = ref.update_category(session, SYSTEM, row.id, data, row.version)
    out(_("Saved the event type {code} {name}.", code=saved.code, name=saved.name))
    return EXIT_OK


def cmd_category_retire(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        period_id = _period_id(session, None)
        row = _find_category(session, args.code, period_id)
        if not row.active:
            return no_change(row.code)
        ref.update_category(session, SYSTEM, row.id, _category_input(row, period_id, active=False), row.version)
    out(_("The event type {code} {name} is no longer in use; its observations keep it.", code=row.code, name=row.name))
    return EXIT_OK
