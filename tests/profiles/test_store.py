"""Renaming, duplicating, deleting, exporting and importing profiles, with secrets and state."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from gescom_sync.errors import ConfigError
from gescom_sync.paths import data_dir
from gescom_sync.profiles import (
    default_profile_name,
    delete_profile,
    duplicate_profile,
    export_profile,
    import_profile,
    list_profiles,
    load_profile,
    load_settings,
    rename_profile,
    set_default_profile,
    update_profile,
)
from gescom_sync.profiles.secrets import secret_store
from gescom_sync.state import StateStore

LAST_EXPORT = datetime(2026, 3, 28, 16, 21, 24, tzinfo=timezone.utc)


def bind_some_state(profile: str) -> None:
    with StateStore.open() as state:
        state.bindings.bind(profile, "product", "BAOR01", 187)
        state.watermarks.set(profile, "export_products", LAST_EXPORT)


def test_rename_moves_file_secrets_default_and_state(woo_profile) -> None:
    woo_profile("bijou", secret="r1")
    woo_profile("autre")
    set_default_profile("bijou")
    bind_some_state("bijou")

    rename_profile("bijou", "bijou-fr")

    assert list_profiles() == ["autre", "bijou-fr"]
    assert load_profile("bijou-fr").shop.consumer_key.get_secret_value() == "ck-r1"
    assert secret_store().get("profile/bijou/shop.consumer_key") is None
    assert load_settings().default_profile == "bijou-fr"
    with StateStore.open() as state:
        assert state.bindings.get("bijou-fr", "product", "BAOR01").shop_id == "187"
        assert state.bindings.get("bijou", "product", "BAOR01") is None
        assert state.watermarks.get("bijou-fr", "export_products") == LAST_EXPORT


def test_rename_onto_an_existing_profile_is_refused_and_changes_nothing(woo_profile) -> None:
    woo_profile("bijou")
    woo_profile("autre")

    with pytest.raises(ConfigError, match="'autre'"):
        rename_profile("bijou", "autre")
    assert load_profile("bijou").shop.consumer_key.get_secret_value() == "ck-s3cr3t"


def test_duplicate_copies_secrets_and_starts_without_bindings(woo_profile) -> None:
    woo_profile("bijou", secret="d1")
    bind_some_state("bijou")

    duplicate_profile("bijou", "bijou-be")
    update_profile("bijou-be", [("shop.url", "https://bijou.example.be"), ("shop.consumer_key", "ck-be")])

    copy, original = load_profile("bijou-be"), load_profile("bijou")
    assert copy.shop.consumer_secret.get_secret_value() == "cs-d1"
    assert copy.shop.consumer_key.get_secret_value() == "ck-be"
    assert original.shop.consumer_key.get_secret_value() == "ck-d1"
    assert original.shop.url == "https://bijou.example.fr"
    with StateStore.open() as state:
        assert state.bindings.list("bijou-be") == []
        assert len(state.bindings.list("bijou")) == 1


def test_delete_removes_file_secrets_state_and_default(woo_profile) -> None:
    woo_profile("bijou", secret="x1")
    woo_profile("autre")
    set_default_profile("bijou")
    bind_some_state("bijou")

    delete_profile("bijou")

    assert list_profiles() == ["autre"]
    store = secret_store()
    assert [store.get(f"profile/bijou/{key}") for key in ("backoffice.password", "shop.consumer_key")] == [None, None]
    assert store.get("profile/autre/shop.consumer_key") == "ck-s3cr3t"
    assert load_settings().default_profile is None
    assert default_profile_name() == "autre"
    with StateStore.open() as state:
        assert state.bindings.list("bijou") == []
        assert state.watermarks.get("bijou", "export_products") is None


def test_rename_and_delete_do_not_create_a_state_database(woo_profile) -> None:
    woo_profile("bijou")
    rename_profile("bijou", "b2")
    delete_profile("b2")

    assert not (data_dir() / "state.sqlite").exists()


def test_export_carries_no_secret_and_import_says_what_to_set(woo_profile, tmp_path) -> None:
    woo_profile("bijou", secret="Zq-e1", http={"timeout": 12})
    exported = tmp_path / "bijou-export.toml"

    left_out = export_profile("bijou", exported)
    imported, to_set = import_profile(exported, "bijou-copie")

    assert "Zq-e1" not in exported.read_text()
    assert left_out == to_set == ["backoffice.password", "shop.consumer_key", "shop.consumer_secret"]
    assert imported.shop.http.timeout == 12
    reloaded = load_profile("bijou-copie")
    assert (reloaded.shop.consumer_key, reloaded.backoffice.password) == (None, None)
    assert reloaded.backoffice.connect_url() == "mssql+pyodbc://sa@srv/SAGE100"


def test_import_takes_the_file_name_and_refuses_an_existing_profile(woo_profile, tmp_path) -> None:
    woo_profile("bijou")
    export_profile("bijou", tmp_path / "bijou.toml")

    with pytest.raises(ConfigError, match="'bijou'"):
        import_profile(tmp_path / "bijou.toml")


@pytest.mark.postgres
def test_rename_keeps_a_postgresql_state_store_consistent(woo_profile, pg_url, monkeypatch) -> None:
    monkeypatch.setenv("GESCOM_SYNC_STATE_URL", pg_url)
    woo_profile("bijou")
    bind_some_state("bijou")

    rename_profile("bijou", "bijou-fr")
    delete_profile("bijou-fr")

    with StateStore.open() as state:
        assert state.profiles() == []
