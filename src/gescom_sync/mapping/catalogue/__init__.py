"""Product export mapping (SPEC §3.1): back-office products -> key-based drafts -> shop records.

``build_catalogue`` maps products to a :class:`CatalogueDraft` (categories, attributes,
brands, products with their variants, files, features, packs, cross-sells, warnings);
``parts`` gives each product's per-part payloads and hashes so that an update sends only
what changed and what the switches allow; ``resolve`` turns drafts into ``model.shop``
records once bindings know the shop's ids. See docs/export-products.md.
"""

from gescom_sync.mapping.catalogue.drafts import (
    AttributeDraft,
    BrandDraft,
    CatalogueDraft,
    CategoryDraft,
    Entity,
    FeatureValue,
    MappingWarning,
    MediaFile,
    ProductDraft,
    Supplier,
    Texts,
    VariantDraft,
)
from gescom_sync.mapping.catalogue.parts import Part, part_hashes, part_payloads, parts_to_send, product_quantities
from gescom_sync.mapping.catalogue.products import ReferenceData, build_catalogue, select_products
from gescom_sync.mapping.catalogue.resolve import (
    ProductResolver,
    pending_uploads,
    resolve_attributes,
    resolve_brands,
    resolve_categories,
)

__all__ = [
    "AttributeDraft",
    "BrandDraft",
    "CatalogueDraft",
    "CategoryDraft",
    "Entity",
    "FeatureValue",
    "MappingWarning",
    "MediaFile",
    "Part",
    "ProductDraft",
    "ProductResolver",
    "ReferenceData",
    "Supplier",
    "Texts",
    "VariantDraft",
    "build_catalogue",
    "part_hashes",
    "part_payloads",
    "parts_to_send",
    "pending_uploads",
    "product_quantities",
    "resolve_attributes",
    "resolve_brands",
    "resolve_categories",
    "select_products",
]
