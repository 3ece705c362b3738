"""Drafts + the shop ids bindings know -> ``model.shop`` records to write.

``id_of(entity, key)`` answers with the shop id of a draft's key (see ``Entity``), or
None when the shop does not have it. What must not be sent is dropped here, with a
warning when the user should know: additional categories the shop does not have, pack
components not yet in the shop (the product is then sent as a simple product), cross-sells
to products not in the shop. ``parts`` (from :func:`parts.parts_to_send`; None: all)
decides which fields are filled; a field left at None is not changed by the shop.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from decimal import Decimal
from typing import TypeVar

from gescom_sync.i18n import N_
from gescom_sync.journal.events import Message
from gescom_sync.mapping.catalogue.drafts import (
    AttributeDraft,
    BrandDraft,
    CategoryDraft,
    Entity,
    MappingWarning,
    MediaFile,
    ProductDraft,
    VariantDraft,
)
from gescom_sync.mapping.catalogue.parts import Part, product_quantities
from gescom_sync.model.shop import (
    AttributeChoice,
    ImageRef,
    ProductKind,
    ShopAttribute,
    ShopBrand,
    ShopCategory,
    ShopProduct,
    ShopVariant,
    UploadedMedia,
)

IdOf = Callable[[str, str], str | None]
T = TypeVar("T")

META_WARRANTY = "warranty_months"
META_MINIMUM_QUANTITY = "minimum_quantity"
META_SUPPLIER = "supplier"
META_SUPPLIER_REFERENCE = "supplier_reference"


def resolve_categories(drafts: Sequence[CategoryDraft], id_of: IdOf) -> list[ShopCategory]:
    """Categories to write: a parent already in the shop by its id, else by its key (same write)."""
    categories = []
    for draft in drafts:
        parent_id = id_of(Entity.CATEGORY, draft.parent_key) if draft.parent_key else None
        categories.append(ShopCategory(
            key=draft.key,
            name=draft.name,
            parent_key=None if parent_id else draft.parent_key,
            parent_shop_id=parent_id,
            shop_id=id_of(Entity.CATEGORY, draft.key),
        ))
    return categories


def resolve_attributes(drafts: Sequence[AttributeDraft], id_of: IdOf) -> list[ShopAttribute]:
    return [ShopAttribute(d.key, d.name, d.values, id_of(Entity.ATTRIBUTE, d.key)) for d in drafts]


def resolve_brands(drafts: Sequence[BrandDraft], id_of: IdOf) -> list[ShopBrand]:
    return [ShopBrand(d.key, d.name, id_of(Entity.BRAND, d.key)) for d in drafts]


def pending_uploads(draft: ProductDraft, id_of: IdOf) -> tuple[list[MediaFile], list[MediaFile]]:
    """Images and documents of ``draft`` not yet in the shop (by content hash), each once."""
    images = {f.sha256: f for f in (*draft.images, *(i for v in draft.variants for i in v.images))}
    documents = {f.sha256: f for f in draft.documents}
    return (
        [f for digest, f in images.items() if id_of(Entity.IMAGE, digest) is None],
        [f for digest, f in documents.items() if id_of(Entity.DOCUMENT, digest) is None],
    )


class ProductResolver:
    """Resolves one product draft; warnings go to ``warnings``."""

    def __init__(
        self,
        id_of: IdOf,
        warnings: list[MappingWarning],
        *,
        seo_meta_keys: Mapping[str, str] | None = None,
        documents: Mapping[str, UploadedMedia] | None = None,
    ) -> None:
        self.id_of = id_of
        self.warnings = warnings
        self.seo_meta_keys = dict(seo_meta_keys or {})
        self.documents = dict(documents or {})  # sha256 -> the uploaded document

    def product(
        self,
        draft: ProductDraft,
        parts: Collection[Part] | None = None,
        stock: Mapping[str, Decimal] | None = None,
    ) -> ShopProduct:
        shop_id = self.id_of(Entity.PRODUCT, draft.key)
        send = set(Part) if parts is None else set(parts)
        pack_ids = self._pack_items(draft) if draft.kind is ProductKind.PACK else None
        kind = draft.kind if pack_ids is not None or draft.kind is not ProductKind.PACK else ProductKind.SIMPLE
        quantity = product_quantities(draft, stock).get(draft.key) if stock is not None and Part.QUANTITY in send else None
        texts = draft.texts

        def when(part: Part, value: T) -> T | None:
            return value if part in send else None

        return ShopProduct(
            key=draft.key,
            shop_id=shop_id,
            kind=kind,
            sku=when(Part.STRUCTURE, draft.sku),
            name=when(Part.NAME, texts.name),
            active=draft.active_when_created if shop_id is None else None,
            description=when(Part.DESCRIPTIONS, texts.description),
            short_description=when(Part.DESCRIPTIONS, texts.short_description),
            slug=when(Part.SEO, texts.slug),
            regular_price=when(Part.PRICE, draft.price if kind is not ProductKind.VARIABLE else None),
            tax_class=when(Part.PRICE, draft.tax_class),
            manage_stock=True if quantity is not None else None,
            stock_quantity=quantity,
            weight=when(Part.WEIGHT, draft.weight),
            dimensions=when(Part.DIMENSIONS, draft.dimensions),
            barcode=when(Part.BARCODE, draft.barcode),
            category_ids=self._categories(draft, send),
            brand_ids=when(Part.BRAND, self._brand(draft)),
            images=self._images(draft) if Part.IMAGES in send else None,
            documents=self._documents(draft) if Part.DOCUMENTS in send else None,
            attributes=self._attributes(draft) if send & {Part.STRUCTURE, Part.FEATURES} else None,
            cross_sell_ids=when(Part.STRUCTURE, self._existing_products(draft.cross_sells)),
            pack_item_ids=when(Part.STRUCTURE, pack_ids),
            meta=self._meta(draft, send),
            translations=translations(draft, send),
        )

    def variants(
        self,
        draft: ProductDraft,
        product_shop_id: str,
        parts: Collection[Part] | None = None,
        stock: Mapping[str, Decimal] | None = None,
    ) -> list[ShopVariant]:
        send = set(Part) if parts is None else set(parts)
        quantities = product_quantities(draft, stock) if stock is not None and Part.QUANTITY in send else {}
        attribute_ids = {a.name: self.id_of(Entity.ATTRIBUTE, a.key) for a in draft.axes}
        return [self._variant(v, product_shop_id, send, quantities.get(v.key), attribute_ids) for v in draft.variants]

    def _variant(
        self,
        variant: VariantDraft,
        product_shop_id: str,
        send: set[Part],
        quantity: Decimal | None,
        attribute_ids: Mapping[str, str | None],
    ) -> ShopVariant:
        image = self._image_refs(variant.images[:1]) if Part.IMAGES in send else ()
        return ShopVariant(
            key=variant.key,
            product_shop_id=product_shop_id,
            options=variant.options,
            shop_id=self.id_of(Entity.VARIANT, variant.key),
            sku=variant.sku if Part.STRUCTURE in send else None,
            regular_price=variant.price if Part.PRICE in send else None,
            manage_stock=True if quantity is not None else None,
            stock_quantity=quantity,
            weight=variant.weight if Part.WEIGHT in send else None,
            dimensions=variant.dimensions if Part.DIMENSIONS in send else None,
            barcode=variant.barcode if Part.BARCODE in send else None,
            image=image[0] if image else None,
            attribute_ids={name: i for name, i in attribute_ids.items() if i},
        )

    # --- links to what the shop has ---------------------------------------------------

    def _categories(self, draft: ProductDraft, send: set[Part]) -> tuple[str, ...] | None:
        if draft.category_keys is None or Part.CATEGORY not in send:
            return None
        keys = draft.category_keys + (draft.parent_category_keys if Part.PARENT_CATEGORIES in send else ())
        ids = [self.id_of(Entity.CATEGORY, key) for key in keys]
        entity = Entity.SHOP_CATEGORY_ID if draft.additional_by == "id" else Entity.SHOP_CATEGORY_NAME
        for name in draft.additional_categories:
            found = self.id_of(entity, name)
            if found is None:
                self._warn(draft.key, N_("additional category {category!r} is not in the shop: not linked"), category=name)
            ids.append(found)
        return tuple(dict.fromkeys(i for i in ids if i))

    def _brand(self, draft: ProductDraft) -> tuple[str, ...] | None:
        if draft.brand_key is None:
            return None
        brand_id = self.id_of(Entity.BRAND, draft.brand_key)
        return (brand_id,) if brand_id else ()

    def _pack_items(self, draft: ProductDraft) -> tuple[str, ...] | None:
        """The components' shop ids, or None (not a pack this time) when one is missing."""
        ids = {key: self.id_of(Entity.PRODUCT, key) for key in draft.pack_components}
        missing = [key for key, found in ids.items() if found is None]
        if missing:
            self._warn(draft.key, N_("sent as a simple product, not a pack: components not in the shop yet: {missing}"),
                       missing=", ".join(missing))
            return None
        return tuple(ids.values())

    def _existing_products(self, keys: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(found for key in keys if (found := self.id_of(Entity.PRODUCT, key)))

    def _image_refs(self, files: Sequence[MediaFile]) -> tuple[ImageRef, ...]:
        refs = []
        for f in files:
            media_id = self.id_of(Entity.IMAGE, f.sha256)
            if media_id:
                refs.append(ImageRef(media_id=media_id, name=f.shop_name))
        return tuple(refs)

    def _images(self, draft: ProductDraft) -> tuple[ImageRef, ...]:
        files = {f.sha256: f for f in (*draft.images, *(i for v in draft.variants for i in v.images))}
        return self._image_refs(list(files.values()))

    def _documents(self, draft: ProductDraft) -> tuple[UploadedMedia, ...]:
        return tuple(self.documents[f.sha256] for f in draft.documents if f.sha256 in self.documents)

    def _attributes(self, draft: ProductDraft) -> tuple[AttributeChoice, ...]:
        axes = [
            AttributeChoice(a.name, a.values, self.id_of(Entity.ATTRIBUTE, a.key), for_variants=True)
            for a in draft.axes
        ]
        features = [
            AttributeChoice(f.feature, f.values, self.id_of(Entity.ATTRIBUTE, f.feature) if f.predefined else None)
            for f in draft.features
        ]
        return tuple(axes + features)

    def _meta(self, draft: ProductDraft, send: set[Part]) -> dict[str, str]:
        meta: dict[str, str] = {}
        if Part.SEO in send:
            for field, meta_key in self.seo_meta_keys.items():
                value = getattr(draft.texts, field)
                if value is not None:
                    meta[meta_key] = value
        if Part.STRUCTURE in send:
            if draft.warranty_months is not None:
                meta[META_WARRANTY] = str(draft.warranty_months)
            if draft.minimum_quantity is not None:
                meta[META_MINIMUM_QUANTITY] = f"{draft.minimum_quantity:f}"
        if Part.SUPPLIER in send and draft.supplier is not None:
            meta[META_SUPPLIER] = draft.supplier.account
            meta[META_SUPPLIER_REFERENCE] = draft.supplier.reference or ""
        return meta

    def _warn(self, key: str, msgid: str, **params: object) -> None:
        self.warnings.append(MappingWarning(key, Message(msgid, **params)))


TRANSLATED_PARTS: Mapping[str, Part] = {"name": Part.NAME, "description": Part.DESCRIPTIONS,
                                        "short_description": Part.DESCRIPTIONS, "slug": Part.SEO}
"""The texts a shop writes per language (ShopProduct.translations) and the part each belongs to."""


def translations(draft: ProductDraft, send: Collection[Part]) -> dict[str, dict[str, str]]:
    """The other languages' texts (``texts.languages``) of the parts sent, by language code."""
    found: dict[str, dict[str, str]] = {}
    for language, texts in draft.translations.items():
        fields = {name: value for name, part in TRANSLATED_PARTS.items()
                  if part in send and (value := getattr(texts, name)) is not None}
        if fields:
            found[language] = fields
    return found
