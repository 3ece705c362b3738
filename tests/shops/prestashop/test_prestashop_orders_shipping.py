"""An order shipped by a paying carrier, placed through the sandbox's checkout and read by the
connector: the shipping line with its carrier, its amount and its VAT, the order to the cent.

The sandbox's carrier 2 "My carrier" costs 7.50 € + 20 % VAT below 50 € in France.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal as D
from pathlib import Path

import pytest

from gescom_sync.http import HttpOptions
from gescom_sync.model.order import LineTax
from gescom_sync.sandbox.prestashop import start_sandbox
from gescom_sync.shops.prestashop import PrestaShopConnector
from tests.operations.shop_state import Coupon, add_product, create_customer, place_order

JEAN = {"email": "jean.durand@example.fr", "first_name": "Jean", "last_name": "Durand",
        "billing": {"address_1": "3 rue de la Paix", "postcode": "75002", "city": "Paris", "country": "FR"}}


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[object]:
    with start_sandbox(tmp_path / "shop") as running:
        add_product("prestashop", running, "BAOR01", D("20.00"))  # 24.00 with VAT
        yield running


def read(sandbox: object, order_id: str):
    with PrestaShopConnector(sandbox.url, sandbox.key, options=HttpOptions(delay_ms=0)) as connector:
        return connector.read_order(order_id)


def test_the_shipping_line_carries_its_carrier_amount_and_tax(sandbox) -> None:
    jean = create_customer(sandbox, JEAN)

    order = read(sandbox, place_order("prestashop", sandbox, [("BAOR01", 2)], customer=jean, carrier=2))

    (shipping,) = order.shipping_lines
    assert (shipping.method_id, shipping.method_title, shipping.total, shipping.total_tax, shipping.taxes) == (
        "2", "My carrier", D("7.50"), D("1.50"), (LineTax("1", D("1.50")),))
    assert (order.shipping_total, order.shipping_tax, order.total, order.total_tax) == (
        D("7.50"), D("1.50"), D("57.00"), D("9.50"))
    assert [(t.rate_id, t.label, t.tax_total, t.shipping_tax_total) for t in order.taxes] == [
        ("1", "TVA FR 20%", D("8.00"), D("1.50"))]
    assert order.computed_total() == order.total and order.rounding_difference() == D("0")


def test_a_free_shipping_coupon_leaves_a_shipping_line_at_zero(sandbox) -> None:
    jean = create_customer(sandbox, JEAN)

    order = read(sandbox, place_order("prestashop", sandbox, [("BAOR01", 2)], customer=jean, carrier=2,
                                      coupons=[Coupon("port-offert", free_shipping=True)]))

    (shipping,) = order.shipping_lines
    assert (shipping.method_id, shipping.total, shipping.total_tax) == ("2", D("0.00"), D("0.00"))
    (rule,) = order.discounts
    assert (rule.code, rule.amount, rule.amount_tax, rule.free_shipping) == ("port-offert", D("0.00"), D("0.00"), True)
    assert order.total == order.computed_total() == D("48.00")


def test_without_a_carrier_the_order_ships_free_with_click_and_collect(sandbox) -> None:
    order = read(sandbox, place_order("prestashop", sandbox, [("BAOR01", 2)]))

    (shipping,) = order.shipping_lines
    assert (shipping.method_id, shipping.method_title, shipping.total, shipping.taxes) == (
        "1", "Click and collect", D("0.00"), ())
    assert order.total == D("48.00")
