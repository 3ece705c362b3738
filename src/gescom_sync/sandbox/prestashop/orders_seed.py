"""Varied orders placed in the PrestaShop sandbox at once, for the benchmarks and the demo.

The kinds of order, the customers and the articles drawn are those of the WooCommerce
seeder (:mod:`gescom_sync.sandbox.common.orders_seed`); here each order goes the way a
checkout takes through the webservice: a cart (its rows, the carrier in its
``delivery_option``), ``POST orders`` paying the cart's total (``Cart::getOrderTotal``),
then an ``order_histories`` row for the order's state. :func:`seed_orders` sends those
writes to the sandbox of this process through the code its webservice runs (the XML
parsed and the shop's rules applied, without HTTP); :func:`place_orders` with
:class:`OverApi` sends the same writes through the webservice.

In PrestaShop's words: paid orders "Payment accepted" (2), on hold "Awaiting check
payment" (1), completed "Delivered" (5); payments by the modules ps_wirepayment,
ps_checkpayment and ps_cashondelivery; shipping by carrier 2 (its price ranges: 7.50 €
below 50 €, 4.90 € below 100 €, free from 100 €, + 20 % VAT); the guest checks out with a
guest account (``is_guest``, reused from one order to the next); the coupon is a 10 %
cart rule for that customer (the webservice puts no code on a cart: the shop applies it);
the gift order has the cart's ``gift`` flag and message, an order message, pays the shop's gift
wrapping (``PS_GIFT_WRAPPING_PRICE``, 4.17 € + 20 % in the sandbox) and ships free (carrier 1,
click and collect); the foreign-currency order is a cart in the shop's US dollars
(``FOREIGN_CURRENCY``), priced by the shop at the dollar's ``conversion_rate`` (1.10 in the
sandbox; the common seeder's rate is WooCommerce's), in euros on a shop without that currency.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol
from xml.etree import ElementTree

from gescom_sync.sandbox.common.orders_seed import (
    COUPON_CODE,
    COUPON_PERCENT,
    CUSTOMERS,
    FOREIGN_CURRENCY,
    GIFT_MESSAGE,
    GUEST,
    KINDS,
    OrderPlan,
    SeededOrder,
    Sellable,
    buyer_name,
    email,
    order_plans,
)
from gescom_sync.sandbox.prestashop import render
from gescom_sync.sandbox.prestashop.app import PrestaShopSandbox
from gescom_sync.sandbox.prestashop.resources import RESOURCES
from gescom_sync.shops.prestashop.webservice import build_xml, equals

__all__ = ["KINDS", "InProcess", "OverApi", "SeededOrder", "place_orders", "seed_orders"]

Record = Mapping[str, Any]
STATES = {"paid": 2, "awaiting": 1, "completed": 5}
PAYMENTS = {"transfer": ("ps_wirepayment", "Bank transfer"), "cheque": ("ps_checkpayment", "Payments by check"),
            "cash_on_delivery": ("ps_cashondelivery", "Cash on delivery (COD)")}
DELIVERED_CARRIER, FREE_CARRIER = 2, 1  # "My carrier" (price ranges), "Click and collect" (free)
FRANCE, ENGLISH, EURO = 8, 1, 1
CUSTOMER_GROUP, GUEST_GROUP = 3, 2
PASSWORD = "Sandbox-1234!"


class ShopSide(Protocol):
    """Where the orders are placed: the sandbox in this process, or a shop over its webservice."""

    def create(self, resource: str, fields: Mapping[str, Any], associations: Mapping[str, Any] | None = None,
               params: Mapping[str, Any] | None = None) -> Record: ...
    def records(self, resource: str, **equal: Any) -> list[Record]: ...  # every field, filtered on exact values
    def cart_total(self, cart_id: int) -> Decimal: ...


def seed_orders(shop: PrestaShopSandbox, count: int, *, seed: int = 7) -> list[SeededOrder]:
    """Place ``count`` orders (kinds in turn) in the sandbox ``shop`` of this process."""
    return place_orders(InProcess(shop), count, seed=seed)


def place_orders(side: ShopSide, count: int, *, seed: int = 7) -> list[SeededOrder]:
    """Place ``count`` orders (kinds in turn) on ``side``; what was placed, in order."""
    buyers = _prepare_customers(side)
    simple, variations = sellable(side)
    return [_place(side, plan, buyers) for plan in order_plans(simple, variations, count, seed=seed)]


class InProcess:
    """The sandbox of this process, through the code its webservice routes run (no HTTP)."""

    def __init__(self, sandbox: PrestaShopSandbox) -> None:
        self.sandbox = sandbox
        self._blanks: dict[str, ElementTree.Element] = {}

    def create(self, resource: str, fields: Mapping[str, Any], associations: Mapping[str, Any] | None = None,
               params: Mapping[str, Any] | None = None) -> Record:
        spec = RESOURCES[resource]
        body = build_xml(self._blank(resource), fields, associations or {})
        with self.sandbox.store.lock:
            return self.sandbox.shop.create(spec, render.parse_body(body, spec), {k: str(v) for k, v in (params or {}).items()})

    def _blank(self, resource: str) -> ElementTree.Element:
        """The resource's ``?schema=blank`` record, as the connector reads it (once)."""
        if resource not in self._blanks:
            schema = render.schema_xml(RESOURCES[resource], "", self.sandbox.shop.languages, False)
            self._blanks[resource] = next(iter(ElementTree.fromstring(schema)))
        return self._blanks[resource]

    def records(self, resource: str, **equal: Any) -> list[Record]:
        wanted = {name: str(value) for name, value in equal.items()}
        return [row for row in self.sandbox.shop.read_all(resource)
                if all(str(row.get(name)) == value for name, value in wanted.items())]

    def cart_total(self, cart_id: int) -> Decimal:
        return self.sandbox.shop.cart_total(cart_id)


