"""Seeded orders: placed in-process, they are the orders the API makes from the same
bodies, and they hold the variety the benchmarks and the demo need."""

from __future__ import annotations

from decimal import Decimal as D
from pathlib import Path

from gescom_sync.sandbox.woocommerce import WooCommerceSandbox
from gescom_sync.sandbox.woocommerce.orders_seed import KINDS, InProcess, OverApi, order_bodies, place_orders, seed_orders
from gescom_sync.shops.woocommerce import orders as woo_orders
from tests.sandbox.conftest import API, HTTPS, KEY, ShopClient
from tests.sandbox.test_orders import make_stocked_products

# What differs between two shops given the same calls: the moments and the order key.
VARYING = ("date_created", "date_modified", "date_paid", "date_completed", "date_created_gmt", "date_modified_gmt",
           "date_paid_gmt", "date_completed_gmt", "order_key", "payment_url")


def twin(tmp_path: Path, name: str) -> tuple[WooCommerceSandbox, ShopClient]:
    shop = WooCommerceSandbox(tmp_path / name, keys=[KEY])
    api = ShopClient(shop.asgi, HTTPS, (KEY.consumer_key, KEY.consumer_secret))
    make_stocked_products(api)
    api.post(API + "products", json={"name": "Livre bijoux", "sku": "LIVRE01", "regular_price": "20.00",
                                     "tax_class": "reduced-rate"})
    return shop, api


def without_moments(order: dict) -> dict:
    return {k: v for k, v in order.items() if k not in VARYING}


def stock_levels(shop: WooCommerceSandbox) -> list[tuple]:
    return [(d["sku"], d["stock_quantity"], d.get("total_sales")) for kind in ("product", "variation") for d in shop.store.all(kind)]


def test_seeded_orders_are_what_the_api_makes_of_the_same_bodies(tmp_path: Path):
    seeded_shop, seeded_api = twin(tmp_path, "seeded")
    posted_shop, posted_api = twin(tmp_path, "posted")
    try:
        placed = seed_orders(seeded_shop, 8)
        for _kind, body in order_bodies(InProcess(posted_shop), 8):
            assert posted_api.post(API + "orders", json=body).status_code == 201

        for order in placed:
            seeded = seeded_api.get(f"{API}orders/{order.id}").json()
            posted = posted_api.get(f"{API}orders/{order.id}").json()
            assert without_moments(seeded) == without_moments(posted)
        assert stock_levels(seeded_shop) == stock_levels(posted_shop)  # the same stock taken
    finally:
        seeded_shop.store.close()
        posted_shop.store.close()


def test_the_orders_cycle_through_every_kind_with_exact_totals(tmp_path: Path):
    shop, api = twin(tmp_path, "shop")
    try:
        placed = seed_orders(shop, 9)
        orders = {p.kind: woo_orders.order(api.get(f"{API}orders/{p.id}").json()) for p in placed[:8]}
    finally:
        shop.store.close()

    assert [p.kind for p in placed] == [k.name for k in KINDS] + ["paid"]
    assert {o.status for o in orders.values()} == {"processing", "on-hold", "completed"}
    assert all(o.rounding_difference() == 0 and o.total > 0 for o in orders.values())
    assert orders["guest"].customer_id is None and orders["paid"].customer_id is not None
    assert placed[1].customer == "Claire FONTAINE"
    (coupon,) = orders["coupon"].discounts
    assert (coupon.code, coupon.kind, coupon.nominal) == ("bijou10", "percent", D("10"))
    assert orders["coupon"].discount_total == sum(line.discount for line in orders["coupon"].lines) > 0
    assert (orders["foreign-currency"].currency, orders["foreign-currency"].meta["currency_rate"]) == ("USD", "1.0825")
    (fee,) = orders["gift-wrap"].fee_lines
    assert (fee.name, fee.total, fee.total_tax) == ("Emballage cadeau", D("2.50"), D("0.50"))
    assert orders["gift-wrap"].shipping_lines[0].method_id == "free_shipping"
    assert orders["gift-wrap"].messages[0].text == "Merci d'emballer chaque bijou séparément."
    variation = next(line for line in orders["variation"].lines if line.variant_id)
    assert (variation.reference, variation.quantity) == ("SHIRT-L", D("3"))
    shipping = orders["paid"].shipping_lines[0]
    assert (shipping.method_title, shipping.total, shipping.total_tax) == ("Colissimo", D("5.75"), D("1.15"))
    assert orders["on-hold"].paid_at is None and orders["completed"].completed_at is not None


def test_the_same_seed_places_the_same_orders(tmp_path: Path):
    first, _ = twin(tmp_path, "first")
    second, _ = twin(tmp_path, "second")
    try:
        assert [(p.kind, p.total, p.customer) for p in seed_orders(first, 8)] == [
            (p.kind, p.total, p.customer) for p in seed_orders(second, 8)]
    finally:
        first.store.close()
        second.store.close()


class RelativeClient:
    """Paths relative to the REST API, as the WooCommerce connector's client takes them."""

    def __init__(self, api: ShopClient) -> None:
        self.api = api

    def get(self, path: str, **kwargs):
        return self.api.get(API + path, **kwargs)

    def post(self, path: str, **kwargs):
        return self.api.post(API + path, **kwargs)

    def put(self, path: str, **kwargs):
        return self.api.put(API + path, **kwargs)


def test_over_the_api_the_same_orders_are_placed(tmp_path: Path):
    local, _ = twin(tmp_path, "local")
    remote, remote_api = twin(tmp_path, "remote")
    try:
        in_process = seed_orders(local, 8)
        over_api = place_orders(OverApi(RelativeClient(remote_api)), 8)
        again = place_orders(OverApi(RelativeClient(remote_api)), 1)  # the shop is prepared once

        assert over_api == in_process
        assert len(remote_api.get(API + "taxes").json()) == 2 and len(remote_api.get(API + "customers").json()) == 5
        assert again[0].kind == "paid"
    finally:
        local.store.close()
        remote.store.close()
