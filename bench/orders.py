"""Order import benchmark: what reading in pages and writing in batches save, measured in one run.

    .venv/bin/python bench/orders.py [--shop woocommerce|prestashop] [--n 1000] [--latency-ms 30] [--json]

Builds the Bijou demo back office, serves a WooCommerce sandbox (or PrestaShop with
``--shop prestashop``) answering after ``--latency-ms``, makes a profile for both in a
temporary data folder with Bijou's order import settings (``gescom_sync.demo.orders``),
exports the catalogue (not measured) and places N varied orders in the shop
(``seed_orders``: paid, guest, coupon, on hold, completed, foreign currency, gift wrapping,
variations; placed in the sandbox's process, the same orders as through the API). Then
runs the real command as a child process:

- ``first_import``:  ``gescom-sync import orders``: every order becomes a document, paid
  orders are marked completed (PrestaShop: delivered) in the shop;
- ``second_import``: the same again: everything is already imported, no write expected.

Requests are counted at the sandbox (reads are GET, writes everything else); seconds are
the command's wall time, Python start-up and the back-office writes included.

Next to each, the same import done the naive way, one request per call, sequential, 25 ms
pause after each answer (``naive_*``), modelled as a desktop connector does it: the list
of the orders' ids a page of 100 at a time, then per order a GET of the order, per line a
GET of its product (or variation), per registered customer a GET of the customer, per
order whose status changes a PUT (PrestaShop: per order a GET of the order, per line a GET
of its product or combination, per registered customer a GET, per status change a POST of
an order history); on the second run the list and a GET per order (to find it already
transferred). Those requests are sent for real to the same shop on a
sample (``--naive-sample``) and the mean time of each kind is multiplied by its count.
The naive figure leaves out the back-office writes and Python's start-up, which the
measured one includes: it is the naive way's floor. ``ratio`` is naive_seconds / seconds.
Never a test on time: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from _support import (
    PROFILE,
    Call,
    Kind,
    RequestCounter,
    Scenario,
    add_shop_arguments,
    bench_environment,
    bench_main,
    count_requests,
    create_bench_profile,
    gescom_sync_command,
    measure_naive,
    run_child,
)

SCENARIOS = ("first_import", "second_import")
PAGE = 100


def main(argv: list[str] | None = None) -> int:
    return bench_main(parse_args(argv), run, render)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="orders placed in the shop (default 1000)")
    add_shop_arguments(parser)
    args = parser.parse_args(argv)
    if args.n < 1 or args.latency_ms < 1 or args.naive_sample < 1:
        parser.error("--n, --latency-ms and --naive-sample must be at least 1")
    return args


# ------------------------------------------------------------------------------- run


def run(args: argparse.Namespace, folder: Path) -> dict:
    env = bench_environment(folder / "home")
    os.environ.update(env)  # the profile is made in this process
    from catalogue import _start_sandbox

    from gescom_sync.demo import bijou

    backoffice = bijou.create(folder / "bijou.sqlite")
    with _start_sandbox(args.shop, folder / "shop", args.latency_ms) as sandbox:
        counter = count_requests(sandbox, args.shop)
        _make_profile(args.shop, backoffice, sandbox)
        child_env = {**os.environ, **env}
        _run_command(["export", "products"], child_env)
        _seed_orders(args.shop, sandbox, args.n)
        naive = NAIVE[args.shop](sandbox, args.naive_delay_ms / 1000)  # the orders as placed, before the import
        scenarios = {name: _measure(name, args.n, counter, child_env) for name in SCENARIOS}
        for name, plan in naive.plans().items():
            scenarios[name].compare_naive(*measure_naive(plan, args.naive_sample, naive.pause))
        shape = naive.shape()
        naive.close()
    return _report(args, scenarios, shape)


def _seed_orders(shop: str, sandbox, n: int) -> None:  # noqa: ANN001 - a RunningSandbox
    if shop == "prestashop":
        from gescom_sync.sandbox.prestashop.orders_seed import seed_orders
    else:
        from gescom_sync.sandbox.woocommerce.orders_seed import seed_orders
    seed_orders(sandbox.shop, n)


def _make_profile(shop: str, backoffice, sandbox) -> None:  # noqa: ANN001 - a DemoDatabase, a RunningSandbox
    """Bijou -> the shop, with the demo's export settings (and tax classes) and order import settings."""
    from gescom_sync.cli.demo import DEMO_TAX_CLASSES, DEMO_TEMPLATE_ACCOUNT, bijou_export_settings
    from gescom_sync.demo.orders import bijou_import_settings
    from gescom_sync.profiles import load_profile, save_profile
    from gescom_sync.profiles.customers import CustomerRules

    create_bench_profile(shop, backoffice.url, sandbox)
    profile = load_profile(PROFILE)
    export = bijou_export_settings(backoffice.media_folder)
    default_class, classes = DEMO_TAX_CLASSES[shop]
    taxes = export.taxes.model_copy(update={"default_class": default_class, "classes": classes})
    save_profile(profile.model_copy(update={
        "export_products": export.model_copy(update={"taxes": taxes}),
        "customer_rules": CustomerRules(template_account=DEMO_TEMPLATE_ACCOUNT),
        "import_orders": bijou_import_settings(shop)}))


