"""The `trygghetscenter place|category|area|period|org` commands: the office's reference data, for scripts and set-up.

Every command acts as SYSTEM (like `user`) and goes through app/services/reference.py, so each save
is validated, version-checked and audited as in the program. Rows are named as people know them
(a place or an area by name, an event type by code, an organisation by short name), found ignoring
case; an unknown name fails on one line that lists what exists.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from app.cli import imports
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
from app.domain.fields import field_label
from app.domain.vocabulary import OrganisationKind, PlaceType, Vocabulary
from app.i18n import _
from app.imports.columns import name_key
from app.services import reference as ref
from app.services.context import SYSTEM

T = TypeVar("T")
V = TypeVar("V", bound=Vocabulary)

TRAITS = ("poor_lighting", "poor_sightlines", "secluded", "littering")
NAMES_SHOWN = 8  # names listed when one is not found
DESCRIPTION_SHOWN = 50  # characters of an area's description in `area list`


def register(commands) -> None:
    """Add the `place`, `category`, `area`, `period` and `org` command groups."""
    _register_places(commands)
    _register_categories(commands)
    _register_areas(commands)
    _register_periods(commands)
    _register_organisations(commands)


# --- shared parts -----------------------------------------------------------------------------------


def _choices_help(values: Iterable[Vocabulary]) -> str:
    return ", ".join(f"{value.value} ({value.label})" for value in values)


def _vocabulary_argument(vocabulary: type[V]) -> Callable[[str], V]:
    """An option taking a vocabulary value, or its label in either language, ignoring case."""

    def parse(text: str) -> V:
        key = name_key(text)
        for member in vocabulary:
            if key in {name_key(member.value), name_key(member.label), name_key(member.source_label)}:
                return member
        raise argparse.ArgumentTypeError(
            _("'{value}' is not one of: {choices}", value=text, choices=", ".join(m.value for m in vocabulary))
        )

    return parse


def _trait_argument(text: str) -> str:
    key = name_key(text)
    for trait in TRAITS:
        if key in {name_key(trait), name_key(field_label(trait))}:
            return trait
    raise argparse.ArgumentTypeError(_("'{value}' is not one of: {choices}", value=text, choices=", ".join(TRAITS)))


def _traits_help() -> str:
    return ", ".join(f"{trait} ({field_label(trait)})" for trait in TRAITS)


def _active_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--active", dest="active", action="store_const", const=True, help=_("mark it as in use"))
    group.add_argument("--inactive", dest="active", action="store_const", const=False, help=_("mark it as not in use"))


def _find(rows: Sequence[T], wanted: str, keys: Callable[[T], Iterable[str]]) -> T | None:
    key = name_key(wanted)
    return next((row for row in rows if key in {name_key(k) for k in keys(row)}), None)


def _names(rows: Sequence[T], shown: Callable[[T], str]) -> str:
    names = [shown(row) for row in rows]
    if not names:
        return _("none yet")
    listed = ", ".join(names[:NAMES_SHOWN])
    return listed if len(names) <= NAMES_SHOWN else _("{names} and {n} more", names=listed, n=len(names) - NAMES_SHOWN)


def _status(active: bool) -> str:
    return _("active") if active else _("not in use")


def _given(value: T | None, current: T) -> T:
    return current if value is None else value


def _no_change(name: str) -> int:
    out(_("{name} already has these values; nothing was changed.", name=name))
    return EXIT_OK


# --- places -----------------------------------------------------------------------------------------


def _register_places(commands) -> None:
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
    parser.add_argument("--kind", type=_vocabulary_argument(PlaceType), metavar="KIND", help=_choices_help(PlaceType))
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
        _active_options(parser)


def _find_place(session: Session, wanted: str) -> ref.PlaceRow:
    rows = ref.list_places(session, SYSTEM)
    found = _find(rows, wanted, lambda p: (p.name,))
    if found is None:
        active = [p for p in rows if p.active] or rows
        raise CommandLineError(
            _("No place is named '{name}'. Places: {names}.", name=wanted, names=_names(active, lambda p: p.name))
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
                    _status(r.active),
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
            "name": _given(args.new_name, row.name),
            "district": _given(args.district, row.district),
            "place_type": _given(args.kind, row.place_type),
            "notes": _given(args.notes, row.notes),
            "active": _given(args.active, row.active),
            **{trait: (getattr(row, trait) or trait in added) and trait not in removed for trait in TRAITS},
        }
        if args.no_coordinates:
            if args.lat is not None or args.lon is not None:
                raise CommandLineError(_("Give either --no-coordinates or --lat and --lon, not both."))
            changes.update(latitude=None, longitude=None)
        else:
            changes.update(latitude=_given(args.lat, row.latitude), longitude=_given(args.lon, row.longitude))
        data = _place_input(row, **changes)
        if data == _place_input(row):
            return _no_change(row.name)
        saved = ref.update_place(session, SYSTEM, row.id, data, row.version)
    out(_("Saved the place {name}.", name=saved.name))
    return EXIT_OK


def cmd_place_retire(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = _find_place(session, args.name)
        if not row.active:
            return _no_change(row.name)
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


# --- agreement periods ------------------------------------------------------------------------------


def _register_periods(commands) -> None:
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


def _find_period(session: Session, wanted: str) -> ref.AgreementPeriodRow:
    rows = ref.list_agreement_periods(session, SYSTEM)
    found = _find(rows, wanted, lambda p: (p.name,))
    if found is None:
        raise CommandLineError(
            _(
                "No agreement period is named '{name}'. Periods: {names}.",
                name=wanted,
                names=_names(rows, lambda p: p.name),
            )
        )
    return found


def _chosen_period(session: Session, wanted: str | None) -> ref.AgreementPeriodRow:
    """The period named, else the one in force today."""
    if wanted is not None:
        return _find_period(session, wanted)
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
        source = _find_period(session, args.copy_areas_from) if args.copy_areas_from is not None else None
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
        row = _find_period(session, args.name)
        current = ref.AgreementPeriodInput(
            row.name, row.starts_on, row.ends_on, row.signed_on, row.description, row.signed_by
        )
        data = ref.AgreementPeriodInput(
            name=_given(args.new_name, row.name),
            starts_on=_given(args.starts_on, row.starts_on),
            ends_on=_given(args.ends_on, row.ends_on),
            signed_on=_given(args.signed_on, row.signed_on),
            description=_given(args.description, row.description),
            signed_by=_given(args.signed_by, row.signed_by),
        )
        if data == current:
            return _no_change(row.name)
        saved = ref.update_agreement_period(session, SYSTEM, row.id, data, row.version)
    out(_("Saved the agreement period {name}.", name=saved.name))
    return EXIT_OK


# --- samverkansområden ------------------------------------------------------------------------------


def _register_areas(commands) -> None:
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
    _active_options(edit)
    retire = command(sub, "retire", _("mark an area as not in use"), cmd_area_retire)
    retire.add_argument("name", metavar="NAME")
    retire.add_argument("--period", metavar="NAME", help=period_help)


def _find_area(session: Session, period: ref.AgreementPeriodRow, wanted: str) -> ref.AreaRow:
    rows = ref.list_areas(session, SYSTEM, period_id=period.id)
    found = _find(rows, wanted, lambda a: (a.name,))
    if found is None:
        raise CommandLineError(
            _(
                "{period} has no area named '{name}'. Areas: {names}.",
                period=period.name,
                name=wanted,
                names=_names(rows, lambda a: a.name),
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
        period = _chosen_period(session, args.period)
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
        [a.sort_order, a.name, counts.get(a.id, 0), _status(a.active), _shortened(a.description, DESCRIPTION_SHOWN)]
        for a in rows
    ]
    out(table(headers, body))
    return EXIT_OK


def cmd_area_add(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        period = _chosen_period(session, args.period)
        order = args.order
        if order is None:  # after the last one
            order = max((a.sort_order for a in ref.list_areas(session, SYSTEM, period_id=period.id)), default=0) + 1
        data = ref.AreaInput(args.name, args.description or "", order, True, period.id)
        row = ref.create_area(session, SYSTEM, data)
    out(_("Added the area {name} to {period}.", name=row.name, period=row.agreement_period_name))
    return EXIT_OK


def cmd_area_edit(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = _find_area(session, _chosen_period(session, args.period), args.name)
        data = _area_input(
            row,
            name=_given(args.new_name, row.name),
            description=_given(args.description, row.description),
            sort_order=_given(args.order, row.sort_order),
            active=_given(args.active, row.active),
        )
        if data == _area_input(row):
            return _no_change(row.name)
        saved = ref.update_area(session, SYSTEM, row.id, data, row.version)
    out(_("Saved the area {name} of {period}.", name=saved.name, period=saved.agreement_period_name))
    return EXIT_OK


def cmd_area_retire(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = _find_area(session, _chosen_period(session, args.period), args.name)
        if not row.active:
            return _no_change(row.name)
        ref.update_area(session, SYSTEM, row.id, _area_input(row, active=False), row.version)
    out(_("The area {name} of {period} is no longer in use.", name=row.name, period=row.agreement_period_name))
    return EXIT_OK


# --- event types ------------------------------------------------------------------------------------


def _register_categories(commands) -> None:
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
    _active_options(edit)

    retire = command(sub, "retire", _("mark an event type as not in use"), cmd_category_retire)
    retire.add_argument("code", metavar="CODE")
    imports.add_import_command(sub, imports.ImportKind.CATEGORIES)


def _find_category(session: Session, wanted: str, period_id: int | None) -> ref.CategoryRow:
    rows = ref.list_categories(session, SYSTEM, period_id=period_id)
    found = _find(rows, wanted, lambda c: (c.code,)) or _find(rows, wanted, lambda c: (c.name,))
    if found is None:
        raise CommandLineError(
            _(
                "No event type has the code '{code}'. Codes: {codes}.",
                code=wanted,
                codes=_names(sorted(rows, key=lambda c: c.code), lambda c: c.code),
            )
        )
    return found


def _period_id(session: Session, wanted: str | None) -> int | None:
    if wanted is not None:
        return _find_period(session, wanted).id
    period = ref.period_in_force(session, SYSTEM)
    return period.id if period else None


def _area_id(session: Session, wanted: str, period_id: int | None) -> int:
    if period_id is None:
        raise CommandLineError(
            _("There is no agreement period yet. Add one with: {command}", command=f"{PROG} period add")
        )
    period = ref.get_agreement_period(session, SYSTEM, period_id)
    return _find_area(session, period, wanted).id


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
    body = [[c.code, "  " * depth + c.name, c.area_name or "–", _status(c.active)] for depth, c in _tree(rows)]
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
            code=_given(args.new_code, row.code),
            name=_given(args.name, row.name),
            parent_id=parent,
            area_id=area,
            active=_given(args.active, row.active),
        )
        if data == _category_input(row, period_id):
            return _no_change(row.code)
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
            return _no_change(row.code)
        ref.update_category(session, SYSTEM, row.id, _category_input(row, period_id, active=False), row.version)
    out(_("The event type {code} {name} is no longer in use; its observations keep it.", code=row.code, name=row.name))
    return EXIT_OK


# --- organisations ----------------------------------------------------------------------------------


def _register_organisations(commands) -> None:
    org = command(commands, "org", _("administer the organisations of the office"))
    sub = subcommands(org, "org_command", required=True)
    command(sub, "list", _("list the organisations"), cmd_org_list)
    kind_help = _choices_help(OrganisationKind)
    add = command(sub, "add", _("add an organisation"), cmd_org_add)
    add.add_argument("name", metavar="NAME", help=_("the full name, e.g. 'Sigtunahem AB'"))
    add.add_argument(
        "--short", required=True, metavar="SHORT", help=_("the short name users are added with, e.g. Sigtunahem")
    )
    add.add_argument(
        "--kind", required=True, type=_vocabulary_argument(OrganisationKind), metavar="KIND", help=kind_help
    )
    edit = command(sub, "edit", _("change an organisation"), cmd_org_edit)
    edit.add_argument("short", metavar="SHORT")
    edit.add_argument("--name", metavar="NAME", help=_("a new full name"))
    edit.add_argument("--short", dest="new_short", metavar="NEW", help=_("a new short name"))
    edit.add_argument("--kind", type=_vocabulary_argument(OrganisationKind), metavar="KIND", help=kind_help)
    _active_options(edit)
    command(sub, "retire", _("mark an organisation as not in use"), cmd_org_retire).add_argument(
        "short", metavar="SHORT"
    )


def _find_organisation(session: Session, wanted: str) -> ref.OrganisationRow:
    rows = ref.list_organisations(session, SYSTEM)
    found = _find(rows, wanted, lambda o: (o.short_name,)) or _find(rows, wanted, lambda o: (o.name,))
    if found is None:
        raise CommandLineError(
            _(
                "No organisation has the short name '{name}'. Organisations: {names}.",
                name=wanted,
                names=_names(rows, lambda o: o.short_name),
            )
        )
    return found


def _organisation_input(row: ref.OrganisationRow, **changes: object) -> ref.OrganisationInput:
    values: dict[str, object] = {"name": row.name, "short_name": row.short_name, "active": row.active, "kind": row.kind}
    values.update(changes)
    return ref.OrganisationInput(**values)  # type: ignore[arg-type]


def cmd_org_list(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        rows = ref.list_organisations(session, SYSTEM)
    headers = [field_label("short_name"), _("Name"), _("Kind of organisation"), _("Status")]
    out(table(headers, [[o.short_name, o.name, o.kind.label, _status(o.active)] for o in rows]))
    return EXIT_OK


def cmd_org_add(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = ref.create_organisation(session, SYSTEM, ref.OrganisationInput(args.name, args.short, True, args.kind))
    out(_("Added the organisation {name} ({short}, {kind}).", name=row.name, short=row.short_name, kind=row.kind.label))
    return EXIT_OK


def cmd_org_edit(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = _find_organisation(session, args.short)
        data = _organisation_input(
            row,
            name=_given(args.name, row.name),
            short_name=_given(args.new_short, row.short_name),
            kind=_given(args.kind, row.kind),
            active=_given(args.active, row.active),
        )
        if data == _organisation_input(row):
            return _no_change(row.short_name)
        saved = ref.update_organisation(session, SYSTEM, row.id, data, row.version)
    out(_("Saved the organisation {name} ({short}).", name=saved.name, short=saved.short_name))
    return EXIT_OK


def cmd_org_retire(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = _find_organisation(session, args.short)
        if not row.active:
            return _no_change(row.short_name)
        ref.update_organisation(session, SYSTEM, row.id, _organisation_input(row, active=False), row.version)
    out(_("{name} is no longer in use; its accounts and entries keep it.", name=row.name))
    return EXIT_OK
