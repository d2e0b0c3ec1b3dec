"""Running one service call as one unit of work on behalf of the signed-in actor."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

from app.db.changes import Changes, unit_changes
from app.db.engine import BUSY_TIMEOUT_SECONDS, Database
from app.errors import DatabaseBusyError
from app.services.context import Actor, bind_actor

T = TypeVar("T")


def call(db: Database, actor: Actor, fn: Callable[..., T], *args, **kwargs) -> T:
    """`fn`'s result, run as by `call_with_changes`."""
    return call_with_changes(db, actor, fn, *args, **kwargs)[0]


def call_with_changes(db: Database, actor: Actor, fn: Callable[..., T], *args, **kwargs) -> tuple[T, Changes]:
    """Open a session, bind the actor (for the audit trail), run `fn(session, actor, ...)`, commit.

    On a shared SQLite file a save that meets another desk's save waits its turn: the whole unit of
    work is rolled back and run again, now beginning with BEGIN IMMEDIATE so that it queues for the
    write lock, for up to BUSY_TIMEOUT_SECONDS. (SQLite refuses at once, without waiting, a
    transaction that read before another desk wrote; beginning every call with BEGIN IMMEDIATE
    would make every read wait behind every save.)

    Returns the result and what the call changed (empty for a read), known once it is committed."""
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    retry = False
    while True:
        try:
            with db.session() as session:
                if retry:  # the save writes: this time queue for the write lock before reading
                    session.connection(execution_options={"sqlite_immediate": True})
                bind_actor(session, actor)
                result = fn(session, actor, *args, **kwargs)
            return result, unit_changes(session)
        except DatabaseBusyError:
            if not db.is_sqlite or time.monotonic() >= deadline:
                raise
            retry = True
            time.sleep(random.uniform(0.002, 0.02))  # let the other desk's commit through, not in lockstep
