"""Reading the audit trail: who changed what and when, for administrators, filtered and paged.

The trail is written by app/services/audit.py. Reading it is for administrators only, and even
they see what was written while an observation was internal only when it belongs to their own
organisation: each entry records the row's organisation and classification at the time of the change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Mapper, Session

from app.db.models import (
    Action,
    AgreementPeriod,
    Area,
    AuditEntry,
    Base,
    Category,
    Indicator,
    Organisation,
    Place,
    User,
)
from app.domain.vocabulary import AuditOperation
from app.services.context import Actor

MAX_COUNT = 9999


@dataclass(frozen=True)
class AuditFilter:
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    username: str | None = None
    table_name: str | None = None
    operation: AuditOperation | None = None


@dataclass(frozen=True)
class AuditRow:
    id: int
    occurred_at: dt.datetime
    username: str
    display_name: str
    table_name: str
    row_id: int | None
    operation: AuditOperation
    old_values: dict[str, Any]
    new_values: dict[str, Any]
    # For fields that point to other rows: id -> name of the rows they held (see _with_names).
    names: dict[str, dict[int, str]] = field(default_factory=dict)

    def changed_fields(self) -> list[str]:
        return sorted(set(self.old_values) | set(self.new_values))


def _visible(actor: Actor):
    """Every entry except what was written while a row of another organisation was internal: each
    entry records the row's organisation and classification at the time of the change."""
    return sa.or_(AuditEntry.row_internal.is_(False), AuditEntry.row_organisation_id == actor.organisation_id)


def _select(actor: Actor, flt: AuditFilter, *columns) -> sa.Select:
    stmt = sa.select(*columns).select_from(AuditEntry).where(_visible(actor))
    if flt.date_from is not None:
        stmt = stmt.where(AuditEntry.occurred_at >= _start_of(flt.date_from))
    if flt.date_to is not None:
        stmt = stmt.where(AuditEntry.occurred_at < _start_of(flt.date_to + dt.timedelta(days=1)))
    if flt.username:
        stmt = stmt.where(AuditEntry.username == flt.username)
    if flt.table_name:
        stmt = stmt.where(AuditEntry.table_name == flt.table_name)
    if flt.operation is not None:
        stmt = stmt.where(AuditEntry.operation == AuditOperation(flt.operation))
    return stmt


def _start_of(day: dt.date) -> dt.datetime:
    # Days as the office sees them (local time), stored in UTC.
    return dt.datetime.combine(day, dt.time()).astimezone().astimezone(dt.UTC)


def _row(entry: AuditEntry, display_name: str | None) -> AuditRow:
    occurred = entry.occurred_at
    if occurred.tzinfo is None:
        occurred = occurred.replace(tzinfo=dt.UTC)
    return AuditRow(
        id=entry.id,
        occurred_at=occurred,
        username=entry.username,
        display_name=display_name or entry.username,
        table_name=entry.table_name,
        row_id=entry.row_id,
        operation=entry.operation,
        old_values=entry.old_values or {},
        new_values=entry.new_values or {},
    )


def count_audit_entries(session: Session, actor: Actor, flt: AuditFilter) -> int:
    actor.require_admin()
    limited = _select(actor, flt, AuditEntry.id).limit(MAX_COUNT).subquery()
    return session.scalar(sa.select(sa.func.count()).select_from(limited)) or 0


def list_audit_entries(
    session: Session, actor: Actor, flt: AuditFilter, *, offset: int = 0, limit: int = 200, descending: bool = True
) -> list[AuditRow]:
    """One page of entries, newest first."""
    actor.require_admin()
    order = AuditEntry.id.desc() if descending else AuditEntry.id.asc()
    stmt = (
        _select(actor, flt, AuditEntry, User.display_name)
        .outerjoin(User, AuditEntry.user_id == User.id)
        .order_by(order)
        .offset(offset)
        .limit(limit)
    )
    return _with_names(session, [_row(entry, name) for entry, name in session.execute(stmt)])


