"""Connections to a Sage-layout database: read-only, with database errors explained.

Every read runs in a read-only transaction where the database has one: SQLite gets
``PRAGMA query_only`` on each new connection, PostgreSQL ``SET TRANSACTION READ ONLY`` at
the start of each transaction. SQL Server has no such switch: there the user filter
check (filters.py) and a database login limited to reading (``db_datareader``) protect
the data.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from gescom_sync.backoffice.sage100 import filters
from gescom_sync.errors import ConnectionFailed, NotFound
from gescom_sync.i18n import _


def engine_for(url_or_path: str | Path) -> sa.Engine:
    """A read-only engine for a SQLAlchemy URL or the path of a SQLite file."""
    text = str(url_or_path)
    if "://" in text:
        try:
            url = sa.make_url(text)
        except (sa.exc.ArgumentError, ValueError):
            hidden = re.sub(r"://[^@/]*@", "://***@", text)  # never echo a password
            raise ConnectionFailed(_("Not a database URL or file: {value}").format(value=hidden)) from None
    else:
        url = sa.URL.create("sqlite", database=str(Path(text).expanduser()))
    _require_sqlite_file(url)
    try:
        engine = sa.create_engine(url)
    except (ImportError, sa.exc.ArgumentError, sa.exc.NoSuchModuleError) as error:
        raise ConnectionFailed(
            _("Cannot use the database URL {url}: {reason}").format(url=safe_url(url), reason=first_line(error))
        ) from None
    make_read_only(engine)
    return engine


def _require_sqlite_file(url: sa.URL) -> None:
    """SQLite would create a missing file, empty: say it is missing instead."""
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return
    if url.database.startswith("file:"):
        return  # a SQLite URI: its own options decide
    path = Path(url.database)
    if not path.is_file():
        raise NotFound(_("No Sage database file at {path}.").format(path=path))


def make_read_only(engine: sa.Engine) -> None:
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_query_only)
    elif engine.dialect.name == "postgresql":
        event.listen(engine, "begin", _postgresql_read_only)


def _sqlite_query_only(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


def _postgresql_read_only(connection: sa.Connection) -> None:
    connection.exec_driver_sql("SET TRANSACTION READ ONLY")


def safe_url(url: sa.URL | str) -> str:
    """The URL without its password, for messages."""
    return sa.make_url(url).render_as_string(hide_password=True)


def first_line(error: BaseException) -> str:
    """The database's own short reason: the first line of the driver's message."""
    original = getattr(error, "orig", None) or error
    lines = str(original).strip().splitlines()
    return lines[0].strip() if lines else type(original).__name__


@contextmanager
def reading(engine: sa.Engine, table: str, user_filter: str | None = None) -> Iterator[sa.Connection]:
    """One read-only transaction; a database error becomes FilterError or ConnectionFailed."""
    try:
        connection = engine.connect()
    except sa.exc.DBAPIError as error:
        raise ConnectionFailed(
            _("Cannot connect to the Sage database {url}: {reason}").format(url=safe_url(engine.url), reason=first_line(error))
        ) from None
    try:
        with connection, connection.begin():
            yield connection
    except sa.exc.DBAPIError as error:
        if user_filter:
            raise filters.failed(user_filter, table, first_line(error)) from None
        raise ConnectionFailed(
            _("Cannot read {table} from the Sage database {url}: {reason}").format(
                table=table, url=safe_url(engine.url), reason=first_line(error)
            )
        ) from None
