"""`gescom-sync sandbox ...`: local shops that behave like the real ones, for the demo and tests."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True)