class OverApi:
    """A PrestaShop shop through its webservice (``ws``: the connector's
    :class:`~gescom_sync.shops.prestashop.webservice.Webservice`). The webservice does not
    tell a cart's total: ``cart_total`` is the sandbox's (``Shop.cart_total``)."""

    def __init__(self, ws: Any, cart_total: Callable[[int], Decimal]) -> None:
        self.ws, self.cart_total = ws, cart_total

    def create(self, resource: str, fields: Mapping[str, Any], associations: Mapping[str, Any] | None = None,
               params: Mapping[str, Any] | None = None) -> Record:
        return self.ws.create(resource, fields, associations, params)

    def records(self, resource: str, **equal: Any) -> list[Record]:
        return list(self.ws.records(resource, filters=[equals(name, value) for name, value in equal.items()]))


def sellable(side: ShopSide) -> tuple[list[Sellable], list[Sellable]]:
    """Active standard products with a reference and a price, and combinations with a reference."""
    products = {int(p["id"]): p for p in side.records("products", active=1)}
    combinations = side.records("combinations")
    parents = {int(c["id_product"]) for c in combinations}
    simple = [Sellable(str(p["reference"]), product_id) for product_id, p in products.items()
              if product_id not in parents and p["reference"] and Decimal(str(p["price"] or 0)) > 0
              and p.get("product_type", "standard") == "standard"]
    variations = [Sellable(str(c["reference"]), int(c["id_product"]), int(c["id"])) for c in combinations
                  if c["reference"] and int(c["id_product"]) in products]
    return simple, variations


# ------------------------------------------------------------------------- customers


def _prepare_customers(side: ShopSide) -> list[tuple[int, int]]:
    """(customer id, address id) of each of :data:`CUSTOMERS`, made once."""
    return [_account(side, person, guest=False) for person in CUSTOMERS]


