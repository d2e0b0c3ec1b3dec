"""The desk's state: the database, who is signed in, the background lane, and change notifications."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.db.engine import Database
from app.services import runner
from app.services.context import Actor
from ui.tasks import TaskRunner


class AppContext(QObject):
    signed_in = Signal(object)  # Actor
    signed_out = Signal()
    data_changed = Signal(str)  # which kind of data changed: "observation", "action", "indicator", ...

    def __init__(self, db: Database, idle_lock_minutes: int = 10, parent: QObject | None = None):
        super().__init__(parent)
        self.db = db
        self.idle_lock_minutes = idle_lock_minutes
        self.tasks = TaskRunner(self)
        self.actor: Actor | None = None

    def sign_in(self, actor: Actor) -> None:
        self.actor = actor
        self.signed_in.emit(actor)

    def sign_out(self) -> None:
        self.tasks.cancel_callbacks()
        self.actor = None
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
            result = runner.call(self.db, actor, fn, *args, **kwargs)
            return then(result) if then is not None else result

        self.tasks.run(job, on_success, on_error)

    def run(self, fn: Callable[[], Any], on_success=None, on_error=None) -> None:
        """Run a callable that needs no actor (sign-in) on the background lane."""
        self.tasks.run(fn, on_success, on_error)
