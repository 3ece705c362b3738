"""PrestaShop connector tests: a connector over an ``httpx.MockTransport`` that answers
with the recorded PrestaShop answers, and (see test_prestashop_sandbox*.py) over the
PrestaShop sandbox."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import httpx
import pytest

from gescom_sync.http import HttpOptions
from gescom_sync.sandbox.prestashop.query import matches
from gescom_sync.shops.prestashop import PrestaShopConnector
from tests.shops.prestashop.recorded import answer

SHOP = "https://presta.test"
KEY = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
FAST = HttpOptions(delay_ms=0, max_concurrency=4)

Route = Callable[[httpx.Request], httpx.Response | None]


@dataclass
class Replay:
    """Answers each request with the first route that takes it; every request is kept."""

    routes: list[Route] = field(default_factory=list)
    requests: list[httpx.Request] = field(default_factory=list)

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        for route in self.routes:
            found = route(request)
            if found is not None:
                return found
        raise AssertionError(f"no recorded answer for {request.method} {request.url}")

    def on(self, method: str, path: str, response: httpx.Response | Callable[[httpx.Request], httpx.Response],
           *, query: dict[str, str] | None = None) -> None:
        def route(request: httpx.Request) -> httpx.Response | None:
            if request.method != method or request.url.path != path:
                return None
            if query and any(request.url.params.get(k) != v for k, v in query.items()):
                return None
            return response(request) if callable(response) else _copy(response)

        self.routes.append(route)

    def sent(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path == path]


def _copy(response: httpx.Response) -> httpx.Response:
    return httpx.Response(response.status_code, headers=response.headers, content=response.content)


def api_root() -> httpx.Response:
    return answer("01")


@pytest.fixture
def replay() -> Replay:
    found = Replay()
    found.on("GET", "/api/", api_root())
    found.on("GET", "/api/configurations", shop_time_zone(), query={"filter[name]": "[PS_TIMEZONE]"})
    return found


def shop_time_zone(name: str = "Europe/Paris") -> httpx.Response:
    """``PS_TIMEZONE`` as the shop answers a configuration (recording 37's shape)."""
    return json_response({"configurations": [{"id": 21, "value": name, "name": "PS_TIMEZONE"}]})


@pytest.fixture
def presta(replay: Replay) -> Iterator[PrestaShopConnector]:
    connector = PrestaShopConnector(SHOP, KEY, options=FAST, transport=httpx.MockTransport(replay),
                                    sleep=lambda _s: None)
    yield connector
    connector.close()


def listing(resource: str, records: list[dict[str, object]]) -> Callable[[httpx.Request], httpx.Response]:
    """A list read of ``resource`` answered from ``records`` with its ``filter[...]`` applied, as the shop does."""
    def answer_list(request: httpx.Request) -> httpx.Response:
        filters = [(k[7:-1], v) for k, v in request.url.params.items() if k.startswith("filter[")]
        return json_response({resource: [r for r in records if all(matches(r.get(name), v) for name, v in filters)]})

    return answer_list


def json_response(body: object, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body, headers={"PSWS-Version": "8.1.2"})