def _account(side: ShopSide, person: tuple[str, ...], *, guest: bool) -> tuple[int, int]:
    first, last, *_place = person
    found = [c for c in side.records("customers", email=email(first, last), deleted=0)
             if str(c["is_guest"]) == str(int(guest))]
    customer = int(found[0]["id"]) if found else int(side.create("customers", {
        "email": email(first, last), "firstname": first, "lastname": last, "passwd": PASSWORD, "active": 1,
        "is_guest": int(guest), "id_default_group": GUEST_GROUP if guest else CUSTOMER_GROUP, "id_lang": ENGLISH,
    }, {"groups": [{"id": GUEST_GROUP if guest else CUSTOMER_GROUP}]})["id"])
    addresses = side.records("addresses", id_customer=customer, deleted=0)
    address = int(addresses[0]["id"]) if addresses else int(side.create("addresses", _address(customer, *person))["id"])
    return customer, address


def _address(customer: int, first: str, last: str, line1: str, postcode: str, city: str) -> dict[str, Any]:
    return {"id_customer": customer, "alias": "Mon adresse", "firstname": first, "lastname": last, "address1": line1,
            "postcode": postcode, "city": city, "id_country": FRANCE, "phone": "0102030405"}


# ---------------------------------------------------------------------------- orders


def _place(side: ShopSide, plan: OrderPlan, buyers: list[tuple[int, int]]) -> SeededOrder:
    kind = plan.kind
    person = GUEST if plan.customer is None else CUSTOMERS[plan.customer]
    customer, address = _account(side, GUEST, guest=True) if plan.customer is None else buyers[plan.customer]
    if kind.coupon:
        _add_coupon(side, customer)
    currency_id, currency = _currency(side, FOREIGN_CURRENCY) if kind.foreign_currency else (EURO, "EUR")
    common = {"id_address_delivery": address, "id_address_invoice": address, "id_currency": currency_id,
              "id_customer": customer, "id_lang": ENGLISH, "id_shop_group": 1, "id_shop": 1}
    gift = {"gift": 1, "gift_message": GIFT_MESSAGE} if kind.gift_wrap else {}
    carrier = FREE_CARRIER if kind.gift_wrap else DELIVERED_CARRIER
    rows = [{"id_product": item.product_id, "id_product_attribute": item.variation_id, "id_address_delivery": address,
             "id_customization": 0, "quantity": quantity} for item, quantity in plan.lines]
    cart = side.create("carts", {**common, **gift, "id_carrier": carrier,
                                 "delivery_option": json.dumps({str(address): f"{carrier},"})}, {"cart_rows": rows})
    total = side.cart_total(int(cart["id"]))  # what the customer pays
    module, payment = PAYMENTS[kind.payment]
    order = side.create("orders", {
        **common, **gift, "id_cart": cart["id"], "id_carrier": carrier, "module": module, "payment": payment,
        "total_paid": total, "total_paid_real": total, "total_products": 0, "total_products_wt": 0,
        "conversion_rate": 1, "current_state": 0, "valid": 0})
    state = STATES[kind.state]
    side.create("order_histories", {"id_order": order["id"], "id_order_state": state}, None, {"sendemail": 0})
    if kind.gift_wrap:
        side.create("messages", {"id_order": order["id"], "id_cart": cart["id"], "id_customer": customer,
                                 "message": GIFT_MESSAGE, "private": 0})
    return SeededOrder(str(order["id"]), kind.name, str(state), currency, total, buyer_name(person[0], person[1]))


def _currency(side: ShopSide, iso_code: str) -> tuple[int, str]:
    """(id, ISO code) of the shop's currency ``iso_code``; the euro when the shop does not sell in it."""
    found = side.records("currencies", iso_code=iso_code, deleted=0)
    return (int(found[0]["id"]), iso_code) if found else (EURO, "EUR")


def _add_coupon(side: ShopSide, customer: int) -> None:
    """A one-use cart rule of 10 % for the customer, as the coupon code typed at checkout."""
    today = datetime.now().replace(microsecond=0)
    side.create("cart_rules", {
        "name": COUPON_CODE, "description": "10 % sur la commande", "id_customer": customer, "code": "",
        "quantity": 1, "quantity_per_user": 1, "active": 1, "reduction_percent": COUPON_PERCENT,
        "date_from": str(today - timedelta(days=1)), "date_to": str(today + timedelta(days=30))})
