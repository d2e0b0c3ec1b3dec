"""Fingerprint of imported observations, so importing the same spreadsheet twice adds no rows.

Nullable and unique: rows entered in the program keep NULL, and both SQLite and PostgreSQL allow
any number of NULLs under a unique constraint.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("import_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint("uq_observation_import_key", ["import_key"])


def downgrade() -> None:
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_constraint("uq_observation_import_key", type_="unique")
        batch_op.drop_column("import_key")
