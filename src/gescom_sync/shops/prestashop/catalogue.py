"""Shop records -> PrestaShop fields and associations (products, combinations, categories).

Pure functions: the connector resolves what needs the shop (feature ids, a product's base
price) and passes it in. A record field left at None is not sent, so an update PATCHes
only the parts the operation chose to send.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gescom_sync.model.shop import ProductKind, ShopCategory, ShopProduct, ShopVariant, Visibility
from gescom_sync.shops.prestashop.webservice import Association, Value

VISIBILITY = {Visibility.EVERYWHERE: "both", Visibility.CATALOGUE: "catalog", Visibility.SEARCH: "search",
              Visibility.HIDDEN: "none"}
PRODUCT_TYPES = {ProductKind.SIMPLE: "standard", ProductKind.VARIABLE: "combinations", ProductKind.PACK: "pack"}
META_FIELDS = {"meta_title": "meta_title", "meta_description": "meta_description", "meta_keywords": "meta_keywords",
               "supplier_reference": "supplier_reference", "minimum_quantity": "minimal_quantity"}
"""ShopProduct.meta keys PrestaShop has a field for."""


@dataclass(frozen=True, slots=True)
class Languages:
    """The shop's languages (ISO code -> id) and the ids the profile writes texts to."""

    ids: Mapping[str, str]
    targets: frozenset[str]

    def texts(self, default: str, translations: Mapping[str, Mapping[str, str]], field: str, *,
              creating: bool) -> dict[str, str]:
        """{language id: text}: each language's translation, else the default language's text.
        On creation every language gets a text (PrestaShop wants a name in each); on update
        only the profile's languages are written."""
        found: dict[str, str] = {}
        for iso, language_id in self.ids.items():
            if creating or language_id in self.targets:
                found[language_id] = (translations.get(iso) or {}).get(field) or default
        return found


def slugify(text: str) -> str:
    """PrestaShop's link_rewrite: lower-case ASCII words joined by dashes."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "item"


def slugs(languages: Languages, name: str, slug: str | None, translations: Mapping[str, Mapping[str, str]], *,
          creating: bool) -> dict[str, str]:
    names = languages.texts(name, translations, "name", creating=creating)
    given = languages.texts(slug or "", translations, "slug", creating=creating)
    return {lid: slugify(given.get(lid) or names[lid]) for lid in names}


def barcode_fields(barcode: str | None) -> dict[str, Value]:
    """A 13-digit (or 8-digit) code is an EAN, a 12-digit one a UPC."""
    if barcode is None:
        return {}
    digits = barcode.strip()
    if len(digits) == 12 and digits.isdigit():
        return {"upc": digits}
    return {"ean13": digits}


def product_fields(product: ShopProduct, languages: Languages, *, creating: bool,
                   home_category: str) -> dict[str, Value]:
    p = product
    fields: dict[str, Value] = {}
    if creating:
        fields |= {"product_type": PRODUCT_TYPES[p.kind], "state": 1, "minimal_quantity": 1,
                   "available_for_order": 1, "show_price": 1, "price": p.regular_price or Decimal("0"),
                   "active": 1 if p.active is None else p.active}
        fields["id_category_default"] = (p.category_ids or (home_category,))[0]
    elif p.category_ids:
        fields["id_category_default"] = p.category_ids[0]
    if p.name is not None:
        fields["name"] = languages.texts(p.name, p.translations, "name", creating=creating)
        fields["link_rewrite"] = slugs(languages, p.name, p.slug, p.translations, creating=creating)
    elif p.slug is not None:
        fields["link_rewrite"] = languages.texts(slugify(p.slug), {}, "slug", creating=creating)
    if p.description is not None:
        fields["description"] = languages.texts(p.description, p.translations, "description", creating=creating)
    if p.short_description is not None:
        fields["description_short"] = languages.texts(p.short_description, p.translations, "short_description",
                                                      creating=creating)
    optional: dict[str, Any] = {
        "reference": p.sku, "active": p.active, "price": p.regular_price, "id_tax_rules_group": p.tax_class,
        "weight": p.weight, "visibility": VISIBILITY.get(p.visibility) if p.visibility else None,
        "id_manufacturer": p.brand_ids[0] if p.brand_ids else None,
    }
    if p.dimensions is not None:
        optional |= {"depth": p.dimensions.length, "width": p.dimensions.width, "height": p.dimensions.height}
    fields |= {name: value for name, value in optional.items() if value is not None}
    fields |= barcode_fields(p.barcode)
    for key, name in META_FIELDS.items():
        if key in p.meta:
            fields[name] = (languages.texts(p.meta[key], {}, name, creating=creating) if name.startswith("meta_")
                            else p.meta[key])
    return fields


def product_associations(product: ShopProduct, *, attachment_ids: tuple[str, ...] | None,
                         feature_values: list[tuple[str, str]] | None) -> dict[str, Association]:
    """Associations to write (each replaces the shop's whole list)."""
    p = product
    found: dict[str, Association] = {}
    if p.category_ids is not None:
        found["categories"] = [{"id": c} for c in p.category_ids]
    if p.tag_ids is not None:
        found["tags"] = [{"id": t} for t in p.tag_ids]
    if p.cross_sell_ids is not None:
        found["accessories"] = [{"id": c} for c in p.cross_sell_ids]
    if p.pack_item_ids is not None and p.kind is ProductKind.PACK:
        found["product_bundle"] = [{"id": i, "id_product_attribute": 0, "quantity": 1} for i in p.pack_item_ids]
    if attachment_ids is not None:
        found["attachments"] = [{"id": a} for a in attachment_ids]
    if feature_values is not None:
        found["product_features"] = [{"id": f, "id_feature_value": v} for f, v in feature_values]
    return found


def combination_fields(variant: ShopVariant, *, creating: bool, base_price: Decimal | None,
                       base_weight: Decimal | None) -> dict[str, Value]:
    """A combination's price and weight are impacts on its product's: sent as the difference."""
    v = variant
    fields: dict[str, Value] = {"id_product": v.product_shop_id} if creating else {}
    if creating:
        fields |= {"minimal_quantity": 1, "price": Decimal("0")}
    if v.sku is not None:
        fields["reference"] = v.sku
    if v.regular_price is not None:
        fields["price"] = v.regular_price - (base_price or Decimal("0"))
    if v.weight is not None:
        fields["weight"] = v.weight - (base_weight or Decimal("0"))
    fields |= barcode_fields(v.barcode)
    return fields


def category_fields(category: ShopCategory, parent_id: str, languages: Languages, *, creating: bool
                    ) -> dict[str, Value]:
    c = category
    fields: dict[str, Value] = {
        "id_parent": parent_id,
        "name": languages.texts(c.name, c.translations, "name", creating=creating),
        "link_rewrite": slugs(languages, c.name, c.slug, c.translations, creating=creating),
    }
    if creating:
        fields["active"] = 1
    if c.description is not None:
        fields["description"] = languages.texts(c.description, c.translations, "description", creating=creating)
    return fields
