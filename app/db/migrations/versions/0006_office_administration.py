"""Office administration: organisations have a kind; every samverkansområde belongs to an agreement
period (names unique per period); which area an event type counts to is said per period
(category_area) instead of once on the category.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 07:00:00
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

KINDS = ("municipality", "police", "rescue_service", "municipal_company", "business", "association", "region", "other")



def _period_for_unassigned_areas(bind) -> None:
    """Areas from before periods were required get one period, the one the seed would have made."""
    if not bind.execute(sa.text("SELECT 1 FROM area WHERE agreement_period_id IS NULL LIMIT 1")).first():
        return
    today = dt.date.today()
    period_id = bind.execute(
        sa.text("SELECT id FROM agreement_period ORDER BY starts_on DESC, id DESC LIMIT 1")
    ).scalar()
    if period_id is None:
        bind.execute(
            sa.text(
                "INSERT INTO agreement_period (name, starts_on, ends_on, description, version) "
                "VALUES (:name, :starts, :ends, '', 1)"
            ),
            {
                "name": f"Samverkansöverenskommelse {today.year - 1}–{today.year + 2}",
                "starts": dt.date(today.year - 1, 1, 1),
                "ends": dt.date(today.year + 2, 12, 31),
            },
        )
        period_id = bind.execute(sa.text("SELECT max(id) FROM agreement_period")).scalar()
    bind.execute(sa.text("UPDATE area SET agreement_period_id = :p WHERE agreement_period_id IS NULL"), {"p": period_id})


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(length=32), server_default="other", nullable=False))
    op.execute("UPDATE organisation SET kind = 'municipality' WHERE short_name = 'Kommunen'")
    op.execute("UPDATE organisation SET kind = 'police' WHERE short_name = 'Polisen'")
    op.execute("UPDATE organisation SET kind = 'rescue_service' WHERE short_name = 'Räddningstjänsten'")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.alter_column("kind", server_default=None)
        batch_op.create_check_constraint("organisationkind", f"kind IN ({', '.join(repr(k) for k in KINDS)})")

    with op.batch_alter_table("agreement_period", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signed_by", sa.String(length=200), server_default="", nullable=False))
    with op.batch_alter_table("agreement_period", schema=None) as batch_op:
        batch_op.alter_column("signed_by", server_default=None)
    _period_for_unassigned_areas(bind)
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_constraint("uq_area_name", type_="unique")
        batch_op.drop_constraint("fk_area_agreement_period_id_agreement_period", type_="foreignkey")
        batch_op.alter_column("agreement_period_id", existing_type=sa.Integer(), nullable=False)
        batch_op.create_foreign_key(
            "fk_area_agreement_period_id_agreement_period",
            "agreement_period",
            ["agreement_period_id"],
            ["id"],
            ondelete="RESTRICT",
        )
        batch_op.create_unique_constraint("uq_area_period_name", ["agreement_period_id", "name"])
        batch_op.create_unique_constraint("uq_area_id_period", ["id", "agreement_period_id"])
        batch_op.create_index("ix_area_agreement_period_id", ["agreement_period_id"], unique=False)

    op.create_table(
        "category_area",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agreement_period_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("area_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_period_id"],
            ["agreement_period.id"],
            name="fk_category_area_agreement_period_id_agreement_period",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["category_id"], ["category.id"], name="fk_category_area_category_id_category", ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["area_id", "agreement_period_id"],
            ["area.id", "area.agreement_period_id"],
            name="fk_category_area_area_period",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_category_area"),
        sa.UniqueConstraint("agreement_period_id", "category_id", name="uq_category_area_period_category"),
    )
    op.create_index("ix_category_area_area_id", "category_area", ["area_id"], unique=False)
    op.execute(
        "INSERT INTO category_area (agreement_period_id, category_id, area_id) "
        "SELECT a.agreement_period_id, c.id, a.id FROM category c JOIN area a ON a.id = c.area_id"
    )
    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.drop_index("ix_category_area_id")
        batch_op.drop_constraint("fk_category_area_id_area", type_="foreignkey")
        batch_op.drop_column("area_id")

    if bind.dialect.name == "postgresql":
        from app.db import pg_security
        from app.db.security_setup import r0006

        if pg_security.is_enabled_on(bind):
            pg_security.apply_setup(bind, r0006)


def downgrade() -> None:
    bind = op.get_bind()
    secured = False
    if bind.dialect.name == "postgresql":
        from app.db import pg_security

        secured = pg_security.is_enabled_on(bind)
        if secured:  # 0005's set-up has no merge function; it is restored at the end
            op.execute("DROP FUNCTION IF EXISTS public.tc_merge_places(integer, integer)")
    with op.batch_alter_table("category", schema=None) as batch_op:
        batch_op.add_column(sa.Column("area_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key("fk_category_area_id_area", "area", ["area_id"], ["id"], ondelete="SET NULL")
        batch_op.create_index("ix_category_area_id", ["area_id"], unique=False)
    # The link of the newest period is kept on the category.
    op.execute(
        "UPDATE category SET area_id = (SELECT ca.area_id FROM category_area ca JOIN agreement_period p "
        "ON p.id = ca.agreement_period_id WHERE ca.category_id = category.id ORDER BY p.starts_on DESC LIMIT 1)"
    )
    op.drop_index("ix_category_area_area_id", table_name="category_area")
    op.drop_table("category_area")
    with op.batch_alter_table("area", schema=None) as batch_op:
        batch_op.drop_index("ix_area_agreement_period_id")
        batch_op.drop_constraint("uq_area_id_period", type_="unique")
        batch_op.drop_constraint("uq_area_period_name", type_="unique")
        batch_op.drop_constraint("fk_area_agreement_period_id_agreement_period", type_="foreignkey")
        batch_op.alter_column("agreement_period_id", existing_type=sa.Integer(), nullable=True)
        batch_op.create_foreign_key(
            "fk_area_agreement_period_id_agreement_period",
            "agreement_period",
            ["agreement_period_id"],
            ["id"],
            ondelete="SET NULL",
        )
        batch_op.create_unique_constraint("uq_area_name", ["name"])
    with op.batch_alter_table("agreement_period", schema=None) as batch_op:
        batch_op.drop_column("signed_by")
    with op.batch_alter_table("organisation", schema=None) as batch_op:
        batch_op.drop_constraint("organisationkind", type_="check")
        batch_op.drop_column("kind")
    if secured:
        from app.db.security_setup import r0005

        pg_security.apply_setup(bind, r0005)
