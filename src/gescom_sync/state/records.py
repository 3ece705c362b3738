"""What the state store returns: frozen records, datetimes timezone-aware UTC."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Binding:
    """The durable link between a back-office key and the shop's id for the same thing."""

    profile: str
    entity: str
    erp_key: str
    shop_id: str
    content_hash: str | None
    synced_at: datetime
    part_hashes: Mapping[str, str] = field(default_factory=dict)  # {part: hash} of what was last sent


@dataclass(frozen=True)
class Watermark:
    """The last transfer date of one operation of one profile."""

    profile: str
    operation: str
    value: datetime


@dataclass(frozen=True)
class Run:
    id: int
    profile: str
    operation: str
    options: dict[str, Any]
    started_at: datetime
    ended_at: datetime | None
    status: str  # "running" until finished
    counters: dict[str, Any] | None


@dataclass(frozen=True)
class RunEvent:
    run_id: int
    seq: int  # 1, 2, 3... in the order they were added
    at: datetime
    kind: str
    data: dict[str, Any]


@dataclass(frozen=True)
class RunItem:
    run_id: int
    entity: str
    key: str
    action: str
    message: str | None
    payload: dict[str, Any] | None
