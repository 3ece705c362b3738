"""Catalogue benchmark: what batching, change detection and bindings save, measured in one run.

    .venv/bin/python bench/catalogue.py [--n 10000] [--latency-ms 30] [--json]

Builds a Sage 100 layout back office of N articles (20 % grouped by master reference into
variable products), serves a WooCommerce sandbox answering after ``--latency-ms``, makes a
profile for both in a temporary data folder, then runs the real commands as child
processes, in this order:

- ``first_export``: ``gescom-sync export products`` on the empty shop;
- ``noop_export``:  the same again, nothing changed in the back office;
- ``stock_all``:    ``gescom-sync update stock``, every SKU sent (first stock update);
- ``stock_1pct``:   ``gescom-sync update stock`` after 1 % of the stock rows changed.

Then the same four commands on a catalogue of N/5 articles, for their peak memory only:
set side by side with N's, it shows whether memory grows with the catalogue.
``--shop prestashop`` runs everything on the PrestaShop sandbox instead.

Requests are counted at the sandbox (reads are GET, writes everything else); seconds are
the command's wall time, Python start-up included; peak RSS is the command's own memory
(``VmHWM`` read by the command at its exit; ``wait4``'s ``ru_maxrss`` would also count
this process's pages copied before ``exec``). Next to each, the same work done the way a desktop connector does it: one
request per item, sequential, 25 ms pause after each answer (``naive_*``). Those requests
are sent for real to the same shop on a sample of each kind of request (``--naive-sample``)
and the mean time of each kind is multiplied by its count (linear extrapolation).
``ratio`` is naive_seconds / seconds. Never a test on time: figures depend on the machine.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

from _support import (
    PROFILE,
    add_shop_arguments,
    bench_environment,
    bench_main,
    Call,
    Catalogue,
    Kind,
    RequestCounter,
    Scenario,
    build_backoffice,
    change_stock,
    count_requests,
    create_bench_profile,
    gescom_sync_command,
    master_of,
    measure_naive,
    run_child,
    run_gescom_sync,
)

SCENARIOS = ("first_export", "noop_export", "stock_all", "stock_1pct")
COMMANDS = {
    "first_export": ["export", "products"],
    "noop_export": ["export", "products"],
    "stock_all": ["update", "stock"],
    "stock_1pct": ["update", "stock"],
}
CHANGED_SHARE = Decimal("0.01")
BATCH = 100  # WooCommerce's batch limit
STOCK_WRITES_SLACK = 10  # the target: 10,000 SKUs in at most 110 write requests


def main(argv: list[str] | None = None) -> int:
    return bench_main(parse_args(argv), run, render)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles in the back office (default 10000)")
    parser.add_argument("--group-size", type=int, default=6,
                        help="articles per master reference, Couleur x Taille (default 6, like the demo's trousers)")
    add_shop_arguments(parser)
    args = parser.parse_args(argv)
    if args.n < 20 or args.latency_ms < 1 or args.naive_sample < 1:
        parser.error("--n must be at least 20, --latency-ms and --naive-sample at least 1")
    return args


# ------------------------------------------------------------------------------- run


def run(args: argparse.Namespace, folder: Path) -> dict:
    env = bench_environment(folder / "home")
    os.environ.update(env)  # the profile and the naive client are made in this process
    catalogue = build_backoffice(folder / "backoffice.sqlite", args.n, group_size=args.group_size)
    with _start_sandbox(args.shop, folder / "shop", args.latency_ms) as sandbox:
        counter = count_requests(sandbox, args.shop)
        _make_profile(args.shop, catalogue, sandbox)
        child_env = {**os.environ, **env}
        startup = run_child([*gescom_sync_command(), "--help"], child_env).seconds
        scenarios, changed = _run_scenarios(catalogue, counter, child_env)
        naive = _naive_connector(args.shop, sandbox, args.naive_delay_ms / 1000)
        for name, plan in naive.plans(changed).items():
            scenarios[name].compare_naive(*measure_naive(plan, args.naive_sample, naive.pause))
        naive.close()
    fifth = _peak_memory(args, folder / "fifth", args.n // 5)
    return _report(args, catalogue, scenarios, changed, startup, fifth)


def _start_sandbox(shop: str, folder: Path, latency_ms: int):  # noqa: ANN202 - a RunningSandbox of either shop
    if shop == "prestashop":
        from gescom_sync.sandbox.prestashop import start_sandbox
    else:
        from gescom_sync.sandbox.woocommerce import start_sandbox
    return start_sandbox(folder, latency_ms=latency_ms)


def _run_scenarios(catalogue: Catalogue, counter: RequestCounter, env: dict[str, str]) -> tuple[dict[str, Scenario], list[str]]:
    """The four commands in order; the references whose stock moved by 1 % before the last."""
    scenarios: dict[str, Scenario] = {}
    changed: list[str] = []
    for name in SCENARIOS:
        if name == "stock_all":  # the export sent every quantity: move every stock for the update to send
            change_stock(catalogue.url, Decimal(1))
        if name == "stock_1pct":
            changed = change_stock(catalogue.url, CHANGED_SHARE)
        scenarios[name] = _measure(name, counter, env)
    return scenarios, changed


def _peak_memory(args: argparse.Namespace, folder: Path, n: int) -> dict:
    """The same four commands on a catalogue of ``n`` articles (a data folder, back office
    and shop of their own), for their peak RSS only: set against the N run's, it shows
    whether memory grows with the catalogue."""
    folder.mkdir()
    env = bench_environment(folder / "home")
    os.environ.update(env)
    catalogue = build_backoffice(folder / "backoffice.sqlite", n, group_size=args.group_size)
    with _start_sandbox(args.shop, folder / "shop", args.latency_ms) as sandbox:
        counter = count_requests(sandbox, args.shop)
        _make_profile(args.shop, catalogue, sandbox)
        scenarios, _changed = _run_scenarios(catalogue, counter, {**os.environ, **env})
    return {"n": n, **{name: scenario.extra["peak_rss_mb"] for name, scenario in scenarios.items()}}


def _naive_connector(shop: str, sandbox, pause: float):  # noqa: ANN001, ANN202 - either shop's
    if shop == "prestashop":
        from _prestashop import PrestaShopNaive

        return PrestaShopNaive(sandbox, PROFILE, pause)
    return NaiveConnector(sandbox, pause)


# The Bijou VAT codes -> the PrestaShop sandbox's tax rule groups (1: 20 %, 2: 10 %, 3: 5.5 %).
PRESTASHOP_TAXES = {"default_class": "1", "classes": {"C10": "2", "C55": "3", "C00": "0"}}


def _make_profile(shop: str, catalogue: Catalogue, sandbox) -> None:  # noqa: ANN001 - a RunningSandbox
    """Sage 100 -> the shop, grouping on RefMaitre (Couleur x Taille), every HTTP option at its default."""
    from gescom_sync.profiles import load_profile, save_profile
    from gescom_sync.profiles.catalogue import ExportProductsSettings

    create_bench_profile(shop, catalogue.url, sandbox)
    export = ExportProductsSettings.model_validate({
        "grouping": {"master_field": "RefMaitre", "attributes": [
            {"name_field": "Gamme1Nom", "value_field": "Gamme1Valeur"},
            {"name_field": "Gamme2Nom", "value_field": "Gamme2Valeur"}]},
        **({"taxes": PRESTASHOP_TAXES} if shop == "prestashop" else {}),
    })
    save_profile(load_profile(PROFILE).model_copy(update={"export_products": export}))


def _measure(name: str, counter: RequestCounter, env: dict[str, str]) -> Scenario:
    before = counter.snapshot()
    peak_file = Path(env["GESCOM_SYNC_HOME"]) / "peak-memory"
    finished = run_gescom_sync([*COMMANDS[name], "--profile", PROFILE, "--json"], env, peak_file)
    counts = counter.snapshot() - before
    if finished.exit_code != 0:
        raise SystemExit(f"{name}: gescom-sync exited with {finished.exit_code}\n{finished.stderr[-3000:]}")
    return Scenario.measured(counts, finished, peak_rss_mb=finished.peak_rss_mb)


# ------------------------------------------------------------------------------ naive


class NaiveConnector:
    """One request per item, sequential, a fixed pause after each answer (what a desktop
    connector does), sent with the profile's credentials to the same shop."""

    def __init__(self, sandbox, pause: float) -> None:  # noqa: ANN001 - a RunningSandbox
        from gescom_sync.profiles import load_profile
        from gescom_sync.shops.factory import open_shop

        self.pause = pause
        self.shop = sandbox.shop
        settings = load_profile(PROFILE).shop
        unpaced = settings.model_copy(update={"http": settings.http.model_copy(update={"delay_ms": 0})})
        self.connector = open_shop(unpaced)  # same URL and authentication; the pause is applied here
        self.client = self.connector.client
        products = self.shop.store.all("product")
        self.simple = [p for p in products if p["type"] == "simple"]
        self.variable = [p for p in products if p["type"] == "variable"]
        self.variations = self.shop.store.all("variation")

    def close(self) -> None:
        self.connector.close()

    def plans(self, changed: list[str]) -> dict[str, list[Kind]]:
        """Per scenario, the requests a one-per-item connector sends (stock_1pct first: the
        other plans' creates would add products to the pages it reads)."""
        changed_skus = set(changed)
        changed_simple = [p for p in self.simple if p["sku"] in changed_skus]
        changed_variations = [v for v in self.variations if v["sku"] in changed_skus]
        return {
            "stock_1pct": [
                Kind("read a page of 100 products (id, sku, stock)", math.ceil(len(self.simple + self.variable) / BATCH),
                     self._reads_of_pages()),
                Kind("read a variable product's variations", len(self.variable), self._reads_of_variations()),
                Kind("stock of a changed simple product", len(changed_simple), self._stock_calls(changed_simple)),
                Kind("stock of a changed variation", len(changed_variations), self._stock_calls(changed_variations)),
            ],
            "stock_all": [
                Kind("stock of a simple product", len(self.simple), self._stock_calls(self.simple)),
                Kind("stock of a variation", len(self.variations), self._stock_calls(self.variations)),
            ],
            "noop_export": [
                Kind("re-send a simple product", len(self.simple), self._resend_calls(self.simple)),
                Kind("re-send a variable product", len(self.variable), self._resend_calls(self.variable)),
                Kind("re-send a variation", len(self.variations), self._resend_calls(self.variations)),
            ],
            "first_export": self._create_kinds(),
        }

    # --- the requests ---------------------------------------------------------------

    def _reads_of_pages(self) -> Iterator[Call]:
        for page in itertools.count(1):
            yield lambda page=page: self.client.get("products", params={
                "per_page": BATCH, "page": page, "_fields": "id,sku,type,stock_quantity"})

    def _reads_of_variations(self) -> Iterator[Call]:
        for product in self.variable:
            yield lambda product=product: self.client.get(f"products/{product['id']}/variations", params={
                "per_page": BATCH, "_fields": "id,sku,stock_quantity"})

    def _path(self, record: dict) -> str:
        if "type" not in record:  # a variation
            return f"products/{record['parent_id']}/variations/{record['id']}"
        return f"products/{record['id']}"

    def _stock_calls(self, records: list[dict]) -> Iterator[Call]:
        for record in records:
            body = {"manage_stock": True, "stock_quantity": record["stock_quantity"] or 0}
            yield lambda record=record, body=body: self.client.put(self._path(record), json=body)

    def _resend_calls(self, records: list[dict]) -> Iterator[Call]:
        for record in records:
            body = _payload(record)
            yield lambda record=record, body=body: self.client.put(self._path(record), json=body)

    def _create_kinds(self) -> list[Kind]:
        """Create simple products, then variable products and their variations, under new SKUs."""
        created: dict[int, int] = {}  # source variable product id -> the copy's id

        def create(record: dict, path: str) -> dict:
            body = _payload(record) | {"sku": f"{record['sku']}-naive"}
            return self.client.post(path, json=body).json()

        def parents() -> Iterator[Call]:
            for product in self.variable:
                yield lambda product=product: created.setdefault(product["id"], create(product, "products")["id"])

        def variations() -> Iterator[Call]:
            for variation in self.variations:
                if variation["parent_id"] in created:
                    yield lambda v=variation: create(v, f"products/{created[v['parent_id']]}/variations")

        simple = (lambda p=p: create(p, "products") for p in self.simple)
        return [Kind("create a simple product", len(self.simple), simple),
                Kind("create a variable product", len(self.variable), parents()),
                Kind("create a variation", len(self.variations), variations())]


