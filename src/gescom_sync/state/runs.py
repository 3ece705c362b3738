"""Runs: one execution of an operation, its journal events and its per-item outcomes.

Events are kept in the order they were added (``seq`` 1, 2, 3...) so a journal can be
rendered again later (``gescom-sync log``); items keep the payload that was sent, so a
failed item can be replayed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from gescom_sync.errors import NotFound
from gescom_sync.i18n import _
from gescom_sync.state.engine import reading, writing
from gescom_sync.state.records import Run, RunEvent, RunItem
from gescom_sync.state.tables import run_events, run_items, runs
from gescom_sync.state.types import as_utc, utc_now

RUNNING = "running"
RUN_STATUSES = ("succeeded", "succeeded_with_warnings", "failed")
ITEM_ACTIONS = ("created", "updated", "unchanged", "skipped", "failed")


@dataclass(frozen=True)
class NewEvent:
    """A journal event to append to a run (see :meth:`Runs.add_batch`)."""

    kind: str
    data: dict[str, Any]
    at: datetime


@dataclass(frozen=True)
class NewItem:
    """What happened to one item of a run; ``payload`` is what was (or would have been) sent."""

    entity: str
    key: str
    action: str
    message: str | None = None
    payload: dict[str, Any] | None = None


class Runs:
    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def start(self, profile: str, operation: str, options: dict[str, Any], started_at: datetime | None = None) -> int:
        """Record that a run begins (status ``running``); returns its id."""
        started_at = as_utc(started_at) if started_at is not None else utc_now()
        with writing(self._engine) as connection:
            result = connection.execute(
                runs.insert().values(
                    profile=profile, operation=operation, options=options, started_at=started_at, status=RUNNING
                )
            )
            return result.inserted_primary_key[0]

    def add_event(self, run_id: int, kind: str, data: dict[str, Any], at: datetime) -> None:
        """Append a journal event; it gets the next ``seq`` of the run."""
        self.add_batch(run_id, events=[NewEvent(kind, data, at)])

    def add_item(
        self,
        run_id: int,
        entity: str,
        key: str,
        action: str,
        message: str | None = None,
        payload: dict[str, Any] | None = None,
    ) -> None:
        """Record what happened to one item; ``payload`` is what was (or would have been) sent."""
        self.add_batch(run_id, items=[NewItem(entity, key, action, message, payload)])

    def add_batch(self, run_id: int, events: Sequence[NewEvent] = (), items: Sequence[NewItem] = ()) -> None:
        """Append ``events`` (the run's next ``seq`` numbers, in their order) and ``items``
        (kept in their order) in one transaction: a journal of 10,000 lines is written in
        a few transactions instead of 20,000."""
        for item in items:
            if item.action not in ITEM_ACTIONS:
                raise ValueError(f"unknown item action {item.action!r}; expected one of {', '.join(ITEM_ACTIONS)}")
        if not events and not items:
            return
        with writing(self._engine) as connection:
            self._require(connection, run_id)
            if events:
                last_seq = connection.execute(
                    sa.select(sa.func.max(run_events.c.seq)).where(run_events.c.run_id == run_id)
                ).scalar_one() or 0
                rows = [
                    {"run_id": run_id, "seq": last_seq + n, "at": as_utc(e.at), "kind": e.kind, "data": e.data}
                    for n, e in enumerate(events, start=1)
                ]
                connection.execute(run_events.insert(), rows)
            if items:
                connection.execute(
                    run_items.insert(),
                    [
                        {"run_id": run_id, "entity": i.entity, "key": i.key, "action": i.action,
                         "message": i.message, "payload": i.payload}
                        for i in items
                    ],
                )

    def finish(self, run_id: int, status: str, counters: dict[str, Any], ended_at: datetime | None = None) -> None:
        if status not in RUN_STATUSES:
            raise ValueError(f"unknown run status {status!r}; expected one of {', '.join(RUN_STATUSES)}")
        ended_at = as_utc(ended_at) if ended_at is not None else utc_now()
        with writing(self._engine) as connection:
            self._require(connection, run_id)
            connection.execute(
                runs.update().where(runs.c.id == run_id).values(status=status, counters=counters, ended_at=ended_at)
            )

    def get(self, run_id: int) -> Run | None:
        with reading(self._engine) as connection:
            row = connection.execute(sa.select(runs).where(runs.c.id == run_id)).first()
        return _run(row) if row is not None else None

    def last(self, profile: str, operation: str | None = None) -> Run | None:
        """The profile's most recent run (of ``operation`` when given), finished or not."""
        found = self._newest(profile, operation, limit=1)
        return found[0] if found else None

    def list(self, profile: str | None = None, limit: int = 20) -> list[Run]:
        """The most recent runs first."""
        return self._newest(profile, None, limit)

    def events(self, run_id: int) -> list[RunEvent]:
        query = sa.select(run_events).where(run_events.c.run_id == run_id).order_by(run_events.c.seq)
        with reading(self._engine) as connection:
            return [RunEvent(r.run_id, r.seq, r.at, r.kind, r.data) for r in connection.execute(query)]

    def items(self, run_id: int) -> list[RunItem]:
        query = sa.select(run_items).where(run_items.c.run_id == run_id).order_by(run_items.c.id)
        with reading(self._engine) as connection:
            return [
                RunItem(r.run_id, r.entity, r.key, r.action, r.message, r.payload) for r in connection.execute(query)
            ]

    def _newest(self, profile: str | None, operation: str | None, limit: int) -> list[Run]:
        query = sa.select(runs).order_by(runs.c.id.desc()).limit(limit)
        if profile is not None:
            query = query.where(runs.c.profile == profile)
        if operation is not None:
            query = query.where(runs.c.operation == operation)
        with reading(self._engine) as connection:
            return [_run(row) for row in connection.execute(query)]

    @staticmethod
    def _require(connection: sa.Connection, run_id: int) -> None:
        if connection.execute(sa.select(runs.c.id).where(runs.c.id == run_id)).first() is None:
            raise NotFound(_("There is no run {run_id}.").format(run_id=run_id))


def _run(row: sa.Row) -> Run:
    return Run(
        row.id, row.profile, row.operation, row.options, row.started_at, row.ended_at, row.status, row.counters
    )
