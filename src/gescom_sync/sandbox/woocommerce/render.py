"""Catalogue documents rendered as WooCommerce 10 answers them (recorded 01–10, 19–22).

``mode`` reproduces small recorded differences between answers: ``"write"`` (the answer
to a create, update or batch: raw description, ``average_rating`` "0", ``tax_class``
"parent" on variations, edit-context slug fields) and ``"read"`` (GET: description passed
through wpautop, ``average_rating`` "0.00").
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gescom_sync.sandbox.woocommerce.catalogue import TAXONOMIES, Catalogue
from gescom_sync.sandbox.woocommerce.store import Document
from gescom_sync.sandbox.woocommerce.values import money, to_decimal

API = "/wp-json/wc/v3"
CURRENCY_SYMBOLS = {"USD": "&#36;", "EUR": "&euro;", "GBP": "&pound;", "CHF": "CHF"}
ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"]


def links(base: str, path: str, collection: str, *, allow: list[str] | None = None, up: str | None = None) -> dict[str, Any]:
    result: dict[str, Any] = {
        "self": [{"href": f"{base}{API}/{path}", "targetHints": {"allow": allow or ALL_METHODS}}],
        "collection": [{"href": f"{base}{API}/{collection}"}],
    }
    if up:
        result["up"] = [{"href": f"{base}{API}/{up}"}]
    return result


def autop(text: str) -> str:
    """WordPress's wpautop for the plain paragraphs a connector sends."""
    if not text.strip():
        return ""
    if text.lstrip().startswith("<"):
        return text if text.endswith("\n") else text + "\n"
    paragraphs = [p.strip().replace("\n", "<br />\n") for p in text.split("\n\n") if p.strip()]
    return "".join(f"<p>{p}</p>\n" for p in paragraphs)


def price_html(price: str, currency: str) -> str:
    if price == "":
        return ""
    symbol = CURRENCY_SYMBOLS.get(currency, currency)
    return (f'<span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">'
            f"{symbol}</span>{money(to_decimal(price))}</bdi></span>")


def price_range_html(low: Decimal, high: Decimal, currency: str) -> str:
    """A variable product's "from – to" price, as WooCommerce 10 prints it (recorded 10)."""
    symbol = CURRENCY_SYMBOLS.get(currency, currency)

    def amount(value: Decimal) -> str:
        return (f'<span class="woocommerce-Price-amount amount" aria-hidden="true"><bdi><span class="woocommerce-Price-currencySymbol">'
                f"{symbol}</span>{money(value)}</bdi></span>")

    return (f'{amount(low)} <span aria-hidden="true">&ndash;</span> {amount(high)}'
            f'<span class="screen-reader-text">Price range: {symbol}{money(low)} through {symbol}{money(high)}</span>')


