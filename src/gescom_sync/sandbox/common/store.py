"""A sandbox shop's persistence: JSON documents by kind and id, in SQLite.

Documents are kept in memory for speed and written through to SQLite on every change, so
a sandbox restarted on the same ``--data`` folder finds its shop as it was left. Counters
hand out the ids; each shop says how (:meth:`JsonStore.upcoming_id`) and under which
names its folder keeps the two tables (:class:`Layout`).
"""

from __future__ import annotations

import copy
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import sqlalchemy as sa

Document = dict[str, Any]


@dataclass(frozen=True)
class Layout:
    """A shop's names on disk: its SQLite file in the data folder, the table of documents
    (``kind``, ``id``, ``body``: the JSON) and the table of counters (a name and the next
    value each hands out). Folders made by earlier versions hold these names: keep them."""

    file_name: str
    documents: str
    counters: str
    counter_name: str
    counter_next: str

    def tables(self) -> tuple[sa.MetaData, sa.Table, sa.Table]:
        metadata = sa.MetaData()
        documents = sa.Table(
            self.documents,
            metadata,
            sa.Column("kind", sa.String(40), primary_key=True),
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("body", sa.Text, nullable=False),
        )
        counters = sa.Table(  # the keys give both shops' columns one spelling in the code
            self.counters,
            metadata,
            sa.Column(self.counter_name, sa.String(40), key="name", primary_key=True),
            sa.Column(self.counter_next, sa.Integer, key="next", nullable=False),
        )
        return metadata, documents, counters


class JsonStore:
    """Documents by kind and id, with write-through persistence; safe across threads.

    ``lock`` (re-entrant) holds the store for a read-modify-write sequence. The documents
    of a kind are kept in id order, so :meth:`scan` needs no sorting."""

    layout: ClassVar[Layout]

    def __init__(self, data_dir: Path) -> None:
        data_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir = data_dir
        self.lock = threading.RLock()
        metadata, self._documents, self._counters = self.layout.tables()
        self._engine = sa.create_engine(f"sqlite:///{data_dir / self.layout.file_name}")
        sa.event.listen(self._engine, "connect", _tune_sqlite)
        metadata.create_all(self._engine)
        self._docs: dict[str, dict[int, Document]] = {}
        self._next: dict[str, int] = {}
        self._load()

    def _load(self) -> None:
        documents, counters = self._documents, self._counters
        with self._engine.connect() as conn:
            rows = conn.execute(sa.select(documents.c.kind, documents.c.id, documents.c.body)
                                .order_by(documents.c.kind, documents.c.id))
            for kind, doc_id, body in rows:
                self._docs.setdefault(kind, {})[doc_id] = json.loads(body)
            for name, value in conn.execute(sa.select(counters.c.name, counters.c.next)):
                self._next[name] = value

    @property
    def is_empty(self) -> bool:
        return not self._docs

    def upcoming_id(self, counter: str) -> int:
        """The id ``counter`` hands out next: the shop's own rule."""
        raise NotImplementedError

    def next_id(self, counter: str) -> int:
        with self.lock:
            value = self.upcoming_id(counter)
            self.set_next_id(counter, value + 1)
            return value

    def set_next_id(self, counter: str, value: int) -> None:
        """Start ``counter``'s ids at ``value`` (e.g. an existing shop's auto-increment, to replay recordings)."""
        with self.lock:
            self._next[counter] = value
            with self._engine.begin() as conn:
                conn.execute(sa.delete(self._counters).where(self._counters.c.name == counter))
                conn.execute(sa.insert(self._counters).values(name=counter, next=value))

    def get(self, kind: str, doc_id: int) -> Document | None:
        """A copy of the document (change it, then :meth:`put` it back)."""
        doc = self._docs.get(kind, {}).get(doc_id)
        return copy.deepcopy(doc) if doc is not None else None

    def all(self, kind: str) -> list[Document]:
        """Copies of every document of ``kind``, in id order."""
        return [copy.deepcopy(d) for d in self.scan(kind)]

    def scan(self, kind: str) -> list[Document]:
        """The live documents of ``kind`` in id order, for read-only lookups (cheap: no copies; never modify them)."""
        return list(self._docs.get(kind, {}).values())

    def put(self, kind: str, doc: Document) -> Document:
        with self.lock:
            self._keep(kind, doc)
            with self._engine.begin() as conn:
                documents = self._documents
                conn.execute(sa.delete(documents).where((documents.c.kind == kind) & (documents.c.id == doc["id"])))
                conn.execute(sa.insert(documents).values(kind=kind, id=doc["id"], body=json.dumps(doc)))
        return doc

    def put_many(self, kind: str, docs: list[Document]) -> None:
        """Insert new documents in one transaction (the initial shop)."""
        with self.lock, self._engine.begin() as conn:
            for doc in docs:
                self._keep(kind, doc)
                conn.execute(sa.insert(self._documents).values(kind=kind, id=doc["id"], body=json.dumps(doc)))

    def delete(self, kind: str, doc_id: int) -> None:
        with self.lock:
            self._docs.get(kind, {}).pop(doc_id, None)
            with self._engine.begin() as conn:
                documents = self._documents
                conn.execute(sa.delete(documents).where((documents.c.kind == kind) & (documents.c.id == doc_id)))

    def close(self) -> None:
        self._engine.dispose()

    def _keep(self, kind: str, doc: Document) -> None:
        """A copy of ``doc`` in memory, its kind's documents still in id order."""
        docs = self._docs.setdefault(kind, {})
        in_order = not docs or doc["id"] in docs or doc["id"] > next(reversed(docs))
        docs[doc["id"]] = copy.deepcopy(doc)
        if not in_order:  # an id below the highest (rare: ids mostly grow), placed where it belongs
            self._docs[kind] = dict(sorted(docs.items()))


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    """WAL without fsync at each commit: a sandbox favours speed over surviving a power cut."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
