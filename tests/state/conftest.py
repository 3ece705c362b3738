"""Every state test runs on SQLite (a temporary file) and on PostgreSQL (a fresh database)."""

from __future__ import annotations

import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa

from gescom_sync.state import StateStore


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def state_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'state.sqlite'}"
    return request.getfixturevalue("pg_schema_url")


@pytest.fixture(scope="session")
def pg_state_database(pg_server: sa.Engine) -> Iterator[sa.URL]:
    """One PostgreSQL database for this test session (CREATE DATABASE costs ~0.3 s)."""
    name = f"gs_state_{uuid.uuid4().hex[:12]}"
    with pg_server.connect() as connection:
        connection.execute(sa.text(f"CREATE DATABASE {name}"))
    yield pg_server.url.set(database=name)
    with pg_server.connect() as connection:
        connection.execute(sa.text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture
def pg_schema_url(pg_state_database: sa.URL) -> Iterator[str]:
    """As empty as a fresh database, for a fraction of the cost: a new schema, first on the search path."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_state_database, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    with admin.connect() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    yield pg_state_database.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
        hide_password=False
    )
    with admin.connect() as connection:
        connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


@pytest.fixture
def store(state_url: str) -> Iterator[StateStore]:
    with StateStore.open(state_url) as opened:
        yield opened


@pytest.fixture
def paris_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local time zone is Europe/Paris (CET/CEST) for this test."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@dataclass
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    @property
    def error(self) -> str:
        """stderr on one line (the console wraps long messages)."""
        return " ".join(self.stderr.split())


@pytest.fixture
def cli(state_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``gescom-sync ARGS...`` in-process against ``state_url``, as the console script does."""
    from gescom_sync.cli import main

    monkeypatch.setenv("GESCOM_SYNC_STATE_URL", state_url)

    def run(*args: str) -> CliResult:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["gescom-sync", *args])
        try:
            main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 0
        out = capsys.readouterr()
        return CliResult(code, out.out, out.err)

    return run
