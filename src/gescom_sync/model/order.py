"""Orders, refunds (credit notes) and returns as a shop gives them, for the order import.

Every figure the shop computed is kept as the shop computed it, as ``Decimal``: line
subtotals before discounts and totals after, their taxes per rate, shipping, fees,
coupons, and the order totals. The import (SPEC §3.6) rebuilds the order in the back
office from these and compares totals to the cent, so nothing here is recomputed or
rounded: :meth:`Order.rounding_difference` says how far the parts are from the total.

Amounts are tax excluded unless the name says ``tax``; ``Order.prices_include_tax`` tells
how the shop's catalogue prices were entered, not how these amounts are expressed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

ZERO = Decimal("0")


@dataclass(frozen=True, slots=True)
class OrderAddress:
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    line1: str = ""
    line2: str = ""
    postcode: str = ""
    city: str = ""
    state: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, as shops give it
    email: str = ""
    phone: str = ""

    @property
    def is_empty(self) -> bool:
        return not any((self.first_name, self.last_name, self.company, self.line1, self.postcode, self.city))


@dataclass(frozen=True, slots=True)
class LineTax:
    """One tax rate's share of a line: before the discounts (``subtotal``) and after (``total``)."""

    rate_id: str
    total: Decimal
    subtotal: Decimal | None = None  # shops give none for shipping and fees


@dataclass(frozen=True, slots=True)
class OrderLine:
    """A product line. ``subtotal`` is before order discounts, ``total`` after (both tax excluded)."""

    id: str
    name: str
    reference: str  # the SKU the shop holds: a back-office article or variant reference
    quantity: Decimal
    subtotal: Decimal
    subtotal_tax: Decimal
    total: Decimal
    total_tax: Decimal
    taxes: tuple[LineTax, ...] = ()
    product_id: str | None = None
    variant_id: str | None = None
    tax_class: str = ""  # the shop's tax class / rule of the product ("" = standard)
    meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def unit_price(self) -> Decimal:
        """Price of one unit before order discounts, tax excluded, unrounded."""
        return self.subtotal / self.quantity if self.quantity else ZERO

    @property
    def discount(self) -> Decimal:
        """The part of the order discounts carried by this line, tax excluded."""
        return self.subtotal - self.total

    @property
    def discount_tax(self) -> Decimal:
        return self.subtotal_tax - self.total_tax


@dataclass(frozen=True, slots=True)
class ShippingLine:
    id: str
    method_id: str  # the carrier / shipping method code, for the carrier mapping
    method_title: str
    total: Decimal
    total_tax: Decimal
    taxes: tuple[LineTax, ...] = ()
    instance_id: str = ""


@dataclass(frozen=True, slots=True)
class FeeLine:
    """An extra charge (gift wrapping, payment surcharge); a negative total is a discount."""

    id: str
    name: str
    total: Decimal
    total_tax: Decimal
    taxes: tuple[LineTax, ...] = ()
    tax_class: str = ""
    taxable: bool = True


@dataclass(frozen=True, slots=True)
class Discount:
    """A coupon / cart rule. ``amount`` and ``amount_tax`` are what it took off the lines.

    The shop has already spread it over the lines (their ``subtotal - total``), hence over
    the tax rates; ``nominal`` is the rule itself (10 for "10 %", 5 for "5.00 off").
    """

    code: str
    amount: Decimal
    amount_tax: Decimal
    kind: str = ""  # "percent", "fixed_cart", "fixed_product"...
    nominal: Decimal | None = None
    free_shipping: bool = False
    description: str = ""


@dataclass(frozen=True, slots=True)
class OrderTax:
    """The order's total for one tax rate: items and fees (``tax_total``) and shipping."""

    rate_id: str
    code: str
    label: str
    rate_percent: Decimal
    tax_total: Decimal
    shipping_tax_total: Decimal
    compound: bool = False

    @property
    def total(self) -> Decimal:
        return self.tax_total + self.shipping_tax_total


