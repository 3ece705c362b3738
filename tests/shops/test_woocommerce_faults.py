"""Injected 429s, 500s and timeouts end in the right final state: every product once."""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal as D
from pathlib import Path

import httpx
import pytest

from gescom_sync.http import HttpOptions
from gescom_sync.model.shop import ShopProduct, StockUpdate
from gescom_sync.sandbox.woocommerce import FaultPlan
from gescom_sync.shops import WriteOutcome

from .conftest import Shop, make_shop

# One request at a time so that the seeded faults fall on the same requests every run.
PATIENT = HttpOptions(delay_ms=0, max_concurrency=1, max_tries=8, timeout=0.3)


@pytest.fixture
def faulty(tmp_path: Path) -> Shop:
    built = make_shop(tmp_path, FaultPlan(fail_rate=0.5, seed=4, slow_seconds=0.4))
    yield built
    built.sandbox.store.close()


def products(count: int) -> list[ShopProduct]:
    return [ShopProduct(key=f"REF{n:03}", name=f"Article {n}", sku=f"REF{n:03}", regular_price=D("5.00")) for n in range(count)]


def test_batch_creates_survive_429_500_and_timeouts_without_duplicates(faulty: Shop):
    woo = faulty.make(options=PATIENT)
    results = woo.write_products(products(120))

    assert {r.outcome for r in results} == {WriteOutcome.CREATED}
    in_shop = Counter(p["sku"] for p in faulty.sandbox.catalogue.products())
    assert len(in_shop) == 120 and set(in_shop.values()) == {1}
    assert {r.shop_id for r in results} == {str(p["id"]) for p in faulty.sandbox.catalogue.products()}
    outcomes = Counter(faulty.sandbox.asgi.outcomes)
    assert outcomes["429"] and outcomes["500"] and outcomes["slow"], outcomes
    assert 1.0 in faulty.sleeps.waits  # the sandbox's Retry-After: 1


def test_stock_updates_are_retried_as_they_are_repeatable(faulty: Shop):
    woo = faulty.make(options=PATIENT)
    created = [r for r in woo.write_products(products(30)) if r.ok]
    before = len(faulty.sandbox.asgi.outcomes)
    results = woo.write_stock([StockUpdate(r.key, r.shop_id, D("42")) for r in created])

    assert set(list(faulty.sandbox.asgi.outcomes)[before:]) - {"ok"}, "the stock batch met no fault"

    assert [r.outcome for r in results] == [WriteOutcome.UPDATED] * 30
    assert {p["stock_quantity"] for p in faulty.sandbox.catalogue.products()} == {42}


class ScriptedFailures(httpx.BaseTransport):
    """Answers the first requests with the scripted statuses, then passes through."""

    def __init__(self, inner: httpx.BaseTransport, script: list[tuple[int, dict[str, str]]]) -> None:
        self.inner, self.script = inner, list(script)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.script:
            status, headers = self.script.pop(0)
            return httpx.Response(status, headers=headers, json={"code": "x", "message": "busy"}, request=request)
        return self.inner.handle_request(request)


def test_retry_after_is_honoured(shop: Shop):
    from gescom_sync.shops.woocommerce import WooCommerceConnector

    from .conftest import KEY

    transport = ScriptedFailures(shop.transport, [(429, {"Retry-After": "7"}), (503, {"Retry-After": "3"})])
    woo = WooCommerceConnector("https://shop.test", KEY.consumer_key, KEY.consumer_secret, transport=transport,
                               sleep=shop.sleeps, options=HttpOptions(delay_ms=0))
    (result,) = woo.write_products(products(1))

    # 429: the shop did nothing, the client waits its Retry-After and sends again. 503 on a create:
    # it may have happened, so the SKU is looked up first, then the batch is sent again after the 3 s asked.
    assert shop.sleeps.waits == [7.0, 3.0]
    assert result.outcome is WriteOutcome.CREATED
    assert [r.method for r in shop.transport.requests] == ["GET", "POST"]  # the lookup, the resend
    assert len(shop.sandbox.catalogue.products()) == 1


def test_unknown_outcome_of_a_create_is_resolved_by_reading_back(shop: Shop):
    """A batch whose answer is lost after the shop wrote it: found by SKU, not sent again."""
    from gescom_sync.shops.woocommerce import WooCommerceConnector

    from .conftest import KEY

    class LoseFirstAnswer(httpx.BaseTransport):
        lost = False

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = shop.transport.handle_request(request)
            if request.url.path.endswith("/batch") and not self.lost:
                self.lost = True
                raise httpx.ReadTimeout("timed out", request=request)
            return response

    woo = WooCommerceConnector("https://shop.test", KEY.consumer_key, KEY.consumer_secret, transport=LoseFirstAnswer(),
                               sleep=shop.sleeps, options=HttpOptions(delay_ms=0))
    results = woo.write_products(products(3))

    assert [r.outcome for r in results] == [WriteOutcome.CREATED] * 3
    assert len(shop.sandbox.catalogue.products()) == 3
    batches = shop.transport.calls("POST", "/products/batch")
    assert len(batches) == 1 and len(json.loads(batches[0].content)["create"]) == 3


def test_a_lost_create_without_lookup_is_sent_again_and_the_duplicate_reported(shop: Shop):
    """Brands cannot be looked up: sent again, the shop refuses the duplicate, the item says so."""
    from gescom_sync.model.shop import ShopBrand
    from gescom_sync.shops.woocommerce import WooCommerceConnector

    from .conftest import KEY

    class LoseFirstBrandAnswer(httpx.BaseTransport):
        lost = False

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = shop.transport.handle_request(request)
            if request.url.path.endswith("/brands/batch") and not self.lost:
                self.lost = True
                return httpx.Response(502, text="Bad gateway", request=request)
            return response

    woo = WooCommerceConnector("https://shop.test", KEY.consumer_key, KEY.consumer_secret,
                               transport=LoseFirstBrandAnswer(), sleep=shop.sleeps, options=HttpOptions(delay_ms=0))
    (result,) = woo.write_brands([ShopBrand("BIJOU", "Bijou")])

    assert len(shop.transport.calls("POST", "/products/brands/batch")) == 2
    assert result.outcome is WriteOutcome.FAILED and result.code == "term_exists"
    assert result.existing_shop_id == str(next(t["id"] for t in shop.sandbox.catalogue.terms("product_brand")))
