"""Helpers the services share: fetching a row, version checks and conflicts, ids, numbers, enums, names, text search."""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.db.models import AuditEntry, User
from app.errors import ConflictError, NotFoundError, ValidationError
from app.i18n import _
from app.services.validation import LARGEST_NUMBER, Checker

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)


def get_or_raise(session: Session, model: type[T], row_id: int) -> T:
    row = session.get(model, row_id)
    if row is None:
        raise NotFoundError(
            _("The entry no longer exists; someone may have deleted it."),
            table=getattr(model, "__tablename__", ""),
            row_id=row_id,
        )
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
        when = when.replace(tzinfo=dt.UTC)
    when_text = when.astimezone().strftime("%Y-%m-%d %H:%M") if when else "?"
    return ConflictError(
        _(
            "Someone else saved this entry after you opened it ({who}, {when}). Nothing was overwritten.",
            who=who or "?",
            when=when_text,
        ),
        table=type(row).__tablename__,
        row_id=row.id,
        changed_by=who,
        changed_at=when,
    )


def check_version(session: Session, row: Any, expected_version: int | None) -> None:
    """Refuse to change a row someone else saved since the caller read it."""
    if expected_version is not None and row.version != expected_version:
        raise conflict(session, row)


def flush_or_conflict(session: Session, row: Any) -> None:
    """Flush; a concurrent save between our read and our write also becomes a ConflictError."""
    row_id = row.__dict__.get("id")  # read before the flush: a rollback expires the row
    try:
        session.flush()
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(
            _("Someone else saved this entry at the same moment. Nothing was overwritten."),
            table=type(row).__tablename__,
            row_id=row_id,
        ) from exc


TEXT_MAX = 8000


def unique_ids(ids: Iterable[Any] | None) -> list[int]:
    """The ids in their given order, without duplicates (a form may send the same id twice)."""
    seen: dict[int, None] = {}
    for value in ids or ():
        seen.setdefault(int(value), None)
    return list(seen)


def load_by_ids(
    check: Checker,
    session: Session,
    field: str,
    model: type[Any],
    ids: Iterable[Any] | None,
    *,
    required: bool = False,
) -> list[Any]:
    """All rows with the given ids in one query; a missing one is reported on `field`."""
    # `model` is any mapped class with an integer `id`: mypy cannot match a protocol member `id: Mapped[int]`
    # against a mapped class (it compares the instance's int with Mapped[int]), hence type[Any].
    try:
        wanted = unique_ids(ids)
    except (TypeError, ValueError):
        check.fail(field, _("The chosen value no longer exists."))
        return []
    if not wanted:
        if required:
            check.fail(field, _("Choose at least one."))
        return []
    rows = {row.id: row for row in session.scalars(sa.select(model).where(model.id.in_(wanted)))}
    if len(rows) != len(wanted):
        check.fail(field, _("One or more of the chosen values no longer exist."))
    return [rows[i] for i in wanted if i in rows]


def parse_number(
    check: Checker,
    field: str,
    value: Any,
    *,
    required: bool = False,
    minimum: float | None = None,
    maximum: float | None = None,
) -> float | None:
    """A finite number; accepts a Swedish decimal comma ("12,5") since people type it that way."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            check.fail(field, _("Enter a number."))
        return None
    if isinstance(value, bool):
        check.fail(field, _("Enter a number."))
        return None
    try:
        number = (
            float(value.strip().replace(" ", "").replace("\u00a0", "").replace(",", "."))
            if isinstance(value, str)
            else float(value)
        )
    except (TypeError, ValueError):
        check.fail(field, _("Enter a number."))
        return None
    if not math.isfinite(number):
        check.fail(field, _("Enter a number."))
        return None
    if abs(number) > LARGEST_NUMBER:
        check.fail(field, _("Must be at most {n}.", n=f"{LARGEST_NUMBER:.0f}"))
        return None
    if minimum is not None and number < minimum:
        check.fail(field, _("Must not be negative.") if minimum == 0 else _("Must be at least {n}.", n=minimum))
    elif maximum is not None and number > maximum:
        check.fail(field, _("Must be at most {n}.", n=maximum))
    return number


def coerce_enum(check: Checker, field: str, enum_cls: type[E], value: Any) -> E | None:
    """The enum member for a member or its stored value; anything else is a field error."""
    if isinstance(value, enum_cls):
        return value
    try:
        return enum_cls(value)
    except ValueError:
        check.fail(field, _("Choose a value from the list."))
        return None


def folded(expr: Any) -> sa.ColumnElement:
    """`expr` in a case-insensitive form that also folds å, ä and ö.

    SQLite's built-in lower() folds only ASCII; app.db.engine replaces it on every SQLite connection
    with a Unicode-aware one, so lower() means the same on both databases.
    """
    return sa.func.lower(expr)


def like_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with the user's % and _ taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def contains_text(columns: Sequence[Any], text: str) -> sa.ColumnElement | None:
    """A condition: any of the columns contains `text`, ignoring case; None when `text` is blank."""
    text = (text or "").strip()
    if not text:
        return None
    pattern = folded(sa.literal(like_pattern(text)))
    return sa.or_(*(folded(col).like(pattern, escape="\\") for col in columns))


def name_holder(
    session: Session,
    column: Any,
    value: str,
    *,
    exclude_id: int | None = None,
    id_column: Any = None,
    where: Any = None,
) -> str | None:
    """The value as another row already has it in `column` (ignoring case), or None: so that a
    message can say which row holds the name ("Märsta station", not what the user typed)."""
    id_column = id_column if id_column is not None else column.class_.id
    stmt = sa.select(column).where(folded(column) == folded(sa.literal(value))).limit(1)
    if exclude_id is not None:
        stmt = stmt.where(id_column != exclude_id)
    if where is not None:
        stmt = stmt.where(where)
    return session.scalar(stmt)


def name_taken(
    session: Session, column: Any, value: str, *, exclude_id: int | None = None, id_column: Any = None
) -> bool:
    """Whether another row already has `value` in `column`, ignoring case."""
    return name_holder(session, column, value, exclude_id=exclude_id, id_column=id_column) is not None


def flush_unique(session: Session, field: str, message: str) -> None:
    """Flush; a unique constraint broken by a concurrent save becomes a field error, not a crash."""
    try:
        session.flush()
    except IntegrityError as exc:
        if not _is_unique_violation(exc):
            raise
        session.rollback()
        raise ValidationError({field: message}) from exc


def _is_unique_violation(exc: IntegrityError) -> bool:
    # psycopg reports SQLSTATE 23505; sqlite3 only says so in its message.
    return getattr(exc.orig, "sqlstate", None) == "23505" or "UNIQUE constraint failed" in str(exc.orig)


def count_rows(session: Session, stmt: sa.Select) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
