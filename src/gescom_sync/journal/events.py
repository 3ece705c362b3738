"""What a run emits: events are data (a kind, a time, a dict), never pre-rendered text.

Texts travel as :class:`Message` (an English msgid and its parameters) so that a stored
run can be rendered again later in any language (``gescom-sync log --lang en``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from gescom_sync.i18n import N_, N_plural  # noqa: F401 - re-exported for the journal's users


class EventKind(StrEnum):
    STARTED = "started"
    STEP = "step"
    ITEM = "item"
    WARNING = "warning"
    ERROR = "error"
    SUMMARY = "summary"
    FINISHED = "finished"


class Action(StrEnum):
    """What happened to one item (a product, a customer, an order...)."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"
    SKIPPED = "skipped"
    FAILED = "failed"


class RunStatus(StrEnum):
    SUCCEEDED = "succeeded"
    SUCCEEDED_WITH_WARNINGS = "succeeded_with_warnings"
    FAILED = "failed"


def jsonable(value: Any) -> Any:
    """``value`` as something JSON keeps exactly: Decimal money becomes its string, never a float."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [jsonable(v) for v in value]
    if hasattr(value, "model_dump"):  # a pydantic model
        return jsonable(value.model_dump(mode="json"))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return jsonable(dataclasses.asdict(value))
    return str(value)


@dataclass(frozen=True, init=False)
class Message:
    """A text to render later: an English msgid with ``{name}`` placeholders and their values.

    ``literal`` messages are texts that are already final (a remote server's error, an
    error message translated when it was raised): they are shown as they are.
    """

    msgid: str
    params: dict[str, Any] = field(default_factory=dict)
    literal: bool = False

    def __init__(self, msgid: str, /, *, literal: bool = False, **params: Any) -> None:
        object.__setattr__(self, "msgid", msgid)
        object.__setattr__(self, "params", {name: jsonable(value) for name, value in params.items()})
        object.__setattr__(self, "literal", literal)

    @classmethod
    def of(cls, text: str | Message, **params: Any) -> Message:
        """``text`` as a Message: a plain string is a msgid taking ``params``."""
        return text if isinstance(text, Message) else cls(text, **params)

    def to_data(self) -> dict[str, Any]:
        if self.literal:
            return {"text": self.msgid}
        return {"msgid": self.msgid, "params": dict(self.params)}

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Message:
        if "text" in data:
            return cls(data["text"], literal=True)
        return cls(data["msgid"], **data.get("params", {}))


@dataclass(frozen=True)
class Event:
    """One thing that happened during a run, at an aware (UTC) instant.

    ``payload`` (item events only) is what was sent or read for the item, kept by the
    state store for replay; it is not part of the journal's text or JSON lines.
    """

    kind: EventKind
    at: datetime
    data: dict[str, Any]
    run_id: int | None = None
    payload: Any = field(default=None, compare=False, repr=False)

    @classmethod
    def restore(cls, kind: str, at: datetime, data: dict[str, Any], run_id: int | None = None) -> Event:
        """An event read back from the state store (naive times there are UTC)."""
        if at.tzinfo is None:
            at = at.replace(tzinfo=UTC)
        return cls(EventKind(kind), at, data, run_id)
