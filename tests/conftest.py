"""Fixtures shared by the whole suite.

External services: tests marked ``postgres`` take the ``pg_url`` fixture. Without a
reachable server they are skipped with the reason; with GESCOM_SYNC_REQUIRE_SERVICES=1
(as ``.ci/run`` sets) an unreachable server fails them instead.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

PG_ADMIN_URL = os.environ.get("GESCOM_SYNC_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
SERVICES_REQUIRED = os.environ.get("GESCOM_SYNC_REQUIRE_SERVICES") == "1"


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own empty data folder and the default language (French)."""
    folder = tmp_path / "gescom-home"
    monkeypatch.setenv("GESCOM_SYNC_HOME", str(folder))
    monkeypatch.delenv("GESCOM_SYNC_LANG", raising=False)
    monkeypatch.setenv("GESCOM_SYNC_KEYRING", "file")
    monkeypatch.setenv("GESCOM_SYNC_MASTER_KEY", "test-master-key-not-a-secret")
    from gescom_sync.i18n import set_language

    set_language(None)
    return folder


@pytest.fixture
def machine_in_tokyo(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own time zone far from the shops' (Asia/Tokyo, UTC+9): what depends on the
    shop's days must not follow it."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _pg_unavailable_reason() -> str | None:
    try:
        engine = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        engine.dispose()
    except Exception as error:  # noqa: BLE001 - any failure means "no server here"
        return f"PostgreSQL not reachable at {PG_ADMIN_URL} ({type(error).__name__})"
    return None


@pytest.fixture(scope="session")
def pg_server() -> Iterator[sa.Engine]:
    reason = _pg_unavailable_reason()
    if reason:
        if SERVICES_REQUIRED:
            pytest.fail(f"{reason}; GESCOM_SYNC_REQUIRE_SERVICES=1 makes it required")
        pytest.skip(reason)
    engine = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def pg_url(pg_server: sa.Engine) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    name = f"gs_test_{uuid.uuid4().hex[:12]}"
    with pg_server.connect() as conn:
        conn.execute(sa.text(f"CREATE DATABASE {name}"))
    url = pg_server.url.set(database=name).render_as_string(hide_password=False)
    yield url
    with pg_server.connect() as conn:
        conn.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