@dataclass(frozen=True, slots=True)
class Payment:
    method: str  # the payment method code, for the payment mapping
    method_title: str
    amount: Decimal
    paid_at: datetime | None = None  # None: not paid yet (cheque awaited, bank transfer...)
    transaction_id: str = ""


@dataclass(frozen=True, slots=True)
class OrderMessage:
    text: str
    from_customer: bool
    customer_visible: bool = True
    created_at: datetime | None = None
    author: str = ""


@dataclass(frozen=True, slots=True)
class Order:
    id: str
    number: str  # the number the customer sees (may differ from the id)
    status: str  # the shop's status code, for the status mapping
    currency: str
    created_at: datetime
    modified_at: datetime | None
    billing: OrderAddress
    shipping: OrderAddress
    lines: tuple[OrderLine, ...]
    total: Decimal
    total_tax: Decimal
    discount_total: Decimal = ZERO
    discount_tax: Decimal = ZERO
    shipping_total: Decimal = ZERO
    shipping_tax: Decimal = ZERO
    shipping_lines: tuple[ShippingLine, ...] = ()
    fee_lines: tuple[FeeLine, ...] = ()
    discounts: tuple[Discount, ...] = ()
    taxes: tuple[OrderTax, ...] = ()
    payments: tuple[Payment, ...] = ()
    messages: tuple[OrderMessage, ...] = ()
    refund_ids: tuple[str, ...] = ()
    customer_id: str | None = None  # None: a guest order
    prices_include_tax: bool = False
    paid_at: datetime | None = None
    completed_at: datetime | None = None
    store: str | None = None  # which shop of a multistore; None for a single shop
    meta: Mapping[str, str] = field(default_factory=dict)

    @property
    def items_subtotal(self) -> Decimal:
        """Product lines before order discounts, tax excluded."""
        return sum((line.subtotal for line in self.lines), ZERO)

    @property
    def items_total(self) -> Decimal:
        return sum((line.total for line in self.lines), ZERO)

    @property
    def fees_total(self) -> Decimal:
        return sum((fee.total for fee in self.fee_lines), ZERO)

    def computed_total_tax(self) -> Decimal:
        parts = (*self.lines, *self.fee_lines, *self.shipping_lines)
        return sum((part.total_tax for part in parts), ZERO)

    def computed_total(self) -> Decimal:
        """Lines + fees + shipping, tax excluded, plus all their taxes."""
        shipping = sum((s.total for s in self.shipping_lines), ZERO)
        return self.items_total + self.fees_total + shipping + self.computed_total_tax()

    def rounding_difference(self) -> Decimal:
        """What the shop's total holds beyond its parts (0 when they add up to the cent)."""
        return self.total - self.computed_total()


@dataclass(frozen=True, slots=True)
class RefundLine:
    """What a refund gives back for one order line; amounts and quantity are positive."""

    order_line_id: str | None
    name: str
    reference: str
    quantity: Decimal
    total: Decimal
    total_tax: Decimal
    taxes: tuple[LineTax, ...] = ()
    product_id: str | None = None
    variant_id: str | None = None


@dataclass(frozen=True, slots=True)
class Refund:
    """A refund / credit note of a shop order. Amounts are positive: what is given back."""

    id: str
    order_id: str
    created_at: datetime
    amount: Decimal
    reason: str
    lines: tuple[RefundLine, ...] = ()
    shipping_lines: tuple[ShippingLine, ...] = ()
    fee_lines: tuple[FeeLine, ...] = ()
    taxes: tuple[OrderTax, ...] = ()
    refunded_payment: bool = False  # the money went back through the payment gateway

    @property
    def lines_total(self) -> Decimal:
        return sum((line.total + line.total_tax for line in self.lines), ZERO)


@dataclass(frozen=True, slots=True)
class ReturnLine:
    order_line_id: str
    reference: str
    quantity: Decimal
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Return:
    """A product return (merchandise return) of a shop order, for shops that have them."""

    id: str
    order_id: str
    created_at: datetime
    status: str
    lines: tuple[ReturnLine, ...] = ()
    reason: str = ""
