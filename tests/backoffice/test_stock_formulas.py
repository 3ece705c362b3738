"""The five stock formulas of SPEC §3.2 on one set of counters, each giving its own figure."""

from decimal import Decimal

import pytest

from gescom_sync.model import StockCounters, StockFormula

COUNTERS = StockCounters(
    real=Decimal(20),
    reserved=Decimal(3),
    ordered=Decimal(10),
    prepared=Decimal(2),
    reserved_counter_mark=Decimal(1),
    ordered_counter_mark=Decimal(4),
)


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        (StockFormula.REAL, 20),  # real
        (StockFormula.REAL_MINUS_RESERVED, 17),  # 20 - 3
        (StockFormula.AVAILABLE, 21),  # 20 - 2 - 1 + 4
        (StockFormula.FORECAST, 25),  # 20 + 10 - 3 - 2
        (StockFormula.FORECAST_WITHOUT_SUPPLIER_ORDERS, 15),  # 20 - 3 - 2
    ],
)
def test_each_formula(formula, expected):
    assert COUNTERS.quantity(formula) == Decimal(expected)


def test_counters_add_up_per_counter():
    total = COUNTERS + StockCounters(real=Decimal("1.5"), ordered_counter_mark=Decimal(1))
    assert total.real == Decimal("21.5")
    assert total.ordered_counter_mark == Decimal(5)
    assert total.reserved == Decimal(3)
