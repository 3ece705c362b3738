"""Where a run's events go: the terminal, the profile's log file, JSON lines, the state store.

Every sink receives the same (already redacted) events; each renders them its own way.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from datetime import tzinfo
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from gescom_sync.i18n import current_language
from gescom_sync.journal.events import Action, Event, EventKind, Message, RunStatus
from gescom_sync.journal.render import Renderer
from gescom_sync.paths import logs_dir
from gescom_sync.state.runs import NewEvent, NewItem

if TYPE_CHECKING:
    from gescom_sync.journal.run import RunJournal, Sink

# Loops of more items than this get a progress bar in an interactive terminal.
PROGRESS_MIN_ITEMS = 5
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 5
# The store sink writes its buffered journal lines every this many events or seconds.
STORE_BATCH_EVENTS = 500
STORE_BATCH_SECONDS = 2.0

_STATUS_STYLES = {
    RunStatus.SUCCEEDED: "green",
    RunStatus.SUCCEEDED_WITH_WARNINGS: "yellow",
    RunStatus.FAILED: "bold red",
}


class TerminalSink:
    """The SPEC §1 lines, live; a progress bar on long loops when the output is a terminal."""

    def __init__(self, console: Console | None = None, language: str | None = None, tz: tzinfo | None = None) -> None:
        self.console = console or Console(highlight=False)
        self.language = language
        self.tz = tz
        self._renderer: Renderer | None = None
        self._progress: Progress | None = None

    def open(self, journal: RunJournal) -> None:
        self._renderer = Renderer(self.language or current_language(), self.tz)

    def emit(self, event: Event) -> None:
        assert self._renderer is not None, "emit() before open()"
        if event.kind is EventKind.ITEM:
            self._follow_loop(event.data)
        else:
            self._stop_progress()
        style = event_style(event)
        for line in self._renderer.lines(event):
            self.console.print(line, style=style, markup=False, highlight=False, soft_wrap=True)
        if self._progress is not None and event.data.get("index") == event.data.get("total"):
            self._stop_progress()

    def close(self, journal: RunJournal) -> None:
        self._stop_progress()

    def _follow_loop(self, item: dict[str, Any]) -> None:
        total = item.get("total")
        if self._progress is None and total and total > PROGRESS_MIN_ITEMS and self.console.is_terminal:
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.add_task("", total=total, completed=item["index"] - 1)
            self._progress.start()
        if self._progress is not None:
            self._progress.update(self._progress.task_ids[0], completed=item["index"])

    def _stop_progress(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def event_style(event: Event) -> str | None:
    """The terminal colour of an event's lines: failures red, skips and warnings yellow."""
    if event.kind is EventKind.ITEM:
        return {Action.FAILED: "red", Action.SKIPPED: "yellow"}.get(Action(event.data["action"]))
    if event.kind is EventKind.WARNING:
        return "yellow"
    if event.kind is EventKind.ERROR:
        return "bold red"
    if event.kind is EventKind.FINISHED:
        return _STATUS_STYLES[RunStatus(event.data["status"])]
    return None


class LogFileSink:
    """``<profile>.log`` in the data folder's logs, rotated by size, in the profile's language."""

    def __init__(
        self,
        profile: str,
        language: str | None = None,
        *,
        max_bytes: int = LOG_MAX_BYTES,
        backups: int = LOG_BACKUPS,
        tz: tzinfo | None = None,
    ) -> None:
        self.path = log_file_path(profile)
        self.language = language
        self.max_bytes = max_bytes
        self.backups = backups
        self.tz = tz
        self._renderer: Renderer | None = None
        self._handler: RotatingFileHandler | None = None

    def open(self, journal: RunJournal) -> None:
        self._renderer = Renderer(self.language or current_language(), self.tz)
        self._handler = RotatingFileHandler(
            self.path, maxBytes=self.max_bytes, backupCount=self.backups, encoding="utf-8"
        )
        self._handler.setFormatter(logging.Formatter("%(message)s"))

    def emit(self, event: Event) -> None:
        assert self._renderer is not None and self._handler is not None, "emit() before open()"
        for line in self._renderer.lines(event):
            self._handler.handle(logging.makeLogRecord({"msg": line, "levelno": logging.INFO, "levelname": "INFO"}))

    def close(self, journal: RunJournal) -> None:
        if self._handler is not None:
            self._handler.close()
            self._handler = None


