"""Reading a back-office field of a product by the name the user gave in the settings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.model import FreeValue, Product
from gescom_sync.profiles.catalogue import SETTINGS_KEY, STANDARD_FIELDS


def field_value(product: Product, name: str, setting: str) -> FreeValue | int:
    """The value of field ``name`` (standard or free) on ``product``.

    ``setting`` is the settings key that named the field (under ``[export_products]``), for the error message when the
    field exists neither as a standard field nor as a free field of the back office.
    """
    if name in STANDARD_FIELDS:
        return _standard(product, name)
    if name in product.free_fields:
        return product.free_fields[name]
    raise ConfigError(
        _("Unknown back-office field {field!r} in {setting}: expected one of {standard} or a free field ({free}).").format(
            field=name,
            setting=f"{SETTINGS_KEY}.{setting}",
            standard=", ".join(STANDARD_FIELDS),
            free=", ".join(product.free_fields) or "-",
        )
    )


def _standard(product: Product, name: str) -> FreeValue | int:
    if name in ("language1", "language2"):
        return product.language_designations.get(name)
    return getattr(product, name)


def text_value(product: Product, name: str | None, setting: str) -> str | None:
    """The field as text: stripped, None when empty or unset."""
    if name is None:
        return None
    value = field_value(product, name, setting)
    if value is None:
        return None
    if isinstance(value, datetime | date):
        text = value.isoformat()
    elif isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    else:
        text = str(value)
    return text.strip() or None


def decimal_value(product: Product, name: str | None, setting: str) -> Decimal | None:
    """The field as a number; None when empty or not a number (a free text field "2,5" is read as 2.5)."""
    if name is None:
        return None
    value = field_value(product, name, setting)
    if value is None or isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    try:
        return Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        return None


def split_list(text: str | None, separator: str = ",") -> tuple[str, ...]:
    """``"Nouveautés, Promotions"`` -> ``("Nouveautés", "Promotions")``, empty items dropped."""
    if not text:
        return ()
    return tuple(item.strip() for item in text.split(separator) if item.strip())