class CatalogueRenderer:
    def __init__(self, catalogue: Catalogue, currency: str = "USD") -> None:
        self.catalogue = catalogue
        self.currency = currency

    def product(self, doc: Document, base: str, mode: str = "read") -> dict[str, Any]:
        c = self.catalogue
        price, on_sale, stock_status = c.active_price(doc), c.sale_active(doc), c.own_stock_status(doc)
        variations: list[int] = []
        shown_price = price_html(price, self.currency)
        if doc["type"] == "grouped":
            price, on_sale = self._grouped_price(doc), False
            shown_price = price_html(price, self.currency)
        if doc["type"] == "variable":
            price, on_sale, stock_status, prices = c.variable_summary(doc)
            variations = sorted(v["id"] for v in c.variations(doc["id"]))
            shown_price = price_range_html(prices[0], prices[-1], self.currency) if len(set(prices)) > 1 else price_html(price, self.currency)
        writing = mode == "write"
        body: dict[str, Any] = {
            "id": doc["id"], "name": doc["name"], "slug": doc["slug"], "permalink": f"{base}/product/{doc['slug']}/",
            "date_created": doc["date_created"], "date_created_gmt": doc["date_created"],
            "date_modified": doc["date_modified"], "date_modified_gmt": doc["date_modified"],
            "type": doc["type"], "status": doc["status"], "featured": doc["featured"],
            "catalog_visibility": doc["catalog_visibility"],
            "description": doc["description"] if writing else autop(doc["description"]),
            "short_description": doc["short_description"] if writing else autop(doc["short_description"]),
            "sku": doc["sku"], "price": price, "regular_price": doc["regular_price"] if doc["type"] != "variable" else "",
            "sale_price": doc["sale_price"] if doc["type"] != "variable" else "",
            "date_on_sale_from": doc["date_on_sale_from"], "date_on_sale_from_gmt": doc["date_on_sale_from"],
            "date_on_sale_to": doc["date_on_sale_to"], "date_on_sale_to_gmt": doc["date_on_sale_to"],
            "on_sale": on_sale, "purchasable": price != "" and doc["status"] == "publish", "total_sales": doc["total_sales"],
            "virtual": doc["virtual"], "downloadable": doc["downloadable"], "downloads": [], "download_limit": -1,
            "download_expiry": -1, "external_url": doc["external_url"], "button_text": doc["button_text"],
            "tax_status": doc["tax_status"], "tax_class": doc["tax_class"], "manage_stock": doc["manage_stock"],
            "stock_quantity": doc["stock_quantity"] if doc["manage_stock"] else None, "backorders": doc["backorders"],
            "backorders_allowed": doc["backorders"] != "no", "backordered": False, "low_stock_amount": doc["low_stock_amount"],
            "sold_individually": doc["sold_individually"], "weight": doc["weight"], "dimensions": doc["dimensions"],
            "shipping_required": not doc["virtual"], "shipping_taxable": doc["tax_status"] in ("taxable", "shipping"),
            "shipping_class": doc["shipping_class"], "shipping_class_id": 0, "reviews_allowed": doc["reviews_allowed"],
            "average_rating": "0" if writing else "0.00", "rating_count": 0, "upsell_ids": doc["upsell_ids"],
            "cross_sell_ids": doc["cross_sell_ids"], "parent_id": doc["parent_id"], "purchase_note": doc["purchase_note"],
            **{key: self._terms(doc[key]) for key in ("categories", "brands", "tags")},
            "images": self._images(doc["images"], base), "attributes": doc["attributes"],
            "default_attributes": doc["default_attributes"], "variations": variations,
            "grouped_products": doc["grouped_products"], "menu_order": doc["menu_order"],
            "price_html": shown_price, "related_ids": self._related(doc),
            "meta_data": doc["meta_data"], "stock_status": stock_status,
            "has_options": doc["type"] == "variable", "post_password": "", "global_unique_id": doc["global_unique_id"],
            "permalink_template": f"{base}/product/%pagename%/" if writing else None,
            "generated_slug": doc["slug"] if writing else None,
            "_links": links(base, f"products/{doc['id']}", "products"),
        }
        return body

    def variation(self, doc: Document, base: str, mode: str = "read") -> dict[str, Any]:
        c = self.catalogue
        parent = c.store.get("product", doc["parent_id"]) or {"slug": "", "name": ""}
        query = "&".join(f"attribute_{a['slug']}={a['option'].lower()}" for a in doc["attributes"])
        image = c.media.product_image(doc["image"], base) if doc["image"] else None
        return {
            "id": doc["id"], "type": "variation", "date_created": doc["date_created"], "date_created_gmt": doc["date_created"],
            "date_modified": doc["date_modified"], "date_modified_gmt": doc["date_modified"], "description": doc["description"],
            "permalink": f"{base}/product/{parent['slug']}/" + (f"?{query}" if query else ""), "sku": doc["sku"],
            "global_unique_id": doc["global_unique_id"], "price": c.active_price(doc), "regular_price": doc["regular_price"],
            "sale_price": doc["sale_price"], "date_on_sale_from": doc["date_on_sale_from"],
            "date_on_sale_from_gmt": doc["date_on_sale_from"], "date_on_sale_to": doc["date_on_sale_to"],
            "date_on_sale_to_gmt": doc["date_on_sale_to"], "on_sale": c.sale_active(doc), "status": doc["status"],
            "purchasable": c.active_price(doc) != "", "virtual": doc["virtual"], "downloadable": doc["downloadable"],
            "downloads": [], "download_limit": -1, "download_expiry": -1, "tax_status": doc["tax_status"],
            "tax_class": doc["tax_class"] or ("parent" if mode == "write" else ""), "manage_stock": doc["manage_stock"],
            "stock_quantity": doc["stock_quantity"] if doc["manage_stock"] else None,
            "stock_status": c.own_stock_status(doc), "backorders": doc["backorders"],
            "backorders_allowed": doc["backorders"] != "no", "backordered": False, "low_stock_amount": doc["low_stock_amount"],
            "weight": doc["weight"], "dimensions": doc["dimensions"], "shipping_class": doc["shipping_class"],
            "shipping_class_id": 0, "image": image, "attributes": doc["attributes"], "menu_order": doc["menu_order"],
            "meta_data": doc["meta_data"], "name": ", ".join(a["option"] for a in doc["attributes"]) or parent["name"],
            "parent_id": doc["parent_id"],
            "_links": links(base, f"products/{doc['parent_id']}/variations/{doc['id']}",
                            f"products/{doc['parent_id']}/variations", up=f"products/{doc['parent_id']}"),
        }

    def attribute(self, doc: Document, base: str) -> dict[str, Any]:
        fields = {k: doc[k] for k in ("id", "name", "slug", "type", "order_by", "has_archives")}
        return fields | {"_links": links(base, f"products/attributes/{doc['id']}", "products/attributes")}

    def term(self, doc: Document, base: str, route: str) -> dict[str, Any]:
        """A category, tag, brand or attribute term (``route``: e.g. ``products/categories``)."""
        count = self.catalogue.term_count(doc)
        core = {"id": doc["id"], "name": doc["name"], "slug": doc["slug"]}
        if doc["taxonomy"].startswith("pa_"):
            body = core | {"description": doc["description"], "menu_order": doc["menu_order"], "count": count}
        elif doc["taxonomy"] == "product_tag":
            body = core | {"description": doc["description"], "count": count}
        else:
            body = core | {"parent": doc["parent"], "description": doc["description"], "display": doc["display"],
                           "image": doc["image"], "menu_order": doc["menu_order"], "count": count}
        up = {"up": [{"href": f"{base}{API}/{route}/{doc['parent']}"}]} if doc.get("parent") else {}
        return body | {"_links": links(base, f"{route}/{doc['id']}", route) | up}

    def _grouped_price(self, doc: Document) -> str:
        """A grouped product (a pack) shows the lowest price of its children."""
        children = (self.catalogue.store.get("product", child_id) for child_id in doc["grouped_products"])
        prices = [self.catalogue.active_price(child) for child in children if child and child["status"] == "publish"]
        prices = [p for p in prices if p != ""]
        return min(prices, key=to_decimal) if prices else ""

    def _terms(self, ids: list[int]) -> list[dict[str, Any]]:
        found = (self.catalogue.store.get("term", term_id) for term_id in ids)
        return [{"id": t["id"], "name": t["name"], "slug": t["slug"]} for t in found if t]

    def _images(self, media_ids: list[int], base: str) -> list[dict[str, Any]]:
        images = (self.catalogue.media.product_image(media_id, base) for media_id in media_ids)
        return [image for image in images if image]

    def _related(self, doc: Document) -> list[int]:
        """Other published products sharing a category or tag (WooCommerce picks up to 5)."""
        mine = set(doc["categories"]) | {-t for t in doc["tags"]}
        related = [p["id"] for p in self.catalogue.store.scan("product")
                   if p["id"] != doc["id"] and p["status"] == "publish" and mine & (set(p["categories"]) | {-t for t in p["tags"]})]
        return sorted(related, reverse=True)[:5]


TERM_ROUTES = {taxonomy: f"products/{key}" for key, taxonomy in TAXONOMIES.items()}
