"""User administration: list, create, change role or password, disable and enable accounts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import pg_security
from app.db.models import Organisation, SignInThrottle, User, utcnow
from app.domain import permissions
from app.domain.policy import DISPLAY_NAME_MAX, PASSWORD_MAX, PASSWORD_MIN, USERNAME_PATTERN
from app.domain.vocabulary import Role
from app.errors import AuthenticationError, NotFoundError, PermissionDeniedError, SignInThrottledError, ValidationError
from app.i18n import _
from app.services.common import check_version, flush_or_conflict
from app.services.context import Actor
from app.services.passwords import hash_password
from app.services.reference import list_organisations
from app.services.validation import Checker


@dataclass(frozen=True)
class UserRow:
    id: int
    username: str
    display_name: str
    organisation_id: int
    organisation_name: str
    organisation_short_name: str
    role: Role
    active: bool
    has_password: bool
    created_at: dt.datetime
    last_login_at: dt.datetime | None
    version: int
    locked_until: dt.datetime | None = None  # after too many failed sign-ins (filled in for administrators)


def normalise_username(username: str | None) -> str:
    """Usernames are stored in lower case, so 'Anna.A' and 'anna.a' are the same account."""
    return (username or "").strip().lower()


# --- reading ---------------------------------------------------------------------------------------


def _to_row(user: User, org: Organisation, has_password: bool) -> UserRow:
    return UserRow(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        organisation_id=org.id,
        organisation_name=org.name,
        organisation_short_name=org.short_name,
        role=user.role,
        active=user.active,
        has_password=has_password,
        created_at=user.created_at,
        last_login_at=user.last_login_at,
        version=user.version,
    )


def _has_password(session: Session) -> sa.ColumnElement[bool]:
    """Whether a password is set, without reading the hash where the login may not (app/db/pg_security.py)."""
    if pg_security.is_enabled(session):
        return sa.func.public.tc_has_password(User.id, type_=sa.Boolean)
    return User.password_hash.is_not(None)


def _row_select(session: Session) -> sa.Select:
    return sa.select(User, Organisation, _has_password(session).label("has_password")).join(
        Organisation, User.organisation_id == Organisation.id
    )


def list_users(session: Session) -> list[UserRow]:
    rows = session.execute(_row_select(session).order_by(User.username))
    return [_to_row(r.User, r.Organisation, r.has_password) for r in rows]


def list_accounts(session: Session, actor: Actor) -> list[UserRow]:
    """Every account, for the administrators' user window, with the sign-in locks that hold now."""
    actor.require_admin()
    locks = dict(
        session.execute(
            sa.select(SignInThrottle.username, SignInThrottle.locked_until).where(
                SignInThrottle.locked_until > utcnow()
            )
        ).all()
    )
    return [replace(row, locked_until=locks.get(row.username)) for row in list_users(session)]


def actor_for_username(session: Session, username: str) -> Actor:
    """The Actor a command-line run acts as (`--user NAME`); a disabled account is refused."""
    user = get_user(session, username)  # NotFoundError for an unknown name
    if not user.active:
        raise PermissionDeniedError(_("The user '{user}' is disabled.", user=user.username))
    return Actor(
        user_id=user.id,
        username=user.username,
        display_name=user.display_name,
        organisation_id=user.organisation_id,
        organisation_name=user.organisation_name,
        role=user.role,
    )


def get_user(session: Session, user: int | str) -> UserRow:
    row = _find(session, user)
    found = session.execute(_row_select(session).where(User.id == row.id)).one()
    return _to_row(found.User, found.Organisation, found.has_password)


def _find(session: Session, user: int | str) -> User:
    """A user by id (int) or username (str)."""
    if isinstance(user, int):
        row = session.get(User, user)
    else:
        row = session.scalars(sa.select(User).where(User.username == normalise_username(user))).first()
    if row is None:
        raise NotFoundError(_("There is no user '{user}'.", user=user), table=User.__tablename__, row_id=user)
    return row


