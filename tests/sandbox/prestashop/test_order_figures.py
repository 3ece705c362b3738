"""Order figures the shop's settings decide: a cart in the shop's US dollars (1.10 for 1 €), gift
wrapping (4.17 € + 20 %), and PS_ROUND_TYPE / PS_PRICE_ROUND_MODE.

The shop sells a 20.00 € product (20 % VAT: 24.00 €); carrier 2 costs 7.50 € below 50 € (the
cart tax included, in euros), 4.90 € below 100 €, + 20 % VAT.
"""

from __future__ import annotations

import json

import pytest

from tests.sandbox.prestashop.conftest import Webservice
from tests.sandbox.prestashop.helpers import body, product
from tests.sandbox.prestashop.test_catalogue import created_id

EURO, DOLLAR = 1, 2


def checkout(ws: Webservice, price: str, quantity: int, *, currency: int = EURO, carrier: int = 2, gift: int = 0,
             product_id: int | None = None) -> dict[str, int]:
    """A customer's cart of ``quantity`` products at ``price`` € (made unless ``product_id``), in ``currency``."""
    if product_id is None:
        product_id = created_id(ws.post("/api/products", product("BAOR01", price)))
    customer = created_id(ws.post("/api/customers", body("customer", {
        "passwd": "Secret-Pass-1", "lastname": "Durand", "firstname": "Jean", "email": "jean@example.fr", "active": 1})))
    address = created_id(ws.post("/api/addresses", body("address", {
        "id_customer": customer, "id_country": 8, "alias": "Maison", "lastname": "Durand", "firstname": "Jean",
        "address1": "3 rue de la Paix", "postcode": "75002", "city": "Paris"})))
    cart_id = created_id(ws.post("/api/carts", body("cart", {
        "id_currency": currency, "id_lang": 1, "id_customer": customer, "id_address_delivery": address,
        "id_address_invoice": address, "gift": gift, "delivery_option": json.dumps({str(address): f"{carrier},"})},
        f"<cart_rows><cart_row><id_product>{product_id}</id_product><id_product_attribute>0</id_product_attribute>"
        f"<id_address_delivery>{address}</id_address_delivery><quantity>{quantity}</quantity></cart_row></cart_rows>")))
    return {"cart": cart_id, "customer": customer, "address": address, "product": product_id, "currency": currency}


def pay(ws: Webservice, sale: dict[str, int], total_paid: str) -> dict:
    order_id = created_id(ws.post("/api/orders", body("order", {
        "id_address_delivery": sale["address"], "id_address_invoice": sale["address"], "id_cart": sale["cart"],
        "id_currency": sale["currency"], "id_lang": 1, "id_customer": sale["customer"], "id_carrier": 1,
        "module": "ps_checkpayment", "payment": "Chèque", "total_paid": total_paid, "total_paid_real": total_paid,
        "total_products": 0, "total_products_wt": 0, "conversion_rate": 1})))
    return ws.json(f"/api/orders/{order_id}")["order"]


def totals(order: dict) -> tuple[str, ...]:
    return tuple(order.get(name, "") for name in ("total_products", "total_products_wt", "total_shipping_tax_excl",
                                                   "total_shipping_tax_incl", "total_paid_tax_excl", "total_paid_tax_incl"))


def configure(ws: Webservice, name: str, value: str) -> None:
    """The merchant changes a setting (its configurations row)."""
    (row,) = ws.json(f"/api/configurations?display=[id]&filter[name]=[{name}]")["configurations"]
    answer = ws.put(f"/api/configurations/{row['id']}", body("configuration", {"id": row["id"], "name": name, "value": value}))
    assert answer.status_code == 200, answer.text


def test_the_shop_sells_in_euros_and_in_us_dollars_at_its_rate(ws: Webservice) -> None:
    assert ws.json("/api/currencies?display=[id,iso_code,conversion_rate]")["currencies"] == [
        {"id": 1, "iso_code": "EUR", "conversion_rate": "1.000000"}, {"id": 2, "iso_code": "USD", "conversion_rate": "1.100000"}]


def test_a_cart_in_dollars_is_priced_in_dollars_and_the_order_keeps_the_rate(ws: Webservice) -> None:
    # 20.00 x 1.10 = 22.00 $, 26.40 $ with VAT; 2 of them 44.00 / 52.80 $. The carrier's ranges see 52.80 / 1.10 =
    # 48.00 € < 50: 7.50 € = 8.25 $, + 20 % = 9.90 $. To pay 52.80 + 9.90 = 62.70 $ (44.00 + 8.25 = 52.25 excl.)
    order = pay(ws, checkout(ws, "20", 2, currency=DOLLAR), "62.70")
    assert (order["current_state"], order["id_currency"], order["conversion_rate"]) == (11, DOLLAR, "1.100000")
    assert totals(order) == ("44.000000", "52.800000", "8.250000", "9.900000", "52.250000", "62.700000")
    (detail,) = ws.json(f"/api/order_details?display=full&filter[id_order]=[{order['id']}]")["order_details"]
    assert (detail["unit_price_tax_excl"], detail["unit_price_tax_incl"], detail["original_product_price"]) == (
        "22.000000", "26.400000", "22.000000")
    (payment,) = ws.json("/api/order_payments?display=full")["order_payments"]
    assert (payment["id_currency"], payment["amount"], payment["conversion_rate"]) == (DOLLAR, "62.700000", "1.100000")


