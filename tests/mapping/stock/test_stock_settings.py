"""The [update_stock] settings block: defaults, TOML round trip, refused typos."""

from __future__ import annotations

import tomllib
from decimal import Decimal

import pytest
import tomli_w
from pydantic import ValidationError

from gescom_sync.model import StockFormula
from gescom_sync.profiles.stock import DeliveryDateMethod, StockSettings


def test_defaults_send_real_stock_of_all_warehouses_and_100_for_unmanaged_articles():
    settings = StockSettings()
    assert (settings.formula, settings.warehouses, settings.default_quantity) == (StockFormula.REAL, [], Decimal(100))
    assert settings.next_delivery_date is DeliveryDateMethod.NONE
    assert not settings.send_negative_stock


def test_round_trip_through_toml():
    text = """
warehouses = ["PARIS"]
formula = "forecast"
default_quantity = 50
counter_mark_quantity = 5
next_delivery_date = "projected_positive"
ignore_undated_purchase_lines = true
"""
    settings = StockSettings.model_validate(tomllib.loads(text))
    assert (settings.formula, settings.default_quantity, settings.counter_mark_quantity) == (
        StockFormula.FORECAST, Decimal(50), Decimal(5),
    )
    again = StockSettings.model_validate(tomllib.loads(tomli_w.dumps(settings.model_dump(mode="json", exclude_none=True))))
    assert again == settings


@pytest.mark.parametrize("data", [{"formule": "real"}, {"formula": "stock"}, {"next_delivery_date": "soon"}])
def test_typos_and_unknown_values_are_refused(data):
    with pytest.raises(ValidationError):
        StockSettings.model_validate(data)
