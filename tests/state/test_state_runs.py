from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from gescom_sync.errors import NotFound
from gescom_sync.state import RUNNING, RunEvent, RunItem, StateStore

T0 = datetime(2022, 3, 28, 15, 21, 24, tzinfo=UTC)


def test_run_lifecycle_keeps_events_and_items_in_order(store: StateStore) -> None:
    run_id = store.runs.start("bijou", "export_products", {"dry_run": False, "filter": "AR_Ref LIKE 'CH%'"}, T0)
    started = store.runs.get(run_id)
    assert (started.status, started.ended_at, started.counters) == (RUNNING, None, None)
    assert started.options == {"dry_run": False, "filter": "AR_Ref LIKE 'CH%'"}
    assert started.started_at == T0

    store.runs.add_event(run_id, "start", {}, T0)
    store.runs.add_event(run_id, "reading", {"entity": "product"}, T0 + timedelta(seconds=3))
    store.runs.add_event(run_id, "item", {"index": 1, "total": 2, "key": "BAOR01"}, T0 + timedelta(seconds=3))
    store.runs.add_item(run_id, "product", "BAOR01", "created", payload={"price": Decimal("129.00"), "qty": 4})
    store.runs.add_event(run_id, "item", {"index": 2, "total": 2, "key": "CHAAR/VAR"}, T0 + timedelta(seconds=4))
    store.runs.add_item(run_id, "product", "CHAAR/VAR", "failed", message="HTTP 400: invalid price")
    store.runs.finish(run_id, "failed", {"product": {"created": 1, "failed": 1}}, T0 + timedelta(seconds=10))

    assert [(e.seq, e.kind) for e in store.runs.events(run_id)] == [
        (1, "start"),
        (2, "reading"),
        (3, "item"),
        (4, "item"),
    ]
    assert store.runs.events(run_id)[3] == RunEvent(
        run_id, 4, T0 + timedelta(seconds=4), "item", {"index": 2, "total": 2, "key": "CHAAR/VAR"}
    )
    assert store.runs.items(run_id) == [
        RunItem(run_id, "product", "BAOR01", "created", None, {"price": "129.00", "qty": 4}),  # money kept exact
        RunItem(run_id, "product", "CHAAR/VAR", "failed", "HTTP 400: invalid price", None),
    ]
    done = store.runs.get(run_id)
    assert (done.status, done.ended_at) == ("failed", T0 + timedelta(seconds=10))
    assert done.counters == {"product": {"created": 1, "failed": 1}}


def test_start_and_finish_default_to_now_in_utc(store: StateStore) -> None:
    before = datetime.now(UTC) - timedelta(seconds=1)
    run_id = store.runs.start("bijou", "update_stock", {})
    store.runs.finish(run_id, "succeeded", {"stock": {"updated": 5}})

    run = store.runs.get(run_id)
    assert run.started_at.tzinfo is UTC and before <= run.started_at <= run.ended_at


def test_events_of_two_runs_are_numbered_separately(store: StateStore) -> None:
    first = store.runs.start("bijou", "update_stock", {}, T0)
    second = store.runs.start("bijou", "update_prices", {}, T0)
    store.runs.add_event(first, "start", {}, T0)
    store.runs.add_event(second, "start", {}, T0)
    store.runs.add_event(first, "end", {}, T0)

    assert [(e.seq, e.kind) for e in store.runs.events(first)] == [(1, "start"), (2, "end")]
    assert [(e.seq, e.kind) for e in store.runs.events(second)] == [(1, "start")]


def test_last_and_list_give_the_newest_first(store: StateStore) -> None:
    ids = [
        store.runs.start("bijou", "update_stock", {}, T0),
        store.runs.start("bijou", "update_prices", {}, T0 + timedelta(minutes=1)),
        store.runs.start("bijou-b2b", "update_stock", {}, T0 + timedelta(minutes=2)),
        store.runs.start("bijou", "update_stock", {}, T0 + timedelta(minutes=3)),
    ]

    assert store.runs.last("bijou").id == ids[3]
    assert store.runs.last("bijou", "update_prices").id == ids[1]
    assert store.runs.last("bijou", "import_orders") is None
    assert [r.id for r in store.runs.list("bijou")] == [ids[3], ids[1], ids[0]]
    assert [r.id for r in store.runs.list(limit=2)] == [ids[3], ids[2]]
    assert store.runs.get(ids[3] + 100) is None


def test_unknown_run_status_or_action_is_refused(store: StateStore) -> None:
    run_id = store.runs.start("bijou", "update_stock", {}, T0)
    with pytest.raises(ValueError, match="status 'done'"):
        store.runs.finish(run_id, "done", {})
    with pytest.raises(ValueError, match="action 'deleted'"):
        store.runs.add_item(run_id, "product", "BAOR01", "deleted")
    assert store.runs.get(run_id).status == RUNNING
    assert store.runs.items(run_id) == []


def test_writing_to_a_missing_run_says_which(store: StateStore) -> None:
    with pytest.raises(NotFound, match="424242"):
        store.runs.add_event(424242, "start", {}, T0)
    with pytest.raises(NotFound, match="424242"):
        store.runs.add_item(424242, "product", "BAOR01", "created")
    with pytest.raises(NotFound, match="424242"):
        store.runs.finish(424242, "succeeded", {})
