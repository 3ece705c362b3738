from __future__ import annotations

from datetime import UTC, datetime

import pytest

from gescom_sync.errors import NotFound
from gescom_sync.i18n import set_language
from gescom_sync.state import Binding, BindingConflict, StateStore


def test_bind_then_read_back_by_either_key(store: StateStore) -> None:
    before = datetime.now(UTC)
    made = store.bindings.bind("bijou", "product", "BAOR01", 187, content_hash="a1b2")

    assert made == store.bindings.get("bijou", "product", "BAOR01")
    assert made == store.bindings.get_by_shop_id("bijou", "product", "187")
    assert made == store.bindings.get_by_shop_id("bijou", "product", 187)
    assert (made.erp_key, made.shop_id, made.content_hash) == ("BAOR01", "187", "a1b2")
    assert made.synced_at.tzinfo is UTC and made.synced_at >= before.replace(microsecond=0)
    assert store.bindings.get("bijou", "product", "CHAAR/VAR") is None
    assert store.bindings.get_by_shop_id("bijou", "product", "188") is None


def test_rebinding_the_same_erp_key_updates_instead_of_duplicating(store: StateStore) -> None:
    store.bindings.bind("bijou", "product", "BAOR01", "187", content_hash="old")
    store.bindings.bind("bijou", "product", "BAOR01", "187")  # same shop id, no hash given: hash kept
    assert store.bindings.get("bijou", "product", "BAOR01").content_hash == "old"

    moved = store.bindings.bind("bijou", "product", "BAOR01", "201")  # recreated in the shop
    assert (moved.shop_id, moved.content_hash) == ("201", None)  # the old hash described another object
    assert store.bindings.list("bijou") == [moved]
    assert store.bindings.get_by_shop_id("bijou", "product", "187") is None


def test_a_shop_id_bound_to_another_key_is_a_conflict(store: StateStore) -> None:
    kept = store.bindings.bind("bijou", "product", "BAOR01", "187", content_hash="h")

    with pytest.raises(BindingConflict) as raised:
        store.bindings.bind("bijou", "product", "CHAAR/VAR", "187")

    assert "'CHAAR/VAR'" in raised.value.message and "'BAOR01'" in raised.value.message
    assert "'187'" in raised.value.message
    assert store.bindings.list("bijou") == [kept]


def test_conflict_message_is_french_by_default_and_english_on_request(store: StateStore) -> None:
    store.bindings.bind("bijou", "customer", "TOPAZ", "12")
    with pytest.raises(BindingConflict) as french:
        store.bindings.bind("bijou", "customer", "ZAFIR", "12")
    assert french.value.message.startswith("Impossible de lier customer 'ZAFIR' du profil 'bijou'")
    set_language("en")
    with pytest.raises(BindingConflict) as english:
        store.bindings.bind("bijou", "customer", "ZAFIR", "12")
    assert english.value.message.startswith("Cannot bind customer 'ZAFIR' of profile 'bijou'")


def test_the_same_shop_id_may_serve_another_entity_or_profile(store: StateStore) -> None:
    store.bindings.bind("bijou", "product", "BAOR01", "187")
    store.bindings.bind("bijou", "category", "BAGUES", "187")
    store.bindings.bind("bijou-b2b", "product", "CHAOR42", "187")

    assert store.bindings.get_by_shop_id("bijou", "category", "187").erp_key == "BAGUES"
    assert store.bindings.get_by_shop_id("bijou-b2b", "product", "187").erp_key == "CHAOR42"


def test_set_hash_records_what_was_sent(store: StateStore) -> None:
    first = store.bindings.bind("bijou", "product", "CHORFA", "9", content_hash="v1")
    store.bindings.set_hash("bijou", "product", "CHORFA", "v2")

    now = store.bindings.get("bijou", "product", "CHORFA")
    assert now.content_hash == "v2" and now.shop_id == "9"
    assert now.synced_at >= first.synced_at


def test_set_hash_of_an_unbound_key_says_which(store: StateStore) -> None:
    with pytest.raises(NotFound, match="CHSR10"):
        store.bindings.set_hash("bijou", "product", "CHSR10", "v1")


def test_delete_and_list_by_entity(store: StateStore) -> None:
    store.bindings.bind("bijou", "product", "CHSR10", "3")
    store.bindings.bind("bijou", "product", "BAOR01", "1")
    store.bindings.bind("bijou", "customer", "TOPAZ", "7")

    assert [b.erp_key for b in store.bindings.list("bijou")] == ["TOPAZ", "BAOR01", "CHSR10"]
    assert [b.erp_key for b in store.bindings.list("bijou", "product")] == ["BAOR01", "CHSR10"]

    store.bindings.delete("bijou", "product", "BAOR01")
    store.bindings.delete("bijou", "product", "BAOR01")  # deleting twice is harmless
    assert store.bindings.list("bijou", "product") == [
        Binding("bijou", "product", "CHSR10", "3", None, store.bindings.get("bijou", "product", "CHSR10").synced_at)
    ]
    assert store.bindings.list("other") == []


def test_part_hashes_are_merged_kept_and_dropped_with_the_remote_object(store) -> None:
    bindings = store.bindings
    bindings.bind("bijou", "product", "BAOR01", "11", "h-all", {"texts": "t1", "price": "p1", "stock": "s1"})
    bindings.set_hash("bijou", "product", "BAOR01", "h-all-2", {"price": "p2"})
    assert bindings.get("bijou", "product", "BAOR01").part_hashes == {"texts": "t1", "price": "p2", "stock": "s1"}

    bindings.bind("bijou", "product", "BAOR01", "11")  # same remote object: hashes kept
    assert bindings.get("bijou", "product", "BAOR01").part_hashes["price"] == "p2"

    bindings.bind("bijou", "product", "BAOR01", "12")  # re-created in the shop: nothing was sent to it yet
    assert bindings.get("bijou", "product", "BAOR01").part_hashes == {}
