"""The documents of the orders to create: one per order, or one per day's group (grouping per
day), each created in one back-office transaction and bound after it."""

from __future__ import annotations

from datetime import date

from gescom_sync.backoffice.writer import DocumentWriter, WrittenDocument
from gescom_sync.errors import GescomError
from gescom_sync.i18n import N_
from gescom_sync.journal import Action, Message
from gescom_sync.mapping.orders import DocumentDraft, DocumentType, OrderCatalogue, build_document, group_by_day
from gescom_sync.mapping.orders.totals import document_totals
from gescom_sync.model.order import Order
from gescom_sync.operations.import_orders.after_import import CreatedDocument
from gescom_sync.operations.import_orders.bindings import CREATING, ORDER, bind_order, grouped_key
from gescom_sync.operations.import_orders.plan import Plan
from gescom_sync.operations.import_orders.statuses import StatusQueue, forget_statuses, record_statuses
from gescom_sync.operations.run import OperationRun
from gescom_sync.profiles.orders import ImportOrdersSettings, StatusRule

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


def create_documents(run: OperationRun, documents: DocumentWriter, catalogue: OrderCatalogue, plan: Plan,
                     settings: ImportOrdersSettings, statuses: StatusQueue) -> None:
    run.journal.expect(len(plan.to_create))
    record_statuses(run, [(order.id, plan.status_after(rule)) for order, rule in plan.to_create
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
            written = write_document(run, documents, draft, (order.id,), settings)
            created = True
            _remember(plan, draft, written, (order.id,))
            attempt.done(Action.CREATED, _summary(CREATED_AS, draft, written))
        if created and plan.status_after(rule):
            statuses.add(order.id, plan.status_after(rule))
        elif not created:
            unwritten.append(order.id)
    forget_statuses(run, unwritten)


def _draft(run: OperationRun, order: Order, rule: StatusRule, plan: Plan, settings: ImportOrdersSettings,
           catalogue: OrderCatalogue) -> DocumentDraft:
    draft = build_document(order, plan.accounts[order.id], rule, settings, catalogue, zone=plan.zone)
    for warning in draft.warnings:
        run.journal.warning(warning)
    return draft


def _no_account(plan: Plan, order_id: str) -> Message:
    return Message(N_("no customer account: {reason}"), reason=plan.no_account[order_id])


def create_grouped_documents(run: OperationRun, documents: DocumentWriter, catalogue: OrderCatalogue, plan: Plan,
                             settings: ImportOrdersSettings, statuses: StatusQueue) -> None:
    """Grouping per day (SPEC §3.6): the drafts of a day that is over become one document; the
    orders of today (or later) wait for the run after the end of their day, so that a day is
    never split over two documents."""
    run.journal.expect(len(plan.to_create))
    drafts, rules = _drafts(run, catalogue, plan, settings)
    groups = group_by_day(drafts, settings)
    record_statuses(run, [(order_id, plan.status_after(rules[order_id])) for g in groups
                          if not _waits(g.draft, plan.today) for order_id in g.shop_order_ids])
    for group in groups:
        ids = group.shop_order_ids
        if _waits(group.draft, plan.today):  # a draft's date is its day in the shop's zone too
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
        written = write_document(run, documents, draft, ids, settings)
    except GescomError as error:
        forget_statuses(run, list(ids))
        for order_id in ids:
            run.journal.item(ORDER, order_id, Action.FAILED, Message(error.message, literal=True))
        return False
    _remember(plan, draft, written, ids)
    run.journal.item(ORDER, ids[0], Action.CREATED, _summary(CREATED_AS, draft, written))
    for order_id in ids[1:]:
        run.journal.item(ORDER, order_id, Action.CREATED, Message(
            N_("grouped into {piece} with the orders {orders}"), piece=written.piece, orders=", ".join(ids)))
    return True


def write_document(run: OperationRun, documents: DocumentWriter, draft: DocumentDraft, order_ids: tuple[str, ...],
                   settings: ImportOrdersSettings) -> WrittenDocument:
    """Create the document of ``order_ids`` (several: grouped per day), then bind each of them.
    What must survive a crash is recorded before the commit: the status to set
    (:func:`record_statuses`, retried by the next run once bound) and, when the back office
    is not searched for every order, that these orders' document is being created."""
    name, pending = run.profile.name, run.store.pending
    if not settings.check_existing:
        for order_id in order_ids:
            pending.record(name, ORDER, order_id, CREATING, draft.account)
    written = documents.create_document(draft)
    for position, order_id in enumerate(order_ids):
        key = written.piece if position == 0 else grouped_key(written.piece, order_id)
        bind_order(run, order_id, key, intent_recorded=not settings.check_existing)
    return written


def _remember(plan: Plan, draft: DocumentDraft, written: WrittenDocument, ids: tuple[str, ...]) -> None:
    """What the run keeps of a document written: its stock articles and the document itself."""
    plan.articles.update(line.article for line in draft.lines if line.stock_managed and line.article)
    plan.created.append(CreatedDocument(written.piece, draft.document_type, draft.account, written.total_included, ids))


def _summary(texts_by_type: dict[DocumentType, str], draft: DocumentDraft, written: WrittenDocument | None = None) -> Message:
    """The journal's line of a document: its total in the order's currency, the shop's figure (a
    document in currency stores euros: ``WrittenDocument.total_included``)."""
    total = document_totals(draft.lines, draft.shipping, draft.tax_included).included
    return Message(texts_by_type[draft.document_type], piece=written.piece if written else "", account=draft.account,
                   lines=len(draft.lines), total=total)
