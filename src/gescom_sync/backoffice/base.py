"""What every back-office connector offers: the BackOffice protocol and capability flags.

Operations speak to a back office only through this protocol and the records of
``gescom_sync.model``; they never see SQL or a REST API. A connector says what it can do
with ``capabilities`` so that an operation can refuse clearly (or skip a part) instead of
failing half-way. Write methods (orders, customers, payments) come with later issues.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Protocol, runtime_checkable

from gescom_sync.backoffice.writer import CustomerWriter, DocumentWriter
from gescom_sync.model import (
    AccountingCategory,
    CatalogueNode,
    Currency,
    Customer,
    CustomerGroup,
    Family,
    OpenOrderLine,
    PaymentMethod,
    Price,
    PriceConditions,
    PriceRule,
    Product,
    ShippingMode,
    StockFormula,
    StockLevel,
    Tax,
    Warehouse,
)


class Capability(StrEnum):
    SQL_FILTERS = "sql_filters"  # filters are SQL fragments on the back office's columns
    CHANGED_SINCE = "changed_since"  # products/customers can be read changed since a date
    CATALOGUE_TREE = "catalogue_tree"  # a catalogue tree besides families
    VARIANTS = "variants"  # products with variants (ranges)
    PACKAGINGS = "packagings"
    BILLS_OF_MATERIALS = "bills_of_materials"
    MULTI_WAREHOUSE = "multi_warehouse"
    STOCK_FORMULAS = "stock_formulas"  # the five formulas of SPEC §3.2
    CUSTOMER_PRICES = "customer_prices"
    QUANTITY_BREAKS = "quantity_breaks"
    FREE_FIELDS = "free_fields"  # user-defined fields on products


@dataclass(frozen=True, slots=True)
class CustomerStanding:
    """What the customer export needs beyond :class:`Customer`: can the account buy, was it
    erased for the GDPR, its risk level and payment delay (B2B data shown in the shop)."""

    account: str
    blocked: bool = False  # its risk code blocks deliveries
    gdpr_erased: bool = False  # personal data cleared, excluded from marketing, dormant
    risk_label: str | None = None
    payment_days: int | None = None


ArticleKey = tuple[str, str | None]
"""An article's reference and its master reference (None: not grouped), see ``BackOffice.article_keys``."""


@runtime_checkable
class BackOffice(Protocol):
    """The read side of a back office. ``filter`` is the user's filter, in the connector's terms."""

    name: str  # e.g. "Sage 100"
    capabilities: frozenset[Capability]

    def test_connection(self) -> str:
        """A one-line description of what was reached; ConnectionFailed when nothing was."""
        ...

    def article_keys(self, filter: str | None = None, group_field: str | None = None) -> list[ArticleKey]:
        """Every article's reference and its ``group_field`` value, a group's articles
        next to each other: what operations cut into chunks without splitting a group."""
        ...

    def products(
        self, filter: str | None = None, since: datetime | None = None, references: Collection[str] | None = None
    ) -> list[Product]: ...

    def stock(
        self,
        formula: StockFormula = StockFormula.REAL,
        warehouses: Sequence[str] | None = None,
        filter: str | None = None,
        since: datetime | None = None,
        references: Collection[str] | None = None,
    ) -> list[StockLevel]:
        """Stock summed over ``warehouses`` (ids, codes or names; None: all).
        ``references`` (here and in the other reads): those articles only.

        ``since``: only the articles whose stock in those warehouses, or whose record,
        changed at or after that moment (a stock movement alone changes no article record).
        """
        ...

    def prices(self, filter: str | None = None, since: datetime | None = None, references: Collection[str] | None = None) -> list[PriceRule]:
        """``since``: only the articles whose record or one of whose price rows changed at
        or after that moment (editing a price row changes no article record)."""
        ...

    def open_order_lines(
        self, warehouses: Sequence[str] | None = None, filter: str | None = None, references: Collection[str] | None = None
    ) -> list[OpenOrderLine]:
        """Open supplier-order and customer-order lines (next delivery dates, SPEC §3.2)."""
        ...

    def price_conditions(self, filter: str | None = None, references: Collection[str] | None = None) -> PriceConditions:
        """Variant, packaging, family, scheduled and buying-group prices (SPEC §3.3)."""
        ...

    def resolve_price(
        self,
        reference: str,
        category: str | None = None,
        customer: str | None = None,
        quantity: Decimal = Decimal(1),
    ) -> Price: ...

    def customers(self, filter: str | None = None, since: datetime | None = None) -> list[Customer]: ...

    def customer_standings(self) -> dict[str, CustomerStanding]:
        """Every customer account's standing (blocked, GDPR-erased, risk, payment delay), by account."""
        ...

    def country_codes(self) -> dict[str, str]:
        """Country names as the back office writes them -> ISO 3166 alpha-2 codes."""
        ...

    def customer_writer(self) -> CustomerWriter:
        """The write side for customer accounts (backoffice/writer.py); close it after use."""
        ...

    def document_writer(self) -> DocumentWriter:
        """The write side for sales documents (backoffice/writer.py); close it after use."""
        ...

    def price_categories(self) -> list[CustomerGroup]: ...

    def taxes(self) -> list[Tax]: ...

    def shipping_modes(self) -> list[ShippingMode]: ...

    def payment_methods(self) -> list[PaymentMethod]: ...

    def currencies(self) -> list[Currency]: ...

    def accounting_categories(self) -> list[AccountingCategory]: ...

    def warehouses(self) -> list[Warehouse]: ...

    def families(self) -> list[Family]: ...

    def catalogue(self) -> list[CatalogueNode]: ...

    def close(self) -> None:
        """Release connections."""
        ...
