"""Who may do what: the rules the services enforce and the screens ask before offering a button.

Each rule comes as a question (`may_…`, for enabling a button) and, where a service refuses, as a
`require_…` that raises PermissionDeniedError with the reason. The database holds the same rules
for its own logins (app/db/security_setup).
"""

from __future__ import annotations

from typing import Protocol

from app.domain.vocabulary import Classification, Role
from app.errors import PermissionDeniedError
from app.i18n import _


class Someone(Protocol):
    """What the rules need to know of the person acting (app.services.context.Actor is one)."""

    @property
    def user_id(self) -> int | None: ...

    @property
    def organisation_id(self) -> int | None: ...

    @property
    def role(self) -> Role: ...


def is_admin(who: Someone) -> bool:
    return who.role is Role.ADMIN


def may_edit(who: Someone) -> bool:
    """Editors and administrators change data; readers only read."""
    return who.role in (Role.ADMIN, Role.EDITOR)


def may_see(who: Someone, classification: Classification, organisation_id: int) -> bool:
    """Open entries are seen by all; internal ones only by their own organisation."""
    return classification is Classification.OPEN or organisation_id == who.organisation_id


def may_change_own_organisations(who: Someone, organisation_id: int | None) -> bool:
    """Observations: editors change only their own organisation's; so do admins, for classified data."""
    return may_edit(who) and organisation_id == who.organisation_id


def may_change_action(who: Someone, responsible_organisation_id: int | None) -> bool:
    """Actions: administrators change any; editors those their own organisation is responsible for."""
    return may_edit(who) and (is_admin(who) or responsible_organisation_id == who.organisation_id)


def may_make_responsible(who: Someone, organisation_id: int) -> bool:
    """An editor who made another organisation responsible could no longer change the action."""
    return is_admin(who) or organisation_id == who.organisation_id


def may_delete_meeting(who: Someone, created_by_id: int | None) -> bool:
    """A meeting is deleted only by an administrator or the person who recorded it."""
    return may_edit(who) and (is_admin(who) or (created_by_id is not None and created_by_id == who.user_id))


def manages_accounts(who: Someone, organisation_id: int) -> bool:
    """Whether the actor keeps the accounts of this organisation. An organisation's administrators
    keep its accounts, and only its: an account in another organisation could read that
    organisation's internal rows. The command line (the database owner, SYSTEM) keeps every
    organisation's. The database holds the same rule (app/db/security_setup)."""
    return is_admin(who) and (who.organisation_id is None or organisation_id == who.organisation_id)


# --- refusals ---------------------------------------------------------------------------------------


def require_editor(who: Someone) -> None:
    if not may_edit(who):
        raise PermissionDeniedError(_("Your role only allows reading."), rule="may_edit")


def require_admin(who: Someone) -> None:
    if not is_admin(who):
        raise PermissionDeniedError(_("Only an administrator may do this."), rule="is_admin")


def require_own_organisation(who: Someone, organisation_id: int | None) -> None:
    require_editor(who)
    if organisation_id != who.organisation_id:
        raise PermissionDeniedError(
            _("You may only change your own organisation's entries."), rule="may_change_own_organisations"
        )


def require_may_see(who: Someone, classification: Classification, organisation_id: int) -> None:
    if not may_see(who, classification, organisation_id):
        raise PermissionDeniedError(_("You may not see this entry."), rule="may_see")


def require_may_change_action(who: Someone, responsible_organisation_id: int | None) -> None:
    require_editor(who)
    if not may_change_action(who, responsible_organisation_id):
        raise PermissionDeniedError(
            _("You may only change actions your own organisation is responsible for."), rule="may_change_action"
        )


def require_may_delete_meeting(who: Someone, created_by_id: int | None) -> None:
    require_editor(who)
    if not may_delete_meeting(who, created_by_id):
        raise PermissionDeniedError(
            _("Only an administrator or the person who recorded the meeting may delete it."), rule="may_delete_meeting"
        )


def require_manages_accounts(who: Someone, organisation_id: int) -> None:
    require_admin(who)
    if not manages_accounts(who, organisation_id):
        raise PermissionDeniedError(
            _(
                "Administrators keep only their own organisation's accounts; another "
                "organisation's are kept by its administrators or on the command line."
            ),
            rule="manages_accounts",
        )