PAYLOAD_FIELDS = ("name", "type", "sku", "regular_price", "description", "short_description", "manage_stock",
                  "stock_quantity", "weight", "tax_class", "status")


def _payload(record: dict) -> dict:
    """What a connector sends for a product or variation: its fields, categories, attributes."""
    body = {k: record[k] for k in PAYLOAD_FIELDS if k in record and record[k] not in (None, "")}
    if record.get("categories"):
        body["categories"] = [{"id": c} for c in record["categories"]]
    attributes = record.get("attributes") or []
    if attributes and "option" in attributes[0]:
        body["attributes"] = [{"id": a["id"], "option": a["option"]} for a in attributes]
    elif attributes:
        body["attributes"] = [{"id": a["id"], "options": a["options"], "variation": True, "visible": True}
                              for a in attributes]
    return body


# ---------------------------------------------------------------------------- report


def _report(args: argparse.Namespace, catalogue: Catalogue, scenarios: dict[str, Scenario], changed: list[str],
            startup: float, fifth: dict) -> dict:
    return {
        "n": args.n,
        **{name: scenario.as_json() for name, scenario in scenarios.items()},
        "setup": {"shop": args.shop, "grouped_articles": catalogue.grouped, "variable_products": catalogue.groups,
                  "group_size": args.group_size, "latency_ms": args.latency_ms,
                  "naive_delay_ms": args.naive_delay_ms, "naive_sample": args.naive_sample,
                  "cli_startup_seconds": round(startup, 2)},
        "targets": _targets(args.shop, args.n, catalogue, scenarios, changed),
        "memory": _memory(scenarios, fifth),
    }


