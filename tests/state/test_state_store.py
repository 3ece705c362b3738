from __future__ import annotations

import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from gescom_sync.errors import ConfigError, ConnectionFailed
from gescom_sync.state import StateStore

T0 = datetime(2024, 3, 28, 15, 21, tzinfo=UTC)


def _fill(store: StateStore, profile: str) -> int:
    store.bindings.bind(profile, "product", "BAOR01", "187", "h1")
    store.watermarks.set(profile, "update_stock", T0)
    run_id = store.runs.start(profile, "update_stock", {}, T0)
    store.runs.add_event(run_id, "start", {}, T0)
    store.runs.add_item(run_id, "stock", "BAOR01", "updated", payload={"quantity": "12"})
    return run_id


def test_rename_profile_moves_bindings_watermarks_and_runs(store: StateStore) -> None:
    run_id = _fill(store, "bijou")
    _fill(store, "other")

    store.rename_profile("bijou", "bijou-fr")

    assert store.bindings.get("bijou-fr", "product", "BAOR01").shop_id == "187"
    assert store.watermarks.get("bijou-fr", "update_stock") == T0
    assert store.runs.get(run_id).profile == "bijou-fr"
    assert len(store.runs.events(run_id)) == 1 and len(store.runs.items(run_id)) == 1
    assert store.profiles() == ["bijou-fr", "other"]


def test_rename_onto_a_profile_that_has_state_is_refused_and_moves_nothing(store: StateStore) -> None:
    _fill(store, "bijou")
    store.watermarks.set("taken", "import_orders", T0)

    with pytest.raises(ConfigError, match="'taken'"):
        store.rename_profile("bijou", "taken")

    assert store.bindings.get("bijou", "product", "BAOR01") is not None
    assert store.profiles() == ["bijou", "taken"]


def test_forget_profile_deletes_its_state_and_only_its_own(store: StateStore) -> None:
    gone = _fill(store, "bijou")
    kept = _fill(store, "other")

    store.forget_profile("bijou")

    assert store.profiles() == ["other"]
    assert store.runs.get(gone) is None
    assert store.runs.events(gone) == [] and store.runs.items(gone) == []
    assert len(store.runs.events(kept)) == 1 and len(store.runs.items(kept)) == 1


def test_open_without_url_uses_the_data_folder(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GESCOM_SYNC_STATE_URL", raising=False)
    with StateStore.open() as store:
        store.watermarks.set("bijou", "update_stock", T0)
        assert store.url == f"sqlite:///{home / 'state.sqlite'}"
    assert (home / "state.sqlite").is_file()


def test_open_without_url_honours_the_environment(state_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GESCOM_SYNC_STATE_URL", state_url)
    with StateStore.open() as store:
        store.watermarks.set("bijou", "update_stock", T0)
    with StateStore.open(state_url) as store:
        assert store.watermarks.get("bijou", "update_stock") == T0


def test_the_settings_file_may_name_the_database_and_the_environment_wins(
    state_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gescom_sync.profiles import AppSettings, save_settings

    monkeypatch.delenv("GESCOM_SYNC_STATE_URL", raising=False)
    save_settings(AppSettings(state_url=state_url))
    with StateStore.open() as store:
        store.watermarks.set("bijou", "update_stock", T0)
    with StateStore.open(state_url) as store:
        assert store.watermarks.get("bijou", "update_stock") == T0

    elsewhere = f"sqlite:///{tmp_path / 'elsewhere.sqlite'}"
    monkeypatch.setenv("GESCOM_SYNC_STATE_URL", elsewhere)
    with StateStore.open() as store:
        assert store.url == elsewhere
        assert store.watermarks.list() == []


def test_sqlite_is_set_up_for_sharing(tmp_path: Path) -> None:
    names = ("journal_mode", "foreign_keys", "busy_timeout")
    with StateStore.open(f"sqlite:///{tmp_path / 'shared.sqlite'}") as store, store.engine.connect() as connection:
        pragma = {name: connection.exec_driver_sql(f"PRAGMA {name}").scalar() for name in names}
    assert pragma == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 30000}


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'shared.sqlite'}"
    with StateStore.open(url) as console, StateStore.open(url) as cli:
        holder = console.engine.raw_connection()
        holder.driver_connection.execute("BEGIN IMMEDIATE")  # the web console is writing
        release = threading.Timer(0.3, holder.driver_connection.execute, ["COMMIT"])
        release.start()
        began = time.monotonic()
        cli.bindings.bind("bijou", "product", "BAOR01", "187")
        waited = time.monotonic() - began
        release.join()
        holder.close()
        assert waited >= 0.25
        assert console.bindings.get("bijou", "product", "BAOR01").shop_id == "187"


def test_a_bad_url_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not-a-url"):
        StateStore.open("not-a-url")


def test_an_unreachable_server_is_reported_without_the_password() -> None:
    with pytest.raises(ConnectionFailed) as raised:
        StateStore.open("postgresql+psycopg://gescom:s3cr3t-pw@127.0.0.1:1/state")
    assert "127.0.0.1:1/state" in raised.value.message
    assert "s3cr3t-pw" not in raised.value.message and "s3cr3t-pw" not in repr(raised.value)


def test_a_sqlite_file_in_a_missing_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "folder" / "state.sqlite"
    with StateStore.open(f"sqlite:///{path}") as store:
        store.watermarks.set("bijou", "update_stock", T0)
    assert path.is_file()
    with sa.create_engine(f"sqlite:///{path}").connect() as connection:
        assert connection.exec_driver_sql("SELECT operation FROM watermarks").scalars().all() == ["update_stock"]


def test_a_folder_that_cannot_be_created_is_a_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="a-file"):
        StateStore.open(f"sqlite:///{blocker / 'state.sqlite'}")
