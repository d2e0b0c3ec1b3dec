"""The `trygghetscenter setup` command: describe a new office (organisations, agreement period,
samverkansområden, first administrator), asked on a terminal or given as options for scripts."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable

from app.cli.common import (
    EXIT_OK,
    PROG,
    CommandLineError,
    command,
    open_database,
    out,
    password_option,
    read_password,
    system_session,
)
from app.domain.vocabulary import OrganisationKind
from app.errors import ValidationError
from app.i18n import _
from app.services import setup as office
from app.services.setup import AreaEntry, OfficeSetup, OrganisationEntry

Ask = Callable[[str], str]


def register(commands) -> None:
    """Add `setup` with its options for scripts; without them it asks on the terminal."""
    parser = command(
        commands,
        "setup",
        _(
            "set up a new office without demo data: organisations, agreement period, samverkansområden "
            "and the first administrator (asked on the terminal, or given as options)"
        ),
        cmd_setup,
    )
    kinds = ", ".join(k.value for k in OrganisationKind)
    parser.add_argument("--kommun", metavar="NAME", help=_("the kommun, e.g. Sigtuna"))
    parser.add_argument(
        "--org",
        action="append",
        type=_organisation,
        metavar="NAME;SHORT;KIND",
        help=_(
            "an organisation of the office (repeat for each); KIND is one of {kinds}. "
            "Default: the kommun, Polisen and Räddningstjänsten",
            kinds=kinds,
        ),
    )
    parser.add_argument(
        "--period-name",
        metavar="NAME",
        help=_("the agreement period's name (default: {name})", name=office.default_period()[0]),
    )
    parser.add_argument(
        "--from",
        dest="starts_on",
        type=_date,
        metavar="YYYY-MM-DD",
        help=_("its first day (default: 1 January this year)"),
    )
    parser.add_argument(
        "--to",
        dest="ends_on",
        type=_date,
        metavar="YYYY-MM-DD",
        help=_("its last day (default: 31 December three years later)"),
    )
    parser.add_argument("--signed-on", type=_date, metavar="YYYY-MM-DD", help=_("the day it was signed"))
    parser.add_argument("--signed-by", default="", metavar="NAMES", help=_("who signed it"))
    areas = parser.add_mutually_exclusive_group()
    areas.add_argument(
        "--area",
        action="append",
        type=_area,
        metavar="NAME;DESCRIPTION",
        help=_("a samverkansområde of the agreement (repeat for each)"),
    )
    areas.add_argument(
        "--standard-areas",
        action="store_true",
        help=_("the four samverkansområden: {names}", names=", ".join(a.name for a in office.standard_areas())),
    )
    parser.add_argument(
        "--standard-categories",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=_("use the standard event types, counted to the areas of the same name (default: yes)"),
    )
    parser.add_argument("--admin", metavar="USERNAME", help=_("the first administrator's username"))
    parser.add_argument("--admin-name", metavar="NAME", help=_("the first administrator's full name"))
    parser.add_argument(
        "--admin-org",
        metavar="SHORT",
        help=_("the first administrator's organisation, by short name (default: the first organisation)"),
    )
    password_option(parser)


# --- option values ---------------------------------------------------------------------------------


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(_("'{value}' is not a date (YYYY-MM-DD)", value=text)) from None


def _kind(text: str) -> OrganisationKind:
    """A kind by its value (police) or its label, in English or the program's language (Polis)."""
    wanted = text.strip().casefold()
    for kind in OrganisationKind:
        if wanted in (kind.value, kind.label.casefold(), kind.source_label.casefold()):
            return kind
    choices = ", ".join(k.value for k in OrganisationKind)
    raise argparse.ArgumentTypeError(
        _("'{value}' is no kind of organisation; use {choices}", value=text, choices=choices)
    )


def _organisation(text: str) -> OrganisationEntry:
    parts = [p.strip() for p in text.split(";")]
    if len(parts) not in (2, 3):
        raise argparse.ArgumentTypeError(_("'{value}' is not NAME;SHORT;KIND", value=text))
    kind = _kind(parts[2]) if len(parts) == 3 and parts[2] else OrganisationKind.OTHER
    return OrganisationEntry(parts[0], parts[1], kind)


