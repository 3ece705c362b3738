"""A fresh PrestaShop sandbox per test, called in-process through httpx's ASGITransport."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from gescom_sync.sandbox.prestashop import PrestaShopSandbox, WebserviceKey
from gescom_sync.sandbox.prestashop.seed import blank

KEY = "ERPSYNC0TEST0KEY0000000000000001"
BASE = "http://127.0.0.1:8082"
RECORDINGS = Path(__file__).parent.parent / "recordings" / "prestashop-8.1"


class Webservice:
    """Synchronous calls into the ASGI app with the key as basic-auth user (or none, or another key)."""

    def __init__(self, app: Any, key: str | None = KEY) -> None:
        self.app, self.key = app, key

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            auth = (self.key, "") if self.key else None
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=self.app), base_url=BASE, auth=auth) as client:
                return await client.request(method, path, **kwargs)

        return asyncio.run(send())

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def json(self, path: str) -> Any:
        joiner = "&" if "?" in path else "?"
        answer = self.get(f"{path}{joiner}output_format=JSON")
        assert answer.status_code == 200, answer.text
        return answer.json()

    def post(self, path: str, xml: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, content=xml.encode(), **kwargs)

    def put(self, path: str, xml: str) -> httpx.Response:
        return self.request("PUT", path, content=xml.encode())


@pytest.fixture
def shop(tmp_path: Path) -> PrestaShopSandbox:
    sandbox = PrestaShopSandbox(tmp_path / "prestashop", keys=[WebserviceKey(KEY)])
    yield sandbox
    sandbox.store.close()


@pytest.fixture
def ws(shop: PrestaShopSandbox) -> Webservice:
    return Webservice(shop.asgi)


def recorded_json(name: str) -> Any:
    return json.loads(next(RECORDINGS.glob(f"{name}_*.json")).read_text())


def seed_recorded_shop(shop: PrestaShopSandbox) -> None:
    """The recorded shop's state before recording 01, as far as the recordings show it.

    PrestaShop's demo product 1 with its first combination, stock, specific prices, option
    groups and values, order 1 with its lines and the order histories; then the shop's
    auto-increments, so that new records get the recorded ids (product 20, combination 40...).
    """
    store = shop.store
    product = recorded_json("14")["products"][0]
    store.put("products", product)
    for category_id, parent, name in ((3, 2, "Clothes"), (4, 3, "Men")):
        store.put("categories", blank("categories", id=category_id, id_parent=parent, level_depth=parent, active="1",
                                      id_shop_default=1, name=[{"id": 1, "value": name}, {"id": 2, "value": name}],
                                      link_rewrite=[{"id": 1, "value": name.lower()}, {"id": 2, "value": name.lower()}]))
    combination = blank("combinations", **recorded_json("21")["combination"])
    store.put("combinations", combination)
    for stock in recorded_json("22")["stock_availables"][:2]:
        store.put("stock_availables", stock)
    for kind, file in (("specific_prices", "30"), ("product_options", "31"), ("product_option_values", "32"),
                       ("order_details", "28"), ("order_histories", "27")):
        for row in recorded_json(file)[kind]:
            store.put(kind, row)
    store.put("manufacturers", blank("manufacturers", id=1, name="Studio Design", active="1"))
    store.put("suppliers", blank("suppliers", id=1, name="Fashion supplier", active="1"))
    store.put("customers", blank("customers", id=2, firstname="John", lastname="DOE", email="pub@prestashop.com", active="1",
                                 id_default_group=3, secure_key="b44a6d9efd7a0076a0fbce6b15eaf3b1"))
    store.put("addresses", blank("addresses", id=5, id_customer=2, id_country=8, alias="Mon adresse", lastname="DOE",
                                 firstname="John", address1="16, Main street", postcode="75002", city="Paris"))
    store.delete("currencies", 2)  # the recorded shop sells in euros only (recording 35)
    order = recorded_json("25")["order"]
    store.put("orders", blank("orders", **{k: v for k, v in order.items() if k != "associations"}))
    for kind, next_id in (("products", 20), ("combinations", 40), ("stock_availables", 59), ("specific_prices", 3),
                          ("customers", 3), ("addresses", 7), ("carts", 6), ("orders", 6), ("order_details", 8),
                          ("order_histories", 8), ("product_options", 5), ("product_option_values", 26),
                          ("order_carriers", 6)):
        store.set_next_id(kind, next_id)
    store.put("carts", blank("carts", id=1, id_currency=1, id_lang=1, id_customer=2, id_address_delivery=5, id_address_invoice=5))
