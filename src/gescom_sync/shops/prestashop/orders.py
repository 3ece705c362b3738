"""PrestaShop orders and credit slips -> ``model.order`` records, to the cent.

The connector reads an order with what hangs off it (order_details, order_payments,
order_carriers, order_cart_rules, addresses, messages) and passes it all in an
:class:`OrderData`. Amounts are kept as the shop computed them (6 decimals, rounded to the
cent): lines, shipping, wrapping, discounts, totals; whatever the shop's own rounding
leaves is what :meth:`Order.rounding_difference` reports.

Cart rules are counted once. PrestaShop gives them twice (each ``order_cart_rules`` row
and the order's ``total_discounts*``) and does not spread them over the lines; the
record says it as WooCommerce does: ``Order.discounts`` are the rules, ``discount_total``
their sum, and each line's ``total`` is after its share (``subtotal`` before), the share
pro rata of the lines' amounts (tax: of the lines' taxes), the last cent on the largest
line. No fee line is made of them. A free-shipping rule's shipping part is taken off the
shipping line, not off the products.

Gift wrapping (``total_wrapping*``) is a fee line. The order does not say its tax: it is the
shop's tax that gives that tax on the amount tax excluded, within a cent (the lines' taxes
first), as ``PS_GIFT_WRAPPING_TAX_RULES_GROUP`` charged it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, tzinfo
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gescom_sync.i18n import _
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
from gescom_sync.shops.prestashop.values import association_ids, dec, flag, ident, integer, money, moment, text

Record = Mapping[str, Any]
WRAPPING_FEE_ID = "wrapping"
SHIPPING_TAX_ID = "shipping"  # a carrier rate none of the shop's taxes has
CENT = Decimal("0.01")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)  # an order without a date (never seen; keeps the record whole)


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
    tax_names: Mapping[str, str] = field(default_factory=dict)  # tax id -> name ("TVA FR 20%"), for the tax mapping
    zone: tzinfo = UTC  # the shop's time zone (Session.zone): its dates are local times in it


def order(data: OrderData) -> Order:
    o = data.order
    free_excl, free_tax = _free_shipping(o, data.cart_rules)
    discount_excl = money(o.get("total_discounts_tax_excl")) - free_excl
    discount_tax = money(o.get("total_discounts_tax_incl")) - money(o.get("total_discounts_tax_excl")) - free_tax
    lines = _after_discounts(tuple(_line(d) for d in data.details), discount_excl, discount_tax)
    shipping = _shipping(data, free_excl, free_tax)
    fees = _fees(data)
    total_incl, total_excl = money(o.get("total_paid_tax_incl")), money(o.get("total_paid_tax_excl"))
    payments = tuple(_payment(p, text(o.get("module")), data.zone) for p in data.payments)
    return Order(
        id=str(o["id"]), number=text(o.get("reference")), status=text(o.get("current_state")),
        currency=data.currency, created_at=moment(o.get("date_add"), data.zone) or EPOCH,
        modified_at=moment(o.get("date_upd"), data.zone),
        billing=_address(data.invoice_address, data), shipping=_address(data.delivery_address, data), lines=lines,
        total=total_incl, total_tax=total_incl - total_excl, discount_total=discount_excl, discount_tax=discount_tax,
        shipping_total=sum((s.total for s in shipping), ZERO), shipping_tax=sum((s.total_tax for s in shipping), ZERO),
        shipping_lines=shipping, fee_lines=fees, discounts=_discounts(data.cart_rules, free_excl, free_tax),
        taxes=_taxes([*lines, *fees], shipping, o, data), payments=payments,
        messages=tuple(message(m, data.zone) for m in data.messages), customer_id=_customer_id(o, data.customer),
        paid_at=payments[0].paid_at if payments and integer(o.get("valid")) else None,
        store=text(o.get("id_shop")) or None, meta=_meta(o, data.invoice_address),
    )


def _customer_id(o: Record, customer: Record | None) -> str | None:
    """The customer's id; None for a guest checkout's (``is_guest``): a guest order (its id stays in ``meta``)."""
    return None if customer and flag(customer.get("is_guest")) else ident(o.get("id_customer"))


def _meta(o: Record, invoice_address: Record | None) -> dict[str, str]:
    keys = ("reference", "module", "payment", "id_cart", "invoice_number", "conversion_rate", "id_lang", "id_customer")
    meta = {k: text(o.get(k)) for k in keys if text(o.get(k))}
    if vat_number := text((invoice_address or {}).get("vat_number")):  # PrestaShop keeps it on the address
        meta["vat_number"] = vat_number
    if "conversion_rate" in meta:  # order currency per unit of the shop's: the import's currency_rate
        meta["currency_rate"] = meta["conversion_rate"]
    return meta


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


def _after_discounts(lines: tuple[OrderLine, ...], excl: Decimal, tax: Decimal) -> tuple[OrderLine, ...]:
    """The lines with their share of the cart rules taken off their totals."""
    if not lines or not (excl or tax):
        return lines
    excl_shares = _shares(excl, [line.subtotal for line in lines])
    tax_shares = _shares(tax, [line.subtotal_tax for line in lines])
    return tuple(_less(line, share, tax_share) for line, share, tax_share in zip(lines, excl_shares, tax_shares, strict=True))


def _shares(amount: Decimal, weights: Sequence[Decimal]) -> list[Decimal]:
    """``amount`` split pro rata of ``weights`` to the cent; the cents left over go to the largest weight."""
    whole = sum(weights, ZERO)
    if not whole:
        return [amount if i == 0 else ZERO for i in range(len(weights))]
    shares = [(amount * weight / whole).quantize(CENT, ROUND_HALF_UP) for weight in weights]
    largest = max(range(len(weights)), key=lambda i: weights[i])
    shares[largest] += amount - sum(shares, ZERO)
    return shares


def _less(line: OrderLine, excl: Decimal, tax: Decimal) -> OrderLine:
    taxes = tuple(replace(t, total=t.total - tax) for t in line.taxes)
    return replace(line, total=line.subtotal - excl, total_tax=line.subtotal_tax - tax, taxes=taxes)


def _free_shipping(o: Record, cart_rules: Sequence[Record]) -> tuple[Decimal, Decimal]:
    """(tax excluded, tax) of the shipping a free-shipping cart rule took back."""
    if not any(integer(rule.get("free_shipping")) == 1 for rule in cart_rules):
        return ZERO, ZERO
    excl, incl = money(o.get("total_shipping_tax_excl")), money(o.get("total_shipping_tax_incl"))
    return excl, incl - excl


def _shipping(data: OrderData, free_excl: Decimal, free_tax: Decimal) -> tuple[ShippingLine, ...]:
    o = data.order
    excl = money(o.get("total_shipping_tax_excl")) - free_excl
    tax = money(o.get("total_shipping_tax_incl")) - money(o.get("total_shipping_tax_excl")) - free_tax
    carrier = data.carriers[0] if data.carriers else {}
    carrier_id = ident(carrier.get("id_carrier")) or ident(o.get("id_carrier")) or ""
    if not carrier and not excl:
        return ()
    return (ShippingLine(id=text(carrier.get("id")) or "shipping", method_id=carrier_id,
                         method_title=data.carrier_names.get(carrier_id, ""), total=excl, total_tax=tax,
                         taxes=(LineTax(_shipping_tax_id(o, data), tax),) if tax else ()),)


def _fees(data: OrderData) -> tuple[FeeLine, ...]:
    o = data.order
    wrap_excl, wrap_incl = money(o.get("total_wrapping_tax_excl")), money(o.get("total_wrapping_tax_incl"))
    if not wrap_incl:
        return ()
    tax = wrap_incl - wrap_excl
    tax_id = _tax_giving(tax, wrap_excl, data) if tax else None
    return (FeeLine(WRAPPING_FEE_ID, _("Gift wrapping"), wrap_excl, tax,
                    taxes=(LineTax(tax_id, tax),) if tax_id else ()),)


def _tax_giving(tax: Decimal, base: Decimal, data: OrderData) -> str | None:
    """The shop's tax whose rate on ``base`` gives ``tax``, within a cent (an amount converted to the order's
    currency after its tax); the closest, one the lines use first."""
    used = [tax_id for detail in data.details for tax_id in association_ids(detail, "taxes")]
    gaps = [(abs((base * data.tax_rates.get(t, ZERO) / 100).quantize(CENT, ROUND_HALF_UP) - tax), position, t)
            for position, t in enumerate(dict.fromkeys([*used, *data.tax_rates]))]
    close = [gap for gap in gaps if gap[0] <= CENT]
    return min(close)[2] if close else None


def _discounts(cart_rules: Sequence[Record], free_excl: Decimal, free_tax: Decimal) -> tuple[Discount, ...]:
    """The cart rules, what each took off the products (a free-shipping one: less the shipping)."""
    found = []
    for rule in cart_rules:
        excl, incl = money(rule.get("value_tax_excl")), money(rule.get("value"))
        free_shipping = integer(rule.get("free_shipping")) == 1
        if free_shipping:
            excl, incl = excl - free_excl, incl - free_excl - free_tax
            free_excl = free_tax = ZERO  # the shipping is given back once
        name = text(rule.get("name"))
        found.append(Discount(code=name or text(rule.get("id_cart_rule")), amount=excl, amount_tax=incl - excl,
                              free_shipping=free_shipping, description=name))
    return tuple(found)


def _taxes(lines: Sequence[OrderLine | FeeLine], shipping: Sequence[ShippingLine], o: Record, data: OrderData
           ) -> tuple[OrderTax, ...]:
    """Per tax of the lines (and fees) and the shipping, labelled with the tax's name (its rate when unknown)."""
    per_tax: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        for tax in line.taxes:
            per_tax[tax.rate_id] += tax.total
    per_shipping_tax: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in shipping:
        for tax in line.taxes:
            per_shipping_tax[tax.rate_id] += tax.total
    carrier_rate = dec(o.get("carrier_tax_rate"))
    return tuple(_order_tax(t, data, carrier_rate, per_tax.get(t, ZERO), per_shipping_tax.get(t, ZERO))
                 for t in dict.fromkeys([*per_tax, *per_shipping_tax]))


