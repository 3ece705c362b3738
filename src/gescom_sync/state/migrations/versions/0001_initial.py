"""Initial state store: bindings, watermarks, runs, run events and run items.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from gescom_sync.state.types import JSONData, UTCDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "bindings",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("profile", sa.String(200), nullable=False),
        sa.Column("entity", sa.String(200), nullable=False),
        sa.Column("erp_key", sa.String(255), nullable=False),
        sa.Column("shop_id", sa.String(255), nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=True),
        sa.Column("synced_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_bindings"),
        sa.UniqueConstraint("profile", "entity", "erp_key", name="uq_bindings_profile_entity_erp_key"),
        sa.UniqueConstraint("profile", "entity", "shop_id", name="uq_bindings_profile_entity_shop_id"),
    )
    op.create_table(
        "watermarks",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("profile", sa.String(200), nullable=False),
        sa.Column("operation", sa.String(200), nullable=False),
        sa.Column("value", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_watermarks"),
        sa.UniqueConstraint("profile", "operation", name="uq_watermarks_profile_operation"),
    )
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("profile", sa.String(200), nullable=False),
        sa.Column("operation", sa.String(200), nullable=False),
        sa.Column("options", JSONData, nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(32), nullable=False),
        sa.Column("counters", JSONData, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_index("ix_runs_profile_operation", "runs", ["profile", "operation"])
    op.create_table(
        "run_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("data", JSONData, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_run_events"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_run_events_run_id_runs", ondelete="CASCADE"),
        sa.UniqueConstraint("run_id", "seq", name="uq_run_events_run_id_seq"),
    )
    op.create_table(
        "run_items",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("run_id", sa.Integer, nullable=False),
        sa.Column("entity", sa.String(200), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("message", sa.Text, nullable=True),
        sa.Column("payload", JSONData, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_run_items"),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], name="fk_run_items_run_id_runs", ondelete="CASCADE"),
    )
    op.create_index("ix_run_items_run_id", "run_items", ["run_id"])


def downgrade() -> None:
    op.drop_table("run_items")
    op.drop_table("run_events")
    op.drop_index("ix_runs_profile_operation", table_name="runs")
    op.drop_table("runs")
    op.drop_table("watermarks")
    op.drop_table("bindings")
