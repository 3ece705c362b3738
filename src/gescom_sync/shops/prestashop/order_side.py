"""The order side of the PrestaShop connector: orders, credit slips, status, tracking, messages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gescom_sync.errors import GescomError
from gescom_sync.http import Action, HttpError, RequestFailed
from gescom_sync.i18n import _
from gescom_sync.model.order import Order, OrderMessage, Refund, Return
from gescom_sync.model.shop import LocalFile
from gescom_sync.shops.base import OrderQuery, WriteOutcome, WriteResult
from gescom_sync.shops.capabilities import Capability
from gescom_sync.shops.prestashop import orders as order_records
from gescom_sync.shops.prestashop.values import dec, ps_datetime, text, translated
from gescom_sync.shops.prestashop.session import FAR_FUTURE, Session, failed, failed_request
from gescom_sync.shops.prestashop.webservice import PAGE_SIZE, Filter, Value, equals

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True, slots=True)
class _OrderParts:
    """What hangs off a page of orders, read once for the page: by order id (payments: by
    order reference), addresses and customers by their id."""

    details: Rows
    payments: Rows
    carriers: Rows
    cart_rules: Rows
    messages: Rows
    addresses: dict[str, dict[str, Any]]
    customers: dict[str, dict[str, Any]]


class OrderSide(Session):
    """Orders and credit slips read; status, tracking number and messages written."""

    def read_orders(self, query: OrderQuery) -> Iterator[Order]:
        filters: list[Filter] = []
        if query.created_from or query.created_to:
            start = ps_datetime(query.created_from, self.zone) if query.created_from else "1970-01-01 00:00:00"
            end = ps_datetime(query.created_to, self.zone) if query.created_to else FAR_FUTURE
            filters.append(Filter("date_add", between=(start, end)))
        if query.modified_after:
            filters.append(Filter("date_upd", between=(ps_datetime(query.modified_after, self.zone), FAR_FUTURE)))
        if query.statuses:
            filters.append(equals("current_state", *query.statuses))
        if query.stores:
            filters.append(equals("id_shop", *query.stores))
        if query.order_ids:
            filters.append(equals("id", *query.order_ids))
        for page in _pages(self.ws.records("orders", filters=filters), PAGE_SIZE):
            yield from self._orders(page, with_messages=query.with_messages)

    def read_order(self, order_id: str, *, with_messages: bool = False) -> Order:
        row = self.ws.read("orders", order_id)
        if row is None:
            raise RequestFailed(_("PrestaShop has no order {id}.").format(id=order_id), action=Action.FAIL_ITEM,
                                method="GET", url=f"{self.url}/api/orders/{order_id}", status=404)
        return self._orders([row], with_messages=with_messages)[0]

    def _orders(self, rows: Sequence[dict[str, Any]], *, with_messages: bool) -> list[Order]:
        """The orders of ``rows``, each part read for all of them at once (filtered lists), not per order."""
        parts = self._order_parts(rows, with_messages=with_messages)
        return [order_records.order(self._order_data(row, parts)) for row in rows]

    def _order_parts(self, rows: Sequence[dict[str, Any]], *, with_messages: bool) -> _OrderParts:
        ids = [str(row["id"]) for row in rows]
        discounted = [str(row["id"]) for row in rows if dec(row.get("total_discounts"))]
        address_ids = {text(row.get(k)) for row in rows for k in ("id_address_invoice", "id_address_delivery")}
        return _OrderParts(
            details=self._grouped("order_details", "id_order", ids),
            payments=self._grouped("order_payments", "order_reference", [text(row.get("reference")) for row in rows]),
            carriers=self._grouped("order_carriers", "id_order", ids),
            cart_rules=self._grouped("order_cart_rules", "id_order", discounted),
            messages=self._grouped("messages", "id_order", ids) if with_messages else {},
            addresses=self._by_id("addresses", address_ids),
            customers=self._by_id("customers", {text(row.get("id_customer")) for row in rows},
                                  display=["id", "email", "is_guest"]))

    def _grouped(self, resource: str, key: str, values: Sequence[str]) -> Rows:
        """The ``resource`` records whose ``key`` is one of ``values``, by that key (one filtered read, paged)."""
        found: dict[str, list[dict[str, Any]]] = defaultdict(list)
        wanted = sorted({v for v in values if v})
        if wanted:
            for record in self.ws.records(resource, filters=[equals(key, *wanted)]):
                found[text(record.get(key))].append(record)
        return found

    def _by_id(self, resource: str, ids: set[str], display: Sequence[str] | None = None) -> dict[str, dict[str, Any]]:
        wanted = sorted(i for i in ids if i and i != "0")
        if not wanted:
            return {}
        return {str(r["id"]): r for r in self.ws.records(resource, display=display, filters=[equals("id", *wanted)])}

    def _order_data(self, row: dict[str, Any], parts: _OrderParts) -> order_records.OrderData:
        order_id = str(row["id"])
        return order_records.OrderData(
            order=row, details=parts.details.get(order_id, []),
            payments=parts.payments.get(text(row.get("reference")), []), carriers=parts.carriers.get(order_id, []),
            cart_rules=parts.cart_rules.get(order_id, []), messages=parts.messages.get(order_id, []),
            invoice_address=parts.addresses.get(text(row.get("id_address_invoice"))),
            delivery_address=parts.addresses.get(text(row.get("id_address_delivery"))),
            customer=parts.customers.get(text(row.get("id_customer"))),
            currency=self._currency_codes().get(text(row.get("id_currency")), ""),
            country_codes=self._country_codes(), carrier_names=self._carrier_names(),
            tax_rates={tax_id: rate for tax_id, (rate, _name) in self._taxes().items()},
            tax_names={tax_id: name for tax_id, (_rate, name) in self._taxes().items()}, zone=self.zone)

    def _currency_codes(self) -> dict[str, str]:
        return self._cached("currencies", lambda: {str(r["id"]): text(r.get("iso_code")) for r in
                                                   self.ws.records("currencies", display=["id", "iso_code"])})

    def _carrier_names(self) -> dict[str, str]:
        return self._cached("carriers", lambda: {str(r["id"]): text(r.get("name")) for r in
                                                 self.ws.records("carriers", display=["id", "name"])})

    def _taxes(self) -> dict[str, tuple[Decimal, str]]:
        """Tax id -> (rate, name in the shop's default language)."""
        def load() -> dict[str, tuple[Decimal, str]]:
            language = self._default_language_id()
            return {str(r["id"]): (dec(r.get("rate")), translated(r.get("name"), language))
                    for r in self.ws.records("taxes", display=["id", "rate", "name"])}

        return self._cached("taxes", load)

    def with_customer_vat_numbers(self, orders: Sequence[Order]) -> list[Order]:
        """As they are: an order's VAT number comes with its invoice address."""
        return list(orders)

    def read_order_messages(self, order_ids: Sequence[str]) -> dict[str, tuple[OrderMessage, ...]]:
        """The messages of all these orders in one filtered read (paged)."""
        found: dict[str, list[OrderMessage]] = defaultdict(list)
        if order_ids:
            for row in self.ws.records("messages", filters=[equals("id_order", *order_ids)]):
                found[text(row.get("id_order"))].append(order_records.message(row, self.zone))
        return {order_id: tuple(found.get(order_id, ())) for order_id in order_ids}

    def set_order_statuses(self, changes: Sequence[tuple[str, str]]) -> list[WriteResult]:
        """PrestaShop has no batch: one order history each, in parallel under the shop's concurrency budget."""
        done = self.ws.client.map(lambda change: self.set_order_status(*change), changes)
        return [d.value if d.error is None else _failure(d.item[0], d.error) for d in done]

    def set_order_status(self, order_id: str, status: str) -> WriteResult:
        """A new order history entry (``sendemail`` as the profile says). When the answer is lost,
        the order's current state is read before saying anything failed."""
        fields: dict[str, Value] = {"id_order": order_id, "id_order_state": status}
        params = {"sendemail": 1 if self.send_email_on_status else 0}

        def already() -> dict[str, Any] | None:
            current = self.ws.read("orders", order_id, display=["id", "current_state"])
            if current and text(current.get("current_state")) == status:
                return self.ws.first("order_histories", equals("id_order", order_id), equals("id_order_state", status),
                                     display=["id"]) or {"id": order_id}
            return None

        try:
            created = self._create_once("order_histories", fields, None, already, params)
        except HttpError as error:
            return failed_request(order_id, error)
        return WriteResult(order_id, WriteOutcome.CREATED, text(created.get("id")) or order_id)

    def set_tracking_number(self, order_id: str, carrier: str, number: str) -> WriteResult:
        """On the order's carrier row (order_carriers); ``carrier`` is not changed."""
        try:
            row = self.ws.first("order_carriers", equals("id_order", order_id), display=["id"])
            if row is None:
                return WriteResult(order_id, WriteOutcome.FAILED, message=_(
                    "the order {id} has no carrier to put the tracking number on").format(id=order_id))
            self.ws.update("order_carriers", str(row["id"]), {"tracking_number": number})
        except HttpError as error:
            return failed_request(order_id, error)
        return WriteResult(order_id, WriteOutcome.UPDATED, str(row["id"]))

    def add_order_note(self, order_id: str, text_: str, *, customer_visible: bool) -> WriteResult:
        """A message on the order (``messages``), private unless customer-visible."""
        order = self.ws.read("orders", order_id, display=["id", "id_cart", "id_customer"]) or {}
        fields: dict[str, Value] = {"id_order": order_id, "id_cart": order.get("id_cart") or 0,
                                    "id_customer": order.get("id_customer") or 0, "message": text_,
                                    "private": 0 if customer_visible else 1}

        def find() -> dict[str, Any] | None:
            return next((m for m in self.ws.records("messages", filters=[equals("id_order", order_id)])
                         if text(m.get("message")) == text_), None)

        try:
            created = self._create_once("messages", fields, None, find)
        except HttpError as error:
            return failed_request(order_id, error)
        return WriteResult(order_id, WriteOutcome.CREATED, text(created.get("id")))

    def set_order_reference(self, order_id: str, reference: str) -> WriteResult:
        self._refuse(Capability.ORDER_REFERENCE)

    def attach_order_document(self, order_id: str, document: LocalFile, *, customer_visible: bool) -> WriteResult:
        self._refuse(Capability.ORDER_DOCUMENT)

    def read_refunds(self, query: OrderQuery) -> Iterator[Refund]:
        """Credit slips (order_slip) created in the query's period, of the query's orders."""
        filters: list[Filter] = []
        since = query.modified_after or query.created_from
        if since or query.created_to:
            filters.append(Filter("date_add", between=(ps_datetime(since, self.zone) if since else "1970-01-01 00:00:00",
                                                       ps_datetime(query.created_to, self.zone) if query.created_to else FAR_FUTURE)))
        if query.order_ids:
            filters.append(equals("id_order", *query.order_ids))
        for slip in self.ws.records("order_slip", filters=filters):
            details = {str(d["id"]): d for d in self.ws.records("order_details",
                                                                 filters=[equals("id_order", slip.get("id_order"))])}
            yield order_records.refund(slip, details, self.zone)

    def read_returns(self, query: OrderQuery) -> Iterator[Return]:
        self._refuse(Capability.RETURNS)


def _pages(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    page: list[dict[str, Any]] = []
    for row in rows:
        page.append(row)
        if len(page) == size:
            yield page
            page = []
    if page:
        yield page


def _failure(order_id: str, error: GescomError) -> WriteResult:
    return failed_request(order_id, error) if isinstance(error, HttpError) else failed(order_id, error)


