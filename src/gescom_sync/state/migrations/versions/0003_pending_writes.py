"""Pending writes: a shop write that must still be made (an order's status after its import).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gescom_sync.state.types import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pending_writes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("profile", sa.String(200), nullable=False),
        sa.Column("entity", sa.String(200), nullable=False),
        sa.Column("shop_id", sa.String(255), nullable=False),
        sa.Column("field", sa.String(200), nullable=False),
        sa.Column("value", sa.String(255), nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("since", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_pending_writes"),
        sa.UniqueConstraint("profile", "entity", "shop_id", "field", name="uq_pending_writes_key"),
    )


def downgrade() -> None:
    op.drop_table("pending_writes")
