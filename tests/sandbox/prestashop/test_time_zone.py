"""The sandbox keeps its dates as PrestaShop does: in the shop's local time (``PS_TIMEZONE``,
Europe/Paris), whatever the clock's zone, and compares date filters in that local time."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from gescom_sync.sandbox.prestashop import PrestaShopSandbox, WebserviceKey
from tests.sandbox.prestashop.conftest import KEY, Webservice
from tests.sandbox.prestashop.helpers import product

LATE_JUNE = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)  # already 1 July in Paris (UTC+2)
DECEMBER = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)  # 09:00 in Paris (UTC+1)


def test_the_shop_tells_its_time_zone_as_a_configuration(ws: Webservice) -> None:
    found = ws.json("/api/configurations?display=[name,value]&filter[name]=[PS_TIMEZONE]")

    assert found == {"configurations": [{"id": 21, "value": "Europe/Paris", "name": "PS_TIMEZONE"}]}


def test_dates_are_written_and_filtered_in_the_shops_local_time(tmp_path: Path) -> None:
    now = [LATE_JUNE]
    shop = PrestaShopSandbox(tmp_path / "paris", keys=[WebserviceKey(KEY)], clock=lambda: now[0])
    ws = Webservice(shop.asgi)
    ws.post("/api/products", product("ETE01", "10"))
    now[0] = DECEMBER
    ws.post("/api/products", product("HIVER01", "10"))

    listed = ws.json("/api/products?display=[reference,date_add]")["products"]
    july = ws.json("/api/products?display=[reference]&date=1&filter[date_add]=[2026-07-01 00:00:00,2026-07-01 23:59:59]")

    assert [(p["reference"], p["date_add"]) for p in listed] == [
        ("ETE01", "2026-07-01 00:30:00"), ("HIVER01", "2026-12-01 09:00:00")]
    assert july == {"products": [{"id": 1, "reference": "ETE01"}]}
    shop.store.close()


def test_a_shop_folder_kept_from_before_gets_its_time_zone(tmp_path: Path) -> None:
    old = PrestaShopSandbox(tmp_path / "kept", keys=[WebserviceKey(KEY)])
    old.store.delete("configurations", 21)  # as a folder written before PS_TIMEZONE was served
    old.store.close()

    reopened = PrestaShopSandbox(tmp_path / "kept")
    found = Webservice(reopened.asgi).json("/api/configurations?display=[name,value]&filter[name]=[PS_TIMEZONE]")

    assert [row["value"] for row in found["configurations"]] == ["Europe/Paris"]
    reopened.store.close()
