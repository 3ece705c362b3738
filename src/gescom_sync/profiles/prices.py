"""Settings of the price update (SPEC §3.3), as a profile's ``[update_prices]`` block.

The VAT and eco-tax choices (accounting category, tax code slots, eco-tax options) and
the decimal precision are the product export's ``[export_products.taxes]`` block, shared
so that both operations send the same prices. Every key is in docs/update-prices.md.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from gescom_sync.profiles.base import Settings


class DiscountMode(StrEnum):
    """How a discount on the default price reaches the shop."""

    STRIKE_THROUGH = "strike_through"  # regular price + sale price: the shop shows the old price struck through
    APPLIED = "applied"  # the discounted price becomes the regular price


class PromotionFields(Settings):
    """Free fields holding a promotion: its price (same tax basis as the article's price)
    and its first and last days. No price field: no promotions."""

    price_field: str | None = None
    start_field: str | None = None
    end_field: str | None = None


class PriceSettings(Settings):
    default_category: str | None = Field(
        None, description="Price category (P_CATTARIF slot) giving the shop's default price; none: the article's own price."
    )
    tax_included: bool = Field(False, description="Send prices tax included (else tax excluded).")
    discount_mode: DiscountMode = DiscountMode.STRIKE_THROUGH
    promotions: PromotionFields = Field(default_factory=PromotionFields)
    group_prices: bool = Field(True, description="Specific prices per customer group (price category).")
    group_categories: list[str] = Field(
        default_factory=list, description="Categories sent as group prices; empty: all but the default one."
    )
    customer_prices: bool = Field(True, description="Specific prices per customer (exception prices, family discounts).")
    buying_group_prices: bool = Field(True, description="Members of a buying group get its prices.")
    quantity_breaks: bool = True
    ignore_published: bool = False
    only_changed_since_last_transfer: bool = False
    filter: str | None = Field(None, description="SQL filter on the back office's articles.")
