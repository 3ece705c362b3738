"""`gescom-sync export products` end to end: the Bijou back office, the WooCommerce sandbox.

The sandbox's own store is read to check what the shop holds; every HTTP request the
connector makes is recorded (``Requests``) to count the writes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from gescom_sync.cli import app
from gescom_sync.errors import ConfigError
from gescom_sync.http import ShopHttpClient
from gescom_sync.model.shop import ShopCategory
from gescom_sync.operations.export_products import ExportProductsOptions, run_export_products
from gescom_sync.operations.run import RunOptions
from gescom_sync.profiles import load_profile, save_profile, update_profile
from gescom_sync.profiles.catalogue import ExportProductsSettings
from gescom_sync.sandbox.woocommerce import RunningSandbox
from gescom_sync.shops.factory import open_shop
from gescom_sync.state import StateStore

PANTS = ["PANBLEU38", "PANBLEU40", "PANBLEU42", "PANROUGE38", "PANROUGE40", "PANROUGE42"]

WOOCOMMERCE_REQUESTS = (
    "the test checks WooCommerce requests (products/batch, media) and the WooCommerce sandbox store"
)


@dataclass
class Request:
    method: str
    url: str
    body: object

    @property
    def is_write(self) -> bool:
        return self.method != "GET"


class Requests(list):
    def writes(self) -> list[Request]:
        return [r for r in self if r.is_write]


@pytest.fixture
def requests(monkeypatch: pytest.MonkeyPatch) -> Requests:
    """Every request the shop connector sends, in order."""
    seen = Requests()
    original = ShopHttpClient.request

    def recording(client, method, url, **kwargs):
        seen.append(Request(method.upper(), str(url), kwargs.get("json")))
        return original(client, method, url, **kwargs)

    monkeypatch.setattr(ShopHttpClient, "request", recording)
    return seen


@pytest.fixture
def bijou(profile: str, shop: str, sandbox: RunningSandbox, tmp_path: Path) -> str:
    """The test profile with media uploads allowed and the demo's export settings:
    grouping on RefMaitre (Couleur x Taille), the catalogue tree, the images folder, packagings."""
    if shop == "woocommerce":  # PrestaShop uploads images with its webservice key
        update_profile(profile, [("shop.wordpress_user", sandbox.wp_user),
                                 ("shop.application_password", sandbox.wp_app_password)])
    settings = ExportProductsSettings.model_validate({
        "grouping": {"master_field": "RefMaitre", "attributes": [
            {"name_field": "Gamme1Nom", "value_field": "Gamme1Valeur"},
            {"name_field": "Gamme2Nom", "value_field": "Gamme2Valeur"}]},
        "categories": {"source": "catalogue"},
        "images": {"folder": str(tmp_path / "bijou-media" / "images")},
        "packagings": {"enabled": True},
        "taxes": load_profile(profile).export_products.taxes.model_dump(),  # the shop's tax classes
    })
    save_profile(load_profile(profile).model_copy(update={"export_products": settings}))
    return profile


def export(profile: str, **options) -> int:
    modes = {name: options.pop(name) for name in ("new_only", "categories_only", "new_images_only") if name in options}
    return run_export_products(profile, RunOptions(**options), ExportProductsOptions(**modes))


def last_items(profile: str, entity: str | None = None) -> dict[str, str]:
    with StateStore.open() as store:
        run = store.runs.last(profile)
        return {i.key: i.action for i in store.runs.items(run.id) if entity is None or i.entity == entity}


def shop_products(sandbox: RunningSandbox) -> dict[str, dict]:
    return {p["sku"]: p for p in sandbox.shop.store.all("product")}


def shop_variations(sandbox: RunningSandbox, parent_id: int) -> dict[str, dict]:
    """A product's variations by the back-office key gescom-sync wrote on them."""
    return {key_of(v): v for v in sandbox.shop.store.all("variation") if v["parent_id"] == parent_id}


def key_of(record: dict) -> str:
    return next(m["value"] for m in record["meta_data"] if m["key"] == "_gescom_sync_key")


def categories(sandbox: RunningSandbox) -> dict[int, tuple[str, int]]:
    return {t["id"]: (t["name"], t["parent"]) for t in sandbox.shop.store.all("term") if t["taxonomy"] == "product_cat"}


def path_of(category_id: int, tree: dict[int, tuple[str, int]]) -> str:
    name, parent = tree[category_id]
    return f"{path_of(parent, tree)} > {name}" if parent else name


