"""A Bijou database of a test's own whose rows were last modified long ago, for the tests of
what changed since a date (``stock(since=)``, ``prices(since=)``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import Sage100BackOffice
from gescom_sync.demo import bijou

LONG_AGO = datetime(2026, 1, 1, 8, 0)
SINCE = datetime(2026, 6, 1, 8, 0)


@contextmanager
def aged_bijou(folder: Path, tables: Iterable[sa.Table]) -> Iterator[sa.Engine]:
    """Bijou with every row of ``tables`` last modified LONG_AGO."""
    bijou.create(folder / "bijou.sqlite")
    engine = sa.create_engine(f"sqlite:///{folder / 'bijou.sqlite'}")
    with engine.begin() as connection:
        for table in tables:
            connection.execute(sa.update(table).values(cbModification=LONG_AGO))
    try:
        yield engine
    finally:
        engine.dispose()


@contextmanager
def opened(engine: sa.Engine) -> Iterator[Sage100BackOffice]:
    with Sage100BackOffice.from_url(engine.url.database) as backoffice:
        yield backoffice


def touch(engine: sa.Engine, table: sa.Table, where: sa.ColumnElement[bool], **values) -> None:
    with engine.begin() as connection:
        connection.execute(sa.update(table).where(where).values(cbModification=datetime.now(), **values))
