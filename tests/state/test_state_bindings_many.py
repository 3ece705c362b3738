"""Bindings.get_many: the bindings of many keys in a few queries (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime

from gescom_sync.state import StateStore
from gescom_sync.state.bindings import KEYS_PER_QUERY
from gescom_sync.state.tables import bindings


def test_get_many_returns_only_the_bound_keys_of_the_entity_and_profile(store: StateStore) -> None:
    made = store.bindings.bind("bijou", "product", "BAOR01", "187", content_hash="h", part_hashes={"price": "p1"})
    store.bindings.bind("bijou", "variant", "CHAAR/VAR", "188")
    store.bindings.bind("other", "product", "CHORFA", "189")

    found = store.bindings.get_many("bijou", "product", ["BAOR01", "CHAAR/VAR", "CHORFA", "BAOR01"])

    assert found == {"BAOR01": made}
    assert found["BAOR01"].part_hashes == {"price": "p1"}
    assert store.bindings.get_many("bijou", "product", []) == {}


def test_get_many_over_more_keys_than_one_query_takes(store: StateStore) -> None:
    bound = [f"ART{n:04d}" for n in range(0, 2 * KEYS_PER_QUERY + 100, 2)]  # every other key of 1,100
    rows = [{"profile": "bijou", "entity": "product", "erp_key": key, "shop_id": str(5000 + n),
             "synced_at": datetime.now(UTC)} for n, key in enumerate(bound)]
    with store.engine.begin() as connection:  # one statement: 550 bind() calls would take seconds
        connection.execute(bindings.insert(), rows)

    found = store.bindings.get_many("bijou", "product", (f"ART{n:04d}" for n in range(2 * KEYS_PER_QUERY + 100)))

    assert len(found) == len(bound) == 550
    assert found["ART0000"].shop_id == "5000" and found["ART1098"].shop_id == "5549"
    assert set(found) == set(bound)