def test_paying_the_euro_total_of_a_dollar_cart_is_a_payment_error(ws: Webservice) -> None:
    order = pay(ws, checkout(ws, "20", 2, currency=DOLLAR), "57.00")  # 2 x 24.00 + 9.00 in euros
    assert order["current_state"] == 8


def test_a_price_given_in_dollars_is_taken_as_is(ws: Webservice) -> None:
    sale = checkout(ws, "20", 2, currency=DOLLAR)
    created_id(ws.post("/api/specific_prices", body("specific_price", {
        "id_shop": 1, "id_cart": 0, "id_product": sale["product"], "id_currency": DOLLAR, "id_country": 0, "id_group": 0,
        "id_customer": 0, "price": "25", "from_quantity": 1, "reduction": 0, "reduction_tax": 1,
        "reduction_type": "amount", "from": "0000-00-00 00:00:00", "to": "0000-00-00 00:00:00"})))
    # 2 x 25.00 $ = 50.00, 60.00 $ with VAT = 54.55 €: 4.90 € = 5.39 $, + 20 % = 6.468 -> 6.47 $; 60.00 + 6.47 = 66.47 $
    order = pay(ws, sale, "66.47")
    assert totals(order) == ("50.000000", "60.000000", "5.390000", "6.470000", "55.390000", "66.470000")
    # the same product in euros keeps its euro price: 2 x 24.00 + 7.50 + 20 % = 57.00
    assert pay(ws, checkout(ws, "20", 2, product_id=sale["product"]), "57.00")["current_state"] == 11


def test_a_gift_cart_pays_the_wrapping_and_the_carrier_sees_it(ws: Webservice) -> None:
    # wrapping 4.17 + 20 % = 5.004 -> 5.00; the carrier's ranges see 48.00 + 5.00 = 53.00 >= 50: 4.90 + 20 % = 5.88.
    # To pay 48.00 + 5.00 + 5.88 = 58.88 (40.00 + 4.17 + 4.90 = 49.07 excl.)
    order = pay(ws, checkout(ws, "20", 2, gift=1), "58.88")
    assert (order["current_state"], order["gift"]) == (11, "1")
    assert (order["total_wrapping"], order["total_wrapping_tax_excl"], order["total_wrapping_tax_incl"]) == (
        "5.000000", "4.170000", "5.000000")
    assert totals(order) == ("40.000000", "48.000000", "4.900000", "5.880000", "49.070000", "58.880000")


def test_a_gift_cart_in_dollars_pays_the_wrapping_converted(ws: Webservice) -> None:
    configure(ws, "PS_GIFT_WRAPPING_PRICE", "2.50")
    # 2.50 x 1.10 = 2.75 $, 3.00 € with VAT = 3.30 $; 1 x 22.00 $ (26.40 with VAT) + 3.30 = 29.70 $ = 27.00 € < 50:
    # 7.50 € = 8.25 $ + 20 % = 9.90 $; to pay 26.40 + 3.30 + 9.90 = 39.60 $ (22.00 + 2.75 + 8.25 = 33.00 excl.)
    order = pay(ws, checkout(ws, "20", 1, currency=DOLLAR, gift=1), "39.60")
    assert (order["total_wrapping_tax_excl"], order["total_wrapping_tax_incl"]) == ("2.750000", "3.300000")
    assert (order["total_paid_tax_excl"], order["total_paid_tax_incl"]) == ("33.000000", "39.600000")


@pytest.mark.parametrize(("round_type", "round_mode", "line_incl", "paid"), [
    ("1", "2", "30.000000", "30.00"),  # each item: 8.33 x 1.20 = 9.996 -> 10.00, x 3 = 30.00
    ("2", "2", "29.990000", "29.99"),  # each line: 29.988 -> 29.99; the total taxes 24.99 once: 29.988 -> 29.99
    ("3", "2", "29.988000", "29.99"),  # the total only: 3 x 9.996 = 29.988 -> 29.99
    ("1", "1", "29.970000", "29.97"),  # each item, rounded down (PS_ROUND_DOWN): 9.99 x 3 = 29.97
])
def test_the_round_type_and_mode_decide_the_lines_and_the_total(ws: Webservice, round_type: str, round_mode: str,
                                                                line_incl: str, paid: str) -> None:
    configure(ws, "PS_ROUND_TYPE", round_type)
    configure(ws, "PS_PRICE_ROUND_MODE", round_mode)
    order = pay(ws, checkout(ws, "8.33", 3, carrier=1), paid)  # carrier 1: free
    assert (order["current_state"], str(order["round_type"]), str(order["round_mode"])) == (11, round_type, round_mode)
    assert (order["total_products"], order["total_paid_tax_incl"]) == ("24.990000", f"{paid}0000")
    (detail,) = ws.json(f"/api/order_details?display=full&filter[id_order]=[{order['id']}]")["order_details"]
    assert (detail["unit_price_tax_incl"], detail["total_price_tax_incl"]) == ("9.996000", line_incl)
