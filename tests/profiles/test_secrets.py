"""Secrets live outside the TOML files: OS keyring, else a Fernet-encrypted file."""

from __future__ import annotations

import pytest
from keyring.backend import KeyringBackend

from gescom_sync.errors import ConfigError
from gescom_sync.paths import data_dir
from gescom_sync.profiles import load_profile, profile_path
from gescom_sync.profiles.secrets import EncryptedFileStore, KeyringStore, secret_store


def test_secrets_are_stored_outside_the_toml_and_read_back(woo_profile) -> None:
    woo_profile("bijou", secret="x-91")

    text = profile_path("bijou").read_text()
    loaded = load_profile("bijou")

    assert "x-91" not in text
    assert text.count('"<secret>"') == 3
    assert loaded.backoffice.password.get_secret_value() == "db-x-91"
    assert loaded.shop.consumer_key.get_secret_value() == "ck-x-91"
    assert loaded.shop.consumer_secret.get_secret_value() == "cs-x-91"
    assert str(loaded.shop.consumer_secret) == "**********"


def test_the_encrypted_file_is_unreadable_without_its_key(woo_profile, monkeypatch: pytest.MonkeyPatch) -> None:
    woo_profile("bijou", secret="x-92")
    raw = (data_dir() / "secrets.enc").read_bytes()
    assert b"x-92" not in raw and b"bijou" not in raw  # neither values nor key names in clear

    monkeypatch.setenv("GESCOM_SYNC_MASTER_KEY", "another key")
    with pytest.raises(ConfigError, match="cannot decrypt|impossible de déchiffrer"):
        load_profile("bijou")


def test_no_keyring_and_no_master_key_outside_a_terminal_is_a_clear_error(
    woo_profile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GESCOM_SYNC_MASTER_KEY")

    with pytest.raises(ConfigError, match="GESCOM_SYNC_MASTER_KEY"):
        woo_profile("bijou")


def test_profile_without_secrets_needs_no_master_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from gescom_sync.profiles import Profile, save_profile

    monkeypatch.delenv("GESCOM_SYNC_MASTER_KEY")
    save_profile(Profile(name="demo", backoffice={"type": "sage100", "url": "bijou.sqlite"}))

    assert load_profile("demo").backoffice.password is None
    assert not (data_dir() / "secrets.enc").exists()


def test_update_sets_and_deletes() -> None:
    store = EncryptedFileStore(data_dir() / "secrets.enc")
    store.update({"profile/a/shop.token": "t1", "profile/a/backoffice.password": "p1"})
    store.update({"profile/a/shop.token": None})

    assert store.get("profile/a/shop.token") is None
    assert store.get("profile/a/backoffice.password") == "p1"


class MemoryKeyring(KeyringBackend):
    """A real keyring backend (the keyring API), kept in memory for the test."""

    priority = 5

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        del self.entries[(service, username)]


def test_the_os_keyring_is_used_when_a_backend_exists(woo_profile, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring

    backend = MemoryKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    monkeypatch.delenv("GESCOM_SYNC_KEYRING")
    try:
        assert isinstance(secret_store(), KeyringStore)
        woo_profile("bijou", secret="x-93")
        assert backend.entries[("gescom-sync", "profile/bijou/shop.consumer_key")] == "ck-x-93"
        assert load_profile("bijou").shop.consumer_secret.get_secret_value() == "cs-x-93"
        assert not (data_dir() / "secrets.enc").exists()
    finally:
        keyring.set_keyring(previous)


def test_the_file_store_is_used_when_there_is_no_keyring_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    monkeypatch.delenv("GESCOM_SYNC_KEYRING")
    try:
        assert isinstance(secret_store(), EncryptedFileStore)
    finally:
        keyring.set_keyring(previous)
