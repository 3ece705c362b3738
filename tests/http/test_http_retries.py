"""Retries, backoff, Retry-After, pacing, and the writes that must not be retried."""

from __future__ import annotations

from email.utils import format_datetime
from datetime import timedelta

import httpx
import pytest

from gescom_sync.errors import EXIT_CANNOT_START, EXIT_ITEMS_FAILED
from gescom_sync.http import Action, OutcomeUnknown, RequestFailed, ShopUnreachable, parse_retry_after

# Recorded answers of a real WooCommerce 10.0 (shared/reference/woocommerce-10.0).
WC_DUPLICATE_SKU = {
    "code": "product_invalid_sku",
    "message": "Invalid or duplicated SKU.",
    "data": {"status": 400, "resource_id": 11, "unique_sku": "MUG-6561fe"},
}
WC_BAD_SECRET = {"code": "woocommerce_rest_authentication_error", "message": "Consumer secret is invalid.",
                 "data": {"status": 401}}


def refused() -> httpx.ConnectError:
    try:
        raise ConnectionRefusedError(111, "Connection refused")
    except ConnectionRefusedError as cause:
        try:
            raise httpx.ConnectError("[Errno 111] Connection refused") from cause
        except httpx.ConnectError as error:
            return error


def test_429_then_success_waits_what_retry_after_says(make_client, script, fake_time):
    shop = script(httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(429, headers={"Retry-After": "5"}),
                  httpx.Response(200, json=[{"id": 11}]))
    response = make_client(shop).get("products")
    assert response.json() == [{"id": 11}]
    assert len(shop.requests) == 3
    assert fake_time.sleeps == [3.0, 5.0]


def test_retry_after_as_an_http_date_is_honoured(make_client, script, fake_time):
    when = format_datetime(fake_time.now() + timedelta(seconds=7), usegmt=True)
    shop = script(httpx.Response(503, headers={"Retry-After": when}), httpx.Response(200, json={}))
    make_client(shop).get("products")
    assert fake_time.sleeps == [7.0]


def test_a_retry_after_longer_than_allowed_fails_at_once(make_client, script, fake_time):
    shop = script(httpx.Response(429, headers={"Retry-After": "3600"}), httpx.Response(200))
    with pytest.raises(RequestFailed) as caught:
        make_client(shop, retry_after_max=300).get("products")
    assert caught.value.action is Action.RATE_LIMITED
    assert len(shop.requests) == 1 and fake_time.sleeps == []
    assert "3600 s" in str(caught.value) and "300 s" in str(caught.value)


def test_5xx_on_a_read_is_retried_with_growing_backoff_then_fails(make_client, script, fake_time):
    shop = script(httpx.Response(503, json={"message": "Service temporarily unavailable"}))
    with pytest.raises(RequestFailed) as caught:
        make_client(shop, max_tries=5, backoff_base=0.5).get("products")
    # jitter 0.5 -> three quarters of 0.5, 1, 2, 4 s
    assert fake_time.sleeps == [0.375, 0.75, 1.5, 3.0]
    error = caught.value
    assert (error.status, error.action, error.tries, len(shop.requests)) == (503, Action.RETRY, 5, 5)
    assert str(error) == ("La boutique a échoué sur GET https://shop.test/wp-json/wc/v3/products "
                          "(503 Service Unavailable). 5 essais. "
                          "Message de la boutique : Service temporarily unavailable")
    assert error.exit_code == EXIT_CANNOT_START


def test_backoff_is_capped_and_jittered(make_client, script, fake_time):
    make_low = make_client(script(httpx.Response(500)), max_tries=4, backoff_base=1, backoff_max=2, jitter=0.0)
    with pytest.raises(RequestFailed):
        make_low.get("x")
    assert fake_time.sleeps == [0.5, 1.0, 1.0]
    fake_time.sleeps.clear()
    make_high = make_client(script(httpx.Response(500)), max_tries=3, backoff_base=1, jitter=1.0)
    with pytest.raises(RequestFailed):
        make_high.get("x")
    assert fake_time.sleeps == [1.0, 2.0]


def test_a_read_timeout_on_a_read_is_retried(make_client, script):
    shop = script(httpx.ReadTimeout("timed out"), httpx.Response(200, json={"id": 11}))
    assert make_client(shop).get("products/11").json() == {"id": 11}
    assert len(shop.requests) == 2


def test_timeouts_until_the_last_try_give_a_timeout_message(make_client, script):
    shop = script(httpx.ReadTimeout("timed out"))
    with pytest.raises(ShopUnreachable) as caught:
        make_client(shop, timeout=12).get("products")
    assert len(shop.requests) == 3
    assert str(caught.value) == ("GET https://shop.test/wp-json/wc/v3/products : la boutique n'a pas répondu "
                                 "en 12 s. 3 essais.")


