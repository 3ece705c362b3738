"""The shop's rules behind the webservice: what a write changes besides its own record.

- products get a stock row (``id_product_attribute`` 0), combinations one each, and the
  product row is the sum of its combinations' rows (recordings 51–54);
- read-only associations (a product's combinations, option values and stock rows; a
  category's children and products; an attribute group's values) are computed on read;
- an order is created from its cart as ``PaymentModule::validateOrder`` does (see
  :mod:`gescom_sync.sandbox.prestashop.orders`); ``order_histories`` change its state;
- ``order_slip`` writes the slip even when an entry misses ``id_order_detail``, then
  answers 500 (the recorded surprise).
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Callable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from gescom_sync.sandbox.prestashop.orders import OrderRules
from gescom_sync.sandbox.prestashop.records import WebserviceError, apply_submitted, check_required, validation_error
from gescom_sync.sandbox.prestashop.render import Record, Submitted
from gescom_sync.sandbox.prestashop.resources import RESOURCES, Resource
from gescom_sync.sandbox.prestashop.seed import LANGUAGES, SHOP_TIME_ZONE, blank, initial_records
from gescom_sync.sandbox.prestashop.store import Store

TIMESTAMP = "%Y-%m-%d %H:%M:%S"
FALSE_ECHOED_EMPTY = {"is_color_group", "default_on"}  # classes that cast these to PHP false (recordings 39, 48)
SHOP_SET_FIELDS = {"passwd", "link_rewrite", "position", "level_depth"}  # the shop's own value shows even when sent


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Shop(OrderRules):
    """Records of every resource, with the side effects PrestaShop applies on writes."""

    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store, self.clock = store, clock
        if store.is_empty:
            for kind, rows in initial_records().items():
                store.put_many(kind, rows)
        elif self.configuration("PS_TIMEZONE") is None:  # a shop folder kept from before PS_TIMEZONE was served
            store.put("configurations", blank("configurations", id=store.next_id("configurations"), name="PS_TIMEZONE",
                                              value=SHOP_TIME_ZONE))

    # ---- helpers ----------------------------------------------------------------------
    def now(self) -> str:
        """The shop's local time (``PS_TIMEZONE``), as PrestaShop stores every date; a naive
        clock is taken as local time already."""
        moment = self.clock()
        if moment.tzinfo is not None:
            moment = moment.astimezone(ZoneInfo(self.configuration("PS_TIMEZONE") or SHOP_TIME_ZONE))
        return moment.strftime(TIMESTAMP)

    @property
    def languages(self) -> list[int]:
        return [r["id"] for r in self.store.scan("languages")] or [i for i, *_ in LANGUAGES]

    @property
    def default_language(self) -> int:
        return int(self.configuration("PS_LANG_DEFAULT") or 1)

    def configuration(self, name: str) -> str | None:
        return next((r["value"] for r in self.store.scan("configurations") if r["name"] == name), None)

    def require(self, kind: str, row_id: int) -> Record:
        row = self.store.get(kind, row_id)
        if row is None:
            raise WebserviceError(404, [])
        return row

    def where(self, kind: str, **values: Any) -> list[Record]:
        return [r for r in self.store.scan(kind) if all(r.get(k) == v for k, v in values.items())]

    # ---- reads ------------------------------------------------------------------------
    def read(self, kind: str, row_id: int) -> Record:
        return self.decorate(kind, self.require(kind, row_id))

    def read_all(self, kind: str) -> list[Record]:
        return [self.decorate(kind, r) for r in self.store.all(kind)]

    def decorate(self, kind: str, row: Record) -> Record:
        """Fill the computed fields and associations PrestaShop builds on read."""
        decorate = getattr(self, f"_decorate_{kind}", None)
        return decorate(row) if decorate else row

    def _decorate_products(self, row: Record) -> Record:
        combinations = self.where("combinations", id_product=row["id"])
        default = next((c["id"] for c in combinations if c["default_on"] == "1"), 0)
        row["cache_default_attribute"] = row["id_default_combination"] = default
        manufacturer = self.store.get("manufacturers", row.get("id_manufacturer") or 0)
        row["manufacturer_name"] = manufacturer["name"] if manufacturer else ""
        associations = row.setdefault("associations", {})
        associations["combinations"] = [{"id": c["id"]} for c in combinations]
        values = []
        for combination in combinations:
            values += [v for v in combination["associations"].get("product_option_values", []) if v not in values]
        associations["product_option_values"] = values
        associations["stock_availables"] = [{"id": s["id"], "id_product_attribute": s["id_product_attribute"]}
                                            for s in self.where("stock_availables", id_product=row["id"])]
        images = associations.get("images", [])
        row["id_default_image"] = images[0]["id"] if images else row.get("id_default_image") or ""
        row["cache_has_attachments"] = "1" if associations.get("attachments") else "0"
        row["cache_is_pack"] = "1" if associations.get("product_bundle") else "0"
        row["type"] = "pack" if associations.get("product_bundle") else "virtual" if row.get("is_virtual") == "1" else "simple"
        return row

    def _decorate_categories(self, row: Record) -> Record:
        associations = row.setdefault("associations", {})
        associations["categories"] = [{"id": c["id"]} for c in self.where("categories", id_parent=row["id"])]
        associations["products"] = [{"id": p["id"]} for p in self.store.scan("products")
                                    if {"id": row["id"]} in p.get("associations", {}).get("categories", [])]
        row["nb_products_recursive"] = len(associations["products"])
        return row

    def _decorate_product_options(self, row: Record) -> Record:
        row.setdefault("associations", {})["product_option_values"] = [
            {"id": v["id"]} for v in self.where("product_option_values", id_attribute_group=row["id"])]
        return row

    def _decorate_attachments(self, row: Record) -> Record:
        row.setdefault("associations", {})["products"] = [
            {"id": p["id"]} for p in self.store.scan("products") if {"id": row["id"]} in p.get("associations", {}).get("attachments", [])]
        return row

    def _decorate_customer_threads(self, row: Record) -> Record:
        row.setdefault("associations", {})["customer_messages"] = [
            {"id": m["id"]} for m in self.where("customer_messages", id_customer_thread=row["id"])]
        return row

    def _decorate_orders(self, row: Record) -> Record:
        rows = []
        for detail in self.where("order_details", id_order=row["id"]):
            rows.append({name: detail[name] if name != "id" else detail["id"] for name in (
                "id", "product_id", "product_attribute_id", "product_quantity", "product_name", "product_reference",
                "product_ean13", "product_isbn", "product_upc", "product_price", "id_customization",
                "unit_price_tax_incl", "unit_price_tax_excl")})
        row.setdefault("associations", {})["order_rows"] = rows
        carrier = next(iter(self.where("order_carriers", id_order=row["id"])), None)
        row["shipping_number"] = carrier["tracking_number"] if carrier else ""
        return row

    # ---- writes -----------------------------------------------------------------------
    def create(self, resource: Resource, submitted: Submitted, params: dict[str, str]) -> Record:
        check_required(resource, submitted)
        row = blank(resource.name, id=0)
        apply_submitted(resource, row, submitted, self.languages, self.default_language)
        for stamp in ("date_add", "date_upd"):
            if resource.field(stamp):
                row[stamp] = self.now()
        before = getattr(self, f"_before_create_{resource.name}", None)
        if before:
            before(row, submitted, params)
        row["id"] = self.store.next_id(resource.name)
        self.store.put(resource.name, row)
        after = getattr(self, f"_after_create_{resource.name}", None)
        if after:
            after(row, submitted, params)
        return self.echo(resource, self.read(resource.name, row["id"]), submitted)

    def update(self, resource: Resource, row_id: int, submitted: Submitted, params: dict[str, str], *, partial: bool) -> Record:
        row = self.require(resource.name, row_id)
        if not partial:
            check_required(resource, submitted)
        before_values = dict(row)
        apply_submitted(resource, row, submitted, self.languages, self.default_language)
        if resource.field("date_upd"):
            row["date_upd"] = self.now()
        hook = getattr(self, f"_before_update_{resource.name}", None)
        if hook:
            hook(row, before_values, submitted)
        self.store.put(resource.name, row)
        after = getattr(self, f"_after_update_{resource.name}", None)
        if after:
            after(row, before_values)
        return self.echo(resource, self.read(resource.name, row_id), submitted)

    def echo(self, resource: Resource, row: Record, submitted: Submitted) -> Record:
        """A write's answer: PrestaShop shows the object it hydrated, so sent fields read back as sent ("0.250")."""
        for name, raw in submitted.values.items():
            field = resource.field(name)
            if field is None or field.computed or field.read_only or name in SHOP_SET_FIELDS:
                continue
            if raw == "" and field.default is not None and not field.json_int:
                continue  # an empty enum-like value leaves the class default ("new", "both")
            row[name] = "" if raw in ("0", "false") and name in FALSE_ECHOED_EMPTY else raw
        return row

    def delete(self, resource: Resource, row_id: int) -> None:
        row = self.require(resource.name, row_id)
        self.store.delete(resource.name, row_id)
        hook = getattr(self, f"_after_delete_{resource.name}", None)
        if hook:
            hook(row)

    # ---- catalogue rules ----------------------------------------------------------------
    def _fill_link_rewrite(self, row: Record, source: str = "name") -> None:
        names = {e["id"]: e["value"] for e in row.get(source) or []}
        row["link_rewrite"] = [{"id": e["id"], "value": e["value"] or slug(names.get(e["id"], ""))} for e in row["link_rewrite"]]

    def _before_create_products(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        self._check_categories(row)
        self._fill_link_rewrite(row)
        row["indexed"] = "1"
        row["position_in_category"] = len(self.store.scan("products")) + 1
        row["quantity"] = 0

    def _before_update_products(self, row: Record, old: Record, submitted: Submitted) -> None:
        self._check_categories(row)
        self._fill_link_rewrite(row)

    def _check_categories(self, row: Record) -> None:
        if row.get("id_category_default") and self.store.get("categories", row["id_category_default"]) is None:
            raise validation_error(RESOURCES["products"], "Property Product->id_category_default is not valid")
        for entry in row.get("associations", {}).get("categories", []):
            if self.store.get("categories", entry.get("id", 0)) is None:
                raise WebserviceError(400, [(85, f"Validation error: \"Category {entry.get('id')} does not exist\"")])

    def _after_create_products(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        self._stock_row(row["id"], 0)

    def _after_delete_products(self, row: Record) -> None:
        for kind in ("combinations", "stock_availables", "specific_prices"):
            for child in self.where(kind, id_product=row["id"]):
                self.store.delete(kind, child["id"])

    def _stock_row(self, product_id: int, combination_id: int) -> Record:
        stock = blank("stock_availables", id=self.store.next_id("stock_availables"), id_product=product_id,
                      id_product_attribute=combination_id, id_shop=1, id_shop_group=0, out_of_stock=2)
        return self.store.put("stock_availables", stock)

    def _before_create_combinations(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        if self.store.get("products", row["id_product"]) is None:
            raise validation_error(RESOURCES["combinations"], "Property Combination->id_product is not valid")
        if not any(c["default_on"] == "1" for c in self.where("combinations", id_product=row["id_product"])):
            row["default_on"] = "1"

    def _after_create_combinations(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        self._single_default(row)
        self._stock_row(row["id_product"], row["id"])
        self.recompute_product_stock(row["id_product"])

    def _after_update_combinations(self, row: Record, old: Record) -> None:
        self._single_default(row)

    def _single_default(self, row: Record) -> None:
        if row["default_on"] != "1":
            return
        for other in self.where("combinations", id_product=row["id_product"]):
            if other["id"] != row["id"] and other["default_on"] == "1":
                changed = self.store.get("combinations", other["id"])
                changed["default_on"] = "0"
                self.store.put("combinations", changed)

    def _after_delete_combinations(self, row: Record) -> None:
        for stock in self.where("stock_availables", id_product=row["id_product"], id_product_attribute=row["id"]):
            self.store.delete("stock_availables", stock["id"])
        self.recompute_product_stock(row["id_product"])

    def _after_update_stock_availables(self, row: Record, old: Record) -> None:
        if row["id_product_attribute"]:
            self.recompute_product_stock(row["id_product"])

    def recompute_product_stock(self, product_id: int) -> None:
        """The product row (``id_product_attribute`` 0) becomes the sum of its combination rows."""
        rows = self.where("stock_availables", id_product=product_id)
        combination_rows = [r for r in rows if r["id_product_attribute"]]
        product_row = next((r for r in rows if not r["id_product_attribute"]), None)
        if product_row is None or not combination_rows:
            return
        total = sum(r["quantity"] for r in combination_rows)
        if product_row["quantity"] != total:
            changed = self.store.get("stock_availables", product_row["id"])
            changed["quantity"] = total
            self.store.put("stock_availables", changed)

    def change_stock(self, product_id: int, combination_id: int, delta: int) -> int:
        """Add ``delta`` to a stock row; returns the quantity there was before."""
        row = next(iter(self.where("stock_availables", id_product=product_id, id_product_attribute=combination_id)), None)
        if row is None:
            return 0
        changed = self.store.get("stock_availables", row["id"])
        before = changed["quantity"]
        changed["quantity"] = before + delta
        self.store.put("stock_availables", changed)
        if combination_id:
            self.recompute_product_stock(product_id)
        return before

    def _before_create_categories(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        self._place_category(row)
        row["position"] = len(self.where("categories", id_parent=row["id_parent"]))

    def _before_update_categories(self, row: Record, old: Record, submitted: Submitted) -> None:
        self._place_category(row)

    def _place_category(self, row: Record) -> None:
        if not row["id_parent"]:
            row["id_parent"] = 2
        parent = self.store.get("categories", row["id_parent"])
        if parent is None:
            raise validation_error(RESOURCES["categories"], "Property Category->id_parent is not valid")
        row["level_depth"] = parent["level_depth"] + 1

    def _before_create_product_options(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        row["position"] = len(self.store.scan("product_options"))

    def _before_create_product_option_values(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        if self.store.get("product_options", row["id_attribute_group"]) is None:
            raise validation_error(RESOURCES["product_option_values"], "Property Attribute->id_attribute_group is not valid")
        row["position"] = len(self.where("product_option_values", id_attribute_group=row["id_attribute_group"]))

    def _before_create_product_feature_values(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        if self.store.get("product_features", row["id_feature"]) is None:
            raise validation_error(RESOURCES["product_feature_values"], "Property FeatureValue->id_feature is not valid")

    def _before_create_product_features(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        row["position"] = len(self.store.scan("product_features"))

    def _before_create_manufacturers(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        row["link_rewrite"] = slug(row["name"])

    _before_create_suppliers = _before_create_manufacturers

    def _before_create_specific_prices(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        if row["id_product"] and self.store.get("products", row["id_product"]) is None:
            raise validation_error(RESOURCES["specific_prices"], "Property SpecificPrice->id_product is not valid")
        if row["reduction_type"] not in ("amount", "percentage"):
            raise validation_error(RESOURCES["specific_prices"], "Property SpecificPrice->reduction_type is not valid")

    # ---- customers ------------------------------------------------------------------------
    def _before_create_customers(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        self._hash_password(row)
        row["secure_key"] = secrets.token_hex(16)
        groups = row.setdefault("associations", {}).setdefault("groups", [])
        if not row["id_default_group"]:
            row["id_default_group"] = 3
        if {"id": row["id_default_group"]} not in groups:
            groups.append({"id": row["id_default_group"]})

    def _before_update_customers(self, row: Record, old: Record, submitted: Submitted) -> None:
        if row["passwd"] != old["passwd"]:
            self._hash_password(row)

    def _hash_password(self, row: Record) -> None:
        """A bcrypt-looking hash (``$2y$10$`` + 53 characters), as PrestaShop answers; not a real bcrypt."""
        salt = secrets.token_hex(11)[:22]
        digest = hashlib.sha256((salt + row["passwd"]).encode()).hexdigest()[:31]
        row["passwd"] = f"$2y$10${salt}{digest}"
        row["last_passwd_gen"] = self.now()

    def _before_create_carts(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        rows = row.get("associations", {}).get("cart_rows", [])
        row["associations"]["cart_rows"] = sorted(rows, key=lambda r: (r.get("id_product", 0), r.get("id_product_attribute", 0)))

    def _before_update_order_carriers(self, row: Record, old: Record, submitted: Submitted) -> None:
        if row["tracking_number"] != old["tracking_number"]:
            order = self.store.get("orders", row["id_order"])
            if order is not None:
                order["date_upd"] = self.now()
                self.store.put("orders", order)
