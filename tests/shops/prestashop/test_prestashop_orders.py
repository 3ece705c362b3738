"""A recorded PrestaShop order (recordings 64, 65, 71, 74: order 6 created from a cart)
read into the order record, to the cent."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from gescom_sync.shops.prestashop import PrestaShopConnector
from tests.shops.prestashop.conftest import Replay, json_response, listing
from tests.shops.prestashop.recorded import answer

ADDRESS = {"id": 7, "id_customer": 3, "id_country": 8, "alias": "Home", "lastname": "Dupont", "firstname": "Marie",
           "address1": "10 rue de la Paix", "postcode": "75002", "city": "Paris", "phone": "0102030405"}


@pytest.fixture
def order_shop(replay: Replay) -> Replay:
    replay.on("GET", "/api/orders/6", answer("64"))
    replay.on("GET", "/api/order_details", answer("65"))
    replay.on("GET", "/api/order_payments", answer("71"))
    replay.on("GET", "/api/order_carriers", answer("74"))
    replay.on("GET", "/api/order_cart_rules", json_response([]))
    replay.on("GET", "/api/addresses", listing("addresses", [ADDRESS]))
    replay.on("GET", "/api/customers", listing("customers", [{"id": 3, "email": "marie.dupont@example.com"}]))
    replay.on("GET", "/api/currencies", json_response({"currencies": [{"id": 1, "iso_code": "EUR"}]}))
    replay.on("GET", "/api/countries", json_response({"countries": [{"id": 8, "iso_code": "FR"}]}))
    replay.on("GET", "/api/carriers", json_response({"carriers": [{"id": 1, "name": "Click and collect"}]}))
    replay.on("GET", "/api/languages", answer("36"))
    replay.on("GET", "/api/taxes", json_response({"taxes": [{"id": 1, "rate": "20.000", "name": [
        {"id": 1, "value": "TVA FR 20%"}, {"id": 2, "value": "TVA FR 20%"}]}]}))
    return replay


def test_an_order_is_read_to_the_cent(presta: PrestaShopConnector, order_shop: Replay) -> None:
    order = presta.read_order("6")

    assert (order.id, order.number, order.status, order.currency) == ("6", "GFVDYZINT", "11", "EUR")
    assert order.created_at == datetime(2026, 11, 22, 11, 25, 24, tzinfo=UTC)  # 12:25 in Paris
    assert [(line.reference, line.quantity, line.total, line.total_tax) for line in order.lines] == [
        ("demo_1", Decimal(1), Decimal("19.12"), Decimal("3.82")),
        ("ERP-TEE-001-1", Decimal(2), Decimal("37.62"), Decimal("7.52")),
    ]
    assert (order.lines[1].product_id, order.lines[1].variant_id) == ("20", "41")
    assert order.total == Decimal("68.09")
    assert order.total_tax == Decimal("11.35")
    assert order.items_total == Decimal("56.74")
    # PrestaShop rounds the total from unit prices (68.09) where its lines add up to 68.08.
    assert order.rounding_difference() == Decimal("0.01")
    assert [(t.label, t.rate_percent, t.tax_total) for t in order.taxes] == [
        ("TVA FR 20%", Decimal("20.000"), Decimal("11.34"))]  # the tax's name, for the import's tax mapping
    assert [(p.method, p.method_title, p.amount) for p in order.payments] == [
        ("ps_checkpayment", "Payments by check", Decimal("68.09"))]
    assert order.shipping_lines[0].method_id == "1" and order.shipping_lines[0].method_title == "Click and collect"
    assert order.shipping_lines[0].total == Decimal("0.00")
    assert (order.billing.last_name, order.billing.country, order.billing.email) == (
        "Dupont", "FR", "marie.dupont@example.com")
    assert order.customer_id == "3" and order.store == "1"
    assert order.meta["currency_rate"] == "1.000000"  # conversion_rate, under the name the import reads


def test_orders_are_read_with_date_state_and_shop_filters(presta: PrestaShopConnector, order_shop: Replay) -> None:
    from gescom_sync.shops.base import OrderQuery

    order_shop.on("GET", "/api/orders", json_response({"orders": [answer("64").json()["order"]]}))

    found = list(presta.read_orders(OrderQuery(created_from=datetime(2026, 11, 1), modified_after=datetime(2026, 11, 20),
                                               statuses=("2", "11"), stores=("1",))))

    assert [o.id for o in found] == ["6"]
    params = order_shop.sent("GET", "/api/orders")[0].url.params
    assert params["date"] == "1"
    assert params["filter[date_add]"] == "[2026-11-01 00:00:00,2100-01-01 00:00:00]"
    assert params["filter[date_upd]"] == "[2026-11-20 00:00:00,2100-01-01 00:00:00]"
    assert params["filter[current_state]"] == "[2|11]"
    assert params["filter[id_shop]"] == "[1]"
    assert params["display"] == "full" and params["sort"] == "[id_ASC]" and params["limit"] == "0,100"
    assert params["output_format"] == "JSON"
