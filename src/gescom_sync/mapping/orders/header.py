"""Status selection and the document header of an order (SPEC §3.6)."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation

from gescom_sync.i18n import _
from gescom_sync.mapping.orders.catalogue import OrderCatalogue
from gescom_sync.mapping.orders.errors import OrderRejected
from gescom_sync.model.order import LineTax, Order, OrderTax
from gescom_sync.profiles.orders import ImportOrdersSettings, StatusRule, TaxSettings


def status_rule(order: Order, settings: ImportOrdersSettings) -> StatusRule | None:
    """The rule of the order's shop status, or None when orders in that status are not imported."""
    rule = settings.statuses.get(order.status)
    if rule is None or not rule.import_order:
        return None
    if settings.stores and order.store is not None and order.store not in settings.stores:
        return None
    return rule


def template_values(order: Order, zone: tzinfo | None = None) -> dict[str, str]:
    """The values of the order variables of templates (mapping/templates.py ORDER_VARIABLES); the
    order date is its day in the shop's ``zone``."""
    person = order.billing if not order.billing.is_empty else order.shipping
    method = order.payments[0].method_title if order.payments else ""
    return {
        "OI": order.id,
        "ON": order.number,
        "CI": order.customer_id or "",
        "CF": person.first_name.strip(),
        "CL": person.last_name.strip().upper(),
        "CC": person.company.strip(),
        "CE": person.email.strip(),
        "OD": shop_time(order.created_at, zone).date().isoformat(),
        "PM": method,
        "SI": order.store or "",
    }


def invoice_date(order: Order) -> datetime:
    """The shop's invoice date: when the order was completed, else paid, else created."""
    return order.completed_at or order.paid_at or order.created_at


def document_date(order: Order, settings: ImportOrdersSettings, today: datetime, zone: tzinfo | None = None) -> datetime:
    source = settings.header.date
    chosen = {"order": order.created_at, "invoice": invoice_date(order), "today": today}[source]
    return shop_time(chosen, zone)


def shop_time(moment: datetime, zone: tzinfo | None) -> datetime:
    """``moment`` as the shop's clock in ``zone`` shows it, naive and to the second: an order placed
    at 23:30 in Paris (22:30 UTC) is of that Paris day, whatever the machine's zone. Without a zone,
    an aware moment's own wall time."""
    if zone is not None and moment.tzinfo is not None:
        moment = moment.astimezone(zone)
    return moment.replace(tzinfo=None, microsecond=0)


def delivery_date(date: datetime, settings: ImportOrdersSettings) -> datetime | None:
    days = settings.header.delivery_days
    return None if days is None else date + timedelta(days=days)


def currency(order: Order, settings: ImportOrdersSettings, catalogue: OrderCatalogue) -> tuple[int, Decimal]:
    """(N_Devise slot, rate) of the document: (0, 0) unless "orders in currency" is on."""
    if not settings.currency.orders_in_currency:
        return 0, Decimal(0)
    slot = settings.currency.mapping.get(order.currency.upper())
    if slot is None:
        raise OrderRejected(_("Order {order}: its currency {currency} is not in the currency mapping "
                              "(import_orders.currency.mapping).").format(order=order.id, currency=order.currency))
    rate = order.meta.get("currency_rate")
    try:
        return slot, Decimal(rate) if rate else catalogue.currency_rates[slot]
    except (InvalidOperation, KeyError):
        raise OrderRejected(_("Order {order}: no conversion rate for {currency} (P_DEVISE slot {slot}).").format(
            order=order.id, currency=order.currency, slot=slot)) from None


def accounting_category(order: Order, settings: ImportOrdersSettings) -> int | None:
    """From the country (or its zone) of the delivery address, with or without tax; None: the customer's."""
    rules = settings.accounting_categories
    country = (order.shipping.country or order.billing.country).upper()
    zones = [name for name, countries in rules.zones.items() if country in {c.upper() for c in countries}]
    taxed = order.total_tax != 0
    for row in rules.rows:
        if row.where.upper() == country or row.where in zones:
            return row.with_tax if taxed else row.without_tax
    return rules.default_with_tax if taxed else rules.default_without_tax


def shipping_mode(order: Order, settings: ImportOrdersSettings) -> int | None:
    """From the carrier mapping by method id, ``id:instance`` or name; None: the customer's."""
    for line in order.shipping_lines:
        keys = {line.method_id.casefold(), f"{line.method_id}:{line.instance_id}".casefold(),
                line.method_title.strip().casefold()}
        for row in settings.carriers.rows:
            if row.shop.strip().casefold() in keys:
                return row.mode
    return settings.carriers.default


def tax_code(order: Order, taxes: tuple[LineTax, ...], settings: TaxSettings, what: str) -> str:
    """The back-office tax code of a line from its shop tax (name, then rate), else the default."""
    shop_tax = _shop_tax(order, taxes)
    label, rate = (shop_tax.label, shop_tax.rate_percent) if shop_tax else ("", Decimal(0))
    for row in settings.rows:
        if row.shop.strip().casefold() == label.strip().casefold() and label:
            return row.code
    for row in settings.rows:
        if _number(row.shop) == rate:
            return row.code
    if settings.default:
        return settings.default
    raise OrderRejected(_("Order {order}: the shop tax {tax} of {line} is not in the tax mapping "
                          "(import_orders.taxes) and there is no default.").format(
        order=order.id, tax=label or f"{rate} %", line=what))


def _shop_tax(order: Order, taxes: tuple[LineTax, ...]) -> OrderTax | None:
    by_id = {tax.rate_id: tax for tax in order.taxes}
    for line_tax in taxes:
        if line_tax.rate_id in by_id and (line_tax.total or line_tax.subtotal):
            return by_id[line_tax.rate_id]
    return None


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        return None