def _area(text: str) -> AreaEntry:
    name, _sep, description = text.partition(";")
    return AreaEntry(name.strip(), description.strip())


# --- the command -----------------------------------------------------------------------------------


def cmd_setup(args: argparse.Namespace) -> int:
    with open_database(args) as db:
        with system_session(db) as session:
            if not office.needs_setup(session):
                raise CommandLineError(
                    _(
                        "This database already has users, so its office is set up; nothing was changed. "
                        "Start the program, or see '{prog} --help'.",
                        prog=PROG,
                    )
                )
        if _given_as_options(args):
            data = _from_options(args)
            try:
                result = office.set_up(db, data)
            except ValidationError as exc:
                raise CommandLineError(_validation_line(exc, _option_label)) from None
        else:
            if not sys.stdin.isatty():
                raise CommandLineError(
                    _(
                        "There is no terminal to ask on; give the office as options (see '{prog} setup --help').",
                        prog=PROG,
                    )
                )
            result = _interactive(db)
        url = db.describe()
    _report(args, url, result)
    return EXIT_OK


def _given_as_options(args: argparse.Namespace) -> bool:
    return any(
        getattr(args, name) not in (None, False, "")
        for name in (
            "kommun",
            "org",
            "period_name",
            "starts_on",
            "ends_on",
            "signed_on",
            "signed_by",
            "area",
            "standard_areas",
            "admin",
            "admin_name",
            "admin_org",
        )
    ) or bool(args.password_stdin)


def _from_options(args: argparse.Namespace) -> OfficeSetup:
    missing = [
        option
        for option, value in (
            ("--kommun", args.kommun),
            ("--area/--standard-areas", args.area or args.standard_areas),
            ("--admin", args.admin),
            ("--admin-name", args.admin_name),
            ("--password-stdin", args.password_stdin),
        )
        if not value
    ]
    if missing:
        raise CommandLineError(
            _("Also give {options} (see '{prog} setup --help').", options=", ".join(missing), prog=PROG)
        )
    name, starts_on, ends_on = office.default_period()
    organisations = args.org or office.default_organisations(args.kommun)
    password = read_password(True)
    return OfficeSetup(
        kommun=args.kommun,
        organisations=organisations,
        period_name=args.period_name or name,
        starts_on=args.starts_on or starts_on,
        ends_on=args.ends_on or ends_on,
        signed_on=args.signed_on,
        signed_by=args.signed_by,
        areas=args.area or office.standard_areas(),
        standard_categories=args.standard_categories,
        admin_username=args.admin,
        admin_display_name=args.admin_name,
        admin_organisation=args.admin_org or organisations[0].short_name,
        admin_password=password,
    )


def _validation_line(exc: ValidationError, label: Callable[[str], str]) -> str:
    parts = [f"{label(name)}: {text}" for name, text in exc.errors.items()]
    return _("Please correct: {summary}", summary=" ".join(parts))


def _split(name: str) -> tuple[str, int | None, str]:
    """'organisations.1.short_name' -> ('organisations', 2, 'short_name'), counting from 1 as people do."""
    parts = name.split(".")
    if len(parts) == 3 and parts[1].isdigit():
        return parts[0], int(parts[1]) + 1, parts[2]
    return parts[0], None, parts[-1] if len(parts) > 1 else ""


def _option_label(name: str) -> str:
    """How a field the service complains about was given on the command line."""
    section, number, item = _split(name)
    if section == "organisations":
        part = {"name": _("name"), "short_name": _("short name"), "kind": _("kind")}.get(item, item)
        return f"--org {number} ({part})" if number else "--org"
    if section == "areas":
        part = {"name": _("name"), "description": _("description")}.get(item, item)
        return f"--area {number} ({part})" if number else "--area"
    options = {
        "kommun": "--kommun",
        "period.name": "--period-name",
        "period.starts_on": "--from",
        "period.ends_on": "--to",
        "period.signed_on": "--signed-on",
        "period.signed_by": "--signed-by",
        "admin.username": "--admin",
        "admin.display_name": "--admin-name",
        "admin.organisation": "--admin-org",
        "admin.password": _("password"),
    }
    return options.get(name, name)


