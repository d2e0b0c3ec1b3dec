"""The screen that covers the window when it is locked or nobody is signed in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.i18n import _
from app.services.context import Actor
from ui.context import AppContext
from ui.login_dialog import SignInForm


def person(actor: Actor) -> str:
    """Who someone is at a shared desk: the name and the organisation, as the badge and the lock page say it."""
    return _("%1, %2").replace("%1", actor.display_name).replace("%2", actor.organisation_name)


def locked_by(actor: Actor) -> str:
    return _("Locked by %1").replace("%1", person(actor))


def nobody_signed_in() -> str:
    return _("Nobody is signed in")


class LockPage(QWidget):
    """Shows no data at all: only who locked the window and a sign-in form.

    The same user's password unlocks; another user's sign-in signs the first one out.
    """

    signed_in = Signal(object)  # Actor

    def __init__(self, ctx: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("lockPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.ctx = ctx
        card = QFrame()
        card.setObjectName("lockCard")
        card.setFixedWidth(440)
        self.heading = QLabel()
        self.heading.setObjectName("lockHeading")
        self.heading.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.username = QLineEdit()
        self.username.setObjectName("lockUsername")
        self.password = QLineEdit()
        self.password.setObjectName("lockPassword")
        self.status = QLabel()
        self.form = SignInForm(ctx, self.username, self.password, self.status)
        self.unlock_button = QPushButton(_("Sign in"))
        self.unlock_button.setObjectName("unlockButton")
        self.unlock_button.setDefault(True)
        self.other_button = QPushButton(_("Sign in as another user"))
        self.other_button.setObjectName("otherUserButton")
        self.other_button.setFlat(True)

        form = QFormLayout()
        form.addRow(_("&Username"), self.username)
        form.addRow(_("&Password"), self.password)
        buttons = QHBoxLayout()
        buttons.addWidget(self.other_button)
        buttons.addStretch()
        buttons.addWidget(self.unlock_button)

        inner = QVBoxLayout(card)
        inner.addWidget(self.heading)
        inner.addWidget(self.hint)
        inner.addLayout(form)
        inner.addWidget(self.status)
        inner.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch()
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(card)
        row.addStretch()
        outer.addLayout(row)
        outer.addStretch()

        self.unlock_button.clicked.connect(self.submit)
        self.password.returnPressed.connect(self.submit)
        self.username.returnPressed.connect(self.password.setFocus)
        self.other_button.clicked.connect(self._toggle_other_user)
        self.locked_actor: Actor | None = None  # who locked the window; None while nobody is signed in
        self.for_other_user = False

    def show_locked(self, actor: Actor) -> None:
        """The window is locked by `actor`: their password unlocks."""
        self.locked_actor, self.for_other_user = actor, False
        self.heading.setText(locked_by(actor))
        self.hint.setText(
            _("Enter the password to continue, or sign in as another user (this signs %1 out).").replace(
                "%1", actor.display_name
            )
        )
        self.username.setText(actor.username)
        self.other_button.setText(_("Sign in as another user"))
        self.other_button.setVisible(True)
        self._reset(self.password)

    def show_other_user(self) -> None:
        """Someone else sits down at the locked desk: still locked by the same person, who is signed out
        (their open forms closed unsaved) once the other person signs in."""
        actor = self.locked_actor
        if actor is None:
            self.show_signed_out()
            return
        self.for_other_user = True
        self.heading.setText(locked_by(actor))
        self.hint.setText(
            _(
                "Sign in with your own account. This signs %1 out, and forms they have open are closed without saving."
            ).replace("%1", actor.display_name)
        )
        self.username.clear()
        self.other_button.setText(_("Back to %1").replace("%1", actor.display_name))
        self.other_button.setVisible(True)
        self._reset(self.username)

    def show_signed_out(self) -> None:
        self.locked_actor, self.for_other_user = None, False
        self.heading.setText(nobody_signed_in())
        self.hint.setText(_("Sign in with your own account."))
        self.username.clear()
        self.other_button.setVisible(False)
        self._reset(self.username)

    def _toggle_other_user(self) -> None:
        if self.for_other_user and self.locked_actor is not None:
            self.show_locked(self.locked_actor)
        else:
            self.show_other_user()

    def _reset(self, focus: QLineEdit) -> None:
        self.password.clear()
        self.status.clear()
        focus.setFocus(Qt.FocusReason.OtherFocusReason)

    def submit(self) -> None:
        self.form.submit(self.signed_in.emit, self._busy)

    def _busy(self, busy: bool) -> None:
        for widget in (self.username, self.password, self.unlock_button, self.other_button):
            widget.setEnabled(not busy)
