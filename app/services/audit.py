"""The audit trail: every insert, update and delete of an audited row, written in the same flush."""

from __future__ import annotations

import datetime as dt
import decimal
import enum
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, attributes
from sqlalchemy.orm.base import NO_VALUE

from app.db.models import AuditEntry, utcnow
from app.domain.vocabulary import AuditOperation, Classification
from app.services.context import actor_of


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (dt.date, dt.time, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    return value


# A new password is recorded as a change of this key, with the value hidden on both sides.
PASSWORD_KEY = "password"
HIDDEN = "********"


def _columns(obj: Any) -> list[str]:
    return [attr.key for attr in inspect(obj).mapper.column_attrs]


def _snapshot(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    values = {}
    for key in _columns(obj):
        if key == "password_hash":
            continue
        value = state.attrs[key].loaded_value
        # A column never set nor loaded has SQLAlchemy's NO_VALUE marker, not a value of the row.
        values[key] = None if value is NO_VALUE else _plain(value)
    return values


def _ids(items: Any) -> list[Any]:
    return sorted(inspect(item).mapper.primary_key_from_instance(item)[0] for item in items)


def _changes(obj: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    old: dict[str, Any] = {}
    new: dict[str, Any] = {}
    for key in _columns(obj):
        if key == "version":
            continue
        history = attributes.get_history(obj, key)
        if key == "password_hash":
            if history.added:  # that it changed, never the hash (the same in the triggers of pg_security)
                old[PASSWORD_KEY] = new[PASSWORD_KEY] = HIDDEN
            continue
        if history.has_changes():
            old[key] = _plain(history.deleted[0]) if history.deleted else None
            new[key] = _plain(history.added[0]) if history.added else None
    # Many-to-many links (an action's places, a meeting's focus places) are recorded as id lists.
    for rel in inspect(obj).mapper.relationships:
        if rel.secondary is None:
            continue
        history = attributes.get_history(obj, rel.key)
        if history.has_changes():
            old[rel.key] = _ids([*history.unchanged, *history.deleted])
            new[rel.key] = _ids([*history.unchanged, *history.added])
    return old, new


def _is_audited(obj: Any) -> bool:
    return getattr(type(obj), "__audited__", False)


def _row_state(obj: Any, old: dict[str, Any] | None) -> dict[str, Any]:
    """The row's organisation and whether it was internal before or after the change (the same as
    the triggers of app/db/security_setup record): who may read the entry follows from these."""
    internal = Classification.INTERNAL.value
    classification = getattr(obj, "classification", None)
    was_internal = _plain(classification) == internal or (old or {}).get("classification") == internal
    return {"row_organisation_id": getattr(obj, "organisation_id", None), "row_internal": was_internal}


@event.listens_for(Session, "before_flush")
def _collect(session: Session, _context, _instances) -> None:
    if session.info.get("audit_by_triggers"):
        return  # the database's own triggers record this connection's changes
    # Deleted rows must be read before the flush removes them; updates likewise before history resets.
    pending = session.info.setdefault("_audit_pending", [])
    for obj in session.deleted:
        if _is_audited(obj):
            pending.append((AuditOperation.DELETE, obj, _snapshot(obj), None))
    for obj in session.dirty:
        if _is_audited(obj) and session.is_modified(obj):
            old, new = _changes(obj)
            if new:
                pending.append((AuditOperation.UPDATE, obj, old, new))
    for obj in session.new:
        if _is_audited(obj):
            pending.append((AuditOperation.INSERT, obj, None, None))


@event.listens_for(Session, "after_flush")
def _write(session: Session, _context) -> None:
    pending = session.info.pop("_audit_pending", [])
    if not pending:
        return
    actor = actor_of(session)
    now = utcnow()
    rows = []
    for operation, obj, old, new in pending:
        if operation is AuditOperation.INSERT:
            new = _snapshot(obj)
        rows.append(
            {
                "occurred_at": now,
                "user_id": actor.user_id,
                "username": actor.username,
                "table_name": type(obj).__tablename__,
                "row_id": inspect(obj).mapper.primary_key_from_instance(obj)[0],
                "operation": operation,
                "old_values": old,
                "new_values": new,
                **_row_state(obj, old),
            }
        )
    session.connection().execute(sa.insert(AuditEntry), rows)


@event.listens_for(Session, "after_rollback")
def _discard(session: Session) -> None:
    session.info.pop("_audit_pending", None)
