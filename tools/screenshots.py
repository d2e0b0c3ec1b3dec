"""Screenshots of every screen on the demo data set, for looking at what a user sees.

    QT_QPA_PLATFORM=offscreen python tools/screenshots.py [OUT_DIR] [--lang sv|en]

Creates a throw-away SQLite demo database, signs in as the demo administrator and saves one PNG
per tab, plus the sign-in dialog, the lock page and the two edit dialogs (default OUT_DIR:
test-artifacts/screens).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.db.engine import Database  # noqa: E402
from app.db.migrate import ensure_schema  # noqa: E402
from app.demo import create_demo, demo_password  # noqa: E402
from app.services.auth import authenticator_for  # noqa: E402
from ui.app import create_application  # noqa: E402
from ui.context import AppContext  # noqa: E402


def settle(ctx: AppContext, rounds: int = 3) -> None:
    for _ in range(rounds):
        ctx.tasks.wait(30000)
        for _ in range(20):
            QApplication.processEvents()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(ROOT / "test-artifacts" / "screens"))
    parser.add_argument("--lang", default="sv", choices=["sv", "en"])
    parser.add_argument("--observations", type=int, default=5000)
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'demo.sqlite3'}")
        ensure_schema(db)
        seed = 2026
        create_demo(db, observations=args.observations, seed=seed, today=dt.date.today())
        create_application(language=args.lang)

        from ui.login_dialog import LoginDialog
        from ui.main_window import MainWindow

        ctx = AppContext(db, idle_lock_minutes=10)
        login = LoginDialog(ctx)
        login.show()
        settle(ctx)
        login.grab().save(str(out / "login.png"))
        login.close()

        window = MainWindow(ctx)
        window.resize(1440, 900)
        window.show()
        ctx.sign_in(authenticator_for(db).authenticate("anna.admin", demo_password("anna.admin", seed)))
        settle(ctx)
        for index in range(window.tabs.count()):
            window.tabs.setCurrentIndex(index)
            settle(ctx)
            window.grab().save(str(out / f"tab_{index}_{window.tabs.widget(index).objectName()}.png"))
            print(out / f"tab_{index}_{window.tabs.widget(index).objectName()}.png")

        # The pages inside the Uppföljning tab.
        followup = window.followup_tab
        window.tabs.setCurrentWidget(followup)
        for index in range(followup.sections.count()):
            followup.sections.setCurrentIndex(index)
            settle(ctx)
            window.grab().save(str(out / f"followup_{index}_{followup.sections.widget(index).objectName()}.png"))

        # The edit dialogs (opened window-modal with open(), so they do not block).
        followup.sections.setCurrentIndex(1)
        for name, command in (
            ("observation_dialog.png", window.new_observation),
            ("action_dialog.png", window.new_action),
            ("indicator_dialog.png", lambda: (window.tabs.setCurrentWidget(followup), followup.new_indicator())),
            ("meeting_dialog.png", followup.new_meeting),
        ):
            command()
            settle(ctx)
            dialog = QApplication.activeModalWidget()
            if dialog is not None:
                dialog.grab().save(str(out / name))
                dialog.reject()
                settle(ctx, 1)

        # The administrators' windows (non-modal, kept in window._dialog).
        for name, command in (("users_window.png", window.show_users), ("audit_window.png", window.show_audit_trail)):
            command()
            settle(ctx)
            window._dialog.grab().save(str(out / name))
            window._dialog.close()
            settle(ctx, 1)

        window.lock()
        settle(ctx)
        window.grab().save(str(out / "locked.png"))
        ctx.tasks.wait(10000)
        window.close()
        db.dispose()
    print(f"Screenshots in {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
