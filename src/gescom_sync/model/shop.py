"""Shop-side records: what the operations' mapping gives a shop connector to write, and
the shop's reference data read back for the mapping tables.

They are shop-neutral (WooCommerce, PrestaShop, Shopify, Magento): each connector turns
them into its own API's shape. Every record to write carries ``key``, the back-office key
it comes from (article reference, account number...), so that each write result can be
bound; ``shop_id`` is the shop's id when the record is already bound (update), else None
(create). A field left at ``None`` is not sent: on update, the part stays as the shop has
it (SPEC §3.1 "update switches"). Money is ``Decimal``, tax excluded unless said.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path


class ProductKind(StrEnum):
    SIMPLE = "simple"
    VARIABLE = "variable"  # has variants (combinations)
    PACK = "pack"  # made of other products (grouped / bundle)


class Visibility(StrEnum):
    """Where an active product shows: everywhere, catalogue only, search only, nowhere."""

    EVERYWHERE = "everywhere"
    CATALOGUE = "catalogue"
    SEARCH = "search"
    HIDDEN = "hidden"


# --- catalogue ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShopCategory:
    key: str
    name: str
    parent_key: str | None = None  # a category of the same write, created first
    parent_shop_id: str | None = None  # or one already in the shop
    shop_id: str | None = None
    description: str | None = None
    slug: str | None = None
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)  # as ShopProduct.translations


@dataclass(frozen=True, slots=True)
class ShopAttribute:
    """A global attribute (axis of variants, or feature) and the values it must offer."""

    key: str
    name: str
    values: tuple[str, ...] = ()
    shop_id: str | None = None


@dataclass(frozen=True, slots=True)
class ImageRef:
    """An image for a product or variant: a public URL, or a media already in the shop."""

    url: str | None = None
    media_id: str | None = None
    alt: str = ""
    name: str | None = None


@dataclass(frozen=True, slots=True)
class LocalFile:
    """A file on disk to upload (image or document) and the name to give it in the shop."""

    path: Path
    name: str | None = None
    title: str | None = None

    @property
    def file_name(self) -> str:
        return self.name or self.path.name


@dataclass(frozen=True, slots=True)
class UploadedMedia:
    """A file in the shop's media library."""

    media_id: str
    url: str
    file_name: str
    reused: bool  # True when the same content had already been uploaded


@dataclass(frozen=True, slots=True)
class Dimensions:
    length: Decimal | None = None
    width: Decimal | None = None
    height: Decimal | None = None


@dataclass(frozen=True, slots=True)
class AttributeChoice:
    """On a product: an attribute and its values; ``for_variants`` makes it a variant axis."""

    name: str
    values: tuple[str, ...]
    attribute_shop_id: str | None = None  # a global attribute; None = product-local (a feature)
    for_variants: bool = False
    visible: bool = True


@dataclass(frozen=True, slots=True)
class Sale:
    """A promotional price, with optional dates (inclusive): naive = the shop's local time."""

    price: Decimal
    starts: datetime | None = None
    ends: datetime | None = None


@dataclass(frozen=True, slots=True)
class ShopProduct:
    key: str
    name: str | None = None
    kind: ProductKind = ProductKind.SIMPLE
    shop_id: str | None = None
    sku: str | None = None
    active: bool | None = None
    visibility: Visibility | None = None
    description: str | None = None
    short_description: str | None = None
    slug: str | None = None
    regular_price: Decimal | None = None
    sale: Sale | None = None
    clear_sale: bool = False  # remove a sale price the shop has
    tax_class: str | None = None  # the shop's tax class / rule code, from the tax mapping
    manage_stock: bool | None = None
    stock_quantity: Decimal | None = None
    weight: Decimal | None = None  # in the shop's unit (the mapping converts)
    dimensions: Dimensions | None = None
    barcode: str | None = None
    category_ids: tuple[str, ...] | None = None
    tag_ids: tuple[str, ...] | None = None
    brand_ids: tuple[str, ...] | None = None
    images: tuple[ImageRef, ...] | None = None  # the first is the main image
    documents: tuple[UploadedMedia, ...] | None = None
    attributes: tuple[AttributeChoice, ...] | None = None
    cross_sell_ids: tuple[str, ...] | None = None
    upsell_ids: tuple[str, ...] | None = None
    pack_item_ids: tuple[str, ...] | None = None  # for ProductKind.PACK
    meta: Mapping[str, str] = field(default_factory=dict)
    translations: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Texts of other shop languages: language code -> {"name"|"description"|"short_description"|"slug": text},
    for multilingual shops (PrestaShop); the fields above are the default language's."""


