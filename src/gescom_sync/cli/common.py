"""Things every command shares: consoles, JSON output."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import PurePath
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from rich.console import Console
from rich.measure import Measurement
from rich.table import Table

from gescom_sync.i18n import _

console = Console(highlight=False, soft_wrap=True)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)

Column = tuple[str, Callable[[Any], Any]]  # (header msgid, value of a record)


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, PurePath):
        return str(value)
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if hasattr(value, "__dataclass_fields__"):
        from dataclasses import asdict

        return asdict(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def to_json(data: Any) -> str:
    """JSON for scripts: Decimal money as strings (never floats), dates in ISO 8601."""
    return json.dumps(data, default=_json_default, ensure_ascii=False, indent=2)


def print_json(data: Any) -> None:
    print(to_json(data))


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (tuple, list)):
        return ", ".join(_cell(v) for v in value)
    return str(value)


def show(records: Sequence[Any], columns: Iterable[Column], as_json: bool, title: str) -> None:
    """Records as a table titled with their count, or as JSON for scripts."""
    if as_json:
        print_json(list(records))
        return
    columns = list(columns)
    table = Table(title=f"{title} ({len(records)})", title_justify="left")
    for header, _value in columns:
        table.add_column(_(header))
    for record in records:
        table.add_row(*(_cell(value(record)) for _header, value in columns))
    if console.is_terminal:
        console.print(table)
    else:  # piped or redirected: the table at its natural width, never cut to 80 columns
        natural = Measurement.get(console, console.options.update_width(10_000), table).maximum
        Console(highlight=False, width=natural).print(table)
