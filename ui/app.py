"""Starting the desktop program: settings, translations, database check, a new office's set-up, sign-in,
main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, Qt, QThread, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from app.config import load_config, resolve_database_url
from app.errors import ConfigError, TrygghetError
from app.i18n import _
from app.paths import resource
from ui.gc_guard import MainThreadGarbageCollector
from ui.i18n import install_translators
from ui.login_dialog import LoginDialog
from ui.none_guard import keep_none_alive
from ui.theme import apply_theme, light_palette


def create_application(argv: list[str] | None = None, language: str = "sv") -> QApplication:
    keep_none_alive()  # PySide6 6.12 on Python 3.11 would otherwise abort after a few thousand calls
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


def show_drawn(widget, wait_ms: int = 300) -> None:
    """Show `widget` and draw it now, before something slow runs on this thread: a window system that
    maps windows asynchronously (X11, Wayland) is given up to `wait_ms` to expose it first."""
    widget.show()
    handle = widget.windowHandle()
    waited = QElapsedTimer()
    waited.start()
    while handle is not None and not handle.isExposed() and waited.elapsed() < wait_ms:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
        QThread.msleep(2)
    widget.repaint()
    QApplication.processEvents()  # what arrived meanwhile (a key typed already lands in its field)


def run(database_url: str | None = None) -> int:
    """Run the GUI; returns the process exit code (2 when the database cannot be used).

    The sign-in dialog shows first, the database opens right behind it on this thread (what is typed
    meanwhile waits in Qt's queue for the fields), then "Logga in" is enabled and the main window is
    made behind the dialog. A new office closes the dialog for the set-up wizard first."""
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
        personal = database_sign_in(config)
        url = resolve_database_url(database_url, config)
    except TrygghetError as exc:
        QMessageBox.critical(None, _("Trygghetscenter cannot start"), exc.message)
        return 2

    login = LoginDialog(None)  # no database yet: "Logga in" waits for it
    login.setWindowModality(Qt.WindowModality.ApplicationModal)  # as exec() below would have shown it
    show_drawn(login)

    # start-up: the data layer and the services load once the dialog is on screen
    from app.services.connection import network_warning, open_database
    from ui.context import AppContext

    QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
    try:
        db = open_database(url, personal)
        try:
            # A new database without users: the office describes itself first (no demo data is assumed).
            new_office = not personal and _needs_setup(db)
        except BaseException:
            db.dispose()
            raise
    except TrygghetError as exc:
        login.close()
        QMessageBox.critical(None, _("Trygghetscenter cannot start"), exc.message)
        return 2
    finally:
        QApplication.restoreOverrideCursor()

    if not login.isVisible():  # closed (Esc) while the database opened
        db.dispose()
        return 0
    warning = network_warning(db)
    if warning:
        QMessageBox.warning(login, "Trygghetscenter", warning)

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

    if new_office:
        login.close()
        login.deleteLater()
        # loaded only on a new office's first start
        from ui.setup_wizard import SetupWizard

        wizard = SetupWizard(ctx)
        if wizard.exec() != SetupWizard.DialogCode.Accepted or wizard.result is None:
            db.dispose()
            return 0
        login = LoginDialog(ctx, username=wizard.username)
    else:
        login.attach(ctx)

    def behind_the_dialog() -> None:
        if login.isVisible():
            login.repaint()  # the dialog is drawn first; the main window is made while the person types
            main_window()
            # start-up: the tabs' modules load while the person types, not after "Logga in"
            import ui.tabs.action_plan_tab
            import ui.tabs.area_tab
            import ui.tabs.followup_tab
            import ui.tabs.lagesbild_tab  # noqa: F401

    QTimer.singleShot(0, behind_the_dialog)  # runs once the dialog is shown
    if login.exec() != LoginDialog.DialogCode.Accepted or login.actor is None:
        login.close()
        for window in made:  # made behind the dialog, never shown
            window.deleteLater()
        ctx.tasks.wait(5000)
        db.dispose()
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


def _needs_setup(db) -> bool:
    # loaded only here: the set-up service brings the models
    from app.services.setup import database_needs_setup

    return database_needs_setup(db)
