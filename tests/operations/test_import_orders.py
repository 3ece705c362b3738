"""Import orders end to end through the CLI: orders placed in the sandbox shop become sales
documents of the Bijou back office (SQLite copy), read back from F_DOCENTETE/F_DOCLIGNE.

Every case runs on both sandboxes, with orders placed as a checkout places them
(``shop_state.place_order``); the orders file case is pending on PrestaShop (its dates). ``shop_with_orders``: registered client Lou Durand orders 2 rings
(BAOR01, 100.00, TVA 20 %) + 1 book (LIVRE01, 20.00, TVA 5.5 %), then a guest 1 ring,
then Lou Durand again 1 book: 220.00, 100.00 and 20.00 excluding tax, 41.10, 20.00 and 1.10
of tax before shipping. The shops ship differently (:data:`TOTALS`, :data:`SHIPPING`).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest

from gescom_sync.cli.orders import order_selection
from gescom_sync.errors import ConfigError
from gescom_sync.operations.import_orders import CREATING, ORDER, STATUS, OrderSelection, period_dates
from gescom_sync.operations.lock import ProfileBusy, lock_path, profile_lock
from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.shops.woocommerce.connector import WooCommerceConnector
from gescom_sync.state import StateStore
from tests.operations.order_support import (
    IMPORTED_STATUS,
    PAID_STATUS,
    TAX_NAMES,
    bindings,
    cli,
    configure,
    documents,
    enable_taxes,
    items,
    lines_of,
    shop_connector,
    shop_statuses,
    shop_totals,
    stock_the_shop,
)
from tests.operations.shop_state import add_product, create_customer, place_order

CLIENT = {"email": "lou.durand@example.fr", "first_name": "Lou", "last_name": "Durand",  # PrestaShop: no digits
          "billing": {"first_name": "Lou", "last_name": "Durand", "email": "lou.durand@example.fr",
                      "address_1": "3 rue de la Paix", "postcode": "75002", "city": "Paris", "country": "FR"}}
DELIVERY = {"woocommerce": {"shipping": D("8.33")}, "prestashop": {"carrier": 2}}
"""WooCommerce: a Colissimo flat rate of 8.33; PrestaShop: carrier 2, priced by the products' total tax included."""
SHIPPING = {"woocommerce": [D("8.33")] * 3,
            "prestashop": [D("0.00"), D("0.00"), D("7.50")]}  # products 261.10, 120.00: from 100; 21.10: below 50
"""The shipping of the three orders, excluding tax (taxed at 20 %)."""
TOTALS = {  # products + shipping excluding tax + products' tax + shipping's tax at 20 %
    # 220.00 + 8.33 + 41.10 + 1.67 = 271.10; 100.00 + 8.33 + 20.00 + 1.67 = 130.00; 20.00 + 8.33 + 1.10 + 1.67 = 31.10
    "woocommerce": [D("271.10"), D("130.00"), D("31.10")],
    # 220.00 + 41.10 = 261.10; 100.00 + 20.00 = 120.00; 20.00 + 1.10 + 7.50 + 1.50 = 30.10
    "prestashop": [D("261.10"), D("120.00"), D("30.10")],
}
"""What the customer paid for the three orders, including tax."""
CONNECTORS = {"woocommerce": WooCommerceConnector, "prestashop": PrestaShopConnector}


@dataclass(frozen=True)
class PlacedOrders:
    ids: list[str]  # the shop order ids, in the order placed
    customer: str  # the registered client's shop id


@pytest.fixture
def shop_with_orders(profile: str, sandbox: Any, shop: str) -> PlacedOrders:
    """Three paid orders: two of registered client Lou Durand (:data:`TOTALS` [0] and [2]), one of a guest ([1])."""
    stock_the_shop(sandbox)
    configure(profile, shop)
    registered = create_customer(sandbox, CLIENT)

    def paid(lines: list[tuple[str, int]], customer: int | None = None) -> str:
        return place_order(shop, sandbox, lines, customer=customer, status=PAID_STATUS[shop], **DELIVERY[shop])

    ids = [paid([("BAOR01", 2), ("LIVRE01", 1)], registered), paid([("BAOR01", 1)]), paid([("LIVRE01", 1)], registered)]
    return PlacedOrders(ids, str(registered))


