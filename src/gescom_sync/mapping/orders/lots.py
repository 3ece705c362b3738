"""Automatic lot / serial number assignment (SPEC §3.6 "Lines"): which lots a quantity takes.

A pure choice over the lots the back office has in stock; the writer reads them in its
transaction (so two orders of one run never take the same units) and writes the result.
A serial number is a lot of one unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

ZERO = Decimal("0")


class LotMethod(StrEnum):
    """The four methods of SPEC §3.6 (``import_orders.lines.lots.method``)."""

    OLDEST_MANUFACTURING = "oldest_manufacturing"
    NEWEST_MANUFACTURING = "newest_manufacturing"
    NEAREST_EXPIRY = "nearest_expiry"
    FARTHEST_EXPIRY = "farthest_expiry"


@dataclass(frozen=True, slots=True)
class Lot:
    number: str  # LS_NoSerie
    available: Decimal  # remaining, less what orders already reserved
    manufactured: datetime | None = None
    expires: datetime | None = None
    key: int = 0  # the writer's handle on the row (cbMarq)


@dataclass(frozen=True, slots=True)
class LotPick:
    taken: tuple[tuple[Lot, Decimal], ...]
    missing: Decimal  # what no lot could give


def pick_lots(lots: Iterable[Lot], quantity: Decimal, method: LotMethod) -> LotPick:
    """Take ``quantity`` from the lots in the method's order; lots without the date sorted on
    come last, ties by lot number."""
    taken = []
    remaining = quantity
    for lot in sorted((lot for lot in lots if lot.available > 0), key=_order(method)):
        if remaining <= 0:
            break
        share = min(lot.available, remaining)
        taken.append((lot, share))
        remaining -= share
    return LotPick(tuple(taken), max(remaining, ZERO))


def _order(method: LotMethod):
    by_expiry = method in (LotMethod.NEAREST_EXPIRY, LotMethod.FARTHEST_EXPIRY)
    newest_first = method in (LotMethod.NEWEST_MANUFACTURING, LotMethod.FARTHEST_EXPIRY)

    def key(lot: Lot) -> tuple[bool, int, str]:
        when = lot.expires if by_expiry else lot.manufactured
        if when is None:
            return True, 0, lot.number
        day = when.toordinal()
        return False, -day if newest_first else day, lot.number

    return key