@dataclass(frozen=True, slots=True)
class ShopVariant:
    key: str
    product_shop_id: str
    options: tuple[tuple[str, str], ...] = ()  # (attribute name, value) per axis
    shop_id: str | None = None
    sku: str | None = None
    active: bool | None = None
    regular_price: Decimal | None = None
    sale: Sale | None = None
    clear_sale: bool = False
    manage_stock: bool | None = None
    stock_quantity: Decimal | None = None
    weight: Decimal | None = None
    dimensions: Dimensions | None = None
    barcode: str | None = None
    image: ImageRef | None = None
    tax_class: str | None = None
    meta: Mapping[str, str] = field(default_factory=dict)
    attribute_ids: Mapping[str, str] = field(default_factory=dict)  # attribute name -> global attribute id


@dataclass(frozen=True, slots=True)
class StockUpdate:
    """The stock of a product or variant, and what the stock update sends with it.

    ``quantity`` None leaves the quantity as the shop has it (only other parts changed);
    every optional field left at None is not sent. ``active`` False deactivates, True
    reactivates; ``in_stock`` sets the shop's stock status (for records whose stock the
    shop does not count).
    """

    key: str
    product_shop_id: str
    quantity: Decimal | None
    variant_shop_id: str | None = None
    manage_stock: bool = True
    next_delivery: date | None = None
    clear_next_delivery: bool = False  # remove the date the shop has (none is expected any more)
    weight: Decimal | None = None  # in the shop's unit
    barcode: str | None = None
    minimum_quantity: Decimal | None = None
    warranty_months: int | None = None
    active: bool | None = None
    in_stock: bool | None = None


@dataclass(frozen=True, slots=True)
class DefaultVariant:
    """Make the variant with ``options`` the one a variable product shows first (because
    the previous default is out of stock)."""

    key: str
    product_shop_id: str
    options: tuple[tuple[str, str], ...]  # (attribute name, value) per axis
    attribute_ids: Mapping[str, str] = field(default_factory=dict)  # attribute name -> global attribute id


@dataclass(frozen=True, slots=True)
class PriceUpdate:
    key: str
    product_shop_id: str
    regular_price: Decimal
    variant_shop_id: str | None = None
    sale: Sale | None = None  # None: no sale (an existing one is removed)


@dataclass(frozen=True, slots=True)
class Activation:
    key: str
    product_shop_id: str
    active: bool
    variant_shop_id: str | None = None


@dataclass(frozen=True, slots=True)
class ShopBrand:
    key: str
    name: str
    shop_id: str | None = None
    description: str | None = None


@dataclass(frozen=True, slots=True)
class SpecificPrice:
    """A price for a customer group or one customer, optionally from a quantity."""

    key: str
    product_shop_id: str
    price: Decimal
    group_shop_id: str | None = None
    customer_shop_id: str | None = None
    variant_shop_id: str | None = None
    from_quantity: Decimal = Decimal("1")
    starts: datetime | None = None
    ends: datetime | None = None


@dataclass(frozen=True, slots=True)
class ShopProductState:
    """A product or variant as the shop has it now (to diff stock and prices, repair bindings)."""

    shop_id: str
    sku: str
    key: str | None  # the back-office key gescom-sync stored on it, when it wrote it
    parent_shop_id: str | None
    kind: str
    active: bool
    manage_stock: bool
    stock_quantity: Decimal | None
    regular_price: Decimal | None
    sale_price: Decimal | None
    modified_at: datetime | None
    variant_ids: tuple[str, ...] = ()


# --- customers ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShopAddress:
    first_name: str = ""
    last_name: str = ""
    company: str = ""
    line1: str = ""
    line2: str = ""
    postcode: str = ""
    city: str = ""
    state: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    phone: str = ""
    email: str = ""


@dataclass(frozen=True, slots=True)
class ShopCustomerGroup:
    key: str
    name: str
    tax_included: bool = False
    shop_id: str | None = None


@dataclass(frozen=True, slots=True)
class ShopCustomer:
    key: str  # the back-office account number
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    company: str | None = None
    shop_id: str | None = None
    username: str | None = None
    password: str | None = field(default=None, repr=False)  # only on creation, when the policy sets one
    billing: ShopAddress | None = None
    shipping: ShopAddress | None = None
    group_shop_id: str | None = None
    meta: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ShopAccount:
    """A customer account read from the shop (prospects import)."""

    id: str
    email: str
    first_name: str
    last_name: str
    created_at: datetime | None
    modified_at: datetime | None
    billing: ShopAddress
    shipping: ShopAddress
    has_ordered: bool
    meta: Mapping[str, str] = field(default_factory=dict)


# --- reference data -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShopTaxRate:
    id: str
    rate: Decimal  # percent: 20 for 20 %
    name: str
    country: str = ""
    state: str = ""
    applies_to_shipping: bool = True
    compound: bool = False


@dataclass(frozen=True, slots=True)
class ShopTaxClass:
    code: str
    name: str
    rates: tuple[ShopTaxRate, ...] = ()


@dataclass(frozen=True, slots=True)
class ShopCode:
    """A code and its label, for the mapping tables: carrier, payment method, order status..."""

    code: str
    name: str
    enabled: bool = True


@dataclass(frozen=True, slots=True)
class ShopStore:
    id: str
    name: str
    url: str
