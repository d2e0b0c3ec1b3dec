"""User accounts, for administrators: add, change role, set a password, disable and enable."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from app.domain import permissions
from app.domain.policy import DISPLAY_NAME_MAX
from app.domain.vocabulary import Role, choices, label
from app.i18n import _
from app.services import users
from app.services.lookups import load_lookups
from app.services.runner import Changes
from app.services.users import UserRow
from ui import format as fmt
from ui import window_state
from ui.context import AppContext
from ui.dialogs.base import EditDialog
from ui.errors import show_error
from ui.forms import Field, Form, choice, line
from ui.models import Column, RowsTableModel
from ui.widgets.tables import make_table, set_widths


def password_fields(*, replacing: bool = False) -> list[Field]:
    """A password typed twice; the two must match before the service is asked.
    `replacing`: the fields give a new password in place of one that exists."""

    def same(repeat: str, values: dict) -> str:
        return _("The two passwords differ.") if repeat != values["password"] else ""

    if replacing:
        first, second = _("&New password"), _("Rep&eat the new password")
    else:
        first, second = _("&Password"), _("Rep&eat the password")
    return [line("password", first, password=True), line("repeat", second, password=True, check=same)]


class _Passwords:
    """The two password inputs of a declared form, by the names tests and callers use."""

    def __init__(self, form: Form):
        self.password, self.repeat = form["password"], form["repeat"]


class NewUserDialog(EditDialog):
    def __init__(self, ctx: AppContext, organisations, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("newUserDialog")
        self.setWindowTitle(_("New user"))
        form = self.declare(
            [
                line("username", _("&Username"), placeholder=_("e.g. anna.andersson")),
                line("display_name", _("Full &name"), limit=DISPLAY_NAME_MAX),
                choice(
                    "organisation",
                    _("&Organisation"),
                    [(o.name, o.id) for o in organisations],
                    initial=ctx.actor.organisation_id if ctx.actor else None,
                ),
                choice("role", _("&Role"), choices(Role), initial=Role.EDITOR),
                *password_fields(),
            ]
        )
        self.username, self.display_name, self.organisation = (
            form["username"],
            form["display_name"],
            form["organisation"],
        )
        self.passwords = _Passwords(form)
        self.finish_layout()
        self.resize(460, 300)

    def save_call(self):
        v = self.declared.values()
        args = (v["username"], v["display_name"], v["organisation"], v["role"], v["password"])
        return users.create_user, args, {}


class PasswordDialog(EditDialog):
    def __init__(self, ctx: AppContext, user: UserRow, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("passwordDialog")
        self.user = user
        self.setWindowTitle(_("New password for %1").replace("%1", user.display_name))
        self.passwords = _Passwords(self.declare(password_fields(replacing=True)))
        self.finish_layout()

    def save_call(self):
        self._new = self.declared.values()["password"]
        return users.set_password, (self.user.id, self._new, self.user.version), {}

    def _saved(self, row) -> None:
        if self.ctx.actor is not None and self.user.id == self.ctx.actor.user_id:
            self.ctx.own_password_changed(self._new)  # an administrator setting their own
        super()._saved(row)


class ChangePasswordDialog(EditDialog):
    """Arkiv → Byt lösenord: every signed-in person changes their own password, giving the current one."""

    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(ctx, parent)
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(_("Change my password"))
        form = self.declare([line("current", _("&Current password"), password=True), *password_fields(replacing=True)])
        self.current = form["current"]
        self.passwords = _Passwords(form)
        self.finish_layout()
        self.resize(480, 210)

    def save_call(self):
        values = self.declared.values()
        self._new = values["password"]
        return users.change_own_password, (self.ctx.authenticator(), values["current"], self._new), {}

    def _saved(self, row) -> None:
        self.ctx.own_password_changed(self._new)
        super()._saved(row)


class UsersWindow(QDialog):
    def __init__(self, ctx: AppContext, parent=None):
        super().__init__(parent)
        self.setObjectName("usersWindow")
        self.setWindowTitle(_("Users"))
        self.ctx = ctx
        self._dialog = None
        self.model = RowsTableModel(
            [
                Column(_("Username"), lambda u: u.username),
                Column(_("Name"), lambda u: u.display_name),
                Column(_("Organisation"), lambda u: u.organisation_name),
                Column(_("Role"), lambda u: label(u.role)),
                Column(_("Status"), self._status),
                Column(_("Last sign-in"), lambda u: fmt.date_time(u.last_login_at)),
            ]
        )
        self.view = make_table("usersTable", sortable=True, title=_("Users"))
        self.view.setModel(self.model)
        set_widths(self.view, [120, 160, 210, 100, 140])
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.add_button = QPushButton(_("New user…"))
        self.add_button.clicked.connect(self.add_user)
        self.role_button = QPushButton(_("Change role…"))
        self.role_button.clicked.connect(self.change_role)
        self.password_button = QPushButton(_("Set password…"))
        self.password_button.clicked.connect(self.set_password)
        self.active_button = QPushButton(_("Disable"))
        self.active_button.setObjectName("toggleActive")
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button = QPushButton(_("Lift lock"))
        self.unlock_button.setObjectName("liftLock")
        self.unlock_button.clicked.connect(self.lift_lock)
        hint = QLabel(
            _(
                "Disabled users cannot sign in; what they entered keeps their name. After ten failed "
                "sign-ins a username is locked for 15 minutes; Lift lock lets the person try again at "
                "once, as does a new password. You keep your own organisation's accounts; another "
                "organisation's are kept by its administrators, and accounts move between organisations "
                "only on the command line."
            )
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.role_button, self.password_button, self.active_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)
        window_state.keep_geometry(self, window_state.USERS_WINDOW, 920, 460)
        self.organisations = []
        ctx.changed.connect(self._changed)
        self.reload()

    def _changed(self, changes: Changes) -> None:
        if changes.touches({"reference"}):
            self.reload()

    def reload(self) -> None:
        self.ctx.call(users.list_accounts, on_success=self._show, on_error=self._error)
        self.ctx.call(
            load_lookups,
            on_success=lambda found: setattr(self, "organisations", found.organisations),
            on_error=self._error,
        )

    def _show(self, rows: list[UserRow]) -> None:
        self.model.set_rows(rows)
        self._update_buttons()

    def selected(self) -> UserRow | None:
        index = self.view.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _update_buttons(self, *_args) -> None:
        user = self.selected()
        keeps = (
            user is not None
            and self.ctx.actor is not None
            and permissions.manages_accounts(self.ctx.actor, user.organisation_id)
        )
        for button in (self.role_button, self.active_button):
            button.setEnabled(keeps)
        self.password_button.setEnabled(
            keeps or (user is not None and self.ctx.actor is not None and user.id == self.ctx.actor.user_id)
        )
        self.active_button.setText(_("Enable") if user is not None and not user.active else _("Disable"))
        self.unlock_button.setEnabled(keeps and user.locked_until is not None)

    def _status(self, user: UserRow) -> str:
        if not user.active:
            return _("Disabled")
        if user.locked_until is not None:
            # A lock lasts minutes: the local time of day says it best.
            return _("Locked until %1").replace("%1", fmt.time(user.locked_until.astimezone().time()))
        return _("Active")

    def add_user(self) -> None:
        kept = [o for o in self.organisations if o.active and permissions.manages_accounts(self.ctx.actor, o.id)]
        self._dialog = NewUserDialog(self.ctx, kept, self)
        self._dialog.open()

    def set_password(self) -> None:
        user = self.selected()
        if user is not None:
            self._dialog = PasswordDialog(self.ctx, user, self)
            self._dialog.open()

    def change_role(self) -> None:
        user = self.selected()
        if user is None:
            return
        options = [text for text, _role in choices(Role)]
        current = options.index(label(user.role))
        text, ok = QInputDialog.getItem(
            self, _("Change role"), _("Role of %1:").replace("%1", user.display_name), options, current, False
        )
        if ok:
            role = dict(choices(Role))[text]
            self.ctx.call(
                users.set_role, user.id, role, user.version, on_success=lambda _r: self.reload(), on_error=self._error
            )

    def toggle_active(self) -> None:
        user = self.selected()
        if user is None:
            return
        fn = users.enable_user if not user.active else users.disable_user
        self.ctx.call(fn, user.id, user.version, on_success=lambda _r: self.reload(), on_error=self._error)

    def lift_lock(self) -> None:
        user = self.selected()
        if user is not None:
            self.ctx.call(users.lift_lock, user.id, on_success=lambda _r: self.reload(), on_error=self._error)

    def _error(self, exc: Exception) -> None:
        show_error(self, exc)
