"""Runs kept in the state store; `gescom-sync log` renders them again, in any language.

Each test runs on SQLite and on PostgreSQL (the store's URL comes from the environment,
as it would for a worker installation).
"""

from __future__ import annotations

import io
import json
import sys
from decimal import Decimal

import pytest
from rich.console import Console

from gescom_sync.cli import main
from gescom_sync.errors import ConnectionFailed
from gescom_sync.journal import (
    Action,
    JsonLinesSink,
    LogFileSink,
    Message,
    RunJournal,
    StoreSink,
    TerminalSink,
    log_file_path,
    texts,
)
from gescom_sync.state import STATE_URL_ENV, StateStore


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, paris_time):
    if request.param == "postgres":
        monkeypatch.setenv(STATE_URL_ENV, request.getfixturevalue("pg_url"))
    with StateStore.open() as opened:
        yield opened


def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["gescom-sync", *args])
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code
    out, err = capsys.readouterr()
    return code, out, err


def export_products(store, clock, references: list[str], profile: str = "bijou", sinks=()) -> RunJournal:
    with RunJournal(profile, "export_products", sinks=[StoreSink(store), *sinks], clock=clock) as journal:
        clock.advance(3)
        journal.step(texts.READING_PRODUCTS)
        journal.expect(len(references))
        for reference in references:
            clock.advance(1)
            if reference == "CHORFA":
                journal.item("product", reference, Action.SKIPPED, reason=texts.NOT_PUBLISHED)
            else:
                journal.item("product", reference, Action.CREATED)
    return journal


def test_log_shows_the_last_run_of_the_profile_as_it_was_journaled(store, clock, monkeypatch, capsys):
    export_products(store, clock, ["BAOR01"])
    clock.advance(60)
    export_products(store, clock, ["CHAAR/VAR", "CHORFA"])
    export_products(store, clock, ["PANBLEU38"], profile="other-shop")

    code, out, err = run_cli(monkeypatch, capsys, "log", "bijou")

    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "28/03/2022 16:22:28 - Début de l'export des articles",
        "28/03/2022 16:22:31 - Lecture des articles",
        "28/03/2022 16:22:32 -> 1/2 - CHAAR/VAR : création",
        "28/03/2022 16:22:33 -> 2/2 - CHORFA : ignoré (non publié sur le web)",
        "28/03/2022 16:22:33 - Articles : 1 création, 1 ignoré",
        "28/03/2022 16:22:33 -> Réussi",
        "28/03/2022 16:22:33 - Fin de l'export des articles",
    ]


def test_log_run_shows_another_run_and_lang_renders_it_in_english(store, clock, monkeypatch, capsys):
    first = export_products(store, clock, ["BAOR01"])
    export_products(store, clock, ["CHSR10"])

    code, out, _ = run_cli(monkeypatch, capsys, "log", "bijou", "--run", str(first.run_id), "--lang", "en")

    assert code == 0
    assert out.splitlines() == [
        "28 Mar 2022 16:21:24 - Start of the product export",
        "28 Mar 2022 16:21:27 - Reading products",
        "28 Mar 2022 16:21:28 -> 1/1 - BAOR01: created",
        "28 Mar 2022 16:21:28 - Products: 1 created",
        "28 Mar 2022 16:21:28 -> Succeeded",
        "28 Mar 2022 16:21:28 - End of the product export",
    ]
    _, root_lang_out, _ = run_cli(monkeypatch, capsys, "--lang", "en", "log", "bijou", "--run", str(first.run_id))
    assert root_lang_out == out


def test_log_renders_exactly_what_was_shown_live(store, clock, monkeypatch, capsys):
    live = Console(file=io.StringIO(), width=200, color_system=None)
    with RunJournal("bijou", "import_orders", sinks=[StoreSink(store), TerminalSink(live)], clock=clock) as journal:
        journal.step(texts.READING_ORDERS)
        for order, account in [("15", "WEB000070"), ("16", "WEB000071")]:
            journal.item("payment", order, Action.SKIPPED, reason=Message(texts.SHOP_REFUSED, message="no payment"))
            journal.item("order", order, Action.CREATED)
            journal.item("customer", account, Action.CREATED)

    code, out, _ = run_cli(monkeypatch, capsys, "log", "bijou")

    assert code == 0
    assert out == live.file.getvalue()
    assert out.splitlines()[-5:-2] == [
        "28/03/2022 16:21:24 - Règlements : 2 ignorés",
        "28/03/2022 16:21:24 - Commandes : 2 créations",
        "28/03/2022 16:21:24 - Clients : 2 créations",
    ]


