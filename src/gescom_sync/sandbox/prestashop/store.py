"""Persistence of the PrestaShop sandbox: one JSON record per resource row, in ``DATA/prestashop.sqlite``
(see :mod:`gescom_sync.sandbox.common.store`).

Ids are auto-increments per resource, as in PrestaShop's MySQL tables (the next id is one
past the highest ever used).
"""

from __future__ import annotations

from gescom_sync.sandbox.common.store import Document, JsonStore, Layout

__all__ = ["Record", "Store"]

Record = Document


class Store(JsonStore):
    """The shop's rows by resource; each resource's ids from its own auto-increment."""

    layout = Layout("prestashop.sqlite", documents="records", counters="counters",
                    counter_name="kind", counter_next="next_id")

    def upcoming_id(self, counter: str) -> int:
        highest = max(self._docs.get(counter, {}), default=0)
        return max(self._next.get(counter, 1), highest + 1)

