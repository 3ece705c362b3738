"""Update stock end to end: the Bijou back office, the sandbox shop, through the CLI.

The shop's products are put there by :func:`export_catalogue` (a minimal export through
``push``, bound under "product" and "variant" with the keys of ``mapping.targets``), as
the product export does; then ``gescom-sync update stock`` runs and the shop is read.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.cli import app
from gescom_sync.mapping.catalogue import ProductDraft
from gescom_sync.model.shop import AttributeChoice, ProductKind, ShopAttribute, ShopProduct, ShopVariant
from gescom_sync.operations.push import Draft, content_hash, push
from gescom_sync.operations.run import OperationRun, RunOptions, run_operation
from gescom_sync.operations.update_stock import catalogue_targets, update_stock
from gescom_sync.profiles import load_profile, save_profile
from gescom_sync.profiles.catalogue import AttributePair, CategorySource, GroupingSettings, PackagingSettings
from gescom_sync.shops.prestashop.connector import PrestaShopConnector
from gescom_sync.shops.woocommerce.connector import WooCommerceConnector
from gescom_sync.state import StateStore
from tests.operations.shop_state import (default_options, next_delivery_dates, set_shop_stock, statuses, stock_levels,
                                        weights)

D = Decimal



# ----------------------------------------------------------------- shared set-up


def configure(profile: str, **blocks: dict[str, Any]) -> None:
    """The export settings the Bijou catalogue needs (grouping, packagings), then ``blocks``
    (``update_stock={"formula": "forecast"}``) assigned key by key."""
    settings = load_profile(profile)
    export = settings.export_products
    export.categories.source = CategorySource.NONE
    export.grouping = GroupingSettings(master_field="RefMaitre", attributes=[
        AttributePair(name_field="Gamme1Nom", value_field="Gamme1Valeur"),
        AttributePair(name_field="Gamme2Nom", value_field="Gamme2Valeur"),
    ])
    export.packagings = PackagingSettings(enabled=True)
    for block, values in blocks.items():
        for name, value in values.items():
            setattr(getattr(settings, block), name, value)
    save_profile(settings)


def _product_draft(draft: ProductDraft) -> Draft[ShopProduct]:
    attributes = tuple(AttributeChoice(a.name, a.values, for_variants=True) for a in draft.axes) or None
    record = ShopProduct(key=draft.key, name=draft.texts.name or draft.key, kind=draft.kind, sku=draft.sku,
                         regular_price=D("10") if draft.kind is ProductKind.SIMPLE else None, attributes=attributes)
    return Draft(draft.key, {"structure": content_hash(draft.key)}, lambda shop_id, _parts: ShopProduct(
        **{**{f: getattr(record, f) for f in record.__slots__}, "shop_id": shop_id}))


def export_catalogue(profile: str, skip: Collection[str] = ("PARURE01",)) -> None:
    """Create the Bijou catalogue's products and variants in the shop and bind them, as
    the product export does (packs and ``skip`` left out: "not exported yet")."""
    def body(run: OperationRun) -> None:
        _targets, drafts = catalogue_targets(run.backoffice.products(), run.profile.export_products)
        drafts = [d for d in drafts if d.key not in skip and d.kind is not ProductKind.PACK]
        ids = push(run, "product", [_product_draft(d) for d in drafts], run.shop.write_products)
        run.shop.write_attributes(_variant_axes(drafts))  # PrestaShop's combinations need the values first
        variants = [
            Draft(v.key, {"structure": content_hash(v.key)}, lambda _id, _parts, v=v, parent=ids[d.key]: ShopVariant(
                key=v.key, product_shop_id=parent, options=v.options, sku=v.sku, regular_price=D("10")))
            for d in drafts for v in d.variants
        ]
        push(run, "variant", variants, run.shop.write_variants)

    assert run_operation("export_products", profile, RunOptions(), body) == 0


def _variant_axes(drafts: Collection[ProductDraft]) -> list[ShopAttribute]:
    """The attributes the drafts' variants choose from, each with all its values."""
    values: dict[str, list[str]] = {}
    for draft in drafts:
        for axis in draft.axes:
            known = values.setdefault(axis.name, [])
            known.extend(v for v in axis.values if v not in known)
    return [ShopAttribute(name, name, tuple(choices)) for name, choices in values.items()]


def last_actions(profile: str) -> dict[tuple[str, str], str]:
    with StateStore.open() as store:
        last = store.runs.last(profile)
        return {(item.entity, item.key): item.action for item in store.runs.items(last.id)}


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


