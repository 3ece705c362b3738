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

The orders' notes are read (``Shop.read_order_messages``) for the orders to import only,
so a re-run over orders already imported reads the order pages and nothing else.

``--file`` reads the orders of an orders file (:mod:`gescom_sync.orders_file`) instead of
the shop; the shop's statuses are then left alone.

A failed order (mapping refused it, its customer could not be resolved, the writer
failed) is journaled with its reason, is not bound, and is tried again by the next run.
``--dry-run`` reads both sides and journals what each order would become, writing nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from gescom_sync.backoffice.writer import CustomerWriter, DocumentWriter, WrittenDocument
from gescom_sync.errors import ConfigError, GescomError
from gescom_sync.i18n import N_, _
from gescom_sync.journal import Action, Message, texts
from gescom_sync.mapping.customers import AccountResolution, creation_message, resolve_account
from gescom_sync.mapping.orders import (
    DocumentDraft,
    DocumentType,
    OrderCatalogue,
    account_override,
    build_document,
    check_special_articles,
    group_by_day,
    status_rule,
)
from gescom_sync.mapping.orders.header import invoice_date
from gescom_sync.mapping.orders.totals import stored_totals
from gescom_sync.model.order import Order, OrderAddress
from gescom_sync.model.shop import ShopAccount, ShopAddress
from gescom_sync.operations.import_prospects import CUSTOMER, DryRunWriter, bind_customer, check_template
from gescom_sync.operations.run import WATERMARK_OVERLAP, OperationRun
from gescom_sync.profiles import Profile
from gescom_sync.profiles.customers import CustomerRules
from gescom_sync.profiles.orders import ImportOrdersSettings, StatusRule
from gescom_sync.shops.base import OrderQuery
from gescom_sync.state import StateStore

ORDER = "order"  # the journal's and the bindings' entity
ORDER_STATUS = "order_status"  # the journal's entity of a status left pending by a previous run
STATUS = "status"  # pending write: the shop status to set once the order is imported
CREATING = "creating"  # pending write: a document is being created for the order
GROUPED_KEY = "/"  # binding key of the 2nd, 3rd... order of a grouped document: "BC00040/1234"
STATUS_BATCH = 100  # statuses sent to the shop at a time (WooCommerce's batch limit)

PERIODS = ("today", "yesterday", "this-week", "last-week", "last-7-days", "this-month", "last-month")

CREATED_AS = {
    DocumentType.QUOTE: N_("quote {piece} (account {account}, total {total}, lines: {lines})"),
    DocumentType.ORDER: N_("order {piece} (account {account}, total {total}, lines: {lines})"),
    DocumentType.PREPARATION: N_("delivery preparation {piece} (account {account}, total {total}, lines: {lines})"),
    DocumentType.DELIVERY_NOTE: N_("delivery note {piece} (account {account}, total {total}, lines: {lines})"),
    DocumentType.INVOICE: N_("invoice {piece} (account {account}, total {total}, lines: {lines})"),
}
WOULD_CREATE = {
    DocumentType.QUOTE: N_("would become a quote (account {account}, total {total}, lines: {lines})"),
    DocumentType.ORDER: N_("would become an order (account {account}, total {total}, lines: {lines})"),
    DocumentType.PREPARATION: N_("would become a delivery preparation (account {account}, total {total}, "
                                 "lines: {lines})"),
    DocumentType.DELIVERY_NOTE: N_("would become a delivery note (account {account}, total {total}, lines: {lines})"),
    DocumentType.INVOICE: N_("would become an invoice (account {account}, total {total}, lines: {lines})"),
}


# ------------------------------------------------------------------ the selection


def period_dates(period: str, today: date) -> tuple[date, date]:
    """The first and last day of a period preset (weeks run Monday to Sunday)."""
    check_period(period)
    monday = today - timedelta(days=today.weekday())
    first_of_month = today.replace(day=1)
    last_month_end = first_of_month - timedelta(days=1)
    ranges = {
        "today": (today, today),
        "yesterday": (today - timedelta(days=1), today - timedelta(days=1)),
        "this-week": (monday, monday + timedelta(days=6)),
        "last-week": (monday - timedelta(days=7), monday - timedelta(days=1)),
        "last-7-days": (today - timedelta(days=6), today),
        "this-month": (first_of_month, _month_end(today)),
        "last-month": (last_month_end.replace(day=1), last_month_end),
    }
    return ranges[period]


