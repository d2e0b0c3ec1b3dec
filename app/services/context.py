"""Who is acting: the signed-in user as services see it, and the permission checks on it."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from app.domain import permissions
from app.domain.vocabulary import Classification, Role


@dataclass(frozen=True)
class Actor:
    user_id: int | None
    username: str
    display_name: str
    organisation_id: int | None
    organisation_name: str
    role: Role

    # The rules themselves live in app/domain/permissions.py; these are the common ones at hand.
    @property
    def is_admin(self) -> bool:
        return permissions.is_admin(self)

    @property
    def can_edit(self) -> bool:
        return permissions.may_edit(self)

    def require_editor(self) -> None:
        permissions.require_editor(self)

    def require_admin(self) -> None:
        permissions.require_admin(self)

    def require_own_organisation(self, organisation_id: int) -> None:
        """Editors change only their own organisation's rows; so do admins, for classified data."""
        permissions.require_own_organisation(self, organisation_id)

    def may_see(self, classification: Classification, organisation_id: int) -> bool:
        return permissions.may_see(self, classification, organisation_id)


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
