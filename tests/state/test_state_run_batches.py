"""Runs.add_batch: many events and items in one transaction, in order (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from gescom_sync.errors import NotFound
from gescom_sync.state import RunItem, StateStore
from gescom_sync.state.runs import NewEvent, NewItem

T0 = datetime(2022, 3, 28, 14, 21, 24, tzinfo=UTC)


def test_a_batch_continues_the_numbering_and_keeps_the_order(store: StateStore) -> None:
    run_id = store.runs.start("bijou", "update_stock", {}, T0)
    store.runs.add_event(run_id, "started", {}, T0)

    store.runs.add_batch(
        run_id,
        events=[NewEvent("item", {"key": key}, T0 + timedelta(seconds=n)) for n, key in enumerate(["CHSR10", "BAOR01"], 1)],
        items=[NewItem("stock", "CHSR10", "updated", payload={"quantity": "12"}), NewItem("stock", "BAOR01", "unchanged")],
    )
    store.runs.add_event(run_id, "finished", {}, T0 + timedelta(seconds=3))

    assert [(e.seq, e.kind, e.data.get("key"), e.at) for e in store.runs.events(run_id)] == [
        (1, "started", None, T0),
        (2, "item", "CHSR10", T0 + timedelta(seconds=1)),
        (3, "item", "BAOR01", T0 + timedelta(seconds=2)),
        (4, "finished", None, T0 + timedelta(seconds=3)),
    ]
    assert store.runs.items(run_id) == [
        RunItem(run_id, "stock", "CHSR10", "updated", None, {"quantity": "12"}),
        RunItem(run_id, "stock", "BAOR01", "unchanged", None, None),
    ]


def test_a_batch_with_an_unknown_action_writes_nothing(store: StateStore) -> None:
    run_id = store.runs.start("bijou", "update_stock", {}, T0)

    with pytest.raises(ValueError, match="'deleted'"):
        store.runs.add_batch(run_id, events=[NewEvent("item", {}, T0)],
                             items=[NewItem("stock", "BAOR01", "updated"), NewItem("stock", "CHSR10", "deleted")])

    assert (store.runs.events(run_id), store.runs.items(run_id)) == ([], [])
    with pytest.raises(NotFound):
        store.runs.add_batch(424242, events=[NewEvent("started", {}, T0)])
