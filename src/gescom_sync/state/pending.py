"""Pending writes: what must still be written to the shop for a record, retried next run.

The order import sets an order's shop status once its document is committed; when the
shop refuses or cannot be reached (or the run is killed), the status stays here and the
next run sets it, without importing the order again. One row per (entity, shop id,
field): recording it again replaces the value.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gescom_sync.state.bindings import KEYS_PER_QUERY
from gescom_sync.state.engine import reading, writing
from gescom_sync.state.tables import pending_writes
from gescom_sync.state.types import utc_now


@dataclass(frozen=True)
class PendingWrite:
    shop_id: str
    value: str
    error: str | None
    since: datetime


class PendingWrites:
    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def record(self, profile: str, entity: str, shop_id: str, field: str, value: str, error: str | None = None) -> None:
        """Remember that ``field`` of the shop record must become ``value`` (``error``: why it is not yet)."""
        key = _key(profile, entity, field) & (pending_writes.c.shop_id == shop_id)
        with writing(self._engine) as connection:
            updated = connection.execute(pending_writes.update().where(key).values(value=value, error=error)).rowcount
            if not updated:
                connection.execute(pending_writes.insert().values(
                    profile=profile, entity=entity, shop_id=shop_id, field=field, value=value, error=error,
                    since=utc_now()))

    def record_many(self, profile: str, entity: str, field: str, values: Sequence[tuple[str, str]]) -> None:
        """:meth:`record` for many (shop id, value) in one transaction."""
        with writing(self._engine) as connection:
            for shop_id, value in values:
                key = _key(profile, entity, field) & (pending_writes.c.shop_id == shop_id)
                if not connection.execute(pending_writes.update().where(key).values(value=value, error=None)).rowcount:
                    connection.execute(pending_writes.insert().values(
                        profile=profile, entity=entity, shop_id=shop_id, field=field, value=value, error=None,
                        since=utc_now()))

    def done(self, profile: str, entity: str, shop_id: str, field: str) -> None:
        key = _key(profile, entity, field) & (pending_writes.c.shop_id == shop_id)
        with writing(self._engine) as connection:
            connection.execute(pending_writes.delete().where(key))

    def done_many(self, profile: str, entity: str, shop_ids: Sequence[str], field: str) -> None:
        """:meth:`done` for many records in one transaction (a batch of statuses the shop took)."""
        with writing(self._engine) as connection:
            for start in range(0, len(shop_ids), KEYS_PER_QUERY):
                chunk = list(shop_ids[start:start + KEYS_PER_QUERY])
                connection.execute(pending_writes.delete().where(
                    _key(profile, entity, field) & pending_writes.c.shop_id.in_(chunk)))

    def list(self, profile: str, entity: str, field: str) -> list[PendingWrite]:
        query = sa.select(pending_writes).where(_key(profile, entity, field)).order_by(pending_writes.c.id)
        with reading(self._engine) as connection:
            return [PendingWrite(row.shop_id, row.value, row.error, row.since) for row in connection.execute(query)]


def _key(profile: str, entity: str, field: str) -> sa.ColumnElement[bool]:
    return (pending_writes.c.profile == profile) & (pending_writes.c.entity == entity) & (pending_writes.c.field == field)