def _find_organisation(session: Session, organisation: int | str | None) -> Organisation | None:
    """An organisation by id, or by short or full name in any letter case."""
    if organisation is None or organisation == "":
        return None
    if isinstance(organisation, int):
        return session.get(Organisation, organisation)
    wanted = organisation.strip().lower()
    stmt = sa.select(Organisation).where(
        sa.or_(sa.func.lower(Organisation.short_name) == wanted, sa.func.lower(Organisation.name) == wanted)
    )
    return session.scalars(stmt).first()


# --- checks ----------------------------------------------------------------------------------------


def _check_password(check: Checker, password: str | None) -> None:
    length = len(password or "")
    if length < PASSWORD_MIN:
        check.fail("password", _("The password must be at least {n} characters long.", n=PASSWORD_MIN))
    elif length > PASSWORD_MAX:
        check.fail("password", _("The password may be at most {n} characters long.", n=PASSWORD_MAX))


def _check_role(check: Checker, role: Role | str | None) -> Role | None:
    if role is not None:
        try:
            return Role(role)
        except ValueError:
            pass
    choices = ", ".join(r.value for r in Role)
    check.fail("role", _("Unknown role '{role}'; choose one of {choices}.", role=role, choices=choices))
    return None


def _check_organisation(
    check: Checker, session: Session, actor: Actor, organisation: int | str | None
) -> Organisation | None:
    if organisation is None or organisation == "":
        check.fail("organisation", _("Choose an organisation."))
        return None
    org = _find_organisation(session, organisation)
    if org is None or not org.active:
        known = ", ".join(o.short_name for o in list_organisations(session, actor, include_inactive=False))
        check.fail(
            "organisation",
            _("Unknown organisation '{organisation}'; choose one of {known}.", organisation=organisation, known=known),
        )
        return None
    return org


def _check_username(check: Checker, session: Session, username: str) -> None:
    if not USERNAME_PATTERN.fullmatch(username):
        check.fail(
            "username",
            _("The username must be 2 to 63 characters: lower-case letters a-z, digits, '.', '_' or '-'."),
        )
    elif session.scalar(sa.select(sa.func.count()).select_from(User).where(User.username == username)):
        check.fail("username", _("The username '{username}' is already taken.", username=username))


# --- changing --------------------------------------------------------------------------------------


def create_user(
    session: Session,
    actor: Actor,
    username: str,
    display_name: str,
    organisation: int | str,
    role: Role | str,
    password: str,
) -> UserRow:
    actor.require_admin()
    username = normalise_username(username)
    check = Checker()
    _check_username(check, session, username)
    display_name = check.text("display_name", display_name, required=True, max_length=DISPLAY_NAME_MAX)
    org = _check_organisation(check, session, actor, organisation)
    checked_role = _check_role(check, role)
    _check_password(check, password)
    check.raise_if_any()
    assert org is not None and checked_role is not None  # checked: raise_if_any raised otherwise
    permissions.require_manages_accounts(actor, org.id)
    user = User(
        username=username,
        display_name=display_name,
        organisation_id=org.id,
        role=checked_role,
        password_hash=hash_password(password),
    )
    try:
        # A savepoint, so that losing a race for the username leaves the caller's transaction usable.
        with session.begin_nested():
            session.add(user)
            session.flush()
    except IntegrityError:
        check.fail("username", _("The username '{username}' is already taken.", username=username))
        check.raise_if_any()
    _sync_login(session, user, password)
    return _to_row(user, org, True)


def set_password(
    session: Session, actor: Actor, user: int | str, password: str, expected_version: int | None = None
) -> UserRow:
    """Administrators set anyone's password; everyone else only their own."""
    row = _find(session, user)
    if row.id != actor.user_id:
        permissions.require_manages_accounts(actor, row.organisation_id)
    check_version(session, row, expected_version)
    check = Checker()
    _check_password(check, password)
    check.raise_if_any()
    row.password_hash = hash_password(password)
    flush_or_conflict(session, row)
    _sync_login(session, row, password, lift_lock=True)  # a new password also lifts a lock from guessing
    return _to_row(row, row.organisation, True)


