"""Payments of an order (SPEC §3.6 "Payments"): the payment mapping per method and currency."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, tzinfo
from decimal import Decimal

from gescom_sync.mapping.orders.draft import ZERO, PaymentDraft
from gescom_sync.mapping.orders.header import invoice_date, shop_time, template_values
from gescom_sync.mapping.templates import FIELDS, Rendered, render
from gescom_sync.model.order import Order, Payment
from gescom_sync.profiles.orders import ImportOrdersSettings, PaymentRow


def payment_row(order: Order, payment: Payment | None, settings: ImportOrdersSettings) -> PaymentRow | None:
    """The mapping row of a shop payment method (module name or label) in the order's currency."""
    if payment is None:
        return None
    names = {payment.method.strip().casefold(), payment.method_title.strip().casefold()}
    for row in settings.payments.rows:
        if row.shop.strip().casefold() in names and (row.currency is None or row.currency.upper() == order.currency.upper()):
            return row
    return None


def account_override(order: Order, settings: ImportOrdersSettings) -> str | None:
    """The customer account the payment mapping imposes on this order (every AMAZON order on WEBAMAZON)."""
    row = payment_row(order, order.payments[0] if order.payments else None, settings)
    return row.account if row is not None else None


def payment_drafts(order: Order, settings: ImportOrdersSettings, today: datetime,
                   zone: tzinfo | None = None) -> tuple[list[PaymentDraft], list[Rendered]]:
    """The payments to create with the document (dated on the shop's days in ``zone``), and the
    texts that had to be cut."""
    values = template_values(order, zone)
    label = render(settings.payments.label_template, values, FIELDS["import_orders.payments.label_template"])
    reference = render(settings.payments.reference_template, values,
                       FIELDS["import_orders.payments.reference_template"])
    if settings.payments.amount == "total":
        first = order.payments[0] if order.payments else None
        chosen = [(first, order.total)] if first is not None else []
    else:
        chosen = [(payment, payment.amount) for payment in order.payments]
    drafts = []
    for payment, amount in chosen:
        row = payment_row(order, payment, settings)
        if row is None or not row.create or not amount:
            continue
        date = shop_time(_payment_date(order, payment, settings, today), zone)
        drafts.append(PaymentDraft(row.method, row.journal, amount, date, label.text, reference.text, row.gl_account))
    return drafts, [label, reference]


def settle_difference(payments: Sequence[PaymentDraft], total: Decimal,
                      settings: ImportOrdersSettings) -> tuple[PaymentDraft, ...]:
    """Payments a few cents away from the document's ``total`` (payments.difference): the last one
    settles the gap on the difference account; beyond the tolerance the rest stays due."""
    plain = [replace(p, difference=ZERO, difference_account=None, difference_journal=None) for p in payments]
    rule = settings.payments.difference
    gap = total - sum((p.amount for p in plain), ZERO)
    if not plain or not gap or not rule.enabled or settings.payments.customer_level or abs(gap) > rule.tolerance:
        return tuple(plain)
    last = plain[-1]
    settled = replace(last, difference=gap, difference_account=rule.account,
                      difference_journal=rule.journal or last.journal)
    return (*plain[:-1], settled)


def _payment_date(order: Order, payment: Payment, settings: ImportOrdersSettings, today: datetime) -> datetime:
    source = settings.payments.date
    if source == "payment":
        chosen = payment.paid_at or order.paid_at or order.created_at
    elif source == "invoice":
        chosen = invoice_date(order)
    elif source == "today":
        chosen = today
    else:
        chosen = order.created_at
    return chosen
