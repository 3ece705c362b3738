"""WooCommerce ``…/batch`` writes: 100 items per call, create + update + delete together.

A batch answers 200 even when items fail: each item of the answer is the record, or
``{"id": …, "error": {"code", "message", "data": {"status", "resource_id"…}}}``, which
becomes that item's failure with the shop's message. Calls run two at a time at most
(real-shop-costs.md: a third one gains nothing and slows the merchant's site).

A call holding creates is not repeatable: when its outcome is unknown (5xx, timeout),
the creates are looked for in the shop (by SKU, e-mail...) before anything is sent again,
so a retry never duplicates a product.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from gescom_sync.http import Action, HttpError, OutcomeUnknown, ShopHttpClient, parse_retry_after
from gescom_sync.i18n import _
from gescom_sync.shops.base import WriteOutcome, WriteResult
from gescom_sync.shops.woocommerce.connection import describe_error

BATCH_LIMIT = 100
PARALLEL_BATCHES = 2

FindExisting = Callable[[list[dict[str, Any]]], "list[str | None]"]
"""Looks the payloads of lost creates up in the shop: their ids, or None where absent."""


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One record to write: created when ``shop_id`` is None, else updated (or deleted)."""

    key: str
    payload: dict[str, Any]
    shop_id: str | None = None
    delete: bool = False

    @property
    def section(self) -> str:
        if self.delete:
            return "delete"
        return "create" if self.shop_id is None else "update"

    def body(self) -> Any:
        if self.delete:
            return int(self.shop_id or 0)
        if self.shop_id is None:
            return self.payload
        return {"id": int(self.shop_id), **self.payload}


class BatchWriter:
    """Writes items to ``<path>/batch`` in calls of at most ``limit`` items."""

    def __init__(self, client: ShopHttpClient, path: str, *, find_existing: FindExisting | None = None,
                 limit: int = BATCH_LIMIT, parallel: int = PARALLEL_BATCHES,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.client = client
        self.sleep = sleep
        self.path = path
        self.find_existing = find_existing
        self.limit = limit
        self.parallel = parallel

    def write(self, items: Sequence[BatchItem]) -> list[WriteResult]:
        """One result per item, in input order. Errors that stop the run (401...) are raised."""
        chunks = [list(items[start:start + self.limit]) for start in range(0, len(items), self.limit)]
        outcomes = self.client.map(self._write_chunk, chunks, max_workers=self.parallel)
        results: list[WriteResult] = []
        for outcome in outcomes:
            if outcome.error is not None:
                if isinstance(outcome.error, HttpError) and outcome.error.action is Action.FAIL_RUN:
                    raise outcome.error
                results += [_failed(item, outcome.error.message) for item in outcome.item]
            else:
                results += outcome.value or []
        return results

    def _write_chunk(self, chunk: list[BatchItem]) -> list[WriteResult]:
        done: dict[int, WriteResult] = {}
        pending = list(range(len(chunk)))
        retried = False
        failure = ""
        for attempt in range(1, self.client.options.max_tries + 1):
            try:
                answer = self._send([chunk[i] for i in pending])
            except OutcomeUnknown as error:
                pending, retried, failure = self._recover(chunk, pending, done), True, error.message
                if pending:
                    self.sleep(self._pause(error, attempt))
                    continue
                break
            except HttpError as error:
                if error.action is Action.FAIL_RUN:
                    raise
                failure = error.message
                break
            for index, result in zip(pending, self._read(chunk, pending, answer, retried), strict=True):
                done[index] = result
            pending = []
            break
        for index in pending:
            done[index] = _failed(chunk[index], failure)
        return [done[i] for i in range(len(chunk))]

    def _pause(self, error: OutcomeUnknown, attempt: int) -> float:
        """Before sending the rest again: the shop's ``Retry-After``, else the client's backoff ceiling."""
        header = error.response.headers.get("retry-after") if error.response is not None else None
        asked = parse_retry_after(header, datetime.now(UTC))
        if asked is not None:
            return min(asked, self.client.options.retry_after_max)
        options = self.client.options
        return min(options.backoff_base * 2 ** (attempt - 1), options.backoff_max)

    def _send(self, items: list[BatchItem]) -> dict[str, Any]:
        body: dict[str, list[Any]] = {}
        for item in items:
            body.setdefault(item.section, []).append(item.body())
        repeatable = "create" not in body  # updates set absolute values; deletes are forced
        response = self.client.post(f"{self.path}/batch", json=body, idempotent=repeatable)
        answer = response.json()
        return answer if isinstance(answer, dict) else {}

    def _recover(self, chunk: list[BatchItem], pending: list[int], done: dict[int, WriteResult]) -> list[int]:
        """After an unknown outcome: creates found in the shop are done; the rest is sent again."""
        creates = [i for i in pending if chunk[i].section == "create"]
        if not creates or self.find_existing is None:
            return pending
        found = self.find_existing([chunk[i].payload for i in creates])
        for index, shop_id in zip(creates, found, strict=True):
            if shop_id is not None:
                done[index] = WriteResult(chunk[index].key, WriteOutcome.CREATED, shop_id=str(shop_id))
        return [i for i in pending if i not in done]

    def _read(self, chunk: list[BatchItem], sent: list[int], answer: dict[str, Any], retried: bool) -> list[WriteResult]:
        """The answer's items, matched to the sent ones by section and position."""
        cursors = {name: iter(answer.get(name) or []) for name in ("create", "update", "delete")}
        results = []
        for index in sent:
            item = chunk[index]
            entry = next(cursors[item.section], None)
            results.append(_result(item, entry, retried))
        return results


def _result(item: BatchItem, entry: Any, retried: bool) -> WriteResult:
    outcome = {"create": WriteOutcome.CREATED, "update": WriteOutcome.UPDATED, "delete": WriteOutcome.DELETED}[item.section]
    if not isinstance(entry, dict):
        return _failed(item, _("the shop's answer does not mention this item"))
    error = entry.get("error")
    if not error:
        return WriteResult(item.key, outcome, shop_id=str(entry.get("id")))
    data = error.get("data") or {}
    if retried and item.delete and str(error.get("code", "")).endswith("_invalid_id"):
        # A delete of the lost call was applied before: the record is gone, as asked.
        return WriteResult(item.key, WriteOutcome.DELETED, shop_id=item.shop_id)
    existing = data.get("resource_id")
    return WriteResult(item.key, WriteOutcome.FAILED, shop_id=item.shop_id, message=describe_error(error) or "",
                       code=error.get("code"), existing_shop_id=str(existing) if existing else None)


def _failed(item: BatchItem, message: str) -> WriteResult:
    return WriteResult(item.key, WriteOutcome.FAILED, shop_id=item.shop_id, message=message)
