"""The pieces of the product export that write to the shop: ids from bindings, categories,
attributes, brands, media uploads, and the push drafts of products and variants.

Each function takes the run and the mapping's drafts, journals what it does and goes
through :func:`gescom_sync.operations.push.push` (bind, diff by part, batch write, bind).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from typing import TypeVar

from gescom_sync.errors import GescomError
from gescom_sync.i18n import N_, _
from gescom_sync.journal import Action, Message
from gescom_sync.mapping.catalogue import (
    AttributeDraft,
    BrandDraft,
    CategoryDraft,
    Entity,
    MappingWarning,
    MediaFile,
    Part,
    ProductDraft,
    ProductResolver,
    VariantDraft,
    part_payloads,
)
from gescom_sync.mapping.catalogue.parts import content_hash as part_hash
from gescom_sync.mapping.prices import PriceDraft
from gescom_sync.mapping.stock import StockDraft
from gescom_sync.model.shop import ShopAttribute, ShopBrand, ShopCategory, ShopProduct, ShopVariant, UploadedMedia
from gescom_sync.operations.push import Draft, content_hash, push
from gescom_sync.operations.run import OperationRun
from gescom_sync.operations.update_stock import quantity_hash
from gescom_sync.shops import WriteResult
from gescom_sync.shops.base import WriteOutcome
from gescom_sync.shops.woocommerce.media import MEDIA_ENTITY
from gescom_sync.state.records import Binding

Rec = TypeVar("Rec", ShopProduct, ShopVariant)

DRY_RUN_PRODUCT_ID = ""
"""A new product's id in a dry run: its variants are planned, never written."""


class ShopIds:
    """``id_of(entity, key)`` for the mapping's resolver: what the bindings know, read once
    per entity and read again after each write of that entity (:meth:`forget`), so that
    what this run created is seen by what comes next; categories named by the merchant
    ("additional categories") are looked for in the shop itself.

    A run in chunks narrows it to a chunk's keys (:meth:`scope`): the bindings of its products and
    variants are read for those keys only, in bulk, and a key outside them (a link to
    another chunk's product) on its own."""

    SCOPED = frozenset({Entity.PRODUCT.value, Entity.VARIANT.value})

    def __init__(self, run: OperationRun) -> None:
        self.run = run
        self.bindings = run.store.bindings
        self.profile = run.profile.name
        self._shop_categories: list[ShopCategory] | None = None
        self._bound: dict[str, dict[str, Binding]] = {}
        self._scope: frozenset[str] | None = None

    def scope(self, keys: Iterable[str]) -> None:
        """Products and variants of ``keys`` from now on (a chunk's)."""
        self._scope = frozenset(keys)
        for entity in self.SCOPED:
            self.forget(entity)

    def forget(self, entity: str) -> None:
        """``entity``'s bindings changed (a write): read them again when next asked."""
        self._bound.pop(entity, None)

    def __call__(self, entity: str, key: str) -> str | None:
        if entity in (Entity.IMAGE, Entity.DOCUMENT):
            return self._shop_id(MEDIA_ENTITY, f"sha256:{key}")  # what the connector's media cache binds
        if entity == Entity.SHOP_CATEGORY_ID:
            return key if any(c.shop_id == key.strip() for c in self.shop_categories()) else None
        if entity == Entity.SHOP_CATEGORY_NAME:
            wanted = key.strip().casefold()
            return next((c.shop_id for c in self.shop_categories() if c.name.strip().casefold() == wanted), None)
        return self._shop_id(entity, key)

    def stored_parts(self, entity: str, key: str) -> Mapping[str, str] | None:
        """The part hashes last sent for ``key``; None when it is not in the shop."""
        binding = self._binding(entity, key)
        return None if binding is None else binding.part_hashes

    def shop_categories(self) -> list[ShopCategory]:
        """The shop's categories, read once per run (after this run's own were written)."""
        if self._shop_categories is None:
            self._shop_categories = list(self.run.shop.read_categories())
        return self._shop_categories

    def _shop_id(self, entity: str, key: str) -> str | None:
        binding = self._binding(entity, key)
        return binding.shop_id if binding else None

    def _binding(self, entity: str, key: str) -> Binding | None:
        scoped = self._scope is not None and entity in self.SCOPED
        if scoped and key not in self._scope:
            return self.bindings.get(self.profile, entity, key)
        if entity not in self._bound:
            found = self.bindings.get_many(self.profile, entity, self._scope).values() if scoped \
                else self.bindings.list(self.profile, entity)
            self._bound[entity] = {b.erp_key: b for b in found}
        return self._bound[entity].get(key)


# --- categories, attributes, brands -------------------------------------------------------


