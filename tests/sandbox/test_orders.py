"""Orders: stock taken and given back, totals with two tax rates, notes, refunds, validation."""

from __future__ import annotations

from tests.sandbox.conftest import API, ShopClient


def make_stocked_products(api: ShopClient) -> tuple[dict, dict, dict]:
    mug = api.post(API + "products", json={"name": "Mug", "sku": "MUG", "regular_price": "12.50",
                                           "manage_stock": True, "stock_quantity": 10}).json()
    size = api.post(API + "products/attributes", json={"name": "Size"}).json()
    shirt = api.post(API + "products", json={"name": "Shirt", "type": "variable", "attributes": [
        {"id": size["id"], "variation": True, "options": ["Large"]}]}).json()
    large = api.post(f"{API}products/{shirt['id']}/variations", json={
        "sku": "SHIRT-L", "regular_price": "22.00", "sale_price": "19.99", "manage_stock": True, "stock_quantity": 5,
        "attributes": [{"id": size["id"], "option": "Large"}]}).json()
    return mug, shirt, large


def stock(api: ShopClient, mug: dict, shirt: dict, large: dict) -> tuple[int, int]:
    return (api.get(f"{API}products/{mug['id']}").json()["stock_quantity"],
            api.get(f"{API}products/{shirt['id']}/variations/{large['id']}").json()["stock_quantity"])


def test_an_order_takes_stock_when_paid_and_gives_it_back_when_cancelled(api: ShopClient) -> None:
    mug, shirt, large = make_stocked_products(api)
    lines = [{"product_id": mug["id"], "quantity": 2}, {"product_id": shirt["id"], "variation_id": large["id"], "quantity": 1}]
    order = api.post(API + "orders", json={"line_items": lines, "shipping_lines": [{"method_id": "flat_rate", "total": "4.90"}]}).json()
    assert (order["status"], order["total"]) == ("pending", "49.89")
    assert stock(api, mug, shirt, large) == (10, 5)
    paid = api.put(f"{API}orders/{order['id']}", json={"status": "processing"}).json()
    assert stock(api, mug, shirt, large) == (8, 4)
    assert [m["value"] for m in paid["line_items"][0]["meta_data"] if m["key"] == "_reduced_stock"] == ["2"]
    assert paid["line_items"][1]["name"] == "Shirt - Large"
    assert paid["line_items"][1]["price"] == 19.99
    assert paid["date_paid"] is not None
    api.put(f"{API}orders/{order['id']}", json={"status": "cancelled"})
    assert stock(api, mug, shirt, large) == (10, 5)
    notes = api.get(f"{API}orders/{order['id']}/notes").json()
    assert [n["note"] for n in notes] == ["Order status changed from Pending payment to Processing.",
                                          "Order status changed from Processing to Cancelled."]


def test_set_paid_creates_a_processing_order_and_sells_the_last_items(api: ShopClient) -> None:
    mug, shirt, large = make_stocked_products(api)
    order = api.post(API + "orders", json={"set_paid": True, "line_items": [
        {"product_id": shirt["id"], "variation_id": large["id"], "quantity": 5}]}).json()
    assert order["status"] == "processing"
    variation = api.get(f"{API}products/{shirt['id']}/variations/{large['id']}").json()
    assert (variation["stock_quantity"], variation["stock_status"]) == (0, "outofstock")
    assert api.get(f"{API}products/{shirt['id']}").json()["stock_status"] == "outofstock"


