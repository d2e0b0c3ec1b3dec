"""Helpers every CRUD service shares: fetching a row, optimistic version checks, conflict details."""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db.models import AuditEntry, User
from app.errors import ConflictError, NotFoundError
from app.i18n import _

T = TypeVar("T")


def get_or_raise(session: Session, model: type[T], row_id: int) -> T:
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(_("The entry no longer exists; someone may have deleted it."))
    return row


def get_current(session: Session, model: type[T], row_id: int, expected_version: int | None) -> T:
    """The row to change, provided nobody saved it since the caller read `expected_version`."""
    row = get_or_raise(session, model, row_id)
    check_version(session, row, expected_version)
    return row


def last_change(session: Session, table_name: str, row_id: int) -> tuple[str, dt.datetime | None]:
    """Who (display name, else username) last changed the row, and when, from the audit trail."""
    found = session.execute(
        sa.select(AuditEntry.username, User.display_name, AuditEntry.occurred_at)
        .outerjoin(User, AuditEntry.user_id == User.id)
        .where(AuditEntry.table_name == table_name, AuditEntry.row_id == row_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    if found is None:
        return "", None
    username, display_name, occurred_at = found
    return display_name or username, occurred_at


def conflict(session: Session, row: Any) -> ConflictError:
    who, when = last_change(session, type(row).__tablename__, row.id)
    if when is not None and when.tzinfo is None:
        # SQLite hands back the stored UTC time without its zone; astimezone() would take it as local time.
        when = when.replace(tzinfo=dt.timezone.utc)
    when_text = when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "?"
    error = ConflictError(
        _(
            "Someone else saved this entry after you opened it ({who}, {when}). Nothing was overwritten.",
            who=who or "?",
            when=when_text,
        )
    )
    error.changed_by = who
    error.changed_at = when
    return error


def check_version(session: Session, row: Any, expected_version: int | None) -> None:
    """Refuse to change a row someone else saved since the caller read it."""
    if expected_version is not None and row.version != expected_version:
        raise conflict(session, row)


def flush_or_conflict(session: Session, row: Any) -> None:
    """Flush; a concurrent save between our read and our write also becomes a ConflictError."""
    try:
        session.flush()
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(_("Someone else saved this entry at the same moment. Nothing was overwritten.")) from exc
