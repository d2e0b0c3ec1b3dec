"""What a unit of work changed, for this desk's views and for the other desks.

`Changes` is the record: the tables a committed service call (or another desk) changed, and which
kinds of data that concerns (observations, actions, indicators, meetings, reference data). The
runner (app/services/runner.py) returns it with every service call's result; the views refresh from
it, for their own saves and other desks' alike.

Live refresh between desks: every commit announces which tables it changed; listeners hear it.

PostgreSQL: a flush that changed rows sends `pg_notify('trygghetscenter', {...})` inside the same
transaction, so the message goes out exactly when (and only if) the change is committed. Each desk
LISTENs on its own connection in a background thread and hands the changed tables to a callback.

SQLite: there is no server to notify, so the listener polls `PRAGMA data_version` on its own
connection; the number moves whenever another connection commits to the file.

No Qt here: the GUI wraps the callback in a signal (ui/context.py).
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

CHANNEL = "trygghetscenter"
CLIENT_ID = uuid.uuid4().hex  # this process: its own notifications are not news to it
POLL_SECONDS = 1.0
RETRY_SECONDS = 3.0
ALL_TABLES = frozenset({"*"})

Callback = Callable[[frozenset[str]], None]

# The kinds of data a view can depend on, and the tables each is stored in.
KINDS: dict[str, frozenset[str]] = {
    "observation": frozenset({"observation"}),
    "action": frozenset({"action", "action_update"}),
    "indicator": frozenset({"indicator", "measurement"}),
    "meeting": frozenset({"follow_up_meeting"}),
    "reference": frozenset(
        {"place", "category", "category_area", "area", "organisation", "app_user", "agreement_period"}
    ),
}


@dataclass(frozen=True)
class Changes:
    """The tables a unit of work changed; {"*"}: anything may have changed (SQLite's other desks,
    a connection that came back)."""

    tables: frozenset[str] = frozenset()

    @classmethod
    def everything(cls) -> Changes:
        return cls(ALL_TABLES)

    def __bool__(self) -> bool:
        return bool(self.tables)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables)

    @property
    def kinds(self) -> frozenset[str]:
        if "*" in self.tables:
            return frozenset(KINDS)
        return frozenset(kind for kind, tables in KINDS.items() if tables & self.tables)

    def touches(self, kinds: Iterable[str]) -> bool:
        """Whether any of `kinds` of data changed."""
        return not self.kinds.isdisjoint(kinds)


def unit_changes(session: Session) -> Changes:
    """What `session` has changed since it began (or since the last call): read after the commit."""
    return Changes(frozenset(session.info.pop("unit_tables", ())))


@event.listens_for(Session, "after_flush_postexec")
def _announce(session: Session, _flush_context) -> None:
    tables = session.info.pop("changed_tables", None)
    if not tables:
        return
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        return
    payload = json.dumps({"client": CLIENT_ID, "tables": sorted(tables)})
    connection.execute(sa.select(sa.func.pg_notify(CHANNEL, payload)))


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _flush_context) -> None:
    changed = {type(obj).__tablename__ for obj in (*session.new, *session.dirty, *session.deleted)}
    changed.discard("audit_entry")
    if changed:
        session.info.setdefault("changed_tables", set()).update(changed)  # announced at the flush's end
        session.info.setdefault("unit_tables", set()).update(changed)  # reported with the call's result


def note_changed(session: Session, tables: Iterable[str]) -> None:
    """Tables a unit of work changed past the ORM (a database function did the writing): reported
    with the call's result and announced to the other desks, as a flush's changes are."""
    changed = set(tables)
    session.info.setdefault("changed_tables", set()).update(changed)
    session.info.setdefault("unit_tables", set()).update(changed)
    _announce(session, None)


class ChangeListener:
    """Calls `callback(tables)` from a background thread whenever another desk commits a change.

    `tables` is a set of table names, or {"*"} when the database cannot say which (SQLite).
    Connection trouble is retried quietly; `stop()` ends the thread.
    """

    def __init__(self, url: sa.URL, callback: Callback, *, poll_seconds: float = POLL_SECONDS):
        self.url = url
        self.callback = callback
        self.own_client = CLIENT_ID  # this process's notifications are not news to it
        self.poll_seconds = poll_seconds
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.connected = threading.Event()  # set while listening (for tests and a status display)

    def start(self) -> ChangeListener:
        target = self._run_sqlite if self.url.get_backend_name() == "sqlite" else self._run_postgresql
        self._thread = threading.Thread(target=self._loop, args=(target,), name="change-listener", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _loop(self, run: Callable[[], None]) -> None:
        while not self._stop.is_set():
            try:
                run()
            except Exception as exc:  # the server went away, the file is gone: try again later
                log.info("change listener: %s; retrying in %s s", exc, RETRY_SECONDS)
            self.connected.clear()
            self._stop.wait(RETRY_SECONDS)

    # --- PostgreSQL ------------------------------------------------------------------------------

    def _run_postgresql(self) -> None:
        import psycopg

        conninfo = self.url.set(drivername="postgresql").render_as_string(hide_password=False)
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f"LISTEN {CHANNEL}")
            self.connected.set()
            while not self._stop.is_set():
                for note in conn.notifies(timeout=self.poll_seconds):
                    tables = self._tables(note.payload, self.own_client)
                    if tables:
                        self.callback(tables)
                # psycopg raises OperationalError here when the server goes away; _loop retries.

    @staticmethod
    def _tables(payload: str, own_client: str) -> frozenset[str]:
        try:
            message = json.loads(payload)
        except ValueError:
            return ALL_TABLES
        if message.get("client") == own_client:
            return frozenset()
        return frozenset(message.get("tables") or ALL_TABLES)

    # --- SQLite ----------------------------------------------------------------------------------

    def _run_sqlite(self) -> None:
        path = self.url.database
        if not path or path == ":memory:" or not os.path.exists(path):
            self._stop.wait(self.poll_seconds)
            return
        conn = sqlite3.connect(path, check_same_thread=False)
        try:
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            self.connected.set()
            while not self._stop.wait(self.poll_seconds):
                current = conn.execute("PRAGMA data_version").fetchone()[0]
                if current != version:
                    version = current
                    self.callback(ALL_TABLES)
        finally:
            conn.close()
