"""Connecting to the state database: where it is, and SQLite settings for sharing it.

A CLI run and the web console may use the same SQLite file at once, so it runs in WAL
mode (readers never block the writer), with foreign keys on and a busy timeout, and
every write transaction starts with ``BEGIN IMMEDIATE``: it waits for the write lock up
front (within the busy timeout) instead of failing half-way when another writer got in
first.
"""

from __future__ import annotations

import os
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.paths import state_db_path
from gescom_sync.state.types import dump_json

STATE_URL_ENV = "GESCOM_SYNC_STATE_URL"
SQLITE_BUSY_TIMEOUT_MS = 30_000
WRITE = {"gescom_write": True}  # execution option: this transaction will write


def resolve_url(url: str | None) -> str:
    """Where the state lives, first found: ``url``; ``$GESCOM_SYNC_STATE_URL``; ``state_url`` of
    the application settings (settings.toml); the SQLite file ``state.sqlite`` in the data folder.
    """
    if url:
        return url
    configured = os.environ.get(STATE_URL_ENV)
    if configured:
        return configured
    from gescom_sync.profiles.settings import load_settings  # profiles use the state store too

    return load_settings().state_url or f"sqlite:///{state_db_path()}"


def display_url(url: str) -> str:
    """The URL as it may be shown to the user: the password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown without anything after '@'
        return url.rsplit("@", 1)[-1]


def create_engine(url: str) -> sa.Engine:
    try:
        parsed = make_url(url)
    except sa.exc.ArgumentError:
        raise ConfigError(
            _("The state database URL {url!r} is not valid; expected an SQLAlchemy URL such as {example}.").format(
                url=display_url(url), example="postgresql+psycopg://user@host/gescom"
            )
        ) from None
    options: dict[str, Any] = {"json_serializer": dump_json}
    if parsed.get_backend_name() == "sqlite":
        options["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    else:
        options["pool_pre_ping"] = True
    try:
        if parsed.get_backend_name() == "sqlite":
            _make_parent_folder(parsed.database)
        engine = sa.create_engine(parsed, **options)
    except (sa.exc.ArgumentError, ImportError, OSError) as error:
        raise ConfigError(
            _("Cannot use the state database {url}: {reason}").format(url=display_url(url), reason=error)
        ) from None
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)
    return engine


def _make_parent_folder(database: str | None) -> None:
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)


def _configure_sqlite(engine: sa.Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: sa.Connection) -> None:
        write = connection.get_execution_options().get("gescom_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def reading(engine: sa.Engine) -> sa.Connection:
    """A connection for reads (use as a context manager)."""
    return engine.connect()


def writing(engine: sa.Engine) -> AbstractContextManager[sa.Connection]:
    """A transaction that writes: committed on exit, rolled back on error (``BEGIN IMMEDIATE`` on SQLite)."""
    return engine.execution_options(**WRITE).begin()