def test_orders_become_documents_to_the_cent_and_a_second_run_creates_nothing(profile, sandbox, shop, tmp_path,
                                                                              shop_with_orders):
    result = cli("import", "orders")
    assert result.exit_code == 0, result.output

    ids = shop_with_orders.ids
    docs = documents(tmp_path / "bijou.sqlite", ids)
    assert [(d["DO_NoWeb"], d["DO_Piece"], d["DO_Type"]) for d in docs] == [
        (ids[0], "BC00033", 1), (ids[1], "BC00034", 1), (ids[2], "BC00035", 1)]
    assert [shop_totals(sandbox)[i] for i in ids] == TOTALS[shop]
    assert [D(str(d["DO_TotalTTC"])).quantize(D("0.01")) for d in docs] == TOTALS[shop]
    assert [D(str(d["DO_ValFrais"])).quantize(D("0.01")) for d in docs] == SHIPPING[shop]
    assert lines_of(tmp_path / "bijou.sqlite", "BC00033") == [("BAOR01", D("2"), D("200.00")),
                                                              ("LIVRE01", D("1"), D("20.00"))]
    registered = shop_with_orders.customer
    assert [d["DO_Tiers"] for d in docs] == [f"WEB{registered:0>6}", f"WEB{ids[1]:0>6}", f"WEB{registered:0>6}"]
    assert items(profile)[("customer", registered)] == ("created", {"shop_id": registered,
                                                                     "account": f"WEB{registered:0>6}"})
    assert items(profile)[("order", ids[0])] == ("created", {"piece": "BC00033", "account": f"WEB{registered:0>6}",
                                                              "total": str(TOTALS[shop][0]), "lines": 2})
    assert shop_statuses(sandbox) == dict.fromkeys(ids, IMPORTED_STATUS[shop])
    assert bindings(profile) == dict(zip(ids, ["BC00033", "BC00034", "BC00035"], strict=True))

    again = cli("import", "orders", "--period", "today")
    assert again.exit_code == 0, again.output
    assert len(documents(tmp_path / "bijou.sqlite", ids)) == 3
    assert {key: action for (entity, key), (action, _params) in items(profile).items()} == {}  # completed: not read


def test_a_document_found_by_its_stamp_is_linked_not_created_again(profile, sandbox, shop, tmp_path,
                                                                   shop_with_orders):
    """A run killed between the back-office commit and the binding: the next run finds DO_NoWeb."""
    configure(profile, shop, statuses={PAID_STATUS[shop]: {"document": "order"}})  # the shop status stays paid
    assert cli("import", "orders").exit_code == 0
    ids = shop_with_orders.ids
    with StateStore.open() as store:
        store.bindings.delete_by_shop_ids(profile, ORDER, ids[:2])  # as if the run died before binding them

    result = cli("import", "orders", "--period", "today")
    assert result.exit_code == 0, result.output
    assert len(documents(tmp_path / "bijou.sqlite", ids)) == 3
    assert bindings(profile) == dict(zip(ids, ["BC00033", "BC00034", "BC00035"], strict=True))
    found = items(profile)
    assert found[("order", ids[0])] == ("unchanged", {"piece": "BC00033"})
    assert found[("order", ids[2])] == ("unchanged", {"piece": "BC00035"})
    assert "stamped with the order id" in result.output


def test_without_check_existing_only_an_interrupted_order_is_looked_for(profile, sandbox, shop, tmp_path,
                                                                        shop_with_orders):
    configure(profile, shop, statuses={PAID_STATUS[shop]: {"document": "order"}}, check_existing=False)
    assert cli("import", "orders").exit_code == 0
    ids = shop_with_orders.ids
    with StateStore.open() as store:  # as if the run died after the commit of ids[0]'s document
        store.bindings.delete_by_shop_ids(profile, ORDER, ids[:1])
        store.pending.record(profile, ORDER, ids[0], CREATING, "WEB000002")

    result = cli("import", "orders", "--period", "today")
    assert result.exit_code == 0, result.output
    assert [d["DO_Piece"] for d in documents(tmp_path / "bijou.sqlite", ids)] == ["BC00033", "BC00034", "BC00035"]
    assert items(profile)[("order", ids[0])] == ("unchanged", {"piece": "BC00033"})
    with StateStore.open() as store:
        assert store.pending.list(profile, ORDER, CREATING) == []
    assert bindings(profile)[ids[0]] == "BC00033"


