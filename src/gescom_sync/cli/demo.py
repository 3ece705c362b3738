"""`gescom-sync demo` and `gescom-sync demo-db ...`."""

from __future__ import annotations

import typer

demo_db_app = typer.Typer(no_args_is_help=True)


def run_demo() -> None:
    raise NotImplementedError
