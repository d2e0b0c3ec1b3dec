"""Gallring (retention): how long each kind of record is kept, what is due, and the run that removes it.

An administrator sets, per kind of record, the years it is kept (`set_policy`); a kind without a
period is kept for ever, and no kind has one until an administrator sets it. The kinds:

- `observation_text`: an observation's free-text description is blanked; the observation and its
  counts stay for the statistics;
- `observation`: the observation is deleted; the summaries of the lägesbild follow through the
  database's triggers (migration 0008), so the charts stay right;
- `action_log`: an action's log entries (`action_update`) are deleted, the action stays;
- `audit`: entries of the audit trail are deleted;
- `meeting_minutes`: a follow-up meeting's notes and decisions are blanked, the meeting stays.

A record is due when it is older than its kind's period: its date (the day an observation
happened, a log entry's date, the day of a meeting, the moment of an audit entry) lies before the
cutoff, the same day that many years before today. `due` counts what a run would remove with the
very conditions `gallra` removes by, so the dry run is the run without the removing. A real run
does everything in the caller's one transaction and records what it did in `gallring_run` (kind,
cutoff, rows, by whom), itself in the audit trail; a dry run stores nothing. The texts a run
removes are blanked in the audit trail's copies of them as well (the entries stay, with who changed
what and when, until the `audit` period removes them).

The run is the database owner's (the command line, a scheduled task): on PostgreSQL with the
database's own access rules no personal login may delete another organisation's observations nor
the audit trail, so `gallra` refuses a real run over a personal login (see app/db/security_setup/
r0010.py). Counts over a personal login are what that login may see.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from app.db import changes
from app.db.models import (
    ActionUpdate,
    AuditEntry,
    FollowUpMeeting,
    GallringRun,
    Observation,
    RetentionPolicy,
    utcnow,
)
from app.domain import permissions
from app.errors import PermissionDeniedError, ValidationError
from app.i18n import N_, _
from app.services.context import Actor

OBSERVATION_TEXT = "observation_text"
OBSERVATION = "observation"
ACTION_LOG = "action_log"
AUDIT = "audit"
MEETING_MINUTES = "meeting_minutes"
# In the order a run takes them: observations are deleted before the texts of those that stay are
# blanked, so no row is counted twice; the audit trail goes last.
KINDS = (OBSERVATION, OBSERVATION_TEXT, ACTION_LOG, MEETING_MINUTES, AUDIT)
KIND_LABELS = {
    OBSERVATION_TEXT: N_("Observation descriptions (blanked; the counts stay)"),
    OBSERVATION: N_("Observations (deleted; the summaries follow)"),
    ACTION_LOG: N_("Action log entries (deleted)"),
    AUDIT: N_("Audit trail entries (deleted)"),
    MEETING_MINUTES: N_("Meeting notes and decisions (blanked)"),
}
MAX_YEARS = 100
# The tables each kind writes, announced to the other desks after a run.
_TABLES = {
    OBSERVATION: ("observation",),
    OBSERVATION_TEXT: ("observation",),
    ACTION_LOG: ("action_update",),
    AUDIT: ("audit_entry",),
    MEETING_MINUTES: ("follow_up_meeting",),
}


@dataclass(frozen=True)
class Policy:
    kind: str
    years: int | None  # None: kept for ever

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self.kind])


@dataclass(frozen=True)
class Due:
    kind: str
    cutoff: dt.date  # records dated before this day go
    rows: int

    @property
    def label(self) -> str:
        return _(KIND_LABELS[self.kind])


@dataclass(frozen=True)
class GallringResult:
    dry_run: bool
    items: list[Due]
    run_id: int | None = None  # the gallring_run row of a real run (None: dry run, or no period set)
    ran_at: dt.datetime | None = None

    @property
    def rows(self) -> int:
        return sum(item.rows for item in self.items)


@dataclass(frozen=True)
class GallringRunRow:
    id: int
    ran_at: dt.datetime
    ran_by: str
    items: list[Due]


# --- the policy ------------------------------------------------------------------------------------


def get_policy(session: Session) -> list[Policy]:
    """Every kind of record with its period, in the order a run takes them."""
    stored: dict[str, int | None] = {
        k: y for k, y in session.execute(sa.select(RetentionPolicy.kind, RetentionPolicy.years))
    }
    return [Policy(kind, stored.get(kind)) for kind in KINDS]


def set_policy(session: Session, actor: Actor, kind: str, years: int | None) -> Policy:
    """Keep records of `kind` for `years` (None: for ever). Administrators only; audited."""
    permissions.require_admin(actor)
    if kind not in KINDS:
        raise ValidationError(
            {"kind": _("Unknown kind of record '{kind}'; choose one of {kinds}.", kind=kind, kinds=", ".join(KINDS))}
        )
    if years is not None and not 1 <= years <= MAX_YEARS:
        raise ValidationError({"years": _("A period is 1 to {most} years.", most=MAX_YEARS)})
    row = session.scalar(sa.select(RetentionPolicy).where(RetentionPolicy.kind == kind))
    if row is None:
        session.add(RetentionPolicy(kind=kind, years=years))
    elif row.years != years:
        row.years = years
    session.flush()
    return Policy(kind, years)


# --- what is due -----------------------------------------------------------------------------------


def cutoff(today: dt.date, years: int) -> dt.date:
    """The same day `years` years before `today` (28 February for a 29 February without one)."""
    try:
        return today.replace(year=today.year - years)
    except ValueError:
        return today.replace(year=today.year - years, day=28)


def _cutoffs(session: Session, today: dt.date) -> dict[str, dt.date]:
    return {p.kind: cutoff(today, p.years) for p in get_policy(session) if p.years is not None}


def _condition(kind: str, cutoffs: dict[str, dt.date]) -> tuple[Any, sa.ColumnElement[bool]]:
    """The table of `kind` and the condition of its rows a run removes or blanks."""
    day = cutoffs[kind]
    if kind == OBSERVATION:
        return Observation, Observation.occurred_on < day
    if kind == OBSERVATION_TEXT:
        blanked = sa.and_(Observation.occurred_on < day, Observation.description != "")
        if OBSERVATION in cutoffs:  # those the same run deletes are counted there
            blanked = sa.and_(blanked, Observation.occurred_on >= cutoffs[OBSERVATION])
        return Observation, blanked
    if kind == ACTION_LOG:
        return ActionUpdate, ActionUpdate.entry_date < day
    if kind == MEETING_MINUTES:
        return FollowUpMeeting, sa.and_(
            FollowUpMeeting.held_on < day, sa.or_(FollowUpMeeting.notes != "", FollowUpMeeting.decisions != "")
        )
    if kind == AUDIT:
        start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
        return AuditEntry, AuditEntry.occurred_at < start
    raise ValueError(kind)


def _count(session: Session, kind: str, cutoffs: dict[str, dt.date]) -> int:
    model, where = _condition(kind, cutoffs)
    return session.scalar(sa.select(sa.func.count()).select_from(model).where(where)) or 0


def counts_everything(session: Session) -> bool:
    """Whether `due` and a dry run here count every row a run would remove: on the owner's
    connection (the command line, SQLite) yes; over a personal login they count what that login
    may see (not another organisation's internal observations, nor its part of the trail)."""
    return not session.info.get("audit_by_triggers")


def due(session: Session, today: dt.date) -> list[Due]:
    """Per kind with a period, its cutoff and how many rows a run on `today` would remove or blank."""
    cutoffs = _cutoffs(session, today)
    return [Due(kind, cutoffs[kind], _count(session, kind, cutoffs)) for kind in KINDS if kind in cutoffs]


# --- the run ---------------------------------------------------------------------------------------


def _apply(session: Session, kind: str, cutoffs: dict[str, dt.date]) -> int:
    model, where = _condition(kind, cutoffs)
    statement: sa.Delete | sa.Update
    if kind in (OBSERVATION, ACTION_LOG, AUDIT):
        statement = sa.delete(model).where(where)
    elif kind == OBSERVATION_TEXT:
        # The version moves on, so a desk that has the row open cannot save the old text back.
        statement = sa.update(Observation).where(where).values(description="", version=Observation.version + 1)
    else:
        statement = (
            sa.update(FollowUpMeeting).where(where).values(notes="", decisions="", version=FollowUpMeeting.version + 1)
        )
    # Past the ORM on purpose: one statement per kind, and no audit entry per row (which would keep
    # a copy of the very text removed); the run's own record says what went.
    result = session.execute(statement.execution_options(synchronize_session=False))
    return int(result.rowcount)  # type: ignore[attr-defined]


# The free texts of each kind that the audit trail holds copies of (in its old and new values):
# (the audited table, its text fields). A run blanks them in the trail's entries of the rows it
# removes or blanks, so a text gone from the table is gone from the trail too.
_TRAIL_TEXTS = {
    OBSERVATION: ("observation", ("description",)),
    OBSERVATION_TEXT: ("observation", ("description",)),
    ACTION_LOG: ("action_update", ("text",)),
    MEETING_MINUTES: ("follow_up_meeting", ("notes", "decisions")),
}


def _blanked(dialect: str, column: sa.ColumnElement[Any], field: str) -> sa.ColumnElement[Any]:
    """The JSON `column` with `field` set to "" where it has one (left as it is otherwise)."""
    if dialect == "postgresql":
        value = sa.cast(column, JSONB)
        changed = sa.func.jsonb_set(
            value, sa.literal_column(f"'{{{field}}}'"), sa.literal_column("'\"\"'::jsonb"), False
        )
        # jsonb_set refuses a JSON null (an insert's old values): only objects are changed.
        return sa.case((sa.func.jsonb_typeof(value) == "object", sa.cast(changed, sa.JSON)), else_=column)
    return sa.type_coerce(sa.func.json_replace(column, f"$.{field}", ""), sa.JSON)


def _scrub_trail(session: Session, kind: str, cutoffs: dict[str, dt.date]) -> None:
    """Blank the texts of the rows `kind` removes or blanks in the audit trail's copies of them."""
    if kind not in _TRAIL_TEXTS:
        return
    table, fields = _TRAIL_TEXTS[kind]
    model, where = _condition(kind, cutoffs)
    dialect = session.get_bind().dialect.name
    old: Any = AuditEntry.old_values
    new: Any = AuditEntry.new_values
    for field in fields:
        old, new = _blanked(dialect, old, field), _blanked(dialect, new, field)
    rows = sa.select(model.id).where(where)
    session.execute(
        sa.update(AuditEntry)
        .where(AuditEntry.table_name == table, AuditEntry.row_id.in_(rows))
        .values(old_values=old, new_values=new)
        .execution_options(synchronize_session=False)
    )


def gallra(session: Session, actor: Actor, today: dt.date, *, dry_run: bool) -> GallringResult:
    """Remove (or, dry, count) every record older than its kind's period, in the caller's one
    transaction; a real run is recorded in `gallring_run` and so in the audit trail."""
    permissions.require_admin(actor)
    if not dry_run and session.info.get("audit_by_triggers"):
        raise PermissionDeniedError(
            _(
                "Gallring is run by the database owner from the command line (trygghetscenter gallra), "
                "since it removes rows of every organisation and of the audit trail. Nothing was removed."
            )
        )
    cutoffs = _cutoffs(session, today)
    if dry_run:
        return GallringResult(True, [Due(k, cutoffs[k], _count(session, k, cutoffs)) for k in KINDS if k in cutoffs])
    if not cutoffs:
        return GallringResult(False, [])
    # No LOCK TABLE: each statement locks the rows it removes, and what it did (its row count) is
    # what the run records; locking the audit trail against every desk would risk a deadlock with
    # a desk that waits for the summaries' lock (migration 0008) while it holds the trail's.
    items = []
    for kind in KINDS:
        if kind in cutoffs:
            _scrub_trail(session, kind, cutoffs)  # before the rows go, while the condition still finds them
            items.append(Due(kind, cutoffs[kind], _apply(session, kind, cutoffs)))
    session.expire_all()
    run = GallringRun(
        ran_at=utcnow(),
        ran_by=actor.username,
        items=[{"kind": i.kind, "cutoff": i.cutoff.isoformat(), "rows": i.rows} for i in items],
    )
    session.add(run)
    session.flush()  # the record of the run, and through it the audit note, in the same transaction
    changes.note_changed(session, sorted({t for i in items if i.rows for t in _TABLES[i.kind]}))
    return GallringResult(False, items, run.id, run.ran_at)


def _run_row(run: GallringRun) -> GallringRunRow:
    items = [Due(i["kind"], dt.date.fromisoformat(i["cutoff"]), int(i["rows"])) for i in run.items]
    return GallringRunRow(run.id, run.ran_at, run.ran_by, items)


def last_run(session: Session) -> GallringRunRow | None:
    """The latest real run, or None if the gallring never ran."""
    run = session.scalar(sa.select(GallringRun).order_by(GallringRun.ran_at.desc(), GallringRun.id.desc()).limit(1))
    return None if run is None else _run_row(run)
