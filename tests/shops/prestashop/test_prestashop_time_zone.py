"""PrestaShop writes dates in the shop's local time (``PS_TIMEZONE``, Europe/Paris in the
sandbox): the connector reads them as aware datetimes and filters in local time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from gescom_sync.errors import ConfigError
from gescom_sync.orders_file.reader import read_orders_file
from gescom_sync.orders_file.writer import write_orders_file
from gescom_sync.sandbox.prestashop import WebserviceKey
from gescom_sync.sandbox.prestashop.orders_seed import InProcess, seed_orders
from gescom_sync.shops.base import OrderQuery
from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.shops.prestashop.connector import NEEDED_PERMISSIONS
from tests.shops.prestashop.sandbox import FAST, URL, PrestaShop, make_prestashop

WINTER = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)  # 11:00 in Paris (UTC+1)
SUMMER = datetime(2026, 7, 15, 10, 0, tzinfo=UTC)  # 12:00 in Paris (UTC+2)
ORDERS_ONLY_KEY = "ORDERSONLYKEY0123456789ABCDEFGHI"
ORDER_READS = {name: ("GET",) for name in (  # what reading an order takes, without configurations
    "orders", "order_details", "order_payments", "order_carriers", "order_cart_rules", "addresses", "customers",
    "currencies", "countries", "carriers", "taxes", "languages")}


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(WINTER)


@pytest.fixture
def shop(tmp_path: Path, clock: Clock) -> PrestaShop:
    """A sandbox selling two rings (50 in stock) whose clock the test sets."""
    made = make_prestashop(tmp_path, clock=clock)
    side = InProcess(made.sandbox)
    for reference, price in (("BAOR01", "100"), ("BRAC01", "35")):
        side.create("products", {"name": reference, "reference": reference, "price": price, "id_tax_rules_group": 1,
                                 "active": 1, "state": 1, "product_type": "standard"})
    store = made.sandbox.store
    for row in store.all("stock_availables"):
        store.put("stock_availables", row | {"quantity": 50})
    return made


def test_order_dates_are_the_utc_instants_of_the_shops_local_times(shop: PrestaShop, clock: Clock) -> None:
    winter = seed_orders(shop.sandbox, 1)[0]
    clock.now = SUMMER
    summer = seed_orders(shop.sandbox, 1, seed=8)[0]
    stored = {o.id: shop.sandbox.shop.require("orders", int(o.id))["date_add"] for o in (winter, summer)}
    assert stored == {winter.id: "2026-01-15 11:00:00", summer.id: "2026-07-15 12:00:00"}

    with shop.connector() as presta:
        read = {o.id: o.created_at for o in presta.read_orders(OrderQuery(order_ids=(winter.id, summer.id)))}

    assert read == {winter.id: WINTER, summer.id: SUMMER}
    assert all(moment.utcoffset() is not None for moment in read.values())


def test_a_utc_modified_after_selects_across_the_offset(shop: PrestaShop, clock: Clock) -> None:
    first, second = seed_orders(shop.sandbox, 2)
    with shop.connector() as presta:
        clock.now = datetime(2026, 7, 15, 9, 30, tzinfo=UTC)  # 11:30 in Paris
        presta.set_order_status(first.id, "4")
        clock.now = datetime(2026, 7, 15, 10, 30, tzinfo=UTC)  # 12:30 in Paris
        presta.set_order_status(second.id, "4")

        found = list(presta.read_orders(OrderQuery(modified_after=SUMMER)))
        by_creation = list(presta.read_orders(OrderQuery(created_from=datetime(2026, 1, 15, 9, 30, tzinfo=UTC),
                                                         created_to=datetime(2026, 1, 15, 9, 59, tzinfo=UTC))))

    assert [(o.id, o.modified_at) for o in found] == [(second.id, datetime(2026, 7, 15, 10, 30, tzinfo=UTC))]
    assert by_creation == []  # created 10:00 UTC; the naive filter would have read 09:30-09:59 as Paris time
    sent = shop.calls("GET", "/api/orders")[-2].url.params
    assert sent["filter[date_upd]"] == "[2026-07-15 12:00:00,2100-01-01 00:00:00]"


def test_prestashop_orders_go_to_an_orders_file(shop: PrestaShop, tmp_path: Path) -> None:
    seed_orders(shop.sandbox, 2)
    with shop.connector() as presta:
        orders = list(presta.read_orders(OrderQuery()))
    path = tmp_path / "orders.xml"

    write_orders_file(orders, path)

    assert [(o.id, o.created_at) for o in read_orders_file(path)] == [(o.id, WINTER) for o in orders]
    assert "2026-01-15T11:00:00+01:00" in path.read_text()  # the shop's local time, with its offset


def test_a_key_that_may_not_read_configurations_uses_the_profiles_time_zone(shop: PrestaShop) -> None:
    order = seed_orders(shop.sandbox, 1)[0]
    shop.sandbox.add_key(WebserviceKey(ORDERS_ONLY_KEY, ORDER_READS))

    with PrestaShopConnector(URL, ORDERS_ONLY_KEY, options=FAST, transport=shop.transport, sleep=lambda _s: None,
                             time_zone="America/New_York") as presta:
        created = presta.read_order(order.id).created_at

    assert created == datetime(2026, 1, 15, 16, 0, tzinfo=UTC)  # the stored 11:00, read as New York time
    assert not shop.calls("GET", "/api/configurations")


def test_without_ps_timezone_nor_setting_the_run_stops_and_says_what_to_do(shop: PrestaShop) -> None:
    order = seed_orders(shop.sandbox, 1)[0]
    shop.sandbox.add_key(WebserviceKey(ORDERS_ONLY_KEY, ORDER_READS))

    with PrestaShopConnector(URL, ORDERS_ONLY_KEY, options=FAST, transport=shop.transport,
                             sleep=lambda _s: None) as presta, pytest.raises(ConfigError) as refused:
        presta.read_order(order.id)

    assert "https://presta.test" in refused.value.message
    assert "shop.timezone" in refused.value.message and "configurations" in refused.value.message


def test_a_time_zone_setting_that_is_no_time_zone_is_refused(shop: PrestaShop) -> None:
    order = seed_orders(shop.sandbox, 1)[0]
    shop.sandbox.add_key(WebserviceKey(ORDERS_ONLY_KEY, ORDER_READS))

    with PrestaShopConnector(URL, ORDERS_ONLY_KEY, options=FAST, transport=shop.transport, sleep=lambda _s: None,
                             time_zone="Paris") as presta, pytest.raises(ConfigError) as refused:
        presta.read_order(order.id)

    assert "Paris" in refused.value.message and "(shop.timezone)" in refused.value.message


def test_the_connection_test_says_an_unknown_time_zone(shop: PrestaShop) -> None:
    granted = {name: tuple(m.upper() for m in methods) for name, methods in NEEDED_PERMISSIONS.items()}
    shop.sandbox.add_key(WebserviceKey(ORDERS_ONLY_KEY, granted))  # everything needed, but not configurations

    with PrestaShopConnector(URL, ORDERS_ONLY_KEY, options=FAST, transport=shop.transport,
                             sleep=lambda _s: None) as presta, pytest.raises(ConfigError) as refused:
        presta.test_connection()
    assert "shop.timezone" in refused.value.message

    with PrestaShopConnector(URL, ORDERS_ONLY_KEY, options=FAST, transport=shop.transport, sleep=lambda _s: None,
                             time_zone="Europe/Paris") as presta:
        assert "https://presta.test (/api/)" in presta.test_connection()
