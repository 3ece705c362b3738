"""Bijou demo databases the writer tests may change: SQLite and PostgreSQL."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import Sage100BackOffice
from gescom_sync.backoffice.sage100.writer import Sage100DocumentWriter, writable_engine


@pytest.fixture(scope="session")
def bijou_writer_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from gescom_sync.demo.bijou import create

    path = tmp_path_factory.mktemp("bijou-writer") / "bijou.sqlite"
    create(path)
    return path


@pytest.fixture(scope="session")
def bijou_pg_shared(pg_server: sa.Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One PostgreSQL demo database for the session's writer tests (each test writes its own
    account numbers): creating and dropping a database per test costs about a second each."""
    from gescom_sync.demo.bijou import create

    name = f"gs_bijou_w_{uuid.uuid4().hex[:12]}"
    with pg_server.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    url = pg_server.url.set(database=name).render_as_string(hide_password=False)
    create(url, media_folder=tmp_path_factory.mktemp("bijou-writer-media"))
    yield url
    with pg_server.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def bijou_url(request: pytest.FixtureRequest, bijou_writer_template: Path, tmp_path: Path) -> str:
    """A demo database this test may write to: a fresh SQLite copy, or the session's PostgreSQL one."""
    if request.param == "sqlite":
        copy = tmp_path / "bijou.sqlite"
        shutil.copyfile(bijou_writer_template, copy)
        return str(copy)
    return request.getfixturevalue("bijou_pg_shared")


@pytest.fixture
def backoffice(bijou_url: str) -> Iterator[Sage100BackOffice]:
    with Sage100BackOffice.from_url(bijou_url) as sage:
        yield sage


@pytest.fixture
def writer(backoffice: Sage100BackOffice):
    with backoffice.customer_writer() as customer_writer:
        yield customer_writer


@pytest.fixture
def doc_writer(backoffice: Sage100BackOffice) -> Iterator[Sage100DocumentWriter]:
    with Sage100DocumentWriter(writable_engine(backoffice.engine)) as documents:
        yield documents
