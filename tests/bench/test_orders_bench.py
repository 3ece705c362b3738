"""`python bench/orders.py` on a few orders, on each sandbox shop: its JSON shape, the work
done, and a second import that writes nothing. Times are printed by the benchmark, never
asserted here."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
SCENARIOS = ("first_import", "second_import")
FIELDS = {"requests", "write_requests", "read_requests", "seconds", "orders_per_second", "counters", "naive_requests",
          "naive_seconds", "naive_sampled", "ratio"}
N = 12


@pytest.fixture(scope="module", params=("woocommerce", "prestashop"))
def report(request: pytest.FixtureRequest) -> dict:
    finished = subprocess.run(
        [sys.executable, str(BENCH / "orders.py"), "--shop", request.param, "--n", str(N), "--naive-sample", "6",
         "--latency-ms", "5", "--json"],
        capture_output=True, text=True, timeout=300,
    )
    assert finished.returncode == 0, finished.stderr[-3000:] + finished.stdout[-3000:]
    report = json.loads(finished.stdout)
    assert report["setup"]["shop"] == request.param
    return report


def test_one_object_with_both_imports(report: dict) -> None:
    assert report["n"] == N
    for name in SCENARIOS:
        scenario = report[name]
        assert set(scenario) == FIELDS, name
        assert scenario["requests"] == scenario["write_requests"] + scenario["read_requests"] > 0
        assert 0 < scenario["naive_sampled"] <= scenario["naive_requests"]
        # seconds are printed rounded to 0.01 and the ratio to 0.1: compare within that rounding
        assert scenario["ratio"] == pytest.approx(scenario["naive_seconds"] / scenario["seconds"], rel=0.05, abs=0.1)
        assert scenario["orders_per_second"] == pytest.approx(N / scenario["seconds"], rel=0.05, abs=0.1)


def test_every_order_imported_once_and_the_second_import_writes_nothing(report: dict) -> None:
    assert report["first_import"]["counters"]["order"] == {"created": N}
    assert report["second_import"]["counters"]["order"] == {"unchanged": N}
    assert report["second_import"]["write_requests"] == 0
    # the paid orders are marked completed (PrestaShop: delivered) in the shop: the first import's only writes
    assert 0 < report["first_import"]["write_requests"] <= report["setup"]["status_changes"]


def test_naive_is_one_request_per_call(report: dict) -> None:
    setup = report["setup"]
    assert setup["orders"] == N and setup["lines"] >= N
    assert report["first_import"]["naive_requests"] == (
        1 + N + setup["lines"] + setup["registered_orders"] + setup["status_changes"])  # a page of ids, then per call
    assert report["second_import"]["naive_requests"] == 1 + N


def test_table_says_the_target(report: dict, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    table = importlib.import_module("orders").render(report).splitlines()
    assert table[0].startswith(f"Order import benchmark: {N} orders, {report['setup']['lines']} lines")
    assert f"{report['setup']['shop']} sandbox latency 5 ms" in table[0]
    rows = {line.split()[0]: line.split() for line in table if line.split() and line.split()[0] in SCENARIOS}
    assert rows["second_import"][1:3] == [str(report["second_import"]["requests"]), "0"]
    assert table[-1].endswith("-> met")
