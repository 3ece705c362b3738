"""A fresh PrestaShop sandbox per test, called in-process, and connectors talking to it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from gescom_sync.http import HttpOptions
from gescom_sync.sandbox.prestashop import PrestaShopSandbox, WebserviceKey
from gescom_sync.shops.prestashop import PrestaShopConnector
from tests.shops.conftest import SandboxTransport

SANDBOX_KEY = "GESCOMSYNCSANDBOXKEY0123456789AB"
URL = "https://presta.test"
FAST = HttpOptions(delay_ms=0, max_concurrency=4, backoff_base=0)


class FailsOnce(httpx.BaseTransport):
    """Passes requests to the sandbox; the first one ``matches`` takes is processed by the
    shop, then answered with a 500 and PHP warnings, as the recorded POST order_slip was."""

    def __init__(self, inner: httpx.BaseTransport, matches: Callable[[httpx.Request], bool]) -> None:
        self.inner, self.matches, self.failed = inner, matches, False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if not self.failed and self.matches(request):
            self.failed = True
            return httpx.Response(500, headers={"PSWS-Version": "8.1.2", "Content-Type": "text/xml;charset=utf-8"},
                                  content=b"<prestashop><errors><error><code>3</code><message>[PHP Warning #2] "
                                          b"Undefined array key</message></error></errors></prestashop>")
        return response


@dataclass
class PrestaShop:
    sandbox: PrestaShopSandbox
    transport: SandboxTransport

    def connector(self, transport: httpx.BaseTransport | None = None, **kwargs: Any) -> PrestaShopConnector:
        kwargs.setdefault("options", FAST)
        return PrestaShopConnector(URL, SANDBOX_KEY, transport=transport or self.transport, sleep=lambda _s: None,
                                   **kwargs)

    def calls(self, method: str, path: str) -> list[httpx.Request]:
        return [r for r in self.transport.requests if r.method == method and r.url.path == path]


def make_prestashop(tmp_path: Path, **sandbox_options: Any) -> PrestaShop:
    sandbox = PrestaShopSandbox(tmp_path / "presta", keys=[WebserviceKey(SANDBOX_KEY)], **sandbox_options)
    return PrestaShop(sandbox, SandboxTransport(sandbox.asgi))
