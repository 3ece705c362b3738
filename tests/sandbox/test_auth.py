"""The auth matrix of a stock WooCommerce (auth-matrix.md, https-check.md, recordings 29–31)."""

from __future__ import annotations

from oauthlib import oauth1

from tests.sandbox.conftest import API, HTTP, HTTPS, KEY, READ_ONLY_KEY, ShopClient, oauth1_url

PRODUCTS = API + "products"


def test_basic_auth_over_https_is_accepted(api: ShopClient) -> None:
    response = api.get(PRODUCTS)
    assert response.status_code == 200
    assert response.json() == []


def test_basic_auth_over_http_is_ignored_and_gets_the_generic_401(shop) -> None:
    response = ShopClient(shop.asgi, HTTP, (KEY.consumer_key, KEY.consumer_secret)).get(PRODUCTS)
    assert response.status_code == 401
    assert response.json() == {"code": "woocommerce_rest_cannot_view", "message": "Sorry, you cannot list resources.",
                               "data": {"status": 401}}


def test_basic_auth_over_http_on_a_write_gets_the_create_variant(shop) -> None:
    response = ShopClient(shop.asgi, HTTP, (KEY.consumer_key, KEY.consumer_secret)).post(PRODUCTS, json={"name": "X"})
    assert response.status_code == 401
    assert response.json()["code"] == "woocommerce_rest_cannot_create"
    assert response.json()["message"] == "Sorry, you are not allowed to create resources."


def test_query_string_keys_work_over_https_only(shop) -> None:
    query = f"?consumer_key={KEY.consumer_key}&consumer_secret={KEY.consumer_secret}"
    assert ShopClient(shop.asgi, HTTPS).get(PRODUCTS + query).status_code == 200
    assert ShopClient(shop.asgi, HTTP).get(PRODUCTS + query).json()["code"] == "woocommerce_rest_cannot_view"


def test_oauth1_over_http_is_accepted_with_sha256_and_sha1(shop) -> None:
    client = ShopClient(shop.asgi, HTTP)
    for method in (oauth1.SIGNATURE_HMAC_SHA256, oauth1.SIGNATURE_HMAC_SHA1):
        signed = oauth1_url(f"{HTTP}{PRODUCTS}?per_page=5", "GET", method_name=method)
        assert client.get(signed.removeprefix(HTTP)).status_code == 200


def test_oauth1_post_with_json_body_creates(shop) -> None:
    signed = oauth1_url(f"{HTTP}{PRODUCTS}", "POST")
    response = ShopClient(shop.asgi, HTTP).post(signed.removeprefix(HTTP), json={"name": "OAuth1 created", "regular_price": "3.00"})
    assert response.status_code == 201
    assert response.json()["price"] == "3.00"


def test_oauth1_signed_with_the_wrong_secret_is_refused(shop) -> None:
    signed = oauth1_url(f"{HTTP}{PRODUCTS}", "GET", secret="cs_not_the_right_one")
    response = ShopClient(shop.asgi, HTTP).get(signed.removeprefix(HTTP))
    assert response.status_code == 401
    assert response.json()["code"] == "woocommerce_rest_authentication_error"
    assert response.json()["message"] == "Invalid signature - provided signature does not match."


def test_oauth1_nonce_cannot_be_replayed(shop) -> None:
    client = ShopClient(shop.asgi, HTTP)
    signed = oauth1_url(f"{HTTP}{PRODUCTS}", "GET").removeprefix(HTTP)
    assert client.get(signed).status_code == 200
    assert client.get(signed).json()["message"] == "Invalid nonce - nonce has already been used."


def test_oauth1_with_missing_parameters_names_them(shop) -> None:
    response = ShopClient(shop.asgi, HTTP).get(f"{PRODUCTS}?oauth_consumer_key={KEY.consumer_key}")
    assert response.status_code == 401
    assert response.json()["message"] == ("Missing OAuth parameter(s) oauth_timestamp, oauth_nonce, oauth_signature, "
                                          "oauth_signature_method")


def test_wrong_secret_and_unknown_key_over_https(shop) -> None:
    wrong_secret = ShopClient(shop.asgi, HTTPS, (KEY.consumer_key, "cs_wrong")).get(PRODUCTS)
    unknown_key = ShopClient(shop.asgi, HTTPS, ("ck_unknown", KEY.consumer_secret)).get(PRODUCTS)
    assert (wrong_secret.status_code, wrong_secret.json()["message"]) == (401, "Consumer secret is invalid.")
    assert (unknown_key.status_code, unknown_key.json()["message"]) == (401, "Consumer key is invalid.")


def test_read_only_key_reads_but_cannot_write(shop) -> None:
    client = ShopClient(shop.asgi, HTTPS, (READ_ONLY_KEY.consumer_key, READ_ONLY_KEY.consumer_secret))
    assert client.get(PRODUCTS).status_code == 200
    refused = client.post(PRODUCTS, json={"name": "Not allowed"})
    assert refused.status_code == 401
    assert refused.json() == {"code": "woocommerce_rest_authentication_error",
                              "message": "The API key provided does not have write permissions.", "data": {"status": 401}}


def test_unknown_route_is_404_even_when_authenticated(api: ShopClient) -> None:
    response = api.get(API + "nonexistent")
    assert response.status_code == 404
    assert response.json()["code"] == "rest_no_route"
