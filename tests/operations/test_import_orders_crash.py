"""Never twice, never lost: a 200-order import killed with SIGKILL at random points, then finished.

``gescom-sync import orders`` runs in a child process against the WooCommerce sandbox
(served by this test) and a SQLite copy of Bijou. Each trial lets the run write a random
number of documents (0 to 5, seeded), then kills it at a random moment of the next
order, wherever that falls: building the document, inside its back-office transaction,
between the commit and the binding, between the binding and the shop status, or while
a customer is created. Trials go on until a run ends by itself after 50 kills (about 70
trials for 200 orders), then a last run must find nothing left to do; then:

- every order is in F_DOCENTETE exactly once (DO_NoWeb), with its lines and totals;
- the bindings are exactly the documents, every shop status is set;
- each customer has one account, and the reserved stock moved once per order.

The children are forked from a warm "fork server" process (the CLI already imported):
a trial costs its run's reading and analysis and a few orders, not Python's start-up.
The kill points follow the documents written, not the clock, so that a loaded machine
kills the same points as an idle one, only later.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.demo import bijou
from gescom_sync.operations.import_orders import ORDER
from gescom_sync.profiles import create_profile
from gescom_sync.sandbox import woocommerce
from gescom_sync.state import StateStore
from tests.operations.order_support import (
    configure,
    documents,
    lines_of,
    order_body,
    place_orders,
    shop_customer,
    stock_the_shop,
)

ORDERS = 200
CUSTOMERS = 12
MIN_KILLS = 50
SEED = 20261123
DOCUMENTS_BEFORE_KILL = (0, 5)  # a trial lets a run write 0 to 5 documents, then kills it within the next one

# Reads a command line per trial on stdin, forks, runs the CLI in the child and answers
# "pid <n>", "creating" when the child starts creating customers and documents (after
# reading and analysing), "written" after each document is committed and bound, then "exit <status>"
# (a negative status: killed by that signal).
FORK_SERVER = """
import os, sys
from gescom_sync.cli import main
from gescom_sync.operations import import_orders
from gescom_sync.operations.import_orders import documents

resolve_customers, write = import_orders.resolve_customers, documents.write_document

def announce(word):
    print(word, file=channel, flush=True)

def creating(*args, **kwargs):
    announce("creating")
    return resolve_customers(*args, **kwargs)

def written(*args, **kwargs):
    document = write(*args, **kwargs)
    announce("written")
    return document

import_orders.resolve_customers, documents.write_document = creating, written
for line in sys.stdin:
    pid = os.fork()
    if pid == 0:
        channel = os.fdopen(os.dup(1), "w")  # to the test; the CLI's own output goes nowhere
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        sys.argv = ["gescom-sync", *line.split()]
        try:
            main()
        except SystemExit as end:
            os._exit(end.code if isinstance(end.code, int) else 1)
        os._exit(0)
    print("pid", pid, flush=True)
    _, status = os.waitpid(pid, 0)
    print("exit", os.waitstatus_to_exitcode(status), flush=True)
"""


@dataclass(frozen=True)
class KillPoint:
    """Kill a run once it wrote ``documents`` documents, ``fraction`` of an order's time later."""

    documents: int
    fraction: float


