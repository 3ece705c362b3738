"""Catalogue writes: XML round trips in two languages, validation errors, combinations and their stock."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from tests.sandbox.prestashop.conftest import Webservice
from tests.sandbox.prestashop.helpers import body, combination, option_value, product, stock


def created_id(answer) -> int:
    assert answer.status_code == 201, answer.text
    return int(ET.fromstring(answer.content)[0].findtext("id"))


def quantities(ws: Webservice, product_id: int) -> list[tuple[int, int]]:
    rows = ws.json(f"/api/stock_availables?display=[id_product_attribute,quantity]&filter[id_product]=[{product_id}]")
    return [(r["id_product_attribute"], r["quantity"]) for r in rows["stock_availables"]]


def test_a_product_written_in_two_languages_reads_back_in_xml_and_json(ws: Webservice) -> None:
    xml = product("BAOR01", "89.9", name="Bague or", description={1: "<p>Gold ring</p>", 2: "<p>Bague en or</p>"})
    xml = xml.replace("<name><language id=\"1\">Bague or</language>", "<name><language id=\"1\">Gold ring</language>")
    product_id = created_id(ws.post("/api/products", xml))

    raw = ws.get(f"/api/products/{product_id}")
    assert raw.headers["PSWS-Version"] == "8.1.2" and raw.headers["Content-Type"] == "text/xml;charset=utf-8"
    assert b'<name><language id="1" xlink:href="http://127.0.0.1:8082/api/languages/1"><![CDATA[Gold ring]]></language>' in raw.content
    assert b"<description_short><language id=\"1\"" in raw.content
    assert b'<id_category_default xlink:href="http://127.0.0.1:8082/api/categories/2"><![CDATA[2]]>' in raw.content
    read = ws.json(f"/api/products/{product_id}")["product"]
    assert read["name"] == [{"id": 1, "value": "Gold ring"}, {"id": 2, "value": "Bague or"}]
    assert read["description"][1] == {"id": 2, "value": "<p>Bague en or</p>"}
    assert read["link_rewrite"] == [{"id": 1, "value": "gold-ring"}, {"id": 2, "value": "bague-or"}]
    assert read["price"] == "89.900000" and read["id_category_default"] == 2 and read["active"] == "1"
    assert "supplier_reference" not in read  # JSON drops empty fields on a single read
    listed = ws.json(f"/api/products?display=full&filter[id]=[{product_id}]")["products"][0]
    assert listed["supplier_reference"] == "" and listed["new"] is None  # ...but not in lists

    patch = body("product", {"id": product_id, "name": {2: "Bague en or jaune"}})
    assert ws.request("PATCH", f"/api/products/{product_id}", content=patch.encode()).status_code == 200
    names = ws.json(f"/api/products/{product_id}")["product"]["name"]
    assert names == [{"id": 1, "value": "Gold ring"}, {"id": 2, "value": "Bague en or jaune"}]


def test_writes_are_checked_like_prestashop(ws: Webservice) -> None:
    bad_price = ws.post("/api/products", product("X1", "not-a-price"))
    assert bad_price.status_code == 400
    assert b"<code><![CDATA[85]]></code>" in bad_price.content
    assert b'Validation error: "Property Product-&gt;price is not valid"' in bad_price.content
    missing = ws.post("/api/products?output_format=JSON", "<prestashop><product><nope>1</nope></product></prestashop>")
    assert missing.status_code == 400 and missing.json() == {"errors": [{"code": 41, "message": 'parameter "price" required'}]}
    too_long = ws.post("/api/products?output_format=JSON", product("R" * 65, "1"))
    assert too_long.json()["errors"][0]["message"].startswith('Validation error: "Property Product->reference length (65)')
    no_name = ws.post("/api/products?output_format=JSON", product("X2", "1", name=""))
    assert no_name.json()["errors"] == [{"code": 85, "message": 'Validation error: "Property Product->name is empty for default language"'}]
    not_xml = ws.post("/api/products", "this is not xml")
    assert not_xml.status_code == 500
    codes = [int(c.text) for c in ET.fromstring(not_xml.content).iter("code")]
    assert codes == [3, 3, 3, 127]
    assert ws.json("/api/products") == []  # nothing was written


def test_unknown_resources_ids_and_fields_answer_prestashop_errors(ws: Webservice) -> None:
    returns = ws.get("/api/order_returns?output_format=JSON")
    assert returns.status_code == 400
    assert returns.json()["errors"][0]["code"] == 27
    assert 'Did you mean: "order_details"' in returns.json()["errors"][0]["message"]
    missing = ws.get("/api/products/999999")
    assert (missing.status_code, missing.content, missing.headers["Content-Type"]) == (404, b"", "")
    display = ws.get("/api/stock_availables?display=[id,physical_quantity]&output_format=JSON")
    assert display.status_code == 500 and [e["code"] for e in display.json()["errors"]] == [35, 3, 3, 3, 3]


def test_combinations_carry_their_stock_and_the_product_row_is_their_sum(ws: Webservice) -> None:
    product_id = created_id(ws.post("/api/products", product("PANT", "50", product_type="combinations")))
    group_id = created_id(ws.post("/api/product_options", body("product_option", {
        "is_color_group": 0, "group_type": "select", "name": {1: "Taille", 2: "Taille"}, "public_name": {1: "Taille", 2: "Taille"}})))
    small, large = (created_id(ws.post("/api/product_option_values", option_value(group_id, n))) for n in ("38", "40"))
    first = created_id(ws.post("/api/combinations", combination(product_id, "PANT38", small)))
    second = created_id(ws.post("/api/combinations", combination(product_id, "PANT40", large, "2.5")))

    rows = ws.json(f"/api/stock_availables?display=full&filter[id_product]=[{product_id}]")["stock_availables"]
    assert [(r["id_product_attribute"], r["quantity"]) for r in rows] == [(0, 0), (first, 0), (second, 0)]
    for row, quantity in zip(rows[1:], (7, 5)):
        assert ws.put(f"/api/stock_availables/{row['id']}", stock(row, quantity)).status_code == 200
    assert quantities(ws, product_id) == [(0, 12), (first, 7), (second, 5)]

    read = ws.json(f"/api/products/{product_id}")["product"]
    assert read["id_default_combination"] == first and read["cache_default_attribute"] == first
    assert read["associations"]["combinations"] == [{"id": first}, {"id": second}]
    assert read["associations"]["product_option_values"] == [{"id": small}, {"id": large}]
    assert ws.json(f"/api/product_options/{group_id}")["product_option"]["associations"]["product_option_values"] == [{"id": small}, {"id": large}]

    assert ws.request("DELETE", f"/api/combinations/{first}").status_code == 200
    assert quantities(ws, product_id) == [(0, 5), (second, 5)]


def test_categories_form_a_tree(ws: Webservice) -> None:
    def category(name: str, parent: int, link: str) -> int:
        return created_id(ws.post("/api/categories", body("category", {
            "id_parent": parent, "active": 1, "name": {1: name, 2: name}, "link_rewrite": {1: link, 2: link}})))

    rings = category("Bagues", 2, "bagues")
    gold = category("Bagues or", rings, "bagues-or")
    read = ws.json(f"/api/categories/{gold}")["category"]
    assert read["level_depth"] == 3 and read["id_parent"] == rings
    assert read["link_rewrite"][0]["value"] == "bagues-or"
    assert ws.json(f"/api/categories/{rings}")["category"]["associations"]["categories"] == [{"id": gold}]
    orphan = ws.post("/api/categories", body("category", {"id_parent": 999, "active": 1, "name": {1: "X", 2: "X"},
                                                           "link_rewrite": {1: "x", 2: "x"}}))
    assert orphan.status_code == 400 and b"Category-&gt;id_parent is not valid" in orphan.content
    unnamed = ws.post("/api/categories?output_format=JSON", body("category", {"active": 1, "name": {1: "X", 2: "X"}}))
    assert unnamed.json()["errors"][0]["message"] == 'Validation error: "Property Category->link_rewrite is empty for default language"'


def test_images_and_attachments_are_uploaded_as_multipart(ws: Webservice) -> None:
    product_id = created_id(ws.post("/api/products", product("BAOR01", "10")))
    jpeg = b"\xff\xd8\xff\xe0sandbox-jpeg"
    uploaded = ws.request("POST", f"/api/images/products/{product_id}", files={"image": ("BAOR01.jpg", jpeg, "image/jpeg")})
    assert uploaded.status_code == 200, uploaded.text
    image_id = int(ET.fromstring(uploaded.content)[0].findtext("id"))
    assert ws.get(f"/api/images/products/{product_id}/{image_id}").content == jpeg
    read = ws.json(f"/api/products/{product_id}")["product"]
    assert read["id_default_image"] == image_id and read["associations"]["images"] == [{"id": image_id}]
    refused = ws.request("POST", f"/api/images/products/{product_id}", files={"image": ("x.txt", b"text", "text/plain")})
    assert refused.status_code == 400

    pdf = b"%PDF-1.4 notice"
    attached = ws.request("POST", "/api/attachments/file?output_format=JSON", files={"file": ("notice.pdf", pdf, "application/pdf")})
    attachment = attached.json()["attachment"]
    assert attachment["file_name"] == "notice.pdf" and attachment["mime"] == "application/pdf" and attachment["file_size"] == len(pdf)
    assert ws.get(f"/api/attachments/file/{attachment['id']}").content == pdf
    linked = body("product", {"id": product_id}, f"<attachments><attachment><id>{attachment['id']}</id></attachment></attachments>")
    assert ws.request("PATCH", f"/api/products/{product_id}", content=linked.encode()).status_code == 200
    assert ws.json(f"/api/products/{product_id}")["product"]["cache_has_attachments"] == "1"
    assert ws.json(f"/api/attachments/{attachment['id']}")["attachment"]["associations"]["products"] == [{"id": product_id}]
