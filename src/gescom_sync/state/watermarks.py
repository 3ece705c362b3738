"""Watermarks: per profile and operation, the last transfer date (SPEC §1)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from gescom_sync.state.engine import reading, writing
from gescom_sync.state.records import Watermark
from gescom_sync.state.tables import watermarks
from gescom_sync.state.types import as_utc


class Watermarks:
    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine

    def get(self, profile: str, operation: str) -> datetime | None:
        query = sa.select(watermarks.c.value).where(_where(profile, operation))
        with reading(self._engine) as connection:
            return connection.execute(query).scalar_one_or_none()

    def set(self, profile: str, operation: str, value: datetime) -> None:
        """Store ``value`` (timezone-aware; kept in UTC) as the last transfer date."""
        value = as_utc(value)
        try:
            self._upsert(profile, operation, value)
        except sa.exc.IntegrityError:  # another process inserted it meanwhile: now it is an update
            self._upsert(profile, operation, value)

    def _upsert(self, profile: str, operation: str, value: datetime) -> None:
        with writing(self._engine) as connection:
            updated = connection.execute(
                watermarks.update().where(_where(profile, operation)).values(value=value)
            ).rowcount
            if not updated:
                connection.execute(watermarks.insert().values(profile=profile, operation=operation, value=value))

    def clear(self, profile: str, operation: str | None = None) -> int:
        """Remove one operation's watermark, or all of the profile's; returns how many went."""
        condition = watermarks.c.profile == profile
        if operation is not None:
            condition &= watermarks.c.operation == operation
        with writing(self._engine) as connection:
            return connection.execute(watermarks.delete().where(condition)).rowcount

    def list(self, profile: str | None = None) -> list[Watermark]:
        query = sa.select(watermarks).order_by(watermarks.c.profile, watermarks.c.operation)
        if profile is not None:
            query = query.where(watermarks.c.profile == profile)
        with reading(self._engine) as connection:
            return [Watermark(row.profile, row.operation, row.value) for row in connection.execute(query)]


def _where(profile: str, operation: str) -> sa.ColumnElement[bool]:
    return (watermarks.c.profile == profile) & (watermarks.c.operation == operation)
