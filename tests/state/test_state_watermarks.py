from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from gescom_sync.state import StateStore, Watermark

PARIS_SUMMER = timezone(timedelta(hours=2))


def test_set_then_get_returns_utc(store: StateStore) -> None:
    store.watermarks.set("bijou", "update_stock", datetime(2024, 3, 31, 16, 21, 24, tzinfo=PARIS_SUMMER))

    value = store.watermarks.get("bijou", "update_stock")
    assert value == datetime(2024, 3, 31, 14, 21, 24, tzinfo=UTC)
    assert value.tzinfo is UTC
    assert store.watermarks.get("bijou", "update_prices") is None
    assert store.watermarks.get("other", "update_stock") is None


def test_set_again_replaces_the_value(store: StateStore) -> None:
    store.watermarks.set("bijou", "export_products", datetime(2024, 3, 28, 8, 0, tzinfo=UTC))
    store.watermarks.set("bijou", "export_products", datetime(2024, 3, 29, 9, 30, 15, 250000, tzinfo=UTC))

    assert store.watermarks.list() == [
        Watermark("bijou", "export_products", datetime(2024, 3, 29, 9, 30, 15, 250000, tzinfo=UTC))
    ]


def test_a_naive_datetime_is_refused(store: StateStore) -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        store.watermarks.set("bijou", "update_stock", datetime(2024, 3, 28, 16, 21))
    assert store.watermarks.list() == []


def test_clear_one_operation_or_all_of_a_profile(store: StateStore) -> None:
    moment = datetime(2024, 3, 28, 15, 21, tzinfo=UTC)
    for profile, operation in [
        ("bijou", "update_stock"),
        ("bijou", "update_prices"),
        ("bijou", "import_orders"),
        ("bijou-b2b", "update_stock"),
    ]:
        store.watermarks.set(profile, operation, moment)

    assert store.watermarks.clear("bijou", "update_prices") == 1
    assert store.watermarks.clear("bijou", "update_prices") == 0
    assert [(w.profile, w.operation) for w in store.watermarks.list()] == [
        ("bijou", "import_orders"),
        ("bijou", "update_stock"),
        ("bijou-b2b", "update_stock"),
    ]
    assert store.watermarks.clear("bijou") == 2
    assert store.watermarks.list("bijou") == []
    assert store.watermarks.list("bijou-b2b") == [Watermark("bijou-b2b", "update_stock", moment)]
