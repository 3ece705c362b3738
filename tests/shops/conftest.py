"""The WooCommerce connector against a fresh in-process sandbox shop per test.

``SandboxTransport`` is a synchronous httpx transport that calls the sandbox's ASGI app
(what ``ShopHttpClient`` needs), records every request, and enforces the client's read
timeout the way a socket would: an answer slower than the timeout raises
``httpx.ReadTimeout`` although the shop went on and did the work.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from gescom_sync.http import HttpOptions
from gescom_sync.sandbox.woocommerce import ApiKey, FaultPlan, WooCommerceSandbox
from gescom_sync.shops.woocommerce import WooCommerceConnector

KEY = ApiKey("ck_" + "a1" * 20, "cs_" + "b2" * 20)
READ_ONLY_KEY = ApiKey("ck_" + "c3" * 20, "cs_" + "d4" * 20, "read")
WP_USER, WP_PASSWORD = "admin", "abcd EFGH ijkl MNOP qrst UVWX"
HTTPS = "https://shop.test"
HTTP = "http://shop.test"
FAST = HttpOptions(delay_ms=0, max_concurrency=2)


class SandboxTransport(httpx.BaseTransport):
    def __init__(self, app: Any) -> None:
        self._asgi = httpx.ASGITransport(app=app)
        self.requests: list[httpx.Request] = []
        self.in_flight = self.most_in_flight = 0
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self._lock:
            self.requests.append(request)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            return self._call(request)
        finally:
            with self._lock:
                self.in_flight -= 1

    def _call(self, request: httpx.Request) -> httpx.Response:
        timeout = (request.extensions.get("timeout") or {}).get("read")

        async def call() -> httpx.Response:
            response = await self._asgi.handle_async_request(request)
            content = await response.aread()
            return httpx.Response(response.status_code, headers=response.headers, content=content)

        async def bounded() -> httpx.Response:
            return await asyncio.wait_for(call(), timeout)

        try:
            return asyncio.run(bounded())
        except TimeoutError:
            raise httpx.ReadTimeout("timed out", request=request) from None

    def calls(self, method: str, path_end: str) -> list[httpx.Request]:
        return [r for r in self.requests if r.method == method and r.url.path.endswith(path_end)]


@dataclass
class Sleeps:
    """A fake ``sleep``: records the waits instead of waiting."""

    waits: list[float] = field(default_factory=list)

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


@dataclass
class Shop:
    """A sandbox and a way to build connectors talking to it."""

    sandbox: WooCommerceSandbox
    transport: SandboxTransport
    sleeps: Sleeps
    make: Callable[..., WooCommerceConnector]

    def admin(self) -> httpx.Client:
        """A plain client to set the shop up (as its owner would in wp-admin)."""
        return httpx.Client(transport=self.transport, base_url=f"{HTTPS}/wp-json/wc/v3/",
                            auth=(KEY.consumer_key, KEY.consumer_secret))

    def setup(self, method: str, path: str, body: Any = None) -> Any:
        with self.admin() as client:
            response = client.request(method, path, json=body)
        assert response.status_code < 300, response.text
        self.transport.requests.clear()
        return response.json()


def make_shop(tmp_path: Path, faults: FaultPlan | None = None) -> Shop:
    sandbox = WooCommerceSandbox(tmp_path / "woo", keys=[KEY, READ_ONLY_KEY], wp_user=WP_USER,
                                 wp_app_password=WP_PASSWORD, faults=faults)
    transport = SandboxTransport(sandbox.asgi)
    sleeps = Sleeps()

    def make(url: str = HTTPS, key: ApiKey = KEY, *, secret: str | None = None, options: HttpOptions = FAST,
             **kwargs: Any) -> WooCommerceConnector:
        kwargs.setdefault("wordpress_user", WP_USER)
        kwargs.setdefault("application_password", WP_PASSWORD)
        return WooCommerceConnector(url, key.consumer_key, secret or key.consumer_secret, options=options,
                                    transport=transport, sleep=sleeps, **kwargs)

    return Shop(sandbox, transport, sleeps, make)


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    built = make_shop(tmp_path)
    yield built
    built.sandbox.store.close()


@pytest.fixture
def woo(shop: Shop) -> Iterator[WooCommerceConnector]:
    """The connector over https with Basic auth, as on a real shop."""
    connector = shop.make()
    yield connector
    connector.close()
