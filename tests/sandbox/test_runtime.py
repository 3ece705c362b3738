"""Fault injection, media uploads, the HTML page, the served sandbox (http and https) and the CLI."""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx
import pytest

from gescom_sync.cli.sandbox import banner, check_options
from gescom_sync.errors import ConfigError
from gescom_sync.sandbox.woocommerce import FaultPlan, WooCommerceSandbox, start_sandbox
from tests.sandbox.conftest import API, HTTPS, KEY, ShopClient, oauth1_url

APP_PASSWORD = "abcd EFGH ijkl MNOP qrst UVWX"


def statuses(tmp_path: Path, name: str, seed: int, calls: int = 40) -> list[int]:
    plan = FaultPlan(fail_rate=0.5, seed=seed, slow_seconds=0.001)
    shop = WooCommerceSandbox(tmp_path / name, keys=[KEY], faults=plan)
    client = ShopClient(shop.asgi, HTTPS, (KEY.consumer_key, KEY.consumer_secret))
    answers = [client.get(API + "products") for _ in range(calls)]
    retry_after = {a.headers.get("Retry-After") for a in answers if a.status_code == 429}
    assert retry_after == {"1"}
    shop.store.close()
    return [a.status_code for a in answers] + [len(shop.asgi.outcomes)]


def test_fail_rate_is_reproducible_with_a_seed(tmp_path: Path) -> None:
    first, again, other = statuses(tmp_path, "a", 7), statuses(tmp_path, "b", 7), statuses(tmp_path, "c", 8)
    assert first == again
    assert first != other
    assert {429, 500, 200} <= set(first)
    assert 8 <= first[:-1].count(200) <= 32  # half of 40 fail, and "slow" ones still answer 200


def test_slow_answers_are_processed_before_the_delay(tmp_path: Path) -> None:
    shop = WooCommerceSandbox(tmp_path / "slow", keys=[KEY], faults=FaultPlan(fail_rate=1.0, seed=1, slow_seconds=0.2))
    client = ShopClient(shop.asgi, HTTPS, (KEY.consumer_key, KEY.consumer_secret))
    outcomes = []
    while "slow" not in outcomes:
        client.post(API + "products", json={"name": "Maybe", "sku": f"S-{len(outcomes)}"})
        outcomes = shop.asgi.outcomes
    slow_index = outcomes.index("slow")
    assert [p["sku"] for p in shop.catalogue.products()] == [f"S-{slow_index}"]


def test_media_upload_with_an_application_password_then_product_image(shop, api: ShopClient) -> None:
    wordpress = ShopClient(shop.asgi, HTTPS, ("admin", APP_PASSWORD))
    content = b"\xff\xd8\xff\xe0fake-jpeg-bytes"
    uploaded = wordpress.post("/wp-json/wp/v2/media", content=content,
                              headers={"Content-Disposition": 'attachment; filename="BAGUE01.jpg"', "Content-Type": "image/jpeg"})
    assert uploaded.status_code == 201
    media = uploaded.json()
    assert media["source_url"].startswith(HTTPS + "/wp-content/uploads/") and media["source_url"].endswith("/BAGUE01.jpg")
    assert media["mime_type"] == "image/jpeg"
    assert wordpress.get(media["source_url"].removeprefix(HTTPS)).content == content
    by_id = api.post(API + "products", json={"name": "Bague", "images": [{"id": media["id"]}]}).json()
    by_src = api.post(API + "products", json={"name": "Bague 2", "images": [{"src": media["source_url"]}]}).json()
    assert by_id["images"][0]["src"] == by_src["images"][0]["src"] == media["source_url"]
    assert by_src["images"][0]["id"] == media["id"]
    bad = api.post(API + "products", json={"name": "X", "images": [{"id": 987654}]})
    assert (bad.status_code, bad.json()["code"]) == (400, "woocommerce_product_invalid_image_id")


def test_media_upload_refuses_wrong_or_missing_application_password(shop) -> None:
    headers = {"Content-Disposition": 'attachment; filename="a.jpg"', "Content-Type": "image/jpeg"}
    wrong = ShopClient(shop.asgi, HTTPS, ("admin", "nope")).post("/wp-json/wp/v2/media", content=b"x", headers=headers)
    anonymous = ShopClient(shop.asgi, HTTPS).post("/wp-json/wp/v2/media", content=b"x", headers=headers)
    api_key = ShopClient(shop.asgi, HTTPS, (KEY.consumer_key, KEY.consumer_secret)).post("/wp-json/wp/v2/media", content=b"x", headers=headers)
    assert (wrong.status_code, wrong.json()["code"]) == (401, "incorrect_password")
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "rest_cannot_create")
    assert api_key.json()["code"] == "invalid_username"


def test_multipart_media_upload(shop) -> None:
    wordpress = ShopClient(shop.asgi, HTTPS, ("admin", APP_PASSWORD))
    uploaded = wordpress.post("/wp-json/wp/v2/media", files={"file": ("notice.pdf", b"%PDF-1.4 notice", "application/pdf")})
    assert uploaded.status_code == 201
    assert (uploaded.json()["media_type"], uploaded.json()["mime_type"]) == ("file", "application/pdf")


def test_html_page_lists_what_a_sync_did(shop, api: ShopClient) -> None:
    api.post(API + "products", json={"name": "Collier <perles>", "sku": "COL-1", "regular_price": "45.00"})
    api.post(API + "customers", json={"email": "marie@example.fr", "first_name": "Marie"})
    page = ShopClient(shop.asgi, HTTPS).get("/")
    assert page.status_code == 200
    assert "Collier &lt;perles&gt;" in page.text and "marie@example.fr" in page.text
    assert "Produits de la boutique (1)" in page.text  # French by default


def test_served_sandbox_over_http_and_https(tmp_path: Path) -> None:
    with start_sandbox(tmp_path / "served") as plain:
        assert plain.consumer_key.startswith("ck_") and len(plain.consumer_key) == 43
        refused = httpx.get(plain.url + API + "products", auth=(plain.consumer_key, plain.consumer_secret))
        assert refused.status_code == 401
        signed = oauth1_url(plain.url + API + "products", "GET", key=type(KEY)(plain.consumer_key, plain.consumer_secret))
        assert httpx.get(signed).status_code == 200
        key = (plain.consumer_key, plain.consumer_secret)
    with start_sandbox(tmp_path / "served", https=True) as secure:
        assert (secure.consumer_key, secure.consumer_secret) == key  # kept in the data folder
        trust = ssl.create_default_context(cafile=str(secure.certificate))
        answer = httpx.get(secure.url + API + "products", auth=key, verify=trust)
        assert answer.status_code == 200


def test_cli_checks_options_and_prints_url_and_keys(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="--consumer-key"):
        check_options("ck_x", None, 0.0)
    with pytest.raises(ConfigError, match="1.5"):
        check_options(None, None, 1.5)
    with pytest.raises(ConfigError, match="--time-zone Mars/Olympus"):
        check_options(None, None, 0.0, "Mars/Olympus")
    with start_sandbox(tmp_path / "cli", time_zone="Europe/Paris") as running:
        lines = banner(running, tmp_path / "cli", 0, 0.0, None)
    assert lines[0] == f"Boutique WooCommerce de test démarrée sur {running.url}"
    assert "Fuseau horaire : Europe/Paris" in lines
    assert any(running.consumer_secret in line for line in lines)