def check_period(period: str) -> None:
    if period not in PERIODS:
        raise ConfigError(_("Unknown period {period!r}; expected one of: {periods}.").format(
            period=period, periods=", ".join(PERIODS)))


def _month_end(day: date) -> date:
    next_month = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return next_month - timedelta(days=1)


@dataclass(frozen=True)
class OrderSelection:
    """What the user asked: the days ``first`` to ``last`` included (either may be open) or a
    ``period`` preset, the options of SPEC §3.6, and an orders file to read instead of the shop.
    The days are the shop's: a preset counts from the shop's today (``today`` when fixed, e.g. by
    a test), and :meth:`bounds` makes the days moments in the shop's time zone, learnt by the run."""

    first: date | None = None
    last: date | None = None
    period: str | None = None
    today: date | None = None
    include_transferred: bool = False
    update_stock: bool = False
    file: Path | None = None

    @classmethod
    def between(cls, first: date | None, last: date | None, **options: object) -> OrderSelection:
        if first and last and last < first:
            raise ConfigError(_("The period ends ({last}) before it starts ({first}).").format(first=first, last=last))
        return cls(first, last, **options)  # type: ignore[arg-type]

    @classmethod
    def of_period(cls, period: str, **options: object) -> OrderSelection:
        check_period(period)
        return cls(period=period, **options)  # type: ignore[arg-type]

    @property
    def has_period(self) -> bool:
        return self.period is not None or self.first is not None or self.last is not None

    def days(self, zone: tzinfo) -> tuple[date | None, date | None]:
        """The first and last day asked, a preset's counted from today in ``zone``."""
        if self.period is None:
            return self.first, self.last
        return period_dates(self.period, self.today or datetime.now(zone).date())

    def bounds(self, zone: tzinfo) -> Period:
        """The period's start (its first midnight) and end (the midnight after its last day) in ``zone``."""
        first, last = self.days(zone)
        start = datetime.combine(first, time.min, zone) if first else None
        end = datetime.combine(last + timedelta(days=1), time.min, zone) if last else None
        return Period(start, end)


@dataclass(frozen=True)
class Period:
    """Moments from ``start`` (included) to ``end`` (excluded), aware; None: open."""

    start: datetime | None = None
    end: datetime | None = None

    def holds(self, moment: datetime) -> bool:
        moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment
        return (self.start is None or moment >= self.start) and (self.end is None or moment < self.end)


def order_rules(profile: Profile) -> CustomerRules:
    """``import_orders.customers`` when the profile changes it from the defaults, else the
    profile's ``customer_rules`` (shared with the prospects import)."""
    own = profile.import_orders.customers
    return own if own != CustomerRules() else profile.customer_rules


# ------------------------------------------------------------------ the run


@dataclass
class Plan:
    """What the analysis decided for the orders read."""

    to_create: list[tuple[Order, StatusRule]] = field(default_factory=list)
    accounts: dict[str, str] = field(default_factory=dict)  # order id -> account
    no_account: dict[str, str] = field(default_factory=dict)  # order id -> why
    articles: set[str] = field(default_factory=set)  # articles of the documents created
    set_statuses: bool = True  # orders of a file: the shop's statuses are left alone
    zone: tzinfo = UTC  # the shop's time zone: its days are the documents' and grouping's
    today: date | None = None  # the shop's today (grouping per day waits for its end)

    def status_after(self, rule: StatusRule) -> str | None:
        return rule.set_status_after if self.set_statuses else None


