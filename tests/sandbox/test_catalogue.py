"""Products, batches, paging, deletes, typing and terms, against the recorded WooCommerce rules."""

from __future__ import annotations

from tests.sandbox.conftest import API, ShopClient

PRODUCTS = API + "products"


def create_products(api: ShopClient, count: int, prefix: str = "P") -> None:
    for start in range(0, count, 100):
        items = [{"name": f"{prefix} {n}", "sku": f"{prefix}-{n:04d}", "regular_price": "9.90"}
                 for n in range(start, min(start + 100, count))]
        response = api.post(PRODUCTS + "/batch", json={"create": items})
        assert response.status_code == 200
        assert all("error" not in item for item in response.json()["create"])


def test_paging_over_250_products(api: ShopClient) -> None:
    create_products(api, 250)
    pages = [api.get(PRODUCTS, params={"per_page": 100, "page": page, "orderby": "id", "order": "asc"}) for page in (1, 2, 3)]
    assert [len(p.json()) for p in pages] == [100, 100, 50]
    assert {(p.headers["X-WP-Total"], p.headers["X-WP-TotalPages"]) for p in pages} == {("250", "3")}
    assert [p.links.keys() - {"https://api.w.org/"} for p in pages] == [{"next"}, {"prev", "next"}, {"prev"}]
    assert pages[0].links["next"]["url"].endswith("/wp-json/wc/v3/products?per_page=100&page=2&orderby=id&order=asc")
    skus = [item["sku"] for p in pages for item in p.json()]
    assert skus == [f"P-{n:04d}" for n in range(250)]


def test_per_page_above_100_is_refused_like_wordpress(api: ShopClient) -> None:
    response = api.get(PRODUCTS, params={"per_page": 101})
    assert response.status_code == 400
    assert response.json()["code"] == "rest_invalid_param"
    assert response.json()["data"]["params"] == {"per_page": "per_page must be between 1 (inclusive) and 100 (inclusive)"}


def test_batch_of_100_is_accepted_and_101_refused_with_the_recorded_413(api: ShopClient) -> None:
    items = [{"name": f"Item {n}", "regular_price": "1.00"} for n in range(101)]
    refused = api.post(PRODUCTS + "/batch", json={"create": items})
    assert refused.status_code == 413
    assert refused.json() == {"code": "woocommerce_rest_request_entity_too_large",
                              "message": "Unable to accept more than 100 items for this request.", "data": {"status": 413}}
    assert api.get(PRODUCTS).headers["X-WP-Total"] == "0"
    assert len(api.post(PRODUCTS + "/batch", json={"create": items[:100]}).json()["create"]) == 100


def test_batch_reports_errors_item_by_item(api: ShopClient) -> None:
    mug = api.post(PRODUCTS, json={"name": "Mug", "sku": "MUG", "regular_price": "12.50"}).json()
    response = api.post(PRODUCTS + "/batch", json={
        "create": [{"name": "Copy", "sku": "MUG"}, {"name": "Bad", "type": "bogus"}, {"name": "Fine", "sku": "OK-1"}],
        "update": [{"id": mug["id"], "regular_price": "13.00"}, {"id": 99999, "regular_price": "1.00"}],
        "delete": [424242],
    })
    assert response.status_code == 200
    created, updated, deleted = response.json()["create"], response.json()["update"], response.json()["delete"]
    assert created[0] == {"id": 0, "error": {"code": "product_invalid_sku", "message": "Invalid or duplicated SKU.",
                                             "data": {"status": 400, "resource_id": mug["id"], "unique_sku": "MUG-1"}}}
    assert created[1]["error"]["code"] == "rest_invalid_param"
    assert created[2]["sku"] == "OK-1"
    assert updated[0]["regular_price"] == "13.00"
    assert updated[1] == {"id": 99999, "error": {"code": "woocommerce_rest_product_invalid_id", "message": "Invalid ID.", "data": {"status": 400}}}
    assert deleted[0]["error"]["code"] == "woocommerce_rest_product_invalid_id"


def test_delete_trashes_unless_forced(api: ShopClient) -> None:
    product = api.post(PRODUCTS, json={"name": "Old", "regular_price": "2.00"}).json()
    trashed = api.delete(f"{PRODUCTS}/{product['id']}")
    assert (trashed.status_code, trashed.json()["status"]) == (200, "trash")
    assert api.get(PRODUCTS).json() == []
    assert [p["id"] for p in api.get(PRODUCTS, params={"status": "trash"}).json()] == [product["id"]]
    assert api.delete(f"{PRODUCTS}/{product['id']}").status_code == 410
    assert api.delete(f"{PRODUCTS}/{product['id']}", params={"force": "true"}).status_code == 200
    assert api.get(f"{PRODUCTS}/{product['id']}").json()["code"] == "woocommerce_rest_product_invalid_id"


def test_prices_must_be_strings_and_come_back_as_strings(api: ShopClient) -> None:
    refused = api.post(PRODUCTS, json={"name": "Float", "regular_price": 12.5})
    assert refused.status_code == 400
    assert refused.json()["data"]["details"]["regular_price"] == {
        "code": "rest_invalid_type", "message": "regular_price is not of type string.", "data": None}
    product = api.post(PRODUCTS, json={"name": "Sale", "regular_price": "20.00", "sale_price": "15.00",
                                       "manage_stock": True, "stock_quantity": "7"}).json()
    assert (product["price"], product["on_sale"], product["stock_quantity"]) == ("15.00", True, 7)


