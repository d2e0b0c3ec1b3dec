"""Gallring (retention): how long each kind of record is kept, and a record of every run.

`retention_policy` holds one row per kind of record (`observation_text`, `observation`,
`action_log`, `audit`, `meeting_minutes`) with the years it is kept; no row (or years NULL) means
kept for ever, so nothing is removed until an administrator sets a period. `gallring_run` records
each real run (dry runs are not stored): when, by whom, and per kind the cutoff and the rows
removed or blanked, as a JSON list (one run is read whole; see app/db/models.py GallringRun).

On a database that enforces access, the security set-up of revision 0010 lets every login read
both tables, administrators change the policy, and nobody but the owner write a run: the
gallring itself is run by the owner from the command line (app/services/retention.py).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 19:45:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "retention_policy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("years", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("years IS NULL OR years >= 1", name="ck_retention_policy_years_positive"),
        sa.PrimaryKeyConstraint("id", name="pk_retention_policy"),
        sa.UniqueConstraint("kind", name="uq_retention_policy_kind"),
    )
    op.create_table(
        "gallring_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ran_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ran_by", sa.String(length=64), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_gallring_run"),
    )
    op.create_index("ix_gallring_run_ran_at", "gallring_run", ["ran_at"], unique=False)
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # Imported here, as in 0006: only a PostgreSQL database needs them.
        from app.db import pg_security
        from app.db.security_setup import r0010

        if pg_security.is_enabled_on(bind):
            pg_security.apply_setup(bind, r0010)


def downgrade() -> None:
    op.drop_index("ix_gallring_run_ran_at", table_name="gallring_run")
    op.drop_table("gallring_run")
    op.drop_table("retention_policy")
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        # Imported here, as in 0006: only a PostgreSQL database needs them.
        from app.db import pg_security
        from app.db.security_setup import r0008

        if pg_security.is_enabled_on(bind):
            pg_security.apply_setup(bind, r0008)
