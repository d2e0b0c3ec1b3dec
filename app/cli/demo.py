"""The `trygghetscenter demo` command: fill an empty database with the demo data set and its users."""

from __future__ import annotations

import argparse

from app.cli.common import (
    EXIT_OK,
    command,
    non_negative_int,
    open_database,
    out,
    progress,
    start_hint,
    table,
)
from app.i18n import _


def register(commands) -> None:
    """Add `demo [--observations N] [--seed N]`."""
    demo = command(commands, "demo", _("fill an empty database with demo data and demo users"), cmd_demo)
    demo.add_argument("--observations", type=_demo_count, metavar="N", help=_("number of observations to create"))
    demo.add_argument("--seed", type=non_negative_int, metavar="N", help=_("random seed, for repeatable demo data"))


def _demo_count(text: str) -> int:
    # the demo generator and its data file load only for this command
    from app.demo import MAX_OBSERVATIONS

    return non_negative_int(text, MAX_OBSERVATIONS)


def cmd_demo(args: argparse.Namespace) -> int:
    with open_database(args) as db:
        # The generator and its data file are loaded only by this command.
        from app.demo import DemoExistsError, create_demo

        options = {"observations": args.observations, "seed": args.seed}
        try:
            # Unset options are left out so that app.demo keeps its own defaults.
            result = create_demo(db, progress=progress, **{k: v for k, v in options.items() if v is not None})
        except DemoExistsError as exc:
            # Exit 0: a second `demo` in a set-up chain (see README) must not stop the program from
            # starting. app.demo has already refused to mix demo rows with the data that is there.
            out(_("{reason} Nothing was added.", reason=exc.message))
            out(start_hint(args))
            return EXIT_OK
        url = db.describe()
    out(_("Demo data was created in {url}. You can sign in as:", url=url))
    out()
    rows = [[u.username, u.display_name, u.organisation, u.role, u.password] for u in result.users]
    out(table([_("Username"), _("Name"), _("Organisation"), _("Role"), _("Password")], rows))
    out()
    out(start_hint(args))
    return EXIT_OK
