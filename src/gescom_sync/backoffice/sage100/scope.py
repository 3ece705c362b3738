"""Which rows a read covers: the user's SQL filter (and a change date) on the main table.

The filter applies to the main table only (F_ARTICLE for products, stock and prices,
F_COMPTET for customers), so that its unqualified Sage column names are never ambiguous.
Related tables (stock, packagings, addresses...) are read for the same keys through
``key IN (SELECT key FROM main WHERE filter)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from gescom_sync.backoffice.sage100.filters import user_condition


@dataclass(frozen=True)
class Scope:
    table: sa.Table
    key: str  # the main table's business key column, e.g. "AR_Ref"
    condition: sa.ColumnElement[bool] | None

    def where(self) -> sa.ColumnElement[bool]:
        """The condition on the main table itself."""
        return sa.true() if self.condition is None else self.condition

    def on(self, key_column: sa.ColumnElement) -> sa.ColumnElement[bool]:
        """The condition on a related table whose ``key_column`` holds the main key."""
        if self.condition is None:
            return sa.true()
        return key_column.in_(sa.select(self.table.c[self.key]).where(self.condition))


def make_scope(
    table: sa.Table,
    key: str,
    dialect: str,
    user_filter: str | None = None,
    since: datetime | None = None,
    extra: sa.ColumnElement[bool] | None = None,
) -> Scope:
    conditions: list[sa.ColumnElement[bool]] = []
    if extra is not None:
        conditions.append(extra)
    if user_filter and user_filter.strip():
        conditions.append(user_condition(user_filter.strip(), table.name, dialect))
    if since is not None:
        conditions.append(table.c.cbModification >= since)
    return Scope(table, key, sa.and_(*conditions) if conditions else None)