def _order_tax(tax_id: str, data: OrderData, carrier_rate: Decimal, items: Decimal, shipping: Decimal) -> OrderTax:
    rate = data.tax_rates.get(tax_id, carrier_rate if tax_id == SHIPPING_TAX_ID else ZERO)
    return OrderTax(rate_id=tax_id, code=tax_id, label=data.tax_names.get(tax_id) or f"{rate:f} %", rate_percent=rate,
                    tax_total=items, shipping_tax_total=shipping)


def _shipping_tax_id(o: Record, data: OrderData) -> str:
    """The tax of the carrier's rate (``carrier_tax_rate``): one the lines use first, then any of
    the shop's; a rate no tax has keeps its own id."""
    rate = dec(o.get("carrier_tax_rate"))
    used = [tax_id for detail in data.details for tax_id in association_ids(detail, "taxes")]
    return next((t for t in [*used, *data.tax_rates] if data.tax_rates.get(t) == rate), SHIPPING_TAX_ID)


def _payment(p: Record, module: str, zone: tzinfo) -> Payment:
    return Payment(method=module or text(p.get("payment_method")), method_title=text(p.get("payment_method")),
                   amount=money(p.get("amount")), paid_at=moment(p.get("date_add"), zone),
                   transaction_id=text(p.get("transaction_id")))


def message(m: Record, zone: tzinfo) -> OrderMessage:
    return OrderMessage(text=text(m.get("message")), from_customer=not ident(m.get("id_employee")),
                        customer_visible=integer(m.get("private")) == 0, created_at=moment(m.get("date_add"), zone))


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


def refund(slip: Record, details: Mapping[str, Record], zone: tzinfo) -> Refund:
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
    return Refund(id=str(slip["id"]), order_id=text(slip.get("id_order")), created_at=moment(slip.get("date_add"), zone) or EPOCH,
                  amount=products_incl + ship_incl, reason="", lines=tuple(lines), shipping_lines=shipping)
