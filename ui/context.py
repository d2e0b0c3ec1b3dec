"""The desk's state: the database, who is signed in, the background lane, and change notifications."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from app.domain.policy import IDLE_LOCK_MINUTES
from app.errors import LoginRefusedError, TrygghetError
from app.services import runner
from app.services.auth import PostgresAuthenticator, authenticator_for, personal_database
from app.services.connection import ChangeListener, Changes, Database
from app.services.context import Actor
from ui.tasks import TaskRunner

log = logging.getLogger(__name__)
_UNSET = object()


class AppContext(QObject):
    signed_in = Signal(object)  # Actor
    signed_out = Signal()
    changed = Signal(object)  # Changes: what a service call here or a commit at another desk changed
    _heard = Signal(object)  # tables changed at another desk (emitted from the listener thread)
    connection_changed = Signal(bool)  # False: the database cannot be reached; True: it is back
    login_refused = Signal(str)  # the person's own database login stopped working (message to show)

    PROBE_MS = 3000  # how often to try the database again while it is unreachable

    def __init__(
        self,
        db: Database,
        idle_lock_minutes: int = IDLE_LOCK_MINUTES,
        parent: QObject | None = None,
        *,
        database_sign_in: bool = False,
        gate_password: str | None = None,
    ):
        super().__init__(parent)
        self.db = db
        # Database sign-in: `db` names only the server; each user works over a Database connected as
        # their own login (RLS and audit triggers apply), handed over by the sign-in.
        self.database_sign_in = database_sign_in
        self.gate_password = gate_password  # counts failed database sign-ins (app/services/auth.py)
        self.server_db = db
        self._offered: dict[str, Database] = {}
        self._live_options: dict | None = None  # None: live refresh is off
        self.idle_lock_minutes = idle_lock_minutes
        self.tasks = TaskRunner(self)
        self.actor: Actor | None = None
        self.listener = None
        self._pending = Changes()
        self._coalesce = QTimer(self, singleShot=True, interval=300)
        self._coalesce.timeout.connect(self._announce_changes)
        self._heard.connect(self._on_heard)
        self.online = True
        self._probe = QTimer(self, singleShot=True, interval=self.PROBE_MS)
        self._probe.timeout.connect(self._try_again)
        self._map_tiles: Any = _UNSET

    # --- connection loss -----------------------------------------------------------------------------

    def report_unavailable(self) -> None:
        """A call found the database unreachable: tell the window once, then keep trying quietly."""
        if self.online:
            self.online = False
            self.connection_changed.emit(False)
        if not self._probe.isActive():
            self._probe.start()

    def _try_again(self) -> None:
        self.tasks.run(
            self.db.check_connection, on_success=lambda _r: self._back(), on_error=lambda _e: self._probe.start()
        )

    def _back(self) -> None:
        if self.online:
            return
        self.online = True
        self.connection_changed.emit(True)
        if self.actor is not None:
            self.changed.emit(Changes.everything())  # whatever failed to load while away is read again

    # --- live refresh ------------------------------------------------------------------------------

    def start_live_refresh(self, **listener_options) -> None:
        """Listen for changes made at other desks (PostgreSQL NOTIFY, or SQLite polling)."""
        self._live_options = listener_options
        self._restart_listener()

    def stop_live_refresh(self) -> None:
        self._live_options = None
        self._restart_listener()

    def _restart_listener(self) -> None:
        """One listener while live refresh is on, over the database in use: with database sign-in,
        the signed-in person's connection (none while nobody is signed in)."""
        if self.listener is not None:
            self.listener.stop()
            self.listener = None
        if self._live_options is None or (self.database_sign_in and self.db is self.server_db):
            return
        self.listener = ChangeListener(self.db.url, self._heard.emit, **self._live_options).start()

    def _on_heard(self, tables) -> None:
        self._pending |= Changes(frozenset(tables))
        if self._pending.kinds and not self._coalesce.isActive():
            self._coalesce.start()  # a burst of saves refreshes once

    def _announce_changes(self) -> None:
        changes, self._pending = self._pending, Changes()
        if self.actor is not None and changes.kinds:
            self.changed.emit(changes)

    # --- the map's background ----------------------------------------------------------------------

    def map_tiles(self):
        """The one tile fetcher of this desk (its cache, its offline pause), or None when the
        settings turn the background map off or cannot be read: the map then draws on a plain
        background."""
        if self._map_tiles is _UNSET:
            # start-up: the tile module loads when the map is first shown
            from app.map import tiles

            try:
                source = tiles.tile_source()
            except TrygghetError as exc:  # an unreadable settings file: the start-up reported it
                log.warning("No background map: %s", exc)
                source = None
            self._map_tiles = tiles.TileFetcher(source) if source is not None and source.enabled else None
        return self._map_tiles

    def authenticator(self):
        if self.database_sign_in:
            return PostgresAuthenticator(self.server_db.url, self.gate_password)
        return authenticator_for(self.db)

    def offer_database(self, username: str, db: Database) -> None:
        """A sign-in connected as `username`: the database to use if that user now signs in."""
        previous = self._offered.pop(username, None)
        if previous is not None:
            previous.dispose()
        self._offered[username] = db

    def discard_offers(self) -> None:
        for db in self._offered.values():
            db.dispose()
        self._offered.clear()

    def _use_database(self, db: Database) -> None:
        if db is self.db:
            return
        old, self.db = self.db, db
        if old is not self.server_db:
            self.tasks.wait(5000)
            old.dispose()
        self._restart_listener()  # the listener follows the connection in use

    def own_password_changed(self, password: str) -> None:
        """The signed-in person set a new password. With database sign-in their connection is their
        login, so the next connections must give the new one."""
        if self.database_sign_in and self.db is not self.server_db:
            self._use_database(personal_database(self.db.url.set(password=password)))

    def resume(self, actor: Actor) -> None:
        """The same person unlocks: their work stays. With database sign-in the connection just made
        for the unlocking replaces the one before, which may no longer be accepted (a new password)."""
        db = self._offered.pop(actor.username, None)
        self.discard_offers()
        if db is not None:
            self._use_database(db)

    def sign_in(self, actor: Actor) -> None:
        db = self._offered.pop(actor.username, None)
        self.discard_offers()
        if db is not None:
            self._use_database(db)
        self.actor = actor
        self.signed_in.emit(actor)

    def sign_out(self) -> None:
        self.tasks.cancel_callbacks()
        self.actor = None
        if self.database_sign_in:
            self._use_database(self.server_db)  # the previous user's connection is closed
        self.signed_out.emit()

    def call(
        self,
        fn: Callable[..., Any],
        *args,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
        then: Callable[[Any], Any] | None = None,
        **kwargs,
    ) -> None:
        """Run service `fn(session, actor, *args)` on the background lane as the signed-in actor.

        `then(result)` runs on the same lane after the service, for work that must not block the
        window either (building charts); `on_success` receives its result.
        """
        actor = self.actor
        if actor is None:
            return

        def job():
            result, changes = runner.call_with_changes(self.db, actor, fn, *args, **kwargs)
            return (then(result) if then is not None else result), changes

        def succeeded(outcome) -> None:
            result, changes = outcome
            try:
                if on_success is not None:
                    on_success(result)  # first: it may change what the refreshes need (a new password)
            finally:
                if changes.kinds:
                    self.changed.emit(changes)  # the views refresh from what the service changed

        def failed(exc: Exception) -> None:
            if isinstance(exc, LoginRefusedError):
                self.login_refused.emit(exc.message)  # the window locks and asks for the sign-in again
            if on_error is not None:
                on_error(exc)
            elif not isinstance(exc, LoginRefusedError):
                log.error("unhandled background error: %r", exc)

        self.tasks.run(job, succeeded, failed)

    def run(self, fn: Callable[[], Any], on_success=None, on_error=None) -> None:
        """Run a callable that needs no actor (sign-in) on the background lane."""
        self.tasks.run(fn, on_success, on_error)
