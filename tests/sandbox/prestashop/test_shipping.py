"""Shipping costs: carriers with price and weight ranges per zone, their VAT, free-shipping cart rules.

The shop sells a 20.00 € (tax excluded, 20 % VAT: 24.00 €) product weighing 1.5 kg.
Carrier 2 "My carrier" costs, in Europe and tax excluded, 7.50 below 50 € (the products
tax included, after the cart rules), 4.90 below 100 €, nothing from 100 €.
"""

from __future__ import annotations

import json

import pytest

from tests.sandbox.prestashop.conftest import Webservice, recorded_json
from tests.sandbox.prestashop.helpers import body, product
from tests.sandbox.prestashop.test_catalogue import created_id

FRANCE, UNITED_KINGDOM = 8, 17


def cart(ws: Webservice, quantity: int, carrier: int | None = 2, country: int = FRANCE) -> dict[str, int]:
    """A customer's cart of ``quantity`` products, the checkout's delivery option naming ``carrier``."""
    product_id = created_id(ws.post("/api/products", product("BAOR01", "20", weight="1.5")))
    customer = created_id(ws.post("/api/customers", body("customer", {
        "passwd": "Secret-Pass-1", "lastname": "Durand", "firstname": "Jean", "email": "jean@example.fr", "active": 1})))
    address = created_id(ws.post("/api/addresses", body("address", {
        "id_customer": customer, "id_country": country, "alias": "Maison", "lastname": "Durand", "firstname": "Jean",
        "address1": "3 rue de la Paix", "postcode": "75002", "city": "Paris"})))
    option = {"delivery_option": json.dumps({str(address): f"{carrier},"})} if carrier else {}
    cart_id = created_id(ws.post("/api/carts", body("cart", {
        "id_currency": 1, "id_lang": 1, "id_customer": customer, "id_address_delivery": address,
        "id_address_invoice": address, "id_carrier": 2, **option},
        f"<cart_rows><cart_row><id_product>{product_id}</id_product><id_product_attribute>0</id_product_attribute>"
        f"<id_address_delivery>{address}</id_address_delivery><quantity>{quantity}</quantity></cart_row></cart_rows>")))
    return {"cart": cart_id, "customer": customer, "address": address}


def pay(ws: Webservice, sale: dict[str, int], total_paid: str) -> dict:
    order_id = created_id(ws.post("/api/orders", body("order", {
        "id_address_delivery": sale["address"], "id_address_invoice": sale["address"], "id_cart": sale["cart"],
        "id_currency": 1, "id_lang": 1, "id_customer": sale["customer"], "id_carrier": 1, "module": "ps_checkpayment",
        "payment": "Chèque", "total_paid": total_paid, "total_paid_real": total_paid, "total_products": 0,
        "total_products_wt": 0, "conversion_rate": 1})))
    return ws.json(f"/api/orders/{order_id}")["order"]


def shipping(order: dict) -> tuple:
    return (order["id_carrier"], order.get("total_shipping_tax_excl"), order.get("total_shipping_tax_incl"),
            order.get("total_shipping"), order.get("carrier_tax_rate"))


def test_carriers_their_ranges_and_costs_are_read_as_the_webservice_gives_them(ws: Webservice) -> None:
    assert ws.json("/api/carriers?display=[id,name,active,deleted,id_reference]") == recorded_json("33")
    carrier = ws.json("/api/carriers/2")["carrier"]
    assert (carrier["shipping_method"], carrier["id_tax_rules_group"], carrier.get("is_free")) == (2, 1, None)
    ranges = ws.json("/api/price_ranges?display=full&filter[id_carrier]=[2]")["price_ranges"]
    assert [(r["delimiter1"], r["delimiter2"]) for r in ranges] == [
        ("0.000000", "50.000000"), ("50.000000", "100.000000"), ("100.000000", "10000.000000")]
    costs = ws.json("/api/deliveries?display=[id_range_price,price]&filter[id_carrier]=[2]&filter[id_zone]=[1]")
    assert [(d["id_range_price"], d["price"]) for d in costs["deliveries"]] == [
        (ranges[0]["id"], "7.500000"), (ranges[1]["id"], "4.900000"), (ranges[2]["id"], "0.000000")]
    assert ws.json("/api/weight_ranges?display=[id_carrier]")["weight_ranges"][0]["id_carrier"] == 4


def test_an_order_shipped_by_carrier_2_pays_its_range_with_vat(ws: Webservice) -> None:
    # 2 x 24.00 = 48.00 incl. VAT, below 50: 7.50 + 20 % = 9.00; to pay 57.00 (47.50 excl. VAT)
    order = pay(ws, cart(ws, 2), "57.00")
    assert order["current_state"] == 11
    assert shipping(order) == (2, "7.500000", "9.000000", "9.000000", "20.000")
    assert (order["total_products_wt"], order["total_paid_tax_incl"], order["total_paid_tax_excl"]) == (
        "48.000000", "57.000000", "47.500000")
    (carrier,) = ws.json(f"/api/order_carriers?display=full&filter[id_order]=[{order['id']}]")["order_carriers"]
    assert (carrier["id_carrier"], carrier["weight"], carrier["shipping_cost_tax_excl"], carrier["shipping_cost_tax_incl"]) == (
        2, "3.000000", "7.500000", "9.000000")
    invoice = ws.json(f"/api/order_invoices?display=full&filter[id_order]=[{order['id']}]")["order_invoices"][0]
    assert (invoice["total_shipping_tax_excl"], invoice["total_shipping_tax_incl"]) == ("7.500000", "9.000000")


