"""Alembic environment of the state store: always run from code with a given connection.

``gescom_sync.state.migrate.upgrade`` passes the connection in ``config.attributes``; there
is no alembic.ini. Batch mode lets SQLite (which cannot ALTER much) take column changes.
"""

from __future__ import annotations

from alembic import context

from gescom_sync.state.tables import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
