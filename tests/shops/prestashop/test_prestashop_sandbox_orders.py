"""Customers and orders against the PrestaShop sandbox: groups, customers with addresses,
an order read to the cent, status changes and tracking numbers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from gescom_sync.i18n import set_language
from gescom_sync.model.shop import ShopAddress, ShopCustomer, ShopCustomerGroup, ShopProduct
from gescom_sync.shops.base import OrderQuery, WriteOutcome
from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.shops.prestashop.values import flag, text, translations
from gescom_sync.shops.prestashop.webservice import equals
from tests.shops.prestashop.sandbox import FailsOnce, PrestaShop, make_prestashop

TOPAZ = ShopCustomer("TOPAZ", email="contact@topaz.fr", first_name="Marie", last_name="Dupont", company="Topaz SARL",
                     billing=ShopAddress(first_name="Marie", last_name="Dupont", company="Topaz SARL",
                                         line1="10 rue de la Paix", postcode="75002", city="Paris", country="FR",
                                         phone="0102030405"),
                     meta={"erp_account": "TOPAZ", "siret": "12345678900011", "vat_number": "FR12345678900"})


@pytest.fixture
def shop(tmp_path: Path) -> PrestaShop:
    set_language("en")
    return make_prestashop(tmp_path)


@pytest.fixture
def presta(shop: PrestaShop) -> Iterator[PrestaShopConnector]:
    connector = shop.connector()
    yield connector
    connector.close()


def place_order(presta: PrestaShopConnector) -> str:
    """TOPAZ buys 2 x BAOR01 (10.00 excl., 20 % VAT) and 1 x CHSR10 (4.99) through a cart, as a shop would."""
    customer = presta.write_customers([TOPAZ])[0]
    products = presta.write_products([
        ShopProduct("BAOR01", name="Bague or", sku="BAOR01", regular_price=Decimal("10.00"), tax_class="1",
                    stock_quantity=Decimal(20)),
        ShopProduct("CHSR10", name="Chaîne argent", sku="CHSR10", regular_price=Decimal("4.99"), tax_class="1",
                    stock_quantity=Decimal(5))])
    address = presta.ws.first("addresses", equals("id_customer", customer.shop_id), display=["id"])
    rows = [{"id_product": p.shop_id, "id_product_attribute": 0, "id_address_delivery": address["id"],
             "id_customization": 0, "quantity": q} for p, q in zip(products, (2, 1), strict=True)]
    common = {"id_address_delivery": address["id"], "id_address_invoice": address["id"], "id_currency": 1,
              "id_customer": customer.shop_id, "id_lang": 1, "id_shop_group": 1, "id_shop": 1, "id_carrier": 1}
    cart = presta.ws.create("carts", common, {"cart_rows": rows})
    order = presta.ws.create("orders", {**{k: v for k, v in common.items() if k != "id_carrier"}, "id_carrier": 1,
                                        "id_cart": cart["id"], "module": "ps_checkpayment",
                                        "payment": "Payments by check", "total_paid": "29.99",
                                        "total_paid_real": "29.99", "total_products": 0, "total_products_wt": 0,
                                        "conversion_rate": 1, "current_state": 0, "valid": 0})
    return str(order["id"])


def test_groups_with_their_price_display_and_customers_with_b2b_data_and_address(presta: PrestaShopConnector) -> None:
    group = presta.write_customer_groups([ShopCustomerGroup("GROSSISTES", "Grossistes", tax_included=False)])[0]
    results = presta.write_customers([replace(TOPAZ, group_shop_id=group.shop_id)])

    assert results[0].outcome is WriteOutcome.CREATED
    stored_group = presta.ws.read("groups", str(group.shop_id))
    assert translations(stored_group["name"])["2"] == "Grossistes" and text(stored_group["price_display_method"]) == "1"
    customer = presta.ws.read("customers", str(results[0].shop_id))
    assert (customer["email"], customer["company"], customer["siret"], customer["note"]) == (
        "contact@topaz.fr", "Topaz SARL", "12345678900011", "TOPAZ")
    assert str(customer["id_default_group"]) == group.shop_id
    assert [str(g["id"]) for g in customer["associations"]["groups"]] == [group.shop_id]
    assert flag(customer.get("newsletter")) is False and flag(customer.get("active")) is True
    [address] = presta.ws.records("addresses", filters=[equals("id_customer", results[0].shop_id)])
    assert (address["alias"], address["address1"], str(address["id_country"]), address["vat_number"]) == (
        "Billing", "10 rue de la Paix", "8", "FR12345678900")
    # sent again: the same customer and address, updated
    again = presta.write_customers([TOPAZ])
    assert (again[0].outcome, again[0].shop_id) == (WriteOutcome.UPDATED, results[0].shop_id)
    assert len(list(presta.ws.records("addresses", filters=[equals("id_customer", results[0].shop_id)]))) == 1


def test_an_order_is_read_to_the_cent(presta: PrestaShopConnector) -> None:
    order_id = place_order(presta)

    [order] = presta.read_orders(OrderQuery(order_ids=(order_id,)))

    assert sorted((line.reference, line.quantity, line.total, line.total_tax) for line in order.lines) == [
        ("BAOR01", Decimal(2), Decimal("20.00"), Decimal("4.00")), ("CHSR10", Decimal(1), Decimal("4.99"), Decimal("1.00"))]
    assert (order.total, order.total_tax, order.currency) == (Decimal("29.99"), Decimal("5.00"), "EUR")
    assert order.rounding_difference() == Decimal("0.00")
    assert order.billing.company == "Topaz SARL" and order.billing.email == "contact@topaz.fr"
    assert order.payments[0].amount == Decimal("29.99")


def test_a_status_change_posts_an_order_history_with_sendemail(presta: PrestaShopConnector, shop: PrestaShop) -> None:
    order_id = place_order(presta)

    result = presta.set_order_status(order_id, "4")

    assert result.outcome is WriteOutcome.CREATED
    assert text(presta.ws.read("orders", order_id)["current_state"]) == "4"
    [posted] = shop.calls("POST", "/api/order_histories")
    assert posted.url.params["sendemail"] == "0"


def test_a_status_change_answered_500_is_checked_not_sent_again(shop: PrestaShop) -> None:
    flaky = FailsOnce(shop.transport, lambda r: r.method == "POST" and r.url.path == "/api/order_histories")
    with shop.connector(transport=flaky, send_email_on_status=True) as presta:
        order_id = place_order(presta)

        result = presta.set_order_status(order_id, "3")

        assert result.outcome is WriteOutcome.CREATED
        assert text(presta.ws.read("orders", order_id)["current_state"]) == "3"
    posted = shop.calls("POST", "/api/order_histories")
    assert len(posted) == 1 and posted[0].url.params["sendemail"] == "1"


def test_a_tracking_number_goes_on_the_orders_carrier(presta: PrestaShopConnector) -> None:
    order_id = place_order(presta)

    result = presta.set_tracking_number(order_id, "colissimo", "8R01234567890")

    assert result.outcome is WriteOutcome.UPDATED
    [carrier] = presta.ws.records("order_carriers", filters=[equals("id_order", order_id)])
    assert carrier["tracking_number"] == "8R01234567890"


def test_credit_slips_are_read_as_refunds_with_their_lines(presta: PrestaShopConnector) -> None:
    order_id = place_order(presta)
    chain = next(d for d in presta.ws.records("order_details") if d["product_reference"] == "CHSR10")
    presta.ws.create("order_slip", {
        "id_customer": 1, "id_order": order_id, "conversion_rate": 1, "total_products_tax_excl": "4.99",
        "total_products_tax_incl": "5.99", "total_shipping_tax_excl": 0, "total_shipping_tax_incl": 0, "amount": "5.99",
        "shipping_cost": 0, "shipping_cost_amount": 0, "partial": 0, "order_slip_type": 0},
        {"order_slip_details": [{"id_order_detail": chain["id"], "product_quantity": 1, "amount_tax_excl": "4.99",
                                 "amount_tax_incl": "5.99"}]})

    [refund] = presta.read_refunds(OrderQuery(order_ids=(order_id,)))

    assert (refund.order_id, refund.amount) == (order_id, Decimal("5.99"))
    assert [(line.reference, line.quantity, line.total, line.total_tax, line.order_line_id) for line in refund.lines] == [
        ("CHSR10", Decimal(1), Decimal("4.99"), Decimal("1.00"), str(chain["id"]))]


def test_reference_data_and_accounts_for_the_mapping_tables(presta: PrestaShopConnector) -> None:
    place_order(presta)

    assert [(c.code, c.enabled) for c in presta.carriers()][:2] == [("1", True), ("2", True)]
    assert [p.code for p in presta.payment_methods()] == ["ps_checkpayment"]
    assert ("4", "Shipped") in [(s.code, s.name) for s in presta.order_statuses()]
    assert "FR" in [c.code for c in presta.countries()] and [c.code for c in presta.currencies()] == ["EUR", "USD"]
    assert presta.tax_classes()[0].code == "1" and [s.id for s in presta.stores()] == ["1"]
    [account] = presta.read_customers()
    assert (account.email, account.has_ordered, account.billing.country) == ("contact@topaz.fr", True, "FR")