def test_two_tax_rates_coupon_shipping_and_fee_give_the_recorded_totals(api: ShopClient) -> None:
    """Recording 91: 2 × 100.00 at 20 %, 1 × 20.00 at 5.5 %, 10 % coupon, shipping 8.33, fee 2.50."""
    api.put(API + "settings/general/woocommerce_calc_taxes", json={"value": "yes"})
    standard = api.post(API + "taxes", json={"country": "FR", "rate": "20", "name": "TVA 20%", "class": "standard"}).json()
    api.post(API + "taxes", json={"country": "FR", "rate": "5.5", "name": "TVA 5.5%", "class": "reduced-rate", "shipping": False})
    ring = api.post(API + "products", json={"name": "Bague or", "regular_price": "100.00"}).json()
    book = api.post(API + "products", json={"name": "Livre", "regular_price": "20.00", "tax_class": "reduced-rate"}).json()
    api.post(API + "coupons", json={"code": "PROMO10", "discount_type": "percent", "amount": "10"})
    order = api.post(API + "orders", json={
        "billing": {"country": "FR"}, "shipping": {"country": "FR"},
        "line_items": [{"product_id": ring["id"], "quantity": 2}, {"product_id": book["id"], "quantity": 1}],
        "shipping_lines": [{"method_id": "flat_rate", "method_title": "Colissimo", "total": "8.33"}],
        "fee_lines": [{"name": "Emballage cadeau", "total": "2.50", "tax_status": "taxable"}],
        "coupon_lines": [{"code": "promo10"}]}).json()
    assert {k: order[k] for k in ("total", "total_tax", "cart_tax", "shipping_tax", "discount_total", "discount_tax")} == {
        "total": "247.99", "total_tax": "39.16", "cart_tax": "37.49", "shipping_tax": "1.67",
        "discount_total": "22.00", "discount_tax": "4.11"}
    assert [(t["label"], t["tax_total"], t["shipping_tax_total"], t["rate_percent"]) for t in order["tax_lines"]] == [
        ("TVA 20%", "36.50", "1.67", 20), ("TVA 5.5%", "0.99", "0.00", 5.5)]
    assert [(line["subtotal"], line["total"], line["total_tax"]) for line in order["line_items"]] == [
        ("200.00", "180.00", "36.00"), ("20.00", "18.00", "0.99")]
    assert order["coupon_lines"][0]["discount"] == "22"
    refund = api.post(f"{API}orders/{order['id']}/refunds", json={
        "amount": "24.00", "api_refund": False, "line_items": [{"id": order["line_items"][0]["id"], "quantity": 1,
                                                                 "refund_total": "20.00", "refund_tax": [{"id": standard["id"], "refund_total": "4.00"}]}]})
    assert refund.status_code == 201
    assert refund.json()["line_items"][0]["quantity"] == -1
    assert api.get(f"{API}orders/{order['id']}").json()["refunds"][0]["total"] == "-24.00"


def test_refund_through_an_offline_gateway_must_be_manual(api: ShopClient) -> None:
    mug, _, _ = make_stocked_products(api)
    order = api.post(API + "orders", json={"payment_method": "bacs", "set_paid": True,
                                           "line_items": [{"product_id": mug["id"], "quantity": 1}]}).json()
    automatic = api.post(f"{API}orders/{order['id']}/refunds", json={"amount": "5.00"})
    assert automatic.status_code == 500
    assert automatic.json()["message"] == "The payment gateway for this order does not support automatic refunds."
    too_much = api.post(f"{API}orders/{order['id']}/refunds", json={"amount": "99.00", "api_refund": False})
    assert too_much.json()["message"] == "Invalid refund amount."


def test_unknown_product_line_is_accepted_empty_and_bad_status_refused(api: ShopClient) -> None:
    accepted = api.post(API + "orders", json={"line_items": [{"product_id": 99999999, "quantity": 1}]})
    assert accepted.status_code == 201
    line = accepted.json()["line_items"][0]
    assert (line["product_id"], line["name"], line["total"], line["sku"]) == (0, "", "0.00", None)
    refused = api.post(API + "orders", json={"status": "shipped"})
    assert refused.status_code == 400
    assert refused.json()["data"]["details"]["status"]["code"] == "rest_not_in_enum"


def test_customer_note_is_kept_and_duplicate_email_refused(api: ShopClient) -> None:
    jane = api.post(API + "customers", json={"email": "jane@example.com", "first_name": "Jane"})
    assert jane.status_code == 201
    duplicate = api.post(API + "customers", json={"email": "JANE@example.com"})
    assert duplicate.status_code == 400
    assert duplicate.json()["code"] == "registration-error-email-exists"
    note = api.post(f"{API}orders/{api.post(API + 'orders', json={'customer_id': jane.json()['id']}).json()['id']}/notes",
                    json={"note": "Expédiée", "customer_note": True})
    assert (note.status_code, note.json()["customer_note"], note.json()["author"]) == (201, True, "WooCommerce")
    orders = api.get(API + "orders", params={"customer": jane.json()["id"]})
    assert orders.headers["X-WP-Total"] == "1"
