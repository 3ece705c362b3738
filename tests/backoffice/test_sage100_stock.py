"""Stock formulas on the Bijou figures, one and several warehouses, range variants.

CHAOR42 in the main warehouse (1): Sto 50, Res 8, Com 20, Prepa 3, ResCM 2, ComCM 1;
in Lyon (2): Sto 10, Com 5. CHAAR/VAR45: Sto 15, Res 1, Com 10 in 1; Sto 2 in 2.
"""

from decimal import Decimal

import pytest

from gescom_sync.errors import NotFound
from gescom_sync.model import StockFormula

F = StockFormula


def quantities(levels):
    return {(level.reference, level.variant): level.quantity for level in levels}


@pytest.mark.parametrize(
    ("formula", "main_only", "both"),
    [
        (F.REAL, 50, 60),
        (F.REAL_MINUS_RESERVED, 42, 52),  # 50 - 8
        (F.AVAILABLE, 46, 56),  # 50 - 3 - 2 + 1
        (F.FORECAST, 59, 74),  # 50 + 20 - 8 - 3 ; 60 + 25 - 8 - 3
        (F.FORECAST_WITHOUT_SUPPLIER_ORDERS, 39, 49),  # 50 - 8 - 3
    ],
)
def test_each_formula_on_one_and_on_several_warehouses(sage, formula, main_only, both):
    assert quantities(sage.stock(formula, ["1"], filter="AR_Ref = 'CHAOR42'")) == {("CHAOR42", None): Decimal(main_only)}
    assert quantities(sage.stock(formula, ["PARIS", "Boutique Lyon"], filter="AR_Ref = 'CHAOR42'")) == {
        ("CHAOR42", None): Decimal(both)
    }
    assert quantities(sage.stock(formula, filter="AR_Ref = 'CHAOR42'")) == {("CHAOR42", None): Decimal(both)}


def test_counters_and_warehouses_are_reported(sage):
    [level] = sage.stock(F.FORECAST, ["lyon"], filter="AR_Ref = 'CHAOR42'")
    assert level.warehouses == ("2",)
    assert (level.counters.real, level.counters.ordered, level.quantity) == (Decimal(10), Decimal(5), Decimal(15))


def test_range_variants_have_their_own_stock(sage):
    main = quantities(sage.stock(F.FORECAST, ["1"], filter="AR_Ref = 'CHAAR/VAR'"))
    assert main == {
        ("CHAAR/VAR", None): Decimal(47),  # 35 + 15 - 3
        ("CHAAR/VAR", "CHAAR/VAR40"): Decimal(18),  # 20 - 2
        ("CHAAR/VAR", "CHAAR/VAR45"): Decimal(24),  # 15 + 10 - 1
        ("CHAAR/VAR", "CHAAR/VAR50"): Decimal(5),  # 0 + 5
    }
    everywhere = quantities(sage.stock(F.REAL, filter="AR_Ref = 'CHAAR/VAR'"))
    assert everywhere[("CHAAR/VAR", "CHAAR/VAR45")] == Decimal(17)
    assert everywhere[("CHAAR/VAR", None)] == Decimal(42)


def test_counter_mark_and_negative_stock(sage):
    levels = quantities(sage.stock(F.AVAILABLE, filter="AR_Ref IN ('BAPL05', 'CHSR10')"))
    assert levels == {("BAPL05", None): Decimal(0), ("CHSR10", None): Decimal(-2)}  # 0 - 1 + 1 ; -3 + 1


def test_only_stock_managed_articles_are_listed(sage):
    references = {level.reference for level in sage.stock()}
    assert not references & {"GRAVURE", "FLEUR01", "DIVERS", "PORT"}
    assert len(references) == 34 - 13  # GRAVURE, FLEUR01 and the 11 special articles are not stock-managed


def test_an_unknown_warehouse_is_named_with_the_known_ones(sage):
    with pytest.raises(NotFound) as missing:
        sage.stock(F.REAL, ["Marseille"])
    assert "Marseille" in str(missing.value) and "1 (Dépôt principal Paris)" in str(missing.value)
