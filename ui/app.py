"""Starting the desktop program: settings, translations, database check, a new office's set-up, sign-in,
main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.config import load_config, resolve_database_url
from app.errors import ConfigError, TrygghetError
from app.i18n import _
from app.paths import resource
from app.services.connection import network_warning, open_database
from app.services.setup import database_needs_setup
from ui.context import AppContext
from ui.gc_guard import MainThreadGarbageCollector
from ui.i18n import install_translators
from ui.theme import apply_theme, light_palette


def create_application(argv: list[str] | None = None, language: str = "sv") -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    if getattr(app, "gc_guard", None) is None:
        # Garbage is collected on the GUI thread only (see ui/gc_guard.py).
        app.gc_guard = MainThreadGarbageCollector(app)
    QCoreApplication.setOrganizationName("Trygghetscenter")
    QCoreApplication.setApplicationName("Trygghetscenter")
    QGuiApplication.setApplicationDisplayName("Trygghetscenter")
    install_translators(app, language)
    icon = resource("icons", "trygghetscenter.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    if not getattr(app, "themed", False):
        # Once per process: styling again would re-polish every widget alive (and, in a test run,
        # widgets of earlier tests Qt is still taking down).
        apply_theme(app)  # a complete light palette: the system's dark theme no longer gives white on white
        style = resource("styles", "app.qss")
        if style.exists():
            app.setStyleSheet(style.read_text(encoding="utf-8"))
        app.themed = True
    else:
        app.setPalette(light_palette())  # the system's palette may have been set again since
    return app


def database_sign_in(config) -> bool:
    mode = (config.get("sign_in") if config is not None else "program").strip().lower()
    if mode not in ("program", "database"):
        raise ConfigError(_("The setting sign_in must be 'program' or 'database', not '%1'.").replace("%1", mode))
    return mode == "database"


def run(database_url: str | None = None) -> int:
    """Run the GUI; returns the process exit code (2 when the database cannot be used)."""
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    try:
        config = load_config()
        language = config.get("language")
    except TrygghetError:
        config, language = None, "sv"
    app = create_application(language=language)
    try:
        if config is None:
            load_config()  # raises again, now with the translated message shown below
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            personal = database_sign_in(config)
            db = open_database(resolve_database_url(database_url, config), personal)
            # A new database without users: the office describes itself first (no demo data is assumed).
            new_office = not personal and database_needs_setup(db)
        finally:
            QApplication.restoreOverrideCursor()
    except TrygghetError as exc:
        QMessageBox.critical(None, _("Trygghetscenter cannot start"), exc.message)
        return 2

    warning = network_warning(db)
    if warning:
        QMessageBox.warning(None, "Trygghetscenter", warning)

    # start-up: the sign-in dialog's module loads once the database is open
    from ui.login_dialog import LoginDialog

    ctx = AppContext(
        db,
        idle_lock_minutes=config.get_int("idle_lock_minutes"),
        database_sign_in=personal,
        gate_password=config.get("gate_password"),
    )
    made: list = []

    def main_window():
        """The main window, made once: behind the sign-in dialog, while the person types."""
        # start-up: the main window's modules load after the sign-in dialog shows
        from ui.main_window import MainWindow

        if not made:
            made.append(MainWindow(ctx))
        return made[0]

    username = ""
    if new_office:
        # loaded only on a new office's first start
        from ui.setup_wizard import SetupWizard

        wizard = SetupWizard(ctx)
        if wizard.exec() != SetupWizard.DialogCode.Accepted or wizard.result is None:
            db.dispose()
            return 0
        username = wizard.username
    login = LoginDialog(ctx, username=username)

    def behind_the_dialog() -> None:
        login.repaint()  # the dialog is drawn first; the main window is made while the person types
        main_window()

    QTimer.singleShot(0, behind_the_dialog)  # runs once the dialog is shown
    if login.exec() != LoginDialog.DialogCode.Accepted or login.actor is None:
        return 0
    window = main_window()
    window.show()
    ctx.sign_in(login.actor)
    ctx.start_live_refresh()
    code = app.exec()
    ctx.stop_live_refresh()
    ctx.tasks.wait(5000)
    db.dispose()
    return code
