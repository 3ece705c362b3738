"""A document's totals as the back office computes them: tax per tax code on that code's base.

Tax-excluded documents add the lines' excluded amounts per code and compute the tax on
each base; tax-included documents add the included amounts per code and derive the
excluded base from them. The mapping compares the totals in the order's currency with the
shop's total to the cent; the back office stores a document in currency in its own
currency (every amount but DL_PUDevise and the *Dev columns): :func:`stored_totals`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from gescom_sync.mapping.orders.draft import ZERO, DocumentDraft, DraftLine, LineKind, ShippingFooter, money

HUNDRED = Decimal(100)
UNIT_PRICE = Decimal("0.000001")  # six places, as Sage keeps unit prices


def unit_price(value: Decimal) -> Decimal:
    """A unit price to six places, half up (how Sage rounds)."""
    return value.quantize(UNIT_PRICE, rounding=ROUND_HALF_UP)


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


def in_currency(draft: DocumentDraft) -> bool:
    return bool(draft.currency and draft.currency_rate)


def to_base_price(value: Decimal, draft: DocumentDraft) -> Decimal:
    """A unit price of ``draft`` in the back office's currency (DO_Cours: currency units per unit of it)."""
    return unit_price(value / draft.currency_rate) if in_currency(draft) else value


def to_base_amount(value: Decimal, draft: DocumentDraft) -> Decimal:
    """An amount of ``draft`` in the back office's currency, to the cent."""
    return money(value / draft.currency_rate) if in_currency(draft) else value


def base_line(line: DraftLine, draft: DocumentDraft) -> DraftLine:
    """``line`` priced in the back office's currency: its amounts are then worked out from the
    converted unit price, as the back office does."""
    if not in_currency(draft):
        return line
    return replace(line, unit_price=to_base_price(line.unit_price, draft), ecotax=to_base_price(line.ecotax, draft))


def stored_totals(draft: DocumentDraft) -> DocumentTotals:
    """The totals the back office stores for ``draft``: in its own currency."""
    shipping = draft.shipping
    if shipping is not None and in_currency(draft):
        shipping = replace(shipping, amount=to_base_amount(shipping.amount, draft))
    return document_totals((base_line(line, draft) for line in draft.lines), shipping, draft.tax_included)
