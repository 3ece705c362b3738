"""A fresh WooCommerce sandbox per test, called in-process through httpx's ASGITransport."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest
from oauthlib import oauth1

from gescom_sync.sandbox.woocommerce import ApiKey, WooCommerceSandbox

KEY = ApiKey("ck_" + "5a" * 20, "cs_" + "c3" * 20)
READ_ONLY_KEY = ApiKey("ck_" + "1" * 40, "cs_" + "2" * 40, "read")
HTTPS = "https://127.0.0.1:8443"
HTTP = "http://127.0.0.1:8081"
API = "/wp-json/wc/v3/"


class ShopClient:
    """Synchronous calls into the ASGI app; the base URL's scheme is what the sandbox sees."""

    def __init__(self, app: Any, base_url: str, auth: tuple[str, str] | None = None) -> None:
        self.app, self.base_url, self.auth = app, base_url, auth

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        async def send() -> httpx.Response:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url=self.base_url, auth=self.auth) as client:
                return await client.request(method, path, **kwargs)

        return asyncio.run(send())

    def get(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", path, **kwargs)


def oauth1_url(url: str, method: str, key: ApiKey = KEY, *, method_name: str = oauth1.SIGNATURE_HMAC_SHA256,
               secret: str | None = None) -> str:
    """``url`` signed OAuth 1.0a one-legged, parameters in the query string (oauthlib's own signer)."""
    client = oauth1.Client(key.consumer_key, client_secret=secret or key.consumer_secret,
                           signature_method=method_name, signature_type=oauth1.SIGNATURE_TYPE_QUERY)
    signed, _, _ = client.sign(url, http_method=method)
    return signed


@pytest.fixture
def shop(tmp_path: Path) -> WooCommerceSandbox:
    sandbox = WooCommerceSandbox(tmp_path / "woo", keys=[KEY, READ_ONLY_KEY], wp_app_password="abcd EFGH ijkl MNOP qrst UVWX")
    yield sandbox
    sandbox.store.close()


@pytest.fixture
def api(shop: WooCommerceSandbox) -> ShopClient:
    """Basic auth over https: the way a stock WooCommerce accepts keys."""
    return ShopClient(shop.asgi, HTTPS, (KEY.consumer_key, KEY.consumer_secret))
