"""Orders read a page at a time: each part hanging off the orders (lines, payments, carriers,
cart rules, addresses, customers) is one filtered list read for the whole page, so the
requests do not grow with the number of orders; and what is read is what ``read_order``
reads, order by order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path

import pytest

from gescom_sync.model.shop import ShopProduct
from gescom_sync.sandbox.prestashop.orders_seed import seed_orders
from gescom_sync.shops.base import OrderQuery
from gescom_sync.shops.prestashop import PrestaShopConnector
from tests.shops.prestashop.sandbox import PrestaShop, make_prestashop

PARTS = ("order_details", "order_payments", "order_carriers", "order_cart_rules", "addresses", "customers")


@pytest.fixture
def shop(tmp_path: Path) -> PrestaShop:
    return make_prestashop(tmp_path)


@pytest.fixture
def presta(shop: PrestaShop) -> Iterator[PrestaShopConnector]:
    with shop.connector() as connector:
        connector.write_products([  # 20 % and 5.5 % VAT
            ShopProduct("BAOR01", name="Bague or", sku="BAOR01", regular_price=D("100.00"), tax_class="1",
                        stock_quantity=D(500)),
            ShopProduct("LIVRE01", name="Livre bijoux", sku="LIVRE01", regular_price=D("20.00"), tax_class="3",
                        stock_quantity=D(500))])
        yield connector


def gets_per_resource(shop: PrestaShop, read: Iterator[object]) -> Counter[str]:
    shop.transport.requests.clear()
    list(read)
    return Counter(r.url.path.removeprefix("/api/").split("/")[0] for r in shop.transport.requests if r.method == "GET")


def test_thirty_orders_cost_one_list_read_per_part(shop: PrestaShop, presta: PrestaShopConnector) -> None:
    seed_orders(shop.sandbox, 30)  # guests, coupons, several customers and addresses

    gets = gets_per_resource(shop, presta.read_orders(OrderQuery()))

    assert {part: gets[part] for part in PARTS} == dict.fromkeys(PARTS, 1)
    assert gets["orders"] == 1 and sum(gets.values()) <= 16  # with the shop's reference data, read once
    assert all("/" not in r.url.path.removeprefix("/api/") for r in shop.transport.requests)  # no read by id


def test_the_requests_do_not_grow_with_the_orders(shop: PrestaShop, presta: PrestaShopConnector) -> None:
    seed_orders(shop.sandbox, 3)
    list(presta.read_orders(OrderQuery()))  # the reference data, cached for the session
    few = gets_per_resource(shop, presta.read_orders(OrderQuery()))
    seed_orders(shop.sandbox, 27)

    many = gets_per_resource(shop, presta.read_orders(OrderQuery()))

    assert many == few and sum(many.values()) == 1 + len(PARTS)


def test_a_page_read_at_once_is_each_order_read_alone(shop: PrestaShop, presta: PrestaShopConnector) -> None:
    placed = seed_orders(shop.sandbox, 12)

    together = list(presta.read_orders(OrderQuery(with_messages=True)))

    assert [o.id for o in together] == [p.id for p in placed]
    assert together == [presta.read_order(p.id, with_messages=True) for p in placed]
    assert {o.customer_id is None for o in together} == {True, False}  # a guest among them
    assert any(o.discounts for o in together) and any(o.messages for o in together)
    assert len({o.billing.last_name for o in together}) > 2
