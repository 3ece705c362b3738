"""Products, variations, global attributes and terms (categories, tags, brands, attribute terms).

Documents keep what the shop stores; :meth:`Catalogue.render_product` and friends build
the answer the way WooCommerce 10 does (recorded 01–10, 17–22): derived prices and
stock status, variable products priced from their variations, SKU uniqueness with
``resource_id``, raw descriptions on writes and ``<p>``-wrapped ones on reads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from gescom_sync.sandbox.woocommerce.errors import WooError, invalid_id, taxonomy_invalid, term_invalid
from gescom_sync.sandbox.woocommerce.media import MediaLibrary
from gescom_sync.sandbox.woocommerce.store import Document, Store
from gescom_sync.sandbox.woocommerce.validation import PRODUCT_SCHEMA, TERM_SCHEMA, VARIATION_SCHEMA, validated
from gescom_sync.sandbox.woocommerce.values import parse_date, price_string, slugify, to_decimal, unique_slug, wc_date

UNCATEGORIZED_ID = 15
TAXONOMIES = {"categories": "product_cat", "tags": "product_tag", "brands": "product_brand"}

# Fields copied as given from a request into the stored document.
PRODUCT_PLAIN_FIELDS = (
    "name", "type", "status", "featured", "catalog_visibility", "description", "short_description",
    "virtual", "downloadable", "external_url", "button_text", "tax_status", "tax_class", "backorders",
    "low_stock_amount", "sold_individually", "weight", "shipping_class", "reviews_allowed", "upsell_ids",
    "cross_sell_ids", "parent_id", "purchase_note", "grouped_products", "menu_order", "global_unique_id",
)
VARIATION_PLAIN_FIELDS = (
    "description", "status", "virtual", "downloadable", "tax_status", "tax_class", "backorders",
    "low_stock_amount", "weight", "shipping_class", "menu_order", "global_unique_id",
)


def new_product(doc_id: int, moment: datetime) -> Document:
    stamp = wc_date(moment)
    return {
        "id": doc_id, "name": "", "slug": "", "date_created": stamp, "date_modified": stamp, "type": "simple",
        "status": "publish", "featured": False, "catalog_visibility": "visible", "description": "",
        "short_description": "", "sku": "", "regular_price": "", "sale_price": "", "date_on_sale_from": None,
        "date_on_sale_to": None, "total_sales": 0, "virtual": False, "downloadable": False, "external_url": "",
        "button_text": "", "tax_status": "taxable", "tax_class": "", "manage_stock": False, "stock_quantity": None,
        "stock_status": "instock", "backorders": "no", "low_stock_amount": None, "sold_individually": False,
        "weight": "", "dimensions": {"length": "", "width": "", "height": ""}, "shipping_class": "",
        "reviews_allowed": True, "upsell_ids": [], "cross_sell_ids": [], "parent_id": 0, "purchase_note": "",
        "categories": [], "tags": [], "brands": [], "images": [], "attributes": [], "default_attributes": [],
        "grouped_products": [], "menu_order": 0, "meta_data": [], "global_unique_id": "",
    }


def new_variation(doc_id: int, parent_id: int, moment: datetime) -> Document:
    stamp = wc_date(moment)
    return {
        "id": doc_id, "parent_id": parent_id, "date_created": stamp, "date_modified": stamp, "description": "",
        "sku": "", "global_unique_id": "", "regular_price": "", "sale_price": "", "date_on_sale_from": None,
        "date_on_sale_to": None, "status": "publish", "virtual": False, "downloadable": False,
        "tax_status": "taxable", "tax_class": "", "manage_stock": False, "stock_quantity": None,
        "stock_status": "instock", "backorders": "no", "low_stock_amount": None, "weight": "",
        "dimensions": {"length": "", "width": "", "height": ""}, "shipping_class": "", "image": None,
        "attributes": [], "menu_order": 0, "meta_data": [], "total_sales": 0,
    }


class Catalogue:
    def __init__(self, store: Store, media: MediaLibrary, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.media = media
        self.clock = clock
        if not store.get("term", UNCATEGORIZED_ID):
            store.put("term", {"id": UNCATEGORIZED_ID, "taxonomy": "product_cat", "name": "Uncategorized",
                               "slug": "uncategorized", "parent": 0, "description": "", "display": "default",
                               "image": None, "menu_order": 0})

    # ---- products -------------------------------------------------------------------
    def product(self, product_id: int) -> Document:
        """A product, trashed ones included (a real shop still answers them, with status "trash")."""
        doc = self.store.get("product", product_id)
        if not doc:
            raise invalid_id("product")
        return doc

    def products(self) -> list[Document]:
        return self.store.all("product")

    def create_product(self, body: dict[str, Any]) -> Document:
        if body.get("id"):
            raise WooError(400, "woocommerce_rest_product_exists", "Cannot create existing product.")
        body = validated(body, PRODUCT_SCHEMA)
        doc = new_product(0, self.clock())
        self._check_sku(body.get("sku", ""), None)
        doc["id"] = self.store.next_id("post")
        self._apply_product(doc, body)
        if not doc["categories"]:
            doc["categories"] = [UNCATEGORIZED_ID]
        doc["slug"] = self._product_slug(body.get("slug") or doc["name"] or str(doc["id"]), doc["id"])
        return self.store.put("product", doc)

    def update_product(self, product_id: int, body: dict[str, Any]) -> Document:
        doc = self.store.get("product", product_id)
        if not doc:
            raise invalid_id("product", 400)
        body = validated(body, PRODUCT_SCHEMA)
        self._check_sku(body.get("sku", doc["sku"]), product_id)
        self._apply_product(doc, body)
        if "slug" in body:
            doc["slug"] = self._product_slug(body["slug"], product_id)
        doc["date_modified"] = wc_date(self.clock())
        return self.store.put("product", doc)

    def delete_product(self, product_id: int, force: bool) -> Document:
        """Trash unless ``force``; WooCommerce answers the product as it was before deletion."""
        doc = self.product(product_id)
        if force:
            for variation in self.variations(product_id):
                self.store.delete("variation", variation["id"])
            self.store.delete("product", product_id)
            return doc
        if doc["status"] == "trash":
            raise WooError(410, "woocommerce_rest_already_trashed", "The product has already been deleted.")
        doc["status"] = "trash"
        return self.store.put("product", doc)

    def _apply_product(self, doc: Document, body: dict[str, Any]) -> None:
        for name in PRODUCT_PLAIN_FIELDS:
            if name in body:
                doc[name] = body[name]
        self._apply_common(doc, body)
        for key, taxonomy in TAXONOMIES.items():
            if key in body:
                doc[key] = [self._term_ref(taxonomy, ref) for ref in body[key]]
        if "images" in body:
            doc["images"] = [self.media.image_for_product(image, self.clock()) for image in body["images"]]
        if "attributes" in body:
            doc["attributes"] = [self._product_attribute(position, a) for position, a in enumerate(body["attributes"])]
        if "default_attributes" in body:
            doc["default_attributes"] = [self._default_attribute(a) for a in body["default_attributes"]]

    def _apply_common(self, doc: Document, body: dict[str, Any]) -> None:
        """Fields products and variations share: SKU, prices, sale dates, stock, dimensions, meta."""
        if "sku" in body:
            doc["sku"] = body["sku"].strip()
        for name in ("regular_price", "sale_price"):
            if name in body:
                doc[name] = price_string(body[name])
        for name in ("date_on_sale_from", "date_on_sale_to"):
            for given in (name, f"{name}_gmt"):
                if given in body:
                    moment = parse_date(body[given]) if body[given] else None
                    doc[name] = wc_date(moment)
        if "manage_stock" in body:
            doc["manage_stock"] = body["manage_stock"]
        if "stock_quantity" in body:
            doc["stock_quantity"] = body["stock_quantity"]
        if "stock_status" in body:
            doc["stock_status"] = body["stock_status"]
        if "dimensions" in body:
            doc["dimensions"] = {k: str(body["dimensions"].get(k, doc["dimensions"][k])) for k in ("length", "width", "height")}
        if "meta_data" in body:
            doc["meta_data"] = self.merge_meta(doc["meta_data"], body["meta_data"])

    def merge_meta(self, existing: list[dict[str, Any]], incoming: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """WooCommerce's update_meta_data: by ``id`` when given, else by ``key``; null value deletes."""
        merged = list(existing)
        for entry in incoming:
            match = next((m for m in merged if ("id" in entry and m["id"] == entry["id"]) or m["key"] == entry.get("key")), None)
            if entry.get("value") is None and match:
                merged.remove(match)
            elif match:
                match["value"] = entry["value"]
            elif entry.get("key"):
                merged.append({"id": self.store.next_id("meta"), "key": entry["key"], "value": entry.get("value")})
        return merged

    def _check_sku(self, sku: str, own_id: int | None) -> None:
        """Recorded 33 / 19: ``product_invalid_sku`` with the owner's id and a free suggestion."""
        sku = sku.strip()
        if not sku:
            return
        owners = {d["id"] for kind in ("product", "variation") for d in self.store.scan(kind)
                  if d["sku"] == sku and d.get("status") != "trash"} - {own_id}
        if owners:
            taken = {d["sku"] for kind in ("product", "variation") for d in self.store.scan(kind)}
            suffix = 1
            while f"{sku}-{suffix}" in taken:
                suffix += 1
            raise WooError(400, "product_invalid_sku", "Invalid or duplicated SKU.",
                           resource_id=min(owners), unique_sku=f"{sku}-{suffix}")

    def _product_slug(self, wanted: str, own_id: int) -> str:
        taken = (d["slug"] for d in self.store.scan("product") if d["id"] != own_id)
        return unique_slug(slugify(wanted) or str(own_id), taken)

    def _term_ref(self, taxonomy: str, ref: dict[str, Any]) -> int:
        if ref.get("id"):
            term = self.store.get("term", int(ref["id"]))
            if not term or term["taxonomy"] != taxonomy:
                raise WooError(400, "woocommerce_rest_invalid_term", f"Invalid term ID {ref['id']}.")
            return term["id"]
        name = str(ref.get("name") or "")
        existing = next((t for t in self.terms(taxonomy) if t["name"] == name), None)
        return existing["id"] if existing else self.create_term(taxonomy, {"name": name})["id"]

    def _product_attribute(self, position: int, given: dict[str, Any]) -> dict[str, Any]:
        """Global attributes (``id``) keep their term names, sorted; custom ones (id 0) keep the given order."""
        options = [str(o) for o in given.get("options", [])]
        if given.get("id"):
            attribute = self.attribute(int(given["id"]))
            for option in options:
                self._ensure_term(attribute, option)
            return {"id": attribute["id"], "name": attribute["name"], "slug": attribute["slug"],
                    "position": given.get("position", 0), "visible": bool(given.get("visible", False)),
                    "variation": bool(given.get("variation", False)), "options": sorted(options)}
        name = str(given.get("name", ""))
        return {"id": 0, "name": name, "slug": name, "position": given.get("position", 0),
                "visible": bool(given.get("visible", False)), "variation": bool(given.get("variation", False)),
                "options": options}

    def _default_attribute(self, given: dict[str, Any]) -> dict[str, Any]:
        if given.get("id"):
            attribute = self.attribute(int(given["id"]))
            return {"id": attribute["id"], "name": attribute["name"], "option": slugify(str(given.get("option", "")))}
        return {"id": 0, "name": str(given.get("name", "")), "option": str(given.get("option", ""))}

    def _ensure_term(self, attribute: Document, name: str) -> None:
        if not any(t["name"] == name for t in self.terms(attribute["slug"])):
            self.create_term(attribute["slug"], {"name": name})

    # ---- variations -----------------------------------------------------------------
    def variation(self, product_id: int, variation_id: int) -> Document:
        doc = self.store.get("variation", variation_id)
        if not doc or doc["parent_id"] != product_id:
            raise invalid_id("product_variation")
        return doc

    def variations(self, product_id: int) -> list[Document]:
        return sorted((self.store.get("variation", v["id"]) for v in self.store.scan("variation") if v["parent_id"] == product_id),
                      key=lambda v: v["id"])

    def create_variation(self, product_id: int, body: dict[str, Any]) -> Document:
        parent = self.store.get("product", product_id)
        if not parent:
            raise WooError(404, "woocommerce_rest_product_variation_invalid_parent", "Invalid parent product.")
        if body.get("id"):
            raise WooError(400, "woocommerce_rest_product_variation_exists", "Cannot create existing product_variation.")
        body = validated(body, VARIATION_SCHEMA)
        self._check_sku(body.get("sku", ""), None)
        doc = new_variation(self.store.next_id("post"), product_id, self.clock())
        self._apply_variation(doc, parent, body)
        self._touch(parent)
        return self.store.put("variation", doc)

    def update_variation(self, product_id: int, variation_id: int, body: dict[str, Any]) -> Document:
        doc = self.store.get("variation", variation_id)
        if not doc or doc["parent_id"] != product_id:
            raise invalid_id("product_variation", 400)
        body = validated(body, VARIATION_SCHEMA)
        self._check_sku(body.get("sku", doc["sku"]), variation_id)
        self._apply_variation(doc, self.product(product_id), body)
        doc["date_modified"] = wc_date(self.clock())
        self._touch(self.product(product_id))
        return self.store.put("variation", doc)

    def delete_variation(self, product_id: int, variation_id: int, force: bool) -> Document:
        doc = self.variation(product_id, variation_id)
        if not force:
            raise WooError(501, "woocommerce_rest_trash_not_supported", "Variations do not support trashing.")
        self.store.delete("variation", variation_id)
        return doc

    def _apply_variation(self, doc: Document, parent: Document, body: dict[str, Any]) -> None:
        for name in VARIATION_PLAIN_FIELDS:
            if name in body:
                doc[name] = body[name]
        self._apply_common(doc, body)
        if "image" in body:
            doc["image"] = self.media.image_for_product(body["image"], self.clock()) if body["image"] else None
        if "attributes" in body:
            doc["attributes"] = [self._variation_attribute(parent, a) for a in body["attributes"]]

    def _variation_attribute(self, parent: Document, given: dict[str, Any]) -> dict[str, Any]:
        if given.get("id"):
            attribute = self.attribute(int(given["id"]))
            return {"id": attribute["id"], "name": attribute["name"], "slug": attribute["slug"], "option": str(given.get("option", ""))}
        name = str(given.get("name", ""))
        return {"id": 0, "name": name, "slug": name, "option": str(given.get("option", ""))}

    def _touch(self, parent: Document) -> None:
        parent["date_modified"] = wc_date(self.clock())
        self.store.put("product", parent)

    # ---- stock ----------------------------------------------------------------------
    def find_sellable(self, product_id: int, variation_id: int = 0) -> Document | None:
        """The product or variation an order line refers to (None when unknown: recorded 34)."""
        if variation_id:
            return self.store.get("variation", variation_id)
        return self.store.get("product", product_id) if product_id else None

    def find_by_sku(self, sku: str) -> Document | None:
        for kind in ("variation", "product"):
            found = next((d for d in self.store.scan(kind) if d["sku"] == sku and d.get("status") != "trash"), None)
            if found:
                return self.store.get(kind, found["id"])
        return None

    def adjust_stock(self, item: Document, delta: int, sold: int = 0) -> int | None:
        """Add ``delta`` to a managed stock (negative when an order takes it); the new level or None."""
        kind = "product" if "type" in item else "variation"
        doc = self.store.get(kind, item["id"])
        if doc is None:
            return None
        doc["total_sales"] = doc.get("total_sales", 0) + sold
        if doc["manage_stock"] and doc["stock_quantity"] is not None:
            doc["stock_quantity"] += delta
        doc["date_modified"] = wc_date(self.clock())
        self.store.put(kind, doc)
        return doc["stock_quantity"] if doc["manage_stock"] else None

    # ---- attributes and terms -------------------------------------------------------
    def attribute(self, attribute_id: int) -> Document:
        doc = self.store.get("attribute", attribute_id)
        if not doc:
            raise taxonomy_invalid()
        return doc

    def attributes(self) -> list[Document]:
        return self.store.all("attribute")

    def create_attribute(self, body: dict[str, Any]) -> Document:
        name = str(body.get("name") or "")
        if not name:
            raise WooError(400, "rest_missing_callback_param", "Missing parameter(s): name", params=["name"])
        slug = "pa_" + slugify(body.get("slug") or name)[:28]
        if any(a["slug"] == slug for a in self.attributes()):
            raise WooError(400, "woocommerce_rest_cannot_create",
                           f'Slug "{slug.removeprefix("pa_")}" is already in use. Change it, please.')
        doc = {"id": self.store.next_id("attribute"), "name": name, "slug": slug, "type": body.get("type", "select"),
               "order_by": body.get("order_by", "menu_order"), "has_archives": bool(body.get("has_archives", False))}
        return self.store.put("attribute", doc)

    def update_attribute(self, attribute_id: int, body: dict[str, Any]) -> Document:
        doc = self.attribute(attribute_id)
        for name in ("name", "type", "order_by", "has_archives"):
            if name in body:
                doc[name] = body[name]
        return self.store.put("attribute", doc)

    def delete_attribute(self, attribute_id: int, force: bool) -> Document:
        doc = self.attribute(attribute_id)
        if not force:
            raise WooError(501, "woocommerce_rest_trash_not_supported", "Resource does not support trashing.")
        for term in self.terms(doc["slug"]):
            self.store.delete("term", term["id"])
        self.store.delete("attribute", attribute_id)
        return doc

    def taxonomy_of(self, attribute_id: int) -> str:
        return self.attribute(attribute_id)["slug"]

    def term(self, taxonomy: str, term_id: int) -> Document:
        doc = self.store.get("term", term_id)
        if not doc or doc["taxonomy"] != taxonomy:
            raise term_invalid()
        return doc

    def terms(self, taxonomy: str) -> list[Document]:
        return sorted((self.store.get("term", t["id"]) for t in self.store.scan("term") if t["taxonomy"] == taxonomy),
                      key=lambda t: t["id"])

    def create_term(self, taxonomy: str, body: dict[str, Any]) -> Document:
        body = validated(body, TERM_SCHEMA)
        name = str(body.get("name") or "").strip()
        if not name:
            raise WooError(400, "rest_missing_callback_param", "Missing parameter(s): name", params=["name"])
        parent = int(body.get("parent") or 0)
        if parent:
            self.term(taxonomy, parent)
        same = next((t for t in self.terms(taxonomy) if t["name"] == name and t["parent"] == parent), None)
        if same:
            raise WooError(400, "term_exists", "A term with the name provided already exists with this parent.", resource_id=same["id"])
        slug = unique_slug(slugify(body.get("slug") or name), (t["slug"] for t in self.terms(taxonomy)))
        doc = {"id": self.store.next_id("term"), "taxonomy": taxonomy, "name": name, "slug": slug, "parent": parent,
               "description": body.get("description", ""), "display": body.get("display", "default"),
               "image": body.get("image"), "menu_order": body.get("menu_order", 0)}
        return self.store.put("term", doc)

    def update_term(self, taxonomy: str, term_id: int, body: dict[str, Any]) -> Document:
        doc = self.term(taxonomy, term_id)
        body = validated(body, TERM_SCHEMA)
        if "parent" in body and body["parent"]:
            if body["parent"] == term_id:
                raise WooError(400, "woocommerce_rest_term_invalid", "Resource does not exist.")
            self.term(taxonomy, int(body["parent"]))
        for name in ("name", "description", "display", "image", "menu_order", "parent"):
            if name in body:
                doc[name] = body[name]
        if "slug" in body:
            doc["slug"] = unique_slug(slugify(body["slug"]), (t["slug"] for t in self.terms(taxonomy) if t["id"] != term_id))
        return self.store.put("term", doc)

    def delete_term(self, taxonomy: str, term_id: int, force: bool) -> Document:
        doc = self.term(taxonomy, term_id)
        if not force:
            raise WooError(501, "woocommerce_rest_trash_not_supported", "Resource does not support trashing.")
        for child in self.terms(taxonomy):
            if child["parent"] == term_id:
                child["parent"] = doc["parent"]
                self.store.put("term", child)
        self.store.delete("term", term_id)
        return doc

    def term_count(self, term: Document) -> int:
        if term["taxonomy"].startswith("pa_"):
            return 0
        key = {v: k for k, v in TAXONOMIES.items()}[term["taxonomy"]]
        return sum(1 for p in self.store.scan("product") if term["id"] in p[key] and p["status"] == "publish")

    # ---- derived values -------------------------------------------------------------
    def active_price(self, doc: Document) -> str:
        return doc["sale_price"] if self.sale_active(doc) else doc["regular_price"]

    def sale_active(self, doc: Document) -> bool:
        if doc["sale_price"] == "" or (doc["regular_price"] != "" and to_decimal(doc["sale_price"]) >= to_decimal(doc["regular_price"])):
            return False
        today = self.clock()
        starts, ends = parse_date(doc["date_on_sale_from"] or ""), parse_date(doc["date_on_sale_to"] or "")
        return not (starts and today < starts) and not (ends and today > ends)

    def own_stock_status(self, doc: Document) -> str:
        if not doc["manage_stock"] or doc["stock_quantity"] is None:
            return doc["stock_status"]
        if doc["stock_quantity"] > 0:
            return "instock"
        return "onbackorder" if doc["backorders"] != "no" else "outofstock"

    def variable_summary(self, doc: Document) -> tuple[str, bool, str, list[Decimal]]:
        """(price, on_sale, stock_status, sorted child prices) of a variable product."""
        children = [v for v in self.variations(doc["id"]) if v["status"] == "publish"]
        prices = sorted(to_decimal(self.active_price(v)) for v in children if self.active_price(v) != "")
        in_stock = any(self.own_stock_status(v) in ("instock", "onbackorder") for v in children)
        price = self.active_price(min(children, key=lambda v: to_decimal(self.active_price(v)))) if prices else ""
        return price, any(self.sale_active(v) for v in children), "instock" if in_stock else "outofstock", prices
