"""The [update_prices] settings block: defaults, TOML round trip, refused typos."""

from __future__ import annotations

import tomllib

import pytest
import tomli_w
from pydantic import ValidationError

from gescom_sync.profiles.prices import DiscountMode, PriceSettings


def test_defaults_send_the_articles_own_price_tax_excluded_with_every_specific_price():
    settings = PriceSettings()
    assert (settings.default_category, settings.tax_included, settings.discount_mode) == (
        None, False, DiscountMode.STRIKE_THROUGH,
    )
    assert settings.group_prices and settings.customer_prices and settings.quantity_breaks


def test_round_trip_through_toml():
    text = """
default_category = "2"
tax_included = true
discount_mode = "applied"
group_categories = ["1"]

[promotions]
price_field = "PrixPromo"
start_field = "DebutPromo"
end_field = "FinPromo"
"""
    settings = PriceSettings.model_validate(tomllib.loads(text))
    assert settings.promotions.price_field == "PrixPromo" and settings.discount_mode is DiscountMode.APPLIED
    again = PriceSettings.model_validate(tomllib.loads(tomli_w.dumps(settings.model_dump(mode="json", exclude_none=True))))
    assert again == settings


@pytest.mark.parametrize("data", [{"tax_include": True}, {"discount_mode": "crossed"}, {"promotions": {"price": "X"}}])
def test_typos_and_unknown_values_are_refused(data):
    with pytest.raises(ValidationError):
        PriceSettings.model_validate(data)
