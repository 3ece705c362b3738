"""The state store: bindings, watermarks (last transfer dates) and runs.

SQLAlchemy Core on SQLite (WAL, in the data folder) by default, or any SQLAlchemy URL
(PostgreSQL for worker mode) through ``GESCOM_SYNC_STATE_URL``. The schema is versioned
with Alembic and upgraded when the store is opened. See docs/state-store.md.
"""

from gescom_sync.state.bindings import BindingConflict, Bindings
from gescom_sync.state.engine import STATE_URL_ENV
from gescom_sync.state.records import Binding, Run, RunEvent, RunItem, Watermark
from gescom_sync.state.runs import ITEM_ACTIONS, RUN_STATUSES, RUNNING, Runs
from gescom_sync.state.store import StateStore
from gescom_sync.state.watermarks import Watermarks

__all__ = [
    "ITEM_ACTIONS",
    "RUNNING",
    "RUN_STATUSES",
    "STATE_URL_ENV",
    "Binding",
    "BindingConflict",
    "Bindings",
    "Run",
    "RunEvent",
    "RunItem",
    "Runs",
    "StateStore",
    "Watermark",
    "Watermarks",
]
