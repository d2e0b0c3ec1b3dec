"""Use cases: functions that take a session and an actor, do one thing, and return plain dataclasses.

Importing this package registers the audit-trail listeners, so no caller can write unaudited changes,
and the change announcements that keep the other desks' screens current (app/db/changes.py).
"""

from app.db import changes as _changes  # noqa: F401
from app.services import audit as _audit  # noqa: F401
