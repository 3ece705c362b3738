"""``map``: input order, errors as data, and the per-shop concurrency budget."""

from __future__ import annotations

import threading

import httpx
import pytest

from gescom_sync.http import RequestFailed
from gescom_sync.i18n import set_language


class CountingShop:
    """Answers ``/items/<n>`` with ``{"n": n}`` (404 for n == 7) and records the peak of
    requests in flight. The first ``budget`` requests wait for each other, so reaching the
    budget proves the requests really overlap; the client's bound keeps the peak there."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.in_flight = 0
        self.peak = 0
        self.lock = threading.Lock()
        self.budget_reached = threading.Event()

    def __call__(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.in_flight += 1
            self.peak = max(self.peak, self.in_flight)
            if self.in_flight >= self.budget:
                self.budget_reached.set()
        if not self.budget_reached.wait(timeout=2):
            self.budget_reached.set()  # the requests do not overlap: fail fast on the peak
        with self.lock:
            self.in_flight -= 1
        n = int(request.url.path.rsplit("/", 1)[1])
        if n == 7:
            return httpx.Response(404, json={"code": "woocommerce_rest_product_invalid_id", "message": "Invalid ID."})
        return httpx.Response(200, json={"n": n})


@pytest.mark.parametrize(("budget", "asked_workers"), [(4, None), (3, 10)])
def test_map_keeps_input_order_and_never_exceeds_the_budget(make_client, budget, asked_workers):
    shop = CountingShop(budget)
    client = make_client(shop, max_concurrency=budget)
    results = client.map(lambda n: client.put(f"items/{n}", json={"stock": n}, idempotent=True).json()["n"] * 10,
                         range(20), max_workers=asked_workers)
    assert [r.item for r in results] == list(range(20))
    assert [r.value for r in results if r.ok] == [n * 10 for n in range(20) if n != 7]
    assert shop.peak == budget


def test_a_failed_item_is_data_and_the_others_go_on(make_client):
    client = make_client(CountingShop(2), max_concurrency=2)
    results = client.map(lambda n: client.get(f"items/{n}").json()["n"], range(10))
    failed = [r for r in results if not r.ok]
    assert [r.item for r in failed] == [7]
    assert isinstance(failed[0].error, RequestFailed) and failed[0].error.shop_message == "Invalid ID."
    assert sum(r.ok for r in results) == 9


def test_workers_speak_the_callers_language(make_client):
    set_language("en")
    client = make_client(CountingShop(2), max_concurrency=2)
    results = client.map(lambda n: client.get(f"items/{n}"), [6, 7])
    assert str(results[1].error).startswith(
        "The shop rejected GET https://shop.test/wp-json/wc/v3/items/7 (404 Not Found).")


def test_a_bug_in_the_mapped_function_is_raised_not_hidden(make_client):
    client = make_client(CountingShop(2), max_concurrency=2)
    with pytest.raises(ZeroDivisionError):
        client.map(lambda n: 1 / n, [1, 0, 2])


def test_with_a_budget_of_one_map_runs_in_the_callers_thread(make_client):
    client = make_client(CountingShop(1), max_concurrency=1)
    threads = client.map(lambda _n: threading.current_thread(), range(3))
    assert {r.value for r in threads} == {threading.current_thread()}