def set_price(tmp_path: Path, reference: str, price: str) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'bijou.sqlite'}")
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE F_ARTICLE SET AR_PrixVen = :price WHERE AR_Ref = :ref"),
                           {"price": price, "ref": reference})
    engine.dispose()


@pytest.mark.prestashop_pending(WOOCOMMERCE_REQUESTS)
def test_first_export_builds_the_catalogue_in_the_shop(bijou, sandbox, requests):
    assert export(bijou) == 0

    tree = categories(sandbox)
    paths = {path_of(i, tree) for i in tree}
    assert {"Bijouterie > Or > Bagues or > Solitaires", "Mode > Pantalons > Pantalons femme > Toile de coton",
            "Bijouterie > Argent > Chaînes argent > Mailles fines", "Cadeaux > Montres"} <= paths

    products = shop_products(sandbox)
    pants = products["Pantalon"]
    assert pants["type"] == "variable"
    assert [(a["name"], a["options"]) for a in pants["attributes"]] == [("Couleur", ["Bleu", "Rouge"]),
                                                                        ("Taille", ["38", "40", "42"])]
    assert path_of(pants["categories"][0], tree) == "Mode > Pantalons > Pantalons femme > Toile de coton"
    variations = shop_variations(sandbox, pants["id"])
    assert sorted(variations) == sorted(PANTS)
    red_40 = variations["PANROUGE40"]
    assert [(a["name"], a["option"]) for a in red_40["attributes"]] == [("Couleur", "Rouge"), ("Taille", "40")]
    assert red_40["regular_price"] == "62.00"

    chain = products["CHAAR/VAR"]
    ranges = shop_variations(sandbox, chain["id"])
    assert {sku: (v["attributes"][0]["option"], v["stock_quantity"]) for sku, v in ranges.items()} == {
        "CHAAR/VAR40": ("40 cm", 24), "CHAAR/VAR45": ("45 cm", 17), "CHAAR/VAR50": ("50 cm", 1)}

    ring = products["BAOR01"]
    assert (ring["type"], ring["regular_price"], ring["stock_quantity"], ring["weight"]) == ("simple", "450.00", 15, "0.0045")
    assert products["CHAOR42"]["regular_price"] == "620.00"
    assert products["CHAOR42"]["stock_quantity"] == 60

    boxes = shop_variations(sandbox, products["BOAR12"]["id"])
    assert {key: (v["sku"], v["regular_price"], v["stock_quantity"]) for key, v in boxes.items()} == {
        "BOAR12": ("", "25.00", 250), "BOAR12-E4": ("BOAR12-E4", "100.00", 62),
        "BOAR12#Ecrin de 12": ("", "300.00", 20), "BOAR12-E24": ("BOAR12-E24", "600.00", 10)}

    # images: uploaded once each (BAOR01's record photo and BAOR01_01.jpg are the same picture)
    uploads = [r for r in requests if r.method == "POST" and r.url.endswith("media")]
    assert len(uploads) == 8  # 6 distinct images + 2 documents
    with StateStore.open() as store:
        media_ids = {b.shop_id for b in store.bindings.list(bijou, "media")}
    assert len(media_ids) == 8
    assert len(ring["images"]) == 2 and {str(i) for i in ring["images"]} <= media_ids
    assert pants["images"] == [variations["PANBLEU38"]["image"], red_40["image"]]

    # a pack waits for its components: PARURE01 is a grouped product of three products of this run
    parure = products["PARURE01"]
    assert parure["type"] == "grouped"
    assert sorted(parure["grouped_products"]) == sorted(products[r]["id"] for r in ("BAOR01", "CHAOR42", "ETUI01"))


def test_a_second_export_with_nothing_changed_writes_nothing(bijou, sandbox, requests):
    assert export(bijou) == 0
    requests.clear()

    assert export(bijou) == 0
    assert requests.writes() == []
    actions = last_items(bijou)
    assert set(actions.values()) == {"unchanged"}
    assert actions["Pantalon"] == actions["PANROUGE42"] == actions["catalogue:Mode"] == "unchanged"


@pytest.mark.prestashop_pending(WOOCOMMERCE_REQUESTS)
def test_a_changed_price_writes_that_price_only(bijou, sandbox, requests, tmp_path):
    assert export(bijou) == 0
    set_price(tmp_path, "CHAOR42", "640")
    requests.clear()

    assert export(bijou) == 0
    (write,) = requests.writes()
    assert write.url.endswith("products/batch")
    (update,) = write.body["update"]
    assert {k: v for k, v in update.items() if k not in ("id", "meta_data")} == {  # the price as update prices sends it
        "regular_price": "640.00", "sale_price": "", "date_on_sale_from": "", "date_on_sale_to": ""}
    assert Counter(last_items(bijou, "product").values()) == Counter({"unchanged": 27, "updated": 1})
    assert last_items(bijou, "product")["CHAOR42"] == "updated"
    assert shop_products(sandbox)["CHAOR42"]["regular_price"] == "640.00"


