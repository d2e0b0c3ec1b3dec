"""Typed errors raised by services; each carries a message already in the user's language, and the
facts behind it as fields (which field, which row, who changed it) for a caller that wants them."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping

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

    def __init__(self, errors: Mapping[str, str]):
        self.errors = dict(errors)
        summary = "; ".join(self.errors.values())
        super().__init__(_("Please correct: {summary}", summary=summary))

    @property
    def field(self) -> str | None:
        """The first field that is wrong (the one a form puts the cursor in)."""
        return next(iter(self.errors), None)


class InUseError(ValidationError):
    """A row other rows still refer to cannot be deleted; the message suggests deactivating it instead.

    `uses` counts the referring rows by kind ("actions": 3, …)."""

    def __init__(self, message: str, *, table: str = "", row_id: int | None = None, uses: Mapping[str, int] = {}):
        super().__init__({"id": message})
        self.table = table
        self.row_id = row_id
        self.uses = dict(uses)


class MeasurementExistsError(TrygghetError):
    """The period already has a value, and saving would replace it: nothing was saved. The caller shows
    both values and, if the user agrees, saves again with `replace=True`.

    `existing_*` describe the stored row, `new_value` what would replace it; `moved_from` is the label
    of the period an edited value would leave (empty for a new value)."""

    def __init__(
        self,
        message: str,
        *,
        indicator_id: int,
        period_label: str,
        existing_id: int,
        existing_value: float,
        existing_version: int,
        new_value: float,
        moved_from: str = "",
    ):
        super().__init__(message)
        self.indicator_id = indicator_id
        self.period_label = period_label
        self.existing_id = existing_id
        self.existing_value = existing_value
        self.existing_version = existing_version
        self.new_value = new_value
        self.moved_from = moved_from


class NotFoundError(TrygghetError):
    """The row is gone (someone may have deleted it); `table` and `row_id` say which, where known."""

    def __init__(self, message: str, *, table: str = "", row_id: int | str | None = None):
        super().__init__(message)
        self.table = table
        self.row_id = row_id


class PermissionDeniedError(TrygghetError):
    """The actor may not do this; `rule` names the refusing rule of app/domain/permissions.py, if one did."""

    def __init__(self, message: str, *, rule: str = ""):
        super().__init__(message)
        self.rule = rule


class ConflictError(TrygghetError):
    """Someone else saved the row after it was read; nothing was overwritten.

    `changed_by` and `changed_at` say who saved it and when, as far as the audit trail knows."""

    def __init__(
        self,
        message: str,
        *,
        table: str = "",
        row_id: int | None = None,
        changed_by: str = "",
        changed_at: dt.datetime | None = None,
    ):
        super().__init__(message)
        self.table = table
        self.row_id = row_id
        self.changed_by = changed_by
        self.changed_at = changed_at


class AuthenticationError(TrygghetError):
    """Sign-in failed; deliberately says nothing about whether the user exists."""

    def __init__(self) -> None:
        super().__init__(_("Wrong username or password."))


class SignInThrottledError(AuthenticationError):
    """Too many failed sign-ins for this username: wait before trying again."""

    def __init__(self, wait: dt.timedelta):
        seconds = max(1, math.ceil(wait.total_seconds()))
        if seconds > 90:
            text = _(
                "Too many failed sign-ins. Sign-in for this username is locked for {minutes} more minutes.",
                minutes=math.ceil(seconds / 60),
            )
        else:
            text = _("Too many failed sign-ins. Wait {seconds} s and try again.", seconds=seconds)
        TrygghetError.__init__(self, text)
        self.retry_after = seconds  # whole seconds until the next attempt is heard
        self.locked = seconds > 90  # locked for minutes, rather than slowed down
