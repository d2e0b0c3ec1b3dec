"""Sign-in behind one interface, so the GUI does not care who checks the password."""

from __future__ import annotations

import abc

import sqlalchemy as sa

from app.db.engine import Database
from app.db.models import Organisation, User, utcnow
from app.errors import AuthenticationError
from app.services.context import Actor
from app.services.passwords import hash_password, needs_rehash, verify_password
from app.services.users import normalise_username


class Authenticator(abc.ABC):
    """Turns a username and password into the Actor the services act for."""

    @abc.abstractmethod
    def authenticate(self, username: str, password: str) -> Actor:
        """Return the signed-in actor, or raise AuthenticationError.

        The error must not reveal whether the user exists, is disabled, or typed a wrong password.
        """


class LocalAuthenticator(Authenticator):
    """Checks Argon2id hashes kept in the app_user table (the embedded SQLite mode)."""

    def __init__(self, db: Database):
        self.db = db

    def authenticate(self, username: str, password: str) -> Actor:
        with self.db.session() as session:
            found = session.execute(
                sa.select(User, Organisation)
                .join(Organisation, User.organisation_id == Organisation.id)
                .where(User.username == normalise_username(username))
            ).first()
            user, org = found if found else (None, None)
            # Always run one hash verification (a dummy one for a missing user or a user without a
            # password), so the time taken does not tell an attacker which usernames exist.
            ok = verify_password(user.password_hash if user else None, password or "")
            if not ok or user is None or not user.active:
                raise AuthenticationError()
            self._record_sign_in(session, user, password)
            return Actor(
                user_id=user.id,
                username=user.username,
                display_name=user.display_name,
                organisation_id=org.id,
                organisation_name=org.name,
                role=user.role,
            )

    @staticmethod
    def _record_sign_in(session, user: User, password: str) -> None:
        # A plain UPDATE rather than an ORM change: signing in must neither bump the row version
        # (an administrator editing this user meanwhile would get a false conflict) nor clutter the
        # audit trail with a hash change.
        values = {"last_login_at": utcnow()}
        if needs_rehash(user.password_hash):
            values["password_hash"] = hash_password(password)
        session.execute(sa.update(User).where(User.id == user.id).values(**values))


def authenticator_for(db: Database) -> Authenticator:
    """The sign-in that fits the database.

    PostgreSQL uses the local table too for now; a later change will let the database server's
    own login check the password there (and map the server role to the app_user row).
    """
    return LocalAuthenticator(db)
