"""Grouping per day in the order import, on the WooCommerce sandbox: yesterday's four guest
orders become one document on COMPTOIR (lines and payments merged), today's order waits for
the end of its day, a re-run creates nothing and a run killed before binding is repaired
from the grouped document's stamps.

Yesterday's orders (each with 8.33 of Colissimo at 20 %): 2 rings + 1 book (271.10),
1 ring (130.00), 1 book (31.10), 1 ring + 1 book (151.10): 583.30 paid by cheque.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.backoffice.sage100.writer.web_orders import GS_DOCWEB
from gescom_sync.operations.import_orders import ORDER
from gescom_sync.state import StateStore
from tests.operations.order_support import (
    bindings,
    cli,
    configure,
    documents,
    items,
    lines_of,
    order_body,
    place_orders,
    shop_statuses,
    stock_the_shop,
)

GROUPING = {"orders": "all", "account": "COMPTOIR"}
TOTALS = {"ecart_line": True}
"""The four shipping footers merged: 33.32 taxed once (6.66) where the shop taxed each (4 x 1.67):
an Écart line of 0.02 keeps the document at the shop's 583.30."""


@pytest.fixture
def shop() -> str:
    return "woocommerce"


def at(moment: datetime) -> Any:
    return lambda: moment


@pytest.fixture
def placed(profile: str, sandbox: Any) -> tuple[list[str], str]:
    """Yesterday's four guest orders (10:00 UTC) and one of today: their ids."""
    stock_the_shop(sandbox)
    configure(profile, grouping=GROUPING, totals=TOTALS)
    clock = sandbox.shop.clock
    yesterday = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0) - timedelta(days=1)
    sandbox.shop.clock = at(yesterday)
    try:
        past = place_orders(sandbox, [order_body(2, 1, customer=1), order_body(1, 0, customer=2),
                                      order_body(0, 1, customer=3), order_body(1, 1, customer=4)])
    finally:
        sandbox.shop.clock = clock
    today = place_orders(sandbox, [order_body(1, 0, customer=5)])
    return [str(o["id"]) for o in past], str(today[0]["id"])


def grouped_ids(database: Path, piece: str) -> list[str]:
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            return list(connection.execute(sa.select(GS_DOCWEB.c.DO_NoWeb).where(GS_DOCWEB.c.DO_Piece == piece)
                                           .order_by(GS_DOCWEB.c.cbMarq)).scalars())
    finally:
        engine.dispose()


def payments_of(database: Path, piece: str) -> list[tuple[int, D]]:
    regl = schema.F_DOCREGL
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.select(regl).where(regl.c.DO_Piece == piece)).mappings()
            return [(r["N_Reglement"], D(str(r["DR_Montant"])).quantize(D("0.01"))) for r in rows]
    finally:
        engine.dispose()


def test_a_past_day_becomes_one_document_and_today_waits(profile, sandbox, tmp_path, placed):
    past, today = placed
    result = cli("import", "orders")
    assert result.exit_code == 0, result.output

    database = tmp_path / "bijou.sqlite"
    docs = documents(database, [*past, today])
    assert [(d["DO_NoWeb"], d["DO_Piece"], d["DO_Tiers"]) for d in docs] == [(past[0], "BC00033", "COMPTOIR")]
    assert D(str(docs[0]["DO_TotalTTC"])).quantize(D("0.01")) == D("583.30")
    assert lines_of(database, "BC00033") == [("BAOR01", D("4"), D("400.00")), ("LIVRE01", D("3"), D("60.00")), ("ECART", D("1"), D("0.02"))]
    assert D(str(docs[0]["DO_ValFrais"])).quantize(D("0.01")) == D("33.32")
    assert payments_of(database, "BC00033") == [(2, D("583.30"))]
    assert grouped_ids(database, "BC00033") == past
    assert bindings(profile) == {past[0]: "BC00033", **{i: f"BC00033/{i}" for i in past[1:]}}
    found = items(profile)
    assert found[("order", past[0])][0] == "created"
    assert found[("order", past[1])] == ("created", {"piece": "BC00033", "orders": ", ".join(past)})
    assert found[("order", today)][0] == "skipped"
    assert [key for (entity, key) in found if entity == "customer"] == []  # grouped: no account of their own
    assert "waiting for the end of the day" in result.output
    assert shop_statuses(sandbox) == {**dict.fromkeys(past, "completed"), today: "processing"}

    again = cli("import", "orders", "--period", "last-7-days")
    assert again.exit_code == 0, again.output
    assert len(documents(database, [*past, today])) == 1
    assert {k: a for (e, k), (a, _p) in items(profile).items() if e == "order"} == {today: "skipped"}


def test_a_group_committed_but_not_bound_is_linked_again(profile, sandbox, tmp_path, placed):
    """A run killed after the grouped document's commit: every order of it is found by its stamp."""
    past, _today = placed
    configure(profile, statuses={"processing": {"document": "order"}}, grouping=GROUPING, totals=TOTALS)  # statuses stay
    assert cli("import", "orders").exit_code == 0
    with StateStore.open() as store:
        store.bindings.delete_by_shop_ids(profile, ORDER, past)

    repaired = cli("import", "orders", "--period", "last-7-days")
    assert repaired.exit_code == 0, repaired.output
    assert len(documents(tmp_path / "bijou.sqlite", past)) == 1
    assert bindings(profile) == {past[0]: "BC00033", **{i: f"BC00033/{i}" for i in past[1:]}}
    assert {k: p["piece"] for (e, k), (a, p) in items(profile).items() if e == "order" and k in past} == dict.fromkeys(
        past, "BC00033")


def test_resetting_one_order_of_a_group_says_the_others_stay_and_links_it_again(profile, sandbox, tmp_path, placed):
    past, _today = placed
    configure(profile, statuses={"processing": {"document": "order"}}, grouping=GROUPING, totals=TOTALS,
              check_existing=False)  # only the orders marked are looked for in the back office
    assert cli("import", "orders").exit_code == 0

    reset = cli("orders", "reset", past[1])
    assert reset.exit_code == 0, reset.output
    assert (f"Order {past[1]} is grouped in BC00033 with the orders {past[0]}, {past[2]}, {past[3]}, which stay "
            "imported") in " ".join(reset.output.split())
    assert set(bindings(profile)) == {past[0], past[2], past[3]}

    again = cli("import", "orders", "--period", "last-7-days")
    assert again.exit_code == 0, again.output
    assert len(documents(tmp_path / "bijou.sqlite", past)) == 1
    assert bindings(profile)[past[1]] == f"BC00033/{past[1]}"
    assert items(profile)[("order", past[1])] == ("unchanged", {"piece": "BC00033"})
