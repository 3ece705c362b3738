"""Record -> WooCommerce JSON details that the sandbox cannot show: what is left out, dates, numbers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal as D

import pytest

from gescom_sync.errors import ConfigError
from gescom_sync.model.shop import Sale, ShopProduct, ShopVariant
from gescom_sync.shops import OrderQuery
from gescom_sync.shops.woocommerce import WooCommerceConnector, payloads
from gescom_sync.shops.woocommerce.orders import amount


def test_an_update_sends_only_the_parts_the_operation_chose():
    body = payloads.product(ShopProduct("BAOR01", shop_id="11", stock_quantity=D("4")), documents_title=None,
                            documents_meta=True)
    assert body == {"stock_quantity": 4, "meta_data": [{"key": "_gescom_sync_key", "value": "BAOR01"}]}


def test_a_creation_names_its_type_and_a_sale_is_cleared_on_request():
    body = payloads.product(ShopProduct("PACK1", "Coffret", payloads.ProductKind.PACK, pack_item_ids=("11", "12"),
                                        clear_sale=True), documents_title=None, documents_meta=False)
    assert (body["type"], body["grouped_products"]) == ("grouped", [11, 12])
    assert (body["sale_price"], body["date_on_sale_from"], body["date_on_sale_to"]) == ("", "", "")


def test_sale_dates_local_or_utc():
    paris = timezone(timedelta(hours=1))
    body = payloads.variant(ShopVariant("V1", "12", sale=Sale(D("9.90"), datetime(2026, 12, 1, 0, 0),
                                                             datetime(2026, 12, 31, 23, 59, tzinfo=paris)),
                                        active=False))
    assert body["sale_price"] == "9.90"
    assert body["date_on_sale_from"] == "2026-12-01T00:00:00"  # naive: the shop's local time
    assert body["date_on_sale_to_gmt"] == "2026-12-31T22:59:00"  # aware: sent in UTC
    assert body["status"] == "private"


@pytest.mark.parametrize(("given", "expected"), [("12.7", 12), ("0.99", 0), ("-1.5", -2), ("30", 30)])
def test_stock_is_whole_units_rounded_down(given: str, expected: int):
    assert payloads.whole_units(D(given)) == expected


@pytest.mark.parametrize(("raw", "expected"), [("22.00", D("22.00")), ("22", D("22")), (90, D("90")), (5.5, D("5.5")),
                                               ("", D("0")), (None, D("0")), ("-4.00", D("-4.00"))])
def test_woocommerce_numbers_are_read_exactly(raw, expected):
    assert amount(raw) == expected and str(amount(raw)) == str(expected)


def test_a_store_other_than_the_one_woocommerce_has_is_an_error():
    woo = WooCommerceConnector("https://shop.test", "ck", "cs")
    with pytest.raises(ConfigError, match="il n.y a pas de boutique fr"):
        next(woo.read_orders(OrderQuery(stores=("fr",), created_from=datetime.now(UTC))))
    woo.close()