def _question_label(name: str) -> str:
    """How a field the service complains about was asked on the terminal."""
    section, number, item = _split(name)
    if section == "organisations":
        part = {"name": _("Name"), "short_name": _("Short name"), "kind": _("Kind of organisation")}.get(item, item)
        return _("Organisation {n}, {part}", n=number, part=part.lower()) if number else _("Organisations")
    if section == "areas":
        part = {"name": _("Name"), "description": _("Description")}.get(item, item)
        return _("Samverkansområde {n}, {part}", n=number, part=part.lower()) if number else _("Samverkansområden")
    questions = {
        "kommun": _("Kommun"),
        "period.name": _("Agreement period"),
        "period.starts_on": _("First day"),
        "period.ends_on": _("Last day"),
        "period.signed_on": _("Signed on"),
        "period.signed_by": _("Signed by"),
        "admin.username": _("Username"),
        "admin.display_name": _("Full name"),
        "admin.organisation": _("Organisation"),
        "admin.password": _("Password"),
    }
    return questions.get(name, name)


# --- on the terminal -------------------------------------------------------------------------------


def _interactive(db, ask: Ask = input) -> office.OfficeSetupResult:
    """Ask for the office; when the service finds problems, say them and ask again with the answers
    given as the defaults, so that nothing typed is lost."""
    out(_("Set up a new office. Press Enter to take the value in brackets."))
    previous: OfficeSetup | None = None
    password: str | None = None
    while True:
        data = _ask_office(ask, previous)
        if password is None:
            password = read_password(False)
        data.admin_password = password
        try:
            return office.set_up(db, data)
        except ValidationError as exc:
            out()
            out(_("Nothing was created yet. Please correct:"))
            for name, text in exc.errors.items():
                out(f"  {_question_label(name)}: {text}")
            if "admin.password" in exc.errors:
                password = None
            if not _yes(ask, _("Answer again?"), True):
                raise CommandLineError(_("The office was not set up; nothing was changed.")) from None
            previous = data


def _question(ask: Ask, text: str, default: str = "") -> str:
    prompt = f"{text} [{default}]: " if default else f"{text}: "
    try:
        answer = ask(prompt).strip()
    except EOFError:
        raise CommandLineError(_("The office was not set up; nothing was changed.")) from None
    return answer or default


def _yes(ask: Ask, text: str, default: bool) -> bool:
    yes, no = _("y"), _("n")
    while True:
        answer = _question(ask, f"{text} ({yes}/{no})", yes if default else no).casefold()
        if answer in (yes, "y", "yes"):
            return True
        if answer in (no, "n", "no"):
            return False


def _ask_date(ask: Ask, text: str, default: dt.date | None) -> dt.date | None:
    while True:
        answer = _question(ask, text, default.isoformat() if default else "")
        if not answer:
            return None
        try:
            return dt.date.fromisoformat(answer)
        except ValueError:
            out(_("'{value}' is not a date (YYYY-MM-DD)", value=answer))


def _ask_kind(ask: Ask, default: OrganisationKind | str) -> OrganisationKind:
    default_kind = OrganisationKind(default)
    while True:
        answer = _question(ask, "    " + _("Kind of organisation"), default_kind.value)
        try:
            return _kind(answer)
        except argparse.ArgumentTypeError as exc:
            out(str(exc))


