"""Start the desktop program as its entry point does and report the moment the sign-in dialog shows.

    python tests/startup_probe.py [--database URL]    the program (ui.launcher.main), up to the dialog
    python tests/startup_probe.py --bare              the floor: PySide6, a QApplication, a QWidget shown
    python tests/startup_probe.py --sign-in USER PASSWORD [--database URL]
                                                      through the dialog to the main window filled

When the dialog (or the bare window) is shown, one line goes to stdout:

    SHOWN {"seconds": <since this script began>, "modules": [<every module loaded then>],
           "dialog": {"sign_in_enabled": <bool>, "status": <its status line>}}   (not for --bare)

and the process ends at once (os._exit: nothing after the moment is measured or run). Used by
tests/test_perf_startup.py (which modules are loaded) and bench/bench_startup.py (how long it took, timed
from outside, against the bare window).

Nothing of the program is loaded before its entry point runs: the probe wraps ui.launcher.run_gui
(which the entry point calls for the desktop) so that the application object the program makes gets
an event filter that watches for the LoginDialog's show event.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

STARTED = time.perf_counter()
MARK = "SHOWN "


def _report(dialog=None) -> None:
    report: dict = {"seconds": time.perf_counter() - STARTED, "modules": sorted(sys.modules)}
    if dialog is not None:
        report["dialog"] = {"sign_in_enabled": dialog.sign_in_button.isEnabled(), "status": dialog.status.text()}
    line = json.dumps(report)
    sys.stdout.write(MARK + line + "\n")
    sys.stdout.flush()
    os._exit(0)


def bare() -> None:
    from PySide6.QtWidgets import QApplication, QWidget

    app = QApplication(sys.argv[:1])  # noqa: F841  (kept alive while the window shows)
    window = QWidget()
    window.show()
    window.repaint()
    _report()


def _when_ready(dialog, then) -> None:
    """`then()` once the dialog's database is open (it shows before), and 200 ms more."""
    from PySide6.QtCore import QTimer

    if dialog.ready:
        QTimer.singleShot(200, then)
    else:
        QTimer.singleShot(20, lambda: _when_ready(dialog, then))


def _sign_in(dialog, username: str, password: str) -> None:
    """Type and click "Logga in"; once the main window's first tab is filled, report what is built."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    made_behind = [type(w).__name__ for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    dialog.username.setText(username)
    dialog.password.setText(password)
    dialog.submit()

    def filled() -> None:
        window = next((w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"), None)
        tab = window.tabs.widget(0) if window is not None and window.tabs.count() else None
        listed = (
            tab is not None
            and tab.overview is not None
            and (tab.list_model.rowCount() or not tab.overview.observation_count)
        )
        if not listed or not window.isVisible():
            QTimer.singleShot(20, filled)
            return
        tabs = [(window.tabs.tabText(i), window.tabs.widget(i).built) for i in range(window.tabs.count())]
        line = json.dumps({"made_behind_the_dialog": bool(made_behind), "tabs": tabs, "modules": sorted(sys.modules)})
        sys.stdout.write("FILLED " + line + "\n")
        sys.stdout.flush()
        os._exit(0)

    QTimer.singleShot(20, filled)


signing_in: list[str] = []  # --sign-in USER PASSWORD: sign in through the dialog instead of stopping at it


def program(argv: list[str]) -> int:
    if "--sign-in" in argv:
        at = argv.index("--sign-in")
        signing_in[:] = argv[at + 1 : at + 3]
        argv = argv[:at] + argv[at + 3 :]
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the checkout this file is in
    import ui.launcher as launcher

    run_gui = launcher.run_gui

    def probed_run_gui(database_url: str | None) -> int:
        from PySide6.QtCore import QEvent, QObject

        import ui.app

        class Watch(QObject):
            def eventFilter(self, watched: QObject, event: QEvent) -> bool:
                if event.type() == QEvent.Type.Show and type(watched).__name__ == "LoginDialog":
                    if signing_in:
                        _when_ready(watched, lambda: _sign_in(watched, *signing_in))
                    else:
                        watched.repaint()  # drawn, as a person would see it
                        _report(watched)
                return False

        create_application = ui.app.create_application

        def create(*args, **kwargs):
            app = create_application(*args, **kwargs)
            app._startup_probe = Watch(app)
            app.installEventFilter(app._startup_probe)
            return app

        ui.app.create_application = create
        return run_gui(database_url)

    launcher.run_gui = probed_run_gui
    return launcher.main(argv)


if __name__ == "__main__":
    if sys.argv[1:] == ["--bare"]:
        bare()
    code = program(sys.argv[1:])
    sys.stdout.write(f"ENDED {code}\n")  # the program ended without showing the dialog
    sys.exit(code)