def change_own_password(session: Session, actor: Actor, authenticator, current: str, new: str) -> UserRow:
    """Everyone may change their own password after proving they know the current one. The proof is
    a sign-in through `authenticator` (app/services/auth.py), so wrong guesses are counted and slowed
    down as at the sign-in dialog; a machine left signed in does not let a passer-by take the account."""
    check = Checker()
    _check_password(check, new)
    check.raise_if_any()  # a new password that would be refused costs no attempt
    try:
        authenticator.authenticate(actor.username, current or "")
    except SignInThrottledError:
        raise
    except AuthenticationError as exc:
        raise ValidationError({"current": _("This is not your current password.")}) from exc
    if actor.user_id is None:  # the command line's database owner, who has no account of its own
        raise PermissionDeniedError(_("Sign in with your own account."))
    return set_password(session, actor, actor.user_id, new)


def _sync_login(session: Session, user: User, password: str | None = None, *, lift_lock: bool = False) -> None:
    """Where the database enforces access itself (`db init-roles`), keep the user's login role in step.
    `lift_lock` clears the failed sign-in count (there through the database, since a personal login
    may not touch that table)."""
    if pg_security.is_enabled(session):
        pg_security.sync_login(session, user, password, lift_lock=lift_lock)
    elif lift_lock:
        session.execute(sa.delete(SignInThrottle).where(SignInThrottle.username == user.username))


def set_role(
    session: Session, actor: Actor, user: int | str, role: Role | str, expected_version: int | None = None
) -> UserRow:
    row = _find(session, user)
    permissions.require_manages_accounts(actor, row.organisation_id)
    check_version(session, row, expected_version)
    check = Checker()
    checked_role = _check_role(check, role)
    check.raise_if_any()
    assert checked_role is not None  # checked: raise_if_any raised otherwise
    if row.id == actor.user_id and checked_role is not Role.ADMIN:
        # Otherwise the last administrator could lock everyone out of user administration.
        raise PermissionDeniedError(_("You cannot take the administrator role from yourself."))
    row.role = checked_role
    flush_or_conflict(session, row)
    _sync_login(session, row)
    return get_user(session, row.id)


def _set_active(session: Session, actor: Actor, user: int | str, active: bool, expected_version: int | None) -> UserRow:
    row = _find(session, user)
    permissions.require_manages_accounts(actor, row.organisation_id)
    check_version(session, row, expected_version)
    if row.id == actor.user_id and not active:
        raise PermissionDeniedError(_("You cannot disable your own account."))
    if row.active != active:
        row.active = active
        flush_or_conflict(session, row)
    _sync_login(session, row, lift_lock=active)  # enabling also lifts a lock from failed sign-ins
    return get_user(session, row.id)


def disable_user(session: Session, actor: Actor, user: int | str, expected_version: int | None = None) -> UserRow:
    """The account stays (its entries keep their author) but can no longer sign in."""
    return _set_active(session, actor, user, False, expected_version)


def lift_lock(session: Session, actor: Actor, user: int | str) -> UserRow:
    """Let a user locked out by failed sign-ins try again at once (their password stays as it is)."""
    row = _find(session, user)
    permissions.require_manages_accounts(actor, row.organisation_id)
    _sync_login(session, row, lift_lock=True)
    return get_user(session, row.id)


def enable_user(session: Session, actor: Actor, user: int | str, expected_version: int | None = None) -> UserRow:
    """Allow the user to sign in again; this also lifts a temporary lock after failed sign-ins."""
    return _set_active(session, actor, user, True, expected_version)


def move_user(
    session: Session, actor: Actor, user: int | str, organisation: int | str, expected_version: int | None = None
) -> UserRow:
    """Move an account to another organisation: on the command line only (the database owner), since
    an administrator who could move accounts could read another organisation's internal rows."""
    if actor.organisation_id is not None:
        raise PermissionDeniedError(_("Accounts are moved to another organisation on the command line only."))
    row = _find(session, user)
    check_version(session, row, expected_version)
    check = Checker()
    org = _check_organisation(check, session, actor, organisation)
    check.raise_if_any()
    assert org is not None  # checked: raise_if_any raised otherwise
    if row.organisation_id != org.id:
        row.organisation_id = org.id
        flush_or_conflict(session, row)
        _sync_login(session, row)
    return get_user(session, row.id)
