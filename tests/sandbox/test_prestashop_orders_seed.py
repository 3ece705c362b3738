"""Seeded PrestaShop orders: placed in-process, they are the orders the webservice makes of
the same writes, and they hold the variety the benchmarks and the demo need."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from decimal import Decimal as D
from pathlib import Path

import pytest

from gescom_sync.http import HttpOptions
from gescom_sync.sandbox.common.orders_seed import KINDS
from gescom_sync.sandbox.prestashop import RunningSandbox, start_sandbox
from gescom_sync.sandbox.prestashop.orders_seed import InProcess, OverApi, place_orders, seed_orders
from gescom_sync.shops.prestashop import PrestaShopConnector

# What differs between two shops given the same writes: the moments, the random references and keys.
VARYING = {"date_add", "date_upd", "invoice_date", "delivery_date", "reference", "secure_key", "order_reference"}
STOCK = 50


def make_catalogue(sandbox: RunningSandbox) -> None:
    """Rings at 20 % VAT, a book at 5.5 %, a shirt with one size (a combination), 50 of each in stock."""
    side = InProcess(sandbox.shop)
    for reference, price, tax in (("BAOR01", "100", 1), ("BRAC01", "35", 1), ("LIVRE01", "20", 3)):
        side.create("products", {"name": reference, "reference": reference, "price": price, "id_tax_rules_group": tax,
                                 "active": 1, "state": 1, "product_type": "standard"})
    shirt = side.create("products", {"name": "Shirt", "reference": "SHIRT", "price": "22", "id_tax_rules_group": 1,
                                     "active": 1, "state": 1, "product_type": "combinations"})
    size = side.create("product_options", {"name": "Size", "public_name": "Size", "group_type": "select"})
    large = side.create("product_option_values", {"id_attribute_group": size["id"], "name": "Large"})
    side.create("combinations", {"id_product": shirt["id"], "reference": "SHIRT-L", "price": "2", "minimal_quantity": 1},
                {"product_option_values": [{"id": large["id"]}]})
    store = sandbox.shop.store
    for row in store.all("stock_availables"):
        store.put("stock_availables", row | {"quantity": STOCK})


@pytest.fixture
def twins(tmp_path: Path) -> Iterator[tuple[RunningSandbox, RunningSandbox]]:
    with ExitStack() as stack:
        shops = [stack.enter_context(start_sandbox(tmp_path / name)) for name in ("first", "second")]
        for shop in shops:
            make_catalogue(shop)
        yield shops[0], shops[1]


def over_api(sandbox: RunningSandbox) -> tuple[OverApi, PrestaShopConnector]:
    connector = PrestaShopConnector(sandbox.url, sandbox.key, options=HttpOptions(delay_ms=0))
    return OverApi(connector.ws, sandbox.shop.shop.cart_total), connector


def without_varying(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k not in VARYING} for row in rows]


def written(sandbox: RunningSandbox) -> dict[str, list[dict]]:
    store = sandbox.shop.store
    return {kind: without_varying(store.all(kind)) for kind in (
        "carts", "orders", "order_details", "order_histories", "order_payments", "order_carriers", "order_cart_rules",
        "messages", "addresses", "stock_availables")}


def test_seeded_orders_are_what_the_webservice_makes_of_the_same_writes(twins):
    local, remote = twins
    side, connector = over_api(remote)
    with connector:
        in_process = seed_orders(local.shop, 8)
        through_webservice = place_orders(side, 8)

    assert through_webservice == in_process
    assert written(local) == written(remote)  # the same carts, orders, rows, states and stock taken


def test_the_orders_cycle_through_every_kind_with_exact_totals(twins):
    sandbox, _ = twins
    placed = seed_orders(sandbox.shop, 9)
    with PrestaShopConnector(sandbox.url, sandbox.key, options=HttpOptions(delay_ms=0)) as connector:
        orders = {p.kind: connector.read_order(p.id, with_messages=True) for p in placed[:8]}

    assert [p.kind for p in placed] == [k.name for k in KINDS] + ["paid"]
    assert [p.total for p in placed[:8]] == [o.total for o in orders.values()]
    assert {kind: o.status for kind, o in orders.items()} == {
        "paid": "2", "guest": "2", "coupon": "2", "on-hold": "1", "completed": "5", "foreign-currency": "2",
        "gift-wrap": "2", "variation": "2"}
    assert all(o.rounding_difference() == 0 and o.total > 0 for o in orders.values())
    assert {kind: (o.currency, o.meta["currency_rate"]) for kind, o in orders.items() if o.currency != "EUR"} == {
        "foreign-currency": ("USD", "1.100000")}  # the shop's dollar
    assert placed[5].currency == "USD"
    assert orders["guest"].customer_id is None and orders["paid"].customer_id is not None
    assert placed[1].customer == "Claire FONTAINE" and orders["guest"].billing.city == "Nantes"
    (coupon,) = orders["coupon"].discounts
    products = sum((line.subtotal for line in orders["coupon"].lines), D(0))
    assert (coupon.code, coupon.amount) == ("bijou10", (products / 10).quantize(D("0.01")))
    assert orders["gift-wrap"].messages[0].text == "Merci d'emballer chaque bijou séparément."
    assert [(s.method_id, s.total) for s in orders["gift-wrap"].shipping_lines] == [("1", D("0"))]
    # the shop's gift wrapping: 4.17 + 20 % = 5.004 -> 5.00
    assert [(f.total, f.total_tax) for f in orders["gift-wrap"].fee_lines] == [(D("4.17"), D("0.83"))]
    variation = next(line for line in orders["variation"].lines if line.variant_id)
    assert (variation.reference, variation.quantity) == ("SHIRT-L", D("3"))
    assert {o.payments[0].method for o in orders.values()} == {"ps_wirepayment", "ps_checkpayment", "ps_cashondelivery"}


def test_carrier_2_charges_by_the_cart_total(twins):
    sandbox, _ = twins
    with PrestaShopConnector(sandbox.url, sandbox.key, options=HttpOptions(delay_ms=0)) as connector:
        orders = [connector.read_order(p.id) for p in seed_orders(sandbox.shop, 16) if p.kind != "gift-wrap"]

    def carrier_cost(order) -> D:  # noqa: ANN001 - an Order
        """The carrier's ranges in euros; a dollar order's total converted back, its cost converted."""
        rate = D(order.meta["currency_rate"])
        products = (order.total - order.shipping_total - order.shipping_tax) / rate
        return (D("7.50") if products < 50 else D("4.90") if products < 100 else D("0")) * rate

    assert all(o.shipping_lines[0].method_id == "2" for o in orders)
    assert [o.shipping_total for o in orders] == [carrier_cost(o) for o in orders]
    assert any(o.shipping_total for o in orders)  # some orders below 100 €: 20 % VAT on the shipping
    assert all(o.shipping_tax == (o.shipping_total / 5).quantize(D("0.01")) for o in orders)


def test_the_shop_is_prepared_once_and_the_guest_keeps_one_account(twins):
    sandbox, _ = twins
    seed_orders(sandbox.shop, 8)
    again = seed_orders(sandbox.shop, 2)

    customers = sandbox.shop.store.all("customers")
    assert [a.kind for a in again] == ["paid", "guest"]
    assert len(customers) == 6 and [c["email"] for c in customers if c["is_guest"] == "1"] == ["claire.fontaine@example.fr"]
    assert len(sandbox.shop.store.all("orders")) == 10
