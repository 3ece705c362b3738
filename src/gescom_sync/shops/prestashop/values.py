"""Reading PrestaShop's JSON defensively.

The webservice's JSON drops empty fields, mixes numbers and numeric strings
(``"active": "1"``, ``"price": "23.900000"``, ``"quantity": 300``), writes "no date" as
``0000-00-00 00:00:00`` and gives multilingual fields as ``[{"id": 1, "value": "..."}]``.
These helpers turn any of those into ``Decimal``, ``int``, ``bool``, ``datetime`` or text;
dates are the shop's local time (``PS_TIMEZONE``), read as aware datetimes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

ZERO = Decimal("0")
NO_DATES = ("", "0000-00-00", "0000-00-00 00:00:00")


def dec(value: Any, default: Decimal = ZERO) -> Decimal:
    """A Decimal from a number, a numeric string, or nothing (``default``)."""
    if value is None or value == "" or isinstance(value, bool):
        return default
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return default


def money(value: Any) -> Decimal:
    """An amount as PrestaShop stores it (6 decimals), rounded to the cent it is meant to be, half up
    as PrestaShop's default PS_PRICE_ROUND_MODE."""
    return dec(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def integer(value: Any, default: int = 0) -> int:
    try:
        return int(dec(value, Decimal(default)))
    except (ValueError, ArithmeticError):
        return default


def flag(value: Any) -> bool:
    """``"1"``, ``1``, ``true`` -> True; ``"0"``, ``0``, missing -> False."""
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes")
    return bool(value)


def text(value: Any) -> str:
    return "" if value is None else str(value)


def ident(value: Any) -> str | None:
    """An id as text; None for 0, empty or missing (PrestaShop's "none")."""
    number = integer(value)
    return str(number) if number > 0 else None


def moment(value: Any, zone: tzinfo) -> datetime | None:
    """A PrestaShop date, written in the shop's local time, as an aware datetime in ``zone``
    (the shop's ``PS_TIMEZONE``); None for its "no date"."""
    raw = text(value).strip()
    if raw in NO_DATES:
        return None
    for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, pattern).replace(tzinfo=zone)
        except ValueError:
            continue
    return None


def ps_datetime(value: datetime, zone: tzinfo) -> str:
    """A datetime as PrestaShop filters and writes them (``YYYY-MM-DD HH:MM:SS``, the shop's
    local time): an aware one is converted to ``zone``; a naive one is taken as local already."""
    local = value.astimezone(zone) if value.tzinfo is not None else value
    return local.strftime("%Y-%m-%d %H:%M:%S")


def translations(value: Any) -> dict[str, str]:
    """A multilingual field as {language id: text} (a plain string counts for every language: "")."""
    if isinstance(value, list):
        return {text(item.get("id")): text(item.get("value")) for item in value if isinstance(item, Mapping)}
    if value is None:
        return {}
    return {"": text(value)}


def translated(value: Any, language_id: str | None = None) -> str:
    """The text of a multilingual field in ``language_id`` (else the first language that has one)."""
    by_language = translations(value)
    if language_id and by_language.get(language_id):
        return by_language[language_id]
    return next((t for t in by_language.values() if t), "")


def associations(record: Mapping[str, Any], name: str) -> list[dict[str, Any]]:
    """A record's association list (``associations.categories``...), [] when absent."""
    found = (record.get("associations") or {}).get(name)
    return [item for item in found if isinstance(item, dict)] if isinstance(found, list) else []


def association_ids(record: Mapping[str, Any], name: str) -> list[str]:
    return [str(item["id"]) for item in associations(record, name) if ident(item.get("id"))]
