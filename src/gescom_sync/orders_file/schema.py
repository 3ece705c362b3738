"""How the shop-neutral order records map to XML elements (docs/orders-file.md, orders.xsd).

One element per dataclass field, named as the field; the kind of its content comes from
the field's type: text, amount (a decimal string), date (ISO 8601 with its UTC offset),
boolean, a nested record, a list of records or texts, or ``meta`` (key/value entries).
A field with a default may be left out; a ``… | None`` field left out is None.
"""

from __future__ import annotations

import dataclasses
import enum
import typing
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from functools import cache
from types import UnionType

from gescom_sync.model.order import Order

ROOT = "orders"
ORDER = "order"
VERSION = "1"
META_ENTRY = "entry"
META_KEY = "key"

# The element of each item of a list field.
ITEM_ELEMENTS = {
    "lines": "line",
    "shipping_lines": "shipping_line",
    "fee_lines": "fee_line",
    "discounts": "discount",
    "taxes": "tax",
    "payments": "payment",
    "messages": "message",
    "refund_ids": "refund_id",
}


class Kind(enum.Enum):
    TEXT = "text"
    AMOUNT = "amount"
    DATE = "date"
    BOOLEAN = "boolean"
    RECORD = "record"
    RECORDS = "records"
    TEXTS = "texts"
    META = "meta"


@dataclasses.dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    required: bool  # no default and not ``… | None``: the element must be there
    optional: bool  # ``… | None``: left out means None
    default: object
    record: type | None = None  # the dataclass of a RECORD or of each item of RECORDS

    @property
    def item(self) -> str:
        return ITEM_ELEMENTS[self.name]


@cache
def fields_of(record: type) -> dict[str, Field]:
    """The fields of a model dataclass, in declaration order, by element name."""
    hints = typing.get_type_hints(record)
    return {f.name: _field(f, hints[f.name]) for f in dataclasses.fields(record)}


def _field(spec: dataclasses.Field, hint: object) -> Field:
    optional = isinstance(hint, UnionType) and type(None) in typing.get_args(hint)
    if optional:
        hint = next(arg for arg in typing.get_args(hint) if arg is not type(None))
    kind, record = _kind(hint)
    has_default = spec.default is not dataclasses.MISSING or spec.default_factory is not dataclasses.MISSING
    default = spec.default if spec.default is not dataclasses.MISSING else (
        spec.default_factory() if spec.default_factory is not dataclasses.MISSING else None)
    return Field(spec.name, kind, not has_default and not optional, optional, default, record)


def _kind(hint: object) -> tuple[Kind, type | None]:
    simple = {str: Kind.TEXT, Decimal: Kind.AMOUNT, datetime: Kind.DATE, bool: Kind.BOOLEAN}
    if hint in simple:
        return simple[hint], None
    if dataclasses.is_dataclass(hint):
        return Kind.RECORD, hint
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and args[0] is str:
        return Kind.TEXTS, None
    if origin is tuple:
        return Kind.RECORDS, args[0]
    if origin is Mapping:
        return Kind.META, None
    raise TypeError(f"no XML kind for {hint!r}")


def order_fields() -> dict[str, Field]:
    return fields_of(Order)
