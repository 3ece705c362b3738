"""WooCommerce REST v3 orders and refunds -> ``gescom_sync.model.order`` records.

WooCommerce types its numbers loosely (``"22.00"``, ``"22"``, ``90``, ``5.5``, ``""``):
every amount goes through :func:`amount`, which reads the decimal text as written (never
through a float) and maps an empty value to 0.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from gescom_sync.model.order import (
    Discount,
    FeeLine,
    LineTax,
    Order,
    OrderAddress,
    OrderLine,
    OrderMessage,
    OrderTax,
    Payment,
    Refund,
    RefundLine,
    ShippingLine,
)

ZERO = Decimal("0")
VAT_NUMBER = "vat_number"
"""The order meta key the import reads the buyer's VAT number from (``customers.vat_meta_key``'s default)."""
VAT_NUMBER_KEYS = (VAT_NUMBER, "_vat_number", "_billing_vat_number", "billing_vat_number", "billing_vat",
                   "_billing_vat", "billing_vat_id", "_billing_vat_id", "_billing_eu_vat_number",
                   "billing_eu_vat_number", "VAT Number", "b2b_uid")
"""Where WooCommerce's VAT number plugins keep it, in an order's or a customer's meta_data: WooCommerce
EU VAT Number (order ``_billing_vat_number``, formerly ``_vat_number`` and ``VAT Number``; customer
``vat_number``), German Market (``billing_vat``), Germanized (``billing_vat_id``), EU/UK VAT Manager
(``billing_eu_vat_number``), B2B Market (``b2b_uid``), checkout field editors (``billing_vat``)."""


def amount(value: Any) -> Decimal:
    """A WooCommerce number ("22.00", "22", 90, 5.5, "", None) as an exact Decimal."""
    if value is None or value == "":
        return ZERO
    try:
        return Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None


def optional_amount(value: Any) -> Decimal | None:
    return None if value is None or value == "" else amount(value)


def moment(value: str | None) -> datetime | None:
    """A ``*_gmt`` date of the API (UTC without offset) as an aware datetime."""
    if not value:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def _id(value: Any) -> str | None:
    return None if value in (None, "", 0, "0") else str(value)


def vat_number(meta: Mapping[str, str]) -> str | None:
    """The first VAT number a plugin keeps in ``meta`` (:data:`VAT_NUMBER_KEYS`)."""
    return next((meta[key].strip() for key in VAT_NUMBER_KEYS if (meta.get(key) or "").strip()), None)


def with_vat_number(meta: Mapping[str, str], found: str | None) -> Mapping[str, str]:
    """``meta`` with ``found`` as :data:`VAT_NUMBER` when it has none there."""
    return meta if not found or (meta.get(VAT_NUMBER) or "").strip() else {**meta, VAT_NUMBER: found}


def _meta(entries: list[dict[str, Any]] | None) -> Mapping[str, str]:
    """meta_data as key -> text; keys starting with "_" are the shop's internals, kept too."""
    return {str(e.get("key")): e["value"] if isinstance(e.get("value"), str) else _text(e.get("value"))
            for e in entries or [] if e.get("key")}


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def address(data: Mapping[str, Any] | None) -> OrderAddress:
    data = data or {}
    return OrderAddress(
        first_name=data.get("first_name") or "", last_name=data.get("last_name") or "",
        company=data.get("company") or "", line1=data.get("address_1") or "", line2=data.get("address_2") or "",
        postcode=data.get("postcode") or "", city=data.get("city") or "", state=data.get("state") or "",
        country=data.get("country") or "", email=data.get("email") or "", phone=data.get("phone") or "",
    )


def _taxes(entries: list[dict[str, Any]] | None, sign: int = 1) -> tuple[LineTax, ...]:
    return tuple(
        LineTax(rate_id=str(t["id"]), total=sign * amount(t.get("total")),
                subtotal=None if optional_amount(t.get("subtotal")) is None else sign * amount(t.get("subtotal")))
        for t in entries or []
    )


def line(data: Mapping[str, Any]) -> OrderLine:
    return OrderLine(
        id=str(data["id"]), name=data.get("name") or "", reference=data.get("sku") or "",
        quantity=amount(data.get("quantity")), subtotal=amount(data.get("subtotal")),
        subtotal_tax=amount(data.get("subtotal_tax")), total=amount(data.get("total")),
        total_tax=amount(data.get("total_tax")), taxes=_taxes(data.get("taxes")),
        product_id=_id(data.get("product_id")), variant_id=_id(data.get("variation_id")),
        tax_class=data.get("tax_class") or "", meta=_meta(data.get("meta_data")),
    )


def shipping_line(data: Mapping[str, Any], sign: int = 1) -> ShippingLine:
    return ShippingLine(
        id=str(data["id"]), method_id=data.get("method_id") or "", method_title=data.get("method_title") or "",
        total=sign * amount(data.get("total")), total_tax=sign * amount(data.get("total_tax")),
        taxes=_taxes(data.get("taxes"), sign), instance_id=str(data.get("instance_id") or ""),
    )


def fee_line(data: Mapping[str, Any], sign: int = 1) -> FeeLine:
    return FeeLine(
        id=str(data["id"]), name=data.get("name") or "", total=sign * amount(data.get("total")),
        total_tax=sign * amount(data.get("total_tax")), taxes=_taxes(data.get("taxes"), sign),
        tax_class=data.get("tax_class") or "", taxable=data.get("tax_status", "taxable") == "taxable",
    )


