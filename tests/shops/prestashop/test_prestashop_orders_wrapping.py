"""Gift wrapping of PrestaShop orders as a fee line with its tax, in euros and in the order's currency.

The order row says only ``total_wrapping_tax_excl/incl``; the fee names the shop's tax that gives
that tax. Rows as the webservice's JSON gives them (numbers as 6-decimal strings, recording 64).
"""

from __future__ import annotations

from decimal import Decimal as D

from gescom_sync.model.order import LineTax
from gescom_sync.shops.prestashop.orders import WRAPPING_FEE_ID, OrderData, order

BOOK = {"id": 12, "product_name": "Livre bijoux", "product_reference": "LIVRE01", "product_quantity": "1",
        "total_price_tax_excl": "20.000000", "total_price_tax_incl": "21.100000", "id_tax_rules_group": "3",
        "associations": {"taxes": [{"id": "3"}]}}
TAXES = {"1": D("20.000"), "3": D("5.500")}


def read(**totals: str):
    row = {"id": 8, "reference": "GIFTWRAPS", "current_state": "2", "date_add": "2026-11-22 12:25:24", "id_customer": "3",
           "gift": "1", **totals}
    return order(OrderData(order=row, details=[BOOK], tax_rates=TAXES, tax_names={"1": "TVA FR 20%", "3": "TVA FR 5.5%"},
                           currency=totals.get("currency", "EUR")))


def test_the_wrapping_is_a_fee_taxed_with_the_tax_that_gives_its_tax():
    # 4.17 + 20 % = 5.004 -> 5.00: 0.83 of tax, 20 % (5.5 % would give 0.23); 21.10 + 5.00 = 26.10
    found = read(total_wrapping_tax_excl="4.170000", total_wrapping_tax_incl="5.000000",
                 total_paid_tax_excl="24.170000", total_paid_tax_incl="26.100000")

    (fee,) = found.fee_lines
    assert (fee.id, fee.name, fee.total, fee.total_tax, fee.taxes) == (
        WRAPPING_FEE_ID, "Emballage cadeau", D("4.17"), D("0.83"), (LineTax("1", D("0.83")),))
    assert [(t.label, t.tax_total) for t in found.taxes] == [("TVA FR 5.5%", D("1.10")), ("TVA FR 20%", D("0.83"))]
    assert found.computed_total() == found.total == D("26.10")


def test_a_wrapping_converted_after_its_tax_finds_its_tax_within_a_cent():
    # in dollars at 1.10: 4.17 x 1.10 = 4.587 -> 4.59 excl., 5.00 x 1.10 = 5.50 incl.: 0.91 of tax where 20 % of
    # 4.59 is 0.918 -> 0.92, a cent apart: still the 20 % tax
    found = read(total_wrapping_tax_excl="4.587000", total_wrapping_tax_incl="5.500000",
                 total_paid_tax_excl="26.587000", total_paid_tax_incl="28.710000", conversion_rate="1.100000",
                 currency="USD")

    (fee,) = found.fee_lines
    assert (fee.total, fee.total_tax, fee.taxes) == (D("4.59"), D("0.91"), (LineTax("1", D("0.91")),))
    assert (found.currency, found.meta["currency_rate"]) == ("USD", "1.100000")
