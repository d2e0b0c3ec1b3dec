"""Alembic environment: runs on the connection the program hands over (see app.db.migrate)."""

from __future__ import annotations

from alembic import context

from app.db.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - the program always passes its own connection
    raise RuntimeError("Run migrations through 'trygghetscenter db upgrade'.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
