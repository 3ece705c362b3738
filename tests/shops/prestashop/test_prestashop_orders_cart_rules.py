"""Cart rules of PrestaShop orders counted once: the order's ``total_discounts*`` and its
``order_cart_rules`` rows are the same money, and a free-shipping rule gives the shipping
back rather than taking it off the products; taxed shipping names the tax of its rate.
Rows as the webservice's JSON gives them (numbers as 6-decimal strings, recording 64)."""

from __future__ import annotations

from decimal import Decimal as D

from gescom_sync.model.order import LineTax
from gescom_sync.shops.prestashop.orders import OrderData, order

RING = {"id": 11, "product_name": "Bague or", "product_reference": "BAOR01", "product_quantity": "2",
        "total_price_tax_excl": "200.000000", "total_price_tax_incl": "240.000000", "id_tax_rules_group": "1",
        "associations": {"taxes": [{"id": "1"}]}}
CARRIER = {"id": 5, "id_carrier": "2"}


def shipped_order(**totals: str) -> dict[str, object]:
    """2 x BAOR01 (200.00 + 40.00 VAT) shipped for 8.33 + 1.67 VAT."""
    return {"id": 7, "reference": "XKBKNABJK", "current_state": "2", "date_add": "2026-11-22 12:25:24",
            "id_customer": "3", "total_shipping_tax_excl": "8.330000", "total_shipping_tax_incl": "10.000000",
            "carrier_tax_rate": "20.000", **totals}


def read(order_row: dict[str, object], *rules: dict[str, object]):
    return order(OrderData(order=order_row, details=[RING], carriers=[CARRIER], cart_rules=list(rules),
                           tax_rates={"1": D("20.000")}, tax_names={"1": "TVA FR 20%"}))


def test_a_free_shipping_rule_gives_the_shipping_back_and_leaves_the_products():
    free = {"id": 1, "id_cart_rule": "4", "name": "Livraison offerte", "value": "10.000000",
            "value_tax_excl": "8.330000", "free_shipping": "1"}
    found = read(shipped_order(total_discounts="10.000000", total_discounts_tax_incl="10.000000",
                               total_discounts_tax_excl="8.330000", total_paid_tax_incl="240.000000",
                               total_paid_tax_excl="200.000000"), free)

    (shipping,) = found.shipping_lines
    assert (shipping.method_id, shipping.total, shipping.total_tax) == ("2", D("0.00"), D("0.00"))
    assert (found.shipping_total, found.discount_total, found.discount_tax) == (D("0.00"), D("0.00"), D("0.00"))
    (rule,) = found.discounts
    assert (rule.code, rule.amount, rule.amount_tax, rule.free_shipping) == ("Livraison offerte", D("0"), D("0"), True)
    assert [(line.total, line.total_tax) for line in found.lines] == [(D("200.00"), D("40.00"))]
    assert found.fee_lines == () and found.computed_total() == found.total == D("240.00")


def test_a_rule_with_free_shipping_and_ten_percent_off_is_split_between_them():
    both = {"id": 2, "id_cart_rule": "5", "name": "BIENVENUE", "value": "34.000000", "value_tax_excl": "28.330000",
            "free_shipping": "1"}
    found = read(shipped_order(total_discounts="34.000000", total_discounts_tax_incl="34.000000",
                               total_discounts_tax_excl="28.330000", total_paid_tax_incl="216.000000",
                               total_paid_tax_excl="180.000000"), both)

    (rule,) = found.discounts
    assert (rule.amount, rule.amount_tax, found.discount_total, found.discount_tax) == (
        D("20.00"), D("4.00"), D("20.00"), D("4.00"))
    (ring,) = found.lines
    assert (ring.subtotal, ring.total, ring.total_tax, ring.taxes[0].total, ring.taxes[0].subtotal) == (
        D("200.00"), D("180.00"), D("36.00"), D("36.00"), D("40.00"))
    assert [(t.label, t.tax_total, t.shipping_tax_total) for t in found.taxes] == [("TVA FR 20%", D("36.00"), D("0.00"))]
    assert found.computed_total() == found.total == D("216.00") and found.rounding_difference() == D("0")


def test_taxed_shipping_carries_the_tax_of_its_rate_for_the_tax_mapping():
    found = read(shipped_order(total_paid_tax_incl="250.000000", total_paid_tax_excl="208.330000"))

    (shipping,) = found.shipping_lines
    assert (shipping.total, shipping.total_tax, shipping.taxes) == (D("8.33"), D("1.67"), (LineTax("1", D("1.67")),))
    assert [(t.rate_id, t.label, t.tax_total, t.shipping_tax_total) for t in found.taxes] == [
        ("1", "TVA FR 20%", D("40.00"), D("1.67"))]
    assert found.computed_total() == found.total == D("250.00")
