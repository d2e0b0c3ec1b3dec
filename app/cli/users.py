"""The `trygghetscenter user` commands: add, list, disable, enable, move users, set their passwords and roles."""

from __future__ import annotations

import argparse

from app.cli.common import (
    EXIT_OK,
    PROG,
    CommandLineError,
    command,
    local_time,
    open_database,
    out,
    password_option,
    read_password,
    subcommands,
    system_session,
    table,
)
from app.domain.vocabulary import Role
from app.i18n import _
from app.services import users as user_service
from app.services.context import SYSTEM
from app.services.reference import list_organisations


def register(commands) -> None:
    """Add `user add|list|disable|enable|set-password|set-role|move`."""
    user = command(commands, "user", _("administer user accounts"))
    user_commands = subcommands(user, "user_command", required=True)
    roles = [r.value for r in Role]

    add = command(user_commands, "add", _("add a user"), cmd_user_add)
    add.add_argument("username", metavar="USERNAME", help=_("sign-in name: a-z, 0-9, '.', '_' or '-'"))
    add.add_argument("--name", required=True, help=_("the person's full name"))
    add.add_argument("--org", required=True, metavar="ORGANISATION", help=_("short name, e.g. Kommunen or Polisen"))
    add.add_argument("--role", required=True, choices=roles, help=_("what the user may do"))
    password_option(add)

    command(user_commands, "list", _("list all users"), cmd_user_list)

    for name, help_text, handler in (
        ("disable", _("stop a user from signing in"), cmd_user_disable),
        ("enable", _("allow a disabled user to sign in again"), cmd_user_enable),
    ):
        command(user_commands, name, help_text, handler).add_argument("username", metavar="USERNAME")

    set_password = command(user_commands, "set-password", _("set a new password for a user"), cmd_user_set_password)
    set_password.add_argument("username", metavar="USERNAME")
    password_option(set_password)

    set_role = command(user_commands, "set-role", _("change what a user may do"), cmd_user_set_role)
    set_role.add_argument("username", metavar="USERNAME")
    set_role.add_argument("role", choices=roles, metavar="ROLE", help=", ".join(roles))
    move = command(user_commands, "move", _("move a user to another organisation"), cmd_user_move)
    move.add_argument("username", metavar="USERNAME")
    move.add_argument("--org", required=True, metavar="ORGANISATION", help=_("short name, e.g. Kommunen or Polisen"))


def cmd_user_list(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        rows = user_service.list_accounts(session, SYSTEM)
    if not rows:
        out(_("There are no users yet. Add one with: {command}", command=f"{PROG} user add"))
        return EXIT_OK
    table_rows = [
        [
            r.username,
            r.display_name,
            r.organisation_short_name,
            r.role.value,
            _status(r),
            local_time(r.last_login_at),
        ]
        for r in rows
    ]
    headers = [_("Username"), _("Name"), _("Organisation"), _("Role"), _("Status"), _("Last sign-in")]
    out(table(headers, table_rows))
    return EXIT_OK


def _status(row: user_service.UserRow) -> str:
    if not row.active:
        return _("disabled")
    if row.locked_until is not None:
        return _("locked until {time}", time=row.locked_until.astimezone().strftime("%H:%M"))
    return _("active")


def cmd_user_add(args: argparse.Namespace) -> int:
    with open_database(args) as db:
        with system_session(db) as session:
            if not list_organisations(session, SYSTEM):
                raise CommandLineError(
                    _(
                        "The database has no organisations yet; describe the office first with: {command}",
                        command=f"{PROG} setup",
                    )
                )
        # The database is checked before asking for the password, so nobody types it in vain.
        password = read_password(args.password_stdin)
        with system_session(db) as session:
            row = user_service.create_user(session, SYSTEM, args.username, args.name, args.org, args.role, password)
    out(
        _(
            "Added user {username} ({name}, {organisation}, {role}).",
            username=row.username,
            name=row.display_name,
            organisation=row.organisation_short_name,
            role=row.role.value,
        )
    )
    return EXIT_OK


def cmd_user_set_password(args: argparse.Namespace) -> int:
    with open_database(args) as db:
        with system_session(db) as session:
            user_service.get_user(session, args.username)  # an unknown user fails before the prompt
        password = read_password(args.password_stdin)
        with system_session(db) as session:
            row = user_service.set_password(session, SYSTEM, args.username, password)
    out(_("Changed the password of {username}.", username=row.username))
    return EXIT_OK


def cmd_user_set_role(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = user_service.set_role(session, SYSTEM, args.username, args.role)
    out(_("{username} now has the role {role}.", username=row.username, role=row.role.value))
    return EXIT_OK


def cmd_user_move(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = user_service.move_user(session, SYSTEM, args.username, args.org)
    out(_("{username} now belongs to {organisation}.", username=row.username, organisation=row.organisation_name))
    return EXIT_OK


def cmd_user_disable(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = user_service.disable_user(session, SYSTEM, args.username)
    out(_("Disabled {username}; the account can no longer sign in.", username=row.username))
    return EXIT_OK


def cmd_user_enable(args: argparse.Namespace) -> int:
    with open_database(args) as db, system_session(db) as session:
        row = user_service.enable_user(session, SYSTEM, args.username)
    out(_("Enabled {username}; the account can sign in again.", username=row.username))
    return EXIT_OK