def test_a_dry_run_writes_nothing_and_lists_the_parts(bijou, sandbox, requests):
    result = CliRunner().invoke(app, ["--lang", "en", "export", "products", "--profile", bijou, "--dry-run", "--json"])

    assert result.exit_code == 0, result.output
    assert requests.writes() == []
    assert sandbox.shop.store.all("product") == []
    lines = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    items = {(e["entity"], e["key"]): e for e in lines if e.get("event") == "item"}
    ring = items[("product", "BAOR01")]
    assert ring["action"] == "created"
    assert "price" in ring["text"] and "images" in ring["text"] and "structure" in ring["text"]
    assert items[("variant", "PANROUGE40")]["action"] == "created"
    assert items[("image", "BAOR01.jpg")]["action"] == "created"
    with StateStore.open() as store:
        assert store.bindings.list(bijou) == []


@pytest.mark.prestashop_pending(WOOCOMMERCE_REQUESTS)
def test_new_only_skips_the_products_already_in_the_shop(bijou, sandbox, tmp_path, requests):
    assert export(bijou, new_only=True) == 0
    set_price(tmp_path, "CHAOR42", "640")
    requests.clear()

    assert export(bijou, new_only=True) == 0
    products = last_items(bijou, "product")
    assert products["CHAOR42"] == products["BAOR01"] == "skipped"
    assert [r for r in requests.writes() if "products" in r.url] == []
    assert shop_products(sandbox)["CHAOR42"]["regular_price"] == "620.00"


@pytest.mark.prestashop_pending(WOOCOMMERCE_REQUESTS)
def test_categories_only_sends_the_categories_and_no_product(bijou, sandbox):
    assert export(bijou, categories_only=True) == 0

    assert sandbox.shop.store.all("product") == []
    tree = categories(sandbox)
    assert "Bijouterie > Or > Chaînes or > Mailles forçat" in {path_of(i, tree) for i in tree}
    assert set(last_items(bijou).values()) == {"created"}
    assert len(last_items(bijou, "category")) == 15


@pytest.mark.prestashop_pending(WOOCOMMERCE_REQUESTS)
def test_a_product_the_shop_refuses_fails_alone_with_the_shops_message(bijou, sandbox):
    assert export(bijou, categories_only=True) == 0
    watches = next(i for i, (name, _parent) in categories(sandbox).items() if name == "Montres")
    sandbox.shop.store.delete("term", watches)  # someone deleted the category in the shop

    assert export(bijou) == 1
    with StateStore.open() as store:
        run = store.runs.last(bijou)
        items = {i.key: i for i in store.runs.items(run.id) if i.entity == "product"}
    assert items["MONTRE01"].action == "failed"
    assert f"Invalid term ID {watches}." in items["MONTRE01"].message
    assert Counter(i.action for i in items.values()) == Counter({"created": 27, "failed": 1})
    assert "MONTRE01" not in shop_products(sandbox)


@pytest.mark.prestashop_pending(WOOCOMMERCE_REQUESTS)
def test_a_lost_binding_adopts_the_existing_product_and_reuses_its_images(bijou, sandbox, tmp_path, requests):
    assert export(bijou) == 0
    ring_id = shop_products(sandbox)["BAOR01"]["id"]
    with StateStore.open() as store:  # the crash: the product was created, its binding never written
        store.bindings.delete(bijou, "product", "BAOR01")
    set_price(tmp_path, "BAOR01", "455")
    requests.clear()

    assert export(bijou) == 0
    rings = [p for p in sandbox.shop.store.all("product") if p["sku"] == "BAOR01"]
    assert [(p["id"], p["regular_price"]) for p in rings] == [(ring_id, "455.00")]
    assert last_items(bijou, "product")["BAOR01"] == "updated"
    with StateStore.open() as store:
        assert store.bindings.get(bijou, "product", "BAOR01").shop_id == str(ring_id)
    assert [r for r in requests if r.method == "POST" and r.url.endswith("media")] == []  # its images are reused


