"""The main window: tabs, menus, toolbar, status bar, locking and switching users."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPainter, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QStackedWidget,
    QTabWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app import __version__
from app.domain.vocabulary import label
from app.errors import DatabaseUnavailableError, LoginRefusedError
from app.i18n import _
from app.services.context import Actor
from app.services.reference import AreaRow, areas_in_force
from app.services.runner import Changes
from ui import window_state
from ui.context import AppContext
from ui.errors import show_error
from ui.help_window import HelpKey, HelpWindow, menu_shortcuts, section_for
from ui.lock_page import LockPage, locked_by, nobody_signed_in
from ui.widgets.elided_label import ElidedLabel
from ui.widgets.period_bar import PeriodBar

IDLE_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


class IdleWatcher(QObject):
    """Restarts a timer on every key press or mouse movement anywhere in the program."""

    def __init__(self, timer: QTimer, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = timer

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in IDLE_EVENTS and self.timer.isActive():
            self.timer.start()
        return False


class LockKeys(QObject):
    """The lock shortcut from anywhere in the program, open (modal) forms and message boxes included.

    The lock action's own shortcut fires while the main window or a non-modal window is active; a modal
    dialog blocks the main window, so its key presses reach this application-wide filter instead.
    """

    def __init__(self, action: QAction, lock, parent: QObject | None = None):
        super().__init__(parent)
        self.action = action
        self.lock = lock

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not self.action.isEnabled():
            return False
        pressed = QKeySequence(event.keyCombination())
        if any(pressed.matches(s) == QKeySequence.SequenceMatch.ExactMatch for s in self.action.shortcuts()):
            self.lock()
            return True
        return False


def _depth(widget: QWidget) -> int:
    depth = 0
    while (widget := widget.parentWidget()) is not None:
        depth += 1
    return depth


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext):
        super().__init__()
        self.setObjectName("mainWindow")
        self.ctx = ctx
        self.setWindowTitle(_("Trygghetscenter"))
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.lock_page = LockPage(ctx)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self.lock_page)
        self.connection_banner = QLabel(
            _(
                "The connection to the database is lost. Trying again every few seconds; "
                "nothing you have typed is lost, and open forms can be saved when it is back."
            )
        )
        self.connection_banner.setObjectName("connectionBanner")
        self.connection_banner.setProperty("role", "errorBanner")
        self.connection_banner.setWordWrap(True)
        self.connection_banner.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.connection_banner)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        ctx.connection_changed.connect(self._on_connection_changed)
        ctx.login_refused.connect(self._on_login_refused)
        self.period_bar = PeriodBar()
        self.period_bar.changed.connect(self._period_changed)
        self._areas_for: dt.date | None = None  # the day whose period's areas were last asked for
        ctx.changed.connect(self._on_changes)

        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()

        self.idle_timer = QTimer(self, singleShot=True)
        self.idle_timer.timeout.connect(self.lock)
        self.idle_watcher = IdleWatcher(self.idle_timer, self)
        QApplication.instance().installEventFilter(self.idle_watcher)
        self.lock_keys = LockKeys(self.act_lock, self.lock, self)
        QApplication.instance().installEventFilter(self.lock_keys)
        self.help_window: HelpWindow | None = None  # one guide window, made on first use
        self.help_key = HelpKey(self.show_help, self)
        QApplication.instance().installEventFilter(self.help_key)

        ctx.signed_in.connect(self._on_signed_in)
        ctx.signed_out.connect(self._on_signed_out)
        ctx.tasks.busy_changed.connect(self._on_busy)
        self.lock_page.signed_in.connect(self._on_lock_page_sign_in)
        self._locked = False
        self._hidden_dialogs: list[QWidget] = []
        window_state.restore_geometry(self, window_state.MAIN_WINDOW, 1360, 860)
        # Nobody signed in yet; the sign-in dialog may already be open (the window is made behind
        # it), so it is not closed as a signed-out user's windows are.
        self._on_signed_out(close_windows=False)

    def _on_connection_changed(self, online: bool) -> None:
        self.connection_banner.setVisible(not online)
        if online:
            self.statusBar().showMessage(_("The connection to the database is back."), 8000)

    # --- set-up ------------------------------------------------------------------------------

    def _action(self, text: str, shortcut=None, slot=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        action.setObjectName(name)
        return action

    def _create_actions(self) -> None:
        self.act_lock = self._action(_("&Lock"), "Ctrl+L", self.lock, "actLock")
        self.act_lock.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)  # and LockKeys for modal forms
        self.act_switch = self._action(_("S&witch user…"), "Ctrl+Shift+L", self.switch_user, "actSwitch")
        self.act_quit = self._action(_("&Quit"), QKeySequence.StandardKey.Quit, self.close, "actQuit")
        self.act_refresh = self._action(_("&Refresh"), QKeySequence.StandardKey.Refresh, self.refresh, "actRefresh")
        self.act_new_observation = self._action(
            _("New &observation…"), "Ctrl+N", self.new_observation, "actNewObservation"
        )
        self.act_new_action = self._action(_("New &action…"), "Ctrl+Shift+N", self.new_action, "actNewAction")
        self.act_about = self._action(_("&About Trygghetscenter"), None, self.about, "actAbout")
        self.act_help = self._action(
            _("&User guide"), QKeySequence.StandardKey.HelpContents, lambda: self.show_help("start"), "actHelp"
        )
        # F1 itself goes through HelpKey, which opens the section for where it was pressed; the
        # menu only shows the key (and takes it while the menu is open).
        self.act_help.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_import_observations = self._action(
            _("Import &observations from Excel…"), None, lambda: self.import_file("observations"), "actImportObs"
        )
        self.act_import_measurements = self._action(
            _("Import &measurements from Excel…"), None, lambda: self.import_file("measurements"), "actImportMeas"
        )
        self.act_audit = self._action(_("Audit &trail…"), None, self.show_audit_trail, "actAudit")
        self.act_users = self._action(_("&Users…"), None, self.show_users, "actUsers")
        self.act_admin = self._action(_("A&dministration…"), None, self.show_administration, "actAdmin")
        self.act_password = self._action(_("Change my &password…"), None, self.change_password, "actPassword")
        self.act_report = self._action(_("Export the management &report…"), "Ctrl+E", self.export_report, "actReport")
        self.session_actions = [
            self.act_lock,
            self.act_switch,
            self.act_refresh,
            self.act_new_observation,
            self.act_new_action,
            self.act_import_observations,
            self.act_import_measurements,
            self.act_audit,
            self.act_users,
            self.act_admin,
            self.act_report,
            self.act_password,
        ]

    def _set_session_enabled(self, enabled: bool) -> None:
        """Commands and the period selector work only while someone is signed in and not locked."""
        for action in self.session_actions:
            action.setEnabled(enabled)
        self.period_bar.setEnabled(enabled)
        actor = self.ctx.actor
        if enabled and actor is not None:
            for action in (
                self.act_new_observation,
                self.act_new_action,
                self.act_import_observations,
                self.act_import_measurements,
            ):
                action.setEnabled(actor.can_edit)
            self.act_audit.setEnabled(actor.is_admin)
            self.act_users.setEnabled(actor.is_admin)

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self.file_menu = file_menu
        file_menu.addAction(self.act_report)
        file_menu.addSeparator()
        file_menu.addActions([self.act_import_observations, self.act_import_measurements])
        file_menu.addSeparator()
        file_menu.addActions([self.act_admin, self.act_users, self.act_audit])
        file_menu.addSeparator()
        file_menu.addActions([self.act_lock, self.act_switch, self.act_password])
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        edit_menu = bar.addMenu(_("&Register"))
        edit_menu.addActions([self.act_new_observation, self.act_new_action])
        self.view_menu = bar.addMenu(_("&View"))
        self.view_menu.addAction(self.act_refresh)
        self.view_menu.addSeparator()
        help_menu = bar.addMenu(_("&Help"))
        help_menu.addAction(self.act_help)
        help_menu.addSeparator()
        help_menu.addAction(self.act_about)

    def _create_toolbar(self) -> None:
        toolbar = QToolBar(_("Main toolbar"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.act_new_observation)
        toolbar.addAction(self.act_new_action)
        toolbar.addAction(self.act_refresh)
        self._mark_overflow_button(toolbar)
        self.addToolBar(toolbar)
        # The period and the desk have toolbars of their own: on a narrow screen the commands give way
        # first (into the toolbar's » menu; they are in the menus too), never the period or the lock.
        period = QToolBar(_("Period"))
        period.setObjectName("periodToolbar")
        period.setMovable(False)
        period.addWidget(self.period_bar)
        self.addToolBar(period)
        self.addToolBar(self._create_desk_toolbar())

    @staticmethod
    def _mark_overflow_button(toolbar: QToolBar) -> None:
        """The toolbar's » button (commands that do not fit) drawn light, to be seen on the dark toolbar."""
        button = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        if button is None:
            return
        pixmap = QPixmap(16, 16)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setPen(QColor("white"))
        font = painter.font()
        font.setPixelSize(15)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, "»")
        painter.end()
        button.setIcon(QIcon(pixmap))
        button.setToolTip(_("More commands"))
        button.setAccessibleName(_("More commands"))

    def _create_desk_toolbar(self) -> QToolBar:
        """Who is signed in, Lock and Switch user: a toolbar of its own, at the right, that never gets
        narrower than its buttons (the badge gives way first, eliding), so they stay on screen at any width."""
        toolbar = QToolBar(_("Signed-in user"))
        toolbar.setObjectName("deskToolbar")
        toolbar.setMovable(False)
        desk = QWidget()
        desk.setObjectName("deskBar")
        desk.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(desk)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addStretch(1)
        self.user_label = ElidedLabel()  # a long organisation name gives way; the buttons stay
        self.user_label.setObjectName("userBadge")
        layout.addWidget(self.user_label)
        self.lock_button, self.switch_button = QToolButton(), QToolButton()
        for button, action, name in (
            (self.lock_button, self.act_lock, "lockButton"),
            (self.switch_button, self.act_switch, "switchButton"),
        ):
            button.setDefaultAction(action)
            button.setObjectName(name)
            button.setAutoRaise(True)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            layout.addWidget(button)
        toolbar.addWidget(desk)
        return toolbar

    def createPopupMenu(self):
        """No menu for hiding the toolbars: the lock must not be hidden away."""
        return None

    def _create_status_bar(self) -> None:
        status = self.statusBar()
        self.status_user = QLabel()
        self.status_db = QLabel(self.ctx.db.describe())
        self.status_db.setObjectName("statusDatabase")
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(120)
        self.busy.setVisible(False)
        status.addWidget(self.status_user)
        status.addPermanentWidget(self.busy)
        status.addPermanentWidget(self.status_db)

    # --- signed-in state ---------------------------------------------------------------------

    def _show_who(self) -> None:
        """The badge, the status bar and the lock page say the same: who is signed in, and whether locked."""
        actor = self.ctx.actor
        if actor is None:
            badge = status = nobody_signed_in()
        elif self._locked:
            badge = status = locked_by(actor)
        else:
            badge = _("%1 · %2 · %3").replace("%1", actor.display_name).replace("%2", actor.organisation_name)
            badge = badge.replace("%3", label(actor.role))
            status = _("Signed in as %1 (%2)").replace("%1", actor.username).replace("%2", actor.organisation_name)
        self.user_label.set_full_text(badge)
        self.status_user.setText(status)

    def _on_signed_in(self, actor: Actor) -> None:
        self._locked = False
        self._show_who()
        self._set_session_enabled(True)
        self._build_tabs()
        self.tabs.currentWidget().ensure_built()  # the one tab shown now; the others when first shown
        self.stack.setCurrentWidget(self.tabs)
        self._start_idle_timer()

    def _own_windows(self) -> list[QWidget]:
        """The program's other windows on screen (forms, message boxes, the users and audit windows),
        parents before the windows they opened."""
        windows = [
            w
            for w in QApplication.topLevelWidgets()
            # Another main window is not ours to hide (the tests make one per test; one may linger).
            if w is not self
            and not isinstance(w, MainWindow)
            and w.isVisible()
            and w.windowType() in (Qt.WindowType.Dialog, Qt.WindowType.Window)
        ]
        return sorted(windows, key=_depth)

    def _hide_dialogs(self) -> None:
        """Locking covers open forms and windows too, and brings them back for the same user.

        They are hidden, not closed or rejected: what was typed stays. A question asked with exec()
        (application-modal) ends, unanswered, when hidden, so it is not shown again: the form that
        asked it is, and asks again when the person repeats what they did.
        """
        popup = QApplication.activePopupWidget()
        while popup is not None:  # an open menu or drop-down list
            popup.close()
            if popup is QApplication.activePopupWidget():
                break
            popup = QApplication.activePopupWidget()
        windows = self._own_windows()
        self._hidden_dialogs = [w for w in windows if w.windowModality() != Qt.WindowModality.ApplicationModal]
        for window in reversed(windows):  # the topmost first
            window.hide()

    def _restore_dialogs(self) -> None:
        for dialog in self._hidden_dialogs:
            try:
                dialog.show()
                dialog.raise_()
            except RuntimeError:  # deleted meanwhile
                pass
        if self._hidden_dialogs:
            try:
                self._hidden_dialogs[-1].activateWindow()
            except RuntimeError:
                pass
        self._hidden_dialogs = []

    def _close_dialogs(self) -> None:
        """Signing out closes every form and window of the previous user, unsaved input included: the
        next person never sees them."""
        windows = {id(w): w for w in [*self._hidden_dialogs, *self._own_windows(), *self.findChildren(QDialog)]}
        self._hidden_dialogs = []
        for window in windows.values():
            try:
                window.hide()
                window.deleteLater()
            except RuntimeError:  # deleted meanwhile
                pass

    def _on_signed_out(self, close_windows: bool = True) -> None:
        if close_windows:
            self._close_dialogs()
        self._clear_tabs()
        self._locked = False
        self._show_who()
        self._set_session_enabled(False)
        self.idle_timer.stop()
        self.lock_page.show_signed_out()
        self.stack.setCurrentWidget(self.lock_page)

    def _start_idle_timer(self) -> None:
        minutes = self.ctx.idle_lock_minutes
        if minutes > 0:
            self.idle_timer.setInterval(minutes * 60_000)
            self.idle_timer.start()

    def lock(self) -> None:
        actor = self.ctx.actor
        if actor is None or self._locked:
            return
        self._locked = True
        self.idle_timer.stop()
        self._set_session_enabled(False)
        self._hide_dialogs()
        self._show_who()
        self.lock_page.show_locked(actor)
        self.stack.setCurrentWidget(self.lock_page)
        self.activateWindow()  # locked from a form: the lock page takes the keyboard
        self.raise_()

    def _on_login_refused(self, message: str) -> None:
        """The person's database login stopped working (new password, account disabled): lock, say
        why, and let them sign in again; open forms wait behind the lock with what was typed."""
        self.lock()
        self.lock_page.status.setText(message)

    def is_locked(self) -> bool:
        return self.stack.currentWidget() is self.lock_page

    def switch_user(self) -> None:
        self.ctx.sign_out()

    def _on_lock_page_sign_in(self, actor: Actor) -> None:
        current = self.ctx.actor
        if current is not None and current.user_id == actor.user_id:
            # The same user unlocks: the work on screen is theirs and stays.
            self.ctx.resume(actor)
            self._locked = False
            self._show_who()
            self._set_session_enabled(True)
            self.stack.setCurrentWidget(self.tabs)
            self._restore_dialogs()
            self._start_idle_timer()
            return
        if current is not None:
            self.ctx.sign_out()
        self.ctx.sign_in(actor)

    # --- tabs ----------------------------------------------------------------------------------

    def _clear_tabs(self) -> None:
        while self.tabs.count():
            widget = self.tabs.widget(0)
            self.tabs.removeTab(0)
            widget.deleteLater()
        for action in list(self.view_menu.actions())[2:]:
            self.view_menu.removeAction(action)

    def _build_tabs(self) -> None:
        # start-up: the tabs load after sign-in, so the sign-in dialog shows sooner
        from ui.tabs.action_plan_tab import ActionPlanTab
        from ui.tabs.followup_tab import FollowUpTab
        from ui.tabs.lagesbild_tab import LagesbildTab

        self._clear_tabs()
        self.lagesbild_tab = LagesbildTab(self.ctx)
        self.action_plan_tab = ActionPlanTab(self.ctx)
        self.followup_tab = FollowUpTab(self.ctx)
        self.tabs.addTab(self.lagesbild_tab, _("Lägesbild"))
        self.tabs.addTab(self.action_plan_tab, _("Action plan"))
        self.tabs.addTab(self.followup_tab, _("Follow-up"))
        self._period_changed(*self.period_bar.range())  # and the area tabs of the period in force

    # The area tabs are the samverkansområden of the agreement period in force at the end of the
    # chosen dates: dates in an earlier agreement show that agreement's areas, with their own
    # descriptions and figures. They follow the dates and changes of the reference data.

    def _load_area_tabs(self) -> None:
        day = self.period_bar.range()[1]
        self._areas_for = day
        self.ctx.call(
            areas_in_force,
            day,
            on_success=lambda areas, day=day: self._show_area_tabs(day, areas),
            on_error=self._area_error,
        )

    def area_tabs(self) -> list:
        # start-up: the tabs load after sign-in, so the sign-in dialog shows sooner
        from ui.tabs.area_tab import AreaTab

        return [tab for tab in self.tab_widgets() if isinstance(tab, AreaTab)]

    def _show_area_tabs(self, day: dt.date, areas: list[AreaRow]) -> None:
        # start-up: the tabs load after sign-in, so the sign-in dialog shows sooner
        from ui.tabs.area_tab import AreaTab

        if day != self._areas_for or self.ctx.actor is None or not self.tabs.count():
            return  # dates chosen since, or signed out: another answer is on its way, or none is wanted
        shown = self.area_tabs()
        if [(t.area.id, t.area.name) for t in shown] == [(a.id, a.name) for a in areas]:
            for tab, area in zip(shown, areas, strict=True):
                tab.set_area(area)  # the same tabs; a changed description or period name is shown
            return
        current = self.tabs.currentWidget()
        chosen = shown.index(current) if isinstance(current, AreaTab) and current in shown else None
        chosen_name = shown[chosen].area.name if chosen is not None else None
        if chosen is not None:
            self.tabs.setCurrentWidget(self.lagesbild_tab)  # not a neighbour that is about to go too
        for tab in shown:
            tab.discarded = True
            self.tabs.removeTab(self.tabs.indexOf(tab))
            tab.deleteLater()
        date_from, date_to = self.period_bar.range()
        added = []
        for offset, area in enumerate(areas, start=1):
            added.append(AreaTab(self.ctx, area))
            added[-1].set_period(date_from, date_to)
            self.tabs.insertTab(offset, added[-1], area.name)
        if chosen is not None and added:
            # The area of the same name in the other period, else the tab in the same place.
            same = [tab for tab in added if tab.area.name == chosen_name]
            self.tabs.setCurrentWidget(same[0] if same else added[min(chosen, len(added) - 1)])
        self._update_tab_shortcuts()

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(("reference",)) and self.ctx.actor is not None and self.tabs.count():
            self._load_area_tabs()  # an area, a period or an event type's area changed

    def _area_error(self, exc: Exception) -> None:
        if isinstance(exc, LoginRefusedError):
            return  # the window locks and says why; the tabs are read again after the sign-in
        if isinstance(exc, DatabaseUnavailableError):
            self.ctx.report_unavailable()  # the banner, not a box for every change of dates
            return
        show_error(self, exc)

    def _update_tab_shortcuts(self) -> None:
        for action in list(self.view_menu.actions())[2:]:
            self.view_menu.removeAction(action)
        for index in range(self.tabs.count()):
            action = QAction(self.tabs.tabText(index), self)
            if index < 9:
                action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, i=index: self.tabs.setCurrentIndex(i))
            self.view_menu.addAction(action)

    def _on_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        elif QApplication.overrideCursor() is not None:
            QApplication.restoreOverrideCursor()

    def tab_widgets(self) -> list[QWidget]:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def _period_changed(self, date_from, date_to) -> None:
        for tab in self.tab_widgets():
            tab.set_period(date_from, date_to)
        if self.ctx.actor is not None and self.tabs.count():
            self._load_area_tabs()

    def refresh(self) -> None:
        for tab in self.tab_widgets():
            tab.mark_stale()

    # --- commands ------------------------------------------------------------------------------

    def new_observation(self) -> None:
        self.tabs.setCurrentWidget(self.lagesbild_tab)
        self.lagesbild_tab.new_observation()

    def import_file(self, kind: str) -> None:
        # start-up: a dialog (and openpyxl) loads when first opened
        from app.imports import ImportKind
        from ui.dialogs.import_dialog import ImportDialog

        if self.ctx.actor is None or not self.ctx.actor.can_edit:
            return
        dialog = ImportDialog(self.ctx, ImportKind(kind), self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(dialog.result_text(), 15000))
        dialog.open()
        self._dialog = dialog

    def export_report(self) -> None:
        # start-up: a dialog (and openpyxl) loads when first opened
        from ui.dialogs.report_dialog import ReportDialog

        if self.ctx.actor is None:
            return
        date_from, date_to = self.period_bar.range()
        dialog = ReportDialog(self.ctx, date_from, date_to, self)
        dialog.open()
        self._dialog = dialog

    def show_users(self) -> None:
        # start-up: a window loads when first opened
        from ui.dialogs.users_window import UsersWindow

        if self.ctx.actor is None or not self.ctx.actor.is_admin:
            return
        window = UsersWindow(self.ctx, self)
        window.show()
        self._dialog = window

    def show_administration(self) -> None:
        """Everyone signed in sees the office's reference data; administrators change it."""
        # start-up: a window loads when first opened
        from ui.dialogs.admin_window import AdminWindow

        if self.ctx.actor is None:
            return
        shown = getattr(self, "_dialog", None)
        try:
            open_already = isinstance(shown, AdminWindow) and shown.isVisible()
        except RuntimeError:  # closed and deleted at a sign-out
            open_already = False
        if open_already:
            shown.raise_()  # one window: it follows every change anyway
            shown.activateWindow()
            return
        window = AdminWindow(self.ctx, self)
        window.show()
        self._dialog = window

    def change_password(self) -> None:
        # start-up: a window loads when first opened
        from ui.dialogs.users_window import ChangePasswordDialog

        if self.ctx.actor is None:
            return
        dialog = ChangePasswordDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(_("Your password has been changed."), 15000))
        dialog.open()
        self._dialog = dialog

    def show_audit_trail(self) -> None:
        # start-up: a window loads when first opened
        from ui.dialogs.audit_window import AuditWindow

        if self.ctx.actor is None or not self.ctx.actor.is_admin:
            return
        window = AuditWindow(self.ctx, self)
        window.show()
        self._dialog = window

    def new_action(self) -> None:
        self.tabs.setCurrentWidget(self.action_plan_tab)
        self.action_plan_tab.new_action()

    def show_help(self, section: str | None = None) -> None:
        """The user guide at `section` (by default the one for the tab or form in use)."""
        if section is None:
            section = section_for(QApplication.focusWidget() or self)
        if self.help_window is None:
            self.help_window = HelpWindow(lambda: menu_shortcuts(self.menuBar()))
        self.help_window.show_section(section)

    def about(self) -> None:
        QMessageBox.about(
            self,
            _("About Trygghetscenter"),
            _(
                "Trygghetscenter %1\n\nShared lägesbild, action plan and follow-up for the collaboration "
                "between Sigtuna kommun, Polisen (lokalpolisområde Sollentuna) and Attunda räddningstjänst."
            ).replace("%1", __version__),
        )

    # --- window state --------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        window_state.save_geometry(self, window_state.MAIN_WINDOW)
        QApplication.instance().removeEventFilter(self.idle_watcher)
        QApplication.instance().removeEventFilter(self.lock_keys)
        QApplication.instance().removeEventFilter(self.help_key)
        if self.help_window is not None:
            self.help_window.close()
        super().closeEvent(event)
