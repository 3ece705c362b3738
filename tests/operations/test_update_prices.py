"""Update prices end to end: Bijou prices in the sandbox shop, tax excluded and included."""

from __future__ import annotations

import json
from decimal import Decimal

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.state import StateStore
from tests.operations.shop_state import prestashop_specific_prices
from tests.operations.shop_state import prices as shop_prices
from tests.operations.test_update_stock import WriteCounter, cli, configure, export_catalogue, last_actions

D = Decimal


def prices(sandbox, *keys: str, profile: str = "bijou") -> dict[str, tuple[str, str]]:
    shop = shop_prices(sandbox, profile)
    return {key: shop[key] for key in keys}


def test_prices_tax_excluded_with_a_strike_through_sale(profile, sandbox):
    configure(profile, update_prices={"default_category": "2"})
    export_catalogue(profile)
    result = cli("update", "prices")
    assert result.exit_code == 0, result.output
    assert prices(sandbox, "BAOR01", "CHAOR42", "CHAAR/VAR45", "BOAR12-E4") == {
        "BAOR01": ("405.00", ""),  # Détaillants
        "CHAOR42": ("620.00", "558.00"),  # 620 - 10 %: struck through
        "CHAAR/VAR45": ("54.00", ""),  # the range variant's own price
        "BOAR12-E4": ("90.00", ""),  # the packaging's own price
    }


def test_prices_tax_included(profile, sandbox):
    configure(profile, update_prices={"tax_included": True, "default_category": "2"})
    export_catalogue(profile)
    assert cli("update", "prices").exit_code == 0
    assert prices(sandbox, "BAOR01", "CHAOR42", "LIVRE01", "BOOR07") == {
        "BAOR01": ("486.00", ""),
        "CHAOR42": ("744.00", "669.60"),
        "LIVRE01": ("33.76", ""),  # 32 + 5.5 %
        "BOOR07": ("119.00", ""),  # kept tax included in Sage
    }


def test_applied_discount_and_the_specific_prices(profile, shop, sandbox):
    """WooCommerce has no specific prices (without a pricing extension): one warning line says so;
    PrestaShop gets the customer's prices as specific prices, and no warning."""
    configure(profile, update_prices={"default_category": "2", "discount_mode": "applied"})
    export_catalogue(profile)
    if shop == "prestashop":
        assert cli("export", "customers").exit_code == 0  # TOPAZ's prices need TOPAZ in the shop
    result = cli("update", "prices", "--json", "--filter", "AR_Ref IN ('CHAOR42', 'BAOR01')")
    assert result.exit_code == 0, result.output
    assert prices(sandbox, "CHAOR42") == {"CHAOR42": ("558.00", "")}
    events = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    warnings = [e for e in events if e.get("event") == "warning"]
    if shop == "prestashop":
        assert warnings == []
        assert prestashop_specific_prices(sandbox, profile) == {
            ("BAOR01", "customer:TOPAZ", 1): "390.00", ("CHAOR42", "customer:TOPAZ", 1): "558.00",
            ("CHAOR42", "customer:TOPAZ", 3): "530.10"}
        return
    assert len(warnings) == 1  # once per run, not per price
    text = json.dumps(warnings[0], ensure_ascii=False)
    assert "WooCommerce" in text and "extension" in text


def test_second_run_writes_nothing_one_changed_price_writes_one(profile, sandbox, tmp_path, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    assert cli("update", "prices").exit_code == 0
    counter = WriteCounter(monkeypatch, "write_prices")
    assert cli("update", "prices").exit_code == 0
    assert counter.sent == []

    engine = sa.create_engine(f"sqlite:///{tmp_path / 'bijou.sqlite'}")
    with engine.begin() as connection:
        article = schema.F_ARTICLE
        connection.execute(sa.update(article).where(article.c.AR_Ref == "CHORFA").values(AR_PrixVen=D("359")))
    engine.dispose()
    assert cli("update", "prices").exit_code == 0
    assert counter.keys == ["CHORFA"]
    assert prices(sandbox, "CHORFA") == {"CHORFA": ("359.00", "")}
    assert [k for k, action in last_actions(profile).items() if action == "updated"] == [("product", "CHORFA")]


def test_dry_run_writes_nothing(profile, shop, sandbox, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    exported = prices(sandbox, "BAOR01")
    assert exported == {"BAOR01": ("10" if shop == "woocommerce" else "10.00", "")}  # as the export left it
    counter = WriteCounter(monkeypatch, "write_prices")
    assert cli("update", "prices", "--dry-run").exit_code == 0
    assert counter.sent == []
    assert prices(sandbox, "BAOR01") == exported
    with StateStore.open() as store:
        assert store.watermarks.get(profile, "update_prices") is None