def test_orders_reset_by_ids_and_all_and_include_transferred(profile, sandbox, shop, tmp_path, shop_with_orders):
    configure(profile, shop, statuses={PAID_STATUS[shop]: {"document": "order"}})
    assert cli("import", "orders").exit_code == 0
    ids = shop_with_orders.ids

    reset = cli("orders", "reset", f"{ids[0]}, {ids[1]}")
    assert reset.exit_code == 0 and "2 orders forgotten" in reset.output
    assert bindings(profile) == {ids[2]: "BC00035"}
    assert "3 orders forgotten" not in cli("orders", "reset", "ALL").output  # one was left
    assert bindings(profile) == {}

    delete_document(tmp_path / "bijou.sqlite", "BC00033")  # the merchant deleted it to import it again
    assert cli("import", "orders", "--period", "today").exit_code == 0
    assert bindings(profile) == dict(zip(ids, ["BC00036", "BC00034", "BC00035"], strict=True))

    transferred = cli("import", "orders", "--period", "today", "--include-transferred")
    assert transferred.exit_code == 0, transferred.output
    assert [d["DO_Piece"] for d in documents(tmp_path / "bijou.sqlite", ids)] == ["BC00034", "BC00035", "BC00036"]
    assert {a for (_e, _k), (a, _p) in items(profile).items()} == {"unchanged"}


def delete_document(database: Path, piece: str) -> None:
    import sqlalchemy as sa

    from gescom_sync.backoffice.sage100 import schema

    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        for table in (schema.F_DOCLIGNE, schema.F_DOCENTETE):
            connection.execute(sa.delete(table).where(table.c.DO_Piece == piece))
    engine.dispose()


def test_a_failed_order_does_not_block_the_others_and_is_retried_next_run(profile, sandbox, shop, tmp_path,
                                                                          shop_with_orders):
    standard, reduced = TAX_NAMES[shop]
    configure(profile, shop, taxes={"rows": [{"shop": standard, "code": "C20"}]},  # 5.5 % unmapped, no default
              special_articles={"remise": {"C20": "REMISE20"}})
    ids = shop_with_orders.ids
    failed = cli("import", "orders")
    assert failed.exit_code == 1, failed.output
    assert [d["DO_NoWeb"] for d in documents(tmp_path / "bijou.sqlite", ids)] == [ids[1]]
    action, _params = items(profile)[("order", ids[0])]
    assert action == "failed" and reduced in failed.output
    paid, imported = PAID_STATUS[shop], IMPORTED_STATUS[shop]
    assert shop_statuses(sandbox) == {ids[0]: paid, ids[1]: imported, ids[2]: paid}

    configure(profile, shop)
    retried = cli("import", "orders")
    assert retried.exit_code == 0, retried.output
    assert [d["DO_NoWeb"] for d in documents(tmp_path / "bijou.sqlite", ids)] == [ids[1], ids[0], ids[2]]
    assert bindings(profile) == {ids[1]: "BC00033", ids[0]: "BC00034", ids[2]: "BC00035"}


def test_a_shop_status_refused_is_set_by_the_next_run_without_importing_again(profile, sandbox, shop, tmp_path,
                                                                              shop_with_orders, monkeypatch):
    from gescom_sync.shops.base import WriteOutcome, WriteResult

    def unavailable(self: Any, changes: list[tuple[str, str]]) -> list[WriteResult]:
        return [WriteResult(order_id, WriteOutcome.FAILED, message="503 Service Unavailable") for order_id, _s in changes]

    ids = shop_with_orders.ids
    with monkeypatch.context() as patched:
        patched.setattr(CONNECTORS[shop], "set_order_statuses", unavailable)
        first = cli("import", "orders")
    assert first.exit_code == 0, first.output
    assert "Service Unavailable" in first.output
    assert shop_statuses(sandbox) == dict.fromkeys(ids, PAID_STATUS[shop])
    with StateStore.open() as store:
        assert [(p.shop_id, p.value) for p in store.pending.list(profile, ORDER, STATUS)] == [
            (i, IMPORTED_STATUS[shop]) for i in ids]

    second = cli("import", "orders")
    assert second.exit_code == 0, second.output
    assert shop_statuses(sandbox) == dict.fromkeys(ids, IMPORTED_STATUS[shop])
    assert len(documents(tmp_path / "bijou.sqlite", ids)) == 3
    assert {k: a for (e, k), (a, _p) in items(profile).items() if e == "order_status"} == dict.fromkeys(ids, "updated")
    assert [e for (e, _k) in items(profile) if e == "order"] == []  # completed now: not selected again
    with StateStore.open() as store:
        assert store.pending.list(profile, ORDER, STATUS) == []