def test_log_json_gives_the_stored_events(store, clock, monkeypatch, capsys):
    journal = export_products(store, clock, ["BAOR01", "CHORFA"])

    code, out, _ = run_cli(monkeypatch, capsys, "log", "bijou", "--json")

    records = [json.loads(line) for line in out.splitlines()]
    assert code == 0
    assert [r["event"] for r in records] == ["started", "step", "item", "item", "summary", "finished"]
    assert {r["run_id"] for r in records} == {journal.run_id}
    assert records[3]["reason"] == {"msgid": "not published on the web", "params": {}}
    assert records[3]["text"] == "2/2 - CHORFA : ignoré (non publié sur le web)"
    assert records[5]["status"] == "succeeded"


def test_the_store_keeps_the_run_its_items_and_its_outcome(store, clock):
    journal = export_products(store, clock, ["BAOR01", "CHORFA"])

    run = store.runs.get(journal.run_id)
    assert (run.profile, run.operation, run.status) == ("bijou", "export_products", "succeeded")
    assert run.counters == {"product": {"created": 1, "skipped": 1}}
    items = store.runs.items(journal.run_id)
    assert [(i.key, i.action, i.message) for i in items] == [
        ("BAOR01", "created", None),
        ("CHORFA", "skipped", "non publié sur le web"),
    ]


def test_log_says_clearly_when_there_is_nothing_to_show(store, clock, monkeypatch, capsys):
    other = export_products(store, clock, ["BAOR01"], profile="other-shop")

    assert run_cli(monkeypatch, capsys, "log", "bijou") == (
        2,
        "",
        "Aucune exécution n'est enregistrée pour le profil 'bijou'.\n",
    )
    code, _, err = run_cli(monkeypatch, capsys, "log", "bijou", "--run", str(other.run_id))
    assert (code, err) == (2, f"Le profil 'bijou' n'a pas d'exécution {other.run_id}.\n")
    code, _, err = run_cli(monkeypatch, capsys, "log", "other-shop", "--lang", "xx")
    assert (code, err) == (2, "Langue 'xx' inconnue pour --lang ; langues disponibles : en, fr.\n")


def test_registered_secrets_are_masked_in_every_sink_and_in_log(store, clock, monkeypatch, capsys):
    api_key = "ck_5f3e9a0b7c1d2e4f"  # known before the run starts
    token = "tok-93be0c27a1"  # obtained during the run
    terminal, stream = io.StringIO(), io.StringIO()
    sinks = [
        StoreSink(store),
        TerminalSink(Console(file=terminal, width=200, color_system=None), "fr"),
        JsonLinesSink(stream, "fr"),
        LogFileSink("bijou", "fr"),
    ]
    options = {"shop_key": api_key}
    with RunJournal("bijou", "update_prices", sinks=sinks, options=options, secrets=[api_key], clock=clock) as journal:
        journal.add_secret(token)
        journal.step(texts.SENDING_TO_SHOP)
        journal.item(
            "price",
            "BAOR01",
            Action.FAILED,
            reason=f"401 for key {api_key}",
            payload={"auth": token, "price": Decimal("49.90")},
        )
        journal.warning("retrying with {token}", token=token)
        raise ConnectionFailed(f"https://bijou.example/wp-json/wc/v3?consumer_key={api_key}: 401")

    assert journal.exit_code == 1
    _, log_out, _ = run_cli(monkeypatch, capsys, "log", "bijou")
    _, log_json, _ = run_cli(monkeypatch, capsys, "log", "bijou", "--json")
    run = store.runs.get(journal.run_id)
    stored = json.dumps(
        [
            run.options,
            [e.data for e in store.runs.events(journal.run_id)],
            [(i.message, i.payload) for i in store.runs.items(journal.run_id)],
        ]
    )
    outputs = {
        "terminal": terminal.getvalue(),
        "json": stream.getvalue(),
        "log file": log_file_path("bijou").read_text(encoding="utf-8"),
        "store": stored,
        "log command": log_out,
        "log --json": log_json,
    }
    leaks = {name: [secret for secret in (api_key, token) if secret in text] for name, text in outputs.items()}
    assert leaks == dict.fromkeys(outputs, [])
    assert {name: "***" in text for name, text in outputs.items()} == dict.fromkeys(outputs, True)
    assert "consumer_key=***: 401" in outputs["log command"]
