"""Reading an orders file: strict, every problem named with its file, line and element."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from gescom_sync.errors import GescomError
from gescom_sync.i18n import _
from gescom_sync.model.order import Order
from gescom_sync.orders_file.schema import META_ENTRY, META_KEY, ORDER, ROOT, VERSION, Field, Kind, fields_of
from gescom_sync.orders_file.xmltree import DoctypeRefused, Element, MalformedXml, parse

AMOUNT = re.compile(r"-?[0-9]+(\.[0-9]+)?")
OFFSET = re.compile(r"(Z|[+-][0-9]{2}:[0-9]{2})$")
BOOLEANS = {"true": True, "1": True, "false": False, "0": False}
SHOWN_VALUE_LENGTH = 40


class OrdersFileError(GescomError):
    """An orders file that cannot be read as orders; the message names the file, line and element."""


def read_orders_file(path: Path) -> list[Order]:
    """The orders of ``path``, in file order."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise OrdersFileError(_("{file}: cannot be read ({reason}).").format(file=path.name, reason=error.strerror)) from None
    return _Reader(path.name).orders(data)


class _Reader:
    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, line: int, problem: str) -> OrdersFileError:
        return OrdersFileError(_("{file}, line {line}: {problem}").format(file=self.file, line=line, problem=problem))

    def orders(self, data: bytes) -> list[Order]:
        root = self._root(data)
        orders, seen = [], {}
        for element in root.children:
            self._expect_item(element, ROOT, ORDER)
            order = self.record(element, Order)
            if order.id in seen:
                raise self.fail(element.line, _("order {id} is given twice (first at line {first}).").format(
                    id=order.id, first=seen[order.id]))
            seen[order.id] = element.line
            orders.append(order)
        return orders

    def _root(self, data: bytes) -> Element:
        try:
            root = parse(data)
        except DoctypeRefused as error:
            raise self.fail(error.line, _("a document type declaration (DOCTYPE) is not allowed.")) from None
        except MalformedXml as error:
            raise self.fail(error.line, _("not well-formed XML ({reason}).").format(reason=error.reason)) from None
        if root.tag != ROOT:
            raise self.fail(root.line, _("the root element is <{tag}>, expected <{root}>.").format(tag=root.tag, root=ROOT))
        version = root.attributes.get("version")
        if version != VERSION:
            raise self.fail(root.line, _("<{root}> version {version!r} is not supported (expected version=\"{expected}\").").format(
                root=ROOT, version=version, expected=VERSION))
        self._no_text(root)
        return root

    # ---- records ----------------------------------------------------------------------
    def record(self, element: Element, record: type) -> object:
        self._no_text(element)
        fields = fields_of(record)
        values: dict[str, object] = {}
        for child in element.children:
            spec = fields.get(child.tag)
            if spec is None:
                raise self.fail(child.line, _("<{tag}> is not an element of <{parent}>.").format(tag=child.tag, parent=element.tag))
            if spec.name in values:
                raise self.fail(child.line, _("<{tag}> is given twice in <{parent}>.").format(tag=child.tag, parent=element.tag))
            values[spec.name] = self.value(child, spec)
        missing = [name for name, spec in fields.items() if spec.required and name not in values]
        if missing:
            raise self.fail(element.line, _("<{parent}> has no <{tag}>.").format(parent=element.tag, tag=missing[0]))
        absent = {name: None for name, spec in fields.items() if spec.optional and name not in values}
        return record(**values, **absent)

    def value(self, element: Element, spec: Field) -> object:
        if spec.kind is Kind.RECORD:
            return self.record(element, spec.record)
        if spec.kind is Kind.RECORDS:
            return tuple(self.record(self._expect_item(child, spec.name, spec.item), spec.record) for child in self._items(element))
        if spec.kind is Kind.TEXTS:
            return tuple(self._leaf(self._expect_item(child, spec.name, spec.item)) for child in self._items(element))
        if spec.kind is Kind.META:
            return dict(self._entry(child) for child in self._items(element))
        text = self._leaf(element)
        if spec.kind is Kind.AMOUNT:
            return self._amount(element, text)
        if spec.kind is Kind.DATE:
            return self._date(element, text)
        if spec.kind is Kind.BOOLEAN:
            return self._boolean(element, text)
        return text

    def _items(self, element: Element) -> list[Element]:
        self._no_text(element)
        return element.children

    def _expect_item(self, element: Element, container: str, item: str) -> Element:
        if element.tag != item:
            raise self.fail(element.line, _("<{container}> holds <{item}> elements, not <{tag}>.").format(
                container=container, item=item, tag=element.tag))
        return element

    def _entry(self, element: Element) -> tuple[str, str]:
        self._expect_item(element, "meta", META_ENTRY)
        key = element.attributes.get(META_KEY)
        if not key:
            raise self.fail(element.line, _("<{tag}> has no {attribute!r} attribute.").format(tag=META_ENTRY, attribute=META_KEY))
        return key, self._leaf(element)

    # ---- values -----------------------------------------------------------------------
    def _leaf(self, element: Element) -> str:
        if element.children:
            raise self.fail(element.children[0].line, _("<{tag}> holds elements where a value is expected.").format(tag=element.tag))
        return element.text

    def _no_text(self, element: Element) -> None:
        if element.text.strip():
            raise self.fail(element.line, _("<{tag}> holds the text {value!r} where elements are expected.").format(
                tag=element.tag, value=_shown(element.text.strip())))

    def _amount(self, element: Element, text: str) -> Decimal:
        if not AMOUNT.fullmatch(text.strip()):
            raise self.fail(element.line, _("<{tag}> {value!r} is not an amount (digits, a dot for decimals, e.g. 247.99).").format(
                tag=element.tag, value=_shown(text)))
        return Decimal(text.strip())

    def _date(self, element: Element, text: str) -> datetime:
        text = text.strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None or not OFFSET.search(text):
            raise self.fail(element.line, _(
                "<{tag}> {value!r} is not a date with its UTC offset (ISO 8601, e.g. 2026-03-28T16:21:24+01:00).").format(
                tag=element.tag, value=_shown(text)))
        return moment

    def _boolean(self, element: Element, text: str) -> bool:
        value = BOOLEANS.get(text.strip())
        if value is None:
            raise self.fail(element.line, _("<{tag}> {value!r} is not true or false.").format(tag=element.tag, value=_shown(text)))
        return value


def _shown(value: str) -> str:
    return value if len(value) <= SHOWN_VALUE_LENGTH else value[:SHOWN_VALUE_LENGTH] + "…"
