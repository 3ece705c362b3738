"""`python bench/startup.py`: its JSON shape and its ratios. Times are printed by the
benchmark, never asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_one_object_with_each_command_beside_python() -> None:
    finished = subprocess.run([sys.executable, str(BENCH / "startup.py"), "--repeat", "1", "--json"],
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr[-3000:]
    report = json.loads(finished.stdout)
    assert report["repeat"] == 1
    python = report["python"]
    assert python["seconds"] == python["median"] > 0  # one timed run: its best is its median
    commands = report["commands"]
    assert [(name, timed["command"]) for name, timed in commands.items()] == [
        ("help", "gescom-sync --help"),
        ("profile_list", "gescom-sync profile list"),
        ("watermark_show", "gescom-sync watermark show"),
    ]
    for timed in commands.values():
        # seconds rounded to 0.001 and the ratio to 0.1: compare within that rounding
        assert timed["ratio"] == pytest.approx(timed["seconds"] / python["seconds"], rel=0.05, abs=0.1)
