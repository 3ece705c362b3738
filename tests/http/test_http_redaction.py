"""No secret in the debug log or in an error: planted values and password-like fields."""

from __future__ import annotations

import base64
import json
import logging
from urllib.parse import quote, quote_plus

import httpx
import pytest

from gescom_sync.http import HttpOptions, RequestFailed, Redactor, ShopHttpClient, is_sensitive_name

PLANTED = "S3CR3T/planted+4b1d=x"  # characters that URL and JSON encoding change
KEY = "ck_planted_consumer_key_0001"
HASH = "$2y$10$abcdefghijklmnopqrstuv"  # a customer's password hash as PrestaShop returns it


def _forms(secret: str) -> list[str]:
    return [secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1]]


def assert_no_secret(text: str) -> None:
    basic = base64.b64encode(f"{KEY}:{PLANTED}".encode()).decode()
    for needle in [*_forms(PLANTED), KEY, HASH, "other-password-value", "tok_live_123456", basic]:
        assert needle not in text, f"{needle!r} leaked"


@pytest.fixture
def debug_log(caplog):
    caplog.set_level(logging.DEBUG)  # every logger: ours and httpx's own request lines
    return caplog


def echo_shop(request: httpx.Request) -> httpx.Response:
    """A shop that echoes the secret back, and returns a customer with a password hash."""
    if request.url.path.endswith("/customers/6"):
        xml = f"<prestashop><customer><id>6</id><passwd><![CDATA[{HASH}]]></passwd></customer></prestashop>"
        return httpx.Response(200, text=xml, headers={"Content-Type": "text/xml;charset=utf-8"})
    if request.url.path.endswith("/denied"):
        return httpx.Response(401, json={"message": f"Consumer secret {PLANTED} is invalid."})
    return httpx.Response(200, json={"echo": PLANTED, "access_token": "tok_live_123456", "sku": "BAOR01"})


def test_every_secret_form_is_masked_in_the_debug_log(make_client, debug_log):
    client = make_client(echo_shop, auth=httpx.BasicAuth(KEY, PLANTED), secrets=[KEY, PLANTED],
                         basic_auth_user="staging", basic_auth_password="other-password-value")
    client.get("products", params={"consumer_key": KEY, "consumer_secret": PLANTED, "per_page": 100})
    client.get("products", params={"oauth_consumer_key": KEY, "oauth_signature": "c2lnbmF0dXJlLXZhbHVl",
                                   "ws_key": "WSKEY0000111122223333", "access_token": "tok_live_123456"})
    client.post("customers", json={"email": "jane@example.com", "password": "other-password-value",
                                   "note": f"set up with {PLANTED}"})
    client.post("media", data={"user": "shop", "application_password": "other-password-value"})
    client.get("customers/6")
    log = debug_log.text
    assert_no_secret(log)
    for needle in ["c2lnbmF0dXJlLXZhbHVl", "WSKEY0000111122223333"]:
        assert needle not in log
    # What is not secret stays readable: that is what the log is for.
    assert "per_page=100" in log and '"sku":"BAOR01"' in log and "jane@example.com" in log
    assert "consumer_secret=***" in log and "'authorization': '***'" in log and "<passwd>***</passwd>" in log
    assert '"password":"***"' in log and "application_password=***" in log


def test_no_secret_in_an_error_message(make_client, debug_log):
    client = make_client(echo_shop, secrets=[PLANTED])
    with pytest.raises(RequestFailed) as caught:
        client.get("denied", params={"consumer_secret": PLANTED})
    assert_no_secret(str(caught.value))
    assert_no_secret(caught.value.url + (caught.value.shop_message or ""))
    assert "Consumer secret *** is invalid." in str(caught.value)
    assert_no_secret(debug_log.text)


def test_no_secret_in_a_transport_error(make_client, script):
    client = make_client(script(httpx.ReadTimeout("timed out")), secrets=[PLANTED], max_tries=1)
    with pytest.raises(Exception) as caught:
        client.get(f"https://shop.test/wp-json/wc/v3/products?consumer_secret={quote(PLANTED)}")
    assert_no_secret(str(caught.value))


def test_the_password_in_a_proxy_address_is_masked():
    client = ShopHttpClient("https://shop.test", HttpOptions(proxy="http://user:other-password-value@proxy.test:3128"))
    assert "other-password-value" not in client.redact("via http://user:other-password-value@proxy.test:3128")
    client.close()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"consumer_secret": "abc", "name": "Mug"}', '{"consumer_secret": "***", "name": "Mug"}'),
        ('{"api_key":"k\\"ey"}', '{"api_key":"***"}'),
        ("<customer><passwd>h</passwd><lastname>Doe</lastname></customer>",
         "<customer><passwd>***</passwd><lastname>Doe</lastname></customer>"),
        ("<ws_key attr='1'>abc</ws_key>", "<ws_key attr='1'>***</ws_key>"),
        ("ws_key=ABC&display=full", "ws_key=***&display=full"),
        ("filter[passwd]=x&limit=5", "filter[passwd]=***&limit=5"),
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc", "Authorization: Bearer ***"),
        ("nothing secret here: sku=BAOR01", "nothing secret here: sku=BAOR01"),
    ],
)
def test_password_like_fields_are_masked_by_name(text, expected):
    assert Redactor().text(text) == expected


def test_urls_keep_their_shape():
    redactor = Redactor([PLANTED])
    url = f"https://u:{quote(PLANTED, safe='')}@shop.test/api/products?ws_key=K1&display=full&q={quote(PLANTED)}"
    assert redactor.url(url) == "https://u:***@shop.test/api/products?ws_key=***&display=full&q=***"


def test_sensitive_names():
    for name in ["password", "Passwd", "consumer_secret", "oauth_signature", "access_token", "X-Shopify-Access-Token",
                 "DOLAPIKEY", "ws_key", "Authorization", "Cookie", "application_password", "pwd"]:
        assert is_sensitive_name(name), name
    for name in ["sku", "name", "per_page", "display", "passenger_count", "id_customer"]:
        assert not is_sensitive_name(name), name
