"""The WooCommerce shop's days and its customers' VAT numbers.

Time zone: the profile's ``shop.timezone``, else the site's as WordPress's index ``GET /wp-json/``
gives it (``timezone_string``, else the fixed ``gmt_offset``), else the machine's. The sandbox's
site keeps its dates in UTC and shows ``date_created`` in its zone, ``date_created_gmt`` in UTC;
``after``/``before`` are in the site's zone unless ``dates_are_gmt``, as WooCommerce reads them.

VAT numbers: kept by the VAT plugins under their own meta keys on the order or on the customer;
an order without one gets its customer's, one ``customers?include=`` request per page of orders.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from gescom_sync.errors import ConfigError
from gescom_sync.shops import OrderQuery
from gescom_sync.shops.base import TimeZoneUnknown
from gescom_sync.shops.woocommerce import WooCommerceConnector

from .conftest import HTTPS, KEY, Shop

PARIS = ZoneInfo("Europe/Paris")


def test_the_sites_zone_comes_from_the_wordpress_index_without_credentials(shop: Shop, woo: WooCommerceConnector):
    shop.sandbox.config.set_time_zone("Europe/Paris")
    assert woo.time_zone() == PARIS
    (index,) = shop.transport.calls("GET", "/wp-json/")
    assert "authorization" not in index.headers and "consumer_key" not in str(index.url)  # WordPress asks none
    assert woo.time_zone() == PARIS and len(shop.transport.calls("GET", "/wp-json/")) == 1  # read once


def test_the_index_gives_the_zone_as_wordpress_does(shop: Shop):
    shop.sandbox.config.set_time_zone("Europe/Paris")
    with shop.admin() as client:
        index = client.get(f"{HTTPS}/wp-json/", auth=None).json()
    # Paris is at UTC+1 in winter, UTC+2 in summer: WordPress computes the offset of now, as a PHP float
    expected = datetime.now(PARIS).utcoffset() / timedelta(hours=1)
    assert (index["timezone_string"], index["gmt_offset"]) == ("Europe/Paris", expected)
    assert "wc/v3" in index["namespaces"]

    shop.sandbox.config.set_time_zone(gmt_offset="5.5")  # WordPress's "UTC+5:30": a manual offset, kept as text
    with shop.admin() as client:
        index = client.get(f"{HTTPS}/wp-json/", params={"_fields": "gmt_offset,timezone_string"}, auth=None).json()
    assert index == {"gmt_offset": "5.5", "timezone_string": ""}


def test_a_manual_offset_is_a_fixed_zone(shop: Shop, woo: WooCommerceConnector):
    shop.sandbox.config.set_time_zone(gmt_offset="5.5")
    assert woo.time_zone() == timezone(timedelta(hours=5, minutes=30))


def test_the_profiles_zone_comes_first_and_a_wrong_name_says_where(shop: Shop):
    shop.sandbox.config.set_time_zone("Europe/Paris")
    with shop.make(time_zone="America/New_York") as woo:
        assert woo.time_zone() == ZoneInfo("America/New_York")
    assert shop.transport.calls("GET", "/wp-json/") == []
    with shop.make(time_zone="Paris") as woo, pytest.raises(ConfigError) as refused:
        woo.time_zone()
    assert refused.value.message == ("Le fuseau horaire « Paris » (shop.timezone) de la boutique https://shop.test "
                                     "n'est pas un nom de fuseau horaire (tel que Europe/Paris).")


def test_without_an_index_the_shop_says_it_does_not_know(shop: Shop):
    """A security plugin may hide the index (401 for visitors): the connector says why it cannot tell."""
    import httpx

    class NoIndex(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == "/wp-json/":
                return httpx.Response(401, json={"code": "rest_login_required", "message": "REST API restricted to "
                                                 "authenticated users.", "data": {"status": 401}}, request=request)
            return shop.transport.handle_request(request)

    with WooCommerceConnector(HTTPS, KEY.consumer_key, KEY.consumer_secret, transport=NoIndex(),
                              sleep=lambda _s: None) as woo:
        with pytest.raises(TimeZoneUnknown) as unknown:
            woo.time_zone()
        tested = woo.test_connection()  # the profile test says so, and how to mend it
    assert unknown.value.reason.startswith("l'index de WordPress https://shop.test/wp-json/ ne peut pas être lu : 401")
    assert f"Fuseau horaire inconnu ({unknown.value.reason}) : indiquez shop.timezone." in tested


def test_the_site_shows_local_dates_and_reads_periods_in_its_zone(shop: Shop, woo: WooCommerceConnector):
    shop.sandbox.config.set_time_zone("Europe/Paris")
    shop.sandbox.clock = lambda: datetime(2026, 11, 5, 22, 30)  # the store's clock is UTC
    late = shop.setup("POST", "orders", {"status": "processing"})
    shop.sandbox.clock = lambda: datetime(2026, 11, 5, 23, 30)
    after_midnight = shop.setup("POST", "orders", {"status": "processing"})
    # 22:30 UTC is 23:30 in Paris (UTC+1 in November); 23:30 UTC is 00:30 on the 6th
    assert (late["date_created"], late["date_created_gmt"]) == ("2026-11-05T23:30:00", "2026-11-05T22:30:00")
    assert after_midnight["date_created"] == "2026-11-06T00:30:00"
    with shop.admin() as client:
        local = client.get("orders", params={"after": "2026-11-06T00:00:00"}).json()
        gmt = client.get("orders", params={"after": "2026-11-06T00:00:00", "dates_are_gmt": "true"}).json()
    assert ([o["id"] for o in local], gmt) == ([after_midnight["id"]], [])
    shop.transport.requests.clear()

    # the connector sends UTC with dates_are_gmt: Paris's 5 Nov is 4 Nov 23:00 to 5 Nov 23:00 UTC
    day = OrderQuery(created_from=datetime(2026, 11, 5, tzinfo=PARIS), created_to=datetime(2026, 11, 6, tzinfo=PARIS))
    assert [o.id for o in woo.read_orders(day)] == [str(late["id"])]
    (sent,) = shop.transport.calls("GET", "/orders")
    assert (sent.url.params["after"], sent.url.params["before"], sent.url.params["dates_are_gmt"]) == (
        "2026-11-04T23:00:00", "2026-11-05T23:00:00", "true")


def test_an_order_without_a_vat_number_gets_its_customers(shop: Shop, woo: WooCommerceConnector):
    topaz = shop.setup("POST", "customers", {"email": "achats@topaz.fr", "meta_data": [
        {"key": "vat_number", "value": "FR58482716359"}]})  # WooCommerce EU VAT Number's customer meta
    weber = shop.setup("POST", "customers", {"email": "jonas@weber.de", "meta_data": [
        {"key": "billing_vat", "value": "DE123456789"}]})  # German Market's
    plain = shop.setup("POST", "customers", {"email": "lou@example.fr"})
    own = shop.setup("POST", "orders", {"customer_id": topaz["id"], "meta_data": [
        {"key": "_billing_vat_number", "value": "FR 40 303 265 045"}]})  # the order's own, from the checkout
    ids = [shop.setup("POST", "orders", {"customer_id": c["id"]})["id"] for c in (topaz, weber, plain)]
    guest = shop.setup("POST", "orders", {})

    orders = {o.id: o for o in woo.with_customer_vat_numbers(list(woo.read_orders(OrderQuery())))}

    assert orders[str(own["id"])].meta["vat_number"] == "FR 40 303 265 045"  # its own wins
    assert [orders[str(i)].meta.get("vat_number") for i in ids] == ["FR58482716359", "DE123456789", None]
    assert "vat_number" not in orders[str(guest["id"])].meta
    (asked,) = shop.transport.calls("GET", "/customers")  # one request for the three customers
    assert sorted(asked.url.params["include"].split(",")) == sorted(str(c["id"]) for c in (topaz, weber, plain))


def test_reading_orders_reads_no_customer(shop: Shop, woo: WooCommerceConnector):
    topaz = shop.setup("POST", "customers", {"email": "achats@topaz.fr", "meta_data": [
        {"key": "vat_number", "value": "FR58482716359"}]})
    shop.setup("POST", "orders", {"customer_id": topaz["id"]})
    (order,) = woo.read_orders(OrderQuery())
    assert "vat_number" not in order.meta and shop.transport.calls("GET", "/customers") == []
    assert order.created_at.tzinfo is UTC


def test_every_shop_type_has_a_time_zone_setting_checked_when_set():
    from pydantic import ValidationError

    from gescom_sync.profiles.models import PrestaShopShop, ShopifyShop, WooCommerceShop

    assert WooCommerceShop(url="https://shop.test", timezone=" Europe/Paris ").timezone == "Europe/Paris"
    assert ShopifyShop(domain="bijou.myshopify.com", timezone="America/New_York").timezone == "America/New_York"
    assert PrestaShopShop(url="https://shop.test").timezone is None
    with pytest.raises(ValidationError, match="'Paris' n'est pas un nom de fuseau horaire"):
        WooCommerceShop(url="https://shop.test", timezone="Paris")