class WriteCounter:
    """Counts the records each ``write_stock`` (or ``method``) call of either shop's connector sends."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, method: str = "write_stock") -> None:
        self.sent: list[Any] = []
        for connector_class in (WooCommerceConnector, PrestaShopConnector):
            monkeypatch.setattr(connector_class, method, self._counting(getattr(connector_class, method)))

    def _counting(self, original: Any) -> Any:
        def counting(connector: Any, records: Any) -> Any:
            self.sent.extend(records)
            return original(connector, records)

        return counting

    @property
    def keys(self) -> list[str]:
        return sorted(record.key for record in self.sent)


def set_stock(database: Path, reference: str, warehouse: int, real: Decimal) -> None:
    engine = sa.create_engine(f"sqlite:///{database}")
    table = schema.F_ARTSTOCK
    with engine.begin() as connection:
        connection.execute(sa.update(table).where(table.c.AR_Ref == reference, table.c.DE_No == warehouse)
                           .values(AS_QteSto=real))
    engine.dispose()


# ----------------------------------------------------------------------- tests


FORMULAS = {"real": 60, "real_minus_reserved": 52, "available": 56, "forecast": 74,
            "forecast_without_supplier_orders": 49}


def test_each_formula_reaches_the_shop(profile, sandbox):
    configure(profile)
    export_catalogue(profile)
    for formula, quantity in FORMULAS.items():
        configure(profile, update_stock={"formula": formula})
        result = cli("update", "stock", "--filter", "AR_Ref = 'CHAOR42'")
        assert result.exit_code == 0, result.output
        assert (formula, stock_levels(sandbox, profile)["CHAOR42"]) == (formula, (True, quantity))


def test_packagings_negative_stock_variants_and_unexported_articles(profile, sandbox):
    configure(profile)
    export_catalogue(profile)
    assert cli("update", "stock").exit_code == 0
    shop = {key: quantity for key, (_managed, quantity) in stock_levels(sandbox, profile).items()}
    assert {key: shop[key] for key in ("BOAR12", "BOAR12-E4", "BOAR12#Ecrin de 12", "BOAR12-E24")} \
        == {"BOAR12": 250, "BOAR12-E4": 62, "BOAR12#Ecrin de 12": 20, "BOAR12-E24": 10}
    assert shop["CHSR10"] == 0  # -3 + 1: negative, sent as 0
    assert shop["GRAVURE"] == 100  # not stock-managed: the default quantity
    assert {key: shop[key] for key in ("CHAAR/VAR40", "CHAAR/VAR45", "CHAAR/VAR50")} \
        == {"CHAAR/VAR40": 24, "CHAAR/VAR45": 17, "CHAAR/VAR50": 1}
    actions = last_actions(profile)
    assert actions[("variant", "PANBLEU38")] == "updated"
    assert actions[("product", "PARURE01")] == "skipped"  # a pack the export has not sent


def test_second_run_writes_nothing_and_one_changed_row_writes_one(profile, sandbox, tmp_path, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    assert cli("update", "stock").exit_code == 0
    counter = WriteCounter(monkeypatch)

    assert cli("update", "stock").exit_code == 0
    assert counter.sent == []
    assert set(last_actions(profile).values()) <= {"unchanged", "skipped"}

    set_stock(tmp_path / "bijou.sqlite", "CHORFA", 1, D("3"))
    assert cli("update", "stock").exit_code == 0
    assert counter.keys == ["CHORFA"]
    assert stock_levels(sandbox, profile)["CHORFA"] == (True, 3)
    assert [k for k, action in last_actions(profile).items() if action == "updated"] == [("product", "CHORFA")]


def test_dry_run_writes_nothing_and_says_what_would_change(profile, sandbox, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    exported = stock_levels(sandbox, profile)["CHAOR42"]  # WooCommerce: no quantity yet; PrestaShop: its row's 0
    counter = WriteCounter(monkeypatch)
    result = cli("update", "stock", "--dry-run", "--filter", "AR_Ref = 'CHAOR42'")
    assert result.exit_code == 0, result.output
    assert counter.sent == []
    assert stock_levels(sandbox, profile)["CHAOR42"] == exported != (True, 60)
    assert last_actions(profile) == {("product", "CHAOR42"): "updated"}
    assert "stock.quantity" in result.output
    with StateStore.open() as store:
        assert store.watermarks.get(profile, "update_stock") is None


def test_against_the_shop_sends_what_the_shop_changed_by_itself(profile, sandbox, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    assert cli("update", "stock", "--filter", "AR_Ref LIKE 'CH%'").exit_code == 0
    set_shop_stock(sandbox, profile, "CHORFA", 1)  # sold in the shop
    counter = WriteCounter(monkeypatch)

    assert cli("update", "stock", "--filter", "AR_Ref LIKE 'CH%'").exit_code == 0
    assert counter.sent == []  # by what was last sent, nothing changed
    assert cli("update", "stock", "--against-shop", "--filter", "AR_Ref LIKE 'CH%'").exit_code == 0
    assert counter.keys == ["CHORFA"]
    assert stock_levels(sandbox, profile)["CHORFA"] == (True, 7)


def test_shop_side_switches_next_delivery_date_and_default_variant(profile, sandbox):
    """PrestaShop: the date is the product's ``available_date``, a combination out of stock is
    "private" by its stock row (orders denied), the default combination is ``default_on``."""
    configure(profile, update_stock={
        "deactivate_when_out_of_stock": True, "next_delivery_date": "nearest",
        "move_default_variant_off_out_of_stock": True, "update_weight": True,
    })
    export_catalogue(profile)
    options = RunOptions(sql_filter="AR_Ref IN ('CHSR10', 'CHAOR42') OR AR_Ref LIKE 'PAN%'")
    body = partial(update_stock, today=date(2026, 11, 23))
    assert run_operation("update_stock", profile, options, body) == 0
    status = statuses(sandbox, profile)
    assert status["CHSR10"] == "draft"  # 0 in stock: deactivated
    assert (status["CHAOR42"], status["PANBLEU40"], status["PANBLEU38"]) == ("publish", "private", "publish")
    dates = next_delivery_dates(sandbox, profile)
    assert (dates["CHAOR42"], dates["CHSR10"]) == ("2026-12-04", "2026-12-08")
    assert weights(sandbox, profile)["PANBLEU38"] == D("0.45")
    assert default_options(sandbox, profile)["Pantalon"] \
        == [("Couleur", "Bleu"), ("Taille", "38")]  # PANBLEU40 and PANROUGE42 are out of stock

    assert run_operation("update_stock", profile, options, body) == 0
    assert set(last_actions(profile).values()) == {"unchanged"}
