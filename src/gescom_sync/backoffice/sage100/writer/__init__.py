"""The Sage-layout write side: customer accounts and sales documents (orders, invoices...).

Writes use an engine of their own on the same database, without the read side's
read-only guards (session.py); each account is written in one transaction. On a real
Sage 100 these writes belong to Objets Métiers: see docs/customers.md.
"""

from __future__ import annotations

import sqlalchemy as sa

from gescom_sync.backoffice.sage100.writer.customers import Sage100CustomerWriter
from gescom_sync.backoffice.sage100.writer.documents import Sage100DocumentWriter


def writable_engine(read_engine: sa.Engine) -> sa.Engine:
    """An engine on the same database as ``read_engine``, allowed to write."""
    return sa.create_engine(read_engine.url)


__all__ = ["Sage100CustomerWriter", "Sage100DocumentWriter", "writable_engine"]
