"""Migrations: a new database gets the schema of ``tables.py``; an old one is upgraded.

The product has one real revision so far. Rather than invent a fake second one in the
package, the upgrade test copies the migrations into a temporary folder and adds a
second revision there: it proves that a database at revision 0001, with data, is
brought to a newer head by the same code path ``StateStore.open`` uses.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from gescom_sync.errors import ConfigError
from gescom_sync.state import StateStore, migrate
from gescom_sync.state.tables import metadata

T0 = datetime(2024, 3, 28, 15, 21, tzinfo=UTC)

SECOND_REVISION = '''
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("runs") as batch:
        batch.add_column(sa.Column("host", sa.String(200), nullable=True))
'''


def _revision(store: StateStore) -> str | None:
    return migrate.current_revision(store.engine)


def test_a_new_database_has_exactly_the_declared_schema(store: StateStore) -> None:
    assert _revision(store) == migrate.head_revision() == "0003"
    with store.engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), metadata)
    assert differences == []


def test_reopening_an_up_to_date_database_runs_no_migration(state_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    with StateStore.open(state_url) as store:
        store.watermarks.set("bijou", "update_stock", T0)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("upgrade ran on an up-to-date database")

    monkeypatch.setattr(migrate.command, "upgrade", refuse)
    with StateStore.open(state_url) as store:
        assert store.watermarks.get("bijou", "update_stock") == T0
        assert _revision(store) == "0003"


def test_an_old_database_is_upgraded_and_keeps_its_data(state_url: str, tmp_path: Path) -> None:
    with StateStore.open(state_url) as store:
        run_id = store.runs.start("bijou", "import_orders", {"since": "2024-03-28"}, T0)
        store.bindings.bind("bijou", "order", "WEB187", "187")
    newer = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, newer, ignore=shutil.ignore_patterns("__pycache__"))
    (newer / "versions" / "0004_runs_host.py").write_text(SECOND_REVISION, encoding="utf-8")

    with StateStore.open(state_url) as store:
        migrate.upgrade(store.engine, newer)
        assert _revision(store) == "0004"
        columns = {column["name"] for column in sa.inspect(store.engine).get_columns("runs")}
        assert "host" in columns
        assert store.runs.get(run_id).options == {"since": "2024-03-28"}
        assert store.bindings.get("bijou", "order", "WEB187").shop_id == "187"


def test_a_database_from_a_newer_version_is_refused(state_url: str) -> None:
    with StateStore.open(state_url) as store, store.engine.begin() as connection:
        connection.execute(sa.text("UPDATE alembic_version SET version_num = '0099'"))

    with pytest.raises(ConfigError, match="0099"):
        StateStore.open(state_url)


def test_a_database_at_the_first_revision_gets_binding_part_hashes(state_url: str, tmp_path: Path) -> None:
    first_only = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, first_only, ignore=shutil.ignore_patterns("__pycache__", "0002_*", "0003_*"))
    engine = sa.create_engine(state_url)
    try:
        migrate.upgrade(engine, first_only)
        assert _revision_of(engine) == "0001"
        with engine.begin() as connection:
            connection.execute(
                sa.text(
                    "INSERT INTO bindings (profile, entity, erp_key, shop_id, synced_at) "
                    "VALUES ('bijou', 'product', 'BAOR01', '11', '2024-03-28 15:21:00')"
                )
            )
    finally:
        engine.dispose()
    with StateStore.open(state_url) as store:
        assert _revision(store) == "0003"
        binding = store.bindings.get("bijou", "product", "BAOR01")
        assert (binding.shop_id, binding.part_hashes) == ("11", {})


def _revision_of(engine: sa.Engine) -> str | None:
    return migrate.current_revision(engine)
