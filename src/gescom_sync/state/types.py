"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """``value`` converted to UTC; a naive datetime is a programming error (whose time zone?)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"naive datetime {value.isoformat()} given to the state store; pass a timezone-aware datetime")
    return value.astimezone(UTC)


class UTCDateTime(sa.TypeDecorator[datetime]):
    """Timezone-aware UTC in, timezone-aware UTC out, on every backend.

    SQLite has no time zones: values are stored as naive UTC text and tagged UTC on the way
    back. PostgreSQL stores ``timestamptz`` and returns it in the session's zone, which is
    converted back to UTC.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        value = as_utc(value)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# JSONB on PostgreSQL (indexable, compact), JSON text elsewhere.
JSONData = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)  # money stays exact: never a float
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} cannot be stored as JSON in the state store")


def dump_json(value: Any) -> str:
    """The engine's JSON serialiser: Decimal as strings, dates in ISO 8601."""
    return json.dumps(value, default=_json_default, ensure_ascii=False)