def log_file_path(profile: str) -> Path:
    return logs_dir() / f"{profile}.log"


class JsonLinesSink:
    """One JSON object per event on stdout (``--json``), for scripts."""

    def __init__(self, stream: IO[str] | None = None, language: str | None = None, tz: tzinfo | None = None) -> None:
        self.stream = stream
        self.language = language
        self.tz = tz
        self._renderer: Renderer | None = None

    def open(self, journal: RunJournal) -> None:
        self._renderer = Renderer(self.language or current_language(), self.tz)

    def emit(self, event: Event) -> None:
        assert self._renderer is not None, "emit() before open()"
        stream = self.stream or sys.stdout
        stream.write(event_json(event, self._renderer) + "\n")
        stream.flush()

    def close(self, journal: RunJournal) -> None:
        pass


def event_json(event: Event, renderer: Renderer) -> str:
    """``event`` as one JSON line: machine keys, plus ``text`` rendered by ``renderer``."""
    record = {"event": event.kind.value, "at": event.at.isoformat(), "run_id": event.run_id, **event.data}
    record["text"] = renderer.text_of(event)
    return json.dumps(record, ensure_ascii=False)


class StoreSink:
    """Keeps the run, its events and its items in the state store (``gescom-sync log``).

    Events and items are buffered and written in one transaction per batch: every
    ``batch_size`` events, every ``max_delay`` seconds (checked when an event comes, so a
    run being followed sees its journal grow), and at close. A crash loses at most the
    buffered tail of the journal; bindings do not go through here and are never delayed.
    """

    def __init__(
        self,
        store: Any,
        language: str | None = None,
        *,
        batch_size: int = STORE_BATCH_EVENTS,
        max_delay: float = STORE_BATCH_SECONDS,
    ) -> None:
        self.store = store
        self.language = language
        self.batch_size = batch_size
        self.max_delay = max_delay
        self._renderer: Renderer | None = None
        self._events: list[NewEvent] = []
        self._items: list[NewItem] = []
        self._last_flush = 0.0

    def open(self, journal: RunJournal) -> None:
        self._renderer = Renderer(self.language or current_language())
        journal.run_id = self.store.runs.start(journal.profile, journal.operation, journal.options)
        self._last_flush = time.monotonic()

    def emit(self, event: Event) -> None:
        assert self._renderer is not None and event.run_id is not None, "emit() before open()"
        self._events.append(NewEvent(event.kind.value, event.data, event.at))
        if event.kind is EventKind.ITEM:
            reason = event.data["reason"]
            message = self._renderer.text(Message.from_data(reason)) if reason else None
            data = event.data
            self._items.append(NewItem(data["entity"], data["key"], data["action"], message, event.payload))
        if len(self._events) >= self.batch_size or time.monotonic() - self._last_flush >= self.max_delay:
            self.flush(event.run_id)

    def flush(self, run_id: int) -> None:
        """Write the buffered events and items of run ``run_id`` in one transaction."""
        self.store.runs.add_batch(run_id, self._events, self._items)
        self._events, self._items = [], []  # kept until written: a failed write is tried again with the next
        self._last_flush = time.monotonic()

    def close(self, journal: RunJournal) -> None:
        assert journal.run_id is not None
        self.flush(journal.run_id)
        self.store.runs.finish(journal.run_id, journal.status.value, journal.counters)


def standard_sinks(
    profile: str,
    *,
    json_output: bool = False,
    store: Any = None,
    journal_language: str | None = None,
    console: Console | None = None,
) -> list[Sink]:
    """The sinks of a run started from the CLI: store (when given), terminal or JSON, log file.

    ``journal_language`` is the profile's journal language (the log file's); the terminal
    and JSON texts use the current language (``--lang``).
    """
    sinks: list[Sink] = [StoreSink(store, journal_language)] if store is not None else []
    sinks.append(JsonLinesSink() if json_output else TerminalSink(console))
    sinks.append(LogFileSink(profile, journal_language))
    return sinks
