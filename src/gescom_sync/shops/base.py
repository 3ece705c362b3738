"""The Shop protocol: what every shop connector (WooCommerce, PrestaShop, Shopify,
Magento) offers the operations.

Writes take shop-neutral records (``gescom_sync.model.shop``) built by the operations'
mapping and return one :class:`WriteResult` per record, in input order: created,
updated, deleted or failed with the shop's own message. A failed item never stops the
others. How the writes are batched is the connector's business: each writes in the
largest batch its API allows, under its shop's concurrency budget.

A method whose capability the connector does not support raises
:class:`~gescom_sync.shops.capabilities.NotSupported` with the reason; operations can ask
first through ``shop.capabilities``. Reads return model records, money as ``Decimal``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum
from typing import Protocol, runtime_checkable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.model.order import Order, OrderMessage, Refund, Return
from gescom_sync.model.shop import (
    Activation,
    DefaultVariant,
    LocalFile,
    PriceUpdate,
    ShopAccount,
    ShopAttribute,
    ShopBrand,
    ShopCategory,
    ShopCode,
    ShopCustomer,
    ShopCustomerGroup,
    ShopProduct,
    ShopProductState,
    ShopStore,
    ShopTaxClass,
    ShopVariant,
    SpecificPrice,
    StockUpdate,
    UploadedMedia,
)
from gescom_sync.shops.capabilities import Capabilities


class WriteOutcome(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    UNCHANGED = "unchanged"  # already as asked in the shop: nothing was sent
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What happened to one record of a write.

    ``shop_id`` is the shop's id of the record (to bind) when the write succeeded.
    On failure, ``message`` is the shop's own text (or ours when the shop said nothing),
    ``code`` the shop's error code, and ``existing_shop_id`` the id of a record the shop
    says already holds this identity (WooCommerce's duplicate SKU ``resource_id``), so
    that the operation can bind it and update instead.
    """

    key: str
    outcome: WriteOutcome
    shop_id: str | None = None
    message: str | None = None
    code: str | None = None
    existing_shop_id: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome is not WriteOutcome.FAILED


@dataclass(frozen=True, slots=True)
class OrderQuery:
    """Which orders (or refunds, returns) to read.

    ``created_from``/``created_to`` select by order date; ``modified_after`` reads
    incrementally (the watermark). ``statuses`` are shop status codes (empty: all);
    ``stores`` the shops of a multistore to read (empty: all). ``with_messages`` also
    reads the order's notes (one more request per order on some shops): an operation that
    imports only some of the orders read asks :meth:`Shop.read_order_messages` for those.
    """

    created_from: datetime | None = None
    created_to: datetime | None = None
    modified_after: datetime | None = None
    statuses: tuple[str, ...] = ()
    stores: tuple[str, ...] = ()
    order_ids: tuple[str, ...] = ()
    with_messages: bool = False


