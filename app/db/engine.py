"""Opening the database: URL checks, engine set-up per dialect, and sessions."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlalchemy.orm import Session, sessionmaker

from app.errors import (
    ConfigError,
    DatabaseBusyError,
    DatabaseFileError,
    DatabaseUnavailableError,
    LoginRefusedError,
    PermissionDeniedError,
)
from app.i18n import _


def normalise_url(raw: str) -> URL:
    """Parse a database URL; `postgresql://` means psycopg 3, a bare path means a SQLite file."""
    raw = raw.strip()
    if not raw:
        raise ConfigError(_("No database address was given."))
    if "://" not in raw:
        raw = f"sqlite:///{Path(raw).expanduser()}"
    try:
        url = sa.make_url(raw)
    except ArgumentError as exc:
        raise ConfigError(_("'{url}' is not a valid database address.", url=raw)) from exc
    backend = url.get_backend_name()
    if backend == "postgresql":
        if url.drivername in ("postgresql", "postgres", "postgresql+psycopg2"):
            url = url.set(drivername="postgresql+psycopg")
        if not url.database:
            raise ConfigError(_("The PostgreSQL address must name a database, e.g. postgresql://host/trygghetscenter."))
    elif backend == "sqlite":
        pass
    else:
        raise ConfigError(
            _("Database type '{backend}' is not supported; use PostgreSQL or SQLite.", backend=url.drivername)
        )
    return url


def describe_url(url: URL) -> str:
    """The URL without its password, for messages and the status bar."""
    return url.render_as_string(hide_password=True)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin, so DDL is
        # transactional too (a failed migration leaves nothing half-done).
        dbapi_connection.isolation_level = None
        # SQLite's own lower() folds only ASCII; text search must find "Märsta" when typing "MÄRSTA".
        dbapi_connection.create_function(
            "lower", 1, lambda text: text.lower() if isinstance(text, str) else text, deterministic=True
        )
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_SECONDS * 1000}")
        # WAL is switched on by use_wal() once the file is known to be ours: refusing a foreign
        # file must leave it as it was.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def on_begin(conn) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: URL, **kwargs) -> Engine:
    try:
        if url.get_backend_name() == "sqlite":
            if url.database and url.database != ":memory:":
                path = Path(url.database)
                if path.exists() and not path.is_file():  # /dev/null, a folder: SQLite would write beside it
                    raise ConfigError(_("{path} is not a database file.", path=path))
                path.parent.mkdir(parents=True, exist_ok=True)
            engine = sa.create_engine(url, **kwargs)
            _configure_sqlite(engine)
        else:
            kwargs.setdefault("pool_pre_ping", True)
            kwargs.setdefault("connect_args", {}).setdefault("connect_timeout", 5)
            engine = sa.create_engine(url, **kwargs)
    except NoSuchModuleError as exc:
        raise ConfigError(_("The database driver for '{url}' is not installed.", url=describe_url(url))) from exc
    except OSError as exc:
        raise DatabaseUnavailableError(
            _("The database file {path} cannot be created: {error}", path=url.database, error=exc.strerror or exc)
        ) from exc
    return engine


def is_login_refused(exc: BaseException) -> bool:
    """Whether the server refused the login itself (wrong password, no such role, no LOGIN), as
    opposed to being unreachable. psycopg gives no SQLSTATE for a failed connection, so its text is read."""
    original = getattr(exc, "orig", None) or exc
    if getattr(original, "sqlstate", None) in ("28P01", "28000"):
        return True
    text = str(original)
    return (
        "password authentication failed" in text
        or "is not permitted to log in" in text
        or ("role" in text and "does not exist" in text)
    )


# How long a save on a shared SQLite file waits for another desk's save, in all.
BUSY_TIMEOUT_SECONDS = 10


def is_busy(exc: BaseException) -> bool:
    """SQLite's SQLITE_BUSY (another connection holds the write lock) or BUSY_SNAPSHOT (another
    connection wrote since this transaction read): the save may simply be tried again."""
    original = getattr(exc, "orig", None) or exc
    name = getattr(original, "sqlite_errorname", "") or ""
    return name.startswith("SQLITE_BUSY") or "database is locked" in str(original)


def sqlite_error_name(exc: BaseException) -> str:
    """SQLite's error name (SQLITE_FULL, SQLITE_CORRUPT …) of the error or of what led to it: a full
    disk during an import surfaces as "no such savepoint", the rollback that followed it."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        item = todo.pop(0)
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        name = getattr(item, "sqlite_errorname", "") or ""
        if name and not name.startswith("SQLITE_ERROR"):
            return name
        todo += [getattr(item, "orig", None), item.__context__, item.__cause__]
    return ""


def damaged(path: str | None) -> DatabaseFileError:
    return DatabaseFileError(
        _(
            "The database file {path} is damaged. Nothing was saved. Restore it from a backup "
            "(db upgrade keeps copies named {path}.VERSION.bak beside it).",
            path=path,
        )
    )


def file_problem(url: URL, exc: BaseException) -> DatabaseFileError | None:
    """The message for an error of the SQLite file itself, or None for any other error."""
    name, path = sqlite_error_name(exc), url.database
    if name.startswith("SQLITE_FULL"):
        return DatabaseFileError(
            _(
                "The disk that holds the database {path} is full. Nothing was saved; free some space and save again.",
                path=path,
            )
        )
    if name.startswith("SQLITE_READONLY"):
        return DatabaseFileError(
            _(
                "The database file {path} is read-only here. Nothing was saved; ask whoever keeps "
                "the computer for permission to write to it.",
                path=path,
            )
        )
    if name.startswith("SQLITE_NOTADB"):
        return DatabaseFileError(_("{path} is not a database file. Nothing was changed.", path=path))
    if name.startswith("SQLITE_CORRUPT"):
        return damaged(path)
    if name.startswith("SQLITE_IOERR"):
        return DatabaseFileError(
            _(
                "The disk could not read or write the database file {path}. Nothing was saved; check the disk.",
                path=path,
            )
        )
    return None


