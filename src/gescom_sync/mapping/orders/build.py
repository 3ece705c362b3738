"""An order -> its back-office document draft (SPEC §3.6), and the checks before a run."""

from __future__ import annotations

from datetime import datetime, tzinfo
from decimal import Decimal

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.journal.events import N_, Message
from gescom_sync.mapping.orders import header
from gescom_sync.mapping.orders.catalogue import OrderCatalogue
from gescom_sync.mapping.orders.draft import (
    DOCUMENT_STATUSES,
    DOCUMENT_TYPES,
    ZERO,
    DocumentDraft,
    DraftLine,
    LineKind,
    ShippingFooter,
)
from gescom_sync.mapping.orders.errors import OrderRejected
from gescom_sync.mapping.orders.lines import LineBuilder
from gescom_sync.mapping.orders.lots import LotMethod
from gescom_sync.mapping.orders.payments import payment_drafts, settle_difference
from gescom_sync.mapping.orders.totals import document_totals
from gescom_sync.mapping.templates import FIELDS, render
from gescom_sync.model.order import Order
from gescom_sync.profiles.orders import ImportOrdersSettings, StatusRule


def check_special_articles(settings: ImportOrdersSettings, catalogue: OrderCatalogue) -> None:
    """Refuse to start when a special article is not set or is not an article of the back office."""
    special = settings.special_articles
    required = {"divers": special.divers, "ecart": special.ecart, "emballage": special.emballage, "port": special.port}
    if settings.lines.order_discount == "discount_lines":
        codes = {row.code for row in settings.taxes.rows} | ({settings.taxes.default} if settings.taxes.default else set())
        required |= {f"remise.{code}": special.remise.get(code) for code in sorted(codes)}
    problems = []
    for key, reference in required.items():
        if not reference:
            problems.append(_("import_orders.special_articles.{key} is not set").format(key=key))
        elif reference not in catalogue.articles:
            problems.append(_("import_orders.special_articles.{key} = {reference} is not an article of the back "
                              "office").format(key=key, reference=reference))
    if problems:
        raise ConfigError(_("The order import cannot start: {problems}.").format(problems="; ".join(problems)))


def build_document(order: Order, account: str, rule: StatusRule, settings: ImportOrdersSettings,
                   catalogue: OrderCatalogue, today: datetime | None = None, zone: tzinfo | None = None
                   ) -> DocumentDraft:
    """The document ``order`` becomes on ``account``; OrderRejected when it cannot be imported. Its
    dates are the shop's days in ``zone`` (the shop's time zone; None: the moments' own wall time)."""
    today = (today or datetime.now(zone)).replace(microsecond=0)
    warnings: list[Message] = []
    builder = LineBuilder(order, settings, catalogue, warnings)
    date = header.document_date(order, settings, today, zone)
    currency, rate = header.currency(order, settings, catalogue)
    mode = header.shipping_mode(order, settings)
    products = builder.product_lines()
    lines = [*products, *builder.wrapping_lines(), *builder.shipping_lines(mode)]
    lines += builder.discount_lines(lines)
    footer = builder.shipping_footer()
    lines += ecart_lines(order.id, order.total, lines, footer, settings, warnings)
    lines += builder.comment_lines()
    reference = render(settings.header.reference_template, header.template_values(order, zone),
                       FIELDS["import_orders.header.reference_template"])
    payments, texts = payment_drafts(order, settings, today, zone)
    total = document_totals(lines, footer, settings.lines.prices_tax_included).included
    warnings += [text.warning for text in (reference, *texts) if text.warning is not None]
    lots = settings.lines.lots
    return DocumentDraft(
        shop_order_id=order.id, account=account, document_type=DOCUMENT_TYPES[rule.document],
        status=DOCUMENT_STATUSES[rule.document_status], date=date, reference=reference.text, lines=tuple(lines),
        expected_total=order.total, series=settings.header.series, warehouse=settings.header.warehouse,
        delivery_date=header.delivery_date(date, settings), currency=currency, currency_rate=rate,
        accounting_category=header.accounting_category(order, settings), shipping_mode=mode, shipping=footer,
        payments=settle_difference(payments, total, settings), tax_included=settings.lines.prices_tax_included,
        warnings=tuple(warnings), payments_on_account=settings.payments.customer_level,
        lot_method=None if lots.method == "none" else LotMethod(lots.method),
        lots_fail_when_short=lots.when_short == "fail", guest=order.customer_id is None,
    )


def ecart_lines(orders: str, expected: Decimal, lines: list[DraftLine], footer: ShippingFooter | None,
                settings: ImportOrdersSettings, warnings: list[Message], *, merged: bool = False) -> list[DraftLine]:
    """The totals check of the document of ``orders`` (one id, or a group's): its total including tax
    against the shop's ``expected``; an Écart line when asked, else OrderRejected.

    A ``merged`` group's orders each passed this check already: what is left is the tax of the
    merged bases rounded once instead of once per order, so it always becomes an Écart line."""
    total = document_totals(lines, footer, settings.lines.prices_tax_included).included
    difference = expected - total
    if abs(difference) <= settings.totals.tolerance:
        return []
    if merged:
        warnings.append(Message(N_("Orders {orders}: the tax of the grouped document, rounded once on the day's "
                                   "bases, is {difference} off the orders' own; an Écart line makes the total {shop}."),
                                orders=orders, difference=difference, shop=expected))
    elif not settings.totals.ecart_line:
        raise OrderRejected(_("Order {order}: the document's total including tax would be {document}, the shop's "
                              "is {shop} (difference {difference}); the order is not imported "
                              "(import_orders.totals.ecart_line adds an Écart line).").format(
            order=orders, document=total, shop=expected, difference=difference))
    else:
        warnings.append(Message(N_("Order {order}: an Écart line of {difference} makes the total {shop}."),
                                order=orders, difference=difference, shop=expected))
    return [DraftLine(LineKind.ECART, settings.special_articles.ecart, _("Rounding difference"), Decimal(1),
                      difference, None, ZERO)]
