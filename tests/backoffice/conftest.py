"""The Bijou demo database, built once per test session on SQLite and on PostgreSQL.

The connector only reads, so the tests of a session share one database per engine; the
tests of write attempts check that the data is untouched afterwards.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import Sage100BackOffice


@pytest.fixture(scope="session")
def bijou_sqlite(tmp_path_factory: pytest.TempPathFactory):
    from gescom_sync.demo.bijou import create

    return create(tmp_path_factory.mktemp("bijou") / "bijou.sqlite")


@pytest.fixture(scope="session")
def bijou_postgresql(pg_server: sa.Engine) -> Iterator:
    from gescom_sync.demo.bijou import create

    name = f"gs_bijou_{uuid.uuid4().hex[:12]}"
    with pg_server.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    yield create(pg_server.url.set(database=name).render_as_string(hide_password=False))
    with pg_server.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def bijou(request: pytest.FixtureRequest):
    """The demo database (``.url``, ``.media_folder``) on each engine."""
    return request.getfixturevalue(f"bijou_{request.param}")


@pytest.fixture
def sage(bijou) -> Iterator[Sage100BackOffice]:
    with Sage100BackOffice.from_url(bijou.url, media_folder=bijou.media_folder) as backoffice:
        yield backoffice