def push_categories(run: OperationRun, drafts: Sequence[CategoryDraft], ids: ShopIds) -> None:
    """Parents first (the mapping drafts them so); a parent written in the same call is
    linked by its key, one already in the shop by its id."""

    def draft(category: CategoryDraft) -> Draft[ShopCategory]:
        def build(shop_id: str | None, parts: frozenset[str]) -> ShopCategory:
            parent_id = ids(Entity.CATEGORY, category.parent_key) if category.parent_key else None
            return ShopCategory(key=category.key, name=category.name, shop_id=shop_id, parent_shop_id=parent_id,
                                parent_key=None if parent_id else category.parent_key)

        return Draft(category.key, {"category": content_hash([category.name, category.parent_key])}, build)

    run.journal.expect(len(drafts))
    push(run, Entity.CATEGORY, [draft(c) for c in drafts], run.shop.write_categories)
    ids.forget(Entity.CATEGORY)


def push_attributes(run: OperationRun, drafts: Sequence[AttributeDraft], ids: ShopIds) -> None:
    """Attributes and their values; a value the shop refuses fails its attribute."""

    def draft(attribute: AttributeDraft) -> Draft[ShopAttribute]:
        def build(shop_id: str | None, parts: frozenset[str]) -> ShopAttribute:
            return ShopAttribute(attribute.key, attribute.name, attribute.values, shop_id)

        return Draft(attribute.key, {"name": content_hash(attribute.name), "values": content_hash(attribute.values)},
                     build)

    def write(records: Sequence[ShopAttribute]) -> list[WriteResult]:
        return attribute_results(records, run.shop.write_attributes(records))

    run.journal.expect(len(drafts))
    push(run, Entity.ATTRIBUTE, [draft(a) for a in drafts], write)
    ids.forget(Entity.ATTRIBUTE)


def attribute_results(records: Sequence[ShopAttribute], results: Sequence[WriteResult]) -> list[WriteResult]:
    """One result per attribute from the connector's attribute + "<key>/<value>" results."""
    by_key = {r.key: r for r in results}
    merged = []
    for record in records:
        result = by_key[record.key]
        failed = [r for key, r in by_key.items() if key.startswith(f"{record.key}/") and not r.ok]
        if result.ok and failed:
            reasons = "; ".join(f"{r.key.removeprefix(record.key + '/')}: {r.message}" for r in failed)
            result = WriteResult(record.key, WriteOutcome.FAILED, message=reasons)
        merged.append(result)
    return merged


def push_brands(run: OperationRun, drafts: Sequence[BrandDraft], ids: ShopIds) -> None:
    def draft(brand: BrandDraft) -> Draft[ShopBrand]:
        return Draft(brand.key, {"name": content_hash(brand.name)},
                     lambda shop_id, parts: ShopBrand(brand.key, brand.name, shop_id))

    run.journal.expect(len(drafts))
    push(run, Entity.BRAND, [draft(b) for b in drafts], run.shop.write_brands)
    ids.forget(Entity.BRAND)


# --- images and documents -------------------------------------------------------------------


def upload_files(
    run: OperationRun, entity: str, files: Sequence[MediaFile], upload: Callable[[MediaFile], UploadedMedia]
) -> tuple[dict[str, UploadedMedia], set[str]]:
    """Upload each file once; returns (sha256 -> uploaded, sha256 of the files that failed).

    A dry run uploads nothing and says what it would upload.
    """
    uploaded: dict[str, UploadedMedia] = {}
    failed: set[str] = set()
    for file in files:
        if run.options.dry_run:
            run.journal.item(entity, file.path.name, Action.CREATED, Message(N_("dry run, would upload {file}"),
                                                                              file=file.shop_name))
            continue
        try:
            media = upload(file)
        except GescomError as error:
            failed.add(file.sha256)
            run.journal.item(entity, file.path.name, Action.FAILED, Message(error.message, literal=True))
            continue
        uploaded[file.sha256] = media
        action = Action.UNCHANGED if media.reused else Action.CREATED
        run.journal.item(entity, file.path.name, action, Message(N_("media {id}"), id=media.media_id))
    return uploaded, failed


def all_images(draft: ProductDraft) -> list[MediaFile]:
    """The product's gallery and its variants' pictures, each content once."""
    return list({f.sha256: f for f in (*draft.images, *(i for v in draft.variants for i in v.images))}.values())


def has_images_since(draft: ProductDraft, since: datetime | None) -> bool:
    if since is None:
        return bool(all_images(draft))
    since = since if since.tzinfo else since.replace(tzinfo=UTC)
    return any(f.modified > since for f in all_images(draft))


# --- products and variants ------------------------------------------------------------------


