"""Sign-in at a shared desk: at start, on switching user, and from the lock screen.

At start the dialog shows before the database is open (ui/app.py run()): its fields take what is
typed while the database opens behind it, and "Logga in" waits for `attach`. So this module loads
nothing of the services or the data layer (start-up, issue #15).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

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
from ui.errors import message_for

if TYPE_CHECKING:
    from app.services.context import Actor
    from ui.context import AppContext


class SignInForm:
    """Username/password fields plus the sign-in call, shared by the dialog and the lock screen.

    `ctx` None: the database is still being opened; nothing is submitted until it is attached."""

    def __init__(self, ctx: AppContext | None, username: QLineEdit, password: QLineEdit, status: QLabel):
        self.ctx = ctx
        self.username = username
        self.password = password
        self.status = status
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.status.setObjectName("signInStatus")
        self.status.setWordWrap(True)

    def submit(self, on_signed_in, on_busy) -> None:
        if self.ctx is None:  # the database is not open yet: the button that asks is disabled till then
            return
        username = self.username.text().strip()
        password = self.password.text()
        if not username or not password:
            self.status.setText(_("Enter your username and password."))
            return
        on_busy(True)
        self.status.setText(_("Signing in…"))
        ctx = self.ctx
        authenticator = ctx.authenticator()
        ctx.run(
            lambda: authenticator.sign_in(username, password),
            on_success=lambda result: self._done(*result, on_signed_in, on_busy),
            on_error=lambda exc: self._failed(exc, on_busy),
        )

    def _done(self, actor: Actor, db, on_signed_in, on_busy) -> None:
        if db is not None and self.ctx is not None:
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
    """The sign-in dialog. Made with `ctx` None it shows at once, says the database is being opened
    and keeps "Logga in" disabled until `attach(ctx)`; the fields take typing meanwhile."""

    def __init__(self, ctx: AppContext | None, parent=None, username: str = ""):
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
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.sign_in_button.setObjectName("signInButton")
        if ctx is None:
            self.status.setText(_("Connecting to the database…"))
            self.sign_in_button.setEnabled(False)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        (self.password if username else self.username).setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def ready(self) -> bool:
        """The database is open: "Logga in" signs in."""
        return self.form.ctx is not None

    def attach(self, ctx: AppContext) -> None:
        """The database is open: "Logga in" works from now on (what was typed meanwhile stays)."""
        self.form.ctx = ctx
        self.status.clear()
        self.sign_in_button.setEnabled(True)

    def submit(self) -> None:
        self.form.submit(self._signed_in, self._busy)

    def _busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.buttons):
            widget.setEnabled(not busy)

    def _signed_in(self, actor: Actor) -> None:
        self.actor = actor
        self.accept()