def import_orders(run: OperationRun, selection: OrderSelection) -> None:
    settings = run.profile.import_orders
    with run.backoffice.document_writer() as documents, run.backoffice.customer_writer() as real_customers:
        catalogue = documents.order_catalogue()
        check_special_articles(settings, catalogue)
        bound = {b.shop_id: b.erp_key for b in run.store.bindings.list(run.profile.name, ORDER)}
        if not run.options.dry_run:
            _retry_statuses(run, bound)
        zone = run.shop.time_zone()
        run.journal.step(texts.READING_ORDERS)
        orders = _read_orders(run, selection, selection.bounds(zone), settings)
        customers = DryRunWriter(real_customers) if run.options.dry_run else real_customers
        statuses = _StatusQueue(run)
        plan = _analyse(run, documents, orders, bound, selection, settings, statuses, zone)
        _add_messages(run, plan, settings)
        _resolve_customers(run, customers, plan, settings)
        if settings.grouping.orders == "none":
            _create_documents(run, documents, catalogue, plan, settings, statuses)
        else:
            _create_grouped_documents(run, documents, catalogue, plan, settings, statuses)
        statuses.flush()
    if selection.update_stock and plan.articles and not run.options.dry_run:
        _update_shop_stock(run, plan.articles)
    if selection.has_period or selection.file:
        run.keep_watermark()  # the orders changed since the last transfer date were not all looked at


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
    query = OrderQuery(statuses=statuses, stores=tuple(settings.stores),  # messages: only of the orders imported
                       with_customer_vat_numbers=_matches_by_vat_number(run.profile, settings))
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
             selection: OrderSelection, settings: ImportOrdersSettings, statuses: _StatusQueue, zone: tzinfo) -> Plan:
    """Journal the orders left alone or repaired; the others are to create."""
    run.journal.step(texts.ANALYSING_ORDERS)
    interrupted = {p.shop_id for p in run.store.pending.list(run.profile.name, ORDER, CREATING)}
    plan = Plan(set_statuses=selection.file is None, zone=zone, today=selection.today or datetime.now(zone).date())
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
          statuses: _StatusQueue) -> Message:
    """An order whose document is already in the back office (a run stopped before binding it,
    or another installation): bind it instead of creating it again."""
    if run.options.dry_run:
        return Message(N_("already in the back office as {piece}: would be linked to it"), piece=existing.piece)
    _bind_order(run, order.id, _link_key(run, order.id, existing.piece))
    if status_after:
        statuses.add(order.id, status_after)
    return Message(N_("already in the back office as {piece} (stamped with the order id): linked to it"),
                   piece=existing.piece)


def _add_messages(run: OperationRun, plan: Plan, settings: ImportOrdersSettings) -> None:
    """The messages of the orders to import, read now (not with every order read: most of a
    re-run's orders are already imported); an orders file holds its messages already."""
    if settings.header.messages == "none" or not plan.set_statuses or not plan.to_create:
        return
    extra = run.shop.read_order_messages([order.id for order, _rule in plan.to_create])
    plan.to_create = [(replace(order, messages=order.messages + extra.get(order.id, ())), rule)
                      for order, rule in plan.to_create]


# ------------------------------------------------------------------ customers


def _resolve_customers(run: OperationRun, writer: CustomerWriter, plan: Plan, settings: ImportOrdersSettings) -> None:
    """Each order's account; the accounts created (and the failures) are journaled."""
    customers = _Customers(run, writer, settings)
    unknown = [order for order, _rule in plan.to_create if not customers.known(order)]
    rules = customers.rules
    check_template(writer, rules, [shop_account(o) for o in unknown if o.customer_id is not None or not rules.guest_account])
    run.journal.expect(len(unknown))
    for order, _rule in plan.to_create:
        try:
            plan.accounts[order.id] = customers.account_of(order)
        except GescomError as error:
            plan.no_account[order.id] = error.message
            run.journal.item(CUSTOMER, order.customer_id or order.id, Action.FAILED, Message(error.message, literal=True))


class _Customers:
    """The accounts of the run's orders: the payment mapping's, the shop customer's binding, the
    matches already made in this run (a guest ordering twice), else the customer rules."""

    def __init__(self, run: OperationRun, writer: CustomerWriter, settings: ImportOrdersSettings) -> None:
        self.run, self.writer, self.settings = run, writer, settings
        self.rules = order_rules(run.profile)
        self.bound = {b.shop_id: b.erp_key for b in run.store.bindings.list(run.profile.name, CUSTOMER)}
        self.matched: dict[tuple[str, ...], str] = {}

    def known(self, order: Order) -> str | None:
        return (grouping_account(order, self.settings) or account_override(order, self.settings)
                or self.bound.get(order.customer_id or ""))

    def account_of(self, order: Order) -> str:
        known = self.known(order)
        if known:
            return known
        account = shop_account(order)
        key = (account.email.casefold(), *sorted(account.meta.items())) if order.customer_id is None else ()
        if key in self.matched:
            return self.matched[key]
        resolution = resolve_account(self.writer, account, self.rules, guest=order.customer_id is None)
        for warning in resolution.warnings:
            self.run.journal.warning(warning)
        if resolution.created:
            self.run.journal.item(CUSTOMER, account.id, Action.CREATED, creation_message(account.id, resolution.account))
        elif key:
            self.matched[key] = resolution.account
        self._bind(order, account, resolution)
        return resolution.account

    def _bind(self, order: Order, account: ShopAccount, resolution: AccountResolution) -> None:
        # the single and guest accounts stand for many shop customers: not bound to one
        if order.customer_id is None or resolution.matched_by in ("single", "guest"):
            return
        self.bound[order.customer_id] = resolution.account  # the customer's next orders, dry run included
        if not self.run.options.dry_run:
            bind_customer(self.run, account, resolution)