def test_post_is_not_retried_after_a_500_the_record_may_exist(make_client, script, fake_time):
    shop = script(httpx.Response(500, json={"message": "Internal error"}), httpx.Response(201, json={"id": 99}))
    with pytest.raises(OutcomeUnknown) as caught:
        make_client(shop).post("products", json={"sku": "BAOR01"})
    assert len(shop.requests) == 1 and fake_time.sleeps == []
    assert caught.value.status == 500 and caught.value.response.json() == {"message": "Internal error"}
    assert "relisez-la avant de réessayer" in str(caught.value)


def test_post_is_not_retried_after_a_read_timeout(make_client, script):
    shop = script(httpx.ReadTimeout("timed out"), httpx.Response(201))
    with pytest.raises(OutcomeUnknown):
        make_client(shop).post("products", json={"sku": "BAOR01"})
    assert len(shop.requests) == 1


def test_post_is_retried_after_connection_refused_nothing_was_sent(make_client, script, fake_time):
    shop = script(refused(), httpx.Response(201, json={"id": 99}))
    assert make_client(shop).post("products", json={"sku": "BAOR01"}).status_code == 201
    assert len(shop.requests) == 2 and fake_time.sleeps == [0.375]


def test_post_is_retried_after_429_the_shop_did_not_act(make_client, script):
    shop = script(httpx.Response(429), httpx.Response(201))
    assert make_client(shop).post("products", json={}).status_code == 201
    assert len(shop.requests) == 2


def test_put_is_retried_after_503_only_when_the_caller_says_it_is_idempotent(make_client, script):
    shop = script(httpx.Response(503), httpx.Response(200))
    with pytest.raises(OutcomeUnknown):
        make_client(shop).put("products/11", json={"stock_quantity": 4})
    shop = script(httpx.Response(503), httpx.Response(200))
    assert make_client(shop).put("products/11", json={"stock_quantity": 4}, idempotent=True).status_code == 200
    assert len(shop.requests) == 2


def test_a_validation_error_fails_the_item_at_once_with_the_shops_message(make_client, script):
    shop = script(httpx.Response(400, json=WC_DUPLICATE_SKU))
    with pytest.raises(RequestFailed) as caught:
        make_client(shop).post("products", json={"name": "Dup", "sku": "MUG-6561fe"})
    error = caught.value
    assert len(shop.requests) == 1
    assert (error.action, error.status, error.exit_code) == (Action.FAIL_ITEM, 400, EXIT_ITEMS_FAILED)
    assert error.shop_message == "Invalid or duplicated SKU."
    assert error.response.json()["data"]["resource_id"] == 11


def test_a_refused_credential_fails_the_run_at_once(make_client, script):
    shop = script(httpx.Response(401, json=WC_BAD_SECRET))
    with pytest.raises(RequestFailed) as caught:
        make_client(shop).get("products")
    assert caught.value.action is Action.FAIL_RUN and len(shop.requests) == 1
    assert str(caught.value) == (
        "La boutique a refusé l'accès à GET https://shop.test/wp-json/wc/v3/products (401 Unauthorized) ; "
        "vérifiez les identifiants et leurs droits. Message de la boutique : Consumer secret is invalid.")


def test_the_delay_between_requests_spaces_their_starts(make_client, script, fake_time):
    client = make_client(script(httpx.Response(200)), delay_ms=25)
    for _ in range(3):
        client.get("products")
    assert fake_time.sleeps == pytest.approx([0.025, 0.025])
    fake_time.sleeps.clear()
    fake_time.advance(1.0)  # a request long after the previous one does not wait
    client.get("products")
    assert fake_time.sleeps == []


def test_front_basic_auth_and_the_api_auth_both_apply(make_client, script):
    class QueryKeys(httpx.Auth):
        def auth_flow(self, request):
            request.url = request.url.copy_merge_params({"consumer_key": "ck_1"})
            yield request

    shop = script(httpx.Response(200))
    make_client(shop, auth=QueryKeys(), basic_auth_user="staging", basic_auth_password="pw").get("products")
    sent = shop.requests[0]
    assert sent.headers["Authorization"] == httpx.BasicAuth("staging", "pw")._auth_header
    assert sent.url.params["consumer_key"] == "ck_1"
    assert sent.headers["User-Agent"].startswith("gescom-sync/")


def test_relative_paths_join_the_api_base(make_client, script):
    shop = script(httpx.Response(200))
    client = make_client(shop)
    client.get("products")
    client.get("/orders/15")
    assert [str(r.url) for r in shop.requests] == ["https://shop.test/wp-json/wc/v3/products",
                                                   "https://shop.test/wp-json/wc/v3/orders/15"]


def test_parse_retry_after(fake_time):
    now = fake_time.now()
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=30), usegmt=True), now) == 30.0
    assert parse_retry_after(format_datetime(now - timedelta(seconds=30), usegmt=True), now) == 0.0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None
