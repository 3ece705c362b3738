"""`gescom-sync demo-db ...`: the embedded Sage-100-layout demo back office."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True)