def test_variable_product_takes_price_and_stock_status_from_its_variations(api: ShopClient) -> None:
    size = api.post(PRODUCTS + "/attributes", json={"name": "Taille"}).json()
    shirt = api.post(PRODUCTS, json={"name": "Chemise", "type": "variable", "attributes": [
        {"id": size["id"], "variation": True, "visible": True, "options": ["S", "M"]}]}).json()
    assert (shirt["price"], shirt["stock_status"], shirt["purchasable"]) == ("", "outofstock", False)
    batch = api.post(f"{PRODUCTS}/{shirt['id']}/variations/batch", json={"create": [
        {"sku": "CH-S", "regular_price": "30.00", "manage_stock": True, "stock_quantity": 0, "attributes": [{"id": size["id"], "option": "S"}]},
        {"sku": "CH-M", "regular_price": "28.00", "manage_stock": True, "stock_quantity": 3, "attributes": [{"id": size["id"], "option": "M"}]},
    ]}).json()["create"]
    assert [v["stock_status"] for v in batch] == ["outofstock", "instock"]
    again = api.get(f"{PRODUCTS}/{shirt['id']}").json()
    assert (again["price"], again["stock_status"], again["variations"]) == ("28.00", "instock", sorted(v["id"] for v in batch))
    terms = api.get(f"{PRODUCTS}/attributes/{size['id']}/terms").json()
    assert sorted(t["name"] for t in terms) == ["M", "S"]
    duplicate = api.post(f"{PRODUCTS}/{shirt['id']}/variations", json={"sku": "CH-S"})
    assert duplicate.json()["code"] == "product_invalid_sku"


def test_categories_form_a_hierarchy_and_names_are_unique_per_parent(api: ShopClient) -> None:
    jewels = api.post(PRODUCTS + "/categories", json={"name": "Bijoux"}).json()
    rings = api.post(PRODUCTS + "/categories", json={"name": "Bagues", "parent": jewels["id"]}).json()
    assert (rings["parent"], rings["slug"]) == (jewels["id"], "bagues")
    again = api.post(PRODUCTS + "/categories", json={"name": "Bagues", "parent": jewels["id"]})
    assert again.status_code == 400
    assert again.json()["code"] == "term_exists"
    assert again.json()["data"]["resource_id"] == rings["id"]
    ring = api.post(PRODUCTS, json={"name": "Bague", "categories": [{"id": rings["id"]}], "tags": [{"name": "or"}]}).json()
    assert [c["name"] for c in ring["categories"]] == ["Bagues"]
    assert [t["name"] for t in ring["tags"]] == ["or"]
    children = api.get(PRODUCTS + "/categories", params={"parent": jewels["id"]}).json()
    assert [(c["name"], c["count"]) for c in children] == [("Bagues", 1)]


def test_modified_after_and_fields_filter(api: ShopClient, shop) -> None:
    from datetime import datetime

    shop.clock = lambda: datetime(2026, 1, 1, 10)
    api.post(PRODUCTS, json={"name": "January", "regular_price": "1.00"})
    shop.clock = lambda: datetime(2026, 3, 1, 10)
    api.post(PRODUCTS, json={"name": "March", "regular_price": "1.00"})
    shop.clock = lambda: datetime(2026, 4, 1)
    recent = api.get(PRODUCTS, params={"modified_after": "2026-02-01T00:00:00", "_fields": "id,name,date_modified"})
    assert [p["name"] for p in recent.json()] == ["March"]
    assert set(recent.json()[0]) == {"id", "name", "date_modified"}
    assert recent.json()[0]["date_modified"] == "2026-03-01T10:00:00"


def test_meta_data_carries_the_back_office_key_and_search_by_sku(api: ShopClient) -> None:
    api.post(PRODUCTS, json={"name": "Collier", "sku": "COL-1", "meta_data": [{"key": "_gescom_key", "value": "COL1"}]})
    found = api.get(PRODUCTS, params={"sku": "COL-1"}).json()
    assert [m["key"] for m in found[0]["meta_data"]] == ["_gescom_key"]
    assert found[0]["meta_data"][0]["value"] == "COL1"


def test_grouped_product_shows_the_lowest_price_of_its_children(api: ShopClient) -> None:
    ring = api.post(PRODUCTS, json={"name": "Bague", "regular_price": "80.00"}).json()
    chain = api.post(PRODUCTS, json={"name": "Chaîne", "regular_price": "35.50"}).json()
    pack = api.post(PRODUCTS, json={"name": "Parure", "type": "grouped", "grouped_products": [ring["id"], chain["id"]]}).json()
    assert (pack["type"], pack["price"], pack["grouped_products"]) == ("grouped", "35.50", [ring["id"], chain["id"]])


def test_malformed_json_gets_wordpress_error(api: ShopClient) -> None:
    response = api.post(PRODUCTS, content=b'{"name": ', headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json() == {"code": "rest_invalid_json", "message": "Invalid JSON body passed.",
                               "data": {"status": 400, "json_error_code": 4, "json_error_message": "Syntax error"}}
