"""The one lane for database work off the UI thread; results come back to the main thread by signal."""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, job_id: int, fn: Callable[[], Any]):
        super().__init__()
        self.runner = runner
        self.job_id = job_id
        self.fn = fn

    def run(self) -> None:
        try:
            result, error = self.fn(), None
        except Exception as exc:  # handed to the main thread, which decides how to show it
            if not hasattr(exc, "message"):
                log.error("background task failed:\n%s", traceback.format_exc())
            result, error = None, exc
        # The runner lives in the main thread, so this emission is queued to it.
        self.runner._done.emit(self.job_id, result, error)


class TaskRunner(QObject):
    """Runs callables one after another on a single worker thread (one database lane per desk).

    `busy_changed(True)` is emitted only when work has been running for `busy_delay_ms`, so quick
    calls do not flicker a busy indicator. Callbacks always run on the main thread.
    """

    busy_changed = Signal(bool)
    _done = Signal(int, object, object)

    def __init__(self, parent: QObject | None = None, busy_delay_ms: int = 100):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, tuple[Callable | None, Callable | None]] = {}
        self._busy_timer = QTimer(self, singleShot=True, interval=busy_delay_ms)
        self._busy = False
        self._busy_timer.timeout.connect(self._become_busy)
        self._done.connect(self._finish)

    @property
    def pending(self) -> int:
        return len(self._callbacks)

    def run(
        self,
        fn: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        job_id = next(self._ids)
        self._callbacks[job_id] = (on_success, on_error)
        if len(self._callbacks) == 1:
            self._busy_timer.start()
        self.pool.start(_Job(self, job_id, fn))

    @Slot(int, object, object)
    def _finish(self, job_id: int, result: Any, error: Exception | None) -> None:
        on_success, on_error = self._callbacks.pop(job_id, (None, None))
        if not self._callbacks:
            self._busy_timer.stop()
            if self._busy:
                self._busy = False
                self.busy_changed.emit(False)
        if error is not None:
            if on_error is not None:
                on_error(error)
            else:
                log.error("unhandled background error: %r", error)
        elif on_success is not None:
            on_success(result)

    def _become_busy(self) -> None:
        self._busy = True
        self.busy_changed.emit(True)

    def cancel_callbacks(self) -> None:
        """Forget pending callbacks (after sign-out): late results must not reach a cleared screen."""
        self._callbacks = {job_id: (None, lambda _e: None) for job_id in self._callbacks}

    def wait(self, msecs: int = 30000) -> bool:
        return self.pool.waitForDone(msecs)
