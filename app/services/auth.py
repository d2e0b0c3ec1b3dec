"""Sign-in behind one interface, so the GUI does not care who checks the password."""

from __future__ import annotations

import abc
import datetime as dt

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer

from app.db.engine import Database, is_login_refused, normalise_url
from app.db.migrate import SchemaState, mismatch, schema_status, wait_for_file_check
from app.db.models import Organisation, SignInThrottle, User, utcnow
from app.db.pg_security import groups_for
from app.domain.policy import LOCK_AFTER, LOCK_FOR, required_wait
from app.errors import (
    AuthenticationError,
    DatabaseUnavailableError,
    LoginRefusedError,
    SignInThrottledError,
    TrygghetError,
)
from app.i18n import _
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

    def sign_in(self, username: str, password: str) -> tuple[Actor, Database | None]:
        """The actor and, where signing in opens a connection of the user's own, that database
        (None: keep using the program's)."""
        return self.authenticate(username, password), None


def refuse_if_waiting(
    failures: int | None, last_failure_at: dt.datetime | None, locked_until: dt.datetime | None, now: dt.datetime
) -> None:
    """Raise SignInThrottledError while a username is locked or must still wait after its last failure."""
    if locked_until is not None and now < locked_until:
        raise SignInThrottledError(locked_until - now)
    if last_failure_at is not None and failures:
        ready = last_failure_at + required_wait(failures)
        if now < ready:
            raise SignInThrottledError(ready - now)


class Throttle:
    """The failed-attempt count of a username, kept in the database (table sign_in_throttle)."""

    def __init__(self, db: Database):
        self.db = db

    def check(self, username: str, now: dt.datetime) -> None:
        with self.db.session() as session:
            row = session.get(SignInThrottle, username)
            if row is not None:
                refuse_if_waiting(row.failures, row.last_failure_at, row.locked_until, now)

    def failed(self, username: str, now: dt.datetime) -> None:
        try:
            self._count_failure(username, now)
        except IntegrityError:  # another desk counted the first failure of this name at the same moment
            self._count_failure(username, now)

    def _count_failure(self, username: str, now: dt.datetime) -> None:
        # Its own transaction: the sign-in's transaction is rolled back when it fails.
        with self.db.session() as session:
            row = session.get(SignInThrottle, username, with_for_update=True)
            if row is None:
                row = SignInThrottle(username=username, failures=0)
                session.add(row)
            if row.locked_until is not None and now >= row.locked_until:
                row.failures = 0  # the lock has run out: a fresh series
                row.locked_until = None
            row.failures += 1
            row.last_failure_at = now
            if row.failures >= LOCK_AFTER:
                row.locked_until = now + LOCK_FOR

    def succeeded(self, username: str) -> None:
        with self.db.session() as session:
            session.execute(sa.delete(SignInThrottle).where(SignInThrottle.username == username))


class LocalAuthenticator(Authenticator):
    """Checks Argon2id hashes kept in the app_user table (the embedded SQLite mode)."""

    def __init__(self, db: Database):
        self.db = db
        self.throttle = Throttle(db)

    def authenticate(self, username: str, password: str, *, now: dt.datetime | None = None) -> Actor:
        wait_for_file_check(self.db)  # nobody signs in to a damaged file
        now = now or utcnow()
        key = normalise_username(username)[:64]
        self.throttle.check(key, now)
        try:
            actor = self._verify(username, password)
        except AuthenticationError:
            self.throttle.failed(key, now)
            raise
        self.throttle.succeeded(key)
        return actor

    def _verify(self, username: str, password: str) -> Actor:
        with self.db.session() as session:
            found = session.execute(
                sa.select(User, Organisation)
                .join(Organisation, User.organisation_id == Organisation.id)
                .where(User.username == normalise_username(username))
                .options(undefer(User.password_hash))
            ).first()
            user, org = found if found else (None, None)
            # Always run one hash verification (a dummy one for a missing user or a user without a
            # password), so the time taken does not tell an attacker which usernames exist.
            ok = verify_password(user.password_hash if user else None, password or "")
            if not ok or user is None or org is None or not user.active:
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
    def _record_sign_in(session: Session, user: User, password: str) -> None:
        # A plain UPDATE rather than an ORM change: signing in must neither bump the row version
        # (an administrator editing this user meanwhile would get a false conflict) nor clutter the
        # audit trail with a hash change.
        values: dict[str, dt.datetime | str] = {"last_login_at": utcnow()}
        if user.password_hash is not None and needs_rehash(user.password_hash):  # verified, so never None
            values["password_hash"] = hash_password(password)
        session.execute(sa.update(User).where(User.id == user.id).values(**values))


