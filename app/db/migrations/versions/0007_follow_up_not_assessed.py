"""An action's follow-up colour can be "not assessed", which new actions start as (they were green
before anyone had looked at them).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 07:30:00
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

OLD = ("green", "yellow", "red")
NEW = ("not_assessed", *OLD)


def _check(values: tuple[str, ...]) -> str:
    return "follow_up_colour IN ({})".format(", ".join(f"'{v}'" for v in values))


def upgrade() -> None:
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_constraint("followupcolour", type_="check")
        batch_op.create_check_constraint("followupcolour", _check(NEW))


def downgrade() -> None:
    # Not assessed was green before there was a word for it.
    op.execute("UPDATE action SET follow_up_colour = 'green' WHERE follow_up_colour = 'not_assessed'")
    with op.batch_alter_table("action", schema=None) as batch_op:
        batch_op.drop_constraint("followupcolour", type_="check")
        batch_op.create_check_constraint("followupcolour", _check(OLD))
