"""The `trygghetscenter place|category|area|period|org` commands: the office's reference data, for scripts and set-up.

Every command acts as SYSTEM (like `user`) and goes through app/services/reference.py, so each save
is validated, version-checked and audited as in the program. Rows are named as people know them
(a place or an area by name, an event type by code, an organisation by short name), found ignoring
case (app/cli/naming.py); an unknown name fails on one line that lists what exists. Each group
lives in a module of its own: places, categories, agreements (periods and areas), organisations.
"""

from __future__ import annotations

from app.cli import agreements, categories, organisations, places


def register(commands) -> None:
    """Add the `place`, `category`, `area`, `period` and `org` command groups."""
    for group in (places, categories, agreements, organisations):
        group.register(commands)
