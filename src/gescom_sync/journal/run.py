"""The journal of one run: what an operation calls while it works.

::

    with RunJournal("bijou", "export_products", sinks=cli_sinks(...)) as journal:
        journal.step(N_("Reading products"))
        journal.expect(len(products))
        for product in products:
            with journal.attempt("product", product.reference) as attempt:
                attempt.done(Action.CREATED)
    raise typer.Exit(journal.exit_code)

A failure on one item is journaled and the loop goes on. An error that stops the run
(a :class:`~gescom_sync.errors.GescomError` raised inside the ``with``) is journaled and
swallowed: the run is failed and ``exit_code`` says 2 when no item was processed, else 1.
Any other exception (a bug, Ctrl-C) is journaled too, then propagates.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Protocol

from gescom_sync.errors import EXIT_CANNOT_START, EXIT_ITEMS_FAILED, EXIT_OK, GescomError
from gescom_sync.journal.events import N_, Action, Event, EventKind, Message, RunStatus, jsonable
from gescom_sync.journal.redact import Redactor
from gescom_sync.operations.registry import get_operation


class Sink(Protocol):
    """Receives every event of a run (terminal, log file, JSON lines, state store)."""

    def open(self, journal: RunJournal) -> None: ...

    def emit(self, event: Event) -> None: ...

    def close(self, journal: RunJournal) -> None: ...


def utc_now() -> datetime:
    return datetime.now(UTC)


class RunJournal:
    """The journal of one run of ``operation`` for ``profile``: counters, status, exit code.

    ``clock`` gives aware datetimes (tests fix it); ``secrets`` are masked everywhere.
    """

    def __init__(
        self,
        profile: str,
        operation: str,
        *,
        sinks: Sequence[Sink] = (),
        options: Mapping[str, Any] | None = None,
        secrets: Iterable[str | None] = (),
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.profile = profile
        self.operation = get_operation(operation).id
        self.sinks = list(sinks)
        self.clock = clock
        self.run_id: int | None = None
        self._redactor = Redactor()
        for secret in secrets:
            self._redactor.add(secret)
        self.options = jsonable(dict(options or {}))
        self._counters: dict[str, dict[str, int]] = defaultdict(dict)
        self._index = 0
        self._total: int | None = None
        self._warnings = 0
        self._run_error = False

    # -- secrets -------------------------------------------------------------
    def add_secret(self, secret: str | None) -> None:
        """Mask ``secret`` in every event emitted from now on."""
        self._redactor.add(secret)

    def redact(self, value: Any) -> Any:
        return self._redactor.data(value)

    # -- the run -------------------------------------------------------------
    def __enter__(self) -> RunJournal:
        self.options = self.redact(self.options)
        for sink in self.sinks:
            sink.open(self)
        self._emit(EventKind.STARTED, {"profile": self.profile, "operation": self.operation, "options": self.options})
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> bool:
        if error is not None:
            self._record_run_error(error)
        # The entities' order is kept apart: a JSON store (PostgreSQL JSONB) may reorder keys.
        self._emit(EventKind.SUMMARY, {"counters": self.counters, "entities": list(self._counters)})
        self._emit(
            EventKind.FINISHED,
            {"operation": self.operation, "status": self.status.value, "exit_code": self.exit_code, "totals": self.totals},
        )
        for sink in self.sinks:
            sink.close(self)
        return isinstance(error, GescomError)

    def _record_run_error(self, error: BaseException) -> None:
        self._run_error = True
        if isinstance(error, GescomError):
            message = Message(error.message, literal=True)
        elif isinstance(error, KeyboardInterrupt):
            message = Message(N_("Interrupted by the user"))
        else:
            message = Message(N_("Unexpected error ({type}): {error}"), type=type(error).__name__, error=str(error))
        self._emit(EventKind.ERROR, {"message": message.to_data()})

    # -- what operations call ------------------------------------------------
    def step(self, message: str | Message, **params: Any) -> None:
        """A stage of the run (``Reading products``): a msgid and its parameters."""
        self._emit(EventKind.STEP, {"message": Message.of(message, **params).to_data()})

    def expect(self, total: int) -> None:
        """The next ``total`` items are numbered 1/total ... total/total."""
        self._index = 0
        self._total = total

    def expect_more(self, count: int) -> None:
        """``count`` more items follow, numbered on from the last (a run in chunks)."""
        self._total = (self._total or 0) + count

    def item(
        self,
        entity: str,
        key: str | int,
        action: Action | str,
        reason: str | Message | None = None,
        payload: Any = None,
    ) -> None:
        """What happened to one item; ``reason`` says why it was skipped or failed."""
        action = Action(action)
        key = str(key)
        self._index += 1
        by_action = self._counters[entity]
        by_action[action.value] = by_action.get(action.value, 0) + 1
        data = {
            "entity": entity,
            "key": key,
            "action": action.value,
            "index": self._index,
            "total": self._total,
            "reason": Message.of(reason).to_data() if reason is not None else None,
        }
        self._emit(EventKind.ITEM, data, payload=payload)

    def attempt(self, entity: str, key: str, payload: Any = None) -> ItemAttempt:
        """A context for one item: an exception inside fails this item only."""
        return ItemAttempt(self, entity, key, payload)

    def warning(self, message: str | Message, **params: Any) -> None:
        self._warnings += 1
        self._emit(EventKind.WARNING, {"message": Message.of(message, **params).to_data()})

    # -- outcome -------------------------------------------------------------
    @property
    def counters(self) -> dict[str, dict[str, int]]:
        """Items per entity and action: ``{"product": {"created": 2, "failed": 1}}``."""
        return {entity: dict(by_action) for entity, by_action in self._counters.items()}

    @property
    def items_processed(self) -> int:
        return sum(sum(by_action.values()) for by_action in self._counters.values())

    @property
    def totals(self) -> dict[str, int]:
        """Items per action over every entity: the run's last word for scripts."""
        return {action.value: sum(by_action.get(action.value, 0) for by_action in self._counters.values()) for action in Action}

    @property
    def items_failed(self) -> int:
        return sum(by_action.get(Action.FAILED.value, 0) for by_action in self._counters.values())

    @property
    def status(self) -> RunStatus:
        if self._run_error or self.items_failed:
            return RunStatus.FAILED
        if self._warnings:
            return RunStatus.SUCCEEDED_WITH_WARNINGS
        return RunStatus.SUCCEEDED

    @property
    def exit_code(self) -> int:
        """0 all good, 1 some items failed (or the run broke midway), 2 the run could not start."""
        if self._run_error and not self.items_processed:
            return EXIT_CANNOT_START
        if self.status is RunStatus.FAILED:
            return EXIT_ITEMS_FAILED
        return EXIT_OK

    def _emit(self, kind: EventKind, data: dict[str, Any], payload: Any = None) -> None:
        event = Event(
            kind, self.clock(), self.redact(jsonable(data)), self.run_id, payload=self.redact(jsonable(payload))
        )
        for sink in self.sinks:
            sink.emit(event)


class ItemAttempt:
    """One item's work; call :meth:`done` with what happened, or let an exception fail it."""

    def __init__(self, journal: RunJournal, entity: str, key: str, payload: Any) -> None:
        self._journal = journal
        self.entity = entity
        self.key = key
        self.payload = payload
        self._recorded = False

    def done(self, action: Action | str, reason: str | Message | None = None) -> None:
        self._journal.item(self.entity, self.key, action, reason=reason, payload=self.payload)
        self._recorded = True

    def __enter__(self) -> ItemAttempt:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> bool:
        if error is None:
            if not self._recorded:
                raise RuntimeError(f"the attempt on {self.entity} {self.key!r} ended without done()")
            return False
        if not isinstance(error, Exception) or self._recorded:
            return False  # Ctrl-C stops the run; an error after done() is not this item's
        if isinstance(error, GescomError):
            reason = Message(error.message, literal=True)
        else:
            reason = Message(N_("Unexpected error ({type}): {error}"), type=type(error).__name__, error=str(error))
        self.done(Action.FAILED, reason)
        return True
