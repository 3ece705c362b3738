"""Prices: the rules a back office keeps, and one resolved price."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
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


@dataclass(frozen=True, slots=True)
class VariantPrice:
    """The price of one variant of a product with variants, for a category or a customer.

    ``new_price`` is a price the back office schedules (it applies from the product's
    scheduled date, see :class:`ScheduledPrice`).
    """

    reference: str
    variant: str  # Variant.reference
    price: Decimal
    category: str | None = None
    customer: str | None = None
    new_price: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PackagingPrice:
    """The price of one whole packaging (a box of 12...), for a category or a customer."""

    reference: str
    packaging: str  # Packaging.name
    quantity: Decimal  # units in the packaging
    price: Decimal
    category: str | None = None
    customer: str | None = None
    new_price: Decimal | None = None


@dataclass(frozen=True, slots=True)
class FamilyPriceRule:
    """How a family prices a category when its product has no price of its own for it:
    purchase price × ``coefficient``, less ``discount_percent``."""

    family: str
    category: str
    coefficient: Decimal | None
    discount_percent: Decimal | None
    tax_included: bool = False


@dataclass(frozen=True, slots=True)
class FamilyDiscount:
    """A customer's discount on every product of a family."""

    family: str
    customer: str
    discount_percent: Decimal


@dataclass(frozen=True, slots=True)
class ScheduledPrice:
    """A new price the back office applies from ``applies_from`` (a price change, not a sale).

    No category nor customer: the product's own selling price; else that category's or
    customer's price. ``price`` None keeps the current price with a new discount.
    """

    reference: str
    applies_from: date
    price: Decimal | None
    discount_percent: Decimal | None = None
    category: str | None = None
    customer: str | None = None


@dataclass(frozen=True, slots=True)
class PriceConditions:
    """The price data beyond :class:`PriceRule`: variants, packagings, families, scheduled
    prices and buying groups (member account -> the buying group's account)."""

    variant_prices: tuple[VariantPrice, ...] = ()
    packaging_prices: tuple[PackagingPrice, ...] = ()
    family_rules: tuple[FamilyPriceRule, ...] = ()
    family_discounts: tuple[FamilyDiscount, ...] = ()
    scheduled: tuple[ScheduledPrice, ...] = ()
    buying_groups: Mapping[str, str] = field(default_factory=dict)
