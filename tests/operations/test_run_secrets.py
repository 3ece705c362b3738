"""A run never shows the shop's or the back office's secrets: terminal, JSON lines, log file, state store."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from gescom_sync.operations.run import RunOptions, run_operation
from gescom_sync.paths import logs_dir
from gescom_sync.state import StateStore

from .shop_state import secrets
from .test_push import CATALOGUE, Pusher


def everything_written(home: Path) -> str:
    texts = [path.read_text(encoding="utf-8") for path in logs_dir().glob("*.log*")]
    with StateStore.open() as store, store.engine.connect() as connection:
        for table in ("runs", "run_events", "run_items"):
            texts.extend(str(row) for row in connection.execute(sa.text(f"SELECT * FROM {table}")))
    texts.extend(path.read_text(encoding="utf-8", errors="replace") for path in (home / "profiles").glob("*.toml"))
    return "\n".join(texts)


def test_shop_keys_appear_nowhere_a_run_writes(profile, sandbox, capsys, home):
    class LeakyPusher(Pusher):
        """Puts the secrets where a careless connector or mapping could: a warning and an item's reason."""

        def __call__(self, run):
            run.journal.warning("refused with key " + " / ".join(secrets(sandbox)))
            super().__call__(run)

    assert run_operation("export_products", profile, RunOptions(), LeakyPusher(CATALOGUE)) == 0
    assert run_operation("export_products", profile, RunOptions(json_output=True), LeakyPusher(CATALOGUE)) == 0
    printed = capsys.readouterr()
    written = everything_written(home)
    for secret in secrets(sandbox):
        assert secret not in printed.out + printed.err
        assert secret not in written
    assert "refused with key " + " / ".join("***" for _ in secrets(sandbox)) in printed.out
