"""Schema versions: create a new database, refuse a database at another version, upgrade on request.

Exactly one client migrates: on PostgreSQL the migration runs under a transaction-level advisory
lock, on SQLite under BEGIN IMMEDIATE; a second client waits, then finds the work done.
"""

from __future__ import annotations

import enum
import functools
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError

from app.db.engine import Database, damaged, sqlite_error_name, unavailable, use_wal
from app.errors import SchemaMismatchError
from app.files import whole_file
from app.i18n import _

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig
    from alembic.script import ScriptDirectory

VERSION_TABLE = "alembic_version"

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
ADVISORY_LOCK_KEY = 0x7472_7967  # "tryg": any constant shared by every client of this program


class SchemaState(enum.Enum):
    EMPTY = "empty"
    CURRENT = "current"
    OLDER = "older"
    UNKNOWN = "unknown"  # newer than this program, or not ours


@dataclass(frozen=True)
class SchemaStatus:
    state: SchemaState
    current: str | None
    head: str


def alembic_config() -> AlembicConfig:
    # alembic loads only to migrate, or to name a version that is not the head
    from alembic.config import Config as AlembicConfig

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@functools.cache
def newest_revision() -> str:
    """The newest migration's revision, known without loading alembic (0.1 s at every start): the
    files are named by their revision (NNNN_what.py, each revising the one before), so the greatest
    name is the head. tests/test_perf_startup.py checks that it is alembic's own head."""
    names = (path.name.split("_", 1)[0] for path in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py"))
    return max(names)


def head_revision() -> str:
    """The newest revision, as alembic finds it among the migration files."""
    head = script_directory().get_current_head()
    assert head is not None
    return head


def current_revision(conn: sa.Connection) -> str | None:
    """The database's version as alembic records it (None: no version table, or an empty one); several
    rows (branches, which this program never makes) are named together, so they match no revision."""
    if not sa.inspect(conn).has_table(VERSION_TABLE):
        return None
    found = sorted(conn.execute(sa.text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars())
    return " ".join(found) or None


def _status_on(conn: sa.Connection) -> SchemaStatus:
    head = newest_revision()  # the start-up compares with it; alembic loads only when they differ
    current = current_revision(conn)
    if current is None:
        tables = set(sa.inspect(conn).get_table_names())
        state = SchemaState.EMPTY if not tables else SchemaState.UNKNOWN
        return SchemaStatus(state, None, head)
    if current == head:
        return SchemaStatus(SchemaState.CURRENT, current, head)
    known = {rev.revision for rev in script_directory().walk_revisions()}
    return SchemaStatus(SchemaState.OLDER if current in known else SchemaState.UNKNOWN, current, head)


def schema_status(db: Database) -> SchemaStatus:
    try:
        with db.engine.connect() as conn:
            return _status_on(conn)
    except DBAPIError as exc:
        raise unavailable(db.url, exc) from exc


def _locked_upgrade(db: Database, only_if_empty: bool) -> SchemaStatus:
    """Upgrade to head inside one transaction that holds the migration lock."""
    try:
        with db.engine.connect().execution_options(sqlite_immediate=True) as conn:
            sqlite = db.dialect == "sqlite"
            if sqlite:
                # SQLite changes a table by building it anew; with foreign keys enforced, dropping the
                # old one would fail on every row that refers to it. SQLite's own procedure: keys off
                # (outside the transaction, where the pragma takes effect), check them before commit.
                _sqlite_foreign_keys(conn, enforced=False)
            try:
                with conn.begin():
                    if db.dialect == "postgresql":
                        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
                    status = _status_on(conn)
                    if status.state is SchemaState.CURRENT:
                        return status
                    if status.state is SchemaState.UNKNOWN:
                        raise mismatch(db, status)
                    if only_if_empty and status.state is not SchemaState.EMPTY:
                        raise mismatch(db, status)
                    from alembic import command

                    cfg = alembic_config()
                    cfg.attributes["connection"] = conn
                    command.upgrade(cfg, "head")
                    if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                        raise damaged(db.url.database)  # rolled back: the file stays as it was
            finally:
                if sqlite:
                    _sqlite_foreign_keys(conn, enforced=True)
            return _status_on(conn)
    except DBAPIError as exc:
        raise unavailable(db.url, exc) from exc


def _sqlite_foreign_keys(conn: sa.Connection, *, enforced: bool) -> None:
    """Set the pragma on the driver's connection itself: through SQLAlchemy it would open the
    transaction first, inside which SQLite ignores it."""
    driver = conn.connection.dbapi_connection
    assert driver is not None
    driver.execute(f"PRAGMA foreign_keys={'ON' if enforced else 'OFF'}")


def hold_migration_lock(session) -> None:
    """Take the migration's lock in this session's transaction, so that what a new database needs
    besides its tables (the built-in organisations and areas) is filled in by one client only, as
    the migration is: the others wait, then find it done. Call before the session has run anything."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
    else:
        session.connection(execution_options={"sqlite_immediate": True})


def mismatch(db: Database, status: SchemaStatus) -> SchemaMismatchError:
    if status.state is SchemaState.OLDER:
        text = _(
            "The database {url} has schema version {current}, but this program needs {head}. "
            "Nothing was changed. Back it up and run 'trygghetscenter db upgrade'.",
            url=db.describe(),
            current=status.current,
            head=status.head,
        )
    elif status.current is None:
        text = _(
            "The database {url} holds tables that do not belong to Trygghetscenter. Nothing was changed.",
            url=db.describe(),
        )
    else:
        text = _(
            "The database {url} has schema version {current}, which this program does not know "
            "(it may be newer). Nothing was changed; update the program.",
            url=db.describe(),
            current=status.current,
        )
    return SchemaMismatchError(text, status.current, status.head)


def ensure_schema(db: Database, *, check_beside: bool = False) -> SchemaStatus:
    """Used at every start: create a brand-new database, accept the current one, refuse any other.

    A small SQLite file is checked for damage too; with `check_beside` (the desktop program) the check
    runs on a thread of its own while the program starts, and the first sign-in waits for it (see
    FileCheck)."""
    status = schema_status(db)
    if status.state is SchemaState.EMPTY:
        status = _locked_upgrade(db, only_if_empty=True)
    if status.state is not SchemaState.CURRENT:
        raise mismatch(db, status)
    small = _small_sqlite_file(db)  # a quick check costs a few hundred milliseconds at this size
    if small and not check_beside:
        refuse_if_damaged(db)
    use_wal(db.engine)
    if small and check_beside:
        db.file_check = FileCheck(db)  # after WAL is on: switching it needs the file to itself
    return status


class FileCheck:
    """SQLite's quick check of the file, run beside the start-up: it reads the whole file (a second
    at 100,000 observations) and SQLite lets other threads run meanwhile, so the sign-in dialog shows
    without waiting for it. `wait()` (the sign-in calls it) raises for a damaged file."""

    def __init__(self, db: Database):
        self.db = db
        self.problems: list[str] = []
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="sqlite-quick-check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self.problems = integrity_problems(self.db)
        except BaseException as exc:  # handed to whoever waits
            self.error = exc

    def wait(self) -> None:
        self._thread.join()
        if self.error is not None:
            raise self.error
        if self.problems:
            raise damaged(self.db.url.database)


def wait_for_file_check(db: Database) -> None:
    """Before the first use of the data: the quick check started by ensure_schema(check_beside=True)
    has found the file sound (raises DatabaseFileError otherwise); nothing to wait for without one."""
    check = db.file_check
    if check is not None:
        check.wait()


QUICK_CHECK_AT_START_BYTES = 64 * 1024 * 1024


def _small_sqlite_file(db: Database) -> bool:
    path = db.url.database
    return bool(
        db.is_sqlite
        and path
        and path != ":memory:"
        and Path(path).is_file()
        and Path(path).stat().st_size <= QUICK_CHECK_AT_START_BYTES
    )


def integrity_problems(db: Database, *, quick: bool = True) -> list[str]:
    """SQLite's own check of the file (quick_check: the pages and their order, not index contents;
    integrity_check: everything); an empty list for a sound file, and always for PostgreSQL."""
    if not db.is_sqlite:
        return []
    try:
        with db.engine.connect() as conn:
            found = [
                row[0] for row in conn.exec_driver_sql("PRAGMA quick_check" if quick else "PRAGMA integrity_check")
            ]
    except DBAPIError as exc:
        if sqlite_error_name(exc).startswith("SQLITE_CORRUPT"):  # so damaged that the check itself stops
            return [str(exc.orig)]
        raise unavailable(db.url, exc) from exc
    return [] if found == ["ok"] else found


def refuse_if_damaged(db: Database) -> None:
    """Before an upgrade changes a file: a damaged one is left alone, with what to do."""
    if integrity_problems(db):
        raise damaged(db.url.database)


def backup_sqlite(db: Database) -> Path | None:
    """Copy the SQLite file aside before an upgrade; returns the copy's path."""
    path = db.url.database
    if not db.is_sqlite or not path or path == ":memory:" or not Path(path).exists():
        return None
    status = schema_status(db)
    target = Path(f"{path}.{status.current or 'empty'}.bak")
    with db.engine.connect() as conn:  # checkpoint the WAL so the copy is complete
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    with open(path, "rb") as source, whole_file(target) as copy:
        shutil.copyfileobj(source, copy, 1024 * 1024)
    shutil.copystat(path, target)
    return target


def upgrade(db: Database) -> tuple[SchemaStatus, Path | None]:
    """`trygghetscenter db upgrade`: back up (SQLite) and migrate an older database to head."""
    status = schema_status(db)
    if status.state is SchemaState.CURRENT:
        return status, None
    if status.state is SchemaState.UNKNOWN:
        raise mismatch(db, status)
    refuse_if_damaged(db)
    backup = backup_sqlite(db) if status.state is SchemaState.OLDER else None
    status = _locked_upgrade(db, only_if_empty=False)
    use_wal(db.engine)
    return status, backup
