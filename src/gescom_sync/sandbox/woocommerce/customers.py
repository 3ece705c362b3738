"""Customers (WordPress users with the ``customer`` role) and coupons (recorded 11, 12, 25, 36, 89, 90)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from datetime import datetime
from typing import Any

from gescom_sync.sandbox.woocommerce.errors import WooError, invalid_id, invalid_resource_id
from gescom_sync.sandbox.woocommerce.render import links
from gescom_sync.sandbox.woocommerce.store import Document, Store
from gescom_sync.sandbox.woocommerce.validation import CUSTOMER_SCHEMA, validated
from gescom_sync.sandbox.woocommerce.values import money, to_decimal, wc_date

ADDRESS_FIELDS = ("first_name", "last_name", "company", "address_1", "address_2", "city", "postcode", "country", "state")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def empty_address(kind: str) -> dict[str, str]:
    """Billing addresses also carry email and phone; shipping ones only phone."""
    extra = ("email", "phone") if kind == "billing" else ("phone",)
    return {name: "" for name in (*ADDRESS_FIELDS, *extra)}


def merge_address(current: dict[str, str], given: dict[str, Any] | None) -> dict[str, str]:
    merged = dict(current)
    for name, value in (given or {}).items():
        if name in merged:
            merged[name] = "" if value is None else str(value)
    return merged


class Customers:
    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock
        if not store.get("customer", 1):
            admin = self._blank(1, "admin@example.com", "admin")
            admin |= {"role": "administrator", "date_modified": None}
            store.put("customer", admin)

    def _blank(self, customer_id: int, email: str, username: str) -> Document:
        stamp = wc_date(self.clock())
        return {"id": customer_id, "date_created": stamp, "date_modified": stamp, "email": email, "first_name": "",
                "last_name": "", "role": "customer", "username": username, "billing": empty_address("billing"),
                "shipping": empty_address("shipping"), "is_paying_customer": False, "meta_data": [], "password_sha256": ""}

    def customer(self, customer_id: int) -> Document:
        doc = self.store.get("customer", customer_id)
        if not doc:
            raise invalid_resource_id()
        return doc

    def customers(self) -> list[Document]:
        return self.store.all("customer")

    def create(self, body: dict[str, Any]) -> Document:
        if body.get("id"):
            raise WooError(400, "woocommerce_rest_customer_exists", "Cannot create existing resource.")
        body = validated(body, CUSTOMER_SCHEMA)
        email = str(body.get("email") or "").strip()
        if not email:
            raise WooError(400, "rest_missing_callback_param", "Missing parameter(s): email", params=["email"])
        self._check_email(email, None)
        username = str(body.get("username") or email.split("@")[0])
        if any(c["username"] == username for c in self.store.scan("customer")):
            raise WooError(400, "registration-error-username-exists",
                           "An account is already registered with that username. Please choose another.")
        doc = self._blank(self.store.next_id("user"), email, username)
        if not body.get("password"):  # WordPress generated one and will nag the customer to change it
            doc["meta_data"].append({"id": self.store.next_id("meta"), "key": "default_password_nag", "value": "1"})
        self._apply(doc, body)
        return self.store.put("customer", doc)

    def update(self, customer_id: int, body: dict[str, Any]) -> Document:
        doc = self.store.get("customer", customer_id)
        if not doc:
            raise invalid_resource_id()
        body = validated(body, CUSTOMER_SCHEMA)
        if "username" in body and body["username"] != doc["username"]:
            raise WooError(400, "woocommerce_rest_customer_invalid_argument", "Username isn't editable.")
        if "email" in body:
            self._check_email(str(body["email"]).strip(), customer_id)
            doc["email"] = str(body["email"]).strip()
        self._apply(doc, body)
        doc["date_modified"] = wc_date(self.clock())
        return self.store.put("customer", doc)

    def delete(self, customer_id: int, force: bool) -> Document:
        doc = self.customer(customer_id)
        if not force:
            raise WooError(501, "woocommerce_rest_trash_not_supported", "Customers do not support trashing.")
        self.store.delete("customer", customer_id)
        return doc

    def mark_paying(self, customer_id: int) -> None:
        doc = self.store.get("customer", customer_id)
        if doc and not doc["is_paying_customer"]:
            doc["is_paying_customer"] = True
            self.store.put("customer", doc)

    def _check_email(self, email: str, own_id: int | None) -> None:
        if not EMAIL.match(email):
            raise WooError(400, "registration-error-invalid-email", "Please provide a valid email address.")
        if any(c["email"].lower() == email.lower() and c["id"] != own_id for c in self.store.scan("customer")):
            raise WooError(400, "registration-error-email-exists",
                           f"An account is already registered with {email}. Please log in or use a different email address.")

    def _apply(self, doc: Document, body: dict[str, Any]) -> None:
        for name in ("first_name", "last_name"):
            if name in body:
                doc[name] = body[name]
        if "password" in body:
            doc["password_sha256"] = hashlib.sha256(str(body["password"]).encode()).hexdigest()
        for kind in ("billing", "shipping"):
            if kind in body:
                doc[kind] = merge_address(doc[kind], body[kind])
        if "meta_data" in body:
            existing = {m["key"]: m for m in doc["meta_data"]}
            for entry in body["meta_data"]:
                if entry.get("key") in existing:
                    existing[entry["key"]]["value"] = entry.get("value")
                elif entry.get("key"):
                    doc["meta_data"].append({"id": self.store.next_id("meta"), "key": entry["key"], "value": entry.get("value")})

    @staticmethod
    def render(doc: Document, base: str) -> dict[str, Any]:
        body = {k: doc[k] for k in ("id", "date_created")} | {"date_created_gmt": doc["date_created"]}
        body |= {"date_modified": doc["date_modified"], "date_modified_gmt": doc["date_modified"]}
        body |= {k: doc[k] for k in ("email", "first_name", "last_name", "role", "username", "billing", "shipping", "is_paying_customer")}
        digest = hashlib.sha256(doc["email"].strip().lower().encode()).hexdigest()
        body["avatar_url"] = f"https://secure.gravatar.com/avatar/{digest}?s=96&d=mm&r=g"
        allow = ["GET", "POST", "PUT", "PATCH"] + ([] if doc["role"] == "administrator" else ["DELETE"])
        return body | {"meta_data": doc["meta_data"], "_links": links(base, f"customers/{doc['id']}", "customers", allow=allow)}


COUPON_TYPES = ("percent", "fixed_cart", "fixed_product")


class Coupons:
    def __init__(self, store: Store, clock: Callable[[], datetime]) -> None:
        self.store = store
        self.clock = clock

    def coupon(self, coupon_id: int) -> Document:
        doc = self.store.get("coupon", coupon_id)
        if not doc:
            raise invalid_id("shop_coupon")
        return doc

    def by_code(self, code: str) -> Document | None:
        return next((c for c in self.store.all("coupon") if c["code"] == code.strip().lower()), None)

    def coupons(self) -> list[Document]:
        return self.store.all("coupon")

    def create(self, body: dict[str, Any]) -> Document:
        code = str(body.get("code") or "").strip().lower()
        if not code:
            raise WooError(400, "rest_missing_callback_param", "Missing parameter(s): code", params=["code"])
        if self.by_code(code):
            raise WooError(400, "woocommerce_rest_coupon_code_already_exists", "The coupon code already exists")
        stamp = wc_date(self.clock())
        doc = {"id": self.store.next_id("post"), "code": code, "amount": "0.00", "status": "publish",
               "date_created": stamp, "date_modified": stamp, "discount_type": "fixed_cart", "description": "",
               "date_expires": None, "usage_count": 0, "individual_use": False, "product_ids": [],
               "excluded_product_ids": [], "usage_limit": None, "usage_limit_per_user": None,
               "limit_usage_to_x_items": None, "free_shipping": False, "product_categories": [],
               "excluded_product_categories": [], "exclude_sale_items": False, "minimum_amount": "0.00",
               "maximum_amount": "0.00", "email_restrictions": [], "used_by": [], "meta_data": []}
        return self.store.put("coupon", self._apply(doc, body))

    def update(self, coupon_id: int, body: dict[str, Any]) -> Document:
        doc = self.coupon(coupon_id)
        doc["date_modified"] = wc_date(self.clock())
        return self.store.put("coupon", self._apply(doc, body))

    def _apply(self, doc: Document, body: dict[str, Any]) -> Document:
        if "discount_type" in body and body["discount_type"] not in COUPON_TYPES:
            from gescom_sync.sandbox.woocommerce.errors import enum_message, invalid_params

            raise invalid_params({"discount_type": ("rest_not_in_enum", enum_message("discount_type", list(COUPON_TYPES)))})
        for name in ("discount_type", "description", "individual_use", "product_ids", "excluded_product_ids",
                     "usage_limit", "free_shipping", "exclude_sale_items", "email_restrictions", "meta_data"):
            if name in body:
                doc[name] = body[name]
        for name in ("amount", "minimum_amount", "maximum_amount"):
            if name in body:
                doc[name] = money(to_decimal(body[name]))
        return doc

    def delete(self, coupon_id: int, force: bool) -> Document:
        doc = self.coupon(coupon_id)
        if force:
            self.store.delete("coupon", coupon_id)
        else:
            doc["status"] = "trash"
            self.store.put("coupon", doc)
        return doc

    @staticmethod
    def render(doc: Document, base: str) -> dict[str, Any]:
        body: dict[str, Any] = {}
        for name, value in doc.items():
            body[name] = value
            if name in ("date_created", "date_modified", "date_expires"):
                body[f"{name}_gmt"] = value
        return body | {"_links": links(base, f"coupons/{doc['id']}", "coupons")}
