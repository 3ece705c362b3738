"""Import orders, shop -> back office (SPEC §3.6): each selected order becomes one sales document.

A run reads the orders of the selection (a period by order or invoice date, else what
changed since the last transfer date; the statuses that have an import rule; the stores
of a multistore), or an orders file, then:

1. **analysis**: an order already bound (entity ``order``: document number <-> shop order
   id) is left alone unless ``--include-transferred``; an order whose document is found
   in the back office by its stamp (``DO_NoWeb``) is bound to it and not created again.
   That look-up is made for every order when ``import_orders.check_existing`` is on (it
   also finds documents made by another installation), else for the orders a previous
   run was creating when it stopped (a ``creating`` pending write);
2. **customers**: each order's account (payment mapping account, the shop customer's
   binding, else the customer rules: matched or created, journaled with its number);
3. **documents**: ``build_document`` -> ``create_document`` (one back-office transaction)
   -> the binding -> the shop status of the rule (100 orders per ``set_order_statuses``).
   The status to set is recorded as a pending write before the document is created and
   cleared once the shop took it: a refused status, or a run killed in between, is set by
   the next run (for the orders that are bound) without importing the order again.
   With grouping per day, the drafts of a day that is over go through ``group_by_day`` and
   each group is one document, every order of it bound (``BC00040``, ``BC00040/<id>``...);
   today's orders (the shop's today) wait for the run after the end of the day.

A day is the shop's: its time zone is learnt once a run (``Shop.time_zone()``), and the
period's days, the documents' and payments' dates, grouping's days and its "today" are
days in that zone, whatever the machine's.

The orders' notes (``Shop.read_order_messages``) and, when the customer rules match by VAT
number, their customers' VAT numbers (``Shop.with_customer_vat_numbers``) are read for the
orders to import only, so a re-run over orders already imported reads the order pages and
nothing else.

``--file`` reads the orders of an orders file (:mod:`gescom_sync.orders_file`) instead of
the shop; the shop's statuses are then left alone.

A failed order (mapping refused it, its customer could not be resolved, the writer
failed) is journaled with its reason, is not bound, and is tried again by the next run.
``--dry-run`` reads both sides and journals what each order would become, writing nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import tzinfo

from gescom_sync.backoffice.writer import DocumentWriter, WrittenDocument
from gescom_sync.i18n import N_
from gescom_sync.journal import Action, Message, texts
from gescom_sync.mapping.orders import check_special_articles, status_rule
from gescom_sync.mapping.orders.header import invoice_date
from gescom_sync.model.order import Order
from gescom_sync.operations.import_orders.after_import import CreatedDocument, announce
from gescom_sync.operations.import_orders.bindings import (
    CREATING,
    ORDER,
    ORDER_STATUS,
    STATUS,
    bind_order,
    forget_orders,
    grouped_key,
    link_key,
    piece_of,
)
from gescom_sync.operations.import_orders.customers import grouping_account, order_rules, resolve_customers, shop_account
from gescom_sync.operations.import_orders.documents import create_documents, create_grouped_documents
from gescom_sync.operations.import_orders.plan import Plan
from gescom_sync.operations.import_orders.selection import PERIODS, OrderSelection, Period, check_period, period_dates
from gescom_sync.operations.import_orders.statuses import StatusQueue, retry_statuses
from gescom_sync.operations.import_prospects import DryRunWriter
from gescom_sync.operations.run import WATERMARK_OVERLAP, OperationRun
from gescom_sync.profiles import Profile
from gescom_sync.profiles.orders import ImportOrdersSettings
from gescom_sync.shops.base import OrderQuery, TimeZoneUnknown, machine_zone

__all__ = [
    "CREATING", "ORDER", "CreatedDocument", "ORDER_STATUS", "PERIODS", "STATUS", "OrderSelection", "Period", "check_period",
    "forget_orders", "grouped_key", "grouping_account", "import_orders", "order_rules", "period_dates", "piece_of",
    "shop_account",
]


def import_orders(run: OperationRun, selection: OrderSelection) -> None:
    settings = run.profile.import_orders
    with run.backoffice.document_writer() as documents, run.backoffice.customer_writer() as real_customers:
        catalogue = documents.order_catalogue()
        check_special_articles(settings, catalogue)
        bound = {b.shop_id: b.erp_key for b in run.store.bindings.list(run.profile.name, ORDER)}
        if not run.options.dry_run:
            retry_statuses(run, bound)
        zone = _shop_zone(run)
        run.journal.step(texts.READING_ORDERS)
        orders = _read_orders(run, selection, selection.bounds(zone), settings)
        customers = DryRunWriter(real_customers) if run.options.dry_run else real_customers
        statuses = StatusQueue(run)
        plan = _analyse(run, documents, orders, bound, selection, settings, statuses, zone)
        _complete(run, plan, settings)
        resolve_customers(run, customers, plan, settings)
        if settings.grouping.orders == "none":
            create_documents(run, documents, catalogue, plan, settings, statuses)
        else:
            create_grouped_documents(run, documents, catalogue, plan, settings, statuses)
        statuses.flush()
    announce(run, plan.created)
    if selection.update_stock and plan.articles and not run.options.dry_run:
        _update_shop_stock(run, plan.articles)
    if selection.has_period or selection.file:
        run.keep_watermark()  # the orders changed since the last transfer date were not all looked at


def _shop_zone(run: OperationRun) -> tzinfo:
    """The shop's time zone; the machine's, with a warning, when the shop does not say it."""
    try:
        return run.shop.time_zone()
    except TimeZoneUnknown as unknown:
        zone = machine_zone()
        run.journal.warning(N_("The shop's time zone is not known ({reason}): the days are the machine's ({zone}); "
                               "set shop.timezone in the profile."), reason=unknown.reason, zone=str(zone))
        return zone


def _read_orders(run: OperationRun, selection: OrderSelection, period: Period,
                 settings: ImportOrdersSettings) -> list[Order]:
    if selection.file is not None:
        from gescom_sync.orders_file import read_orders_file

        orders: Iterable[Order] = read_orders_file(selection.file)
    else:
        orders = run.shop.read_orders(_query(run, selection, period, settings))
    by_invoice = settings.find_by == "invoice_date"
    return [o for o in orders if period.holds(invoice_date(o) if by_invoice else o.created_at)]


def _query(run: OperationRun, selection: OrderSelection, period: Period, settings: ImportOrdersSettings) -> OrderQuery:
    """Orders in the statuses that have an import rule: created in the period; by invoice date,
    changed since its start (an order completed then was changed then); without a period,
    changed since the last transfer date (less the overlap), or all on the first run."""
    statuses = tuple(status for status, rule in settings.statuses.items() if rule.import_order)
    query = OrderQuery(statuses=statuses, stores=tuple(settings.stores))  # messages: only of the orders imported
    if not selection.has_period:
        watermark = run.store.watermarks.get(run.profile.name, run.operation)
        return replace(query, modified_after=watermark - WATERMARK_OVERLAP if watermark else None)
    if settings.find_by == "invoice_date":
        return replace(query, modified_after=period.start, created_to=period.end)
    return replace(query, created_from=period.start, created_to=period.end)


def _matches_by_vat_number(profile: Profile, settings: ImportOrdersSettings) -> bool:
    """Whether an order's customer may be matched by VAT number (so its customer's is worth reading)."""
    rules = order_rules(profile)
    return rules.mode == "per_customer" and rules.match_by_vat_number and settings.grouping.orders != "all"


def _analyse(run: OperationRun, documents: DocumentWriter, orders: Sequence[Order], bound: dict[str, str],
             selection: OrderSelection, settings: ImportOrdersSettings, statuses: StatusQueue, zone: tzinfo) -> Plan:
    """Journal the orders left alone or repaired; the others are to create."""
    run.journal.step(texts.ANALYSING_ORDERS)
    interrupted = {p.shop_id for p in run.store.pending.list(run.profile.name, ORDER, CREATING)}
    plan = Plan(zone, selection.today_in(zone), set_statuses=selection.file is None)
    skipped: list[tuple[Order, Action, Message]] = []
    for order in orders:
        rule = status_rule(order, settings)
        if rule is None:
            skipped.append((order, Action.SKIPPED, Message(N_("status {status} is not imported"), status=order.status)))
        elif order.id in bound and not selection.include_transferred:
            skipped.append((order, Action.UNCHANGED, Message(N_("already imported as {piece}"),
                                                             piece=piece_of(bound[order.id]))))
        elif (settings.check_existing or order.id in interrupted or order.id in bound) and (
                existing := documents.find_by_shop_order(order.id)):
            skipped.append((order, Action.UNCHANGED, _link(run, order, existing, plan.status_after(rule), statuses)))
        else:
            plan.to_create.append((order, rule))
    run.journal.step(N_("Analysis: {count} orders read, {new} to import"), count=len(orders), new=len(plan.to_create))
    run.journal.expect(len(skipped))
    for order, action, reason in skipped:
        run.journal.item(ORDER, order.id, action, reason)
    return plan


def _link(run: OperationRun, order: Order, existing: WrittenDocument, status_after: str | None,
          statuses: StatusQueue) -> Message:
    """An order whose document is already in the back office (a run stopped before binding it,
    or another installation): bind it instead of creating it again."""
    if run.options.dry_run:
        return Message(N_("already in the back office as {piece}: would be linked to it"), piece=existing.piece)
    bind_order(run, order.id, link_key(run, order.id, existing.piece))
    if status_after:
        statuses.add(order.id, status_after)
    return Message(N_("already in the back office as {piece} (stamped with the order id): linked to it"),
                   piece=existing.piece)


def _complete(run: OperationRun, plan: Plan, settings: ImportOrdersSettings) -> None:
    """What the orders to import need that is read now, for them only (most of a re-run's orders
    are already imported): their messages, and their customers' VAT numbers when the customer
    rules match by it. An orders file holds both already."""
    if not plan.set_statuses or not plan.to_create:
        return
    orders = [order for order, _rule in plan.to_create]
    if _matches_by_vat_number(run.profile, settings):
        orders = run.shop.with_customer_vat_numbers(orders)
    if settings.header.messages != "none":
        extra = run.shop.read_order_messages([order.id for order in orders])
        orders = [replace(order, messages=order.messages + extra.get(order.id, ())) for order in orders]
    plan.to_create = [(order, rule) for order, (_old, rule) in zip(orders, plan.to_create, strict=True)]


def _update_shop_stock(run: OperationRun, articles: set[str]) -> None:
    """``--update-stock``: the stock update (SPEC §3.2) for the articles of the documents created."""
    from gescom_sync.operations.update_stock import combined_filter, update_stock

    run.journal.step(N_("Updating the shop's stock of the {count} articles of the imported orders"), count=len(articles))
    references = ", ".join("'" + article.replace("'", "''") + "'" for article in sorted(articles))
    options = run.options
    run.options = replace(options, sql_filter=combined_filter(options.sql_filter, f"AR_Ref IN ({references})"))
    try:
        update_stock(run)
    finally:
        run.options = options
