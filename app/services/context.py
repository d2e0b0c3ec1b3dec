"""Who is acting: the signed-in user as services see it, and the permission checks on it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.db.enums import Classification, Role
from app.errors import PermissionDeniedError
from app.i18n import _


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    display_name: str
    organisation_id: int | None
    organisation_name: str
    role: Role

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def can_edit(self) -> bool:
        return self.role in (Role.ADMIN, Role.EDITOR)

    def require_editor(self) -> None:
        if not self.can_edit:
            raise PermissionDeniedError(_("Your role only allows reading."))

    def require_admin(self) -> None:
        if not self.is_admin:
            raise PermissionDeniedError(_("Only an administrator may do this."))

    def require_own_organisation(self, organisation_id: int) -> None:
        """Editors change only their own organisation's rows; so do admins, for classified data."""
        self.require_editor()
        if organisation_id != self.organisation_id:
            raise PermissionDeniedError(_("You may only change your own organisation's entries."))

    def may_see(self, classification: Classification, organisation_id: int) -> bool:
        return classification is Classification.OPEN or organisation_id == self.organisation_id


SYSTEM = Actor(
    user_id=None,
    username="system",
    display_name="System",
    organisation_id=None,
    organisation_name="",
    role=Role.ADMIN,
)


def bind_actor(session: Session, actor: Actor) -> Session:
    """Attach the actor to the session so the audit trail knows who made each change."""
    session.info["actor"] = actor
    return session


def actor_of(session: Session) -> Actor:
    return session.info.get("actor", SYSTEM)
