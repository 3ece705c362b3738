"""Persistence of the WooCommerce sandbox: one JSON document per resource, in SQLite.

Documents are kept in memory for speed and written through to SQLite on every change,
so a sandbox restarted on the same ``--data`` folder finds its shop as it was left.
Identifiers come from named sequences that mirror WordPress's id spaces: products,
variations, orders, refunds, coupons and media share the *post* sequence, as they do
in a real shop.
"""

from __future__ import annotations

import copy
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa

Document = dict[str, Any]

metadata = sa.MetaData()
documents = sa.Table(
    "documents",
    metadata,
    sa.Column("kind", sa.String(40), primary_key=True),
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("body", sa.Text, nullable=False),
)
sequences = sa.Table(
    "sequences",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)

# First value handed out by each sequence (a fresh WordPress already used the lower ones).
SEQUENCE_STARTS = {
    "post": 10,
    "user": 2,
    "term": 16,
    "attribute": 1,
    "order_item": 1,
    "comment": 1,
    "meta": 1,
    "tax_rate": 1,
    "api_key": 1,
}


class Store:
    """Documents by kind and id, with write-through persistence; safe across threads."""

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        self._lock = threading.RLock()
        self._engine = sa.create_engine(f"sqlite:///{data_dir / 'woocommerce.sqlite'}")
        sa.event.listen(self._engine, "connect", _tune_sqlite)
        metadata.create_all(self._engine)
        self._docs: dict[str, dict[int, Document]] = {}
        self._sequences: dict[str, int] = {}
        self._load()

    def _load(self) -> None:
        with self._engine.connect() as conn:
            for kind, doc_id, body in conn.execute(sa.select(documents.c.kind, documents.c.id, documents.c.body)):
                self._docs.setdefault(kind, {})[doc_id] = json.loads(body)
            for name, value in conn.execute(sa.select(sequences.c.name, sequences.c.value)):
                self._sequences[name] = value

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store for a read-modify-write sequence (one request at a time)."""
        with self._lock:
            yield

    def next_id(self, sequence: str) -> int:
        with self._lock:
            value = self._sequences.get(sequence, SEQUENCE_STARTS[sequence])
            self._sequences[sequence] = value + 1
            with self._engine.begin() as conn:
                conn.execute(sa.delete(sequences).where(sequences.c.name == sequence))
                conn.execute(sa.insert(sequences).values(name=sequence, value=value + 1))
            return value

    def get(self, kind: str, doc_id: int) -> Document | None:
        """A copy of the document (change it, then :meth:`put` it back)."""
        doc = self._docs.get(kind, {}).get(doc_id)
        return copy.deepcopy(doc) if doc is not None else None

    def all(self, kind: str) -> list[Document]:
        """Copies of every document of ``kind``, in id order."""
        return [copy.deepcopy(d) for _, d in sorted(self._docs.get(kind, {}).items())]

    def scan(self, kind: str) -> list[Document]:
        """The live documents of ``kind`` for read-only lookups (cheap: no copies; never modify them)."""
        return list(self._docs.get(kind, {}).values())

    def put(self, kind: str, doc: Document) -> Document:
        with self._lock:
            self._docs.setdefault(kind, {})[doc["id"]] = copy.deepcopy(doc)
            with self._engine.begin() as conn:
                key = (documents.c.kind == kind) & (documents.c.id == doc["id"])
                conn.execute(sa.delete(documents).where(key))
                conn.execute(sa.insert(documents).values(kind=kind, id=doc["id"], body=json.dumps(doc)))
        return doc

    def delete(self, kind: str, doc_id: int) -> None:
        with self._lock:
            self._docs.get(kind, {}).pop(doc_id, None)
            with self._engine.begin() as conn:
                conn.execute(sa.delete(documents).where((documents.c.kind == kind) & (documents.c.id == doc_id)))

    def close(self) -> None:
        self._engine.dispose()


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL without fsync at each commit: a sandbox favours speed over surviving a power cut."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
