"""Runs: one execution of an operation, its journal events and its per-item outcomes.

Events are kept in the order they were added (``seq`` 1, 2, 3...) so a journal can be
rendered again later (``gescom-sync log``); items keep the payload that was sent, so a
failed item can be replayed.
"""

from __future__ import annotations

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
        at = as_utc(at)
        with writing(self._engine) as connection:
            self._require(connection, run_id)
            last_seq = connection.execute(
                sa.select(sa.func.max(run_events.c.seq)).where(run_events.c.run_id == run_id)
            ).scalar_one()
            connection.execute(
                run_events.insert().values(run_id=run_id, seq=(last_seq or 0) + 1, at=at, kind=kind, data=data)
            )

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
        if action not in ITEM_ACTIONS:
            raise ValueError(f"unknown item action {action!r}; expected one of {', '.join(ITEM_ACTIONS)}")
        with writing(self._engine) as connection:
            self._require(connection, run_id)
            connection.execute(
                run_items.insert().values(
                    run_id=run_id, entity=entity, key=key, action=action, message=message, payload=payload
                )
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
