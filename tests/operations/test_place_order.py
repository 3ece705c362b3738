"""``shop_state.place_order`` places the same order on either sandbox, as a checkout does:
the customer's order with its lines, a coupon used once, stock taken, a guest's order; read
back through the shop's connector as the order import reads it."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from gescom_sync.http import HttpOptions
from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.shops.woocommerce.connector import WooCommerceConnector
from tests.operations.shop_state import Coupon, add_product, create_customer, place_order

JEAN = {"email": "jean.durand@example.fr", "first_name": "Jean", "last_name": "Durand",
        "billing": {"address_1": "3 rue de la Paix", "postcode": "75002", "city": "Paris", "country": "FR"}}


def connector(shop: str, sandbox: Any) -> Any:
    if shop == "woocommerce":
        return WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret)
    return PrestaShopConnector(sandbox.url, sandbox.key, options=HttpOptions(delay_ms=0))


def test_an_order_with_a_coupon_and_its_stock(shop, sandbox):
    add_product(shop, sandbox, "BAOR01", D("100.00"), stock=10)
    jean = create_customer(sandbox, JEAN)

    order_id = place_order(shop, sandbox, [("BAOR01", 2)], customer=jean, coupons=[Coupon("promo10", percent=D("10"))])

    with connector(shop, sandbox) as connected:
        order = connected.read_order(order_id)
        second = connected.read_order(place_order(shop, sandbox, [("BAOR01", 1)], customer=jean))
        (product,) = [p for p in connected.read_products() if p.sku == "BAOR01"]
    assert order.customer_id == str(jean) and order.billing.city == "Paris"
    (line,) = order.lines
    assert (line.reference, line.quantity, line.subtotal, line.total) == ("BAOR01", D(2), D("200.00"), D("180.00"))
    assert [d.code for d in order.discounts] == ["promo10"] and order.discount_total == D("20.00")
    assert order.rounding_difference() == D("0")
    assert (second.discounts, second.items_total) == ((), D("100.00"))
    assert product.stock_quantity == D(7)


def test_a_guest_order_has_no_customer(shop, sandbox):
    add_product(shop, sandbox, "LIVRE01", D("20.00"))

    with connector(shop, sandbox) as connected:
        order = connected.read_order(place_order(shop, sandbox, [("LIVRE01", 3)]))
    assert (order.customer_id, order.items_total, order.lines[0].quantity) == (None, D("60.00"), D(3))