def test_paying_the_products_without_the_shipping_is_a_payment_error(ws: Webservice) -> None:
    order = pay(ws, cart(ws, 2), "48.00")
    assert order["current_state"] == 8 and order["total_paid"] == "57.000000"


@pytest.mark.parametrize(("quantity", "paid", "excl", "incl"), [
    (3, "77.88", "4.900000", "5.880000"),  # 72.00: from 50 to 100
    (5, "120.00", "0.000000", "0.000000"),  # 120.00: from 100, free
])
def test_the_range_follows_the_order_total(ws: Webservice, quantity: int, paid: str, excl: str, incl: str) -> None:
    order = pay(ws, cart(ws, quantity), paid)
    assert order["current_state"] == 11
    assert shipping(order)[:3] == (2, excl, incl)


def test_the_range_is_judged_after_the_cart_rules(ws: Webservice) -> None:
    created_id(ws.post("/api/cart_rules", body("cart_rule", {
        "date_from": "2000-01-01 00:00:00", "date_to": "2100-01-01 00:00:00", "quantity": 1, "reduction_percent": "20",
        "active": 1, "name": {1: "Promo", 2: "Promo"}})))
    # 5 x 24.00 = 120.00 less 20 % = 96.00: below 100, 4.90 + VAT = 5.88; to pay 101.88
    order = pay(ws, cart(ws, 5), "101.88")
    assert order["current_state"] == 11
    assert shipping(order)[:3] == (2, "4.900000", "5.880000")
    assert (order["total_discounts_tax_incl"], order["total_paid_tax_excl"]) == ("24.000000", "84.900000")


def test_a_free_shipping_cart_rule_gives_the_shipping_back_as_a_discount(ws: Webservice) -> None:
    rule = created_id(ws.post("/api/cart_rules", body("cart_rule", {
        "date_from": "2000-01-01 00:00:00", "date_to": "2100-01-01 00:00:00", "quantity": 1, "free_shipping": 1,
        "active": 1, "name": {1: "Port offert", 2: "Port offert"}})))
    order = pay(ws, cart(ws, 2), "48.00")
    assert order["current_state"] == 11
    assert shipping(order)[:3] == (2, "7.500000", "9.000000")  # the shipping stays, the discount takes it back
    assert (order["total_discounts_tax_excl"], order["total_discounts_tax_incl"], order["total_paid_tax_excl"]) == (
        "7.500000", "9.000000", "40.000000")
    (used,) = ws.json(f"/api/order_cart_rules?display=full&filter[id_order]=[{order['id']}]")["order_cart_rules"]
    assert (used["id_cart_rule"], used["value"], used["value_tax_excl"], used["free_shipping"]) == (
        rule, "9.000000", "7.500000", "1")


def test_without_a_delivery_option_the_order_ships_with_the_default_carrier(ws: Webservice) -> None:
    # the cart's id_carrier (2) is ignored, as recorded: PS_CARRIER_DEFAULT, the free click and collect
    order = pay(ws, cart(ws, 2, carrier=None), "48.00")
    assert shipping(order) == (1, "0.000000", "0.000000", "0.000000", "20.000")


def test_a_carrier_without_costs_for_the_zone_gives_way_to_the_default_one(ws: Webservice) -> None:
    order = pay(ws, cart(ws, 2, country=UNITED_KINGDOM), "48.00")
    assert shipping(order)[:3] == (1, "0.000000", "0.000000")


def test_a_carrier_by_weight_with_handling_charges(ws: Webservice) -> None:
    patch = body("carrier", {"id": 4, "active": 1, "shipping_handling": 1})
    assert ws.request("PATCH", "/api/carriers/4", content=patch.encode()).status_code == 200
    # 2 x 1.5 kg = 3 kg: from 3 kg, 5.00, plus PS_SHIPPING_HANDLING 2.00 = 7.00; 8.40 with VAT
    order = pay(ws, cart(ws, 2, carrier=4), "56.40")
    assert shipping(order)[:3] == (4, "7.000000", "8.400000")


def test_free_shipping_from_the_shop_s_threshold(ws: Webservice) -> None:
    setting = body("configuration", {"id": 18, "name": "PS_SHIPPING_FREE_PRICE", "value": "40"})
    assert ws.put("/api/configurations/18", setting).status_code == 200
    order = pay(ws, cart(ws, 2), "48.00")
    assert shipping(order)[:3] == (2, "0.000000", "0.000000")


@pytest.mark.parametrize(("range_behavior", "carrier"), [(0, 3), (1, 1)])
def test_beyond_its_ranges_a_carrier_costs_its_highest_range_or_cannot_deliver(
        ws: Webservice, range_behavior: int, carrier: int) -> None:
    patch = body("carrier", {"id": 3, "active": 1, "range_behavior": range_behavior})
    assert ws.request("PATCH", "/api/carriers/3", content=patch.encode()).status_code == 200
    # 10 x 24.00 = 240.00, beyond carrier 3's last range (100 to 200: free); the default carrier is free too
    order = pay(ws, cart(ws, 10, carrier=3), "240.00")
    assert shipping(order)[:3] == (carrier, "0.000000", "0.000000")