def grouping_account(order: Order, settings: ImportOrdersSettings) -> str | None:
    """The grouped documents' account when grouping per day takes this order (no account of its own)."""
    grouping = settings.grouping
    if grouping.orders == "all" or (grouping.orders == "guests" and order.customer_id is None):
        return grouping.account
    return None


def shop_account(order: Order) -> ShopAccount:
    """The order's customer as a shop account, for the customer rules: its billing address and
    e-mail; a guest order is its own customer (numbered by the order id)."""
    billing = order.billing if not order.billing.is_empty else order.shipping
    return ShopAccount(
        id=order.customer_id or order.id, email=billing.email, first_name=billing.first_name,
        last_name=billing.last_name, created_at=order.created_at, modified_at=order.modified_at,
        billing=_shop_address(billing), shipping=_shop_address(order.shipping), has_ordered=True, meta=order.meta)


def _shop_address(a: OrderAddress) -> ShopAddress:
    return ShopAddress(a.first_name, a.last_name, a.company, a.line1, a.line2, a.postcode, a.city, a.state, a.country,
                       a.phone, a.email)


# ------------------------------------------------------------------ documents


def _create_documents(run: OperationRun, documents: DocumentWriter, catalogue: OrderCatalogue, plan: Plan,
                      settings: ImportOrdersSettings, statuses: _StatusQueue) -> None:
    run.journal.expect(len(plan.to_create))
    _record_statuses(run, [(order.id, plan.status_after(rule)) for order, rule in plan.to_create
                           if order.id not in plan.no_account])
    unwritten: list[str] = []
    for order, rule in plan.to_create:
        created = False
        with run.journal.attempt(ORDER, order.id) as attempt:
            if order.id in plan.no_account:
                attempt.done(Action.FAILED, _no_account(plan, order.id))
                continue
            draft = _draft(run, order, rule, plan, settings, catalogue)
            if run.options.dry_run:
                attempt.done(Action.CREATED, _summary(WOULD_CREATE, draft))
                continue
            written = _write(run, documents, draft, (order.id,), settings)
            created = True
            plan.articles.update(line.article for line in draft.lines if line.stock_managed and line.article)
            attempt.done(Action.CREATED, _summary(CREATED_AS, draft, written))
        if created and plan.status_after(rule):
            statuses.add(order.id, plan.status_after(rule))
        elif not created:
            unwritten.append(order.id)
    _forget_statuses(run, unwritten)


def _draft(run: OperationRun, order: Order, rule: StatusRule, plan: Plan, settings: ImportOrdersSettings,
           catalogue: OrderCatalogue) -> DocumentDraft:
    draft = build_document(order, plan.accounts[order.id], rule, settings, catalogue, zone=plan.zone)
    for warning in draft.warnings:
        run.journal.warning(warning)
    return draft


def _no_account(plan: Plan, order_id: str) -> Message:
    return Message(N_("no customer account: {reason}"), reason=plan.no_account[order_id])


# ------------------------------------------------------------------ grouping per day


def _create_grouped_documents(run: OperationRun, documents: DocumentWriter, catalogue: OrderCatalogue, plan: Plan,
                              settings: ImportOrdersSettings, statuses: _StatusQueue) -> None:
    """Grouping per day (SPEC §3.6): the drafts of a day that is over become one document; the
    orders of today (or later) wait for the run after the end of their day, so that a day is
    never split over two documents."""
    run.journal.expect(len(plan.to_create))
    drafts, rules = _drafts(run, catalogue, plan, settings)
    today = plan.today or datetime.now(plan.zone).date()  # a draft's date is its day in the shop's zone too
    groups = group_by_day(drafts, settings)
    _record_statuses(run, [(order_id, plan.status_after(rules[order_id])) for g in groups
                           if not _waits(g.draft, today) for order_id in g.shop_order_ids])
    for group in groups:
        ids = group.shop_order_ids
        if _waits(group.draft, today):
            run.keep_watermark()  # the next run after the end of the day must read them again
            for order_id in ids:
                run.journal.item(ORDER, order_id, Action.SKIPPED, Message(
                    N_("grouped per day: waiting for the end of the day {day}"), day=group.draft.date.date().isoformat()))
        else:
            if _write_group(run, documents, group.draft, ids, settings, plan):
                for order_id in ids:
                    if status_after := plan.status_after(rules[order_id]):
                        statuses.add(order_id, status_after)


