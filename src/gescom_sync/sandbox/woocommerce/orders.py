"""Orders, their totals and taxes, stock movements, order notes and refunds.

Totals follow WooCommerce with prices entered tax-excluded (recordings 91–96): each line's
``subtotal`` is before coupons and ``total`` after; taxes are computed per line, fee and
shipping line and rounded half-up to the cent; ``tax_lines`` sum them per rate. Stock is
taken when an order enters processing, on-hold or completed (line meta ``_reduced_stock``),
given back when it is cancelled and when a refund asks to restock.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal
from typing import Any

from gescom_sync.sandbox.woocommerce.catalogue import Catalogue
from gescom_sync.sandbox.woocommerce.config import ShopConfig
from gescom_sync.sandbox.woocommerce.customers import Coupons, Customers, empty_address, merge_address
from gescom_sync.sandbox.woocommerce.errors import WooError, invalid_id, invalid_resource_id
from gescom_sync.sandbox.woocommerce.render import CURRENCY_SYMBOLS, links
from gescom_sync.sandbox.woocommerce.store import Document, Store
from gescom_sync.sandbox.woocommerce.validation import ORDER_SCHEMA, validated
from gescom_sync.sandbox.woocommerce.values import money, php_number, round_cent, to_decimal, trimmed, wc_date

STOCK_TAKING_STATUSES = {"processing", "on-hold", "completed"}
PAID_STATUSES = {"processing", "completed"}
EDITABLE_STATUSES = {"pending", "on-hold", "auto-draft", "checkout-draft"}
STATUS_NAMES = {
    "pending": "Pending payment", "processing": "Processing", "on-hold": "On hold", "completed": "Completed",
    "cancelled": "Cancelled", "refunded": "Refunded", "failed": "Failed", "checkout-draft": "Draft",
}
ZERO = Decimal(0)


class Orders:
    def __init__(self, store: Store, catalogue: Catalogue, customers: Customers, coupons: Coupons,
                 config: ShopConfig, clock: Callable[[], datetime]) -> None:
        self.store, self.catalogue, self.customers = store, catalogue, customers
        self.coupons, self.config, self.clock = coupons, config, clock

    # ---- orders ---------------------------------------------------------------------
    def order(self, order_id: int) -> Document:
        doc = self.store.get("order", order_id)
        if not doc:
            raise invalid_id("shop_order")
        return doc

    def orders(self) -> list[Document]:
        return self.store.all("order")

    def create(self, body: dict[str, Any]) -> Document:
        if body.get("id"):
            raise WooError(400, "woocommerce_rest_shop_order_exists", "Cannot create existing shop_order.")
        body = validated(body, ORDER_SCHEMA)
        stamp = wc_date(self.clock())
        doc: Document = {
            "id": self.store.next_id("post"), "parent_id": 0, "status": "pending",
            "currency": self.config.setting_value("woocommerce_currency"), "version": "10.0.2",
            "prices_include_tax": False, "date_created": stamp, "date_modified": stamp, "customer_id": 0,
            "order_key": "wc_order_" + secrets.token_urlsafe(10)[:13], "billing": empty_address("billing"),
            "shipping": empty_address("shipping"), "payment_method": "", "payment_method_title": "",
            "transaction_id": "", "customer_note": "", "date_completed": None, "date_paid": None, "meta_data": [],
            "line_items": [], "tax_lines": [], "shipping_lines": [], "fee_lines": [], "coupon_lines": [],
            "stock_reduced": False,
        }
        self._apply(doc, body)
        self.store.put("order", doc)
        target = "processing" if body.get("set_paid") else body.get("status", "pending")
        return self._change_status(doc, target, note=False)

    def update(self, order_id: int, body: dict[str, Any]) -> Document:
        doc = self.store.get("order", order_id)
        if not doc:
            raise invalid_id("shop_order", 400)
        body = validated(body, ORDER_SCHEMA)
        self._apply(doc, body)
        doc["date_modified"] = wc_date(self.clock())
        self.store.put("order", doc)
        target = "processing" if body.get("set_paid") and doc["status"] not in PAID_STATUSES else body.get("status", doc["status"])
        return self._change_status(doc, target, note=True)

    def delete(self, order_id: int, force: bool) -> Document:
        doc = self.order(order_id)
        if force:
            self.store.delete("order", order_id)
            return doc
        if doc["status"] == "trash":
            raise WooError(410, "woocommerce_rest_already_trashed", "The order has already been deleted.")
        doc["status"] = "trash"
        return self.store.put("order", doc)

    def _apply(self, doc: Document, body: dict[str, Any]) -> None:
        if "customer_id" in body and body["customer_id"]:
            if not self.store.get("customer", body["customer_id"]):
                raise WooError(400, "woocommerce_rest_invalid_customer_id", "Customer ID is invalid.")
        for name in ("parent_id", "currency", "customer_id", "customer_note", "payment_method", "payment_method_title", "transaction_id"):
            if name in body:
                doc[name] = body[name]
        for kind in ("billing", "shipping"):
            if kind in body:
                doc[kind] = merge_address(doc[kind], body[kind])
        if "meta_data" in body:
            doc["meta_data"] = self.catalogue.merge_meta(doc["meta_data"], body["meta_data"])
        lines_changed = False
        for key, build in (("line_items", self._line_item), ("shipping_lines", self._shipping_line),
                           ("fee_lines", self._fee_line), ("coupon_lines", self._coupon_line)):
            if key in body:
                doc[key] = self._merge_lines(doc[key], body[key], build)
                lines_changed = True
        if lines_changed or not doc["tax_lines"]:
            self._calculate_totals(doc)

    def _merge_lines(self, current: list[dict[str, Any]], given: list[dict[str, Any]],
                     build: Callable[[dict[str, Any], dict[str, Any] | None], dict[str, Any] | None]) -> list[dict[str, Any]]:
        """Lines with an ``id`` update (or, with quantity 0 / null name, remove) that line; others are added."""
        lines = {line["id"]: line for line in current}
        for entry in given:
            existing = lines.get(entry.get("id")) if entry.get("id") else None
            built = build(entry, existing)
            if existing and built is None:
                del lines[existing["id"]]
            elif built is not None:
                lines[built["id"]] = built
        return list(lines.values())

    def _line_item(self, given: dict[str, Any], existing: dict[str, Any] | None) -> dict[str, Any] | None:
        if existing and given.get("quantity") == 0:
            return None
        line = existing or {"id": self.store.next_id("order_item"), "meta_data": [], "taxes": []}
        quantity = int(given.get("quantity", line.get("quantity", 1)))
        item = self._sellable(given) if not existing or {"product_id", "variation_id", "sku"} & set(given) else self._sellable(line)
        unit = to_decimal(self.catalogue.active_price(item)) if item else ZERO
        line.update(self._product_fields(item))
        line["quantity"] = quantity
        line["subtotal"] = money(to_decimal(given["subtotal"]) if "subtotal" in given else unit * quantity) if item or "subtotal" in given else "0.00"
        line["given_total"] = given.get("total", line.get("given_total"))
        line["meta_data"] = [m for m in line["meta_data"] if m["key"] == "_reduced_stock"] + self._variation_meta(item)
        return line

    def _sellable(self, given: dict[str, Any]) -> Document | None:
        if given.get("sku"):
            return self.catalogue.find_by_sku(str(given["sku"]))
        return self.catalogue.find_sellable(int(given.get("product_id") or 0), int(given.get("variation_id") or 0))

    def _product_fields(self, item: Document | None) -> dict[str, Any]:
        """Name, ids, SKU, tax class of a line; an unknown product gives the recorded empty line (34)."""
        if not item:
            return {"name": "", "product_id": 0, "variation_id": 0, "tax_class": "", "sku": None, "parent_name": None,
                    "image": {"id": 0, "src": ""}}
        if "type" in item:
            return {"name": item["name"], "product_id": item["id"], "variation_id": 0, "tax_class": item["tax_class"],
                    "sku": item["sku"], "parent_name": None, "image": {"id": "", "src": ""}}
        parent = self.store.get("product", item["parent_id"]) or {"name": "", "tax_class": ""}
        options = ", ".join(a["option"] for a in item["attributes"])
        return {"name": f"{parent['name']} - {options}" if options else parent["name"], "product_id": item["parent_id"],
                "variation_id": item["id"], "tax_class": item["tax_class"] or parent["tax_class"], "sku": item["sku"],
                "parent_name": parent["name"], "image": {"id": item["image"] or 0, "src": ""}}

    def _variation_meta(self, item: Document | None) -> list[dict[str, Any]]:
        if not item or "type" in item:
            return []
        return [{"id": self.store.next_id("meta"), "key": a["slug"], "value": a["option"].lower(),
                 "display_key": a["name"], "display_value": a["option"]} for a in item["attributes"] if a["id"]]

    def _shipping_line(self, given: dict[str, Any], existing: dict[str, Any] | None) -> dict[str, Any] | None:
        if existing and given.get("method_id") is None and "method_id" in given:
            return None
        line = existing or {"id": self.store.next_id("order_item"), "method_title": "", "method_id": "", "instance_id": "",
                            "total": "0.00", "meta_data": []}
        for name in ("method_title", "method_id", "instance_id"):
            if name in given:
                line[name] = str(given[name])
        if "total" in given:
            line["total"] = money(to_decimal(given["total"]))
        return line

    def _fee_line(self, given: dict[str, Any], existing: dict[str, Any] | None) -> dict[str, Any] | None:
        if existing and "name" in given and given["name"] is None:
            return None
        line = existing or {"id": self.store.next_id("order_item"), "name": "", "tax_class": "", "tax_status": "taxable",
                            "amount": "", "total": "0.00", "meta_data": []}
        for name in ("name", "tax_class", "tax_status"):
            if name in given:
                line[name] = str(given[name])
        if "total" in given:
            line["total"] = money(to_decimal(given["total"]))
        return line

    def _coupon_line(self, given: dict[str, Any], existing: dict[str, Any] | None) -> dict[str, Any] | None:
        if existing and "code" in given and given["code"] is None:
            return None
        code = str(given.get("code") or (existing or {}).get("code", ""))
        coupon = self.coupons.by_code(code)
        if not coupon:
            raise WooError(400, "woocommerce_rest_invalid_coupon", f'Coupon "{code}" does not exist!')
        info = f'[{coupon["id"]},"{coupon["code"]}","{coupon["discount_type"]}",{trimmed(to_decimal(coupon["amount"]))}]'
        return (existing or {"id": self.store.next_id("order_item")}) | {
            "code": coupon["code"], "discount": "0", "discount_tax": "0.00",
            "meta_data": [{"id": self.store.next_id("meta"), "key": "coupon_info", "value": info, "display_key": "coupon_info", "display_value": info}],
            "discount_type": coupon["discount_type"], "nominal_amount": php_number(to_decimal(coupon["amount"])),
            "free_shipping": coupon["free_shipping"],
        }

    # ---- totals ---------------------------------------------------------------------
    def _calculate_totals(self, doc: Document) -> None:
        country = self._tax_country(doc)
        taxes_on = self.config.taxes_enabled
        discounts = self._coupon_discounts(doc)
        per_rate: dict[int, dict[str, Decimal]] = {}
        coupon_tax: dict[str, Decimal] = {c["code"]: ZERO for c in doc["coupon_lines"]}
        for line in doc["line_items"]:
            subtotal = to_decimal(line["subtotal"])
            line_discounts = discounts.get(line["id"], {})
            total = to_decimal(line["given_total"]) if line.get("given_total") is not None else subtotal - sum(line_discounts.values(), ZERO)
            line["total"] = money(total)
            rates = self.config.rates_for(country, line["tax_class"]) if taxes_on and line["product_id"] else []
            line["taxes"] = []
            for rate in rates:
                percent = to_decimal(rate["rate"]) / 100
                tax_subtotal, tax_total = round_cent(subtotal * percent), round_cent(total * percent)
                line["taxes"].append({"id": rate["id"], "total": money(tax_total), "subtotal": money(tax_subtotal)})
                per_rate.setdefault(rate["id"], {"items": ZERO, "shipping": ZERO})["items"] += tax_total
                for code, amount in line_discounts.items():
                    coupon_tax[code] += round_cent(amount * percent)
            line["subtotal_tax"] = money(sum((to_decimal(t["subtotal"]) for t in line["taxes"]), ZERO))
            line["total_tax"] = money(sum((to_decimal(t["total"]) for t in line["taxes"]), ZERO))
            line["price"] = php_number(total / line["quantity"]) if line["quantity"] else 0
        for fee in doc["fee_lines"]:
            rates = self.config.rates_for(country, fee["tax_class"]) if taxes_on and fee["tax_status"] == "taxable" else []
            fee["taxes"] = self._charge_taxes(to_decimal(fee["total"]), rates, per_rate, "items")
            fee["total_tax"] = money(sum((to_decimal(t["total"]) for t in fee["taxes"]), ZERO))
        for ship in doc["shipping_lines"]:
            rates = self.config.rates_for(country, "", shipping=True) if taxes_on else []
            ship["taxes"] = self._charge_taxes(to_decimal(ship["total"]), rates, per_rate, "shipping")
            ship["total_tax"] = money(sum((to_decimal(t["total"]) for t in ship["taxes"]), ZERO))
            ship["tax_status"] = "taxable"
        for coupon in doc["coupon_lines"]:
            amount = sum((d.get(coupon["code"], ZERO) for d in discounts.values()), ZERO)
            coupon["discount"], coupon["discount_tax"] = trimmed(amount), money(coupon_tax[coupon["code"]])
        doc["tax_lines"] = self._tax_lines(doc["tax_lines"], per_rate, country)
        self._sum_totals(doc)

    def _tax_country(self, doc: Document) -> str:
        based_on = self.config.setting_value("woocommerce_tax_based_on")
        if based_on == "billing":
            return doc["billing"]["country"]
        return doc["shipping"]["country"] or doc["billing"]["country"]

    def _coupon_discounts(self, doc: Document) -> dict[int, dict[str, Decimal]]:
        """Discount per line item and coupon code: percent of the subtotal, or a fixed amount spread by subtotal."""
        result: dict[int, dict[str, Decimal]] = {line["id"]: {} for line in doc["line_items"]}
        lines = [line for line in doc["line_items"] if line["product_id"]]
        cart = sum((to_decimal(line["subtotal"]) for line in lines), ZERO)
        for coupon_line in doc["coupon_lines"]:
            coupon = self.coupons.by_code(coupon_line["code"])
            if not coupon or not cart:
                continue
            amount = to_decimal(coupon["amount"])
            for line in lines:
                subtotal = to_decimal(line["subtotal"])
                if coupon["discount_type"] == "percent":
                    discount = round_cent(subtotal * amount / 100)
                elif coupon["discount_type"] == "fixed_product":
                    discount = min(subtotal, amount * line["quantity"])
                else:
                    discount = round_cent(min(amount, cart) * subtotal / cart)
                result[line["id"]][coupon["code"]] = discount
        return result

    @staticmethod
    def _charge_taxes(amount: Decimal, rates: list[Document], per_rate: dict[int, dict[str, Decimal]], bucket: str) -> list[dict[str, Any]]:
        taxes = []
        for rate in rates:
            tax = round_cent(amount * to_decimal(rate["rate"]) / 100)
            per_rate.setdefault(rate["id"], {"items": ZERO, "shipping": ZERO})[bucket] += tax
            taxes.append({"id": rate["id"], "total": money(tax), "subtotal": ""})
        return taxes

    def _tax_lines(self, current: list[dict[str, Any]], per_rate: dict[int, dict[str, Decimal]], country: str) -> list[dict[str, Any]]:
        kept = {line["rate_id"]: line["id"] for line in current}
        lines = []
        for rate_id, sums in per_rate.items():
            rate = self.config.tax_rate(rate_id)
            lines.append({
                "id": kept.get(rate_id) or self.store.next_id("order_item"),
                "rate_code": f"{(rate['country'] or country).upper()}-{rate['name']}-{rate['priority']}",
                "rate_id": rate_id, "label": rate["name"], "compound": rate["compound"],
                "tax_total": money(sums["items"]), "shipping_tax_total": money(sums["shipping"]),
                "rate_percent": php_number(to_decimal(rate["rate"])), "meta_data": [],
            })
        return lines

    @staticmethod
    def _sum_totals(doc: Document) -> None:
        def total(lines: list[dict[str, Any]], field: str) -> Decimal:
            return sum((to_decimal(line[field]) for line in lines), ZERO)

        items, fees, shipping = doc["line_items"], doc["fee_lines"], doc["shipping_lines"]
        cart_tax = total(items, "total_tax") + total(fees, "total_tax")
        shipping_tax = total(shipping, "total_tax")
        doc["discount_total"] = money(total(items, "subtotal") - total(items, "total"))
        doc["discount_tax"] = money(total(items, "subtotal_tax") - total(items, "total_tax"))
        doc["shipping_total"], doc["shipping_tax"] = money(total(shipping, "total")), money(shipping_tax)
        doc["cart_tax"], doc["total_tax"] = money(cart_tax), money(cart_tax + shipping_tax)
        doc["total"] = money(total(items, "total") + total(fees, "total") + total(shipping, "total") + cart_tax + shipping_tax)

    # ---- status changes and stock ---------------------------------------------------
    def _change_status(self, doc: Document, status: str, *, note: bool) -> Document:
        previous = doc["status"]
        stamp = wc_date(self.clock())
        doc["status"] = status
        if status in PAID_STATUSES and not doc["date_paid"]:
            doc["date_paid"] = stamp
            self.customers.mark_paying(doc["customer_id"])
        if status == "completed" and not doc["date_completed"]:
            doc["date_completed"] = stamp
        if status in STOCK_TAKING_STATUSES and not doc["stock_reduced"]:
            self._move_stock(doc, take=True)
        elif status == "cancelled" and doc["stock_reduced"]:
            self._move_stock(doc, take=False)
        if note and status != previous:
            self.add_note(doc["id"], {"note": f"Order status changed from {STATUS_NAMES.get(previous, previous)} to {STATUS_NAMES.get(status, status)}."}, system=True)
        return self.store.put("order", doc)

    def _move_stock(self, doc: Document, *, take: bool) -> None:
        for line in doc["line_items"]:
            item = self.catalogue.find_sellable(line["product_id"], line["variation_id"])
            if not item:
                continue
            quantity = line["quantity"]
            level = self.catalogue.adjust_stock(item, -quantity if take else quantity, sold=quantity if take else 0)
            line["meta_data"] = [m for m in line["meta_data"] if m["key"] != "_reduced_stock"]
            if take and level is not None:
                line["meta_data"].append({"id": self.store.next_id("meta"), "key": "_reduced_stock", "value": str(quantity),
                                          "display_key": "_reduced_stock", "display_value": str(quantity)})
        doc["stock_reduced"] = take

    # ---- notes ----------------------------------------------------------------------
    def notes(self, order_id: int) -> list[Document]:
        self._existing_order(order_id)
        return [self.store.get("note", n["id"]) for n in self.store.scan("note") if n["order_id"] == order_id]

    def note(self, order_id: int, note_id: int) -> Document:
        self._existing_order(order_id)
        doc = self.store.get("note", note_id)
        if not doc or doc["order_id"] != order_id:
            raise invalid_resource_id()
        return doc

    def add_note(self, order_id: int, body: dict[str, Any], *, system: bool = False) -> Document:
        self._existing_order(order_id)
        text = str(body.get("note") or "")
        if not text:
            raise WooError(400, "woocommerce_rest_invalid_order_note", "Cannot create order note, please try again.")
        doc = {"id": self.store.next_id("comment"), "order_id": order_id, "author": "WooCommerce" if system or not body.get("added_by_user") else "admin",
               "date_created": wc_date(self.clock()), "note": text, "customer_note": bool(body.get("customer_note", False))}
        return self.store.put("note", doc)

    def delete_note(self, order_id: int, note_id: int, force: bool) -> Document:
        doc = self.note(order_id, note_id)
        if not force:
            raise WooError(501, "woocommerce_rest_trash_not_supported", "Webhooks do not support trashing.")
        self.store.delete("note", note_id)
        return doc

    def _existing_order(self, order_id: int) -> Document:
        doc = self.store.get("order", order_id)
        if not doc:
            raise WooError(404, "woocommerce_rest_order_invalid_id", "Invalid order ID.")
        return doc

    @staticmethod
    def render_note(doc: Document, base: str) -> dict[str, Any]:
        body = {"id": doc["id"], "author": doc["author"], "date_created": doc["date_created"],
                "date_created_gmt": doc["date_created"], "note": doc["note"], "customer_note": doc["customer_note"]}
        return body | {"_links": links(base, f"orders/{doc['order_id']}/notes/{doc['id']}", f"orders/{doc['order_id']}/notes",
                                       allow=["GET", "DELETE"], up=f"orders/{doc['order_id']}")}

    # ---- refunds --------------------------------------------------------------------
    def refunds(self, order_id: int) -> list[Document]:
        self._existing_order(order_id)
        return [self.store.get("refund", r["id"]) for r in self.store.scan("refund") if r["order_id"] == order_id]

    def refund(self, order_id: int, refund_id: int) -> Document:
        doc = self.store.get("refund", refund_id)
        if not doc or doc["order_id"] != order_id:
            raise invalid_id("shop_order_refund")
        return doc

    def create_refund(self, order_id: int, body: dict[str, Any]) -> Document:
        order = self._existing_order(order_id)
        amount = to_decimal(body.get("amount"))
        if amount <= 0:
            raise WooError(400, "woocommerce_rest_invalid_order_refund", "Refund amount must be greater than zero.")
        already = sum((to_decimal(r["amount"]) for r in self.refunds(order_id)), ZERO)
        if amount > to_decimal(order["total"]) - already:
            raise WooError(500, "woocommerce_rest_cannot_create_order_refund", "Invalid refund amount.")
        if body.get("api_refund", True) in (True, "true", "1", 1):
            raise WooError(500, "woocommerce_rest_cannot_create_order_refund",
                           "The payment gateway for this order does not support automatic refunds.")
        lines = [self._refund_line(order, given) for given in body.get("line_items", [])]
        doc = {"id": self.store.next_id("post"), "order_id": order_id, "date_created": wc_date(self.clock()),
               "amount": money(amount), "reason": str(body.get("reason", "")), "refunded_by": 1, "refunded_payment": False,
               "meta_data": [], "line_items": lines, "shipping_lines": [], "fee_lines": [],
               "tax_lines": self._refund_tax_lines(order, lines)}
        self.store.put("refund", doc)
        if body.get("restock_items"):
            for line in lines:
                item = self.catalogue.find_sellable(line["product_id"], line["variation_id"])
                if item:
                    self.catalogue.adjust_stock(item, -line["quantity"])
        if already + amount >= to_decimal(order["total"]):
            self._change_status(order, "refunded", note=True)
        return doc

    def _refund_line(self, order: Document, given: dict[str, Any]) -> dict[str, Any]:
        original = next((line for line in order["line_items"] if line["id"] == int(given.get("id", 0))), None)
        if not original:
            raise WooError(400, "woocommerce_rest_invalid_order_refund", "Invalid line item ID.")
        quantity = int(given.get("quantity", 0))
        total = to_decimal(given.get("refund_total"))
        taxes = [{"id": int(t["id"]), "total": money(-to_decimal(t.get("refund_total"))),
                  "subtotal": money(-to_decimal(t.get("refund_total")))} for t in given.get("refund_tax", [])]
        tax_total = sum((to_decimal(t["total"]) for t in taxes), ZERO)
        return {"id": self.store.next_id("order_item"), "name": original["name"], "product_id": original["product_id"],
                "variation_id": original["variation_id"], "quantity": -quantity, "tax_class": original["tax_class"],
                "subtotal": money(-total), "subtotal_tax": money(tax_total), "total": money(-total), "total_tax": money(tax_total),
                "taxes": taxes, "meta_data": [{"id": self.store.next_id("meta"), "key": "_refunded_item_id", "value": str(original["id"]),
                                               "display_key": "_refunded_item_id", "display_value": str(original["id"])}],
                "sku": original["sku"], "price": php_number(total / quantity) if quantity else 0,
                "image": original["image"], "parent_name": original["parent_name"]}

    def _refund_tax_lines(self, order: Document, lines: list[dict[str, Any]]) -> list[dict[str, Any]]:
        sums: dict[int, Decimal] = {}
        for line in lines:
            for tax in line["taxes"]:
                sums[tax["id"]] = sums.get(tax["id"], ZERO) + to_decimal(tax["total"])
        template = {t["rate_id"]: t for t in order["tax_lines"]}
        return [template.get(rate_id, {"rate_code": "", "rate_id": rate_id, "label": "", "compound": False, "rate_percent": 0})
                | {"id": self.store.next_id("order_item"), "tax_total": money(total), "shipping_tax_total": "0.00", "meta_data": []}
                for rate_id, total in sums.items()]

    @staticmethod
    def render_refund(doc: Document, base: str) -> dict[str, Any]:
        body = {"id": doc["id"], "date_created": doc["date_created"], "date_created_gmt": doc["date_created"]}
        body |= {k: doc[k] for k in ("amount", "reason", "refunded_by", "refunded_payment", "meta_data", "line_items",
                                     "shipping_lines", "tax_lines", "fee_lines")}
        path = f"orders/{doc['order_id']}/refunds"
        return body | {"_links": links(base, f"{path}/{doc['id']}", path, allow=["GET", "DELETE"], up=f"orders/{doc['order_id']}")}

    # ---- rendering ------------------------------------------------------------------
    def render(self, doc: Document, base: str) -> dict[str, Any]:
        """The order as recorded in 13–15 and 91–96 (line ``price`` a JSON number, money as strings)."""
        refunds = [{"id": r["id"], "reason": r["reason"], "total": money(-to_decimal(r["amount"]))} for r in self.refunds(doc["id"])]
        line_items = [{k: v for k, v in line.items() if k != "given_total"} for line in doc["line_items"]]
        for line in line_items:
            line.setdefault("taxes", [])
        ordered = ["parent_id", "status", "currency", "version", "prices_include_tax", "date_created", "date_modified",
                   "discount_total", "discount_tax", "shipping_total", "shipping_tax", "cart_tax", "total", "total_tax",
                   "customer_id", "order_key", "billing", "shipping", "payment_method", "payment_method_title",
                   "transaction_id"]
        body: dict[str, Any] = {"id": doc["id"]} | {k: doc[k] for k in ordered}
        body |= {"customer_ip_address": "", "customer_user_agent": "", "created_via": "rest-api",
                 "customer_note": doc["customer_note"], "date_completed": doc["date_completed"], "date_paid": doc["date_paid"],
                 "cart_hash": "", "number": str(doc["id"]), "meta_data": doc["meta_data"], "line_items": line_items,
                 "tax_lines": doc["tax_lines"], "shipping_lines": doc["shipping_lines"], "fee_lines": doc["fee_lines"],
                 "coupon_lines": doc["coupon_lines"], "refunds": refunds,
                 "payment_url": f"{base}/checkout/order-pay/{doc['id']}/?pay_for_order=true&key={doc['order_key']}",
                 "is_editable": doc["status"] in EDITABLE_STATUSES,
                 "needs_payment": doc["status"] in ("pending", "failed") and to_decimal(doc["total"]) > 0,
                 "needs_processing": any(line["product_id"] for line in doc["line_items"]),
                 "date_created_gmt": doc["date_created"], "date_modified_gmt": doc["date_modified"],
                 "date_completed_gmt": doc["date_completed"], "date_paid_gmt": doc["date_paid"],
                 "currency_symbol": CURRENCY_SYMBOLS.get(doc["currency"], doc["currency"]).replace("&#36;", "$")}
        order_links = links(base, f"orders/{doc['id']}", "orders")
        order_links["email_templates"] = [{"embeddable": True, "href": f"{base}/wp-json/wc/v3/orders/{doc['id']}/actions/email_templates"}]
        if doc["customer_id"]:
            order_links["customer"] = [{"href": f"{base}/wp-json/wc/v3/customers/{doc['customer_id']}"}]
        return body | {"_links": order_links}
