"""The Sage 100 back office, read side: SQL on the Sage table layout through SQLAlchemy Core.

SQL Server in production (``mssql+pyodbc://...``), SQLite or PostgreSQL with the same
layout for the demo and the tests. Every read runs in a read-only transaction
(session.py); user filters are checked and translated in filters.py.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from gescom_sync.backoffice.base import ArticleKey, Capability, CustomerStanding
from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.articles import read_article_keys, read_products
from gescom_sync.backoffice.sage100.catalogue import read_catalogue, read_families
from gescom_sync.backoffice.sage100.customers import CUSTOMER, read_customers
from gescom_sync.backoffice.sage100.prices import read_price_rules, resolve_price
from gescom_sync.backoffice.sage100.purchases import read_open_order_lines
from gescom_sync.backoffice.sage100.reference import (
    read_accounting_categories,
    read_currencies,
    read_payment_methods,
    read_price_categories,
    read_shipping_modes,
    read_taxes,
    read_warehouses,
)
from gescom_sync.backoffice.sage100.scope import Scope, make_scope
from gescom_sync.backoffice.sage100.session import engine_for, reading, safe_url
from gescom_sync.backoffice.sage100.stock import choose_warehouses, read_stock
from gescom_sync.backoffice.sage100.variant_prices import read_price_conditions
from gescom_sync.backoffice.sage100.writer import Sage100CustomerWriter, Sage100DocumentWriter, lookups, writable_engine
from gescom_sync.i18n import _
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


class Sage100BackOffice:
    """Reads a Sage 100 (SQL edition) database, or a database with the same layout."""

    name = "Sage 100"
    capabilities = frozenset(Capability)

    def __init__(self, engine: sa.Engine, media_folder: Path | None = None) -> None:
        self.engine = engine
        self.media_folder = media_folder

    @classmethod
    def from_url(cls, url_or_path: str | Path, media_folder: Path | str | None = None) -> Sage100BackOffice:
        """Open a SQLAlchemy URL or a SQLite file path, read-only."""
        return cls(engine_for(url_or_path), Path(media_folder) if media_folder else None)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Sage100BackOffice:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        """The database URL without its password."""
        return safe_url(self.engine.url)

    def test_connection(self) -> str:
        with reading(self.engine, "F_ARTICLE") as connection:
            articles = connection.scalar(sa.select(sa.func.count()).select_from(s.F_ARTICLE))
            customers = connection.scalar(
                sa.select(sa.func.count()).select_from(s.F_COMPTET).where(s.F_COMPTET.c.CT_Type == CUSTOMER)
            )
        return _("Sage 100 database {url}: {articles} articles, {customers} customers.").format(
            url=self.location, articles=articles, customers=customers
        )

    # ----------------------------------------------------------------- products

    def _articles(
        self, user_filter: str | None, since: datetime | None = None, references: Collection[str] | None = None
    ) -> Scope:
        among = None if references is None else s.F_ARTICLE.c.AR_Ref.in_(sorted(references))
        return make_scope(s.F_ARTICLE, "AR_Ref", self.engine.dialect.name, user_filter, sage_time(since), extra=among)

    def article_keys(self, filter: str | None = None, group_field: str | None = None) -> list[ArticleKey]:
        """Every article's reference and its ``group_field`` value (a master reference),
        a group's articles next to each other: what an operation cuts into chunks
        (``references=`` of the other reads) without splitting a group."""
        scope = self._articles(filter)
        with reading(self.engine, "F_ARTICLE", filter) as connection:
            return read_article_keys(connection, scope, group_field)

    def products(
        self, filter: str | None = None, since: datetime | None = None, references: Collection[str] | None = None
    ) -> list[Product]:
        """``references``: those articles only (a chunk of :meth:`article_keys`)."""
        scope = self._articles(filter, since, references)
        with reading(self.engine, "F_ARTICLE", filter) as connection:
            return read_products(connection, scope, self.media_folder)

    def stock(
        self,
        formula: StockFormula = StockFormula.REAL,
        warehouses: Sequence[str] | None = None,
        filter: str | None = None,
        since: datetime | None = None,
        references: Collection[str] | None = None,
    ) -> list[StockLevel]:
        """``since``: the articles whose F_ARTSTOCK / F_GAMSTOCK row in ``warehouses``, or
        whose F_ARTICLE row, has a ``cbModification`` at or after it."""
        chosen = choose_warehouses(self.warehouses(), warehouses)
        scope = self._articles(filter, references=references)
        with reading(self.engine, "F_ARTICLE", filter) as connection:
            return read_stock(connection, scope, StockFormula(formula), chosen, since=sage_time(since))

    def prices(
        self, filter: str | None = None, since: datetime | None = None, references: Collection[str] | None = None
    ) -> list[PriceRule]:
        """``since``: the rules of the articles whose record or one of whose price rows
        (prices.py, ``changed_price_articles``) has a ``cbModification`` at or after it."""
        scope = self._articles(filter, references=references)
        with reading(self.engine, "F_ARTICLE", filter) as connection:
            return read_price_rules(connection, scope, since=sage_time(since))

    def open_order_lines(
        self, warehouses: Sequence[str] | None = None, filter: str | None = None,
        references: Collection[str] | None = None,
    ) -> list[OpenOrderLine]:
        """Open supplier-order and customer-order lines in ``warehouses`` (None: all)."""
        chosen = choose_warehouses(self.warehouses(), warehouses)
        scope = self._articles(filter, references=references)
        with reading(self.engine, "F_ARTICLE", filter) as connection:
            return read_open_order_lines(connection, scope, chosen)

    def price_conditions(self, filter: str | None = None, references: Collection[str] | None = None) -> PriceConditions:
        """Variant, packaging, family, scheduled and buying-group prices (variant_prices.py)."""
        scope = self._articles(filter, references=references)
        with reading(self.engine, "F_ARTICLE", filter) as connection:
            return read_price_conditions(connection, scope)

    def resolve_price(
        self,
        reference: str,
        category: str | None = None,
        customer: str | None = None,
        quantity: Decimal | int | str = Decimal(1),
    ) -> Price:
        """The price ``customer`` (or ``category``) pays for ``quantity`` of ``reference``;
        the order of the rules is in prices.py."""
        with reading(self.engine, "F_ARTICLE") as connection:
            return resolve_price(connection, reference, category, customer, Decimal(str(quantity)))

    # ---------------------------------------------------------------- customers

    def customers(self, filter: str | None = None, since: datetime | None = None) -> list[Customer]:
        scope = make_scope(
            s.F_COMPTET, "CT_Num", self.engine.dialect.name, filter, sage_time(since),
            extra=s.F_COMPTET.c.CT_Type == CUSTOMER,
        )
        with reading(self.engine, "F_COMPTET", filter) as connection:
            return read_customers(connection, scope)

    def customer_standings(self) -> dict[str, CustomerStanding]:
        """Blocked (risk code), GDPR-erased, risk label and payment delay of every customer account."""
        return self._read("F_COMPTET", lookups.customer_standings)

    def country_codes(self) -> dict[str, str]:
        """Country names as Sage writes them (F_PAYS) -> ISO 3166 alpha-2 codes."""
        return self._read("F_PAYS", lookups.country_codes)

    def customer_writer(self) -> Sage100CustomerWriter:
        """The write side for customer accounts (its own engine: the read side stays read-only)."""
        return Sage100CustomerWriter(writable_engine(self.engine))

    def document_writer(self) -> Sage100DocumentWriter:
        """The write side for sales documents, one transaction per document (its own engine too)."""
        return Sage100DocumentWriter(writable_engine(self.engine))

    # ----------------------------------------------------------- reference data

    def _read(self, table: str, reader):
        with reading(self.engine, table) as connection:
            return reader(connection)

    def price_categories(self) -> list[CustomerGroup]:
        return self._read("P_CATTARIF", read_price_categories)

    def taxes(self) -> list[Tax]:
        return self._read("F_TAXE", read_taxes)

    def shipping_modes(self) -> list[ShippingMode]:
        return self._read("P_EXPEDITION", read_shipping_modes)

    def payment_methods(self) -> list[PaymentMethod]:
        return self._read("P_REGLEMENT", read_payment_methods)

    def currencies(self) -> list[Currency]:
        return self._read("P_DEVISE", read_currencies)

    def accounting_categories(self) -> list[AccountingCategory]:
        return self._read("P_CATCOMPTA", read_accounting_categories)

    def warehouses(self) -> list[Warehouse]:
        return self._read("F_DEPOT", read_warehouses)

    def families(self) -> list[Family]:
        return self._read("F_FAMILLE", read_families)

    def catalogue(self) -> list[CatalogueNode]:
        return self._read("F_CATALOGUE", read_catalogue)


def sage_time(moment: datetime | None) -> datetime | None:
    """``moment`` as Sage keeps its dates (``cbModification``): the local time, without a zone."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)
