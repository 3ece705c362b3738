"""Replays the recorded WooCommerce 10 exchanges (recordings/woocommerce-10.0) against a fresh sandbox.

The table below is README.md's table kept as data, with the truncated request bodies
rebuilt. Calls run in order; ``{name}`` in a path or body is an id saved from an earlier
answer. Each answer must match its recording: status, the ``code``/``message`` of
errors, paging headers, every recorded key present with the same JSON type, and the
same values for everything that is not an id, a date or a URL.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.sandbox.conftest import API, HTTP, HTTPS, KEY, ShopClient, oauth1_url

REFERENCE = Path(__file__).parent / "recordings" / "woocommerce-10.0"

JANE = {"first_name": "Jane", "last_name": "Doe", "company": "ACME GmbH", "address_1": "Main St 1", "address_2": "",
        "city": "Berlin", "postcode": "10115", "country": "DE", "state": "", "email": "jane.6561fe@example.com",
        "phone": "+49 30 123456"}
JANE_SHIPPING = {k: v for k, v in JANE.items() if k not in ("email", "phone", "company")}
JEAN = {"first_name": "Jean", "last_name": "Durand", "company": "Durand SARL", "address_1": "3 rue de la Paix",
        "city": "Paris", "postcode": "75002", "country": "FR", "email": "jean.durand.be9e90@example.fr", "phone": "0102030405"}
JEAN_SHIPPING = {"first_name": "Jean", "last_name": "Durand", "address_1": "10 avenue Foch", "city": "Lyon",
                 "postcode": "69006", "country": "FR"}


@dataclass
class Step:
    file: str
    method: str
    path: str
    query: str = ""
    auth: str = "basic"
    body: Any = None
    save: dict[str, str] = field(default_factory=dict)  # name -> dotted path in the answer
    total: tuple[int, int] | None = None  # recorded X-WP-Total, X-WP-TotalPages


STEPS = [
    Step("01_POST_products_201", "POST", "products", body={
        "name": "ERP Test Mug", "type": "simple", "sku": "MUG-6561fe", "regular_price": "12.50",
        "description": "A mug created through the REST API", "short_description": "Mug", "manage_stock": True,
        "stock_quantity": 100, "weight": "0.4", "dimensions": {"length": "10", "width": "8", "height": "9"},
        "meta_data": [{"key": "_erp_id", "value": "ERP-1001"}]}, save={"mug": "id"}),
    Step("02_GET_products_ID_200", "GET", "products/{mug}"),
    Step("03_POST_products_attributes_201", "POST", "products/attributes", body={
        "name": "Size 6561fe", "slug": "size-6561fe", "type": "select", "order_by": "menu_order", "has_archives": False},
        save={"size": "id"}),
    Step("04_POST_products_attributes_ID_terms_batch_200", "POST", "products/attributes/{size}/terms/batch",
         body={"create": [{"name": "Small"}, {"name": "Large"}]}),
    Step("05_POST_products_201", "POST", "products", body={
        "name": "ERP Test T-Shirt", "type": "variable", "sku": "TSHIRT-6561fe",
        "attributes": [{"id": "{size}", "visible": True, "variation": True, "options": ["Small", "Large"]},
                       {"name": "Colour", "visible": True, "variation": False, "options": ["Black"]}],
        "default_attributes": [{"id": "{size}", "option": "Small"}]}, save={"tshirt": "id"}),
    Step("06_POST_products_ID_variations_201", "POST", "products/{tshirt}/variations", body={
        "sku": "TSHIRT-6561fe-S", "regular_price": "20.00", "manage_stock": True, "stock_quantity": 10,
        "attributes": [{"id": "{size}", "option": "Small"}]}, save={"small": "id"}),
    Step("07_POST_products_ID_variations_batch_200", "POST", "products/{tshirt}/variations/batch", body={"create": [{
        "sku": "TSHIRT-6561fe-L", "regular_price": "22.00", "sale_price": "19.99", "manage_stock": True,
        "stock_quantity": 5, "attributes": [{"id": "{size}", "option": "Large"}]}]}, save={"large": "create.0.id"}),
    Step("08_GET_products_ID_variations_ID_200", "GET", "products/{tshirt}/variations/{small}"),
    Step("09_GET_products_ID_variations_list_200", "GET", "products/{tshirt}/variations", total=(2, 1)),
    Step("10_GET_products_ID_variable_200", "GET", "products/{tshirt}"),
    Step("11_POST_customers_201", "POST", "customers", body={
        "email": "jane.6561fe@example.com", "first_name": "Jane", "last_name": "Doe", "username": "jane.6561fe",
        "password": "secret-pass-123", "billing": JANE, "shipping": JANE_SHIPPING}, save={"jane": "id"}),
    Step("12_GET_customers_ID_200", "GET", "customers/{jane}"),
    Step("13_POST_orders_201", "POST", "orders", body={
        "customer_id": "{jane}", "payment_method": "bacs", "payment_method_title": "Direct Bank Transfer", "set_paid": True,
        "billing": JANE, "shipping": JANE_SHIPPING,
        "line_items": [{"product_id": "{mug}", "quantity": 2}, {"product_id": "{tshirt}", "variation_id": "{large}", "quantity": 1}],
        "shipping_lines": [{"method_id": "flat_rate", "method_title": "Flat Rate", "total": "4.90"}],
        "meta_data": [{"key": "_erp_order_ref", "value": "SO-2026-0001"}]}, save={"order": "id"}),
    Step("14_PUT_orders_ID_200", "PUT", "orders/{order}", body={"status": "completed"}),
    Step("15_GET_orders_ID_get_200", "GET", "orders/{order}"),
    Step("16_POST_orders_ID_notes_201", "POST", "orders/{order}/notes", body={"note": "Synced to ERP as SO-2026-0001", "customer_note": False}),
    Step("17_GET_products_ID_after_order_200", "GET", "products/{mug}"),
    Step("18_POST_products_extra_201", "POST", "products", body={"name": "To be deleted", "regular_price": "1.00", "sku": "DEL-6561fe"},
         save={"extra": "id"}),
    Step("19_POST_products_batch_200", "POST", "products/batch", body={
        "create": [{"name": "Batch Widget A", "type": "simple", "sku": "BW-A-6561fe", "regular_price": "5.00"},
                   {"name": "Batch Widget B", "type": "simple", "sku": "BW-A-6561fe", "regular_price": "6.00"}],
        "update": [{"id": "{mug}", "regular_price": "13.00", "stock_quantity": 42}], "delete": ["{extra}"]}),
    Step("20_GET_products_list_200", "GET", "products", total=(3, 1)),
    Step("21_GET_products_list_paged_200", "GET", "products", "per_page=2&page=2&orderby=id&order=asc", total=(3, 2)),
    Step("22_GET_products_by_sku_200", "GET", "products", "sku=MUG-6561fe", total=(1, 1)),
    Step("23_GET_orders_list_200", "GET", "orders", total=(1, 1)),
    Step("24_GET_orders_list_paged_200", "GET", "orders", "per_page=1&status=completed", total=(1, 1)),
    Step("25_GET_customers_list_200", "GET", "customers", "role=all", total=(2, 1)),
    Step("26_GET_products_queryauth_200", "GET", "products", "per_page=1", auth="query", total=(3, 3)),
    Step("27_GET_products_oauth1_200", "GET", "products", "per_page=1", auth="oauth1", total=(3, 3)),
    Step("28_POST_products_oauth1_post_201", "POST", "products", auth="oauth1", body={"name": "OAuth1 created", "regular_price": "3.00"}),
    Step("29_GET_products_noauth_401", "GET", "products", auth="none"),
    Step("30_GET_products_badsecret_401", "GET", "products", auth="bad-secret"),
    Step("31_GET_products_oauth1_badsig_401", "GET", "products", auth="oauth1-badsig"),
    Step("32_POST_products_invalid_type_400", "POST", "products", body={"name": "Bad", "type": "bogus"}),
    Step("33_POST_products_duplicate_sku_400", "POST", "products", body={"name": "Dup", "sku": "MUG-6561fe"}),
    Step("34_POST_orders_unknown_product_accepted_201", "POST", "orders", body={"line_items": [{"product_id": 99999999, "quantity": 1}]}),
    Step("35_POST_orders_invalid_status_400", "POST", "orders", body={"status": "not-a-status"}),
    Step("36_POST_customers_duplicate_email_400", "POST", "customers", body={"email": "jane.6561fe@example.com"}),
    Step("37_GET_products_404_404", "GET", "products/99999999"),
    Step("38_GET_orders_404_404", "GET", "orders/99999999"),
    Step("39_GET_no_route_404_404", "GET", "nonexistent"),
    # Added recordings 81–100: OAuth1 over http, taxes, coupon, fees, refunds.
    Step("81_POST_products_batch_101_items_413", "POST", "products/batch", auth="oauth1",
         body={"create": [{"name": f"Bulk {n}", "regular_price": "1.00"} for n in range(101)]}),
    Step("82_PUT_settings_general_calc_taxes_200", "PUT", "settings/general/woocommerce_calc_taxes", auth="oauth1", body={"value": "yes"}),
    Step("83_PUT_settings_tax_prices_include_tax_200", "PUT", "settings/tax/woocommerce_prices_include_tax", auth="oauth1", body={"value": "no"}),
    Step("84_GET_taxes_classes_200", "GET", "taxes/classes", auth="oauth1"),
    Step("85_POST_taxes_standard_20_201", "POST", "taxes", auth="oauth1", body={
        "country": "FR", "rate": "20", "name": "TVA 20%", "priority": 1, "shipping": True, "class": "standard"}, save={"tva20": "id"}),
    Step("86_POST_taxes_reduced_5_5_201", "POST", "taxes", auth="oauth1", body={
        "country": "FR", "rate": "5.5", "name": "TVA 5.5%", "priority": 1, "shipping": False, "class": "reduced-rate"}),
    Step("87_POST_products_taxable_standard_201", "POST", "products", auth="oauth1", body={
        "name": "Bague or", "regular_price": "100.00", "sku": "BAOR-be9e90", "tax_status": "taxable"}, save={"ring": "id"}),
    Step("88_POST_products_taxable_reduced_201", "POST", "products", auth="oauth1", body={
        "name": "Livre bijoux", "regular_price": "20.00", "sku": "LIVRE-be9e90", "tax_status": "taxable", "tax_class": "reduced-rate"},
        save={"book": "id"}),
    Step("89_POST_coupons_percent_201", "POST", "coupons", auth="oauth1", body={"code": "promobe9e90", "discount_type": "percent", "amount": "10"}),
    Step("90_POST_customers_fr_201", "POST", "customers", auth="oauth1", body={
        "email": "jean.durand.be9e90@example.fr", "first_name": "Jean", "last_name": "Durand",
        "username": "jean.durand.be9e90", "billing": JEAN, "shipping": JEAN_SHIPPING}, save={"jean": "id"}),
    Step("91_POST_orders_two_tax_rates_coupon_shipping_fee_201", "POST", "orders", auth="oauth1", body={
        "customer_id": "{jean}", "status": "on-hold", "payment_method": "cheque", "payment_method_title": "Chèque",
        "customer_note": "Livrer le matin svp", "billing": JEAN, "shipping": JEAN_SHIPPING,
        "line_items": [{"product_id": "{ring}", "quantity": 2}, {"product_id": "{book}", "quantity": 1}],
        "shipping_lines": [{"method_id": "flat_rate", "method_title": "Colissimo", "total": "8.33"}],
        "fee_lines": [{"name": "Emballage cadeau", "total": "2.50", "tax_status": "taxable"}],
        "coupon_lines": [{"code": "promobe9e90"}]}, save={"taxed": "id", "ring_line": "line_items.0.id"}),
    Step("92_GET_orders_ID_two_tax_rates_200", "GET", "orders/{taxed}", auth="oauth1"),
    Step("93_PUT_orders_ID_status_processing_200", "PUT", "orders/{taxed}", auth="oauth1", body={"status": "processing"}),
    Step("94_POST_orders_ID_refunds_201", "POST", "orders/{taxed}/refunds", auth="oauth1", body={
        "amount": "24.00", "reason": "Retour produit", "api_refund": False, "restock_items": True,
        "line_items": [{"id": "{ring_line}", "quantity": 1, "refund_total": "20.00",
                        "refund_tax": [{"id": "{tva20}", "refund_total": "4.00"}]}]}),
    Step("95_GET_orders_ID_refunds_200", "GET", "orders/{taxed}/refunds", auth="oauth1"),
    Step("96_GET_orders_ID_after_refund_200", "GET", "orders/{taxed}", auth="oauth1"),
    Step("97_GET_payment_gateways_200", "GET", "payment_gateways", auth="oauth1"),
    Step("98_GET_shipping_methods_200", "GET", "shipping_methods", auth="oauth1"),
    Step("99_GET_reports_orders_totals_200", "GET", "reports/orders/totals", auth="oauth1"),
    Step("100_GET_orders_modified_after_200", "GET", "orders", "modified_after=2000-01-01T00:00:00&per_page=5&status=any", auth="oauth1"),
]

# Keys whose values legitimately differ between the recording and the replay.
VOLATILE = {
    "id", "product_id", "variation_id", "parent_id", "customer_id", "rate_id", "resource_id", "related_ids", "variations",
    "date_created", "date_created_gmt", "date_modified", "date_modified_gmt", "date_paid", "date_paid_gmt",
    "date_completed", "date_completed_gmt", "order_key", "payment_url", "permalink", "permalink_template", "href",
    "avatar_url", "number", "_links", "value", "display_value", "settings_url", "refunded_by", "up", "total_sales",
}
# Values that depend on what else the recorded shop contained (other runs, perf orders).
SHOP_DEPENDENT = {"99_GET_reports_orders_totals_200": {"total"}, "34_POST_orders_unknown_product_accepted_201": {"currency"}}


def recorded(step: Step) -> Any:
    return json.loads((REFERENCE / f"{step.file}.json").read_text())


def fill(value: Any, saved: dict[str, Any]) -> Any:
    """Replace "{name}" by the saved id (as an int when the whole value is a placeholder)."""
    if isinstance(value, str) and value.startswith("{") and value.endswith("}") and value[1:-1] in saved:
        return saved[value[1:-1]]
    if isinstance(value, str):
        return value.format(**saved) if "{" in value else value
    if isinstance(value, list):
        return [fill(v, saved) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, saved) for k, v in value.items()}
    return value


def send(app: Any, step: Step, saved: dict[str, Any]) -> Any:
    path = API + fill(step.path, saved) + (f"?{step.query}" if step.query else "")
    body = fill(step.body, saved)
    kwargs = {"json": body} if body is not None else {}
    if step.auth == "basic":
        return ShopClient(app, HTTPS, (KEY.consumer_key, KEY.consumer_secret)).request(step.method, path, **kwargs)
    if step.auth == "bad-secret":
        return ShopClient(app, HTTPS, (KEY.consumer_key, "cs_wrong")).request(step.method, path, **kwargs)
    if step.auth == "query":
        joiner = "&" if step.query else "?"
        query_path = f"{path}{joiner}consumer_key={KEY.consumer_key}&consumer_secret={KEY.consumer_secret}"
        return ShopClient(app, HTTPS).request(step.method, query_path, **kwargs)
    if step.auth in ("oauth1", "oauth1-badsig"):
        signed = oauth1_url(HTTP + path, step.method, secret="cs_wrong" if step.auth == "oauth1-badsig" else None)
        return ShopClient(app, HTTP).request(step.method, signed.removeprefix(HTTP), **kwargs)
    return ShopClient(app, HTTP).request(step.method, path, **kwargs)


def json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number" if isinstance(value, float) else "integer"
    return {str: "string", list: "array", dict: "object", type(None): "null"}[type(value)]


def differences(expected: Any, actual: Any, where: str, ignored: set[str]) -> list[str]:
    """Keys missing, JSON types differing, and values differing outside ``ignored`` keys."""
    if json_type(expected) != json_type(actual) and not (json_type(expected) in ("integer", "number") and json_type(actual) in ("integer", "number")):
        return [f"{where}: type {json_type(expected)} recorded, {json_type(actual)} answered ({expected!r} / {actual!r})"]
    if isinstance(expected, dict):
        found = []
        for key, value in expected.items():
            if key not in actual:
                found.append(f"{where}.{key}: missing")
            elif key not in ignored:
                found += differences(value, actual[key], f"{where}.{key}", ignored)
            elif key != "_links" and json_type(value) != json_type(actual[key]) and "null" not in (json_type(value), json_type(actual[key])):
                found.append(f"{where}.{key}: type {json_type(value)} recorded, {json_type(actual[key])} answered")
        return found
    if isinstance(expected, list):
        if expected and not actual:
            return [f"{where}: recorded {len(expected)} items, answered none"]
        if expected and isinstance(expected[0], dict):
            pairs = range(len(expected)) if len(expected) == len(actual) else range(1)
            return [d for i in pairs for d in differences(expected[i], actual[i], f"{where}[{i}]", ignored)]
        return [] if expected == actual or not expected else [f"{where}: {expected!r} recorded, {actual!r} answered"]
    return [] if expected == actual else [f"{where}: {expected!r} recorded, {actual!r} answered"]


def saved_value(body: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        body = body[int(part)] if isinstance(body, list) else body[part]
    return body


def link_rels(header: str | None) -> set[str]:
    return {part.split('rel="')[1].rstrip('"') for part in (header or "").split(", ") if 'rel="' in part} - {"https://api.w.org/"}


def recorded_link_rels(step: Step) -> set[str]:
    lines = (REFERENCE / f"{step.file}.headers.txt").read_text().splitlines()
    return link_rels(", ".join(line.split(": ", 1)[1] for line in lines if line.startswith("Link: ")))


def test_recorded_exchanges_replay_against_the_sandbox(shop) -> None:
    saved: dict[str, Any] = {}
    problems: list[str] = []
    for step in STEPS:
        response = send(shop.asgi, step, saved)
        expected_status = int(step.file.rsplit("_", 1)[1])
        if response.status_code != expected_status:
            problems.append(f"{step.file}: status {response.status_code} ({response.text[:300]})")
            continue
        body, expected = response.json(), recorded(step)
        for name, dotted in step.save.items():
            saved[name] = saved_value(body, dotted)
        if isinstance(expected, dict) and "code" in expected and "message" in expected:
            if (body.get("code"), body.get("message")) != (expected["code"], expected["message"]):
                problems.append(f"{step.file}: error {body.get('code')} {body.get('message')!r}")
            problems += [f"{step.file}: {d}" for d in differences(expected, body, "", VOLATILE)]
            continue
        problems += [f"{step.file}: {d}" for d in differences(expected, body, "", VOLATILE | SHOP_DEPENDENT.get(step.file, set()))]
        if step.total:
            answered = (int(response.headers["X-WP-Total"]), int(response.headers["X-WP-TotalPages"]))
            if answered != step.total:
                problems.append(f"{step.file}: paging {answered}, recorded {step.total}")
            if link_rels(response.headers.get("Link")) != recorded_link_rels(step):
                problems.append(f"{step.file}: Link {response.headers.get('Link')}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("step", [s for s in STEPS if s.total], ids=lambda s: s.file)
def test_every_paged_recording_has_its_headers_file(step: Step) -> None:
    assert (REFERENCE / f"{step.file}.headers.txt").is_file()
