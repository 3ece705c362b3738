"""Orders from carts: prices, stock taken at once, state changes, carriers' tracking numbers, credit slips."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from tests.sandbox.prestashop.conftest import Webservice
from tests.sandbox.prestashop.helpers import body, combination, option_value, product, stock
from tests.sandbox.prestashop.test_catalogue import created_id, quantities


@pytest.fixture
def sale(ws: Webservice) -> dict[str, int]:
    """A product with one combination in stock (10), a 10 % specific price, a customer, an address and a cart of 3."""
    product_id = created_id(ws.post("/api/products", product("BAOR01", "50")))
    group_id = created_id(ws.post("/api/product_options", body("product_option", {
        "group_type": "select", "name": {1: "Size", 2: "Taille"}, "public_name": {1: "Size", 2: "Taille"}})))
    value_id = created_id(ws.post("/api/product_option_values", option_value(group_id, "52")))
    combination_id = created_id(ws.post("/api/combinations", combination(product_id, "BAOR01-52", value_id, "10")))
    row = next(r for r in ws.json(f"/api/stock_availables?display=full&filter[id_product]=[{product_id}]")["stock_availables"]
               if r["id_product_attribute"] == combination_id)
    ws.put(f"/api/stock_availables/{row['id']}", stock(row, 10))
    created_id(ws.post("/api/specific_prices", body("specific_price", {
        "id_shop": 1, "id_cart": 0, "id_product": product_id, "id_currency": 0, "id_country": 0, "id_group": 0,
        "id_customer": 0, "price": -1, "from_quantity": 1, "reduction": "0.1", "reduction_tax": 1,
        "reduction_type": "percentage", "from": "0000-00-00 00:00:00", "to": "0000-00-00 00:00:00"})))
    customer_id = created_id(ws.post("/api/customers", body("customer", {
        "passwd": "Secret-Pass-1", "lastname": "Durand", "firstname": "Jean", "email": "jean@example.fr", "active": 1},
        "<groups><group><id>3</id></group></groups>")))
    address_id = created_id(ws.post("/api/addresses", body("address", {
        "id_customer": customer_id, "id_country": 8, "alias": "Maison", "lastname": "Durand", "firstname": "Jean",
        "address1": "3 rue de la Paix", "postcode": "75002", "city": "Paris"})))
    cart_id = created_id(ws.post("/api/carts", body("cart", {
        "id_currency": 1, "id_lang": 2, "id_customer": customer_id, "id_address_delivery": address_id,
        "id_address_invoice": address_id},
        f"<cart_rows><cart_row><id_product>{product_id}</id_product><id_product_attribute>{combination_id}</id_product_attribute>"
        f"<id_address_delivery>{address_id}</id_address_delivery><quantity>3</quantity></cart_row></cart_rows>")))
    return {"product": product_id, "combination": combination_id, "customer": customer_id, "address": address_id, "cart": cart_id}


def order_xml(sale: dict[str, int], total_paid: str) -> str:
    return body("order", {
        "id_address_delivery": sale["address"], "id_address_invoice": sale["address"], "id_cart": sale["cart"],
        "id_currency": 1, "id_lang": 2, "id_customer": sale["customer"], "id_carrier": 2, "module": "ps_checkpayment",
        "payment": "Chèque", "total_paid": total_paid, "total_paid_real": total_paid, "total_products": 0,
        "total_products_wt": 0, "conversion_rate": 1})


def test_an_order_takes_its_cart_prices_and_decreases_stock_at_once(ws: Webservice, sale: dict[str, int]) -> None:
    # (50 + 10) - 10 % = 54.00 excl. VAT, 64.80 incl. 20 % VAT; 3 of them: 194.40
    order_id = created_id(ws.post("/api/orders", order_xml(sale, "194.40")))
    order = ws.json(f"/api/orders/{order_id}")["order"]
    assert (order["current_state"], order["valid"], order["id_carrier"]) == (11, "1", 1)
    assert (order["total_paid_tax_incl"], order["total_paid_tax_excl"], order["total_products"]) == ("194.400000", "162.000000", "162.000000")
    assert len(order["reference"]) == 9 and order["reference"].isalpha()
    assert order["associations"]["order_rows"] == [{
        "id": 1, "product_id": sale["product"], "product_attribute_id": sale["combination"], "product_quantity": 3,
        "product_name": "Bague (Taille: 52)", "product_reference": "BAOR01-52", "product_ean13": "", "product_isbn": "",
        "product_upc": "", "product_price": "54.000000", "id_customization": 0, "unit_price_tax_incl": "64.800000",
        "unit_price_tax_excl": "54.000000"}]
    assert quantities(ws, sale["product"]) == [(0, 7), (sale["combination"], 7)]
    detail = ws.json(f"/api/order_details?display=full&filter[id_order]=[{order_id}]")["order_details"][0]
    assert (detail["reduction_percent"], detail["original_product_price"], detail["total_price_tax_incl"]) == ("10.00", "60.000000", "194.400000")
    assert ws.json("/api/order_payments?display=[amount,order_reference]")["order_payments"][0]["amount"] == "194.400000"
    invoice = ws.json(f"/api/order_invoices?display=full&filter[id_order]=[{order_id}]")["order_invoices"][0]
    assert (invoice["number"], invoice["total_paid_tax_incl"]) == (1, "194.400000")
    again = ws.post("/api/orders", order_xml(sale, "194.40"))
    assert again.status_code == 500  # a cart makes one order


def test_a_wrong_total_gives_a_payment_error_order(ws: Webservice, sale: dict[str, int]) -> None:
    order_id = created_id(ws.post("/api/orders", order_xml(sale, "10.00")))
    order = ws.json(f"/api/orders/{order_id}")["order"]
    assert order["current_state"] == 8 and "valid" not in order and "invoice_number" not in order


def test_order_histories_move_the_order_and_cancelling_gives_stock_back(ws: Webservice, sale: dict[str, int]) -> None:
    order_id = created_id(ws.post("/api/orders", order_xml(sale, "194.40")))
    shipped = ws.post("/api/order_histories?sendemail=0", body("order_history", {"id_order_state": 4, "id_order": order_id}))
    assert shipped.status_code == 201
    assert ws.json(f"/api/orders/{order_id}?display=[id,current_state]") == {"orders": [{"id": order_id, "current_state": 4}]}
    states = ws.json(f"/api/order_histories?display=full&filter[id_order]=[{order_id}]")["order_histories"]
    assert [h["id_order_state"] for h in states] == [11, 4]
    assert ws.json("/api/order_invoices?display=[delivery_number]")["order_invoices"] == [{"id": 1, "delivery_number": 1}]
    ws.post("/api/order_histories", body("order_history", {"id_order_state": 6, "id_order": order_id}))
    assert quantities(ws, sale["product"]) == [(0, 10), (sale["combination"], 10)]
    unknown = ws.post("/api/order_histories", body("order_history", {"id_order_state": 99, "id_order": order_id}))
    assert unknown.status_code == 400


def test_a_tracking_number_on_the_order_carrier_shows_on_the_order(ws: Webservice, sale: dict[str, int]) -> None:
    order_id = created_id(ws.post("/api/orders", order_xml(sale, "194.40")))
    carrier = ws.json(f"/api/order_carriers?display=full&filter[id_order]=[{order_id}]")["order_carriers"][0]
    update = body("order_carrier", {"id": carrier["id"], "id_order": order_id, "id_carrier": carrier["id_carrier"],
                                    "tracking_number": "6A12345678901"})
    assert ws.put(f"/api/order_carriers/{carrier['id']}", update).status_code == 200
    assert ws.json(f"/api/orders/{order_id}")["order"]["shipping_number"] == "6A12345678901"
    bad = body("order_carrier", {"id": carrier["id"], "id_order": order_id, "id_carrier": 1, "tracking_number": "<script>"})
    assert ws.put(f"/api/order_carriers/{carrier['id']}", bad).status_code == 400


def slip(order_id: int, customer_id: int, detail_key: str) -> str:
    return body("order_slip", {
        "id_customer": customer_id, "id_order": order_id, "conversion_rate": 1, "total_products_tax_excl": "54",
        "total_products_tax_incl": "64.80", "total_shipping_tax_excl": 0, "total_shipping_tax_incl": 0, "amount": "64.80"},
        f"<order_slip_details><order_slip_detail><{detail_key}>1</{detail_key}><product_quantity>1</product_quantity>"
        "<amount_tax_excl>54</amount_tax_excl><amount_tax_incl>64.80</amount_tax_incl></order_slip_detail></order_slip_details>")


def test_order_slip_answers_500_on_a_wrong_detail_key_and_still_writes_the_slip(ws: Webservice, sale: dict[str, int]) -> None:
    order_id = created_id(ws.post("/api/orders", order_xml(sale, "194.40")))
    good = ws.post("/api/order_slip", slip(order_id, sale["customer"], "id_order_detail"))
    assert good.status_code == 201
    wrong = ws.post("/api/order_slip", slip(order_id, sale["customer"], "id"))
    assert wrong.status_code == 500
    assert [int(c.text) for c in ET.fromstring(wrong.content).iter("code")] == [3]
    slips = ws.json("/api/order_slip?display=full")["order_slips"]
    assert [s["associations"]["order_slip_details"][0]["id_order_detail"] for s in slips] == [1, 0]
    assert ws.json("/api/order_details/1")["order_detail"]["product_quantity_refunded"] == 1


def test_customer_threads_gather_their_messages_and_cart_rules_are_kept(ws: Webservice, sale: dict[str, int]) -> None:
    order_id = created_id(ws.post("/api/orders", order_xml(sale, "194.40")))
    thread_id = created_id(ws.post("/api/customer_threads", body("customer_thread", {
        "id_lang": 2, "id_shop": 1, "id_customer": sale["customer"], "id_order": order_id, "id_contact": 1,
        "email": "jean@example.fr", "token": "abc123", "status": "open"})))
    message_id = created_id(ws.post("/api/customer_messages", body("customer_message", {
        "id_customer_thread": thread_id, "message": "Livrer le matin svp", "private": 0})))
    thread = ws.json(f"/api/customer_threads/{thread_id}")["customer_thread"]
    assert thread["id_order"] == order_id and thread["associations"]["customer_messages"] == [{"id": message_id}]
    rule_id = created_id(ws.post("/api/cart_rules", body("cart_rule", {
        "date_from": "2026-01-01 00:00:00", "date_to": "2027-01-01 00:00:00", "quantity": 10, "code": "PROMO10",
        "reduction_percent": "10", "active": 1, "name": {1: "Promo", 2: "Promo"}})))
    assert ws.json(f"/api/cart_rules?display=[code,reduction_percent]&filter[id]=[{rule_id}]")["cart_rules"] == [
        {"id": rule_id, "code": "PROMO10", "reduction_percent": "10.000000"}]
    bad_date = ws.post("/api/cart_rules", body("cart_rule", {"date_from": "tomorrow", "date_to": "2027-01-01 00:00:00",
                                                             "name": {1: "X", 2: "X"}}))
    assert bad_date.status_code == 400 and b"CartRule-&gt;date_from is not valid" in bad_date.content
