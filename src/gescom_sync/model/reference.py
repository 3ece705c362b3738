"""Reference data a mapping table offers as choices: taxes, shipping, payment, currencies."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum


class TaxRateKind(StrEnum):
    PERCENT = "percent"
    AMOUNT = "amount"
    PER_QUANTITY = "per_quantity"


@dataclass(frozen=True, slots=True)
class Tax:
    code: str
    name: str
    rate: Decimal
    rate_kind: TaxRateKind = TaxRateKind.PERCENT
    account: str | None = None


@dataclass(frozen=True, slots=True)
class ShippingMode:
    id: str
    name: str
    code: str | None = None
    article: str | None = None  # the product used for shipping-cost lines


@dataclass(frozen=True, slots=True)
class PaymentMethod:
    id: str
    name: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Currency:
    id: str
    name: str
    iso_code: str | None = None
    symbol: str | None = None
    rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class AccountingCategory:
    """A sales accounting category (France, EU, export...): picks the product's tax codes."""

    id: str
    name: str
