"""Scanning what the database already holds for personal data: every free-text column, read in
batches by key so that a million observations pass through in constant memory.

Who reads decides what is scanned. `actor=None` is the command line, run by whoever owns the
database: it reads every row (on PostgreSQL with a personal login, row-level security still limits
it to what that login may read). Given an actor, observations are read under the rule of
app/services/filters.py `visible_to` (open rows, and the actor's own organisation's internal ones);
the other scanned tables are open to the whole office. Who may run the scan at all (the admin
window) is the caller's rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.db.models import (
    Action,
    ActionUpdate,
    AgreementPeriod,
    Area,
    FollowUpMeeting,
    Indicator,
    Measurement,
    Observation,
    Place,
)
from app.domain.permissions import Someone
from app.domain.vocabulary import Classification
from app.i18n import N_, _
from app.privacy.detect import Hit, find_personal_data

# The free-text columns users type into, by table, with how they are named to the user. Left out on
# purpose: names (of places, event types, indicators, organisations: not about persons), the
# "responsible person" of actions and indicators (it names the member of staff by design) and the
# audit trail (it keeps what was changed; gallring clears it).
SCANNED: dict[type[Any], dict[str, str]] = {
    Observation: {"description": N_("Observation: description")},
    Action: {
        "title": N_("Action: title"),
        "problem": N_("Action: problem"),
        "cause": N_("Action: cause"),
        "description": N_("Action: description"),
        "operative_goal": N_("Action: operative goal"),
    },
    ActionUpdate: {"text": N_("Action log: note")},
    FollowUpMeeting: {"notes": N_("Meeting: notes"), "decisions": N_("Meeting: decisions")},
    Indicator: {"description": N_("Indicator: description")},
    Measurement: {"note": N_("Measurement: note")},
    Place: {"notes": N_("Place: notes")},
    Area: {"description": N_("Samverkansområde: description")},
    AgreementPeriod: {"description": N_("Agreement period: description")},
}

BATCH_SIZE = 2000


@dataclass(frozen=True)
class StoredHit:
    """Personal data found in a stored row: `table` and `column` are the database's names."""

    table: str
    row_id: int
    column: str
    hit: Hit

    @property
    def column_label(self) -> str:
        """ "Observation: description" and the like, in the current language."""
        return column_label(self.table, self.column)


def column_label(table: str, column: str) -> str:
    for model, columns in SCANNED.items():
        if model.__tablename__ == table and column in columns:
            return _(columns[column])
    return f"{table}.{column}"


def _may_hold_hits(session: Session, column: sa.ColumnElement[str]) -> sa.ColumnElement[bool]:
    """Every kind the guard finds holds a digit or an at sign: the database leaves out the rest."""
    if session.get_bind().dialect.name == "postgresql":
        return column.op("~")("[0-9@]")
    return column.op("GLOB")("*[0-9@]*")


def iter_stored_hits(
    session: Session, actor: Someone | None = None, *, batch_size: int = BATCH_SIZE
) -> Iterator[StoredHit]:
    """The hits in every scanned column, table by table, by row id and column."""
    for model, labels in SCANNED.items():
        columns = [getattr(model, name) for name in labels]
        conditions = [sa.or_(*[_may_hold_hits(session, c) for c in columns])]
        if model is Observation and actor is not None:
            conditions.append(
                sa.or_(
                    Observation.classification == Classification.OPEN,
                    Observation.organisation_id == actor.organisation_id,
                )
            )
        last = 0
        while True:
            batch = session.execute(
                sa.select(model.id, *columns).where(model.id > last, *conditions).order_by(model.id).limit(batch_size)
            ).all()
            for row_id, *texts in batch:
                for name, text in zip(labels, texts):
                    for hit in find_personal_data(text or ""):
                        yield StoredHit(model.__tablename__, row_id, name, hit)
            if len(batch) < batch_size:
                break
            last = batch[-1][0]


def scan_database(session: Session, actor: Someone | None = None, *, batch_size: int = BATCH_SIZE) -> list[StoredHit]:
    """Every hit the database holds in its free-text columns (see the module's docstring for who
    reads what)."""
    return list(iter_stored_hits(session, actor, batch_size=batch_size))