def _drafts(run: OperationRun, catalogue: OrderCatalogue, plan: Plan,
            settings: ImportOrdersSettings) -> tuple[list[DocumentDraft], dict[str, StatusRule]]:
    """The drafts of the orders that have an account; the others are journaled as failed."""
    drafts, rules = [], {}
    for order, rule in plan.to_create:
        if order.id in plan.no_account:
            run.journal.item(ORDER, order.id, Action.FAILED, _no_account(plan, order.id))
            continue
        try:
            drafts.append(_draft(run, order, rule, plan, settings, catalogue))
        except GescomError as error:
            run.journal.item(ORDER, order.id, Action.FAILED, Message(error.message, literal=True))
            continue
        rules[order.id] = rule
    return drafts, rules


def _waits(draft: DocumentDraft, today: date) -> bool:
    """A grouped document of a day that is not over yet."""
    return bool(draft.grouped_order_ids) and draft.date.date() >= today


def _write_group(run: OperationRun, documents: DocumentWriter, draft: DocumentDraft, ids: tuple[str, ...],
                 settings: ImportOrdersSettings, plan: Plan) -> bool:
    """One document for the orders ``ids`` (one order when not grouped); each order journaled."""
    if run.options.dry_run:
        for order_id in ids:
            run.journal.item(ORDER, order_id, Action.CREATED, _summary(WOULD_CREATE, draft))
        return False
    try:
        written = _write(run, documents, draft, ids, settings)
    except GescomError as error:
        _forget_statuses(run, list(ids))
        for order_id in ids:
            run.journal.item(ORDER, order_id, Action.FAILED, Message(error.message, literal=True))
        return False
    plan.articles.update(line.article for line in draft.lines if line.stock_managed and line.article)
    run.journal.item(ORDER, ids[0], Action.CREATED, _summary(CREATED_AS, draft, written))
    for order_id in ids[1:]:
        run.journal.item(ORDER, order_id, Action.CREATED, Message(
            N_("grouped into {piece} with the orders {orders}"), piece=written.piece, orders=", ".join(ids)))
    return True


def _record_statuses(run: OperationRun, statuses: list[tuple[str, str | None]]) -> None:
    """Before any document is written, in one go: the statuses to set once the orders are
    imported (pending writes; the next run sets those of the orders bound)."""
    if not run.options.dry_run:
        run.store.pending.record_many(run.profile.name, ORDER, STATUS, [(i, s) for i, s in statuses if s])


def _forget_statuses(run: OperationRun, order_ids: list[str]) -> None:
    """The statuses recorded for orders whose document could not be written."""
    if not run.options.dry_run:
        run.store.pending.done_many(run.profile.name, ORDER, order_ids, STATUS)


def _write(run: OperationRun, documents: DocumentWriter, draft: DocumentDraft, order_ids: tuple[str, ...],
           settings: ImportOrdersSettings) -> WrittenDocument:
    """Create the document of ``order_ids`` (several: grouped per day), then bind each of them.
    What must survive a crash is recorded before the commit: the status to set
    (:func:`_record_statuses`, retried by the next run once bound) and, when the back office
    is not searched for every order, that these orders' document is being created."""
    name, pending = run.profile.name, run.store.pending
    if not settings.check_existing:
        for order_id in order_ids:
            pending.record(name, ORDER, order_id, CREATING, draft.account)
    written = documents.create_document(draft)
    for position, order_id in enumerate(order_ids):
        key = written.piece if position == 0 else grouped_key(written.piece, order_id)
        _bind_order(run, order_id, key, intent_recorded=not settings.check_existing)
    return written


def _link_key(run: OperationRun, order_id: str, piece: str) -> str:
    """The binding key of an order found in the back office: ``piece``, or ``piece/order id`` when
    another order of the same grouped document holds ``piece`` already."""
    holder = run.store.bindings.get(run.profile.name, ORDER, piece)
    return piece if holder is None or holder.shop_id == order_id else grouped_key(piece, order_id)


def grouped_key(piece: str, order_id: str) -> str:
    """The binding key of the 2nd, 3rd... order of a grouped document (bindings are unique both ways)."""
    return f"{piece}{GROUPED_KEY}{order_id}"


def _bind_order(run: OperationRun, order_id: str, key: str, *, intent_recorded: bool = True) -> None:
    run.store.bindings.bind(run.profile.name, ORDER, key, order_id)
    if intent_recorded:
        run.store.pending.done(run.profile.name, ORDER, order_id, CREATING)


