"""`gescom-sync export ...`: the operations that send the back office's data to the shop."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True)
