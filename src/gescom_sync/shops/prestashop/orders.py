"""PrestaShop orders and credit slips -> ``model.order`` records, to the cent.

The connector reads an order with what hangs off it (order_details, order_payments,
order_carriers, order_cart_rules, addresses, messages) and passes it all in an
:class:`OrderData`. Amounts are kept as the shop computed them (6 decimals, rounded to the
cent): lines, shipping, wrapping, discounts, totals. Cart rules are not spread over the
lines by PrestaShop: they come as ``Order.discounts`` and one negative fee line, so that
the lines + fees + shipping add up to the total; whatever the shop's own rounding leaves
is what :meth:`Order.rounding_difference` reports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from gescom_sync.model.order import (
    ZERO,
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
from gescom_sync.shops.prestashop.values import association_ids, ident, integer, money, moment, text

Record = Mapping[str, Any]
DISCOUNT_FEE_ID = "cart_rules"
WRAPPING_FEE_ID = "wrapping"
EPOCH = datetime(1970, 1, 1)  # an order without a date (never seen; keeps the record whole)


@dataclass(frozen=True, slots=True)
class OrderData:
    order: Record
    details: Sequence[Record] = ()
    payments: Sequence[Record] = ()
    carriers: Sequence[Record] = ()  # order_carriers
    cart_rules: Sequence[Record] = ()  # order_cart_rules
    messages: Sequence[Record] = ()
    invoice_address: Record | None = None
    delivery_address: Record | None = None
    customer: Record | None = None
    currency: str = ""
    country_codes: Mapping[str, str] = field(default_factory=dict)  # id_country -> ISO code
    carrier_names: Mapping[str, str] = field(default_factory=dict)  # id_carrier -> name
    tax_rates: Mapping[str, Decimal] = field(default_factory=dict)  # tax id -> percent


def order(data: OrderData) -> Order:
    o = data.order
    lines = tuple(_line(d) for d in data.details)
    shipping = _shipping(data)
    total_incl, total_excl = money(o.get("total_paid_tax_incl")), money(o.get("total_paid_tax_excl"))
    discount_excl = money(o.get("total_discounts_tax_excl"))
    discount_tax = money(o.get("total_discounts_tax_incl")) - discount_excl
    payments = tuple(_payment(p, text(o.get("module"))) for p in data.payments)
    return Order(
        id=str(o["id"]), number=text(o.get("reference")), status=text(o.get("current_state")),
        currency=data.currency, created_at=moment(o.get("date_add")) or EPOCH, modified_at=moment(o.get("date_upd")),
        billing=_address(data.invoice_address, data), shipping=_address(data.delivery_address, data), lines=lines,
        total=total_incl, total_tax=total_incl - total_excl, discount_total=discount_excl, discount_tax=discount_tax,
        shipping_total=money(o.get("total_shipping_tax_excl")),
        shipping_tax=money(o.get("total_shipping_tax_incl")) - money(o.get("total_shipping_tax_excl")),
        shipping_lines=shipping, fee_lines=_fees(o, data.cart_rules), discounts=tuple(_discount(r) for r in data.cart_rules),
        taxes=_taxes(lines, shipping, o, data.tax_rates), payments=payments,
        messages=tuple(_message(m) for m in data.messages), customer_id=ident(o.get("id_customer")),
        paid_at=payments[0].paid_at if payments and integer(o.get("valid")) else None,
        store=text(o.get("id_shop")) or None, meta=_meta(o),
    )


def _meta(o: Record) -> dict[str, str]:
    keys = ("reference", "module", "payment", "id_cart", "invoice_number", "conversion_rate", "id_lang")
    return {k: text(o.get(k)) for k in keys if text(o.get(k))}


def _line(d: Record) -> OrderLine:
    excl, incl = money(d.get("total_price_tax_excl")), money(d.get("total_price_tax_incl"))
    tax = incl - excl
    tax_ids = association_ids(d, "taxes")
    return OrderLine(
        id=str(d["id"]), name=text(d.get("product_name")), reference=text(d.get("product_reference")),
        quantity=Decimal(integer(d.get("product_quantity"))), subtotal=excl, subtotal_tax=tax, total=excl,
        total_tax=tax, taxes=(LineTax(tax_ids[0] if tax_ids else "", tax, tax),) if tax or tax_ids else (),
        product_id=ident(d.get("product_id")), variant_id=ident(d.get("product_attribute_id")),
        tax_class=ident(d.get("id_tax_rules_group")) or "",
        meta={k: text(d.get(k)) for k in ("original_product_price", "reduction_percent", "product_ean13")
              if text(d.get(k))},
    )


def _shipping(data: OrderData) -> tuple[ShippingLine, ...]:
    o = data.order
    excl, incl = money(o.get("total_shipping_tax_excl")), money(o.get("total_shipping_tax_incl"))
    carrier = data.carriers[0] if data.carriers else {}
    carrier_id = ident(carrier.get("id_carrier")) or ident(o.get("id_carrier")) or ""
    if not carrier and not excl:
        return ()
    return (ShippingLine(id=text(carrier.get("id")) or "shipping", method_id=carrier_id,
                         method_title=data.carrier_names.get(carrier_id, ""), total=excl, total_tax=incl - excl,
                         taxes=(LineTax("shipping", incl - excl),) if incl != excl else ()),)


def _fees(o: Record, cart_rules: Sequence[Record]) -> tuple[FeeLine, ...]:
    fees = []
    wrap_excl, wrap_incl = money(o.get("total_wrapping_tax_excl")), money(o.get("total_wrapping_tax_incl"))
    if wrap_incl:
        fees.append(FeeLine(WRAPPING_FEE_ID, "Gift wrapping", wrap_excl, wrap_incl - wrap_excl))
    disc_excl, disc_incl = money(o.get("total_discounts_tax_excl")), money(o.get("total_discounts_tax_incl"))
    if disc_incl:
        name = ", ".join(text(r.get("name")) for r in cart_rules if text(r.get("name"))) or "Discount"
        fees.append(FeeLine(DISCOUNT_FEE_ID, name, -disc_excl, -(disc_incl - disc_excl)))
    return tuple(fees)


def _discount(rule: Record) -> Discount:
    incl, excl = money(rule.get("value")), money(rule.get("value_tax_excl"))
    return Discount(code=text(rule.get("name")) or text(rule.get("id_cart_rule")), amount=excl, amount_tax=incl - excl,
                    free_shipping=integer(rule.get("free_shipping")) == 1, description=text(rule.get("name")))


def _taxes(lines: Sequence[OrderLine], shipping: Sequence[ShippingLine], o: Record,
           rates: Mapping[str, Decimal]) -> tuple[OrderTax, ...]:
    per_tax: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        for tax in line.taxes:
            per_tax[tax.rate_id] += tax.total
    shipping_tax = sum((s.total_tax for s in shipping), ZERO)
    carrier_rate = Decimal(text(o.get("carrier_tax_rate")) or "0")
    shipping_home = next((t for t in per_tax if rates.get(t) == carrier_rate), None)
    found = [OrderTax(rate_id=t, code=t, label=f"{rates.get(t, ZERO):f} %", rate_percent=rates.get(t, ZERO),
                      tax_total=amount, shipping_tax_total=shipping_tax if t == shipping_home else ZERO)
             for t, amount in per_tax.items()]
    if shipping_tax and shipping_home is None:
        found.append(OrderTax("shipping", "shipping", f"{carrier_rate:f} %", carrier_rate, ZERO, shipping_tax))
    return tuple(found)


def _payment(p: Record, module: str) -> Payment:
    return Payment(method=module or text(p.get("payment_method")), method_title=text(p.get("payment_method")),
                   amount=money(p.get("amount")), paid_at=moment(p.get("date_add")),
                   transaction_id=text(p.get("transaction_id")))


def _message(m: Record) -> OrderMessage:
    return OrderMessage(text=text(m.get("message")), from_customer=not ident(m.get("id_employee")),
                        customer_visible=integer(m.get("private")) == 0, created_at=moment(m.get("date_add")))


def _address(a: Record | None, data: OrderData) -> OrderAddress:
    if not a:
        return OrderAddress()
    email = text((data.customer or {}).get("email"))
    return OrderAddress(
        first_name=text(a.get("firstname")), last_name=text(a.get("lastname")), company=text(a.get("company")),
        line1=text(a.get("address1")), line2=text(a.get("address2")), postcode=text(a.get("postcode")),
        city=text(a.get("city")), country=data.country_codes.get(text(a.get("id_country")), ""), email=email,
        phone=text(a.get("phone")) or text(a.get("phone_mobile")),
    )


def refund(slip: Record, details: Mapping[str, Record]) -> Refund:
    """A credit slip; its lines name the order lines (order_details) they give back."""
    lines = []
    for item in (slip.get("associations") or {}).get("order_slip_details") or []:
        detail = details.get(text(item.get("id_order_detail")), {})
        excl, incl = money(item.get("amount_tax_excl")), money(item.get("amount_tax_incl"))
        lines.append(RefundLine(
            order_line_id=ident(item.get("id_order_detail")), name=text(detail.get("product_name")),
            reference=text(detail.get("product_reference")), quantity=Decimal(integer(item.get("product_quantity"))),
            total=excl, total_tax=incl - excl, product_id=ident(detail.get("product_id")),
            variant_id=ident(detail.get("product_attribute_id"))))
    ship_excl, ship_incl = money(slip.get("total_shipping_tax_excl")), money(slip.get("total_shipping_tax_incl"))
    shipping = (ShippingLine("shipping", "", "", ship_excl, ship_incl - ship_excl),) if ship_incl else ()
    products_incl = money(slip.get("total_products_tax_incl"))
    return Refund(id=str(slip["id"]), order_id=text(slip.get("id_order")), created_at=moment(slip.get("date_add")) or EPOCH,
                  amount=products_incl + ship_incl, reason="", lines=tuple(lines), shipping_lines=shipping)
