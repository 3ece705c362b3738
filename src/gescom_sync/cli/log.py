"""`gescom-sync log PROFILE`: the journal of a run."""

from __future__ import annotations

import typer


def show_log(profile: str = typer.Argument(..., help="Profile name.")) -> None:
    raise NotImplementedError
