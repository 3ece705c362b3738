"""Start-up benchmark: how long simple commands take before they do anything, next to Python's own start.

    .venv/bin/python bench/startup.py [--repeat 5] [--json]

Runs, as child processes, in an empty data folder of their own (a temporary one):

- ``python``:         ``python -c pass``, the floor: the interpreter alone;
- ``help``:           ``gescom-sync --help``;
- ``profile_list``:   ``gescom-sync profile list`` (no profile yet: reads the settings, lists nothing);
- ``watermark_show``: ``gescom-sync watermark show`` (opens the state store, already at the newest schema).

Each one is run once to warm up (files in the OS cache, the state store created and
migrated), then ``--repeat`` times. ``seconds`` is the best of those runs (the least
disturbed by other work on the machine), ``median`` their median; ``ratio`` is
``seconds`` over Python's. Never a test on time: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from _support import bench_main, gescom_sync_command, run_child

from gescom_sync.i18n import LANG_ENV
from gescom_sync.paths import HOME_ENV
from gescom_sync.state.engine import STATE_URL_ENV

COMMANDS = {
    "help": ["--help"],
    "profile_list": ["profile", "list"],
    "watermark_show": ["watermark", "show"],
}
TARGET_SECONDS = 1.0  # --help and profile list: well under a second


def main(argv: list[str] | None = None) -> int:
    return bench_main(parse_args(argv), run, render)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per command, after one warm-up (default 5)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def run(args: argparse.Namespace, folder: Path) -> dict:
    env = _environment(folder / "home")
    python = _timed([sys.executable, "-c", "pass"], env, args.repeat)
    commands = {}
    for name, arguments in COMMANDS.items():
        timed = _timed([*gescom_sync_command(), *arguments], env, args.repeat)
        commands[name] = {"command": " ".join(["gescom-sync", *arguments]), **timed,
                          "ratio": round(timed["seconds"] / python["seconds"], 1)}
    return {"repeat": args.repeat, "python": python, "commands": commands}


def _environment(home: Path) -> dict[str, str]:
    """This environment with an empty data folder; no language nor state URL forced, so that
    every command reads the settings and the state store as a new user's would."""
    home.mkdir()
    env = {name: value for name, value in os.environ.items() if name not in (LANG_ENV, STATE_URL_ENV)}
    return {**env, HOME_ENV: str(home)}


def _timed(arguments: list[str], env: dict[str, str], repeat: int) -> dict[str, float]:
    """The best and the median wall time of ``repeat`` runs, after one untimed run."""
    seconds = [_seconds(arguments, env) for _ in range(repeat + 1)][1:]
    return {"seconds": round(min(seconds), 3), "median": round(statistics.median(seconds), 3)}


def _seconds(arguments: list[str], env: dict[str, str]) -> float:
    finished = run_child(arguments, env)
    if finished.exit_code != 0:
        raise RuntimeError(f"{' '.join(arguments)} failed ({finished.exit_code}): {finished.stderr[-2000:]}")
    return finished.seconds


def render(report: dict) -> str:
    python = report["python"]
    lines = [
        f"Start-up benchmark: best of {report['repeat']} runs per command after one warm-up, median beside it",
        "",
        f"{'command':<30}{'seconds':>9}{'median':>9}{'x python':>10}",
        f"{'python -c pass':<30}{python['seconds']:>9.3f}{python['median']:>9.3f}{1:>9.1f}x",
    ]
    for timed in report["commands"].values():
        lines.append(f"{timed['command']:<30}{timed['seconds']:>9.3f}{timed['median']:>9.3f}{timed['ratio']:>9.1f}x")
    slowest = max(report["commands"][name]["seconds"] for name in ("help", "profile_list"))
    lines += [
        "",
        "seconds: the command's wall time from its start to its exit, Python's start-up included.",
        f"target: --help and profile list under {TARGET_SECONDS:.0f} s: slowest {slowest:.2f} s "
        f"-> {'met' if slowest < TARGET_SECONDS else 'MISSED'}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
