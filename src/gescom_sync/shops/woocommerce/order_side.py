"""The order side of the WooCommerce connector: orders (with their notes, and their customers'
VAT numbers) and refunds read; status, back-office reference, notes and documents written.
WooCommerce has one store, no tracking number field and no returns."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from gescom_sync.errors import ConfigError
from gescom_sync.http import Action, HttpError, OutcomeUnknown
from gescom_sync.i18n import _
from gescom_sync.model.order import Order, OrderMessage, Refund, Return
from gescom_sync.model.shop import LocalFile
from gescom_sync.shops.base import OrderQuery, WriteOutcome, WriteResult
from gescom_sync.shops.capabilities import Capability
from gescom_sync.shops.woocommerce import orders as order_records
from gescom_sync.shops.woocommerce import payloads
from gescom_sync.shops.woocommerce.batch import BatchItem
from gescom_sync.shops.woocommerce.customer_side import customer_account
from gescom_sync.shops.woocommerce.session import DEFAULT_STORE, PER_PAGE, Session

REFERENCE_META = "_gescom_sync_reference"


class OrderSide(Session):
    """Orders and refunds read; status, reference, notes and documents written."""

    def read_orders(self, query: OrderQuery) -> Iterator[Order]:
        unknown = set(query.stores) - {DEFAULT_STORE}
        if unknown:
            raise ConfigError(_("WooCommerce has one store, {default}; there is no store {stores}.").format(
                default=DEFAULT_STORE, stores=", ".join(sorted(unknown))))
        for page in self._page_lists("orders", _order_params(query)):
            yield from (order_records.order(data, self._notes(str(data["id"])) if query.with_messages else None)
                        for data in page)

    def with_customer_vat_numbers(self, orders: Sequence[Order]) -> list[Order]:
        """The orders, those without a VAT number given their registered customer's (VAT plugins keep
        it in the customer's meta): one request per 100 customers."""
        wanting = sorted({o.customer_id for o in orders if o.customer_id and not o.meta.get(order_records.VAT_NUMBER)},
                         key=int)
        found: dict[str, str | None] = {}
        for start in range(0, len(wanting), PER_PAGE):
            params = {"include": ",".join(wanting[start:start + PER_PAGE]), "role": "all", "per_page": PER_PAGE,
                      "_fields": "id,meta_data"}
            found |= {str(c["id"]): order_records.vat_number(customer_account(c).meta)
                      for c in self.client.get("customers", params=params).json()}
        return [replace(o, meta=order_records.with_vat_number(o.meta, found.get(o.customer_id or "")))
                if o.customer_id in found else o for o in orders]

    def read_order(self, order_id: str, *, with_messages: bool = False) -> Order:
        data = self.client.get(f"orders/{order_id}").json()
        return order_records.order(data, self._notes(order_id) if with_messages else None)

    def _notes(self, order_id: str) -> list[dict[str, Any]]:
        return self.client.get(f"orders/{order_id}/notes").json()

    def read_order_messages(self, order_ids: Sequence[str]) -> dict[str, tuple[OrderMessage, ...]]:
        """One notes request per order (WooCommerce lists notes per order only), in parallel."""
        read = self.client.map(self._notes, order_ids)
        failed = next((r.error for r in read if r.error is not None), None)
        if failed is not None:
            raise failed
        return {r.item: order_records.notes(r.value) for r in read}

    def set_order_status(self, order_id: str, status: str) -> WriteResult:
        return self._update_order(order_id, {"status": status})

    def set_order_statuses(self, changes: Sequence[tuple[str, str]]) -> list[WriteResult]:
        """Through ``orders/batch``, 100 orders per call."""
        return self._writer("orders").write([BatchItem(order_id, {"status": status}, order_id)
                                             for order_id, status in changes])

    def set_order_reference(self, order_id: str, reference: str) -> WriteResult:
        return self._update_order(order_id, {"meta_data": [{"key": REFERENCE_META, "value": reference}]})

    def _update_order(self, order_id: str, body: dict[str, Any]) -> WriteResult:
        try:
            self.client.put(f"orders/{order_id}", json=body, idempotent=True)
        except HttpError as error:
            return _failed_request(order_id, error)
        return WriteResult(order_id, WriteOutcome.UPDATED, order_id)

    def add_order_note(self, order_id: str, text: str, *, customer_visible: bool) -> WriteResult:
        """A note, once: when the answer is lost, the order's notes are read before saying it failed."""
        try:
            note = self.client.post(f"orders/{order_id}/notes", json={"note": text, "customer_note": customer_visible}).json()
        except OutcomeUnknown as error:
            found = next((n for n in self._notes(order_id) if n.get("note") == text), None)
            if found is None:
                return _failed_request(order_id, error)
            note = found
        except HttpError as error:
            return _failed_request(order_id, error)
        return WriteResult(order_id, WriteOutcome.CREATED, str(note["id"]))

    def set_tracking_number(self, order_id: str, carrier: str, number: str) -> WriteResult:
        self._refuse(Capability.TRACKING_NUMBER)

    def attach_order_document(self, order_id: str, document: LocalFile, *, customer_visible: bool) -> WriteResult:
        """Upload the file to the media library and link it in an order note."""
        self.capabilities.require(Capability.ORDER_DOCUMENT)
        uploaded = self.media.upload(document)
        text = f'{document.title or uploaded.file_name}: <a href="{uploaded.url}">{uploaded.file_name}</a>'
        return self.add_order_note(order_id, text, customer_visible=customer_visible)

    def read_refunds(self, query: OrderQuery) -> Iterator[Refund]:
        """Refunds created in the query's period (a refund modifies its order, so orders are
        read by modification date), of orders in the query's statuses."""
        since = query.modified_after or query.created_from
        orders_query = OrderQuery(modified_after=since, statuses=query.statuses, order_ids=query.order_ids)
        params = _order_params(orders_query) | {"_fields": "id,refunds"}
        for data in self._pages("orders", params):
            if not data.get("refunds"):
                continue
            for refund in self.client.get(f"orders/{data['id']}/refunds").json():
                record = order_records.refund(refund, str(data["id"]))
                if _within(record.created_at, query.created_from, query.created_to):
                    yield record

    def read_returns(self, query: OrderQuery) -> Iterator[Return]:
        self._refuse(Capability.RETURNS)


def _order_params(query: OrderQuery) -> dict[str, Any]:
    params: dict[str, Any] = {"orderby": "id", "order": "asc", "status": ",".join(query.statuses) or "any"}
    if query.created_from:
        params["after"] = payloads.wc_datetime(query.created_from)
    if query.created_to:
        params["before"] = payloads.wc_datetime(query.created_to)
    if query.modified_after:
        params["modified_after"] = payloads.wc_datetime(query.modified_after)
    if query.order_ids:
        params["include"] = ",".join(query.order_ids)
    if len(params) > 3:
        params["dates_are_gmt"] = "true"
    return params


def _within(when: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or when >= start) and (end is None or when <= end)


def _failed_request(key: str, error: HttpError) -> WriteResult:
    if error.action is Action.FAIL_RUN:
        raise error
    return WriteResult(key, WriteOutcome.FAILED, message=error.shop_message or error.message)
