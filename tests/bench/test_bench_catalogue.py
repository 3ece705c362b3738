"""`python bench/catalogue.py` on a small catalogue: its JSON shape and request counts.

60 articles: 12 grouped by master reference into 2 variable products of 6 variations,
48 simple products. Times are printed by the benchmark, never asserted here.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
SCENARIOS = ("first_export", "noop_export", "stock_all", "stock_1pct")
FIELDS = {"requests", "write_requests", "read_requests", "seconds", "peak_rss_mb", "counters",
          "naive_requests", "naive_seconds", "naive_sampled", "ratio"}


def run_bench(*options: str) -> dict:
    finished = subprocess.run(
        [sys.executable, str(BENCH / "catalogue.py"), "--naive-sample", "8", "--latency-ms", "5", "--json", *options],
        capture_output=True, text=True, timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    return json.loads(finished.stdout)


@pytest.fixture(scope="module")
def report() -> dict:
    return run_bench("--n", "60")


@pytest.fixture(scope="module")
def prestashop_report() -> dict:
    return run_bench("--n", "30", "--shop", "prestashop")


def test_one_object_with_every_scenario(report: dict) -> None:
    assert report["n"] == 60
    for name in SCENARIOS:
        scenario = report[name]
        assert set(scenario) == FIELDS, name
        assert scenario["requests"] == scenario["write_requests"] + scenario["read_requests"]
        assert scenario["peak_rss_mb"] > 0
        assert 0 < scenario["naive_sampled"] <= scenario["naive_requests"]
        # seconds are printed rounded to 0.01 and the ratio to 0.1: compare within that rounding
        assert scenario["ratio"] == pytest.approx(scenario["naive_seconds"] / scenario["seconds"], rel=0.05, abs=0.1)
    assert report["setup"] | {"cli_startup_seconds": None} == {
        "shop": "woocommerce", "grouped_articles": 12, "variable_products": 2, "group_size": 6, "latency_ms": 5,
        "naive_delay_ms": 25, "naive_sample": 8, "cli_startup_seconds": None}


def test_peak_memory_at_n_and_at_a_fifth_of_n(report: dict) -> None:
    memory = report["memory"]
    assert memory["n_fifth"] == 12
    for name in SCENARIOS:
        figures = memory[name]
        assert figures["peak_rss_mb"] == report[name]["peak_rss_mb"]
        assert figures["peak_rss_mb_fifth"] > 0
        assert figures["growth_mb"] == pytest.approx(figures["peak_rss_mb"] - figures["peak_rss_mb_fifth"], abs=0.11)


def test_the_commands_did_the_work(report: dict) -> None:
    assert report["first_export"]["counters"]["product"] == {"created": 50}
    assert report["first_export"]["counters"]["variant"] == {"created": 12}
    assert report["noop_export"]["counters"]["product"] == {"unchanged": 50}
    assert report["stock_all"]["counters"] == {"product": {"updated": 48}, "variant": {"updated": 12}}
    stock_1pct = report["stock_1pct"]["counters"].values()
    assert (sum(c.get("updated", 0) for c in stock_1pct), sum(c.get("unchanged", 0) for c in stock_1pct)) == (1, 59)


def test_batched_writes_and_no_change_means_no_write(report: dict) -> None:
    # 48 simple products in one products/batch, each variable product's 6 variations in its own variations/batch
    assert report["stock_all"]["write_requests"] == 1 + 2 == report["targets"]["stock_all_floor"]
    assert report["noop_export"]["write_requests"] == 0
    # 1 % of 60 stock rows: one article changed, one batch
    assert report["targets"]["stock_1pct_changed_items"] == 1
    assert report["stock_1pct"]["write_requests"] == 1 == report["targets"]["stock_1pct_changed_batches"]
    assert report["targets"]["noop_export_writes_zero"] and report["targets"]["stock_1pct_writes_only_changed_batches"]
    assert report["targets"]["stock_all_met"]


def test_naive_is_one_request_per_item(report: dict) -> None:
    assert report["first_export"]["naive_requests"] == 48 + 2 + 12  # simple, variable, variations
    assert report["noop_export"]["naive_requests"] == 48 + 2 + 12
    assert report["stock_all"]["naive_requests"] == 60  # one per SKU
    assert report["stock_1pct"]["naive_requests"] == 1 + 2 + 1  # a page of products, 2 variation lists, the change


def test_table_says_each_target(report: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    table = importlib.import_module("catalogue").render(report).splitlines()
    assert table[0] == ("Catalogue benchmark (woocommerce): 60 articles, 12 of them in 2 variable products; "
                        "sandbox latency 5 ms")
    rows = {line.split()[0]: line.split() for line in table if line.split() and line.split()[0] in SCENARIOS}
    assert rows["stock_all"][1:3] == [str(report["stock_all"]["requests"]), "3"]
    targets = [line for line in table if line.startswith("target:")]
    assert len(targets) == 3 and all(line.endswith("-> met") or "-> met (" in line for line in targets)


def test_the_same_scenarios_on_prestashop(prestashop_report: dict) -> None:
    # 30 articles: 6 grouped into one product with 6 combinations, 24 simple products
    report = prestashop_report
    assert report["setup"]["shop"] == "prestashop"
    assert report["first_export"]["counters"]["product"] == {"created": 25}
    assert report["first_export"]["counters"]["variant"] == {"created": 6}
    assert report["noop_export"]["write_requests"] == 0
    assert report["stock_all"]["counters"] == {"product": {"updated": 24}, "variant": {"updated": 6}}
    # no batch in PrestaShop's webservice: one stock_availables write per SKU
    assert report["stock_all"]["write_requests"] == 30 == report["targets"]["stock_all_floor"]
    assert report["stock_1pct"]["write_requests"] == 1 == report["targets"]["stock_1pct_changed_items"]
    assert report["stock_all"]["naive_requests"] == 30
    assert report["first_export"]["naive_requests"] == 25 + 6
    for name in SCENARIOS:
        assert set(report[name]) == FIELDS, name
        assert 0 < report[name]["naive_sampled"] <= report[name]["naive_requests"]
