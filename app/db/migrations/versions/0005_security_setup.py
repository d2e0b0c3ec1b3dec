"""Security set-up versioned with the schema (app/db/security_setup/r0005.py): audit entries record the
row's organisation and classification at the time of the change; import keys are unique per
organisation; on a database set up with `db init-roles`, the hardened functions, grants, policies
and triggers.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _json_text(column: str, key: str) -> str:
    if op.get_bind().dialect.name == "postgresql":
        return f"({column} ->> '{key}')"
    return f"json_extract({column}, '$.{key}')"


def upgrade() -> None:
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("row_organisation_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("row_internal", sa.Boolean(), server_default=sa.false(), nullable=False))
    # The trail so far: an observation's organisation as it is now (or as its entries say), and
    # all of its history internal if it was ever internal (a conservative reading of the past).
    old_class, new_class = _json_text("e.old_values", "classification"), _json_text("e.new_values", "classification")
    old_org, new_org = _json_text("old_values", "organisation_id"), _json_text("new_values", "organisation_id")
    op.execute(f"""
        UPDATE audit_entry SET row_organisation_id = coalesce(
            (SELECT o.organisation_id FROM observation o WHERE o.id = audit_entry.row_id),
            CAST(coalesce({new_org}, {old_org}) AS INTEGER))
         WHERE table_name = 'observation'""")
    op.execute(f"""
        UPDATE audit_entry SET row_internal = true
         WHERE table_name = 'observation' AND row_id IN (
               SELECT o.id FROM observation o WHERE o.classification = 'internal'
               UNION
               SELECT e.row_id FROM audit_entry e WHERE e.table_name = 'observation'
                  AND ({old_class} = 'internal' OR {new_class} = 'internal'))""")

    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_constraint("uq_observation_import_key", type_="unique")
        batch_op.create_unique_constraint("uq_observation_organisation_import_key", ["organisation_id", "import_key"])

    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        from app.db import pg_security
        from app.db.security_setup import r0005

        if pg_security.is_enabled_on(bind):
            pg_security.apply_setup(bind, r0005)


def downgrade() -> None:
    # The security set-up of 0004 is not restored; run `db init-roles` of the older program after a downgrade.
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP POLICY IF EXISTS tc_read ON audit_entry")  # it reads the columns dropped below
    with op.batch_alter_table("observation", schema=None) as batch_op:
        batch_op.drop_constraint("uq_observation_organisation_import_key", type_="unique")
        batch_op.create_unique_constraint("uq_observation_import_key", ["import_key"])
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_column("row_internal")
        batch_op.drop_column("row_organisation_id")