class ForkServer:
    """A warm process that forks one CLI run per trial."""

    def __init__(self) -> None:
        self.process = subprocess.Popen([sys.executable, "-c", FORK_SERVER], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True)
        self.order_seconds = 0.05  # time between two "written", measured as runs go

    def run(self, args: str, kill: KillPoint | None) -> int:
        """Run the CLI with ``args``, killed with SIGKILL at ``kill`` unless it ended before; its exit code."""
        self.process.stdin.write(args + "\n")
        self.process.stdin.flush()
        pid = int(self._next("pid")[1])
        answer = self._next()
        if answer[0] == "creating" and kill is not None:
            answer = self._follow(kill.documents)
            if answer[0] != "exit":
                time.sleep(kill.fraction * self.order_seconds)
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        while answer[0] != "exit":
            answer = self._next()
        return int(answer[1])

    def _follow(self, documents: int) -> list[str]:
        """Read the run's announcements until ``documents`` were written (or it ended)."""
        answer, last = ["creating"], time.monotonic()
        for _ in range(documents):
            answer = self._next()
            if answer[0] != "written":
                return answer
            now = time.monotonic()
            self.order_seconds = 0.8 * self.order_seconds + 0.2 * (now - last)
            last = now
        return answer

    def _next(self, expected: str | None = None) -> list[str]:
        answer = self.process.stdout.readline().split()
        assert answer and (expected is None or answer[0] == expected), answer
        return answer

    def close(self) -> None:
        self.process.stdin.close()  # the server ends after the run under way
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def test_an_import_killed_at_random_points_ends_with_every_order_once(tmp_path: Path) -> None:
    database = tmp_path / "bijou.sqlite"
    bijou.create(database)
    with woocommerce.start_sandbox(tmp_path / "shop") as sandbox:
        create_profile("bijou", [("backoffice.type", "sage100"), ("backoffice.url", str(database)),
                                 ("shop.type", "woocommerce"), ("shop.url", sandbox.url),
                                 ("shop.consumer_key", sandbox.consumer_key),
                                 ("shop.consumer_secret", sandbox.consumer_secret), ("shop.http.delay_ms", "0")])
        configure("bijou")
        stock_the_shop(sandbox)
        orders = place_orders(sandbox, _bodies(sandbox))
        reserved_before = _reserved(database)

        server = ForkServer()
        rng = random.Random(SEED)
        kills, started = 0, time.monotonic()
        try:
            while True:  # until a run ends by itself after MIN_KILLS kills
                kill = KillPoint(rng.randint(*DOCUMENTS_BEFORE_KILL), rng.uniform(0.0, 1.2))
                code = server.run("--lang en import orders", kill)
                if code == -signal.SIGKILL:
                    kills += 1
                    continue
                assert code == 0, f"a run ended with {code}"
                if kills >= MIN_KILLS:
                    break
            assert server.run("--lang en import orders", None) == 0  # the last run: nothing left to do
        finally:
            server.close()
        print(f"{kills} kills in {time.monotonic() - started:.1f} s")
        _check(database, sandbox, orders, reserved_before)


def _bodies(sandbox: Any) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    registered = {n: shop_customer(sandbox, n) for n in range(1, CUSTOMERS // 2 + 1)}  # the others are guests
    bodies = []
    for _ in range(ORDERS):
        customer = rng.randint(1, CUSTOMERS)
        rings, books = rng.randint(0, 3), rng.randint(0, 2)
        bodies.append(order_body(rings or (0 if books else 1), books, customer=customer,
                                 customer_id=registered.get(customer, 0)))
    return bodies


def _reserved(database: Path) -> dict[str, D]:
    stock = schema.F_ARTSTOCK
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.connect() as connection:
        rows = connection.execute(sa.select(stock.c.AR_Ref, sa.func.sum(stock.c.AS_QteRes)).group_by(stock.c.AR_Ref))
        found = {ref: D(str(total or 0)) for ref, total in rows}
    engine.dispose()
    return found


def _check(database: Path, sandbox: Any, orders: list[dict[str, Any]], reserved_before: dict[str, D]) -> None:
    ids = [str(o["id"]) for o in orders]
    docs = documents(database, ids)
    assert Counter(d["DO_NoWeb"] for d in docs) == Counter(ids)  # every order exactly once
    by_order = {d["DO_NoWeb"]: d for d in docs}
    sold: Counter[str] = Counter()
    for order in orders:
        doc = by_order[str(order["id"])]
        assert D(str(doc["DO_TotalTTC"])).quantize(D("0.01")) == D(order["total"]), order["id"]
        expected = [(line["sku"], D(line["quantity"]), D(line["subtotal"])) for line in order["line_items"]]
        assert lines_of(database, doc["DO_Piece"]) == expected, order["id"]
        sold.update({line["sku"]: line["quantity"] for line in order["line_items"]})
    with StateStore.open() as store:
        assert {b.shop_id: b.erp_key for b in store.bindings.list("bijou", ORDER)} == {
            d["DO_NoWeb"]: d["DO_Piece"] for d in docs}
    assert set(shop_statuses_all(sandbox).values()) == {"completed"}
    accounts = Counter(d["DO_Tiers"] for d in docs)
    assert len(accounts) == CUSTOMERS  # one account per customer, however often it was interrupted
    reserved = _reserved(database)
    assert {ref: reserved[ref] - reserved_before.get(ref, D(0)) for ref in sold} == {
        ref: D(count) for ref, count in sold.items()}


def shop_statuses_all(sandbox: Any) -> dict[str, str]:
    from gescom_sync.shops.woocommerce.connector import WooCommerceConnector

    found: dict[str, str] = {}
    with WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret) as shop:
        for page in (1, 2, 3):
            found |= {str(o["id"]): o["status"] for o in shop.client.get(
                "orders", params={"per_page": 100, "page": page}).json()}
    return found
