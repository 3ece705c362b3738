"""The terminal's progress bar, JSON lines, and the profile's rotating log file."""

from __future__ import annotations

import io
import json
from zoneinfo import ZoneInfo

from rich.console import Console

from gescom_sync.journal import (
    Action,
    JsonLinesSink,
    LogFileSink,
    RunJournal,
    StoreSink,
    TerminalSink,
    log_file_path,
    standard_sinks,
    texts,
)
from gescom_sync.paths import logs_dir

PARIS = ZoneInfo("Europe/Paris")
BAR = "━"


def export(sinks, clock, references: list[str]) -> RunJournal:
    with RunJournal("bijou", "export_products", sinks=sinks, clock=clock) as journal:
        journal.step(texts.READING_PRODUCTS)
        journal.expect(len(references))
        for reference in references:
            journal.item("product", reference, Action.CREATED)
    return journal


def test_a_long_loop_shows_a_progress_bar_in_a_terminal(clock):
    terminal = Console(file=io.StringIO(), width=100, force_terminal=True)
    export([TerminalSink(terminal, "fr", PARIS)], clock, [f"PANBLEU{size}" for size in range(36, 44)])

    output = terminal.file.getvalue()
    assert BAR in output
    assert "8/8 - PANBLEU43 : création" in output


def test_no_progress_bar_for_a_few_items_or_outside_a_terminal(clock, plain_console):
    terminal = Console(file=io.StringIO(), width=100, force_terminal=True)
    export([TerminalSink(terminal, "fr", PARIS)], clock, ["BAOR01", "CHAAR/VAR", "CHAOR42"])
    export([TerminalSink(plain_console, "fr", PARIS)], clock, [f"PANBLEU{size}" for size in range(36, 44)])

    assert BAR not in terminal.file.getvalue()
    assert BAR not in plain_console.file.getvalue()
    assert len(plain_console.file.getvalue().splitlines()) == 2 + 8 + 3


def test_json_lines_give_one_object_per_event_with_machine_keys(clock):
    stream = io.StringIO()
    journal = export([JsonLinesSink(stream, "fr", PARIS)], clock, ["BAOR01", "CHAAR/VAR"])

    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [r["event"] for r in records] == ["started", "step", "item", "item", "summary", "finished"]
    assert records[0] == {
        "event": "started",
        "at": "2022-03-28T14:21:24+00:00",
        "run_id": None,
        "profile": "bijou",
        "operation": "export_products",
        "options": {},
        "text": "Début de l'export des articles",
    }
    assert records[1]["message"] == {"msgid": "Reading products", "params": {}}
    assert records[3] == {
        "event": "item",
        "at": "2022-03-28T14:21:24+00:00",
        "run_id": None,
        "entity": "product",
        "key": "CHAAR/VAR",
        "action": "created",
        "index": 2,
        "total": 2,
        "reason": None,
        "text": "2/2 - CHAAR/VAR : création",
    }
    assert records[4]["counters"] == {"product": {"created": 2}}
    assert records[4]["entities"] == ["product"]
    assert records[5]["status"] == "succeeded" and records[5]["exit_code"] == journal.exit_code == 0


def test_the_log_file_of_the_profile_keeps_the_journal_in_the_profiles_language(clock):
    export([LogFileSink("bijou", "en", tz=PARIS)], clock, ["BAOR01"])
    export([LogFileSink("bijou", "fr", tz=PARIS)], clock, ["CHSR10"])

    path = log_file_path("bijou")
    assert path == logs_dir() / "bijou.log"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:3] == [
        "28 Mar 2022 16:21:24 - Start of the product export",
        "28 Mar 2022 16:21:24 - Reading products",
        "28 Mar 2022 16:21:24 -> 1/1 - BAOR01: created",
    ]
    assert lines[6:9] == [
        "28/03/2022 16:21:24 - Début de l'export des articles",
        "28/03/2022 16:21:24 - Lecture des articles",
        "28/03/2022 16:21:24 -> 1/1 - CHSR10 : création",
    ]


def test_the_log_file_rotates_by_size(clock):
    def small_log():
        return LogFileSink("bijou", "fr", max_bytes=600, backups=2, tz=PARIS)

    for run in range(4):
        export([small_log()], clock, [f"RUN{run}-{n}" for n in range(5)])

    names = sorted(p.name for p in logs_dir().iterdir())
    assert names == ["bijou.log", "bijou.log.1", "bijou.log.2"]
    assert all(p.stat().st_size <= 600 for p in logs_dir().iterdir())
    assert "RUN3-4 : création" in log_file_path("bijou").read_text(encoding="utf-8")


def test_a_cli_run_goes_to_the_store_the_terminal_or_json_and_the_log_file():
    store = object()

    assert [type(s) for s in standard_sinks("bijou")] == [TerminalSink, LogFileSink]
    with_json = standard_sinks("bijou", json_output=True, store=store, journal_language="en")
    assert [type(s) for s in with_json] == [StoreSink, JsonLinesSink, LogFileSink]
    assert with_json[2].language == "en" and with_json[0].store is store
