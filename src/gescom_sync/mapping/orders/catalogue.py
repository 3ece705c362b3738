"""What the order mapping needs to know of the back office, read once per run.

A plain snapshot (the Sage side builds it in ``backoffice/sage100/writer/catalogue.py``)
so the mapping stays a pure function: articles with their range variants and
packagings by the reference the shop holds, tax rates, shipping modes' articles and
currency rates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from gescom_sync.mapping.orders.draft import ZERO


@dataclass(frozen=True, slots=True)
class ArticleInfo:
    reference: str
    designation: str
    dormant: bool = False
    stock_managed: bool = True
    substitute: str | None = None
    available: Decimal = ZERO  # real - reserved - prepared, every warehouse
    ecotax: Decimal = ZERO  # flat eco-tax per unit (tax excluded)
    ecotax_code: str | None = None


@dataclass(frozen=True, slots=True)
class VariantRef:
    """A range variant (F_ARTENUMREF): its own reference points to the article + numbers."""

    article: str
    numbers: tuple[int, int]
    label: str


@dataclass(frozen=True, slots=True)
class PackagingRef:
    """A packaging (F_CONDITION) with its own reference, or ``ARTICLE#name``."""

    article: str
    name: str
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class Resolved:
    article: ArticleInfo
    variant: VariantRef | None = None
    packaging: PackagingRef | None = None


@dataclass(frozen=True, slots=True)
class OrderCatalogue:
    articles: Mapping[str, ArticleInfo]
    variants: Mapping[str, VariantRef] = field(default_factory=dict)
    packagings: Mapping[str, PackagingRef] = field(default_factory=dict)
    tax_rates: Mapping[str, Decimal] = field(default_factory=dict)  # TA_Code -> percent
    shipping_articles: Mapping[int, str] = field(default_factory=dict)  # P_EXPEDITION slot -> AR_Ref
    currency_rates: Mapping[int, Decimal] = field(default_factory=dict)  # P_DEVISE slot -> D_Cours

    def resolve(self, reference: str) -> Resolved | None:
        """The article, range variant or packaging the shop's reference names (case ignored)."""
        for key in dict.fromkeys((reference.strip(), reference.strip().upper())):
            if key in self.articles:
                return Resolved(self.articles[key])
            if key in self.variants:
                variant = self.variants[key]
                return Resolved(self.articles[variant.article], variant=variant)
            if key in self.packagings:
                packaging = self.packagings[key]
                return Resolved(self.articles[packaging.article], packaging=packaging)
        return None
