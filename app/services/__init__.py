"""Use cases: functions that take a session and an actor, do one thing, and return plain dataclasses.

Importing this package registers the audit-trail listeners, so no caller can write unaudited changes.
"""

from app.services import audit as _audit  # noqa: F401
