"""Orders as the WooCommerce connector gives them, built for the order import's tests.

``order_91`` is recording 91/92 of the reference (two tax rates, a 10 % coupon spread
over both, taxed shipping and gift wrapping) with the back-office references BAOR01 and
LIVRE01 as SKUs.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal as D

from gescom_sync.model.order import (
    Discount,
    FeeLine,
    LineTax,
    Order,
    OrderAddress,
    OrderLine,
    OrderMessage,
    OrderTax,
    Payment,
    ShippingLine,
)
from gescom_sync.profiles.orders import ImportOrdersSettings

JEAN = OrderAddress(first_name="Jean", last_name="Durand", company="Durand SARL", line1="3 rue de la Paix",
                    postcode="75002", city="Paris", country="FR", email="jean.durand@example.fr")
TVA20 = OrderTax("1", "FR-TVA 20%-1", "TVA 20%", D("20"), D("0"), D("0"))
TVA55 = OrderTax("2", "FR-TVA 5.5%-1", "TVA 5.5%", D("5.5"), D("0"), D("0"))
CREATED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def line(reference: str, quantity: str, subtotal: str, subtotal_tax: str, total: str | None = None,
         total_tax: str | None = None, rate_id: str = "1", name: str | None = None, line_id: str = "1") -> OrderLine:
    total, total_tax = total or subtotal, total_tax or subtotal_tax
    return OrderLine(line_id, name or f"Produit {reference}", reference, D(quantity), D(subtotal), D(subtotal_tax),
                     D(total), D(total_tax), (LineTax(rate_id, D(total_tax), D(subtotal_tax)),))


def shipping(total: str, tax: str, method_id: str = "flat_rate", title: str = "Colissimo") -> ShippingLine:
    return ShippingLine("s1", method_id, title, D(total), D(tax), (LineTax("1", D(tax)),))


def order(order_id: str, lines: tuple[OrderLine, ...], total: str, total_tax: str, **changes) -> Order:
    """An order in EUR of Jean Durand, paid by cheque of its total unless ``payments`` says otherwise."""
    base = Order(id=order_id, number=order_id, status="processing", currency="EUR", created_at=CREATED,
                 modified_at=CREATED, billing=JEAN, shipping=JEAN, lines=lines, total=D(total), total_tax=D(total_tax),
                 taxes=(TVA20, TVA55), customer_id="70",
                 payments=(Payment("cheque", "Chèque", D(total)),))
    return replace(base, **changes)


def order_91(**changes) -> Order:
    """Recording 91/92: 247.99 including 39.16 of tax."""
    lines = (line("BAOR01", "2", "200.00", "40.00", "180.00", "36.00", name="Bague or"),
             line("LIVRE01", "1", "20.00", "1.10", "18.00", "0.99", rate_id="2", name="Livre bijoux", line_id="2"))
    taxes = (replace(TVA20, tax_total=D("36.50"), shipping_tax_total=D("1.67")), replace(TVA55, tax_total=D("0.99")))
    values = dict(
        discount_total=D("22.00"), discount_tax=D("4.11"), shipping_total=D("8.33"), shipping_tax=D("1.67"),
        shipping_lines=(shipping("8.33", "1.67"),),
        fee_lines=(FeeLine("f1", "Emballage cadeau", D("2.50"), D("0.50"), (LineTax("1", D("0.50")),)),),
        discounts=(Discount("promo10", D("22"), D("4.11"), "percent", D("10")),), taxes=taxes,
        messages=(OrderMessage("Livrer le matin svp", from_customer=True),), currency="USD")
    return order("91", lines, "247.99", "39.16", **(values | changes))


BIJOU_TAXES = {"rows": [{"shop": "TVA 20%", "code": "C20"}, {"shop": "TVA 5.5%", "code": "C55"},
                        {"shop": "10", "code": "C10"}, {"shop": "0", "code": "C00"}]}
BIJOU_REMISE = {"C20": "REMISE20", "C10": "REMISE10", "C55": "REMISE55", "C00": "REMISE0"}
BIJOU_PAYMENTS = {"rows": [{"shop": "cheque", "method": 2, "journal": "BQ1"},
                           {"shop": "bacs", "method": 3, "journal": "BQ1"},
                           {"shop": "gift_card", "method": 1, "journal": "BQ1", "create": True},
                           {"shop": "cod", "method": 2, "journal": "BQ1", "create": False}]}


def bijou_settings(**blocks) -> ImportOrdersSettings:
    """The order import set up for the Bijou database; ``blocks`` replace whole settings blocks."""
    base = {"taxes": BIJOU_TAXES, "special_articles": {"remise": BIJOU_REMISE}, "payments": BIJOU_PAYMENTS}
    return ImportOrdersSettings.model_validate(base | blocks)