class PostgresAuthenticator(Authenticator):
    """Signs in by connecting to PostgreSQL as the user's own login role (SCRAM password checked by
    the server), after `trygghetscenter db init-roles`. Nothing that opens the data lies on the
    workstation: the URL names only the server and the database.

    Failed attempts are counted through the sign-in gate (`<db>_gate`, app/db/pg_security.py), whose
    login can do nothing else; its password is `gate_password` in config.ini. The numbers are those
    of the program's own accounts (Throttle above).

    `sign_in` returns the actor and a Database connected as that user, on which row-level security
    and the audit triggers apply.
    """

    def __init__(self, url: sa.URL | str, gate_password: str | None = None):
        self.url = url if isinstance(url, sa.URL) else normalise_url(url)
        self.gate_password = gate_password or None

    def sign_in(self, username: str, password: str) -> tuple[Actor, Database]:
        name = normalise_username(username)
        gate = self._gate()
        try:
            self._gate_check(gate, name[:64])
            try:
                return self._connect(name, password)
            except AuthenticationError as exc:
                if not isinstance(exc, SignInThrottledError):
                    self._gate_call(gate, "SELECT public.tc_gate_failed(:login)", name[:64])
                raise
        finally:
            gate.dispose()

    def _gate(self) -> Database:
        login = groups_for(self.url.database or "").gate
        # One pooled connection serves the check and, after a failure, the count; sign_in disposes of it.
        return Database(self.url.set(username=login, password=self.gate_password), pool_size=1)

    def _gate_check(self, gate: Database, key: str) -> None:
        row = self._gate_call(gate, "SELECT * FROM public.tc_gate_state(:login)", key)
        failures, last_failure_at, locked_until, server_now = row
        refuse_if_waiting(failures, last_failure_at, locked_until, server_now)

    def _gate_call(self, gate: Database, statement: str, key: str):
        try:
            with gate.session() as session:
                return session.execute(sa.text(statement), {"login": key}).first()
        except Exception as exc:
            if self._refused(exc) or "tc_gate" in str(exc):
                raise TrygghetError(
                    _(
                        "The database's sign-in gate does not let this desk in. Ask the database owner to run "
                        "'trygghetscenter db init-roles' and to give this desk the gate_password it prints."
                    )
                ) from None
            raise

    def _connect(self, name: str, password: str) -> tuple[Actor, Database]:
        db = personal_database(self.url.set(username=name, password=password))
        try:
            with db.session() as session:
                found = session.execute(
                    sa.select(User.id, User.username, User.display_name, User.role, Organisation.id, Organisation.name)
                    .join(Organisation, User.organisation_id == Organisation.id)
                    .where(User.username == sa.func.session_user(), User.active.is_(True))
                ).first()
                # A locked username stays locked for the right password too; a success clears the count.
                locked_until, now = (
                    session.execute(sa.text("SELECT public.tc_signed_in(), now()")).one() if found else (None, None)
                )
        except Exception as exc:
            db.dispose()
            if self._refused(exc):
                raise AuthenticationError() from None
            raise
        if found is None:  # a server login that is not (or no longer) a user of the program
            db.dispose()
            raise AuthenticationError()
        if locked_until is not None:
            db.dispose()
            raise SignInThrottledError(locked_until - now)
        status = schema_status(db)  # a personal login may read the schema version, never change it
        if status.state is not SchemaState.CURRENT:
            db.dispose()
            raise mismatch(db, status)
        user_id, login, display_name, role, org_id, org_name = found
        actor = Actor(user_id, login, display_name, org_id, org_name, role)
        return actor, db

    def authenticate(self, username: str, password: str) -> Actor:
        actor, db = self.sign_in(username, password)
        db.dispose()
        return actor

    @staticmethod
    def _refused(exc: BaseException) -> bool:
        if isinstance(exc, LoginRefusedError):
            return True
        cause = exc.__cause__ if isinstance(exc, DatabaseUnavailableError) and exc.__cause__ is not None else exc
        return is_login_refused(cause)


def personal_database(url: sa.URL) -> Database:
    """A Database over a person's own login: the database's triggers write the audit trail, and
    without a pool, closing it ends the person's connection."""
    return Database(url, audit_by_triggers=True, poolclass=sa.NullPool)


def authenticator_for(db: Database) -> Authenticator:
    """The sign-in that fits the database.

    PostgreSQL uses the local table too for now; a later change will let the database server's
    own login check the password there (and map the server role to the app_user row).
    """
    return LocalAuthenticator(db)
