"""The `trygghetscenter place` commands: list, add, edit, retire, delete, merge and import places."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session

from app.cli import imports
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
    choices_help,
    find_named,
    given_or,
    listed,
    no_change,
    status_word,
    vocabulary_argument,
)
from app.domain.fields import field_label
from app.domain.vocabulary import PlaceType
from app.i18n import _
from app.imports.columns import PLACE_TRAITS as TRAITS
from app.imports.columns import name_key
from app.services import reference as ref
from app.services.context import SYSTEM


def register(commands) -> None:
    """Add `place list|add|edit|retire|delete|merge|import`."""
    place = command(commands, "place", _("administer places"))
    sub = subcommands(place, "place_command", required=True)
    listing = command(sub, "list", _("list the places in use"), cmd_place_list)
    listing.add_argument("--all", action="store_true", help=_("also the places no longer in use"))

    add = command(sub, "add", _("add a place"), cmd_place_add)
    add.add_argument("name", metavar="NAME", help=_("the place's name, e.g. 'Märsta centrum'"))
    add.add_argument("--district", required=True, help=_("the kommundel the place lies in, e.g. Märsta"))
    _place_options(add, new=True)

    edit = command(sub, "edit", _("change a place"), cmd_place_edit)
    edit.add_argument("name", metavar="NAME")
    edit.add_argument("--name", dest="new_name", metavar="NEW", help=_("a new name"))
    edit.add_argument("--district", help=_("the kommundel the place lies in"))
    _place_options(edit, new=False)

    command(sub, "retire", _("mark a place as not in use; it keeps its history"), cmd_place_retire).add_argument(
        "name", metavar="NAME"
    )
    command(sub, "delete", _("delete a place that nothing refers to"), cmd_place_delete).add_argument(
        "name", metavar="NAME"
    )
    merge = command(
        sub, "merge", _("merge two places that are the same: everything moves to the other"), cmd_place_merge
    )
    merge.add_argument("source", metavar="FROM", help=_("the place that goes"))
    merge.add_argument("--into", required=True, metavar="TO", help=_("the place that stays"))
    imports.add_import_command(sub, imports.ImportKind.PLACES)


def _place_options(parser: argparse.ArgumentParser, *, new: bool) -> None:
    parser.add_argument("--kind", type=vocabulary_argument(PlaceType), metavar="KIND", help=choices_help(PlaceType))
    parser.add_argument("--lat", metavar="X", help=_("latitude (WGS84), e.g. 59.6225"))
    parser.add_argument("--lon", metavar="Y", help=_("longitude (WGS84), e.g. 17.8545"))
    parser.add_argument(
        "--trait",
        action="append",
        type=_trait_argument,
        metavar="TRAIT",
        help=_("{choices}; may be repeated", choices=_traits_help()),
    )
    parser.add_argument("--notes", metavar="TEXT", help=_("notes about the place"))
    if not new:
        parser.add_argument(
            "--no-trait",
            action="append",
            type=_trait_argument,
            metavar="TRAIT",
            help=_("remove a trait; may be repeated"),
        )
        parser.add_argument("--no-coordinates", action="store_true", help=_("remove the coordinates"))
        active_options(parser)


def _find_place(session: Session, wanted: str) -> ref.PlaceRow:
    rows = ref.list_places(session, SYSTEM)
    found = find_named(rows, wanted, lambda p: (p.name,))
    if found is None:
        active = [p for p in rows if p.active] or rows
        raise CommandLineError(
            _("No place is named '{name}'. Places: {names}.", name=wanted, names=listed(active, lambda p: p.name))
        )
    return found


def _coordinates(row: ref.PlaceRow) -> str:
    if row.latitude is None or row.longitude is None:
        return "–"
    return f"{row.latitude:.5f}, {row.longitude:.5f}"


def _traits(row: object) -> list[str]:
    return [trait for trait in TRAITS if getattr(row, trait)]


def cmd_place_list(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        rows = ref.list_places(session, SYSTEM, active_only=not args.all)
    if not rows:
        out(_("There are no places yet. Add one with: {command}", command=f"{PROG} place add"))
        return EXIT_OK
    headers = [
        _("Name"),
        field_label("district"),
        field_label("place_type"),
        _("Coordinates"),
        _("Traits"),
        _("Status"),
    ]
    out(
        table(
            headers,
            [
                [
                    r.name,
                    r.district,
                    r.place_type.label,
                    _coordinates(r),
                    ", ".join(field_label(t) for t in _traits(r)),
                    status_word(r.active),
                ]
                for r in rows
            ],
        )
    )
    return EXIT_OK


def cmd_place_add(args: argparse.Namespace) -> int:
    traits = set(args.trait or ())
    data = ref.PlaceInput(
        name=args.name,
        district=args.district,
        place_type=args.kind or PlaceType.OTHER,
        latitude=args.lat,
        longitude=args.lon,
        notes=args.notes or "",
        **{trait: trait in traits for trait in TRAITS},
    )
    with open_database(args) as db, system_session(db) as session:
        row = ref.create_place(session, SYSTEM, data)
    out(
        _(
            "Added the place {name} ({district}, {kind}).",
            name=row.name,
            district=row.district,
            kind=row.place_type.label,
        )
    )
    return EXIT_OK


def _place_input(row: ref.PlaceRow, **changes: object) -> ref.PlaceInput:
    values: dict[str, object] = {
        "name": row.name,
        "district": row.district,
        "place_type": row.place_type,
        "latitude": row.latitude,
        "longitude": row.longitude,
        "notes": row.notes,
        "active": row.active,
        **{trait: getattr(row, trait) for trait in TRAITS},
    }
    values.update(changes)
    return ref.PlaceInput(**values)  # type: ignore[arg-type]


def cmd_place_edit(args: argparse.Namespace) -> int:
    added, removed = set(args.trait or ()), set(args.no_trait or ())
    both = sorted(added & removed)
    if both:
        raise CommandLineError(_("--trait and --no-trait both name {traits}.", traits=", ".join(both)))
    with open_database(args) as db, system_session(db) as session:
        row = _find_place(session, args.name)
        changes: dict[str, object] = {
            "name": given_or(args.new_name, row.name),
            "district": given_or(args.district, row.district),
            "place_type": given_or(args.kind, row.place_type),
            "notes": given_or(args.notes, row.notes),
            "active": given_or(args.active, row.active),
            **{trait: (getattr(row, trait) or trait in added) and trait not in removed for trait in TRAITS},
        }
        if args.no_coordinates:
            if args.lat is not None or args.lon is not None:
                raise CommandLineError(_("Give either --no-coordinates or --lat and --lon, not both."))
            changes.update(latitude=None, longitude=None)
        else:
            changes.update(latitude=given_or(args.lat, row.latitude), longitude=given_or(args.lon, row.longitude))
        data = _place_input(row, **changes)
        if data == _place_input(row):
            return no_change(row.name)
        saved = ref.update_place(session, SYSTEM, row.id, data, row.version)
    out(_("Saved the place {name}.", name=saved.name))
    return EXIT_OK


def cmd_place_retire(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = _find_place(session, args.name)
        if not row.active:
            return no_change(row.name)
        ref.update_place(session, SYSTEM, row.id, _place_input(row, active=False), row.version)
    out(_("{name} is no longer in use; its observations and actions keep it.", name=row.name))
    return EXIT_OK


def cmd_place_delete(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = _find_place(session, args.name)
        ref.delete_place(session, SYSTEM, row.id, row.version)
    out(_("Deleted the place {name}.", name=row.name))
    return EXIT_OK


def cmd_place_merge(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        source = _find_place(session, args.source)
        target = _find_place(session, args.into)
        merged = ref.merge_places(
            session, SYSTEM, source.id, target.id, source_version=source.version, target_version=target.version
        )
    out(
        _(
            "Merged {source} into {target}: moved {observations} observations, {actions} actions and "
            "{meetings} meetings; {source} was removed.",
            source=merged.removed_name,
            target=merged.kept.name,
            observations=merged.observations,
            actions=merged.actions,
            meetings=merged.meetings,
        )
    )
    return EXIT_OK


def _trait_argument(text: str) -> str:
    key = name_key(text)
    for trait in TRAITS:
        if key in {name_key(trait), name_key(field_label(trait))}:
            return trait
    raise argparse.ArgumentTypeError(_("'{value}' is not one of: {choices}", value=text, choices=", ".join(TRAITS)))


def _traits_help() -> str:
    return ", ".join(f"{trait} ({field_label(trait)})" for trait in TRAITS)