def discount(data: Mapping[str, Any]) -> Discount:
    return Discount(
        code=data.get("code") or "", amount=amount(data.get("discount")), amount_tax=amount(data.get("discount_tax")),
        kind=data.get("discount_type") or "", nominal=optional_amount(data.get("nominal_amount")),
        free_shipping=bool(data.get("free_shipping")),
    )


def order_tax(data: Mapping[str, Any], sign: int = 1) -> OrderTax:
    return OrderTax(
        rate_id=str(data.get("rate_id")), code=data.get("rate_code") or "", label=data.get("label") or "",
        rate_percent=amount(data.get("rate_percent")), tax_total=sign * amount(data.get("tax_total")),
        shipping_tax_total=sign * amount(data.get("shipping_tax_total")), compound=bool(data.get("compound")),
    )


def payments(data: Mapping[str, Any]) -> tuple[Payment, ...]:
    """WooCommerce has one payment per order: its method, for the order total."""
    if not data.get("payment_method"):
        return ()
    return (Payment(method=data["payment_method"], method_title=data.get("payment_method_title") or "",
                    amount=amount(data.get("total")), paid_at=moment(data.get("date_paid_gmt")),
                    transaction_id=data.get("transaction_id") or ""),)


def note(data: Mapping[str, Any]) -> OrderMessage:
    """An order note (``orders/{id}/notes``): written by the shop or its staff."""
    return OrderMessage(text=data.get("note") or "", from_customer=False,
                        customer_visible=bool(data.get("customer_note")),
                        created_at=moment(data.get("date_created_gmt")), author=data.get("author") or "")


def notes(entries: list[dict[str, Any]]) -> tuple[OrderMessage, ...]:
    """An order's notes in the order they were written."""
    return tuple(note(n) for n in sorted(entries, key=lambda n: n["id"]))


def order(data: Mapping[str, Any], notes: list[dict[str, Any]] | None = None) -> Order:
    """The order; ``notes`` are its notes when they were read (the customer's own note is always kept)."""
    messages = []
    if data.get("customer_note"):
        messages.append(OrderMessage(text=data["customer_note"], from_customer=True,
                                     created_at=moment(data.get("date_created_gmt")), author="customer"))
    messages += [note(n) for n in sorted(notes or [], key=lambda n: n["id"])]
    return Order(
        id=str(data["id"]), number=str(data.get("number") or data["id"]), status=data.get("status") or "",
        currency=data.get("currency") or "", created_at=moment(data.get("date_created_gmt")) or datetime.now(UTC),
        modified_at=moment(data.get("date_modified_gmt")), billing=address(data.get("billing")),
        shipping=address(data.get("shipping")), lines=tuple(line(item) for item in data.get("line_items") or []),
        total=amount(data.get("total")), total_tax=amount(data.get("total_tax")),
        discount_total=amount(data.get("discount_total")), discount_tax=amount(data.get("discount_tax")),
        shipping_total=amount(data.get("shipping_total")), shipping_tax=amount(data.get("shipping_tax")),
        shipping_lines=tuple(shipping_line(s) for s in data.get("shipping_lines") or []),
        fee_lines=tuple(fee_line(f) for f in data.get("fee_lines") or []),
        discounts=tuple(discount(c) for c in data.get("coupon_lines") or []),
        taxes=tuple(order_tax(t) for t in data.get("tax_lines") or []),
        payments=payments(data), messages=tuple(messages),
        refund_ids=tuple(str(r["id"]) for r in data.get("refunds") or []),
        customer_id=_id(data.get("customer_id")), prices_include_tax=bool(data.get("prices_include_tax")),
        paid_at=moment(data.get("date_paid_gmt")), completed_at=moment(data.get("date_completed_gmt")),
        meta=with_vat_number(meta := _meta(data.get("meta_data")), vat_number(meta)),
    )


def refund_line(data: Mapping[str, Any]) -> RefundLine:
    """WooCommerce writes refunded lines negative; the record holds what is given back."""
    meta = _meta(data.get("meta_data"))
    return RefundLine(
        order_line_id=meta.get("_refunded_item_id"), name=data.get("name") or "", reference=data.get("sku") or "",
        quantity=-amount(data.get("quantity")), total=-amount(data.get("total")),
        total_tax=-amount(data.get("total_tax")), taxes=_taxes(data.get("taxes"), -1),
        product_id=_id(data.get("product_id")), variant_id=_id(data.get("variation_id")),
    )


def refund(data: Mapping[str, Any], order_id: str) -> Refund:
    return Refund(
        id=str(data["id"]), order_id=order_id, created_at=moment(data.get("date_created_gmt")) or datetime.now(UTC),
        amount=amount(data.get("amount")), reason=data.get("reason") or "",
        lines=tuple(refund_line(item) for item in data.get("line_items") or []),
        shipping_lines=tuple(shipping_line(s, -1) for s in data.get("shipping_lines") or []),
        fee_lines=tuple(fee_line(f, -1) for f in data.get("fee_lines") or []),
        taxes=tuple(order_tax(t, -1) for t in data.get("tax_lines") or []),
        refunded_payment=bool(data.get("refunded_payment")),
    )
