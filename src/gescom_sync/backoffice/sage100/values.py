"""Turning Sage column values into model values.

Sage stores amounts as ``numeric(24,6)``, flags as ``smallint``, empty strings and zero
keys for "none"; the SQLite demo may hand back floats. These helpers give ``Decimal``
without binary noise, ``None`` for empty, and ``bool`` for flags.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any


def decimal(value: Any) -> Decimal | None:
    """``Decimal`` of a numeric column, trailing zeros removed (``12.500000`` -> ``12.5``)."""
    if value is None or value == "":
        return None
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def amount(value: Any) -> Decimal:
    """Like :func:`decimal` but 0 for NULL (Sage's counters and prices default to 0)."""
    return decimal(value) or Decimal(0)


def text(value: Any) -> str | None:
    """Stripped text, ``None`` when empty (Sage pads and leaves empty strings)."""
    if value is None:
        return None
    stripped = str(value).strip()
    return stripped or None


def flag(value: Any) -> bool:
    return bool(value) and int(value) != 0


def slot(value: Any) -> str | None:
    """A P_* slot number or an int key as an id; 0 and NULL mean none."""
    if value is None or int(value) == 0:
        return None
    return str(int(value))


def timestamp(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return datetime.fromisoformat(str(value))


def latest(*values: datetime | None) -> datetime | None:
    present = [value for value in values if value is not None]
    return max(present) if present else None
