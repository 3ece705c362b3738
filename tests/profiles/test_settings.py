"""Application settings: settings.toml validated like a profile, secrets apart."""

from __future__ import annotations

import pytest

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import set_language
from gescom_sync.profiles import AppSettings, load_settings, save_settings, settings_path
from gescom_sync.profiles.secrets import secret_store


def test_defaults_when_there_is_no_file() -> None:
    settings = load_settings()

    assert (settings.default_profile, settings.language, settings.state_url, settings.smtp) == (None, None, None, None)
    assert not settings_path().exists()


def test_round_trip_with_smtp_password_kept_in_the_secret_store() -> None:
    settings = AppSettings(
        default_profile="bijou",
        state_url="postgresql+psycopg://gescom@db.local/gescom",
        smtp={
            "host": "smtp.bijou.fr",
            "user": "alerts",
            "password": "smtp-pw-1",
            "sender": "sync@bijou.fr",
            "test_recipients": ["admin@bijou.fr"],
        },
        options_password="opt-pw-2",
    )

    save_settings(settings)
    loaded = load_settings()

    text = settings_path().read_text()
    assert "smtp-pw-1" not in text and "opt-pw-2" not in text
    assert 'password = "<secret>"' in text
    assert loaded.smtp.password.get_secret_value() == "smtp-pw-1"
    assert loaded.options_password.get_secret_value() == "opt-pw-2"
    assert (loaded.smtp.port, loaded.smtp.security, loaded.smtp.test_recipients) == (
        587,
        "starttls",
        ["admin@bijou.fr"],
    )
    assert secret_store().get("settings/smtp.password") == "smtp-pw-1"


def test_wrong_settings_name_the_file_and_key() -> None:
    settings_path().write_text('state_url = "not a url"\n[smtp]\nhost = "smtp.bijou.fr"\nport = 70000\ntls = true\n')
    set_language("en")

    with pytest.raises(ConfigError) as raised:
        load_settings()

    assert raised.value.message.splitlines() == [
        f"{settings_path()}: 3 problem(s):",
        "  state_url = 'not a url': expected a SQLAlchemy URL such as postgresql+psycopg://host/gescom",
        "  smtp.port = 70000: expected a value less than or equal to 65535",
        "  smtp.tls: unknown key; expected one of: host, password, port, security, sender, test_recipients, user",
    ]


def test_a_state_url_with_a_password_is_refused_and_masked() -> None:
    settings_path().write_text('state_url = "postgresql+psycopg://gescom:pg-pw-3@db/gescom"\n')
    set_language("en")

    with pytest.raises(ConfigError) as raised:
        load_settings()

    assert raised.value.message.splitlines()[1] == (
        "  state_url = 'postgresql+psycopg://gescom:********@db/gescom': the URL must not contain the password; "
        "use a ~/.pgpass file or PGPASSWORD for PostgreSQL"
    )


def test_the_default_profile_is_read_without_the_master_key(monkeypatch: pytest.MonkeyPatch) -> None:
    from gescom_sync.profiles import default_profile_name

    save_settings(AppSettings(default_profile="bijou", options_password="opt-pw-4"))
    monkeypatch.delenv("GESCOM_SYNC_MASTER_KEY")

    assert default_profile_name() == "bijou"
    with pytest.raises(ConfigError, match="GESCOM_SYNC_MASTER_KEY"):
        load_settings()
