"""Typing of values as WooCommerce answers them: money as strings, dates without zone.

Money is computed with :class:`~decimal.Decimal` and rounded half-up to the cent, the
way WooCommerce rounds order lines; it leaves the sandbox as a string ("12.50"), except
in the few places where WooCommerce itself answers a JSON number (order line ``price``,
``rate_percent``, coupon ``nominal_amount``), reproduced by :func:`php_number`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_decimal(value: object, default: Decimal = Decimal(0)) -> Decimal:
    """A request value ("12.50", 12.5, "") as Decimal; ``default`` when empty or not a number."""
    if value is None or value == "" or isinstance(value, bool):
        return default
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        return default


def money(value: Decimal) -> str:
    """Cent-rounded string: ``Decimal("8.333")`` -> ``"8.33"``."""
    return format(value.quantize(CENT, rounding=ROUND_HALF_UP), "f")


def round_cent(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def trimmed(value: Decimal) -> str:
    """``22.00`` -> ``"22"``, ``5.50`` -> ``"5.5"`` (wc_format_decimal with trimmed zeros)."""
    text = format(value.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def php_number(value: Decimal) -> int | float:
    """A PHP float as json_encode prints it: ``90.0`` -> ``90``, ``12.5`` -> ``12.5``."""
    return int(value) if value == value.to_integral_value() else float(value)


def price_string(value: object) -> str:
    """A price as stored by WooCommerce: the given text, or "" when not a number."""
    if value is None or value == "":
        return ""
    text = str(value).strip()
    try:
        Decimal(text)
    except InvalidOperation:
        return ""
    return text


def now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0, tzinfo=None)


def wc_date(moment: datetime | None) -> str | None:
    """``2026-11-22T11:26:25``: WooCommerce dates carry no zone (the site runs in UTC)."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S") if moment else None


def parse_date(text: str) -> datetime | None:
    """An ISO 8601 request date, normalised to naive UTC; None when it is not a date."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except (ValueError, AttributeError):
        return None
    if moment.tzinfo:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def slugify(text: str) -> str:
    """WordPress's sanitize_title: "ERP Test T-Shirt" -> "erp-test-t-shirt"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9_]+", "-", ascii_text.lower()).strip("-")


def unique_slug(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, else ``wanted-2``, ``wanted-3``... like wp_unique_post_slug."""
    used = set(taken)
    if wanted not in used:
        return wanted
    suffix = 2
    while f"{wanted}-{suffix}" in used:
        suffix += 1
    return f"{wanted}-{suffix}"
