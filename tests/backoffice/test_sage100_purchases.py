"""Open order lines of the Bijou demo (supplier orders, customer orders, preparations)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gescom_sync.model import OrderSide


def _supplier(lines):
    return [(l.reference, l.variant, l.quantity, l.expected, l.warehouse) for l in lines if l.side is OrderSide.SUPPLIER]


def test_open_supplier_order_lines_with_and_without_dates(sage):
    assert _supplier(sage.open_order_lines()) == [
        ("BAOR01", None, Decimal(5), date(2026, 11, 28), "1"),
        ("CHAAR/VAR", "CHAAR/VAR45", Decimal(10), date(2026, 12, 1), "1"),
        ("CHAAR/VAR", "CHAAR/VAR50", Decimal(5), None, "1"),
        ("CHAOR42", None, Decimal(20), date(2026, 12, 4), "1"),
        ("CHAOR42", None, Decimal(5), date(2026, 12, 18), "2"),
        ("CHSR10", None, Decimal(10), date(2026, 12, 8), "1"),
        ("MONTRE01", None, Decimal(6), date(2026, 11, 30), "1"),
        ("PANBLEU40", None, Decimal(10), date(2026, 12, 10), "1"),
        ("PANROUGE42", None, Decimal(8), None, "1"),
    ]


def test_open_customer_order_and_preparation_lines(sage):
    chaor42 = [
        (l.document, l.quantity, l.expected, l.third_party)
        for l in sage.open_order_lines()
        if l.reference == "CHAOR42" and l.side is OrderSide.CUSTOMER
    ]
    # BC00032 dated by its header (27/11), BC00031 (05/12), the preparation PL00004 undated
    assert chaor42 == [
        ("BC00032", Decimal(5), date(2026, 11, 27), "COMPTOIR"),
        ("BC00031", Decimal(3), date(2026, 12, 5), "TOPAZ"),
        ("PL00004", Decimal(3), None, "GROSSOR"),
    ]
    # delivery notes and invoices are not open orders
    assert not [l for l in sage.open_order_lines() if l.document.startswith(("BL", "FA", "DE", "AV"))]


def test_warehouses_and_filter_narrow_the_lines(sage):
    assert _supplier(sage.open_order_lines(warehouses=["Boutique Lyon"])) == [
        ("CHAOR42", None, Decimal(5), date(2026, 12, 18), "2")
    ]
    assert {l.reference for l in sage.open_order_lines(filter="AR_Ref LIKE 'PAN%'")} == {"PANBLEU40", "PANROUGE42"}
