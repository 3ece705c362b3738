"""A day of the order import is the shop's day, whatever the machine's zone (both shops).

The shop is in Paris (the WooCommerce site's Timezone setting; PrestaShop's PS_TIMEZONE), the
machine that runs the import in Tokyo (``TZ``). Two orders of the evening of Thursday 5 November
2026, when Paris is at UTC+1 and Tokyo at UTC+9:

- LATE at 22:30 UTC: 23:30 on the 5th in Paris (07:30 on the 6th in Tokyo);
- AFTER_MIDNIGHT at 23:30 UTC: 00:30 on the 6th in Paris.

The 5th in Paris runs from 4 Nov 23:00 UTC to 5 Nov 23:00 UTC: it holds LATE only. (The 5th in
Tokyo, 4 Nov 15:00 to 5 Nov 15:00 UTC, holds neither; the 5th in UTC holds both.)
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import partial
from typing import Any

import pytest

from gescom_sync.operations.import_orders import OrderSelection, import_orders
from gescom_sync.operations.run import RunOptions, run_operation
from gescom_sync.shops.base import TimeZoneUnknown
from tests.operations.order_support import PAID_STATUS, cli, configure, documents, items, stock_the_shop
from tests.operations.shop_state import place_order, placed_at

LATE = datetime(2026, 11, 5, 22, 30, tzinfo=UTC)
AFTER_MIDNIGHT = datetime(2026, 11, 5, 23, 30, tzinfo=UTC)


@pytest.fixture
def evening(profile: str, sandbox: Any, shop: str, machine_in_tokyo) -> tuple[str, str]:
    """The shop in Paris, one ring ordered at LATE and one at AFTER_MIDNIGHT: their ids."""
    if shop == "woocommerce":
        sandbox.shop.config.set_time_zone("Europe/Paris")  # PrestaShop's sandbox is in Paris already
    stock_the_shop(sandbox)
    configure(profile, shop)
    ids = []
    for moment in (LATE, AFTER_MIDNIGHT):
        with placed_at(sandbox, moment):
            ids.append(place_order(shop, sandbox, [("BAOR01", 1)], status=PAID_STATUS[shop]))
    return ids[0], ids[1]


def imported(tmp_path: Any, *order_ids: str) -> dict[str, date]:
    """The document date of each of these orders imported."""
    return {d["DO_NoWeb"]: d["DO_Date"].date() for d in documents(tmp_path / "bijou.sqlite", list(order_ids))}


def run_import(profile: str, selection: OrderSelection) -> int:
    return run_operation("import_orders", profile, RunOptions(), partial(import_orders, selection=selection))


def test_from_and_to_are_days_of_the_shop_and_documents_are_dated_on_them(profile, evening, tmp_path):
    late, after_midnight = evening

    result = cli("import", "orders", "--from", "2026-11-05", "--to", "2026-11-05")
    assert result.exit_code == 0, result.output
    assert imported(tmp_path, late, after_midnight) == {late: date(2026, 11, 5)}

    result = cli("import", "orders", "--from", "06/11/2026", "--to", "06/11/2026")
    assert result.exit_code == 0, result.output
    # 00:30 on the 6th in Paris: dated the 6th (its UTC date is the 5th, Tokyo's the 6th at 08:30)
    assert imported(tmp_path, late, after_midnight) == {late: date(2026, 11, 5), after_midnight: date(2026, 11, 6)}


def test_a_period_counts_from_the_shops_today(profile, evening, tmp_path):
    late, after_midnight = evening
    # Friday 6 November in Paris: yesterday is the 5th, which holds LATE only
    assert run_import(profile, OrderSelection.of_period("yesterday", today=date(2026, 11, 6))) == 0
    assert imported(tmp_path, late, after_midnight) == {late: date(2026, 11, 5)}
    # this week (Monday 2 to Sunday 8 November) holds both; LATE is imported already
    assert run_import(profile, OrderSelection.of_period("this-week", today=date(2026, 11, 6))) == 0
    assert imported(tmp_path, late, after_midnight) == {late: date(2026, 11, 5), after_midnight: date(2026, 11, 6)}


def test_grouping_waits_for_the_end_of_the_shops_day(profile, evening, shop, tmp_path):
    late, after_midnight = evening
    configure(profile, shop, grouping={"orders": "all", "account": "COMPTOIR"})

    # 6 November in Paris: the 5th is over, the 6th is not (in UTC both orders are of the 5th)
    assert run_import(profile, OrderSelection(today=date(2026, 11, 6))) == 0

    (document,) = documents(tmp_path / "bijou.sqlite", [late, after_midnight])
    assert (document["DO_NoWeb"], document["DO_Tiers"], document["DO_Date"].date()) == (late, "COMPTOIR",
                                                                                         date(2026, 11, 5))
    assert items(profile)[("order", after_midnight)] == ("skipped", {"day": "2026-11-06"})


def test_a_shop_that_does_not_say_its_zone_gets_the_machines_days_with_a_warning(profile, evening, shop, tmp_path,
                                                                                monkeypatch):
    from tests.operations.test_import_orders import CONNECTORS

    def hidden(self: Any) -> Any:
        raise TimeZoneUnknown("index hidden")

    monkeypatch.setattr(CONNECTORS[shop], "time_zone", hidden)
    late, after_midnight = evening
    # the 6th in Tokyo runs from 5 Nov 15:00 to 6 Nov 15:00 UTC: both orders (07:30 and 08:30 there)
    result = cli("import", "orders", "--from", "2026-11-06", "--to", "2026-11-06")
    assert result.exit_code == 0, result.output
    assert "The shop's time zone is not known (index hidden): the days are the machine's (Asia/Tokyo)" in result.output
    assert imported(tmp_path, late, after_midnight) == {late: date(2026, 11, 6), after_midnight: date(2026, 11, 6)}
