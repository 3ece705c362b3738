"""Weight and dimensions in the shop's units."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from gescom_sync.mapping.catalogue.fields import decimal_value
from gescom_sync.model import Product, WeightUnit
from gescom_sync.model.shop import Dimensions
from gescom_sync.profiles.catalogue import DimensionSettings, WeightSettings

KILOGRAMS_PER_UNIT: dict[str, Decimal] = {
    WeightUnit.TONNE: Decimal(1000),
    WeightUnit.QUINTAL: Decimal(100),
    WeightUnit.KILOGRAM: Decimal(1),
    WeightUnit.GRAM: Decimal("0.001"),
    WeightUnit.MILLIGRAM: Decimal("0.000001"),
    "g": Decimal("0.001"),
    "kg": Decimal(1),
    "lbs": Decimal("0.45359237"),  # the international avoirdupois pound, exactly
    "oz": Decimal("0.028349523125"),  # 1/16 lb, exactly
}


def convert_weight(value: Decimal, unit: WeightUnit | str, shop_unit: str, decimals: int) -> Decimal:
    """``value`` in ``unit`` converted to ``shop_unit``, rounded half up to ``decimals`` and
    without trailing zeros (4.5 g -> ``0.0045`` kg; 0.45 kg -> ``0.45`` kg)."""
    converted = value * KILOGRAMS_PER_UNIT[unit] / KILOGRAMS_PER_UNIT[shop_unit]
    return trim(converted.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP))


def trim(value: Decimal) -> Decimal:
    """Without trailing zeros, never in exponent form (``100`` stays ``100``)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def product_weight(product: Product, settings: WeightSettings) -> Decimal | None:
    """Net or gross weight in the shop's unit; None when the product has none (or no unit)."""
    if settings.source == "none":
        return None
    value = product.net_weight if settings.source == "net" else product.gross_weight
    if value is None or not value or product.weight_unit is None:
        return None
    return convert_weight(value, product.weight_unit, settings.shop_unit, settings.decimals)


def product_dimensions(product: Product, settings: DimensionSettings) -> Dimensions | None:
    """Width, height and depth (the shop's length) from the chosen numeric fields; None when none is set."""
    exponent = Decimal(1).scaleb(-settings.decimals)

    def read(name: str | None, setting: str) -> Decimal | None:
        value = decimal_value(product, name, f"dimensions.{setting}")
        return None if value is None else trim(value.quantize(exponent, rounding=ROUND_HALF_UP))

    dimensions = Dimensions(
        length=read(settings.depth_field, "depth_field"),
        width=read(settings.width_field, "width_field"),
        height=read(settings.height_field, "height_field"),
    )
    return None if dimensions == Dimensions() else dimensions
