"""Application settings (SPEC §4): ``settings.toml`` in the data folder.

Same machinery as the profiles: validated by ``AppSettings``, unknown keys refused,
secrets (SMTP and proxy passwords, options password) in the secret store, atomic writes.
"""

from __future__ import annotations

from pathlib import Path

from gescom_sync.paths import data_dir
from gescom_sync.profiles.documents import read_document, write_document
from gescom_sync.profiles.models import AppSettings
from gescom_sync.profiles.secrets import settings_key

FILE_NAME = "settings.toml"


def settings_path() -> Path:
    return data_dir() / FILE_NAME


def load_settings(include_secrets: bool = True) -> AppSettings:
    """The application settings; all defaults when the file does not exist yet.

    ``include_secrets=False`` reads no secret (no master key needed) and leaves them
    unset: for reading a plain setting only, never to save back.
    """
    path = settings_path()
    if not path.exists():
        return AppSettings()
    return read_document(path, AppSettings, settings_key if include_secrets else None)


def save_settings(settings: AppSettings) -> None:
    write_document(settings_path(), settings, settings_key)
