"""Auth exactly as a real WooCommerce accepts it (reference auth-matrix.md, https-check.md)."""

from __future__ import annotations

import pytest

from gescom_sync.errors import ConnectionFailed
from gescom_sync.i18n import set_language
from gescom_sync.shops.woocommerce import AuthMode

from .conftest import HTTP, HTTPS, KEY, READ_ONLY_KEY, Shop


def test_basic_auth_over_https_is_accepted(shop: Shop):
    woo = shop.make(HTTPS, auth_mode=AuthMode.AUTO)
    assert woo.auth_mode is AuthMode.BASIC
    summary = woo.test_connection()
    assert "https://shop.test" in summary
    sent = shop.transport.calls("GET", "/wp-json/wc/v3/products")[0]
    assert sent.headers["authorization"].startswith("Basic ")
    assert "consumer_key" not in str(sent.url)


def test_query_string_keys_over_https_are_accepted(shop: Shop):
    woo = shop.make(HTTPS, auth_mode="query")
    woo.test_connection()
    sent = shop.transport.calls("GET", "/wp-json/wc/v3/products")[0]
    assert sent.url.params["consumer_key"] == KEY.consumer_key
    assert "authorization" not in sent.headers


def test_basic_auth_over_http_is_refused_like_the_real_shop(shop: Shop):
    set_language("en")
    woo = shop.make(HTTP, auth_mode="basic")
    with pytest.raises(ConnectionFailed) as caught:
        woo.test_connection()
    assert str(caught.value) == (
        "WooCommerce at http://shop.test ignores keys sent with basic authentication over plain http: use the https "
        "address of the shop, or set shop.auth to oauth1 (or auto).")


def test_oauth1_over_http_is_accepted_for_reads_and_writes(shop: Shop):
    woo = shop.make(HTTP)
    assert woo.auth_mode is AuthMode.OAUTH1
    woo.test_connection()  # GET products, then an empty batch POST
    for sent in [r for r in shop.transport.requests if "/wc/v3/" in r.url.path]:
        assert sent.url.params["oauth_signature_method"] == "HMAC-SHA256"
        assert "authorization" not in sent.headers
    assert len(shop.transport.calls("POST", "/products/batch")) == 1


def test_wrong_secret_says_so_in_french_by_default(shop: Shop):
    woo = shop.make(HTTPS, secret="cs_" + "0" * 40)
    with pytest.raises(ConnectionFailed) as caught:
        woo.test_connection()
    assert str(caught.value) == (
        "WooCommerce à https://shop.test a refusé le secret client : vérifiez shop.consumer_secret, ce doit être "
        "le secret de la même clé.")
    assert "0" * 40 not in str(caught.value)


def test_wrong_secret_over_oauth1_is_the_same_advice(shop: Shop):
    set_language("en")
    woo = shop.make(HTTP, secret="cs_" + "0" * 40)
    with pytest.raises(ConnectionFailed, match="refused the consumer secret: check shop.consumer_secret"):
        woo.test_connection()


def test_unknown_key(shop: Shop):
    set_language("en")
    from gescom_sync.sandbox.woocommerce import ApiKey

    woo = shop.make(HTTPS, ApiKey("ck_" + "9" * 40, "cs_" + "9" * 40))
    with pytest.raises(ConnectionFailed, match="does not know this consumer key: check shop.consumer_key"):
        woo.test_connection()


def test_read_only_key_is_told_to_get_read_write(shop: Shop):
    set_language("en")
    woo = shop.make(HTTPS, READ_ONLY_KEY)
    with pytest.raises(ConnectionFailed) as caught:
        woo.test_connection()
    assert str(caught.value).startswith("The WooCommerce key can only read: give it the Read/Write permission")


def test_media_credentials_are_checked_too(shop: Shop):
    set_language("en")
    assert shop.make().test_connection().endswith("Media uploads are allowed.")
    with pytest.raises(ConnectionFailed, match="refused the user and application password"):
        shop.make(application_password="wrong pass word").test_connection()


def test_secrets_never_reach_a_failure_message(shop: Shop):
    woo = shop.make(HTTP, auth_mode="query")
    with pytest.raises(ConnectionFailed) as caught:
        woo.test_connection()
    assert KEY.consumer_key not in str(caught.value) and KEY.consumer_secret not in str(caught.value)
