"""Shop-neutral records -> WooCommerce REST v3 JSON.

Fields left at ``None`` in a record are not sent, so an update changes only what the
operation chose to update. Money goes as strings (``"12.50"``), as WooCommerce wants;
stock as an integer (WooCommerce counts whole units).
"""

from __future__ import annotations

import html
import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from gescom_sync.model.shop import (
    AttributeChoice,
    Dimensions,
    ImageRef,
    ProductKind,
    Sale,
    ShopAddress,
    ShopCategory,
    ShopCustomer,
    ShopProduct,
    ShopVariant,
    StockUpdate,
    UploadedMedia,
    Visibility,
)

KEY_META = "_gescom_sync_key"
"""meta_data key holding the back-office key on every product, variation and customer."""
DOCUMENTS_META = "_gescom_sync_documents"
NEXT_DELIVERY_META = "_gescom_sync_next_delivery"
"""meta_data key of the next delivery date (ISO date; empty: none): WooCommerce has no such field."""
MINIMUM_QUANTITY_META = "_gescom_sync_minimum_quantity"
WARRANTY_META = "_gescom_sync_warranty_months"

PRODUCT_TYPES = {ProductKind.SIMPLE: "simple", ProductKind.VARIABLE: "variable", ProductKind.PACK: "grouped"}
VISIBILITIES = {Visibility.EVERYWHERE: "visible", Visibility.CATALOGUE: "catalog", Visibility.SEARCH: "search",
                Visibility.HIDDEN: "hidden"}


def money(value: Decimal) -> str:
    return f"{value:f}"


def whole_units(quantity: Decimal) -> int:
    """Stock in whole units, rounded down (a shop must not sell what is not there)."""
    return int(quantity.to_integral_value(ROUND_FLOOR))


def wc_datetime(moment: datetime) -> str:
    """ISO 8601 without offset, as WooCommerce writes dates; an aware moment is given in UTC."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return moment.replace(tzinfo=None, microsecond=0).isoformat()


def _sale_date(body: dict[str, Any], name: str, moment: datetime | None) -> None:
    """A naive date is the shop's local time (``date_on_sale_from``); an aware one goes as ``…_gmt``."""
    if moment is None:
        body[name] = ""
    elif moment.tzinfo is None:
        body[name] = wc_datetime(moment)
    else:
        body[f"{name}_gmt"] = wc_datetime(moment)


def _put(body: dict[str, Any], name: str, value: Any) -> None:
    if value is not None:
        body[name] = value


def _ids(values: Sequence[str] | None) -> list[dict[str, int]] | None:
    return None if values is None else [{"id": int(v)} for v in values]


def _int_ids(values: Sequence[str] | None) -> list[int] | None:
    return None if values is None else [int(v) for v in values]


def _meta(key: str, extra: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"key": KEY_META, "value": key}, *({"key": k, "value": v} for k, v in extra.items())]


def _dimensions(dimensions: Dimensions | None) -> dict[str, str] | None:
    if dimensions is None:
        return None
    values = {"length": dimensions.length, "width": dimensions.width, "height": dimensions.height}
    return {name: money(value) if value is not None else "" for name, value in values.items()}


def sale_fields(body: dict[str, Any], sale: Sale | None, clear: bool) -> None:
    """The sale price and dates of ``sale``; with ``clear`` and no sale, fields that remove one."""
    if sale is not None:
        body["sale_price"] = money(sale.price)
        _sale_date(body, "date_on_sale_from", sale.starts)
        _sale_date(body, "date_on_sale_to", sale.ends)
    elif clear:
        body.update(sale_price="", date_on_sale_from="", date_on_sale_to="")


def image(ref: ImageRef) -> dict[str, Any]:
    body: dict[str, Any] = {"id": int(ref.media_id)} if ref.media_id else {"src": ref.url}
    if ref.alt:
        body["alt"] = ref.alt
    if ref.name:
        body["name"] = ref.name
    return body


def _attribute(choice: AttributeChoice) -> dict[str, Any]:
    body: dict[str, Any] = {"id": int(choice.attribute_shop_id)} if choice.attribute_shop_id else {"name": choice.name}
    return body | {"options": list(choice.values), "variation": choice.for_variants, "visible": choice.visible}


def documents_block(title: str, documents: Sequence[UploadedMedia]) -> str:
    """The HTML list of documents appended to a product description."""
    items = "".join(f'<li><a href="{html.escape(d.url)}">{html.escape(d.file_name)}</a></li>' for d in documents)
    return f'<div class="gescom-documents"><h4>{html.escape(title)}</h4><ul>{items}</ul></div>'


