"""Sign-in at a shared desk: at start, on switching user, and from the lock screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.errors import TrygghetError
from app.i18n import _
from app.services.context import Actor
from ui.context import AppContext
from ui.errors import message_for


class SignInForm:
    """Username/password fields plus the sign-in call, shared by the dialog and the lock screen."""

    def __init__(self, ctx: AppContext, username: QLineEdit, password: QLineEdit, status: QLabel):
        self.ctx = ctx
        self.username = username
        self.password = password
        self.status = status
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.status.setObjectName("signInStatus")
        self.status.setWordWrap(True)

    def submit(self, on_signed_in, on_busy) -> None:
        username = self.username.text().strip()
        password = self.password.text()
        if not username or not password:
            self.status.setText(_("Enter your username and password."))
            return
        on_busy(True)
        self.status.setText(_("Signing in…"))
        authenticator = self.ctx.authenticator()
        self.ctx.run(
            lambda: authenticator.sign_in(username, password),
            on_success=lambda result: self._done(*result, on_signed_in, on_busy),
            on_error=lambda exc: self._failed(exc, on_busy),
        )

    def _done(self, actor: Actor, db, on_signed_in, on_busy) -> None:
        if db is not None:
            self.ctx.offer_database(actor.username, db)
        on_busy(False)
        self.status.clear()
        self.password.clear()
        on_signed_in(actor)

    def _failed(self, exc: Exception, on_busy) -> None:
        on_busy(False)
        if isinstance(exc, TrygghetError):  # a refused sign-in, a throttle wait, an unreachable server …
            self.status.setText(exc.message)
        else:
            self.status.setText(message_for(exc)[1])
        # Keep the username; clear only the password, as every sign-in screen does.
        self.password.clear()
        self.password.setFocus()


class LoginDialog(QDialog):
    def __init__(self, ctx: AppContext, parent=None, username: str = ""):
        super().__init__(parent)
        self.setObjectName("loginDialog")
        self.setWindowTitle(_("Sign in – Trygghetscenter"))
        self.actor: Actor | None = None

        heading = QLabel(_("Trygghetscenter Märsta"))
        heading.setObjectName("loginHeading")
        intro = QLabel(
            _("Sign in with your own account. This workstation is shared: lock it or switch user when you leave.")
        )
        intro.setWordWrap(True)
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.status = QLabel()
        self.form = SignInForm(ctx, self.username, self.password, self.status)

        form = QFormLayout()
        form.addRow(_("&Username"), self.username)
        form.addRow(_("&Password"), self.password)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Sign in"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password if username else self.username).setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        self.form.submit(self._signed_in, self._busy)

    def _busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.buttons):
            widget.setEnabled(not busy)

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()
