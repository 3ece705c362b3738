"""Authentication, the dispatcher form, the resource list, schemas and list parameters."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from gescom_sync.sandbox.prestashop import PrestaShopSandbox, WebserviceKey
from tests.sandbox.prestashop.conftest import KEY, Webservice
from tests.sandbox.prestashop.helpers import product

READER = "READONLYKEY000000000000000000001"


def test_the_key_is_the_basic_auth_user_or_ws_key(ws: Webservice, shop: PrestaShopSandbox) -> None:
    assert ws.get("/api/languages").status_code == 200
    assert Webservice(shop.asgi, None).get(f"/api/languages?ws_key={KEY}").status_code == 200
    bad = Webservice(shop.asgi, "WRONGKEY000000000000000000000000").get("/api/products")
    assert bad.status_code == 401 and bad.headers["PSWS-Version"] == "0"
    assert bad.headers["WWW-Authenticate"].startswith('Basic realm="Welcome to PrestaShop Webservice')
    assert [int(c.text) for c in ET.fromstring(bad.content).iter("code")] == [20, 21]
    bad_json = Webservice(shop.asgi, "WRONGKEY000000000000000000000000").get("/api/products?output_format=JSON")
    assert bad_json.json()["errors"][0] == {"code": 20, "message": "Authentification key is not active"}
    none = Webservice(shop.asgi, None).get("/api/products")
    assert (none.status_code, none.text, "PSWS-Version" in none.headers) == (401, "401 Unauthorized", False)


def test_a_key_sees_and_does_only_what_it_is_allowed(shop: PrestaShopSandbox) -> None:
    shop.add_key(WebserviceKey(READER, {"products": ("GET", "HEAD"), "languages": ("GET",)}))
    reader = Webservice(shop.asgi, READER)
    listing = reader.get("/api/").text
    assert '<products xlink:href="http://127.0.0.1:8082/api/products" get="true" put="false" post="false"' in listing
    assert "<orders " not in listing
    refused = reader.post("/api/products", product("X", "1"))
    assert refused.status_code == 401 and b"<code><![CDATA[21]]></code>" in refused.content
    assert reader.get("/api/orders").status_code == 401


def test_the_dispatcher_form_answers_like_api_and_alone_without_url_rewriting(tmp_path: Path) -> None:
    shop = PrestaShopSandbox(tmp_path / "no-rewrite", keys=[WebserviceKey(KEY)], url_rewriting=False)
    ws = Webservice(shop.asgi)
    assert ws.get("/api/languages").status_code == 404
    answer = ws.get("/webservice/dispatcher.php?url=languages/2&output_format=JSON")
    assert answer.status_code == 200 and answer.json()["language"]["iso_code"] == "fr"
    shop.store.close()


def test_the_resource_list_is_xml_only(ws: Webservice) -> None:
    listing = ws.get("/api/")
    assert listing.status_code == 200 and '<api shopName="PrestaShop sandbox">' in listing.text
    assert '<schema xlink:href="http://127.0.0.1:8082/api/products?schema=blank" type="blank"/>' in listing.text
    assert ws.get("/api/?output_format=JSON").status_code == 500  # recording 02


def test_schemas_blank_and_synopsis(ws: Webservice) -> None:
    blank = ws.get("/api/products?schema=blank").text
    assert "\t<price><![CDATA[]]></price>" in blank and '<name><language id="1"><![CDATA[]]></language><language id="2">' in blank
    assert "manufacturer_name" not in blank and "<product_bundle>" in blank
    synopsis = ws.get("/api/products?schema=synopsis").text
    assert '<price required="true" format="isPrice"><![CDATA[]]></price>' in synopsis
    assert '<reference maxSize="64" format="isReference">' in synopsis
    assert '<quantity notFilterable="true" read_only="true" readOnly="true">' in synopsis
    assert '<categories nodeType="category" api="categories">' in synopsis


@pytest.fixture
def catalogue(ws: Webservice) -> Webservice:
    for reference, price, name in (("BAOR01", "89.9", "Bague or"), ("CHAAR", "25", "Chaîne argent"), ("CHOR42", "120", "Chaîne or 42")):
        assert ws.post("/api/products", product(reference, price, name=name)).status_code == 201
    return ws


def references(ws: Webservice, query: str) -> list[str]:
    answer = ws.json(f"/api/products?display=[id,reference]&{query}")
    return [p["reference"] for p in answer["products"]] if answer else []


def test_filters_in_every_form(catalogue: Webservice) -> None:
    assert references(catalogue, "filter[reference]=[CHAAR]") == ["CHAAR"]
    assert references(catalogue, "filter[reference]=[baor01|CHOR42]") == ["BAOR01", "CHOR42"]
    assert references(catalogue, "filter[reference]=%[HA]%") == ["CHAAR"]
    assert references(catalogue, "filter[reference]=[CH]%") == ["CHAAR", "CHOR42"]
    assert references(catalogue, "filter[reference]=%[42]") == ["CHOR42"]
    assert references(catalogue, "filter[price]=[20,100]") == ["BAOR01", "CHAAR"]
    assert references(catalogue, "filter[id]=[2,3]&filter[active]=[1]") == ["CHAAR", "CHOR42"]
    assert references(catalogue, "filter[reference]=[NONE]") == []


def test_date_filters_need_date_1(catalogue: Webservice) -> None:
    window = "filter[date_upd]=[2000-01-01%2000:00:00,2100-01-01%2000:00:00]"
    assert references(catalogue, f"date=1&{window}") == ["BAOR01", "CHAAR", "CHOR42"]
    assert references(catalogue, "date=1&filter[date_upd]=[2100-01-01%2000:00:00,2101-01-01%2000:00:00]") == []
    refused = catalogue.get(f"/api/products?{window}&output_format=JSON")
    assert refused.status_code == 500 and refused.json()["errors"][0]["code"] == 32


def test_display_sort_and_limit(catalogue: Webservice) -> None:
    answer = catalogue.json("/api/products?display=[reference,price,active]&sort=[price_DESC]&limit=1,2")
    assert answer == {"products": [{"id": 1, "price": "89.900000", "active": "1", "reference": "BAOR01"},
                                   {"id": 2, "price": "25.000000", "active": "1", "reference": "CHAAR"}]}
    assert [p["id"] for p in catalogue.json("/api/products?limit=2")["products"]] == [1, 2]
    assert references(catalogue, "sort=[reference_DESC]") == ["CHOR42", "CHAAR", "BAOR01"]
    xml_list = catalogue.get("/api/products?display=[reference]&limit=1").text
    assert "<products>\n<product>\n\t<id><![CDATA[1]]></id>\n\t<reference><![CDATA[BAOR01]]></reference>\n</product>" in xml_list
    unknown = catalogue.get("/api/products?filter[no_such_field]=1&output_format=JSON")
    assert unknown.status_code == 500
    assert unknown.json()["errors"][0]["message"].startswith('This filter does not exist. Did you mean: "text_fields"?')


def test_language_restricts_multilingual_fields(catalogue: Webservice) -> None:
    french = catalogue.json("/api/products/1?language=2")["product"]["name"]
    assert french == [{"id": 2, "value": "Bague or"}]
    both = catalogue.json("/api/products?display=[name]&language=[1|2]&limit=1")["products"][0]["name"]
    assert [entry["id"] for entry in both] == [1, 2]
