"""Data layer: ORM models, engine set-up and Alembic migrations."""
