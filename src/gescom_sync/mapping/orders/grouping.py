"""Grouping per day (SPEC §3.6): a day's orders (all, or guests only) become one document on
the grouping account, lines merged by article + price + tax, payments merged per method.

A pure function over the drafts ``build_document`` made; each result names the shop
orders it holds so the operation binds every one of them to the one document. The
writer stamps the first order id in ``DO_NoWeb`` and every id of the group in its link
table, so the crash repair finds each of them (docs/import-orders.md).

Only the orders of days that are over should be passed: a day grouped while it still
gets orders would leave its later orders to a second document.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from gescom_sync.i18n import _
from gescom_sync.journal.events import Message
from gescom_sync.mapping.orders.build import ecart_lines
from gescom_sync.mapping.orders.draft import ZERO, DocumentDraft, DraftLine, LineKind, PaymentDraft, ShippingFooter
from gescom_sync.mapping.orders.payments import settle_difference
from gescom_sync.mapping.orders.totals import document_totals
from gescom_sync.profiles.orders import ImportOrdersSettings

REFERENCE_LENGTH = 17  # DO_Ref
LABEL_LENGTH = 35  # RG_Libelle


@dataclass(frozen=True, slots=True)
class GroupedDraft:
    """The document of one or more shop orders."""

    draft: DocumentDraft
    shop_order_ids: tuple[str, ...]


def group_by_day(drafts: Sequence[DocumentDraft], settings: ImportOrdersSettings) -> list[GroupedDraft]:
    """The documents to write: the drafts not grouped as they are, each day's group merged, in the
    order of their first draft."""
    groups: dict[tuple | int, list[DocumentDraft]] = defaultdict(list)
    for position, draft in enumerate(drafts):
        key = _group_key(draft, settings)
        groups[position if key is None else key].append(draft)
    return [_merged(members, settings) if isinstance(key, tuple) else
            GroupedDraft(members[0], (members[0].shop_order_id,)) for key, members in groups.items()]


def _group_key(draft: DocumentDraft, settings: ImportOrdersSettings) -> tuple | None:
    """What drafts must share to be one document; None when this draft is not grouped."""
    grouped = settings.grouping.orders
    if grouped == "none" or (grouped == "guests" and not draft.guest):
        return None
    return ("day", draft.date.date(), draft.document_type, draft.status, draft.series, draft.warehouse,
            draft.currency, draft.currency_rate, draft.tax_included, draft.accounting_category)


def _merged(members: list[DocumentDraft], settings: ImportOrdersSettings) -> GroupedDraft:
    ids = tuple(d.shop_order_id for d in members)
    first = members[0]
    day = datetime.combine(first.date.date(), datetime.min.time())
    warnings: list[Message] = [w for d in members for w in d.warnings]
    footer, shipping_lines = _shipping(members, settings)
    lines = [line for d in members for line in d.lines if line.kind is not LineKind.COMMENT] + shipping_lines
    if settings.grouping.merge_lines:
        lines = _merged_lines(lines)
    expected = sum((d.expected_total for d in members), ZERO)
    lines += ecart_lines(", ".join(ids), expected, lines, footer, settings, warnings, merged=True)
    lines += [line for d in members for line in d.lines if line.kind is LineKind.COMMENT]
    payments = [p for d in members for p in d.payments]
    if settings.grouping.merge_payments:
        payments = _merged_payments(payments, day)
    total = document_totals(lines, footer, first.tax_included).included
    deliveries = [d.delivery_date for d in members if d.delivery_date is not None]
    draft = replace(
        first, account=settings.grouping.account or first.account, date=day,
        reference=_("Web {day}").format(day=day.strftime("%d/%m/%Y"))[:REFERENCE_LENGTH], lines=tuple(lines),
        expected_total=expected, shipping=footer, payments=settle_difference(payments, total, settings),
        delivery_date=max(deliveries, default=None), warnings=tuple(warnings),
        guest=all(d.guest for d in members), grouped_order_ids=ids)
    return GroupedDraft(draft, ids)


def _shipping(members: list[DocumentDraft], settings: ImportOrdersSettings) -> tuple[ShippingFooter | None,
                                                                                       list[DraftLine]]:
    """The footers added up when they share one tax code, else one shipping line per code."""
    amounts: dict[tuple[str | None, Decimal], Decimal] = defaultdict(Decimal)
    for d in members:
        if d.shipping is not None and d.shipping.amount:
            amounts[(d.shipping.tax_code, d.shipping.tax_rate)] += d.shipping.amount
    if len(amounts) <= 1:
        return next((ShippingFooter(amount, code, rate) for (code, rate), amount in amounts.items()), None), []
    return None, [DraftLine(LineKind.SHIPPING, settings.special_articles.port, _("Shipping"), Decimal(1), amount,
                            code, rate) for (code, rate), amount in amounts.items()]


def _merged_lines(lines: list[DraftLine]) -> list[DraftLine]:
    """Lines of the same article, price, tax and variant added up (SPEC: reference + price +
    discount; prices here are already net); other than products, the designation must match too."""
    merged: dict[tuple, DraftLine] = {}
    for line in lines:
        key = (line.kind, line.article, line.unit_price, line.tax_code, line.tax_rate, line.range_numbers,
               line.packaging, line.ecotax, line.ecotax_code, line.stock_managed,
               None if line.kind is LineKind.PRODUCT else line.designation)
        known = merged.get(key)
        if known is None:
            merged[key] = line
            continue
        packagings = None if known.packagings is None else known.packagings + (line.packagings or ZERO)
        merged[key] = replace(known, quantity=known.quantity + line.quantity, packagings=packagings)
    return list(merged.values())


def _merged_payments(payments: list[PaymentDraft], day: datetime) -> list[PaymentDraft]:
    """One payment per method, journal and account, dated the group's day."""
    merged: dict[tuple, PaymentDraft] = {}
    label = _("Web orders of {day}").format(day=day.strftime("%d/%m/%Y"))[:LABEL_LENGTH]
    for payment in payments:
        key = (payment.method, payment.journal, payment.gl_account)
        known = merged.get(key)
        merged[key] = replace(payment, date=day, label=label) if known is None else replace(
            known, amount=known.amount + payment.amount)
    return list(merged.values())
