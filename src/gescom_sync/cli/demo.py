"""`gescom-sync demo`: the main job, on the embedded back office."""

from __future__ import annotations


def run_demo() -> None:
    raise NotImplementedError
