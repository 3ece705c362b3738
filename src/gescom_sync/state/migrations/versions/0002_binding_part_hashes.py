"""Bindings remember a hash per part of what was last sent (texts, price, stock, images...).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gescom_sync.state.types import JSONData

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("bindings") as batch:
        batch.add_column(sa.Column("part_hashes", JSONData, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("bindings") as batch:
        batch.drop_column("part_hashes")