def forget_orders(store: StateStore, profile: str, order_ids: Sequence[str] | None) -> tuple[int, list[str]]:
    """``orders reset``: forget these orders' bindings (None: all); how many went, and a note per
    order whose grouped document keeps other orders. Those stay imported; the forgotten one is
    marked for the look-up by stamp, so the next import links it to that document again while
    the document holds it, rather than import its lines a second time."""
    order_bindings = store.bindings.list(profile, ORDER)
    forgotten = {b.shop_id: piece_of(b.erp_key) for b in order_bindings if order_ids is None or b.shop_id in order_ids}
    kept = [(b.shop_id, piece_of(b.erp_key)) for b in order_bindings if b.shop_id not in forgotten]
    notes = []
    for order_id, piece in forgotten.items():
        others = [other for other, other_piece in kept if other_piece == piece]
        if others:
            store.pending.record(profile, ORDER, order_id, CREATING, piece)
            notes.append(_("Order {order} is grouped in {piece} with the orders {others}, which stay imported; the "
                           "next import links {order} to {piece} again (to import them again, delete {piece} and "
                           "reset all its orders).").format(order=order_id, piece=piece, others=", ".join(others)))
    return store.bindings.delete_by_shop_ids(profile, ORDER, order_ids), notes


def piece_of(erp_key: str) -> str:
    """The document number of an order binding's key (``BC00040`` or ``BC00040/1234``)."""
    return erp_key.split(GROUPED_KEY, 1)[0]


def _summary(texts_by_type: dict[DocumentType, str], draft: DocumentDraft, written: WrittenDocument | None = None) -> Message:
    total = written.total_included if written else stored_totals(draft).included
    return Message(texts_by_type[draft.document_type], piece=written.piece if written else "", account=draft.account,
                   lines=len(draft.lines), total=total)


# ------------------------------------------------------------------ shop status


class _StatusQueue:
    """The shop statuses to set after import, sent :data:`STATUS_BATCH` at a time (one batch
    request on WooCommerce). Each stays a pending write until the shop took it: a run killed
    before the batch leaves them to the next run."""

    def __init__(self, run: OperationRun) -> None:
        self.run = run
        self.waiting: list[tuple[str, str]] = []

    def add(self, order_id: str, status: str) -> None:
        self.waiting.append((order_id, status))
        if len(self.waiting) >= STATUS_BATCH:
            self.flush()

    def flush(self) -> None:
        changes, self.waiting = self.waiting, []
        self.send(changes)

    def send(self, changes: list[tuple[str, str]]) -> dict[str, bool]:
        """Set these statuses in the shop; whether each order's status was set (the others stay
        pending, with the shop's reason, and are journaled as warnings)."""
        if not changes:
            return {}
        try:
            errors = [None if r.ok else (r.message or _("refused")) for r in self.run.shop.set_order_statuses(changes)]
        except GescomError as failure:
            errors = [failure.message] * len(changes)
        run, profile = self.run, self.run.profile.name
        set_now = {order_id: error is None for (order_id, _status), error in zip(changes, errors, strict=True)}
        run.store.pending.done_many(profile, ORDER, [order_id for order_id, ok in set_now.items() if ok], STATUS)
        for (order_id, status), error in zip(changes, errors, strict=True):
            if error is not None:
                run.store.pending.record(profile, ORDER, order_id, STATUS, status, error)
                run.journal.warning(N_("Order {order}: the shop did not take the status {status} ({reason}); the "
                                       "next run sets it."), order=order_id, status=status, reason=error)
        return set_now


def _retry_statuses(run: OperationRun, bound: dict[str, str]) -> None:
    """The statuses a previous run could not set, for the orders it imported."""
    pending = [p for p in run.store.pending.list(run.profile.name, ORDER, STATUS) if p.shop_id in bound]
    if not pending:
        return
    run.journal.step(N_("Setting the shop statuses left pending by a previous run"))
    run.journal.expect(len(pending))
    set_now = _StatusQueue(run).send([(write.shop_id, write.value) for write in pending])
    for write in pending:
        if set_now[write.shop_id]:
            run.journal.item(ORDER_STATUS, write.shop_id, Action.UPDATED,
                             Message(N_("status {status} set"), status=write.value))
        else:
            run.journal.item(ORDER_STATUS, write.shop_id, Action.SKIPPED,
                             Message(N_("status {status} still pending"), status=write.value))


# ------------------------------------------------------------------ shop stock


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
