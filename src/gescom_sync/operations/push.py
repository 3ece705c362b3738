"""Send records to the shop the idempotent way: bind, diff by part, write in batches, bind.

Every record of a push is a :class:`Draft`: its back-office key, the hash of each of its
parts (texts, price, stock, images...), and how to build the shop record once its shop id
and the parts to send are known. For each draft:

- no binding: the record is created with every part;
- a binding: only the parts whose hash differs from what was last sent, and whose update
  switch is on, are sent; none -> "unchanged", no call at all;
- the shop answers that the record already exists (a duplicate SKU with its id): the key
  is bound to that id and the record is sent again as an update, once;
- a part named in the draft's ``force`` is sent to a bound record whatever its hash
  (the operation found that the shop's own value differs);
- a part named in ``settled`` was compared with the shop's own value by the operation:
  it is sent only when forced, and its hash is stored either way (the shop has it);
- each confirmed write is bound at once, with the hashes of what was sent;
- a failed write is journaled with the shop's message and its payload kept for replay.

A dry run journals what would be created or updated, and which parts, and writes nothing.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from typing import Any, Generic, TypeVar

from gescom_sync.journal import Action, Message
from gescom_sync.i18n import N_
from gescom_sync.operations.run import OperationRun
from gescom_sync.shops import WriteResult
from gescom_sync.state.bindings import BindingConflict
from gescom_sync.state.records import Binding

Record = TypeVar("Record")
Write = Callable[[Sequence[Record]], list[WriteResult]]


@dataclass(frozen=True)
class Draft(Generic[Record]):
    """One record to push. ``build(shop_id, parts)`` gives the shop record sending only ``parts``."""

    key: str
    parts: Mapping[str, str]  # part name -> hash of its content
    build: Callable[[str | None, frozenset[str]], Record]
    force: frozenset[str] = frozenset()  # parts sent to a bound record whatever their hash (the shop differs)
    settled: frozenset[str] = frozenset()  # parts the shop was found to have: not sent for their hash, only stored


def content_hash(value: Any) -> str:
    """A stable hash of a value: canonical JSON (sorted keys, Decimal as text), SHA-256."""
    text = json.dumps(_canonical(value), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return _canonical(asdict(value))
    if isinstance(value, Mapping):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_canonical(v) for v in value]
        return sorted(items, key=json.dumps) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 12.50 and 12.5 are the same price
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (Enum, PurePath)):
        return str(value.value if isinstance(value, Enum) else value)
    return value


@dataclass(frozen=True)
class _Pending(Generic[Record]):
    draft: Draft[Record]
    shop_id: str | None
    parts: frozenset[str]
    record: Record


def push(
    run: OperationRun,
    entity: str,
    drafts: Sequence[Draft[Record]],
    write: Write[Record],
    *,
    updatable: Collection[str] | None = None,
) -> dict[str, str]:
    """Push ``drafts`` through ``write``; returns back-office key -> shop id of what is in the shop.

    ``updatable`` are the parts that may be sent to an existing record (the user's update
    switches); None means every part.
    """
    pusher = Pusher(run, entity, write, updatable=updatable)
    shop_ids = pusher.add(drafts)
    return shop_ids | pusher.flush()


class Pusher(Generic[Record]):
    """:func:`push` over several calls (an operation's chunks of articles): the records to
    write are kept until ``batch`` of them are due, so that a chunk's few changed records
    share the shop's batches with the next chunks' instead of each chunk sending its own
    part-filled batch. Only whole multiples of ``batch`` are written before
    :meth:`flush`; ``batch=1`` writes what is due at the end of each :meth:`add` (records
    the shop groups by parent, which one add always holds whole)."""

    def __init__(self, run: OperationRun, entity: str, write: Write[Record], *,
                 updatable: Collection[str] | None = None, batch: int = 1) -> None:
        self.run, self.entity, self.write, self.updatable, self.batch = run, entity, write, updatable, batch
        self.pending: list[_Pending[Record]] = []

    def add(self, drafts: Sequence[Draft[Record]]) -> dict[str, str]:
        """Journal the unchanged drafts, keep the others to write and write those due;
        back-office key -> shop id of the drafts bound or written (those held back are
        :meth:`flush`'s)."""
        run, entity = self.run, self.entity
        bound = run.store.bindings.get_many(run.profile.name, entity, (draft.key for draft in drafts))
        shop_ids: dict[str, str] = {}
        for draft in drafts:
            binding = bound.get(draft.key)
            if binding is None:
                parts = frozenset(draft.parts)
            else:
                shop_ids[draft.key] = binding.shop_id
                parts = draft.force | frozenset(
                    part
                    for part, digest in draft.parts.items()
                    if part not in draft.settled
                    and binding.part_hashes.get(part) != digest
                    and (self.updatable is None or part in self.updatable)
                )
                if not parts:
                    if not run.options.dry_run:
                        _store_settled(run, entity, draft, binding)
                    run.journal.item(entity, draft.key, Action.UNCHANGED)
                    continue
            shop_id = binding.shop_id if binding else None
            self.pending.append(_Pending(draft, shop_id, parts, draft.build(shop_id, parts)))
        due = len(self.pending) - len(self.pending) % self.batch
        if due:
            shop_ids |= self._send(self.pending[:due])
            del self.pending[:due]
        return shop_ids

    def flush(self) -> dict[str, str]:
        """Write what is left; back-office key -> shop id of what this flush wrote."""
        shop_ids = self._send(self.pending)
        self.pending = []
        return shop_ids

    def _send(self, pending: list[_Pending[Record]]) -> dict[str, str]:
        run, entity, shop_ids = self.run, self.entity, {}
        if run.options.dry_run:
            for item in pending:
                action = Action.CREATED if item.shop_id is None else Action.UPDATED
                run.journal.item(entity, item.draft.key, action, _sent_parts(item.parts), payload=_payload(item.record))
            return shop_ids
        _write(run, entity, pending, self.write, shop_ids, retry_existing=True)
        return shop_ids


def _write(
    run: OperationRun,
    entity: str,
    pending: Sequence[_Pending[Record]],
    write: Write[Record],
    shop_ids: dict[str, str],
    *,
    retry_existing: bool,
) -> None:
    if not pending:
        return
    results = write([item.record for item in pending])
    retries: list[_Pending[Record]] = []
    for item, result in zip(pending, results, strict=True):
        if result.ok and result.shop_id:
            _bind(run, entity, item, result.shop_id)
            shop_ids[item.draft.key] = result.shop_id
            run.journal.item(entity, item.draft.key, Action.CREATED if item.shop_id is None else Action.UPDATED)
        elif retry_existing and result.existing_shop_id and item.shop_id is None:
            retry = _adopt(run, entity, item, result)
            if retry is not None:
                retries.append(retry)
        else:
            reason = Message(result.message or result.code or "?", literal=True)
            run.journal.item(entity, item.draft.key, Action.FAILED, reason, payload=_payload(item.record))
    _write(run, entity, retries, write, shop_ids, retry_existing=False)


def _adopt(run: OperationRun, entity: str, item: _Pending[Record], refused: WriteResult) -> _Pending[Record] | None:
    """The shop already has this record (found by SKU, e-mail...): bind it, then update it."""
    shop_id = refused.existing_shop_id
    try:
        run.store.bindings.bind(run.profile.name, entity, item.draft.key, shop_id)
    except BindingConflict as conflict:  # two back-office records for one shop record: say both
        reason = Message(f"{refused.message} {conflict.message}".strip(), literal=True)
        run.journal.item(entity, item.draft.key, Action.FAILED, reason, payload=_payload(item.record))
        return None
    parts = frozenset(item.draft.parts)
    return _Pending(item.draft, shop_id, parts, item.draft.build(shop_id, parts))


def _store_settled(run: OperationRun, entity: str, draft: Draft[Record], binding: Binding) -> None:
    """Store the hashes of the settled parts the binding does not have yet (no shop call)."""
    stale = {part: draft.parts[part] for part in draft.settled
             if part in draft.parts and binding.part_hashes.get(part) != draft.parts[part]}
    if stale:
        run.store.bindings.set_hash(run.profile.name, entity, draft.key, binding.content_hash, stale)


def _bind(run: OperationRun, entity: str, item: _Pending[Record], shop_id: str) -> None:
    sent = {part: item.draft.parts[part] for part in item.parts | item.draft.settled if part in item.draft.parts}
    whole = content_hash(dict(item.draft.parts))
    bindings = run.store.bindings
    if item.shop_id == shop_id:
        bindings.set_hash(run.profile.name, entity, item.draft.key, whole, sent)
    else:
        bindings.bind(run.profile.name, entity, item.draft.key, shop_id, whole, sent)


def _sent_parts(parts: frozenset[str]) -> Message:
    return Message(N_("dry run, would send: {parts}"), parts=", ".join(sorted(parts)))


def _payload(record: Any) -> Any:
    return _canonical(record)
