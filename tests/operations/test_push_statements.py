"""push reads the bindings of all its drafts in a few queries, not one per draft.

No shop here: ``write`` is a stand-in that gives each record a shop id, so that only the
state store's statements are counted (an SQLAlchemy ``before_cursor_execute`` listener).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from gescom_sync.journal import RunJournal
from gescom_sync.model.shop import ShopProduct
from gescom_sync.operations.push import Draft, content_hash, push
from gescom_sync.operations.run import OperationRun, RunOptions
from gescom_sync.shops import WriteResult
from gescom_sync.shops.base import WriteOutcome
from gescom_sync.state import StateStore
from gescom_sync.state.bindings import KEYS_PER_QUERY
from gescom_sync.state.tables import bindings

N = 1_200  # three IN lists of KEYS_PER_QUERY keys


def references() -> list[str]:
    return [f"ART{n:05d}" for n in range(N)]


def draft(reference: str, price: Decimal) -> Draft[ShopProduct]:
    def build(shop_id: str | None, parts: frozenset[str]) -> ShopProduct:
        return ShopProduct(key=reference, shop_id=shop_id, sku=reference,
                           regular_price=price if "price" in parts else None)

    return Draft(reference, {"price": content_hash(price)}, build)


class FakeShop:
    """Accepts every record; a new one gets id 1000 + its position in the catalogue."""

    def __init__(self) -> None:
        self.sent: list[ShopProduct] = []

    def write(self, records: Sequence[ShopProduct]) -> list[WriteResult]:
        self.sent.extend(records)
        return [WriteResult(r.key, WriteOutcome.UPDATED if r.shop_id else WriteOutcome.CREATED,
                            shop_id=r.shop_id or str(1000 + int(r.key[3:]))) for r in records]


class BindingStatements:
    """The SQL statements run on the ``bindings`` table while counting."""

    def __init__(self, engine: sa.Engine) -> None:
        self.statements: list[str] = []
        sa.event.listen(engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, statement: str, *_args) -> None:  # noqa: ANN001 - SQLAlchemy's signature
        if "bindings" in statement:
            self.statements.append(" ".join(statement.split()))

    def selects(self) -> list[str]:
        return [s for s in self.statements if s.startswith("SELECT")]


@pytest.fixture
def store(tmp_path) -> Iterator[StateStore]:  # noqa: ANN001 - pytest's tmp_path
    with StateStore.open(f"sqlite:///{tmp_path / 'state.sqlite'}") as opened:
        yield opened


def bind_all(store: StateStore, prices: dict[str, Decimal]) -> None:
    """What a first push leaves, written in one statement (a first push of 1,200 takes seconds)."""
    rows = [{"profile": "bijou", "entity": "product", "erp_key": ref, "shop_id": str(1000 + int(ref[3:])),
             "content_hash": content_hash({"price": content_hash(price)}), "part_hashes": {"price": content_hash(price)},
             "synced_at": datetime.now(UTC)} for ref, price in prices.items()]
    with store.engine.begin() as connection:
        connection.execute(bindings.insert(), rows)


def run_push(store: StateStore, prices: dict[str, Decimal], shop: FakeShop) -> RunJournal:
    with RunJournal("bijou", "export_products") as journal:
        run = OperationRun(SimpleNamespace(name="bijou"), "export_products", RunOptions(), store, journal)
        journal.expect(len(prices))
        push(run, "product", [draft(ref, price) for ref, price in prices.items()], shop.write)
    return journal


def test_a_no_change_push_of_1200_drafts_reads_the_bindings_in_three_queries(store):
    prices = {ref: Decimal("10.00") + n for n, ref in enumerate(references())}
    bind_all(store, prices)
    counted = BindingStatements(store.engine)

    shop = FakeShop()
    journal = run_push(store, prices, shop)

    assert journal.counters == {"product": {"unchanged": N}}
    assert shop.sent == []
    assert len(counted.statements) == -(-N // KEYS_PER_QUERY) == 3
    assert all(" IN (" in s for s in counted.selects())


def test_one_percent_changed_reads_in_three_queries_and_binds_only_the_changed(store):
    prices = {ref: Decimal("10.00") + n for n, ref in enumerate(references())}
    bind_all(store, prices)
    changed = references()[::100]  # 12 of 1,200
    counted = BindingStatements(store.engine)

    shop = FakeShop()
    journal = run_push(store, {**prices, **{ref: prices[ref] + 5 for ref in changed}}, shop)

    assert journal.counters == {"product": {"unchanged": N - 12, "updated": 12}}
    assert [(r.key, r.shop_id, r.regular_price) for r in shop.sent[:2]] == [
        ("ART00000", "1000", Decimal("15.00")), ("ART00100", "1100", Decimal("115.00"))]
    lookups = [s for s in counted.selects() if " IN (" in s]
    assert len(lookups) == 3
    assert len(counted.statements) - len(lookups) <= 3 * len(changed)  # the binding of each written record
    assert store.bindings.get("bijou", "product", "ART00100").part_hashes == {"price": content_hash(Decimal("115.00"))}
