"""The state store's tables (SQLAlchemy Core). Migrations under ``migrations/`` build them.

A change here needs a new Alembic revision; ``tests/state/test_migrations.py`` fails while
the migrated schema and this metadata differ.
"""

from __future__ import annotations

import sqlalchemy as sa

from gescom_sync.state.types import JSONData, UTCDateTime

metadata = sa.MetaData(
    naming_convention={
        "ix": "ix_%(column_0_label)s",
        "uq": "uq_%(table_name)s_%(column_0_name)s_%(column_1_name)s_%(column_2_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

NAME = 200  # profile names, operation ids, entity types
KEY = 255  # back-office keys and shop ids

bindings = sa.Table(
    "bindings",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("profile", sa.String(NAME), nullable=False),
    sa.Column("entity", sa.String(NAME), nullable=False),
    sa.Column("erp_key", sa.String(KEY), nullable=False),
    sa.Column("shop_id", sa.String(KEY), nullable=False),
    sa.Column("content_hash", sa.String(128), nullable=True),
    sa.Column("part_hashes", JSONData, nullable=True),  # {part: hash}: what was last sent, part by part
    sa.Column("synced_at", UTCDateTime(), nullable=False),
    sa.UniqueConstraint("profile", "entity", "erp_key"),
    sa.UniqueConstraint("profile", "entity", "shop_id"),
)

watermarks = sa.Table(
    "watermarks",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("profile", sa.String(NAME), nullable=False),
    sa.Column("operation", sa.String(NAME), nullable=False),
    sa.Column("value", UTCDateTime(), nullable=False),
    sa.UniqueConstraint("profile", "operation", name="uq_watermarks_profile_operation"),
)

runs = sa.Table(
    "runs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("profile", sa.String(NAME), nullable=False),
    sa.Column("operation", sa.String(NAME), nullable=False),
    sa.Column("options", JSONData, nullable=False),
    sa.Column("started_at", UTCDateTime(), nullable=False),
    sa.Column("ended_at", UTCDateTime(), nullable=True),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("counters", JSONData, nullable=True),
    sa.Index("ix_runs_profile_operation", "profile", "operation"),
)

run_events = sa.Table(
    "run_events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("at", UTCDateTime(), nullable=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("data", JSONData, nullable=False),
    sa.UniqueConstraint("run_id", "seq", name="uq_run_events_run_id_seq"),
)

run_items = sa.Table(
    "run_items",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("run_id", sa.Integer, sa.ForeignKey("runs.id", ondelete="CASCADE"), nullable=False),
    sa.Column("entity", sa.String(NAME), nullable=False),
    sa.Column("key", sa.String(KEY), nullable=False),
    sa.Column("action", sa.String(16), nullable=False),
    sa.Column("message", sa.Text, nullable=True),
    sa.Column("payload", JSONData, nullable=True),
    sa.Index("ix_run_items_run_id", "run_id"),
)

pending_writes = sa.Table(
    "pending_writes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("profile", sa.String(NAME), nullable=False),
    sa.Column("entity", sa.String(NAME), nullable=False),
    sa.Column("shop_id", sa.String(KEY), nullable=False),
    sa.Column("field", sa.String(NAME), nullable=False),
    sa.Column("value", sa.String(KEY), nullable=False),
    sa.Column("error", sa.Text, nullable=True),
    sa.Column("since", UTCDateTime(), nullable=False),
    sa.UniqueConstraint("profile", "entity", "shop_id", "field", name="uq_pending_writes_key"),
)

PROFILE_TABLES = (bindings, watermarks, runs, pending_writes)  # the tables keyed by profile name