@pytest.mark.prestashop_pending(WOOCOMMERCE_REQUESTS)
def test_new_images_only_sends_the_new_picture_of_its_product_only(bijou, sandbox, tmp_path, requests):
    assert export(bijou) == 0
    ring = shop_products(sandbox)["BAOR01"]
    images = tmp_path / "bijou-media" / "images"
    (images / "BAOR01_03.png").write_bytes((images / "BAOR01_02.png").read_bytes() + b"\x00")  # a new picture
    requests.clear()

    assert export(bijou, new_images_only=True) == 0
    uploads = [r for r in requests.writes() if r.url.endswith("media")]
    assert len(uploads) == 1
    (write,) = [r for r in requests.writes() if not r.url.endswith("media")]
    (update,) = write.body["update"]
    assert sorted(k for k in update if k not in ("id", "meta_data")) == ["images"]
    assert update["images"][:2] == [{"id": i, "name": n} for i, n in zip(ring["images"], ("BAOR01.jpg", "BAOR01_02.png"))]
    assert len(shop_products(sandbox)["BAOR01"]["images"]) == 3
    assert last_items(bijou, "product") == {"BAOR01": "updated"}

    requests.clear()
    assert export(bijou, new_images_only=True) == 0  # the images' last transfer date moved
    assert requests.writes() == []


@pytest.mark.prestashop_pending(WOOCOMMERCE_REQUESTS)
def test_changed_since_sends_the_products_of_the_articles_changed_since_then(bijou, sandbox, tmp_path, requests):
    assert export(bijou) == 0
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'bijou.sqlite'}")
    with engine.begin() as connection:  # Sage stamps cbModification on every change
        connection.execute(sa.text("UPDATE F_ARTICLE SET AR_PrixVen = 64, cbModification = '2099-01-02 10:00:00' "
                                   "WHERE AR_Ref = 'PANROUGE40'"))
    engine.dispose()
    requests.clear()

    assert export(bijou, since=datetime(2099, 1, 1, tzinfo=UTC)) == 0
    assert last_items(bijou, "product") == {"Pantalon": "unchanged"}  # the group is read whole
    assert Counter(last_items(bijou, "variant").values()) == Counter({"unchanged": 5, "updated": 1})
    (write,) = requests.writes()
    assert write.url.endswith(f"products/{shop_products(sandbox)['Pantalon']['id']}/variations/batch")
    assert write.body["update"][0]["regular_price"] == "64.00"


def test_the_export_modes_exclude_each_other(bijou):
    result = CliRunner().invoke(app, ["export", "products", "--profile", bijou, "--new-only", "--categories-only"])
    assert isinstance(result.exception, ConfigError)
    assert "--new-only" in result.exception.message


def warnings_of_last_run(profile: str) -> list[str]:
    with StateStore.open() as store:
        run = store.runs.last(profile)
        return [e.data["message"].get("params", {}).get("warning", "") for e in store.runs.events(run.id)
                if e.kind == "warning"]


@pytest.mark.prestashop_pending(WOOCOMMERCE_REQUESTS)
def test_additional_categories_are_linked_only_when_the_shop_has_them(bijou, sandbox):
    profile = load_profile(bijou)
    with open_shop(profile.shop) as shop:  # the merchant made "Nouveautés" in the shop, not "Promotions"
        (news,) = shop.write_categories([ShopCategory("news", "Nouveautés")])
    categories_settings = profile.export_products.categories.model_copy(update={"additional_field": "CategoriesSupp"})
    settings = profile.export_products.model_copy(update={"categories": categories_settings})
    save_profile(profile.model_copy(update={"export_products": settings}))

    assert export(bijou) == 0
    ring = shop_products(sandbox)["BAOR01"]
    assert int(news.shop_id) in ring["categories"]
    assert not any(name == "Promotions" for name, _parent in categories(sandbox).values())
    assert any("'Promotions'" in warning for warning in warnings_of_last_run(bijou))


def run_items(profile: str) -> dict[tuple[str, str], str]:
    with StateStore.open() as store:
        run = store.runs.last(profile)
        return {(i.entity, i.key): i.action for i in store.runs.items(run.id)}


def test_a_dry_run_announces_exactly_what_the_real_run_then_does(bijou, sandbox, tmp_path):
    def plan_then_do() -> tuple[dict, dict]:
        assert export(bijou, dry_run=True) == 0
        planned = run_items(bijou)
        assert export(bijou) == 0
        return planned, run_items(bijou)

    planned, done = plan_then_do()
    assert planned == done
    assert done[("product", "Pantalon")] == done[("variant", "PANROUGE40")] == "created"

    set_price(tmp_path, "CHAOR42", "640")
    planned, done = plan_then_do()
    assert planned == done
    assert {item for item, action in done.items() if action != "unchanged"} == {("product", "CHAOR42")}