def test_a_dry_run_writes_nothing_and_announces_what_the_run_does(profile, sandbox, shop, tmp_path, shop_with_orders):
    ids = shop_with_orders.ids
    dry = cli("import", "orders", "--dry-run")
    assert dry.exit_code == 0, dry.output
    announced = {k: p for (e, k), (_a, p) in items(profile).items() if e == "order"}
    assert documents(tmp_path / "bijou.sqlite", ids) == []
    assert bindings(profile) == {}
    assert shop_statuses(sandbox) == dict.fromkeys(ids, PAID_STATUS[shop])
    assert "would become an order" in dry.output

    assert cli("import", "orders").exit_code == 0
    done = {k: p for (e, k), (_a, p) in items(profile).items() if e == "order"}
    assert {k: (p["account"], p["total"], p["lines"]) for k, p in announced.items()} == {
        k: (p["account"], p["total"], p["lines"]) for k, p in done.items()}


def test_a_second_run_of_the_profile_is_refused_while_one_runs(profile, sandbox, shop_with_orders, tmp_path):
    with profile_lock(profile, "update_stock"):
        refused = cli("import", "orders")
    assert refused.exit_code == 2
    assert "is busy: update_stock has been running since" in refused.output
    assert documents(tmp_path / "bijou.sqlite", shop_with_orders.ids) == []
    assert cli("import", "orders").exit_code == 0  # the lock went with its holder


def test_the_lock_of_a_killed_run_does_not_block(home):
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time\n"
        "from gescom_sync.operations.lock import profile_lock\n"
        "with profile_lock('bijou', 'import_orders'):\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(60)\n")], stdout=subprocess.PIPE, text=True, env=os.environ.copy())
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(ProfileBusy, match="import_orders est en cours depuis"), profile_lock("bijou", "demo"):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with profile_lock("bijou", "import_orders"):
        assert json.loads(lock_path("bijou").read_text())["pid"] == os.getpid()


# What each sandbox calls the status of a paid order, and the status to set after import
PAID = {"woocommerce": ("processing", "completed"), "prestashop": ("2", "4")}


def connector_statuses(profile: str, ids: list[str]) -> list[str]:
    """The orders' statuses as the profile's shop connector reads them."""
    from gescom_sync.profiles import load_profile
    from gescom_sync.shops.factory import open_shop
    from gescom_sync.state import StateStore

    with StateStore.open() as store:
        shop = open_shop(load_profile(profile).shop, store=store, profile=profile)
        try:
            return [shop.read_order(order_id).status for order_id in ids]
        finally:
            shop.close()


def test_orders_of_the_shop_become_documents_once(profile, sandbox, shop, tmp_path):
    paid, after = PAID[shop]
    configure(profile, statuses={paid: {"document": "order", "set_status_after": after}},
              taxes={"rows": [{"shop": "20", "code": "C20"}, {"shop": "0", "code": "C00"}]},
              special_articles={"remise": {"C20": "REMISE20", "C00": "REMISE0"}},
              payments={"rows": [{"shop": "cheque", "method": 2, "journal": "BQ1"},
                                 {"shop": "ps_checkpayment", "method": 2, "journal": "BQ1"}]})
    if shop == "woocommerce":
        enable_taxes(sandbox)
    add_product(shop, sandbox, "BAOR01", D("100.00"))
    buyers = [create_customer(sandbox, {"email": f"{name}@example.fr", "first_name": "Lou", "last_name": name,
                                        "billing": {"address_1": "3 rue de la Paix", "postcode": "75002",
                                                    "city": "Paris", "country": "FR"}}) for name in ("Durand", "Martin")]
    ids = [place_order(shop, sandbox, [("BAOR01", n)], customer=buyer, status=paid)
           for n, buyer in zip((1, 2), buyers, strict=True)]

    result = cli("import", "orders")
    assert result.exit_code == 0, result.output
    docs = documents(tmp_path / "bijou.sqlite", ids)
    assert [(d["DO_NoWeb"], d["DO_Piece"], d["DO_Tiers"]) for d in docs] == [
        (ids[0], "BC00033", f"WEB{buyers[0]:06d}"), (ids[1], "BC00034", f"WEB{buyers[1]:06d}")]
    assert [D(str(d["DO_TotalHT"])).quantize(D("0.01")) for d in docs] == [D("100.00"), D("200.00")]
    assert bindings(profile) == {ids[0]: "BC00033", ids[1]: "BC00034"}
    assert connector_statuses(profile, ids) == [after, after]

    assert cli("import", "orders", "--period", "today", "--include-transferred").exit_code == 0
    assert len(documents(tmp_path / "bijou.sqlite", ids)) == 2