def iter_audit_entries(session: Session, actor: Actor, flt: AuditFilter, *, batch: int = 2000) -> Iterator[AuditRow]:
    """Every entry under the filter, newest first, streamed (for the Excel export)."""
    actor.require_admin()
    stmt = (
        _select(actor, flt, AuditEntry, User.display_name)
        .outerjoin(User, AuditEntry.user_id == User.id)
        .order_by(AuditEntry.id.desc())
        .execution_options(yield_per=batch)
    )
    rows: list[AuditRow] = []
    for entry, name in session.execute(stmt):
        rows.append(_row(entry, name))
        session.expunge(entry)
        if len(rows) == batch:
            yield from _with_names(session, rows)
            rows = []
    yield from _with_names(session, rows)


@dataclass(frozen=True)
class AuditChoices:
    """What the filters offer: the users and tables that appear in the trail."""

    users: tuple[tuple[str, str], ...]  # (username, display name)
    tables: tuple[str, ...]


def audit_choices(session: Session, actor: Actor) -> AuditChoices:
    actor.require_admin()
    users = session.execute(
        sa.select(AuditEntry.username, sa.func.max(User.display_name))
        .outerjoin(User, AuditEntry.user_id == User.id)
        .group_by(AuditEntry.username)
        .order_by(AuditEntry.username)
    ).all()
    tables = session.scalars(sa.select(AuditEntry.table_name).distinct().order_by(AuditEntry.table_name)).all()
    return AuditChoices(tuple((u, n or u) for u, n in users), tuple(tables))


# --- names of the rows a change points to ----------------------------------------------------------

# The name shown for a row another row points to (a place_id, an action's places, ...). Observations
# are never named here: their text may be internal.
_NAME_OF = {
    "place": Place.name,
    "category": Category.name,
    "organisation": Organisation.name,
    "area": Area.name,
    "action": Action.title,
    "indicator": Indicator.name,
    "app_user": User.display_name,
    "agreement_period": AgreementPeriod.name,
}


def _table_name(mapper: Mapper[Any]) -> str | None:
    """The table a model is mapped to (every model here is declared on a table of its own)."""
    table = mapper.local_table
    return table.name if isinstance(table, sa.TableClause) else None


@cache
def _references(table_name: str) -> dict[str, str]:
    """field -> the table it points to: a table's foreign keys and its many-to-many links (which the
    trail records as lists of ids under the relationship's name), read from the models."""
    mapper = next((m for m in Base.registry.mappers if _table_name(m) == table_name), None)
    if mapper is None:
        return {}
    # A column in a composite key as well (category_area's area and period) points to the table
    # whose `id` it holds.
    found = {
        c.name: next(
            (fk for fk in c.foreign_keys if fk.column.name == "id"), next(iter(c.foreign_keys))
        ).column.table.name
        for c in mapper.local_table.columns
        if c.foreign_keys
    }
    for r in mapper.relationships:
        target = _table_name(r.mapper)
        if r.secondary is not None and target is not None:
            found[r.key] = target
    return found


def _with_names(session: Session, rows: list[AuditRow]) -> list[AuditRow]:
    """The rows with `names` filled in: the places, organisations, users … their changes point to,
    looked up with one query per kind of row for the whole batch. A row deleted since has no name;
    the caller shows its id."""
    wanted: dict[str, set[int]] = {}
    for row in rows:
        references = _references(row.table_name)
        for name in row.changed_fields():
            target = references.get(name)
            if target not in _NAME_OF:
                continue
            for value in (row.old_values.get(name), row.new_values.get(name)):
                values = value if isinstance(value, list) else [value]
                wanted.setdefault(target, set()).update(i for i in values if isinstance(i, int))
    found: dict[str, dict[int, str]] = {}
    for target, ids in wanted.items():
        column = _NAME_OF[target]
        key = column.class_.id
        found[target] = dict(session.execute(sa.select(key, column).where(key.in_(sorted(ids)))).all()) if ids else {}
    named = []
    for row in rows:
        references = _references(row.table_name)
        names = {f: found[references[f]] for f in row.changed_fields() if references.get(f) in found}
        named.append(replace(row, names=names) if names else row)
    return named
