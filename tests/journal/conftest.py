"""A fixed clock and a fixed time zone, so that journal lines are golden text."""

from __future__ import annotations

import io
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from rich.console import Console

PARIS = ZoneInfo("Europe/Paris")
# 28/03/2022 16:21:24 in Paris (summer time, UTC+2): the SPEC's example.
SPEC_START = datetime(2022, 3, 28, 14, 21, 24, tzinfo=UTC)


class Clock:
    """A clock that stands still until the test moves it."""

    def __init__(self, start: datetime = SPEC_START) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def paris_time(monkeypatch: pytest.MonkeyPatch):
    """The machine's local time zone is Paris (for code that renders in local time)."""
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield PARIS
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def plain_console() -> Console:
    """A console writing plain text (no colours, not a terminal) into memory: ``.file.getvalue()``."""
    return Console(file=io.StringIO(), width=200, force_terminal=False, color_system=None, highlight=False)