@dataclass(frozen=True)
class UpdateParts:
    """The quantity and price of each shop record (by product or variant key) as update
    stock and update prices make them: the export sends these, and stores their hashes
    under the updates' own part names, so that neither operation re-sends what the other
    sent. A record without a price draft (its VAT rate is unknown...) gets the catalogue's
    price, without a sale."""

    stock: Mapping[str, StockDraft]
    prices: Mapping[str, PriceDraft]

    def price(self, product_key: str, variant_key: str | None, catalogue_price: Decimal | None) -> PriceDraft | None:
        key = variant_key or product_key
        if key in self.prices:
            return self.prices[key]
        if catalogue_price is None:
            return None
        return PriceDraft(product_key, variant_key, key, catalogue_price)

    def hashes(self, product_key: str, variant_key: str | None, catalogue_price: Decimal | None) -> dict[str, str]:
        """The shared parts' hashes of one record: those the updates compute."""
        hashes = {}
        stock = self.stock.get(variant_key or product_key)
        if stock is not None:
            hashes[str(Part.QUANTITY)] = quantity_hash(stock)
        price = self.price(product_key, variant_key, catalogue_price)
        if price is not None:
            hashes[str(Part.PRICE)] = price.content_hash()
        return hashes

    def apply(self, record: Rec, product_key: str, variant_key: str | None, catalogue_price: Decimal | None,
              parts: frozenset[str]) -> Rec:
        """``record`` with the shared parts' values when they are sent, without them when not."""
        stock = self.stock.get(variant_key or product_key) if str(Part.QUANTITY) in parts else None
        price = self.price(product_key, variant_key, catalogue_price) if str(Part.PRICE) in parts else None
        return dataclasses.replace(
            record,
            stock_quantity=stock.quantity if stock else None, manage_stock=stock.manage_stock if stock else None,
            regular_price=price.regular_price if price else None, sale=price.sale if price else None,
            clear_sale=price is not None and price.sale is None and record.shop_id is not None,  # as update prices does
        )


VARIANT_PARTS = (Part.WEIGHT, Part.DIMENSIONS, Part.BARCODE)
SHARED_PARTS = (Part.PRICE, Part.QUANTITY)


def product_hashes(draft: ProductDraft, shared: UpdateParts) -> dict[str, str]:
    """The product's part hashes. Variants are pushed with their own hashes (entity
    "variant"), so a product with variants leaves their prices, weights, dimensions,
    barcodes and quantities out: one variant's new price writes that variant only."""
    payloads = part_payloads(draft)
    for part in SHARED_PARTS:
        payloads.pop(part, None)
    if draft.variants:
        for part in VARIANT_PARTS:
            payloads[part] = {name: value for name, value in payloads[part].items() if name != "variants"}
    hashes = {str(part): part_hash(payload) for part, payload in payloads.items()}
    if not draft.variants:
        hashes |= shared.hashes(draft.key, None, draft.price)
    return hashes


def product_draft(
    draft: ProductDraft,
    hashes: Mapping[str, str],
    resolver: ProductResolver,
    shared: UpdateParts,
) -> Draft[ShopProduct]:
    def build(shop_id: str | None, parts: frozenset[str]) -> ShopProduct:
        record = resolver.product(draft, {Part(p) for p in parts})
        record = dataclasses.replace(record, shop_id=shop_id, active=draft.active_when_created if shop_id is None else None,
                                     tax_class=draft.tax_class if str(Part.TAX_CLASS) in parts else None)
        if draft.variants:
            return dataclasses.replace(record, regular_price=None)
        return shared.apply(record, draft.key, None, draft.price, parts)

    return Draft(draft.key, dict(hashes), build)


def variant_hashes(variant: VariantDraft, product_key: str, shared: UpdateParts) -> dict[str, str]:
    """A variant's own parts, named as the product's so that the same switches apply."""
    payloads: dict[Part, object] = {
        Part.STRUCTURE: [variant.options, variant.sku],
        Part.WEIGHT: variant.weight,
        Part.DIMENSIONS: variant.dimensions,
        Part.BARCODE: variant.barcode,
        Part.IMAGES: [f.sha256 for f in variant.images[:1]],
    }
    hashes = {str(part): content_hash(value) for part, value in payloads.items()}
    return hashes | shared.hashes(product_key, variant.key, variant.price)


def variant_drafts(
    draft: ProductDraft,
    product_shop_id: str,
    resolver: ProductResolver,
    shared: UpdateParts,
    *,
    without: frozenset[str] = frozenset(),
) -> list[Draft[ShopVariant]]:
    """One push draft per variant of ``draft``; ``without``: parts not to send this time."""

    def one(variant: VariantDraft) -> Draft[ShopVariant]:
        alone = dataclasses.replace(draft, variants=(variant,))

        def build(shop_id: str | None, parts: frozenset[str]) -> ShopVariant:
            (record,) = resolver.variants(alone, product_shop_id, {Part(p) for p in parts})
            record = dataclasses.replace(record, shop_id=shop_id)
            return shared.apply(record, draft.key, variant.key, variant.price, parts)

        hashes = {p: h for p, h in variant_hashes(variant, draft.key, shared).items() if p not in without}
        return Draft(variant.key, hashes, build)

    return [one(v) for v in draft.variants]


class WarningFeed:
    """Journals the mapping's warnings (a list that only grows) as they appear, each once,
    prefixed by the item they are about. The text is rendered in the run's language."""

    def __init__(self, run: OperationRun, warnings: list[MappingWarning]) -> None:
        self.run, self.warnings, self.sent = run, warnings, 0

    def flush(self) -> None:
        for warning in self.warnings[self.sent:]:
            self.run.journal.warning(Message(N_("{key}: {warning}"), key=warning.key, warning=_text(warning.message)))
        self.sent = len(self.warnings)


def _text(message: Message) -> str:
    return message.msgid if message.literal else _(message.msgid).format(**message.params)
