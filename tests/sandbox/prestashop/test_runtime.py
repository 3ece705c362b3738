"""Fault injection, persistence, the HTML page, the served sandbox and the CLI."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from gescom_sync.cli.sandbox import prestashop_banner
from gescom_sync.errors import ConfigError
from gescom_sync.sandbox.prestashop import FaultPlan, PrestaShopSandbox, WebserviceKey, generate_key, start_sandbox
from gescom_sync.sandbox.prestashop.server import check_key
from tests.sandbox.prestashop.conftest import KEY, Webservice
from tests.sandbox.prestashop.helpers import product


def statuses(tmp_path: Path, name: str, seed: int, calls: int = 40) -> list[int]:
    shop = PrestaShopSandbox(tmp_path / name, keys=[WebserviceKey(KEY)], faults=FaultPlan(fail_rate=0.5, seed=seed, slow_seconds=0.001))
    ws = Webservice(shop.asgi)
    answers = [ws.get("/api/languages") for _ in range(calls)]
    assert {a.headers.get("Retry-After") for a in answers if a.status_code == 503} == {"1"}
    assert ws.get("/").status_code == 200  # the HTML page is never failed
    shop.store.close()
    return [a.status_code for a in answers]


def test_fail_rate_is_reproducible_with_a_seed(tmp_path: Path) -> None:
    first, again, other = statuses(tmp_path, "a", 7), statuses(tmp_path, "b", 7), statuses(tmp_path, "c", 8)
    assert first == again and first != other
    assert {503, 500, 200} <= set(first)
    assert 8 <= first.count(200) <= 32


def test_slow_answers_are_written_before_the_delay(tmp_path: Path) -> None:
    shop = PrestaShopSandbox(tmp_path / "slow", keys=[WebserviceKey(KEY)], faults=FaultPlan(fail_rate=1.0, seed=3, slow_seconds=0.05))
    ws = Webservice(shop.asgi)
    for number in range(12):
        ws.post("/api/products", product(f"S-{number}", "1"))
    slow = [i for i, outcome in enumerate(shop.asgi.outcomes) if outcome == "slow"]
    assert slow and [p["reference"] for p in shop.store.scan("products")] == [f"S-{i}" for i in slow]
    shop.store.close()


def test_the_shop_survives_a_restart_on_its_folder(tmp_path: Path) -> None:
    shop = PrestaShopSandbox(tmp_path / "kept", keys=[WebserviceKey(KEY)])
    assert Webservice(shop.asgi).post("/api/products", product("KEPT", "5")).status_code == 201
    shop.store.close()
    again = PrestaShopSandbox(tmp_path / "kept")
    assert Webservice(again.asgi).json("/api/products?display=[reference]") == {"products": [{"id": 1, "reference": "KEPT"}]}
    assert Webservice(again.asgi).post("/api/products", product("NEXT", "5")).status_code == 201
    assert [p["id"] for p in again.store.scan("products")] == [1, 2]
    again.store.close()


def test_the_html_page_lists_what_the_shop_holds(ws: Webservice) -> None:
    ws.post("/api/products", product("BAOR01", "89.9", name="Bague or"))
    page = ws.get("/")
    assert page.status_code == 200 and "BAOR01" in page.text and "Bague or" in page.text and "89.900000" in page.text


def test_the_served_sandbox_answers_its_key_and_keeps_it(tmp_path: Path) -> None:
    with start_sandbox(tmp_path / "served") as running:
        assert len(running.key) == 32 and running.url.startswith("http://127.0.0.1:")
        answer = httpx.get(f"{running.api_url}languages?output_format=JSON", auth=(running.key, ""))
        assert answer.status_code == 200 and len(answer.json()["languages"]) == 2
        first_key = running.key
        lines = prestashop_banner(running, tmp_path / "served", 0, 0.0, None)
        assert any(first_key in line for line in lines) and any(running.api_url in line for line in lines)
    with start_sandbox(tmp_path / "served") as restarted:
        assert restarted.key == first_key


def test_keys_look_like_prestashop_keys() -> None:
    key = generate_key()
    assert len(key) == 32 and key.isalnum() and key.upper() == key
    assert check_key(KEY) == KEY
    with pytest.raises(ConfigError):
        check_key("short")
