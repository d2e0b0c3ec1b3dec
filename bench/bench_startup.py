"""Benchmark: a fresh process to the sign-in dialog shown, and "Logga in" to the main window filled
(issue #15, items 3 and 4).

    python bench/bench_startup.py --observations 100000 [--postgres]

- Start-up: the program started as its entry point does (tests/startup_probe.py, offscreen, with the
  bench's database and settings in a scratch folder), timed from outside until the sign-in dialog is
  shown; the floor is a process that imports PySide6, creates the QApplication and shows a QWidget
  (the same probe, --bare). Both are fresh processes, run alternately; target: within 2.5×.
- Sign-in: from the click on "Logga in" (the dialog's submit, with the bench user's password typed)
  until the main window is filled: the lägesbild's figures shown and the first page of its
  observation list arrived. Timed in this process, the window signed out between the runs. The floor
  is the same work as bare service calls: the Argon2 check (authenticate), the lägesbild overview of
  the tab's filter and the list's first page. Target: within 1.5×.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run from a source checkout

from bench.common import BENCH_USER, Bench, Figure, interleaved, standalone

ROOT = Path(__file__).resolve().parent.parent
PROBE = ROOT / "tests" / "startup_probe.py"
MARK = "SHOWN "  # what tests/startup_probe.py prints when the window shows


# --- start-up to the sign-in dialog --------------------------------------------------------------


def _scratch_environment(folder: Path) -> dict[str, str]:
    """The program's settings, Qt's and matplotlib's folders in the bench's scratch folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRYGGHETSCENTER_")}
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        (folder / variable.lower()).mkdir(parents=True, exist_ok=True)
        env[variable] = str(folder / variable.lower())
    env.update(
        QT_QPA_PLATFORM="offscreen",
        MPLCONFIGDIR=str(folder / "matplotlib"),
        TRYGGHETSCENTER_CONFIG=str(folder / "absent.ini"),  # the defaults: the program's own sign-in
        TRYGGHETSCENTER_DATA_DIR=str(folder / "data"),
        PYTHONPATH=str(ROOT),
    )
    return env


def _seconds_to_shown(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, str(PROBE), *argv], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert process.stdout is not None
    shown = None
    for line in process.stdout:
        if line.startswith(MARK):
            shown = time.perf_counter() - started
            break
    process.stdout.close()
    process.wait(60)
    if shown is None:
        raise RuntimeError(f"{PROBE.name} {' '.join(argv)}: no window was shown (exit {process.returncode})")
    return shown


def start_up_figure(bench: Bench) -> Figure:
    env = _scratch_environment(bench.folder / "start-up")
    ours, bare = interleaved(
        lambda: _seconds_to_shown(["--database", bench.url], env),
        lambda: _seconds_to_shown(["--bare"], env),
        repeat=max(5, bench.repeat),
    )
    return Figure(
        "start-up to the sign-in dialog shown",
        ours,
        bare,
        "a bare PySide6 window (fresh process)",
        max_ratio=2.5,
        note="both fresh processes, timed from outside, interleaved",
    )


# --- "Logga in" to the main window filled ----------------------------------------------------------


class _Desk:
    """The desktop program's window on the bench's database, signed in and out again and again."""

    def __init__(self, bench: Bench):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from PySide6.QtCore import QSettings

        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):  # window state in the scratch folder
            for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
                QSettings.setPath(kind, scope, str(bench.folder / "qt-settings"))
        from app.services.connection import open_database
        from ui.app import create_application
        from ui.context import AppContext
        from ui.main_window import MainWindow

        self.bench = bench
        self.app = create_application(language="sv")
        self.db = open_database(bench.url)
        self.ctx = AppContext(self.db, idle_lock_minutes=0)
        self.window = MainWindow(self.ctx)

    def wait(self, done, timeout: float = 120.0) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        beat = QTimer()
        beat.start(5)  # wakes the wait below now and then, whatever arrives
        deadline = time.monotonic() + timeout
        while not done():
            if time.monotonic() > deadline:
                raise RuntimeError("the main window was not filled in time")
            self.app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        beat.stop()

    def sign_in(self) -> None:
        """Type the password, click "Logga in", and wait for the lägesbild's figures and first list page."""
        from ui.login_dialog import LoginDialog

        before = self.window.tabs.widget(0)
        dialog = LoginDialog(self.ctx, username=BENCH_USER)
        dialog.password.setText(self.bench.password())

        def accepted() -> None:  # what ui/app.py run() does when the dialog is accepted
            self.window.show()
            self.ctx.sign_in(dialog.actor)

        dialog.accepted.connect(accepted)
        dialog.open()
        self.app.processEvents()
        started = time.perf_counter()
        dialog.submit()

        def filled() -> bool:
            tab = self.window.tabs.widget(0) if self.window.tabs.count() else None
            if tab is None or tab is before or not tab.built:
                return False
            return tab.overview is not None and tab.list_model.rowCount() > 0

        self.wait(filled)
        self.elapsed = time.perf_counter() - started
        dialog.deleteLater()

    def sign_out(self) -> None:
        self.ctx.tasks.wait(30000)
        self.app.processEvents()
        self.ctx.sign_out()
        self.window.hide()
        self.app.processEvents()

    def close(self) -> None:
        self.ctx.tasks.wait(30000)
        self.window.deleteLater()
        self.app.processEvents()
        self.db.dispose()


def sign_in_figure(bench: Bench) -> Figure:
    from app.services import observations, runner
    from app.services.auth import authenticator_for
    from app.services.overview import lagesbild_overview

    desk = _Desk(bench)
    try:
        desk.sign_in()  # once for the filter and sort the tab asks for
        tab = desk.window.tabs.widget(0)
        flt, model = tab.overview.filter, tab.list_model
        sort, descending, page = model.sort_key, model.descending, model.PAGE
        desk.sign_out()

        def ours() -> None:
            desk.sign_in()
            times.append(desk.elapsed * 1000)
            desk.sign_out()

        def floor() -> None:
            actor = authenticator_for(desk.db).authenticate(BENCH_USER, bench.password())
            overview = runner.call(desk.db, actor, lagesbild_overview, flt)
            runner.call(
                desk.db,
                actor,
                observations.list_observations,
                overview.filter,
                sort=sort,
                descending=descending,
                offset=0,
                limit=page,
            )

        times: list[float] = []
        _wall, bare = interleaved(ours, floor, repeat=max(5, bench.repeat))
        value = statistics.median(times[1:])  # the first was the warm-up
    finally:
        desk.close()
    return Figure(
        '"Logga in" to the main window filled',
        value,
        bare,
        "Argon2 check + lägesbild overview + first list page, bare service calls",
        max_ratio=1.5,
        note="click to the lägesbild's figures and first list page shown, in-process, GUI thread included",
    )


def figures(bench: Bench) -> list[Figure]:
    return [start_up_figure(bench), sign_in_figure(bench)]


def main() -> int:
    return standalone(figures, (__doc__ or "").splitlines()[0])


if __name__ == "__main__":
    raise SystemExit(main())
