"""Warehouses, stock counters and the quantity formulas of SPEC §3.2."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Warehouse:
    id: str
    name: str
    code: str | None = None
    main: bool = False


class StockFormula(StrEnum):
    """Which quantity is sent to the shop (SPEC §3.2)."""

    REAL = "real"  # real
    REAL_MINUS_RESERVED = "real_minus_reserved"  # real - reserved
    AVAILABLE = "available"  # real - prepared - reserved counter-mark + ordered counter-mark
    FORECAST = "forecast"  # real + ordered - reserved - prepared ("à terme")
    FORECAST_WITHOUT_SUPPLIER_ORDERS = "forecast_without_supplier_orders"  # real - reserved - prepared


@dataclass(frozen=True, slots=True)
class StockCounters:
    """The six counters a back office keeps per product and warehouse."""

    real: Decimal = ZERO
    reserved: Decimal = ZERO  # on customer orders
    ordered: Decimal = ZERO  # on supplier orders
    prepared: Decimal = ZERO  # on delivery preparations
    reserved_counter_mark: Decimal = ZERO
    ordered_counter_mark: Decimal = ZERO

    def __add__(self, other: StockCounters) -> StockCounters:
        return StockCounters(
            self.real + other.real,
            self.reserved + other.reserved,
            self.ordered + other.ordered,
            self.prepared + other.prepared,
            self.reserved_counter_mark + other.reserved_counter_mark,
            self.ordered_counter_mark + other.ordered_counter_mark,
        )

    def quantity(self, formula: StockFormula) -> Decimal:
        if formula is StockFormula.REAL:
            return self.real
        if formula is StockFormula.REAL_MINUS_RESERVED:
            return self.real - self.reserved
        if formula is StockFormula.AVAILABLE:
            return self.real - self.prepared - self.reserved_counter_mark + self.ordered_counter_mark
        if formula is StockFormula.FORECAST:
            return self.real + self.ordered - self.reserved - self.prepared
        if formula is StockFormula.FORECAST_WITHOUT_SUPPLIER_ORDERS:
            return self.real - self.reserved - self.prepared
        raise ValueError(formula)


@dataclass(frozen=True, slots=True)
class StockLevel:
    """Stock of one product (or one of its variants) summed over ``warehouses``."""

    reference: str
    variant: str | None  # the variant's reference, None for the product itself
    warehouses: tuple[str, ...]  # ids of the warehouses summed
    counters: StockCounters
    formula: StockFormula
    quantity: Decimal  # ``counters.quantity(formula)``


class OrderSide(StrEnum):
    """Which way an open order line moves stock when it is fulfilled."""

    SUPPLIER = "supplier"  # a supplier order line: stock comes in
    CUSTOMER = "customer"  # a customer order or preparation line: stock goes out


@dataclass(frozen=True, slots=True)
class OpenOrderLine:
    """A line of an open order still to be received (supplier) or delivered (customer).

    ``expected`` is the line's expected delivery date, else its document's; None when
    neither says. ``variant`` is the variant's reference, None for the product itself.
    """

    reference: str
    variant: str | None
    side: OrderSide
    quantity: Decimal
    expected: date | None
    ordered_on: date | None
    warehouse: str | None  # Warehouse.id
    document: str
    third_party: str | None = None
