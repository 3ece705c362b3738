"""The store sink writes the journal in batches (a few transactions per run, not two per
line), keeps every event in order for `gescom-sync log`, and loses at most its buffer."""

from __future__ import annotations

import sys

import pytest
import sqlalchemy as sa

from gescom_sync.cli import main
from gescom_sync.journal import Action, RunJournal, StoreSink, texts
from gescom_sync.state import StateStore

ITEMS = 1_200


@pytest.fixture
def store(paris_time):  # noqa: ANN001 - the journal tests' time zone
    with StateStore.open() as opened:
        yield opened


def count_commits(engine: sa.Engine) -> list[int]:
    commits = [0]

    def committed(_connection: sa.Connection) -> None:
        commits[0] += 1

    sa.event.listen(engine, "commit", committed)
    return commits


def journal_items(store: StateStore, clock, sink: StoreSink, after_each=None) -> RunJournal:  # noqa: ANN001
    with RunJournal("bijou", "update_stock", sinks=[sink], clock=clock) as journal:
        journal.step(texts.READING_PRODUCTS)
        journal.expect(ITEMS)
        for n in range(1, ITEMS + 1):
            clock.advance(1)
            action = Action.UPDATED if n % 100 == 0 else Action.UNCHANGED
            journal.item("stock", f"ART{n:05d}", action, payload={"quantity": n} if action is Action.UPDATED else None)
            if after_each:
                after_each(n, journal)
    return journal


def test_1200_items_are_written_in_three_batches_and_log_shows_them_all_in_order(store, clock, monkeypatch, capsys):
    commits = count_commits(store.engine)

    journal = journal_items(store, clock, StoreSink(store, batch_size=500, max_delay=3600))

    # start, 3 batches (500 + 500 + the 204 left: started, step, 1,200 items, summary, finished), finish
    assert commits[0] == 5
    events = store.runs.events(journal.run_id)
    assert [e.seq for e in events] == list(range(1, ITEMS + 5))
    items = store.runs.items(journal.run_id)
    assert [i.key for i in items] == [f"ART{n:05d}" for n in range(1, ITEMS + 1)]
    assert (items[99].action, items[99].payload, items[100].action) == ("updated", {"quantity": 100}, "unchanged")
    monkeypatch.setattr(sys, "argv", ["gescom-sync", "log", "bijou"])
    with pytest.raises(SystemExit) as done:
        main()
    assert done.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == ITEMS + 5
    assert lines[:3] == [
        "28/03/2022 16:21:24 - Début de la mise à jour des stocks",
        "28/03/2022 16:21:24 - Lecture des articles",
        "28/03/2022 16:21:25 -> 1/1200 - ART00001 : sans changement",
    ]
    assert lines[101] == "28/03/2022 16:23:04 -> 100/1200 - ART00100 : mise à jour"
    assert [int(line.split(" -> ")[1].split("/")[0]) for line in lines[2:-3]] == list(range(1, ITEMS + 1))
    assert lines[-4:] == [
        "28/03/2022 16:41:24 -> 1200/1200 - ART01200 : mise à jour",
        "28/03/2022 16:41:24 - Stocks : 12 mises à jour, 1188 sans changement",
        "28/03/2022 16:41:24 -> Réussi",
        "28/03/2022 16:41:24 - Fin de la mise à jour des stocks",
    ]


def test_what_a_crash_loses_is_the_buffer_only(store, clock):
    stored_during_run: dict[int, int] = {}

    def look(n: int, journal: RunJournal) -> None:
        if n in (497, 498, 750):
            stored_during_run[n] = len(store.runs.events(journal.run_id))

    journal = journal_items(store, clock, StoreSink(store, batch_size=500, max_delay=3600), after_each=look)

    # started + step + 497 items buffered: nothing stored yet; the 500th event writes the batch
    assert stored_during_run == {497: 0, 498: 500, 750: 500}
    assert len(store.runs.events(journal.run_id)) == ITEMS + 4


def test_a_slow_run_is_written_as_it_goes(store, clock):
    stored = []
    with RunJournal("bijou", "update_stock", sinks=[StoreSink(store, max_delay=0)], clock=clock) as journal:
        for key in ("BAOR01", "CHAOR42", "CHORFA"):  # each event comes after the delay (0 s): written at once
            journal.item("stock", key, Action.UNCHANGED)
            stored.append([e.data.get("key") for e in store.runs.events(journal.run_id)])

    assert stored == [[None, "BAOR01"], [None, "BAOR01", "CHAOR42"], [None, "BAOR01", "CHAOR42", "CHORFA"]]
