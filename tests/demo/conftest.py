"""The Bijou demo database built once per session on SQLite and on PostgreSQL (read-only tests)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from gescom_sync.demo.bijou import DemoDatabase, create


@pytest.fixture(scope="session")
def demo_sqlite(tmp_path_factory: pytest.TempPathFactory) -> DemoDatabase:
    return create(tmp_path_factory.mktemp("demo") / "bijou.sqlite")


@pytest.fixture(scope="session")
def demo_postgresql(pg_server: sa.Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoDatabase]:
    name = f"gs_demo_{uuid.uuid4().hex[:12]}"
    with pg_server.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    url = pg_server.url.set(database=name).render_as_string(hide_password=False)
    yield create(url, media_folder=tmp_path_factory.mktemp("demo-pg") / "media")
    with pg_server.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def demo(request: pytest.FixtureRequest) -> DemoDatabase:
    """The demo database on each engine."""
    return request.getfixturevalue(f"demo_{request.param}")


@pytest.fixture
def db(demo: DemoDatabase) -> Iterator[sa.Connection]:
    """A connection to the demo database; plain SQL with Sage's unquoted names."""
    engine = sa.create_engine(demo.url)
    with engine.connect() as connection:
        yield connection
    engine.dispose()
