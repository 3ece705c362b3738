"""The shop status set after import (SPEC §3.6): recorded as a pending write before the
document is written, sent in batches after it, retried by the next run while the shop refuses it."""

from __future__ import annotations

from gescom_sync.errors import GescomError
from gescom_sync.i18n import N_, _
from gescom_sync.journal import Action, Message
from gescom_sync.operations.import_orders.bindings import ORDER, ORDER_STATUS, STATUS
from gescom_sync.operations.run import OperationRun

STATUS_BATCH = 100  # statuses sent to the shop at a time (WooCommerce's batch limit)


def record_statuses(run: OperationRun, statuses: list[tuple[str, str | None]]) -> None:
    """Before any document is written, in one go: the statuses to set once the orders are
    imported (pending writes; the next run sets those of the orders bound)."""
    if not run.options.dry_run:
        run.store.pending.record_many(run.profile.name, ORDER, STATUS, [(i, s) for i, s in statuses if s])


def forget_statuses(run: OperationRun, order_ids: list[str]) -> None:
    """The statuses recorded for orders whose document could not be written."""
    if not run.options.dry_run:
        run.store.pending.done_many(run.profile.name, ORDER, order_ids, STATUS)


class StatusQueue:
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


def retry_statuses(run: OperationRun, bound: dict[str, str]) -> None:
    """The statuses a previous run could not set, for the orders it imported."""
    pending = [p for p in run.store.pending.list(run.profile.name, ORDER, STATUS) if p.shop_id in bound]
    if not pending:
        return
    run.journal.step(N_("Setting the shop statuses left pending by a previous run"))
    run.journal.expect(len(pending))
    set_now = StatusQueue(run).send([(write.shop_id, write.value) for write in pending])
    for write in pending:
        if set_now[write.shop_id]:
            run.journal.item(ORDER_STATUS, write.shop_id, Action.UPDATED,
                             Message(N_("status {status} set"), status=write.value))
        else:
            run.journal.item(ORDER_STATUS, write.shop_id, Action.SKIPPED,
                             Message(N_("status {status} still pending"), status=write.value))
