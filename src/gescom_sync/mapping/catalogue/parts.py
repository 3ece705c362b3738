"""Per-part payloads and content hashes of a product draft (SPEC §3.1 update rules).

On creation every part is sent. On update, a part is sent only when its "update" switch
is on and its content hash differs from the one stored when it was last sent; the
``STRUCTURE`` part (kind, SKUs, variant axes, packs, cross-sells, warranty, minimum
quantity) has no switch: the product cannot be right without it.

A hash is the sha256 of the part's canonical JSON (keys sorted, Decimal as strings,
no spaces), so it is stable across runs, processes and Python versions.

``PRICE`` and ``QUANTITY`` carry the names the price and stock updates give their parts
on the same bindings (``prices.default``, ``stock.quantity``): the product export stores,
under those names, the updates' own hashes of the price and quantity it sends
(``operations.catalogue_push.UpdateParts``), so that what one operation sent counts as
sent for the other. The tax class, sent with the price, is a part of its own.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any

from gescom_sync.journal.events import jsonable
from gescom_sync.mapping.catalogue.drafts import ProductDraft
from gescom_sync.mapping.catalogue.packagings import units_quantity
from gescom_sync.profiles.catalogue import UpdateSwitches


class Part(StrEnum):
    STRUCTURE = "structure"
    NAME = "name"
    DESCRIPTIONS = "descriptions"
    SEO = "seo"
    PRICE = "prices.default"  # as update prices names it
    TAX_CLASS = "tax_class"
    QUANTITY = "stock.quantity"  # as update stock names it
    WEIGHT = "weight"
    DIMENSIONS = "dimensions"
    BARCODE = "barcode"
    BRAND = "brand"
    SUPPLIER = "supplier"
    IMAGES = "images"
    DOCUMENTS = "documents"
    FEATURES = "features"
    CATEGORY = "category"
    PARENT_CATEGORIES = "parent_categories"


ALWAYS_SENT = frozenset({Part.STRUCTURE})

# The update switches whose name is not the name of the part(s) they govern.
SWITCHED_PARTS: dict[str, frozenset[Part]] = {
    "price": frozenset({Part.PRICE, Part.TAX_CLASS}),
    "quantity": frozenset({Part.QUANTITY}),
}


def canonical_json(payload: Any) -> str:
    return json.dumps(jsonable(payload), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_hash(payload: Any) -> str:
    return hashlib.sha256(canonical_json(payload).encode("utf-8")).hexdigest()


def _texts(draft: ProductDraft, *names: str) -> dict[str, Any]:
    languages = {"": draft.texts, **draft.translations}
    return {language: {n: getattr(texts, n) for n in names} for language, texts in languages.items()}


def _variants(draft: ProductDraft, *names: str) -> dict[str, Any]:
    return {v.key: {n: getattr(v, n) for n in names} for v in draft.variants}


def product_quantities(draft: ProductDraft, stock: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Quantity per product or variant key, from stock per back-office reference (an
    article, or a range variant's reference); packagings divide and round down."""
    if draft.stock_reference is not None:
        return {draft.key: stock.get(draft.stock_reference, Decimal(0))}
    return {v.key: units_quantity(stock.get(v.stock_reference, Decimal(0)), v.units) for v in draft.variants}


def part_payloads(draft: ProductDraft, stock: Mapping[str, Decimal] | None = None) -> dict[Part, Any]:
    """What each part holds for ``draft``; QUANTITY only when ``stock`` is given."""
    payloads: dict[Part, Any] = {
        Part.STRUCTURE: {
            "kind": draft.kind, "sku": draft.sku,
            "axes": [(a.name, a.values) for a in draft.axes],
            "variants": _variants(draft, "options", "sku"),
            "pack": draft.pack_components, "cross_sells": draft.cross_sells,
            "warranty_months": draft.warranty_months, "minimum_quantity": draft.minimum_quantity,
        },
        Part.NAME: _texts(draft, "name"),
        Part.DESCRIPTIONS: _texts(draft, "description", "short_description"),
        Part.SEO: _texts(draft, "meta_title", "meta_description", "meta_keywords", "slug"),
        Part.PRICE: {"price": draft.price, "variants": _variants(draft, "price")},
        Part.TAX_CLASS: draft.tax_class,
        Part.WEIGHT: {"weight": draft.weight, "variants": _variants(draft, "weight")},
        Part.DIMENSIONS: {"dimensions": draft.dimensions, "variants": _variants(draft, "dimensions")},
        Part.BARCODE: {"barcode": draft.barcode, "variants": _variants(draft, "barcode")},
        Part.BRAND: draft.brand_key,
        Part.SUPPLIER: draft.supplier,
        Part.IMAGES: {
            "files": [(f.sha256, f.shop_name) for f in draft.images],
            "variants": {v.key: [f.sha256 for f in v.images] for v in draft.variants},
            "delete_first": draft.delete_images_first,
        },
        Part.DOCUMENTS: {"files": [(f.sha256, f.shop_name) for f in draft.documents],
                         "delete_first": draft.delete_documents_first},
        Part.FEATURES: [(f.feature, f.values, f.predefined) for f in draft.features],
        Part.CATEGORY: {"categories": draft.category_keys, "additional": draft.additional_categories,
                        "by": draft.additional_by},
        Part.PARENT_CATEGORIES: draft.parent_category_keys,
    }
    if stock is not None:
        payloads[Part.QUANTITY] = product_quantities(draft, stock)
    return payloads


def part_hashes(draft: ProductDraft, stock: Mapping[str, Decimal] | None = None) -> dict[Part, str]:
    return {part: content_hash(payload) for part, payload in part_payloads(draft, stock).items()}


def switched_on(switches: UpdateSwitches) -> frozenset[Part]:
    """The parts an update may replace: the switches that are on, and STRUCTURE."""
    allowed = set(ALWAYS_SENT)
    for name, on in switches.model_dump().items():
        if on:
            allowed |= SWITCHED_PARTS.get(name, {Part(name)} if name in Part._value2member_map_ else set())
    return frozenset(allowed)


def parts_to_send(
    hashes: Mapping[Part, str],
    stored: Mapping[str, str] | None,
    switches: UpdateSwitches,
) -> frozenset[Part]:
    """Every part on creation (``stored`` None); else the switched-on parts whose hash changed."""
    if stored is None:
        return frozenset(hashes)
    allowed = switched_on(switches)
    return frozenset(part for part, digest in hashes.items() if part in allowed and stored.get(part) != digest)