def _memory(scenarios: dict[str, Scenario], fifth: dict) -> dict:
    """Peak RSS per scenario at N and at N/5 side by side: flat in N means a small growth."""
    return {"n_fifth": fifth["n"], **{
        name: {"peak_rss_mb": scenario.extra["peak_rss_mb"], "peak_rss_mb_fifth": fifth[name],
               "growth_mb": round(scenario.extra["peak_rss_mb"] - fifth[name], 1)}
        for name, scenario in scenarios.items()}}


def _targets(shop: str, n: int, catalogue: Catalogue, scenarios: dict[str, Scenario], changed: list[str]) -> dict:
    """The issue's targets, checked; and the shop's floor for the stock writes: on
    WooCommerce a variation is only written through its own product's
    ``variations/batch``; PrestaShop has no batch, each SKU's stock is one
    ``stock_availables`` write."""
    stock_target = math.ceil(n / BATCH) + STOCK_WRITES_SLACK
    if shop == "prestashop":
        floor, changed_writes = catalogue.articles, len(changed)
    else:
        changed_simple = [r for r in changed if master_of(r) is None]
        changed_parents = {master_of(r) for r in changed} - {None}
        floor = math.ceil((catalogue.articles - catalogue.grouped) / BATCH) + catalogue.groups
        changed_writes = math.ceil(len(changed_simple) / BATCH) + len(changed_parents)
    return {
        "stock_all_write_requests_max": stock_target,
        "stock_all_met": scenarios["stock_all"].write_requests <= stock_target,
        "stock_all_floor": floor,
        "noop_export_writes_zero": scenarios["noop_export"].write_requests == 0,
        "stock_1pct_changed_items": len(changed),
        "stock_1pct_changed_batches": changed_writes,
        "stock_1pct_writes_only_changed_batches": scenarios["stock_1pct"].write_requests <= changed_writes,
        "stock_1pct_reads": scenarios["stock_1pct"].read_requests,
    }


