"""The journal of a run: events -> human lines (fr/en), log files, JSON lines, the state store.

Operations use :class:`RunJournal`; the CLI gives it :func:`standard_sinks`;
``gescom-sync log`` renders stored events again with :func:`render_lines`.
"""

from gescom_sync.journal.events import N_, Action, Event, EventKind, Message, RunStatus
from gescom_sync.journal.render import Renderer, render_lines
from gescom_sync.journal.run import ItemAttempt, RunJournal, Sink
from gescom_sync.journal.sinks import (
    JsonLinesSink,
    LogFileSink,
    StoreSink,
    TerminalSink,
    event_json,
    log_file_path,
    standard_sinks,
)

__all__ = [
    "Action",
    "Event",
    "EventKind",
    "ItemAttempt",
    "JsonLinesSink",
    "LogFileSink",
    "Message",
    "N_",
    "Renderer",
    "RunJournal",
    "RunStatus",
    "Sink",
    "StoreSink",
    "TerminalSink",
    "event_json",
    "log_file_path",
    "render_lines",
    "standard_sinks",
]
