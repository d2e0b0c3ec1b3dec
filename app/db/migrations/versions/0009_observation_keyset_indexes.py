"""Indexes for paging the observation list by key in every sort order.

Each group order (by place, district, event type, organisation, count, source) is walked group by
group, newest first within the group, so each needs an index on (group column, occurred_on, id); the
list by report time needs (reported_at, id). With them a page deep in a million rows costs what the
first page costs (sorted by place 1 s -> a few ms on SQLite). The narrower indexes on
(category_id, occurred_on) and on organisation_id are replaced: the new ones start with the same columns.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 13:00:00
"""

from __future__ import annotations

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

KEYSET = {
    "ix_observation_place_keyset": ["place_id", "occurred_on", "id"],
    "ix_observation_category_keyset": ["category_id", "occurred_on", "id"],
    "ix_observation_organisation_keyset": ["organisation_id", "occurred_on", "id"],
    "ix_observation_count_keyset": ["count", "occurred_on", "id"],
    "ix_observation_source_keyset": ["source", "occurred_on", "id"],
    "ix_observation_reported_at_keyset": ["reported_at", "id"],
}


def upgrade() -> None:
    op.drop_index("ix_observation_category_occurred_on", table_name="observation")
    op.drop_index("ix_observation_organisation_id", table_name="observation")
    for name, columns in KEYSET.items():
        op.create_index(name, "observation", columns, unique=False)


def downgrade() -> None:
    for name in reversed(KEYSET):
        op.drop_index(name, table_name="observation")
    op.create_index("ix_observation_organisation_id", "observation", ["organisation_id"], unique=False)
    op.create_index("ix_observation_category_occurred_on", "observation", ["category_id", "occurred_on"], unique=False)
