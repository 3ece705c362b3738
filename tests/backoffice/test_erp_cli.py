"""`gescom-sync erp ...` as a user runs it: a real process, exit codes and output."""

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from gescom_sync.cli import app
from gescom_sync.errors import FilterError

ENTRY = "from gescom_sync.cli import main; main()"


def run(*arguments: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "COLUMNS": "250"}
    return subprocess.run(
        [sys.executable, "-c", ENTRY, "erp", *arguments], capture_output=True, text=True, env=environment, timeout=60
    )


def test_products_filter_lists_exactly_the_ch_articles(bijou):
    result = CliRunner().invoke(app, ["erp", "products", "--database", bijou.url, "--filter", "AR_Ref LIKE 'CH%'", "--json"])
    assert result.exit_code == 0, result.output
    products = json.loads(result.output)
    assert [p["reference"] for p in products] == ["CHAAR/VAR", "CHAOR42", "CHORFA", "CHSR10"]
    assert products[1]["base_price"] == "620"  # Decimal as a string, never a float


def test_unknown_column_exits_non_zero_with_one_line_and_no_traceback(bijou_sqlite):
    result = run("products", "--database", bijou_sqlite.url, "--filter", "AR_Reff LIKE 'CH%'")
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert "AR_Reff" in lines[0] and "F_ARTICLE" in lines[0]


def test_unknown_column_is_a_filter_error_on_every_engine(bijou):
    result = CliRunner().invoke(app, ["erp", "customers", "--database", bijou.url, "--filter", "CT_Nom = 'x'"])
    assert isinstance(result.exception, FilterError)
    assert "F_COMPTET" in str(result.exception) and "ct_nom" in str(result.exception).lower()


def test_stock_with_formula_and_warehouses(bijou_sqlite):
    result = CliRunner().invoke(
        app,
        ["erp", "stock", "-d", bijou_sqlite.url, "--formula", "forecast", "-w", "PARIS", "-w", "2",
         "--filter", "AR_Ref = 'CHAOR42'", "--json"],
    )
    assert result.exit_code == 0, result.output
    [level] = json.loads(result.output)
    assert (level["quantity"], level["warehouses"], level["counters"]["ordered"]) == ("74", ["1", "2"], "25")


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("taxes", "TVA collectée 5,5 %"),
        ("price-categories", "Clients comptoir"),
        ("warehouses", "Boutique Lyon"),
        ("families", "Entretien des bijoux"),
        ("catalogue", "Bijouterie > Or > Chaînes or > Mailles forçat"),
        ("shipping-modes", "Chronopost 24h"),
        ("payment-methods", "PayPal"),
        ("currencies", "Livre sterling"),
        ("accounting-categories", "Intracommunautaire"),
        ("customers", "Bijouterie Topaz"),
        ("prices", "999999"),
    ],
)
def test_tables(bijou_sqlite, command, expected):
    result = CliRunner().invoke(app, ["erp", command, "--database", bijou_sqlite.url])
    assert result.exit_code == 0, result.output
    assert expected in result.output


def test_the_default_profile_is_read_when_no_database_is_given(bijou_sqlite):
    from gescom_sync.profiles import create_profile

    create_profile("bijou", [("backoffice.type", "sage100"), ("backoffice.url", bijou_sqlite.url.removeprefix("sqlite:///"))])
    result = CliRunner().invoke(app, ["erp", "products", "--filter", "AR_Ref LIKE 'PAN%'", "--json"])
    assert result.exit_code == 0, result.output
    assert len(json.loads(result.output)) == 6
