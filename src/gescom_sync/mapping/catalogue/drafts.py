"""Key-based drafts: what the product export will write, before the shop's ids are known.

Mapping turns back-office products into these drafts; bindings then give the shop ids
(:mod:`gescom_sync.mapping.catalogue.resolve`). Every draft is keyed by back-office
keys: article references, category paths, attribute names, content hashes of files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from gescom_sync.journal.events import Message
from gescom_sync.model.shop import Dimensions, LocalFile, ProductKind


class Entity(StrEnum):
    """What ``id_of(entity, key)`` is asked about when drafts are resolved."""

    PRODUCT = "product"  # key: article reference or master reference
    VARIANT = "variant"  # key: variant key
    CATEGORY = "category"  # key: CategoryDraft.key
    SHOP_CATEGORY_NAME = "shop_category_name"  # key: a category name as the shop has it
    SHOP_CATEGORY_ID = "shop_category_id"  # key: a shop category id (returns it when it exists)
    ATTRIBUTE = "attribute"  # key: AttributeDraft.key
    BRAND = "brand"  # key: BrandDraft.key
    IMAGE = "image"  # key: sha256 of the file's content -> shop media id
    DOCUMENT = "document"  # key: sha256 of the file's content -> shop media id


@dataclass(frozen=True, slots=True)
class MappingWarning:
    """A warning about one item (``key``), kept as data for the journal."""

    key: str
    message: Message


@dataclass(frozen=True, slots=True)
class Texts:
    name: str | None = None
    description: str | None = None
    short_description: str | None = None
    meta_title: str | None = None
    meta_description: str | None = None
    meta_keywords: str | None = None
    slug: str | None = None


@dataclass(frozen=True, slots=True)
class CategoryDraft:
    key: str
    name: str
    parent_key: str | None = None


@dataclass(frozen=True, slots=True)
class AttributeDraft:
    """A global attribute: an axis of variants or a predefined feature, with its values."""

    key: str
    name: str
    values: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BrandDraft:
    key: str
    name: str


@dataclass(frozen=True, slots=True)
class MediaFile:
    """An image or document found for a product; ``sha256`` keys it in the shop."""

    path: Path
    shop_name: str
    sha256: str
    modified: datetime

    def local_file(self, title: str | None = None) -> LocalFile:
        return LocalFile(path=self.path, name=self.shop_name, title=title)


@dataclass(frozen=True, slots=True)
class FeatureValue:
    feature: str
    values: tuple[str, ...]
    predefined: bool = True


@dataclass(frozen=True, slots=True)
class Supplier:
    account: str
    reference: str | None


@dataclass(frozen=True, slots=True)
class VariantDraft:
    """One variant. Its stock is ``stock_reference``'s (a back-office article or range
    variant reference) divided by ``units`` and rounded down (packagings)."""

    key: str
    options: tuple[tuple[str, str], ...]
    sku: str | None
    stock_reference: str
    units: Decimal = Decimal(1)
    price: Decimal | None = None
    barcode: str | None = None
    weight: Decimal | None = None
    dimensions: Dimensions | None = None
    images: tuple[MediaFile, ...] = ()


@dataclass(frozen=True, slots=True)
class ProductDraft:
    key: str
    sku: str | None
    kind: ProductKind
    texts: Texts
    translations: Mapping[str, Texts] = field(default_factory=dict)
    tax_class: str | None = None
    price: Decimal | None = None
    weight: Decimal | None = None
    dimensions: Dimensions | None = None
    barcode: str | None = None
    warranty_months: int | None = None
    minimum_quantity: Decimal | None = None
    brand_key: str | None = None
    supplier: Supplier | None = None
    category_keys: tuple[str, ...] | None = None  # None: categories are not managed
    parent_category_keys: tuple[str, ...] = ()
    additional_categories: tuple[str, ...] = ()
    additional_by: str = "name"
    images: tuple[MediaFile, ...] = ()
    delete_images_first: bool = False
    documents: tuple[MediaFile, ...] = ()
    delete_documents_first: bool = False
    features: tuple[FeatureValue, ...] = ()
    axes: tuple[AttributeDraft, ...] = ()
    variants: tuple[VariantDraft, ...] = ()
    pack_components: tuple[str, ...] = ()
    cross_sells: tuple[str, ...] = ()
    active_when_created: bool = True
    active: bool = True
    stock_reference: str | None = None  # the article whose stock is the product's (simple products)


@dataclass(slots=True)
class CatalogueDraft:
    """Everything one export writes, in dependency order: categories, attributes, brands, products."""

    categories: list[CategoryDraft] = field(default_factory=list)
    attributes: list[AttributeDraft] = field(default_factory=list)
    brands: list[BrandDraft] = field(default_factory=list)
    products: list[ProductDraft] = field(default_factory=list)
    warnings: list[MappingWarning] = field(default_factory=list)

    def product(self, key: str) -> ProductDraft:
        return next(p for p in self.products if p.key == key)