def unavailable(url: URL, exc: BaseException) -> DatabaseUnavailableError | DatabaseBusyError | DatabaseFileError:
    """Turn a driver error into one line the user can act on."""
    problem = file_problem(url, exc) if url.get_backend_name() == "sqlite" else None
    if problem is not None:
        return problem
    detail = str(getattr(exc, "orig", exc) or exc).strip().splitlines()
    first = detail[0] if detail else type(exc).__name__
    if is_busy(exc):
        # SQLite: another desk held the file for longer than the program waits; reachable, but busy.
        return DatabaseBusyError(
            _(
                "Another desk is still saving to the database {url}, for longer than the program waits. Nothing was "
                "saved; save again in a moment.",
                url=describe_url(url),
            )
        )
    return DatabaseUnavailableError(_("Cannot reach the database {url}: {detail}", url=describe_url(url), detail=first))


NETWORK_FILE_SYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "fuse.sshfs", "9p", "afs", "ceph", "glusterfs"}


def on_network_drive(path: str | os.PathLike[str]) -> bool:
    """Whether a file lies on a network drive this machine can recognise: a Windows share or mapped
    network drive, or a network file system in Linux's mount table. SQLite's write-ahead log needs
    shared memory that network file systems do not give; two machines writing there can damage it."""
    target = Path(path).expanduser().resolve()
    if os.name == "nt":
        text = str(target)
        if text.startswith("\\\\"):
            return True
        import ctypes

        DRIVE_REMOTE = 4
        return ctypes.windll.kernel32.GetDriveTypeW(text[:3]) == DRIVE_REMOTE  # type: ignore[attr-defined]
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, kind = "", ""
    for line in mounts:
        fields = line.split()
        if len(fields) >= 3:
            point = fields[1].replace("\\040", " ")
            if (str(target) == point or str(target).startswith(point.rstrip("/") + "/")) and len(point) > len(best):
                best, kind = point, fields[2]
    return kind in NETWORK_FILE_SYSTEMS


def network_warning(db: Database) -> str | None:
    """A warning for a SQLite file on a network drive, or None."""
    if db.is_sqlite and db.url.database and db.url.database != ":memory:" and on_network_drive(db.url.database):
        return _(
            "The database file {path} lies on a network drive. SQLite is safe for one computer (one or several "
            "desks on it); several computers sharing the file over the network can damage it. Put the shared "
            "data on PostgreSQL (see the README).",
            path=db.url.database,
        )
    return None


def use_wal(engine: Engine) -> None:
    """Write-ahead logging for a SQLite file of ours: readers and a writer do not block each other.
    Stored in the file, so once is enough; outside a transaction, as SQLite requires."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            driver = conn.connection.driver_connection
            assert driver is not None  # a live connection of the pool
            driver.execute("PRAGMA journal_mode=WAL")


class Database:
    """An engine plus a session factory for one database."""

    def __init__(self, url: URL | str, *, audit_by_triggers: bool = False, **engine_kwargs):
        self.url = url if isinstance(url, URL) else normalise_url(url)
        # True for a personal PostgreSQL login: the database's triggers write the audit trail then
        # (app/db/pg_security.py), and the program's own listener stands down.
        self.audit_by_triggers = audit_by_triggers
        self.engine = make_engine(self.url, **engine_kwargs)
        self.session_factory = sessionmaker(self.engine, expire_on_commit=False)
        # app.db.migrate.FileCheck: SQLite's check of the file, while it runs beside the start-up
        self.file_check: Any = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    def describe(self) -> str:
        return describe_url(self.url)

    def check_connection(self) -> None:
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
        except DBAPIError as exc:
            raise self._lost(exc) from exc

    def _lost(
        self, exc: DBAPIError
    ) -> DatabaseUnavailableError | DatabaseBusyError | DatabaseFileError | LoginRefusedError:
        """The error for a connection that failed: a personal login the server no longer accepts, or
        a database out of reach."""
        if self.audit_by_triggers and is_login_refused(exc):
            return LoginRefusedError(
                _(
                    "The database no longer accepts your sign-in: your password has been changed or your "
                    "account disabled. Sign in again."
                )
            )
        return unavailable(self.url, exc)

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """One unit of work: committed when the block ends normally, rolled back otherwise."""
        session = self.session_factory()
        session.info["audit_by_triggers"] = self.audit_by_triggers
        try:
            yield session
            session.commit()
        except DBAPIError as exc:
            session.rollback()
            problem = file_problem(self.url, exc) if self.is_sqlite else None
            if problem is not None:
                raise problem from exc
            if exc.connection_invalidated or isinstance(exc, sa.exc.OperationalError):
                raise self._lost(exc) from exc
            if getattr(exc.orig, "sqlstate", None) == "42501":  # insufficient_privilege
                # A personal login met the database's own rules (app/db/pg_security.py).
                raise PermissionDeniedError(
                    _("The database does not allow your login to do this. Nothing was changed.")
                ) from exc
            raise
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()
