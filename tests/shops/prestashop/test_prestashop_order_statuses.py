"""The order writes and reads the order import makes for many orders at once, on the PrestaShop
sandbox: the statuses of several orders (no batch in PrestaShop: one order history each, in
parallel) and the messages of several orders in one filtered read."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from gescom_sync.sandbox import prestashop
from tests.operations.order_support import shop_connector, shop_statuses
from tests.operations.shop_state import add_product, place_order


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[Any]:
    with prestashop.start_sandbox(tmp_path / "shop") as running:
        yield running


@pytest.fixture
def two_orders(sandbox: Any) -> list[str]:
    add_product("prestashop", sandbox, "BAOR01", Decimal("100.00"))
    return [place_order("prestashop", sandbox, [("BAOR01", 1)], status="2") for _ in range(2)]


def test_statuses_of_several_orders_are_set_and_a_refused_one_says_why(sandbox, two_orders):
    with shop_connector(sandbox) as shop:
        results = shop.set_order_statuses([(two_orders[0], "4"), (two_orders[1], "4"), ("999", "4")])
    assert [(r.key, r.ok) for r in results] == [(two_orders[0], True), (two_orders[1], True), ("999", False)]
    assert results[2].message
    assert {i: shop_statuses(sandbox)[i] for i in two_orders} == dict.fromkeys(two_orders, "4")


def test_messages_of_several_orders_in_one_read(sandbox, two_orders):
    with shop_connector(sandbox) as shop:
        assert shop.add_order_note(two_orders[0], "Paquet cadeau, merci", customer_visible=True).ok
        messages = shop.read_order_messages(two_orders)
    assert [(m.text, m.customer_visible) for m in messages[two_orders[0]]] == [("Paquet cadeau, merci", True)]
    assert messages[two_orders[1]] == ()
