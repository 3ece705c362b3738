"""Persistence of the PrestaShop sandbox: one JSON record per resource row, in ``DATA/prestashop.sqlite``.

Records live in memory and are written through to SQLite on every change, so a sandbox
restarted on the same folder finds its shop as it was. Ids are auto-increments per
resource, as in PrestaShop's MySQL tables (the next id is one past the highest ever used).
"""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path
from typing import Any

import sqlalchemy as sa

Record = dict[str, Any]

metadata = sa.MetaData()
records = sa.Table(
    "records", metadata,
    sa.Column("kind", sa.String(40), primary_key=True),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("body", sa.Text, nullable=False),
)
counters = sa.Table(
    "counters", metadata,
    sa.Column("kind", sa.String(40), primary_key=True),
    sa.Column("next_id", sa.Integer, nullable=False),
)


class Store:
    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        self.lock = threading.RLock()
        self._engine = sa.create_engine(f"sqlite:///{data_dir / 'prestashop.sqlite'}")
        sa.event.listen(self._engine, "connect", _tune_sqlite)
        metadata.create_all(self._engine)
        self._rows: dict[str, dict[int, Record]] = {}
        self._next: dict[str, int] = {}
        with self._engine.connect() as conn:
            for kind, row_id, body in conn.execute(sa.select(records.c.kind, records.c.id, records.c.body)):
                self._rows.setdefault(kind, {})[row_id] = json.loads(body)
            for kind, next_id in conn.execute(sa.select(counters.c.kind, counters.c.next_id)):
                self._next[kind] = next_id

    @property
    def is_empty(self) -> bool:
        return not self._rows

    def next_id(self, kind: str) -> int:
        with self.lock:
            value = max(self._next.get(kind, 1), max(self._rows.get(kind, {0: None}), default=0) + 1)
            self._next[kind] = value + 1
            with self._engine.begin() as conn:
                conn.execute(sa.delete(counters).where(counters.c.kind == kind))
                conn.execute(sa.insert(counters).values(kind=kind, next_id=value + 1))
            return value

    def set_next_id(self, kind: str, value: int) -> None:
        """Start ``kind``'s ids at ``value`` (an existing shop's auto-increment; used to replay recordings)."""
        with self.lock:
            self._next[kind] = value
            with self._engine.begin() as conn:
                conn.execute(sa.delete(counters).where(counters.c.kind == kind))
                conn.execute(sa.insert(counters).values(kind=kind, next_id=value))

    def get(self, kind: str, row_id: int) -> Record | None:
        row = self._rows.get(kind, {}).get(row_id)
        return copy.deepcopy(row) if row is not None else None

    def all(self, kind: str) -> list[Record]:
        return [copy.deepcopy(r) for _, r in sorted(self._rows.get(kind, {}).items())]

    def scan(self, kind: str) -> list[Record]:
        """The live records, for read-only lookups (never modify them)."""
        return [r for _, r in sorted(self._rows.get(kind, {}).items())]

    def put(self, kind: str, row: Record) -> Record:
        with self.lock:
            self._rows.setdefault(kind, {})[row["id"]] = copy.deepcopy(row)
            with self._engine.begin() as conn:
                key = (records.c.kind == kind) & (records.c.id == row["id"])
                conn.execute(sa.delete(records).where(key))
                conn.execute(sa.insert(records).values(kind=kind, id=row["id"], body=json.dumps(row)))
        return row

    def put_many(self, kind: str, rows: list[Record]) -> None:
        """Insert new rows in one transaction (the initial shop)."""
        with self.lock, self._engine.begin() as conn:
            for row in rows:
                self._rows.setdefault(kind, {})[row["id"]] = copy.deepcopy(row)
                conn.execute(sa.insert(records).values(kind=kind, id=row["id"], body=json.dumps(row)))

    def delete(self, kind: str, row_id: int) -> None:
        with self.lock:
            self._rows.get(kind, {}).pop(row_id, None)
            with self._engine.begin() as conn:
                conn.execute(sa.delete(records).where((records.c.kind == kind) & (records.c.id == row_id)))

    def close(self) -> None:
        self._engine.dispose()


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
