"""Settings of the stock update (SPEC §3.2), as a profile's ``[update_stock]`` block.

Every key, its default and an example are in docs/update-stock.md.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import Field

from gescom_sync.model import StockFormula
from gescom_sync.profiles.base import Settings


class DeliveryDateMethod(StrEnum):
    """Which date is sent as the next delivery (availability) date."""

    NONE = "none"  # no date is sent
    NEAREST = "nearest"  # the nearest expected date of the open supplier-order lines
    FARTHEST = "farthest"  # the farthest one
    PROJECTED_POSITIVE = "projected_positive"  # when stock, after orders both ways, becomes positive


class StockSettings(Settings):
    warehouses: list[str] = Field(
        default_factory=list, description="Warehouses summed (id, code or name); empty: all."
    )
    formula: StockFormula = StockFormula.REAL
    default_quantity: Decimal | None = Field(
        Decimal(100), description="Quantity of articles without stock management; none: the shop does not count them."
    )
    counter_mark_quantity: Decimal | None = Field(
        None, description="Quantity of counter-mark articles whose stock is zero or less; none: their stock."
    )
    send_negative_stock: bool = Field(False, description="Send a negative quantity as it is instead of 0.")
    next_delivery_date: DeliveryDateMethod = DeliveryDateMethod.NONE
    ignore_undated_purchase_lines: bool = Field(
        False, description="Leave out supplier-order lines without an expected date (else: expected today)."
    )
    update_weight: bool = False
    update_barcode: bool = False
    update_minimum_quantity: bool = False
    update_warranty: bool = False
    ignore_published: bool = Field(False, description="Also update articles not flagged 'published on the web'.")
    only_changed_since_last_transfer: bool = False
    filter: str | None = Field(None, description="SQL filter on the back office's articles, e.g. AR_Ref LIKE 'CH%'.")
    deactivate_when_out_of_stock: bool = False
    reactivate_when_back_in_stock: bool = False
    move_default_variant_off_out_of_stock: bool = False
    mark_out_of_stock: bool = Field(False, description="Set the shop's 'out of stock' status from the quantity.")
