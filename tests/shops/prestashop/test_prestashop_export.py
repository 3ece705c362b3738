"""The product export end to end on PrestaShop: the Bijou back office, the PrestaShop
sandbox on a local port, the profile's connector built by the shop factory."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from gescom_sync.demo import bijou
from gescom_sync.operations.export_products import ExportProductsOptions, run_export_products
from gescom_sync.operations.run import RunOptions
from gescom_sync.profiles import create_profile, load_profile, save_profile
from gescom_sync.profiles.catalogue import ExportProductsSettings
from gescom_sync.sandbox.prestashop import RunningSandbox, start_sandbox
from gescom_sync.shops.prestashop.values import dec, translations
from gescom_sync.state import StateStore


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with start_sandbox(tmp_path / "shop") as running:
        yield running


@pytest.fixture
def profile(tmp_path: Path, sandbox: RunningSandbox) -> str:
    demo = bijou.create(tmp_path / "bijou.sqlite")
    create_profile("bijou", [
        ("backoffice.type", "sage100"), ("backoffice.url", str(tmp_path / "bijou.sqlite")),
        ("backoffice.media_folder", str(demo.media_folder)), ("shop.type", "prestashop"), ("shop.url", sandbox.url),
        ("shop.api_key", sandbox.key), ("shop.http.delay_ms", "0")])
    settings = ExportProductsSettings.model_validate({
        "grouping": {"master_field": "RefMaitre", "attributes": [
            {"name_field": "Gamme1Nom", "value_field": "Gamme1Valeur"},
            {"name_field": "Gamme2Nom", "value_field": "Gamme2Valeur"}]},
        "categories": {"source": "catalogue"},
        "images": {"folder": str(tmp_path / "bijou-media" / "images")},
        "taxes": {"default_class": "1"},  # PrestaShop's tax rule group "FR Taux standard (20%)"
    })
    save_profile(load_profile("bijou").model_copy(update={"export_products": settings}))
    return "bijou"


def actions(profile: str) -> Counter[tuple[str, str]]:
    with StateStore.open() as store:
        run = store.runs.last(profile)
        return Counter((i.entity, i.action) for i in store.runs.items(run.id))


def test_the_bijou_catalogue_goes_to_prestashop_once(profile: str, sandbox: RunningSandbox) -> None:
    assert run_export_products(profile, RunOptions(), ExportProductsOptions()) == 0
    first = actions(profile)
    assert first[("product", "created")] == 28 and first[("variant", "created")] == 9
    assert first[("category", "created")] == 15 and not any(action == "failed" for _e, action in first)

    records = {r["reference"]: r for r in sandbox.shop.store.all("products")}
    assert dec(records["BAOR01"]["price"]) > 0 and translations(records["BAOR01"]["name"])
    assert records["PARURE01"]["product_type"] == "pack" and records["Pantalon"]["product_type"] == "combinations"
    trousers = records["Pantalon"]
    rows = [r for r in sandbox.shop.store.all("stock_availables") if r["id_product"] == trousers["id"]]
    by_combination = {r["id_product_attribute"]: dec(r["quantity"]) for r in rows}
    assert len(by_combination) == 7 and by_combination[0] > 0
    assert by_combination[0] == sum(q for c, q in by_combination.items() if c)  # the product row is the sum

    assert run_export_products(profile, RunOptions(), ExportProductsOptions()) == 0
    assert set(actions(profile)) <= {(e, "unchanged") for e in ("product", "variant", "category", "attribute")}
