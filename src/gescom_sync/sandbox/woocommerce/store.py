"""Persistence of the WooCommerce sandbox: one JSON document per resource, in ``DATA/woocommerce.sqlite``
(see :mod:`gescom_sync.sandbox.common.store`).

Identifiers come from named sequences that mirror WordPress's id spaces: products,
variations, orders, refunds, coupons and media share the *post* sequence, as they do
in a real shop.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from gescom_sync.sandbox.common.store import Document, JsonStore, Layout

__all__ = ["SEQUENCE_STARTS", "Document", "Store"]

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


class Store(JsonStore):
    """The shop's documents; their ids from :data:`SEQUENCE_STARTS`' sequences."""

    layout = Layout("woocommerce.sqlite", documents="documents", counters="sequences",
                    counter_name="name", counter_next="value")

    def upcoming_id(self, counter: str) -> int:
        return self._next.get(counter, SEQUENCE_STARTS[counter])

    def locked(self) -> AbstractContextManager[bool]:
        """Hold the store for a read-modify-write sequence (one request at a time)."""
        return self.lock
