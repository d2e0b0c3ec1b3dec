"""This desk's database, as the program sees it: opening it (schema checked, shared logins refused),
warnings about where it lies, and hearing what other desks change.

The data layer's objects the desktop program holds (a `Database`, a `ChangeListener`) are handed out
here, so that ui/ depends on the services and never on app.db (see [tool.importlinter]).
"""

from __future__ import annotations

from app.db.changes import ChangeListener, Changes
from app.db.engine import Database, network_warning
from app.db.migrate import ensure_schema
from app.db.pg_security import refuse_shared_login
from app.errors import ConfigError, TrygghetError
from app.i18n import _

__all__ = ["ChangeListener", "Changes", "Database", "network_warning", "open_database"]


def open_database(url: str, database_sign_in: bool = False) -> Database:
    """The database of this desk. With database sign-in it names only the server: nothing is read
    before someone signs in with their own login (and the schema is checked then)."""
    db = Database(url)
    if database_sign_in:
        if db.dialect != "postgresql":
            raise ConfigError(_("Signing in with the database login needs a PostgreSQL database (sign_in = database)."))
        return db
    ensure_schema(db, check_beside=True)  # the file's damage check: the sign-in waits for it
    try:
        refuse_shared_login(db)
    except TrygghetError:
        db.dispose()
        raise
    return db
