"""Which language the command line speaks: --lang, then GESCOM_SYNC_LANG, then settings.toml, then French."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from gescom_sync.cli import app
from gescom_sync.demo import bijou
from gescom_sync.errors import FilterError
from gescom_sync.i18n import set_language
from gescom_sync.profiles import load_settings, save_settings


@pytest.fixture
def database(tmp_path) -> str:
    return bijou.create(tmp_path / "bijou.sqlite").url


def filter_error(database: str, *options: str) -> str:
    result = CliRunner().invoke(app, [*options, "erp", "products", "--database", database, "--filter", "x="])
    set_language(None)
    assert isinstance(result.exception, FilterError)
    return result.exception.message


def test_french_by_default(database):
    assert filter_error(database).startswith("Filtre SQL « x= » sur F_ARTICLE en échec")


def test_settings_language_then_environment_then_option(database, monkeypatch):
    save_settings(load_settings().model_copy(update={"language": "en"}))
    assert filter_error(database).startswith('SQL filter "x=" on F_ARTICLE failed')
    monkeypatch.setenv("GESCOM_SYNC_LANG", "fr")
    assert filter_error(database).startswith("Filtre SQL")
    assert filter_error(database, "--lang", "en").startswith("SQL filter")
