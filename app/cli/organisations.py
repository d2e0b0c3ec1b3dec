"""The `trygghetscenter org` commands: the organisations of the office, each of a kind."""

from __future__ import annotations

import argparse

from sqlalchemy.orm import Session

from app.cli.common import (
    EXIT_OK,
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
from app.domain.vocabulary import OrganisationKind
from app.i18n import _
from app.services import reference as ref
from app.services.context import SYSTEM


def register(commands) -> None:
    """Add `org list|add|edit|retire`."""
    org = command(commands, "org", _("administer the organisations of the office"))
    sub = subcommands(org, "org_command", required=True)
    command(sub, "list", _("list the organisations"), cmd_org_list)
    kind_help = choices_help(OrganisationKind)
    add = command(sub, "add", _("add an organisation"), cmd_org_add)
    add.add_argument("name", metavar="NAME", help=_("the full name, e.g. 'Sigtunahem AB'"))
    add.add_argument(
        "--short", required=True, metavar="SHORT", help=_("the short name users are added with, e.g. Sigtunahem")
    )
    add.add_argument(
        "--kind", required=True, type=vocabulary_argument(OrganisationKind), metavar="KIND", help=kind_help
    )
    edit = command(sub, "edit", _("change an organisation"), cmd_org_edit)
    edit.add_argument("short", metavar="SHORT")
    edit.add_argument("--name", metavar="NAME", help=_("a new full name"))
    edit.add_argument("--short", dest="new_short", metavar="NEW", help=_("a new short name"))
    edit.add_argument("--kind", type=vocabulary_argument(OrganisationKind), metavar="KIND", help=kind_help)
    active_options(edit)
    command(sub, "retire", _("mark an organisation as not in use"), cmd_org_retire).add_argument(
        "short", metavar="SHORT"
    )


def _find_organisation(session: Session, wanted: str) -> ref.OrganisationRow:
    rows = ref.list_organisations(session, SYSTEM)
    found = find_named(rows, wanted, lambda o: (o.short_name,)) or find_named(rows, wanted, lambda o: (o.name,))
    if found is None:
        raise CommandLineError(
            _(
                "No organisation has the short name '{name}'. Organisations: {names}.",
                name=wanted,
                names=listed(rows, lambda o: o.short_name),
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
    out(table(headers, [[o.short_name, o.name, o.kind.label, status_word(o.active)] for o in rows]))
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
            name=given_or(args.name, row.name),
            short_name=given_or(args.new_short, row.short_name),
            kind=given_or(args.kind, row.kind),
            active=given_or(args.active, row.active),
        )
        if data == _organisation_input(row):
            return no_change(row.short_name)
        saved = ref.update_organisation(session, SYSTEM, row.id, data, row.version)
    out(_("Saved the organisation {name} ({short}).", name=saved.name, short=saved.short_name))
    return EXIT_OK


def cmd_org_retire(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = _find_organisation(session, args.short)
        if not row.active:
            return no_change(row.short_name)
        ref.update_organisation(session, SYSTEM, row.id, _organisation_input(row, active=False), row.version)
    out(_("{name} is no longer in use; its accounts and entries keep it.", name=row.name))
    return EXIT_OK