def _ask_office(ask: Ask, previous: OfficeSetup | None) -> OfficeSetup:
    kommun = _question(ask, _("Kommun"), previous.kommun if previous else "")
    out()
    out(_("The organisations of the office (kinds: {kinds}).", kinds=", ".join(k.value for k in OrganisationKind)))
    offered = previous.organisations if previous else office.default_organisations(kommun)
    organisations: list[OrganisationEntry] = []
    for number, org in enumerate(offered, start=1):
        out(_("Organisation {n} (a single '-' as its name leaves it out)", n=number))
        name = _question(ask, "    " + _("Name"), org.name)
        if name == "-":
            continue
        short = _question(ask, "    " + _("Short name"), org.short_name)
        organisations.append(OrganisationEntry(name, short, _ask_kind(ask, org.kind)))
    while True:
        name = _question(ask, _("Another organisation (empty when done)"))
        if not name:
            break
        short = _question(ask, "    " + _("Short name"), name)
        organisations.append(OrganisationEntry(name, short, _ask_kind(ask, OrganisationKind.OTHER)))
    out()
    period_name, starts_on, ends_on = office.default_period()
    period_name = _question(ask, _("Agreement period"), previous.period_name if previous else period_name)
    starts = _ask_date(ask, _("First day"), previous.starts_on if previous else starts_on)
    ends = _ask_date(ask, _("Last day"), previous.ends_on if previous else ends_on)
    signed_on = _ask_date(ask, _("Signed on"), previous.signed_on if previous else None)
    signed_by = _question(ask, _("Signed by"), previous.signed_by if previous else "")
    out()
    areas = _ask_areas(ask, previous.areas if previous else office.standard_areas())
    standard = _yes(ask, _("Use the standard event types?"), previous.standard_categories if previous else True)
    out()
    out(_("The first administrator"))
    username = _question(ask, "    " + _("Username"), previous.admin_username if previous else "")
    display_name = _question(ask, "    " + _("Full name"), previous.admin_display_name if previous else "")
    organisation = _question(
        ask,
        "    " + _("Organisation"),
        previous.admin_organisation if previous else (organisations[0].short_name if organisations else ""),
    )
    return OfficeSetup(
        kommun=kommun,
        organisations=organisations,
        period_name=period_name,
        starts_on=starts,
        ends_on=ends,
        signed_on=signed_on,
        signed_by=signed_by,
        areas=areas,
        standard_categories=standard,
        admin_username=username,
        admin_display_name=display_name,
        admin_organisation=organisation,
        admin_password="",
    )


def _ask_areas(ask: Ask, offered: list[AreaEntry]) -> list[AreaEntry]:
    out(_("The samverkansområden of the agreement:"))
    for number, area in enumerate(offered, start=1):
        out(f"  {number}. {area.name}")
    if _yes(ask, _("Use these samverkansområden?"), True):
        return list(offered)
    areas: list[AreaEntry] = []
    while True:
        name = _question(ask, _("Samverkansområde (empty when done)"))
        if not name:
            return areas
        areas.append(AreaEntry(name, _question(ask, "    " + _("Description"))))


# --- the report ------------------------------------------------------------------------------------


def _report(args: argparse.Namespace, url: str, result: office.OfficeSetupResult) -> None:
    out(_("The office is set up in {url}:", url=url))
    out(
        "  "
        + _(
            "Organisations: {names}",
            names=", ".join(f"{o.name} ({o.short_name})" for o in result.organisations),
        )
    )
    period = result.period
    out(
        "  "
        + _(
            "Agreement period: {name}, {first} – {last}",
            name=period.name,
            first=period.starts_on.isoformat(),
            last=period.ends_on.isoformat(),
        )
    )
    out("  " + _("Samverkansområden: {names}", names=", ".join(a.name for a in result.areas)))
    if result.categories:
        out(
            "  "
            + _(
                "Event types: {n} standard event types, {linked} of them counted to a samverkansområde",
                n=result.categories,
                linked=result.linked_categories,
            )
        )
    else:
        out("  " + _("Event types: none yet"))
    admin = result.admin
    out(
        "  "
        + _(
            "Administrator: {username} ({name}, {organisation})",
            username=admin.username,
            name=admin.display_name,
            organisation=admin.organisation_short_name,
        )
    )
    database = f" --database '{url}'" if args.database else ""
    program = PROG + database
    out()
    out(_("Next steps:"))
    out("  " + _("1. Write the import templates for the places and event types, and fill them in:"))
    out(f"       {program} import template places --out platser.xlsx")
    out(f"       {program} import template categories --out handelsetyper.xlsx")
    out("  " + _("2. Import the filled-in files:"))
    out(f"       {program} import places platser.xlsx")
    out(f"       {program} import categories handelsetyper.xlsx")
    out("  " + _("3. Start the program and sign in as {username}:", username=admin.username))
    out(f"       {program}")
    out("     " + _("Places and event types can also be added in the program, under Arkiv → Administration."))