def _run_command(command: list[str], env: dict[str, str]):  # noqa: ANN202 - a Finished
    finished = run_child([*gescom_sync_command(), *command, "--profile", PROFILE, "--json"], env)
    if finished.exit_code != 0:
        raise SystemExit(f"{' '.join(command)}: gescom-sync exited with {finished.exit_code}\n{finished.stderr[-3000:]}"
                         + "\n".join(_failures(finished.stdout)))
    return finished


def _failures(journal_lines: str) -> list[str]:
    """The journal's failed items (JSON lines), to say why a command failed."""
    events = (json.loads(line) for line in journal_lines.splitlines() if line.startswith("{"))
    return [event.get("text", "") for event in events if event.get("action") == "failed"][:20]


def _measure(name: str, n: int, counter: RequestCounter, env: dict[str, str]) -> Scenario:
    before = counter.snapshot()
    finished = _run_command(["import", "orders"], env)
    counts = counter.snapshot() - before
    return Scenario.measured(counts, finished, orders_per_second=round(n / finished.seconds, 1))


# ------------------------------------------------------------------------------ naive


class NaiveImport:
    """One request per call, sequential, a fixed pause after each answer (what a desktop
    connector does), sent with the profile's credentials to the same shop. A shop's
    subclass seeds the orders and says its requests."""

    def __init__(self, pause: float) -> None:
        from gescom_sync.profiles import load_profile
        from gescom_sync.shops.factory import open_shop

        self.pause = pause
        profile = load_profile(PROFILE)
        settings = profile.shop
        unpaced = settings.model_copy(update={"http": settings.http.model_copy(update={"delay_ms": 0})})
        self.connector = open_shop(unpaced)  # same URL and authentication; the pause is applied here
        self.rules = profile.import_orders.statuses
        self.orders: list[dict] = []
        self.lines: list[dict] = []
        self.registered: list[dict] = []
        self.status_changes: list[dict] = []

    def _changes_status(self, status: object) -> bool:
        rule = self.rules.get(str(status))
        return bool(rule and rule.set_status_after)

    def close(self) -> None:
        self.connector.close()

    def shape(self) -> dict:
        return {"orders": len(self.orders), "lines": len(self.lines), "registered_orders": len(self.registered),
                "status_changes": len(self.status_changes)}

    def plans(self) -> dict[str, list[Kind]]:
        pages = math.ceil(len(self.orders) / PAGE)
        return {
            "first_import": [
                Kind("read a page of 100 order ids", pages, self._pages()),
                Kind("read an order", len(self.orders), self._orders()),
                Kind("read a line's product", len(self.lines), self._products()),
                Kind("read an order's customer", len(self.registered), self._customers()),
                Kind("set an order's status", len(self.status_changes), self._statuses()),
            ],
            "second_import": [
                Kind("read a page of 100 order ids", pages, self._pages()),
                Kind("read an order", len(self.orders), self._orders()),
            ],
        }

    def _pages(self) -> Iterator[Call]:
        raise NotImplementedError

    def _orders(self) -> Iterator[Call]:
        raise NotImplementedError

    def _products(self) -> Iterator[Call]:
        raise NotImplementedError

    def _customers(self) -> Iterator[Call]:
        raise NotImplementedError

    def _statuses(self) -> Iterator[Call]:
        raise NotImplementedError


class WooCommerceNaiveImport(NaiveImport):
    """The REST API: an order holds its lines; its customer is ``customer_id`` (0: a guest)."""

    def __init__(self, sandbox, pause: float) -> None:  # noqa: ANN001 - a RunningSandbox
        super().__init__(pause)
        self.client = self.connector.client
        self.orders = sandbox.shop.store.all("order")
        self.lines = [line for order in self.orders for line in order["line_items"]]
        self.registered = [order for order in self.orders if order["customer_id"]]
        self.status_changes = [order for order in self.orders if self._changes_status(order["status"])]

    def _pages(self) -> Iterator[Call]:
        for page in itertools.count(1):
            yield lambda page=page: self.client.get("orders", params={"per_page": PAGE, "page": page, "_fields": "id"})

    def _orders(self) -> Iterator[Call]:
        for order in self.orders:
            yield lambda order=order: self.client.get(f"orders/{order['id']}")

    def _products(self) -> Iterator[Call]:
        for line in self.lines:
            path = f"products/{line['product_id']}"
            if line["variation_id"]:
                path += f"/variations/{line['variation_id']}"
            yield lambda path=path: self.client.get(path)

    def _customers(self) -> Iterator[Call]:
        for order in self.registered:
            yield lambda order=order: self.client.get(f"customers/{order['customer_id']}")

    def _statuses(self) -> Iterator[Call]:
        for order in self.status_changes:  # the status the import set: the shop changes nothing more
            yield lambda order=order: self.client.put(f"orders/{order['id']}", json={"status": "completed"})


