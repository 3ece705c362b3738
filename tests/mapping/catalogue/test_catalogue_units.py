"""Weights converted from the back office's unit to the shop's; dimensions from numeric fields."""

from decimal import Decimal

import pytest
from catalogue_support import build

from gescom_sync.mapping.catalogue.units import convert_weight
from gescom_sync.model import WeightUnit
from gescom_sync.model.shop import Dimensions


@pytest.mark.parametrize(
    ("value", "unit", "shop_unit", "decimals", "expected"),
    [
        ("4.5", WeightUnit.GRAM, "kg", 4, "0.0045"),
        ("4.5", WeightUnit.GRAM, "g", 4, "4.5"),
        ("1800", WeightUnit.MILLIGRAM, "g", 4, "1.8"),
        ("0.45", WeightUnit.KILOGRAM, "lbs", 4, "0.9921"),  # 0.45 / 0.45359237
        ("0.45", WeightUnit.KILOGRAM, "oz", 2, "15.87"),  # 0.45 / 0.028349523125
        ("2", WeightUnit.QUINTAL, "kg", 4, "200"),
        ("1", WeightUnit.TONNE, "lbs", 3, "2204.623"),
    ],
)
def test_weight_conversion(value, unit, shop_unit, decimals, expected):
    converted = convert_weight(Decimal(value), unit, shop_unit, decimals)
    assert str(converted) == expected


def test_net_or_gross_weight_of_the_demo_articles(bijou):
    net = build(bijou)
    assert net.product("BAOR01").weight == Decimal("0.0045")  # 4.5 g
    assert net.product("BOAR12").weight == Decimal("0.0018")  # 1 800 mg
    assert net.product("PANBLEU38").weight == Decimal("0.45")  # kg
    gross = build(bijou, weight={"source": "gross", "shop_unit": "g"})
    assert gross.product("BAOR01").weight == Decimal(12)
    assert gross.product("PANBLEU38").weight == Decimal(500)
    assert build(bijou, weight={"source": "none"}).product("BAOR01").weight is None


def test_dimensions_from_the_chosen_fields(bijou):
    draft = build(bijou, dimensions={"width_field": "Largeur", "height_field": "Hauteur", "depth_field": "Profondeur"})
    assert draft.product("BAOR01").dimensions == Dimensions(length=Decimal("0.6"), width=Decimal("2.1"), height=Decimal("2.3"))
    assert draft.product("CHAOR42").dimensions == Dimensions(length=Decimal("0.2"), width=Decimal("0.3"), height=Decimal(42))
    assert draft.product("CHORFA").dimensions is None