def product(record: ShopProduct, *, documents_title: str | None, documents_meta: bool) -> dict[str, Any]:
    """The product body. ``documents_title``: append a documents block to the description
    under that title (None: do not); ``documents_meta``: list them in a meta field too."""
    body: dict[str, Any] = {}
    _put(body, "name", record.name)
    if record.shop_id is None or record.kind is not ProductKind.SIMPLE:
        body["type"] = PRODUCT_TYPES[record.kind]
    _put(body, "sku", record.sku)
    if record.active is not None:
        body["status"] = "publish" if record.active else "draft"
    if record.visibility is not None:
        body["catalog_visibility"] = VISIBILITIES[record.visibility]
    description = record.description
    if record.documents and documents_title is not None and description is not None:
        description += documents_block(documents_title, record.documents)
    _put(body, "description", description)
    _put(body, "short_description", record.short_description)
    _put(body, "slug", record.slug)
    _put(body, "regular_price", money(record.regular_price) if record.regular_price is not None else None)
    sale_fields(body, record.sale, record.clear_sale)
    _put(body, "tax_class", _tax_class(record.tax_class))
    _stock(body, record.manage_stock, record.stock_quantity)
    _put(body, "weight", money(record.weight) if record.weight is not None else None)
    _put(body, "dimensions", _dimensions(record.dimensions))
    _put(body, "global_unique_id", record.barcode)
    _put(body, "categories", _ids(record.category_ids))
    _put(body, "tags", _ids(record.tag_ids))
    _put(body, "brands", _ids(record.brand_ids))
    _put(body, "images", None if record.images is None else [image(i) for i in record.images])
    _put(body, "attributes", None if record.attributes is None else [_attribute(a) for a in record.attributes])
    _put(body, "cross_sell_ids", _int_ids(record.cross_sell_ids))
    _put(body, "upsell_ids", _int_ids(record.upsell_ids))
    _put(body, "grouped_products", _int_ids(record.pack_item_ids))
    meta = dict(record.meta)
    if record.documents is not None and documents_meta:
        meta[DOCUMENTS_META] = json.dumps([{"id": int(d.media_id), "url": d.url, "name": d.file_name}
                                           for d in record.documents], ensure_ascii=False)
    body["meta_data"] = _meta(record.key, meta)
    return body


def _tax_class(code: str | None) -> str | None:
    """WooCommerce names the standard class "" in product bodies."""
    if code is None:
        return None
    return "" if code == "standard" else code


def _stock(body: dict[str, Any], manage: bool | None, quantity: Decimal | None) -> None:
    _put(body, "manage_stock", manage)
    if quantity is not None:
        body["stock_quantity"] = whole_units(quantity)


def variant(record: ShopVariant) -> dict[str, Any]:
    body: dict[str, Any] = {}
    if record.options:
        body["attributes"] = [
            ({"id": int(record.attribute_ids[name])} if name in record.attribute_ids else {"name": name}) | {"option": value}
            for name, value in record.options
        ]
    _put(body, "sku", record.sku)
    if record.active is not None:
        body["status"] = "publish" if record.active else "private"
    _put(body, "regular_price", money(record.regular_price) if record.regular_price is not None else None)
    sale_fields(body, record.sale, record.clear_sale)
    _stock(body, record.manage_stock, record.stock_quantity)
    _put(body, "weight", money(record.weight) if record.weight is not None else None)
    _put(body, "dimensions", _dimensions(record.dimensions))
    _put(body, "global_unique_id", record.barcode)
    _put(body, "image", image(record.image) if record.image else None)
    _put(body, "tax_class", _tax_class(record.tax_class))
    body["meta_data"] = _meta(record.key, record.meta)
    return body


def category(record: ShopCategory, parent_id: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {"name": record.name}
    if parent_id is not None:
        body["parent"] = int(parent_id)
    _put(body, "description", record.description)
    _put(body, "slug", record.slug)
    return body


def address(record: ShopAddress, *, with_email: bool) -> dict[str, str]:
    body = {
        "first_name": record.first_name, "last_name": record.last_name, "company": record.company,
        "address_1": record.line1, "address_2": record.line2, "city": record.city, "state": record.state,
        "postcode": record.postcode, "country": record.country, "phone": record.phone,
    }
    if with_email:
        body["email"] = record.email
    return body


def customer(record: ShopCustomer) -> dict[str, Any]:
    body: dict[str, Any] = {}
    for name in ("email", "first_name", "last_name", "username", "password"):
        _put(body, name, getattr(record, name))
    _put(body, "billing", address(record.billing, with_email=True) if record.billing else None)
    _put(body, "shipping", address(record.shipping, with_email=False) if record.shipping else None)
    body["meta_data"] = _meta(record.key, record.meta)
    return body


def stock(update: StockUpdate) -> dict[str, Any]:
    """A stock update's body, for a product or a variation: only the fields it carries."""
    body: dict[str, Any] = {}
    if update.quantity is not None:
        _stock(body, update.manage_stock, update.quantity)
    _put(body, "weight", money(update.weight) if update.weight is not None else None)
    _put(body, "global_unique_id", update.barcode)
    if update.active is not None:
        hidden = "private" if update.variant_shop_id else "draft"
        body["status"] = "publish" if update.active else hidden
    if update.in_stock is not None:
        body["stock_status"] = "instock" if update.in_stock else "outofstock"
    meta = []
    if update.next_delivery is not None:
        meta.append({"key": NEXT_DELIVERY_META, "value": update.next_delivery.isoformat()})
    elif update.clear_next_delivery:
        meta.append({"key": NEXT_DELIVERY_META, "value": ""})  # empty: no date expected
    if update.minimum_quantity is not None:
        meta.append({"key": MINIMUM_QUANTITY_META, "value": money(update.minimum_quantity)})
    if update.warranty_months is not None:
        meta.append({"key": WARRANTY_META, "value": str(update.warranty_months)})
    if meta:
        body["meta_data"] = meta
    return body


def default_attributes(options: Sequence[tuple[str, str]], attribute_ids: Mapping[str, str]) -> list[dict[str, Any]]:
    """``default_attributes`` of a variable product: a global attribute by id, a local one by name."""
    return [({"id": int(attribute_ids[name])} if name in attribute_ids else {"name": name}) | {"option": value}
            for name, value in options]
