"""A document's totals as the back office computes them: tax per tax code on that code's base.

Tax-excluded documents add the lines' excluded amounts per code and compute the tax on
each base; tax-included documents add the included amounts per code and derive the
excluded base from them. The writer stores these totals; the mapping compares them with
the shop's total to the cent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from gescom_sync.mapping.orders.draft import ZERO, DraftLine, LineKind, ShippingFooter, money

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class TaxTotal:
    code: str | None
    rate: Decimal
    base: Decimal  # tax excluded
    tax: Decimal


@dataclass(frozen=True, slots=True)
class DocumentTotals:
    lines_excluded: Decimal  # DO_TotalHT: the lines, before the footer's shipping
    excluded: Decimal  # DO_TotalHTNet: lines + shipping
    taxes: tuple[TaxTotal, ...]
    included: Decimal  # DO_TotalTTC

    @property
    def tax(self) -> Decimal:
        return sum((t.tax for t in self.taxes), ZERO)


def line_amounts(line: DraftLine, tax_included: bool) -> tuple[Decimal, Decimal]:
    """(excluded, included) amounts of one line (DL_MontantHT, DL_MontantTTC)."""
    amount = line.amount()
    factor = 1 + line.tax_rate / HUNDRED
    if tax_included:
        return money(amount / factor), amount
    return amount, money(amount * factor)


def document_totals(lines: Iterable[DraftLine], shipping: ShippingFooter | None, tax_included: bool) -> DocumentTotals:
    groups: dict[tuple[str | None, Decimal], Decimal] = defaultdict(Decimal)
    lines_excluded = ZERO
    for line in lines:
        if line.kind is LineKind.COMMENT:
            continue
        groups[(line.tax_code, line.tax_rate)] += line.amount()
        lines_excluded += line_amounts(line, tax_included)[0]
    if shipping is not None and shipping.amount:
        groups[(shipping.tax_code, shipping.tax_rate)] += shipping.amount
    taxes = tuple(_tax_total(code, rate, amount, tax_included) for (code, rate), amount in groups.items())
    excluded = sum((t.base for t in taxes), ZERO)
    return DocumentTotals(lines_excluded, excluded, taxes, excluded + sum((t.tax for t in taxes), ZERO))


def _tax_total(code: str | None, rate: Decimal, amount: Decimal, tax_included: bool) -> TaxTotal:
    if tax_included:
        base = money(amount / (1 + rate / HUNDRED))
        return TaxTotal(code, rate, base, amount - base)
    return TaxTotal(code, rate, amount, money(amount * rate / HUNDRED))
