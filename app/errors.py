"""Typed errors raised by services; each carries a message already in the user's language."""

from __future__ import annotations

from app.i18n import _


class TrygghetError(Exception):
    """Base of every error the program expects and explains to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ConfigError(TrygghetError):
    pass


class DatabaseUnavailableError(TrygghetError):
    pass


class DatabaseFileError(TrygghetError):
    """The SQLite file itself is the trouble: the disk is full, the file is read-only, damaged or no
    database at all. Reachable, so no lost connection; the message says what to do."""


class DatabaseBusyError(TrygghetError):
    """A SQLite file stayed locked by another desk's save for longer than the program waits. The
    database is reachable: this is no lost connection, and nothing was saved."""


class LoginRefusedError(TrygghetError):
    """The database refused a login that worked before: with database sign-in, the person's password
    was changed or their account disabled since they signed in."""


class SchemaMismatchError(TrygghetError):
    def __init__(self, message: str, current: str | None, expected: str):
        super().__init__(message)
        self.current = current
        self.expected = expected


class ValidationError(TrygghetError):
    """One or more fields are wrong; `errors` maps field name to a message for that field."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        summary = "; ".join(self.errors.values())
        super().__init__(_("Please correct: {summary}", summary=summary))


class NotFoundError(TrygghetError):
    pass


class PermissionDeniedError(TrygghetError):
    pass


class ConflictError(TrygghetError):
    """Someone else saved the row after it was read; nothing was overwritten."""


class AuthenticationError(TrygghetError):
    """Sign-in failed; deliberately says nothing about whether the user exists."""

    def __init__(self) -> None:
        super().__init__(_("Wrong username or password."))
