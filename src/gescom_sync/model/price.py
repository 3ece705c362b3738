"""Prices: the rules a back office keeps, and one resolved price."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class PriceRuleKind(StrEnum):
    BASE = "base"  # the product's own selling price
    CATEGORY = "category"  # price of a customer group (price category)
    CUSTOMER = "customer"  # exception price of one customer
    QUANTITY_BREAK = "quantity_break"  # price from a quantity, for a category or a customer


@dataclass(frozen=True, slots=True)
class PriceRule:
    """One price rule of a product.

    ``price`` None means "the price otherwise paid" (the base price for a category or
    customer rule; the customer's or category's price for a quantity break), to which
    ``discount_percent`` applies. Quantity breaks apply when
    ``above_quantity < quantity <= up_to_quantity``.
    """

    reference: str
    kind: PriceRuleKind
    price: Decimal | None
    tax_included: bool
    discount_percent: Decimal | None = None
    category: str | None = None
    customer: str | None = None
    above_quantity: Decimal | None = None
    up_to_quantity: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Price:
    """A resolved price: what a given customer or category pays for a quantity, and why."""

    reference: str
    quantity: Decimal
    unit_price: Decimal  # after discount, at the back office's precision
    gross_price: Decimal  # before discount
    discount_percent: Decimal | None
    tax_included: bool
    rule: PriceRule  # the rule that applied