@pytest.mark.parametrize(("period", "first", "last"), [
    ("today", date(2026, 11, 19), date(2026, 11, 19)),
    ("yesterday", date(2026, 11, 18), date(2026, 11, 18)),
    ("this-week", date(2026, 11, 16), date(2026, 11, 22)),
    ("last-week", date(2026, 11, 9), date(2026, 11, 15)),
    ("last-7-days", date(2026, 11, 13), date(2026, 11, 19)),
    ("this-month", date(2026, 11, 1), date(2026, 11, 30)),
    ("last-month", date(2026, 10, 1), date(2026, 10, 31)),
])
def test_periods_of_a_thursday(period, first, last):
    assert period_dates(period, date(2026, 11, 19)) == (first, last)


def test_periods_across_a_year_and_a_february():
    assert period_dates("last-month", date(2027, 1, 5)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert period_dates("this-month", date(2028, 2, 10)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert period_dates("last-week", date(2027, 1, 3)) == (date(2026, 12, 21), date(2026, 12, 27))
    with pytest.raises(ConfigError, match="'last-year' inconnue ; attendu : today, yesterday"):
        period_dates("last-year", date(2027, 1, 3))


def test_from_and_to_select_whole_days_of_the_shop():
    selection = order_selection(None, "2026-11-02", "30/11/2026")
    assert (selection.first, selection.last) == (date(2026, 11, 2), date(2026, 11, 30))
    # Paris is at UTC+1 in November: the period runs from 2 Nov 00:00 Paris (1 Nov 23:00 UTC) to 1 Dec 00:00 Paris
    period = selection.bounds(ZoneInfo("Europe/Paris"))
    assert (period.start.astimezone(UTC), period.end.astimezone(UTC)) == (datetime(2026, 11, 1, 23, tzinfo=UTC),
                                                                          datetime(2026, 11, 30, 23, tzinfo=UTC))
    # a preset counts from the shop's today: yesterday of Thursday 19 Nov is Wednesday 18
    assert OrderSelection.of_period("yesterday", today=date(2026, 11, 19)).days(UTC) == (date(2026, 11, 18),
                                                                                         date(2026, 11, 18))
    with pytest.raises(ConfigError, match="soit --period, soit --from/--to"):
        order_selection("today", "2026-11-02", None)
    with pytest.raises(ConfigError, match="n'est pas une date"):
        order_selection(None, "2 nov", None)
    with pytest.raises(ConfigError, match="'last-year' inconnue"):
        order_selection("last-year", None, None)


def test_orders_of_a_file_become_documents_and_leave_the_shop_statuses(profile, sandbox, shop, tmp_path,
                                                                       shop_with_orders):
    from gescom_sync.orders_file import write_orders_file
    from gescom_sync.shops.base import OrderQuery

    with shop_connector(sandbox) as connected:
        write_orders_file(list(connected.read_orders(OrderQuery())), tmp_path / "orders.xml")
    result = cli("import", "orders", "--file", str(tmp_path / "orders.xml"))
    assert result.exit_code == 0, result.output
    ids = shop_with_orders.ids
    docs = documents(tmp_path / "bijou.sqlite", ids)
    assert [(d["DO_NoWeb"], d["DO_Piece"]) for d in docs] == list(zip(ids, ["BC00033", "BC00034", "BC00035"],
                                                                     strict=True))
    assert [D(str(d["DO_TotalTTC"])).quantize(D("0.01")) for d in docs] == TOTALS[shop]
    assert shop_statuses(sandbox) == dict.fromkeys(ids, PAID_STATUS[shop])
    assert cli("import", "orders", "--file", str(tmp_path / "orders.xml")).exit_code == 0
    assert len(documents(tmp_path / "bijou.sqlite", ids)) == 3


def test_update_stock_runs_the_stock_update_for_the_articles_of_the_documents(profile, sandbox, shop_with_orders):
    result = cli("import", "orders", "--update-stock")
    assert result.exit_code == 0, result.output
    assert "Updating the shop's stock of the 2 articles of the imported orders" in result.output
    stock_items = {key for (entity, key) in items(profile) if entity not in ("order", "customer")}
    assert stock_items == {"BAOR01", "LIVRE01"}  # not the rest of the catalogue (here: not exported, skipped)