@runtime_checkable
class Shop(Protocol):
    """A shop connector. ``name`` is its shop's name for messages ("WooCommerce")."""

    name: str

    @property
    def capabilities(self) -> Capabilities: ...

    def test_connection(self) -> str:
        """Check address, credentials and permissions; return a one-line summary or raise
        a ``GescomError`` saying what is wrong and what to do."""
        ...

    def close(self) -> None: ...

    def time_zone(self) -> tzinfo:
        """The shop's time zone, learnt once per connector: its days are the days of periods, of
        grouping per day and of document dates. The profile's ``shop.timezone``, else what the shop
        says; :class:`TimeZoneUnknown` when the shop does not say it (the caller decides what to
        fall back on), a ``ConfigError`` for a name that is no zone."""
        ...

    # -- reference data ------------------------------------------------------------------
    def languages(self) -> list[ShopCode]: ...
    def tax_classes(self) -> list[ShopTaxClass]: ...
    def carriers(self) -> list[ShopCode]: ...
    def payment_methods(self) -> list[ShopCode]: ...
    def order_statuses(self) -> list[ShopCode]: ...
    def countries(self) -> list[ShopCode]: ...
    def currencies(self) -> list[ShopCode]: ...
    def stores(self) -> list[ShopStore]: ...

    # -- catalogue -----------------------------------------------------------------------
    def read_products(self, modified_after: datetime | None = None) -> Iterator[ShopProductState]:
        """Products as the shop has them (stock, prices, the back-office key written on them)."""
        ...

    def read_variants(self, product_shop_id: str) -> Iterator[ShopProductState]: ...

    def find_product_ids(self, skus: Sequence[str]) -> list[str | None]:
        """Ids of the products holding ``skus`` (None where none does): to repair lost bindings."""
        ...

    def read_categories(self) -> list[ShopCategory]:
        """Every product category of the shop (``key`` = ``shop_id``), to link the categories
        the merchant made in the shop ("additional categories")."""
        ...

    def write_categories(self, categories: Sequence[ShopCategory]) -> list[WriteResult]:
        """Create or update categories; a ``parent_key`` of the same call is written first."""
        ...

    def write_attributes(self, attributes: Sequence[ShopAttribute]) -> list[WriteResult]:
        """Create or update attributes, then their missing values (results keyed
        ``"<attribute key>"`` and ``"<attribute key>/<value>"``)."""
        ...

    def write_products(self, products: Sequence[ShopProduct]) -> list[WriteResult]: ...
    def write_variants(self, variants: Sequence[ShopVariant]) -> list[WriteResult]: ...
    def delete_variants(self, keys_and_ids: Sequence[tuple[str, str, str]]) -> list[WriteResult]:
        """Delete variants for good: (key, product shop id, variant shop id)."""
        ...

    def set_default_variants(self, defaults: Sequence[DefaultVariant]) -> list[WriteResult]:
        """The variant each variable product shows first (moved off an out-of-stock one)."""
        ...

    def delete_products(self, keys_and_ids: Sequence[tuple[str, str]]) -> list[WriteResult]: ...
    def write_brands(self, brands: Sequence[ShopBrand]) -> list[WriteResult]: ...
    def upload_image(self, image: LocalFile) -> UploadedMedia: ...
    def upload_document(self, document: LocalFile) -> UploadedMedia: ...
    def write_stock(self, updates: Sequence[StockUpdate]) -> list[WriteResult]: ...
    def write_prices(self, updates: Sequence[PriceUpdate]) -> list[WriteResult]: ...
    def write_specific_prices(self, prices: Sequence[SpecificPrice]) -> list[WriteResult]: ...
    def set_active(self, changes: Sequence[Activation]) -> list[WriteResult]: ...

    # -- customers -----------------------------------------------------------------------
    def write_customer_groups(self, groups: Sequence[ShopCustomerGroup]) -> list[WriteResult]: ...
    def write_customers(self, customers: Sequence[ShopCustomer]) -> list[WriteResult]: ...
    def disable_customers(self, keys_and_ids: Sequence[tuple[str, str]]) -> list[WriteResult]: ...
    def anonymise_customers(self, keys_and_ids: Sequence[tuple[str, str]], email: str) -> list[WriteResult]: ...
    def read_customers(self, modified_after: datetime | None = None) -> Iterator[ShopAccount]: ...

    # -- orders --------------------------------------------------------------------------
    def read_orders(self, query: OrderQuery) -> Iterator[Order]: ...
    def read_order(self, order_id: str) -> Order: ...
    def with_customer_vat_numbers(self, orders: Sequence[Order]) -> list[Order]:
        """``orders``, those without a VAT number of their own (meta ``vat_number``) given their registered
        customer's where the shop keeps it on the customer (WooCommerce); as they are where the order
        carries it already (PrestaShop: its invoice address). Asked for the orders to import only."""
        ...

    def read_order_messages(self, order_ids: Sequence[str]) -> dict[str, tuple[OrderMessage, ...]]:
        """The messages of these orders that ``read_orders`` leaves out without ``with_messages``
        (WooCommerce: its notes; PrestaShop: its messages), by order id; to be appended to the
        order's ``messages``."""
        ...

    def set_order_status(self, order_id: str, status: str) -> WriteResult: ...
    def set_order_statuses(self, changes: Sequence[tuple[str, str]]) -> list[WriteResult]:
        """Set many orders' statuses, (order id, status) each, in the largest batch the shop takes;
        one result per change, keyed by order id, in input order."""
        ...

    def add_order_note(self, order_id: str, text: str, *, customer_visible: bool) -> WriteResult: ...
    def set_tracking_number(self, order_id: str, carrier: str, number: str) -> WriteResult: ...
    def set_order_reference(self, order_id: str, reference: str) -> WriteResult: ...
    def attach_order_document(self, order_id: str, document: LocalFile, *, customer_visible: bool) -> WriteResult: ...
    def read_refunds(self, query: OrderQuery) -> Iterator[Refund]: ...
    def read_returns(self, query: OrderQuery) -> Iterator[Return]: ...


SYSTEM_ZONE = "/etc/localtime"


class TimeZoneUnknown(Exception):
    """The shop does not say its time zone (and the profile sets none); ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def named_zone(name: str, source: str, url: str) -> ZoneInfo:
    """The IANA zone ``name`` given by ``source`` (``shop.timezone``, ``PS_TIMEZONE``...) for the shop at
    ``url``; a ``ConfigError`` saying what and where when it is no zone."""
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(_("The time zone \"{name}\" ({source}) of the shop {url} is not a time zone name "
                            "(such as Europe/Paris).").format(name=name, source=source, url=url)) from None


def machine_zone() -> tzinfo:
    """The machine's time zone: ``TZ``, else the system's (``/etc/localtime``), else its current offset
    (Windows), so that days across a change of summer time stay whole where the zone is known."""
    name = os.environ.get("TZ", "").lstrip(":")
    try:
        if name:
            return ZoneInfo(name)
        link = os.path.realpath(SYSTEM_ZONE)  # /usr/share/zoneinfo/Europe/Paris: its name, for the messages
        if "/zoneinfo/" in link:
            return ZoneInfo(link.split("/zoneinfo/", 1)[1])
        with open(SYSTEM_ZONE, "rb") as system:
            return ZoneInfo.from_file(system, key="localtime")
    except (OSError, ValueError, ZoneInfoNotFoundError):
        return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")
