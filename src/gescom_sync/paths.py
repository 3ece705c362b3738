"""The data folder: profiles, state database, logs and templates, one folder to back up."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

HOME_ENV = "GESCOM_SYNC_HOME"


def data_dir() -> Path:
    """The data folder: ``$GESCOM_SYNC_HOME``, else the OS's per-user data folder."""
    configured = os.environ.get(HOME_ENV)
    path = Path(configured).expanduser() if configured else Path(platformdirs.user_data_dir("gescom-sync", appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def profiles_dir() -> Path:
    return _sub("profiles")


def logs_dir() -> Path:
    return _sub("logs")


def templates_dir() -> Path:
    return _sub("templates")


def state_db_path() -> Path:
    return data_dir() / "state.sqlite"


def _sub(name: str) -> Path:
    path = data_dir() / name
    path.mkdir(parents=True, exist_ok=True)
    return path
