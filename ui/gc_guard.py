"""Python's garbage collector, run on the GUI thread only.

The collector normally runs in whichever thread happens to allocate when a threshold is crossed. If
that is the database worker and the garbage holds a Qt widget (a closed dialog in a reference
cycle), the widget is destroyed outside the GUI thread and Qt crashes. The well-known remedy (used
by Calibre and others): turn automatic collection off and collect from a timer on the GUI thread,
using the same generation thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadGarbageCollector(QObject):
    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS):
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self, interval=interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                gc.collect(generation)
                return

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
