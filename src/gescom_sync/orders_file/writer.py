"""Writing orders to an orders file (the shape :func:`read_orders_file` reads back)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from gescom_sync.model.order import Order
from gescom_sync.orders_file.schema import META_ENTRY, META_KEY, ORDER, ROOT, VERSION, Field, Kind, fields_of
from gescom_sync.profiles.files import write_atomic

# Orders hold customers' names and addresses: the file is readable by its owner only.
FILE_MODE = 0o600


def write_orders_file(orders: Iterable[Order], path: Path) -> None:
    """Write ``orders`` to ``path`` at once (a crash leaves the former file or the new one)."""
    write_atomic(Path(path), orders_xml(orders), FILE_MODE)


def orders_xml(orders: Iterable[Order]) -> str:
    root = ET.Element(ROOT, version=VERSION)
    for order in orders:
        _record(ET.SubElement(root, ORDER), order)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _record(element: ET.Element, record: object) -> None:
    for spec in fields_of(type(record)).values():
        value = getattr(record, spec.name)
        if value is None or (not spec.required and value == spec.default):
            continue
        _value(ET.SubElement(element, spec.name), spec, value)


def _value(element: ET.Element, spec: Field, value: object) -> None:
    if spec.kind is Kind.RECORD:
        _record(element, value)
    elif spec.kind is Kind.RECORDS:
        for item in value:
            _record(ET.SubElement(element, spec.item), item)
    elif spec.kind is Kind.TEXTS:
        for text in value:
            ET.SubElement(element, spec.item).text = text
    elif spec.kind is Kind.META:
        for key, text in value.items():
            ET.SubElement(element, META_ENTRY, {META_KEY: key}).text = text
    else:
        element.text = _text(spec, value)


def _text(spec: Field, value: object) -> str:
    if spec.kind is Kind.AMOUNT:
        return _amount(spec, value)
    if spec.kind is Kind.DATE:
        return _date(spec, value)
    if spec.kind is Kind.BOOLEAN:
        return "true" if value else "false"
    return value


def _amount(spec: Field, value: Decimal) -> str:
    if not value.is_finite():
        raise ValueError(f"{spec.name} is not a finite amount: {value!r}")
    return format(value, "f")  # never an exponent: 1E+2 is written 100


def _date(spec: Field, value: datetime) -> str:
    if value.tzinfo is None:
        raise ValueError(f"{spec.name} has no UTC offset: {value!r}")
    return value.isoformat()
