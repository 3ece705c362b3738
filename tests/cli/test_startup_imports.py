"""Starting the command line loads what every command needs, not what only some commands use.

Each check runs in a fresh interpreter and reads its ``sys.modules``: nothing is timed, so
the machine's speed does not matter (the times are in ``bench/startup.py`` and
docs/performance.md, "Start-up"). The modules below are imported by the commands that
use them, when they run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from gescom_sync.i18n import LANG_ENV
from gescom_sync.paths import HOME_ENV

DEFERRED = (
    "sqlalchemy",  # the state store and the back offices
    "alembic",  # the state store's migrations
    "httpx",  # the shops
    "starlette",  # the sandbox shops
    "uvicorn",
    "jinja2",
    "gescom_sync.backoffice",
    "gescom_sync.shops",
    "gescom_sync.http",
    "gescom_sync.sandbox",
    "gescom_sync.demo",
    "gescom_sync.cli.demo_run",
    "gescom_sync.operations.run",
    "gescom_sync.state",
    "gescom_sync.journal",
)

# Prints the exit code (None: no exit) and which deferred modules were loaded.
PROBE = """
import json, sys
code = None
try:
{body}
except SystemExit as leaving:
    code = leaving.code
print(json.dumps({{"exit": code, "loaded": sorted(name for name in {deferred!r} if name in sys.modules)}}))
"""


def probe(body: str, home: Path) -> dict:
    """Run ``body`` in a new interpreter with an empty-or-given data folder and the settings' language."""
    env = {name: value for name, value in os.environ.items() if name != LANG_ENV}
    source = PROBE.format(body="\n".join("    " + line for line in body.splitlines()), deferred=DEFERRED)
    finished = subprocess.run([sys.executable, "-c", source], env={**env, HOME_ENV: str(home)},
                              capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=120)
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(finished.stdout.splitlines()[-1])


def command(*arguments: str) -> str:
    return f"sys.argv = ['gescom-sync', *{list(arguments)!r}]\nfrom gescom_sync.cli import main\nmain()"


def test_importing_the_command_line_loads_none_of_them(tmp_path: Path) -> None:
    assert probe("import gescom_sync.cli", tmp_path) == {"exit": None, "loaded": []}


def test_help_needs_none_of_them(tmp_path: Path) -> None:
    assert probe(command("--help"), tmp_path) == {"exit": 0, "loaded": []}


def test_profile_list_needs_none_of_them(tmp_path: Path) -> None:
    assert probe(command("profile", "list"), tmp_path) == {"exit": 0, "loaded": []}
    created = probe(command("profile", "create", "bijou", "--database", str(tmp_path / "bijou.sqlite")), tmp_path)
    assert created["exit"] == 0
    assert probe(command("profile", "list"), tmp_path) == {"exit": 0, "loaded": []}


def test_the_state_store_is_loaded_when_a_command_opens_it_and_alembic_only_to_migrate(tmp_path: Path) -> None:
    first = probe(command("watermark", "show"), tmp_path)  # a new state database: created by its migrations
    assert first["exit"] == 0
    assert {"sqlalchemy", "gescom_sync.state", "alembic"} <= set(first["loaded"])
    again = probe(command("watermark", "show"), tmp_path)  # now at the newest revision: nothing to migrate
    assert again["exit"] == 0
    assert {"sqlalchemy", "gescom_sync.state"} <= set(again["loaded"])
    assert "alembic" not in again["loaded"]


def test_a_demo_refused_for_its_options_never_loads_its_steps(tmp_path: Path) -> None:
    refused = probe(command("demo", "--shop", "nowhere"), tmp_path)
    assert refused["exit"] != 0
    assert "gescom_sync.cli.demo_run" not in refused["loaded"]
