"""The webservice layer: address form, filter forms, XML writes built from schema=blank."""

from __future__ import annotations

import base64
from datetime import UTC
from decimal import Decimal
from xml.etree import ElementTree

import httpx
import pytest

from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.shops.prestashop.values import dec, flag, integer, moment, money, translated
from gescom_sync.shops.prestashop.webservice import Filter, NotInSchema, build_xml, equals
from tests.shops.prestashop.conftest import FAST, KEY, SHOP, Replay, json_response
from tests.shops.prestashop.recorded import answer, body_bytes


def blank_product() -> ElementTree.Element:
    return next(iter(ElementTree.fromstring(body_bytes("18"))))


def test_a_write_holds_only_the_given_fields_in_the_blanks_order_with_one_text_per_language() -> None:
    body = build_xml(blank_product(), {"price": Decimal("19.900000"), "reference": "ERP-TEE-001",
                                       "name": {"1": "T-shirt", "2": "Tee-shirt"}, "link_rewrite": "t-shirt",
                                       "active": True},
                     {"categories": [{"id": "2"}, {"id": "7"}]})

    product = ElementTree.fromstring(body).find("product")
    assert [child.tag for child in product] == ["reference", "price", "active", "link_rewrite", "name", "associations"]
    assert product.findtext("price") == "19.900000" and product.findtext("active") == "1"
    assert [(lang.get("id"), lang.text) for lang in product.find("name")] == [("1", "T-shirt"), ("2", "Tee-shirt")]
    assert [(lang.get("id"), lang.text) for lang in product.find("link_rewrite")] == [("1", "t-shirt"), ("2", "t-shirt")]
    assert [c.findtext("id") for c in product.find("associations/categories")] == ["2", "7"]
    assert product.find("associations/categories")[0].tag == "category"


def test_a_field_the_blank_does_not_have_is_refused_before_anything_is_sent() -> None:
    with pytest.raises(NotInSchema) as raised:
        build_xml(blank_product(), {"quantity": 3, "price": 1}, {"warehouses": []})

    assert "quantity" in raised.value.message and "warehouses" in raised.value.message


@pytest.mark.parametrize(("made", "param"), [
    (equals("id", 1), ("filter[id]", "[1]")),
    (equals("current_state", 2, 3, 11), ("filter[current_state]", "[2|3|11]")),
    (Filter("date_upd", between=("2026-11-01 00:00:00", "2100-01-01 00:00:00")),
     ("filter[date_upd]", "[2026-11-01 00:00:00,2100-01-01 00:00:00]")),
    (Filter("name", contains="shirt"), ("filter[name]", "%[shirt]%")),
])
def test_filter_forms(made: Filter, param: tuple[str, str]) -> None:
    assert made.param() == param


def test_json_is_read_defensively() -> None:
    product = {  # the shapes recorded in 13, 14 and 22
        "price": "23.900000", "active": "1", "quantity": 300, "new": None, "available_date": "0000-00-00",
        "name": [{"id": 1, "value": "Hummingbird printed t-shirt"}, {"id": 2, "value": "T-shirt imprimé colibri"}]}

    assert dec(product["price"]) == Decimal("23.900000") and dec(product.get("wholesale_price")) == 0
    assert flag(product["active"]) is True and flag(product.get("on_sale")) is False
    assert integer(product["quantity"]) == 300 and integer(product["new"]) == 0
    assert moment(product["available_date"], UTC) is None
    assert translated(product["name"], "2") == "T-shirt imprimé colibri"
    # stored amounts to the cent, half up as PrestaShop rounds (not half to even)
    assert (money("7.505000"), money("7.515000"), money("0.004999")) == (Decimal("7.51"), Decimal("7.52"), Decimal("0.00"))


def test_reads_page_with_limit_until_a_short_page(presta: PrestaShopConnector, replay: Replay) -> None:
    rows = [{"id": n, "reference": f"R{n}"} for n in range(1, 4)]
    replay.on("GET", "/api/products", lambda request: json_response(
        {"products": rows[int(request.url.params["limit"].split(",")[0]):][:2]}))

    found = list(presta.ws.records("products", display=["id", "reference"], page_size=2))

    assert [r["id"] for r in found] == [1, 2, 3]
    assert [r.url.params["limit"] for r in replay.sent("GET", "/api/products")] == ["0,2", "2,2"]
    assert replay.sent("GET", "/api/products")[0].url.params["display"] == "[id,reference]"


def test_an_empty_list_answers_a_bare_json_array(presta: PrestaShopConnector, replay: Replay) -> None:
    replay.on("GET", "/api/order_slip", json_response([]))  # recording 29

    assert list(presta.ws.records("order_slip")) == []


def test_the_dispatcher_form_is_found_when_the_shop_does_not_rewrite_urls() -> None:
    replay = Replay()
    replay.on("GET", "/api/", httpx.Response(404, text="<html>Not Found</html>", headers={"Content-Type": "text/html"}))
    replay.on("GET", "/webservice/dispatcher.php", answer("01"), query={"url": ""})
    replay.on("GET", "/webservice/dispatcher.php", json_response({"languages": [{"id": 1, "iso_code": "en"}]}),
              query={"url": "languages"})
    connector = PrestaShopConnector(SHOP, KEY, options=FAST, transport=httpx.MockTransport(replay))

    assert [code.code for code in connector.languages()] == ["en"]
    assert connector.ws.dispatcher is True
    sent = replay.sent("GET", "/webservice/dispatcher.php")[-1]
    assert sent.url.params["url"] == "languages" and sent.url.params["output_format"] == "JSON"
    assert sent.headers["authorization"] == "Basic " + base64.b64encode(f"{KEY}:".encode()).decode()  # empty password