class PrestaShopNaiveImport(NaiveImport):
    """The webservice: an order's lines are its order_details; a guest checks out with a guest
    account (``is_guest``), which is no customer to read; a status is an order history."""

    def __init__(self, sandbox, pause: float) -> None:  # noqa: ANN001 - a RunningSandbox
        super().__init__(pause)
        self.ws = self.connector.ws
        store = sandbox.shop.store
        guests = {row["id"] for row in store.all("customers") if str(row["is_guest"]) == "1"}
        self.orders = store.all("orders")
        self.lines = store.all("order_details")
        self.registered = [order for order in self.orders if order["id_customer"] not in guests]
        self.status_changes = [order for order in self.orders if self._changes_status(order["current_state"])]
        self.after = {status: rule.set_status_after for status, rule in self.rules.items()}

    def _pages(self) -> Iterator[Call]:
        for page in itertools.count():
            params = {"display": "[id]", "limit": f"{page * PAGE},{PAGE}", "output_format": "JSON"}
            yield lambda params=params: self.ws.request("GET", "orders", params)

    def _orders(self) -> Iterator[Call]:
        for order in self.orders:
            yield lambda order=order: self.ws.get_json(f"orders/{order['id']}")

    def _products(self) -> Iterator[Call]:
        for line in self.lines:
            combination = line["product_attribute_id"]
            path = f"combinations/{combination}" if combination else f"products/{line['product_id']}"
            yield lambda path=path: self.ws.get_json(path)

    def _customers(self) -> Iterator[Call]:
        for order in self.registered:
            yield lambda order=order: self.ws.get_json(f"customers/{order['id_customer']}")

    def _statuses(self) -> Iterator[Call]:
        for order in self.status_changes:
            state = self.after[str(order["current_state"])]
            yield lambda order=order, state=state: self.ws.create(
                "order_histories", {"id_order": order["id"], "id_order_state": state}, None, {"sendemail": 0})


NAIVE = {"woocommerce": WooCommerceNaiveImport, "prestashop": PrestaShopNaiveImport}


# ---------------------------------------------------------------------------- report


def _report(args: argparse.Namespace, scenarios: dict[str, Scenario], shape: dict) -> dict:
    return {
        "n": args.n,
        **{name: scenario.as_json() for name, scenario in scenarios.items()},
        "setup": {**shape, "shop": args.shop, "latency_ms": args.latency_ms, "naive_delay_ms": args.naive_delay_ms,
                  "naive_sample": args.naive_sample},
    }


def render(report: dict) -> str:
    setup = report["setup"]
    lines = [
        f"Order import benchmark: {report['n']} orders, {setup['lines']} lines, {setup['registered_orders']} of "
        f"registered customers; {setup['shop']} sandbox latency {setup['latency_ms']} ms",
        "",
        f"{'scenario':<15}{'requests':>9}{'writes':>8}{'seconds':>9}{'orders/s':>10}"
        f"{'naive req':>11}{'naive s':>10}{'ratio':>8}",
    ]
    for name in SCENARIOS:
        s = report[name]
        lines.append(f"{name:<15}{s['requests']:>9}{s['write_requests']:>8}{s['seconds']:>9.2f}"
                     f"{s['orders_per_second']:>10.1f}{s['naive_requests']:>11}{s['naive_seconds']:>10.1f}"
                     f"{s['ratio']:>7.1f}x")
    sampled = sum(report[name]["naive_sampled"] for name in SCENARIOS)
    second = report["second_import"]
    lines += [
        "",
        "seconds: the command's wall time, Python start-up and the back-office writes included.",
        f"naive: one request per call, {setup['naive_delay_ms']} ms pause after each; {sampled} requests really sent, "
        "the rest extrapolated linearly per kind of request (back-office time left out).",
        f"target: a second import writes nothing: {second['write_requests']} writes, {second['read_requests']} reads "
        f"-> {'met' if second['write_requests'] == 0 else 'MISSED'}",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