FLOORS = {
    "woocommerce": "simple products / 100 + one variations/batch per variable product",
    "prestashop": "one stock_availables write per SKU: PrestaShop's webservice has no batch",
}


def render(report: dict) -> str:
    setup, targets, memory = report["setup"], report["targets"], report["memory"]
    lines = [
        f"Catalogue benchmark ({setup['shop']}): {report['n']} articles, {setup['grouped_articles']} of them in "
        f"{setup['variable_products']} variable products; sandbox latency {setup['latency_ms']} ms",
        "",
        f"{'scenario':<13}{'requests':>9}{'writes':>8}{'seconds':>9}{'peak RSS':>10}"
        f"{'naive req':>11}{'naive s':>10}{'ratio':>8}",
    ]
    for name in SCENARIOS:
        s = report[name]
        lines.append(f"{name:<13}{s['requests']:>9}{s['write_requests']:>8}{s['seconds']:>9.2f}"
                     f"{s['peak_rss_mb']:>8.0f}MB{s['naive_requests']:>11}{s['naive_seconds']:>10.1f}{s['ratio']:>7.1f}x")
    sampled = sum(report[name]["naive_sampled"] for name in SCENARIOS)
    lines += [
        "",
        f"seconds: the command's wall time, {setup['cli_startup_seconds']:.2f} s of Python start-up included; "
        "peak RSS: the command's own memory (VmHWM at its exit).",
        f"naive: one request per item, {setup['naive_delay_ms']} ms pause after each; {sampled} requests really "
        "sent, the rest extrapolated linearly per kind of request.",
        "",
        f"peak RSS at {report['n']} articles, and at {memory['n_fifth']} (the same commands on a fifth of the catalogue):",
        *(f"  {name + ':':<14}{memory[name]['peak_rss_mb']:>6.0f} MB {memory[name]['peak_rss_mb_fifth']:>6.0f} MB "
          f"{memory[name]['growth_mb']:>+7.1f} MB" for name in SCENARIOS),
        "",
        f"target: stock of every SKU in at most {targets['stock_all_write_requests_max']} write requests: "
        f"{report['stock_all']['write_requests']} -> {_verdict(targets['stock_all_met'])} "
        f"(floor on this shop: {targets['stock_all_floor']} = {FLOORS[setup['shop']]})",
        f"target: no-change export writes nothing: {report['noop_export']['write_requests']} writes, "
        f"{report['noop_export']['read_requests']} reads -> {_verdict(targets['noop_export_writes_zero'])}",
        f"target: 1 % run writes only the changed items' batches: {targets['stock_1pct_changed_items']} items "
        f"in {targets['stock_1pct_changed_batches']} batches, {report['stock_1pct']['write_requests']} writes, "
        f"{targets['stock_1pct_reads']} reads -> {_verdict(targets['stock_1pct_writes_only_changed_batches'])}",
    ]
    return "\n".join(lines)


def _verdict(met: bool) -> str:
    return "met" if met else "MISSED"


if __name__ == "__main__":
    sys.exit(main())
