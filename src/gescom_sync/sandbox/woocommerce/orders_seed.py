"""Varied orders placed in the WooCommerce sandbox at once, for the benchmarks and the demo.

:func:`seed_orders` places them in the sandbox of this process through the shop's own
order creation (:meth:`Orders.create`, what ``POST /wp-json/wc/v3/orders`` runs) without
HTTP: the documents, totals, taxes, notes and stock movements are those of an order
created through the API, a thousand of them in seconds. :func:`place_orders` with
:class:`OverApi` sends the same bodies through the REST API (a sandbox served by another
process). The catalogue must be in the shop first (an export).

The orders cycle through :data:`KINDS`: paid, guest, with a coupon, on hold, completed,
in a foreign currency (with its conversion rate), with gift wrapping and free shipping,
and with a variation ordered three times (:mod:`gescom_sync.sandbox.common.orders_seed`,
shared with the PrestaShop seeder); products and quantities are drawn by SKU from a
seeded random generator, so the same call places the same orders.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Protocol

from gescom_sync.sandbox.common.orders_seed import (
    COUPON_CODE,
    COUPON_PERCENT,
    CUSTOMERS,
    FOREIGN_CURRENCY,
    FOREIGN_RATE,
    GIFT_MESSAGE,
    GUEST,
    KINDS,
    OrderKind,
    OrderPlan,
    SeededOrder,
    Sellable,
    buyer_name,
    customer_emails,
    email,
    order_plans,
)
from gescom_sync.sandbox.woocommerce.app import WooCommerceSandbox
from gescom_sync.sandbox.woocommerce.store import Document

__all__ = ["KINDS", "InProcess", "OverApi", "SeededOrder", "order_bodies", "place_orders", "seed_orders"]

# A French shop: prices tax excluded, VAT from the delivery address, in euros.
SETTINGS = (("general", "woocommerce_calc_taxes", "yes"), ("general", "woocommerce_currency", "EUR"),
            ("general", "woocommerce_default_country", "FR"), ("tax", "woocommerce_prices_include_tax", "no"))
TAX_RATES = (
    {"country": "FR", "rate": "20", "name": "TVA 20%", "priority": 1, "shipping": True, "class": "standard"},
    {"country": "FR", "rate": "5.5", "name": "TVA 5.5%", "priority": 1, "shipping": False, "class": "reduced-rate"},
)
COUPON = {"code": COUPON_CODE, "discount_type": "percent", "amount": str(COUPON_PERCENT),
          "description": "10 % sur la commande"}
COLISSIMO = {"method_id": "flat_rate", "method_title": "Colissimo", "total": "5.75"}
FREE_SHIPPING = {"method_id": "free_shipping", "method_title": "Livraison gratuite", "total": "0.00"}
GIFT_WRAP = {"name": "Emballage cadeau", "total": "2.50", "tax_status": "taxable"}
STATUSES = {"paid": "processing", "awaiting": "on-hold", "completed": "completed"}
PAYMENTS = {"transfer": ("bacs", "Virement bancaire"), "cheque": ("cheque", "Chèque"),
            "cash_on_delivery": ("cod", "Paiement à la livraison")}


class ShopSide(Protocol):
    """Where the orders are placed: the sandbox in this process, or a shop over its REST API."""

    def prepare(self) -> None: ...
    def sellable(self) -> tuple[list[Sellable], list[Sellable]]: ...  # simple products, variations
    def customers(self) -> list[Document]: ...  # the registered customers of :data:`CUSTOMERS`
    def place(self, body: dict[str, Any]) -> Document: ...


def seed_orders(shop: WooCommerceSandbox, count: int, *, seed: int = 7) -> list[SeededOrder]:
    """Place ``count`` orders (kinds in turn) in the sandbox ``shop`` of this process."""
    return place_orders(InProcess(shop), count, seed=seed)


def place_orders(side: ShopSide, count: int, *, seed: int = 7) -> list[SeededOrder]:
    """Place ``count`` orders (kinds in turn) on ``side``; what was placed, in order."""
    return [_seeded(side.place(body), kind) for kind, body in order_bodies(side, count, seed=seed)]


def order_bodies(side: ShopSide, count: int, *, seed: int = 7) -> Iterator[tuple[OrderKind, dict[str, Any]]]:
    """The ``POST /orders`` bodies :func:`place_orders` sends, after preparing the shop."""
    side.prepare()
    simple, variations = side.sellable()
    by_email = {customer["email"]: customer for customer in side.customers()}
    customers = [by_email[email(first, last)] for first, last, *_ in CUSTOMERS]
    for plan in order_plans(simple, variations, count, seed=seed):
        yield plan.kind, _order_body(plan, customers)


class InProcess:
    """The sandbox of this process, through the code its REST routes run (no HTTP)."""

    def __init__(self, shop: WooCommerceSandbox) -> None:
        self.shop = shop

    def prepare(self) -> None:
        """Taxes on with the French VAT rates, euros, the coupon and the registered customers (once)."""
        shop = self.shop
        with shop.store.locked():
            for group, option, value in SETTINGS:
                shop.config.set_setting(group, option, value)
            if not shop.config.tax_rates():
                for rate in TAX_RATES:
                    shop.config.save_tax_rate(rate)
            if not shop.coupons.by_code(COUPON["code"]):
                shop.coupons.create(COUPON)
            known = {c["email"] for c in shop.store.scan("customer")}
            for body in _customer_bodies():
                if body["email"] not in known:
                    shop.customers.create(body)

    def sellable(self) -> tuple[list[Sellable], list[Sellable]]:
        def priced(doc: Document) -> bool:
            return bool(doc.get("sku")) and bool(self.shop.catalogue.active_price(doc)) and doc.get("status") != "trash"

        products = self.shop.store.all("product")
        return ([Sellable(p["sku"], p["id"]) for p in products if p["type"] == "simple" and priced(p)],
                [Sellable(v["sku"], v["parent_id"], v["id"]) for v in self.shop.store.all("variation") if priced(v)])

    def customers(self) -> list[Document]:
        return [c for c in self.shop.store.all("customer") if c["email"] in customer_emails()]

    def place(self, body: dict[str, Any]) -> Document:
        with self.shop.store.locked():
            return self.shop.orders.create(body)


class OverApi:
    """A WooCommerce shop through its REST API: ``client`` takes paths relative to ``/wp-json/wc/v3/``
    (the WooCommerce connector's client), for a sandbox served by another process."""

    def __init__(self, client: Any) -> None:
        self.client = client

    def prepare(self) -> None:
        for group, option, value in SETTINGS:
            self.client.put(f"settings/{group}/{option}", json={"value": value})
        if not self.client.get("taxes").json():
            for rate in TAX_RATES:
                self.client.post("taxes", json=rate)
        if not self.client.get("coupons", params={"code": COUPON["code"]}).json():
            self.client.post("coupons", json=COUPON)
        known = {c["email"] for c in self.customers()}
        for body in _customer_bodies():
            if body["email"] not in known:
                self.client.post("customers", json=body)

    def sellable(self) -> tuple[list[Sellable], list[Sellable]]:
        products = self._all("products")
        simple = [Sellable(p["sku"], p["id"]) for p in products if p["type"] == "simple" and p["sku"] and p["price"]]
        variations = [Sellable(v["sku"], p["id"], v["id"]) for p in products if p["type"] == "variable"
                      for v in self._all(f"products/{p['id']}/variations") if v["sku"] and v["price"]]
        return simple, variations

    def customers(self) -> list[Document]:
        return [c for c in self._all("customers") if c["email"] in customer_emails()]

    def place(self, body: dict[str, Any]) -> Document:
        return self.client.post("orders", json=body).json()

    def _all(self, path: str) -> list[Document]:
        found: list[Document] = []
        for page in itertools.count(1):
            batch = self.client.get(path, params={"per_page": 100, "page": page}).json()
            found += batch
            if len(batch) < 100:
                return found


def _order_body(plan: OrderPlan, customers: list[Document]) -> dict[str, Any]:
    kind = plan.kind
    lines = [{"product_id": item.product_id, "quantity": quantity} | (
        {"variation_id": item.variation_id} if item.variation_id else {}) for item, quantity in plan.lines]
    gateway, title = PAYMENTS[kind.payment]
    body: dict[str, Any] = {
        "status": STATUSES[kind.state], "payment_method": gateway, "payment_method_title": title,
        "line_items": lines, "shipping_lines": [FREE_SHIPPING if kind.gift_wrap else COLISSIMO],
    }
    if plan.customer is None:
        body |= {"billing": _address(*GUEST), "shipping": _address(*GUEST)}
    else:
        customer = customers[plan.customer]
        body |= {"customer_id": customer["id"], "billing": customer["billing"], "shipping": customer["shipping"]}
    if kind.coupon:
        body["coupon_lines"] = [{"code": COUPON["code"]}]
    if kind.gift_wrap:
        body["fee_lines"] = [GIFT_WRAP]
        body["customer_note"] = GIFT_MESSAGE
    if kind.foreign_currency:
        body |= {"currency": FOREIGN_CURRENCY, "meta_data": [{"key": "currency_rate", "value": FOREIGN_RATE}]}
    if plan.transaction_id:
        body["transaction_id"] = plan.transaction_id
    return body


def _seeded(order: Document, kind: OrderKind) -> SeededOrder:
    billing = order["billing"]
    return SeededOrder(str(order["id"]), kind.name, order["status"], order["currency"], Decimal(order["total"]),
                       buyer_name(billing["first_name"], billing["last_name"]))


def _customer_bodies() -> list[dict[str, Any]]:
    return [{"email": email(first, last), "first_name": first, "last_name": last,
             "billing": _address(first, last, *place), "shipping": _address(first, last, *place)}
            for first, last, *place in CUSTOMERS]


def _address(first: str, last: str, line1: str, postcode: str, city: str) -> dict[str, str]:
    return {"first_name": first, "last_name": last, "address_1": line1, "postcode": postcode, "city": city,
            "country": "FR", "email": email(first, last), "phone": "0102030405"}
