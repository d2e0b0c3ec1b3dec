"""The PostgreSQL security set-up (functions, grants, row-level security, triggers), versioned with
the schema: each module here is the set-up as one schema revision has it, and is never edited once
released. A revision that changes the set-up adds a module of its own and its migration applies it
(on a database where `db init-roles` was run); `HEAD` is the one `db init-roles` applies and
`db status` compares the database with. See app/db/pg_security.py for roles and logins.
"""

from __future__ import annotations

from app.db.security_setup import r0010 as HEAD

__all__ = ["HEAD"]
