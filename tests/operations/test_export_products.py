"""`gescom-sync export products` end to end: the Bijou back office, the WooCommerce sandbox.

The sandbox's own store is read to check what the shop holds; every HTTP request the
connector makes is recorded (``Requests``) to count the writes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

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
from gescom_sync.profiles.catalogue import ExportProductsSettings, TextFields
from gescom_sync.shops.factory import open_shop
from gescom_sync.state import StateStore
from tests.operations.shop_state import catalogue, category_paths, delete_category, product_names, product_references

PANTS = ["PANBLEU38", "PANBLEU40", "PANBLEU42", "PANROUGE38", "PANROUGE40", "PANROUGE42"]

@dataclass
class Request:
    method: str
    url: str
    body: object
    content: bytes | None = None  # PrestaShop's XML

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
        seen.append(Request(method.upper(), str(url), kwargs.get("json"), kwargs.get("content")))
        return original(client, method, url, **kwargs)

    monkeypatch.setattr(ShopHttpClient, "request", recording)
    return seen


@pytest.fixture
def bijou(profile: str, shop: str, sandbox, tmp_path: Path) -> str:
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


def uploads(requests: Requests) -> list[Request]:
    """The file uploads: WooCommerce's media, PrestaShop's product images and attachment files."""
    return [r for r in requests if r.method == "POST" and r.url.endswith(("media", "attachments/file"))
            or r.method == "POST" and "images/products/" in r.url]


def sent_fields(write: Request) -> dict[str, str]:
    """The fields one write sends to its record (ids and gescom-sync's key left out): WooCommerce's
    batch update, PrestaShop's XML record."""
    if write.content is None:
        (update,) = write.body["update"]
        return {k: v for k, v in update.items() if k not in ("id", "meta_data")}
    (record,) = ElementTree.fromstring(write.content)
    return {field.tag: field.text or "" for field in record if field.tag != "id"}


def set_price(tmp_path: Path, reference: str, price: str) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'bijou.sqlite'}")
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE F_ARTICLE SET AR_PrixVen = :price WHERE AR_Ref = :ref"),
                           {"price": price, "ref": reference})
    engine.dispose()



UPLOADS = {"woocommerce": 8,  # media shared by the products: 6 distinct images + 2 documents
           "prestashop": 9}  # images belong to their product: 7 (a picture two products show, twice) + 2 attachments


def test_first_export_builds_the_catalogue_in_the_shop(bijou, shop, sandbox, requests):
    assert export(bijou) == 0

    assert {"Bijouterie > Or > Bagues or > Solitaires", "Mode > Pantalons > Pantalons femme > Toile de coton",
            "Bijouterie > Argent > Chaînes argent > Mailles fines", "Cadeaux > Montres"} <= set(category_paths(sandbox).values())

    products = catalogue(sandbox, bijou)
    pants = products["Pantalon"]
    assert pants.kind == "variable"
    assert pants.attributes == (("Couleur", ("Bleu", "Rouge")), ("Taille", ("38", "40", "42")))
    assert pants.categories[0] == "Mode > Pantalons > Pantalons femme > Toile de coton"
    assert all(products[key].kind == "variant" for key in PANTS)
    red_40 = products["PANROUGE40"]
    assert (red_40.options, red_40.price) == ((("Couleur", "Rouge"), ("Taille", "40")), "62.00")

    ranges = ("CHAAR/VAR40", "CHAAR/VAR45", "CHAAR/VAR50")
    assert {key: (products[key].options[0][1], products[key].stock) for key in ranges} == {
        "CHAAR/VAR40": ("40 cm", 24), "CHAAR/VAR45": ("45 cm", 17), "CHAAR/VAR50": ("50 cm", 1)}

    ring = products["BAOR01"]
    assert (ring.kind, ring.price, ring.stock, ring.weight) == ("simple", "450.00", 15, Decimal("0.0045"))
    assert (products["CHAOR42"].price, products["CHAOR42"].stock) == ("620.00", 60)

    boxes = ("BOAR12", "BOAR12-E4", "BOAR12#Ecrin de 12", "BOAR12-E24")
    assert {key: (products[key].sku, products[key].price, products[key].stock) for key in boxes} == {
        "BOAR12": ("", "25.00", 250), "BOAR12-E4": ("BOAR12-E4", "100.00", 62),
        "BOAR12#Ecrin de 12": ("", "300.00", 20), "BOAR12-E24": ("BOAR12-E24", "600.00", 10)}

    # images: each sent once (BAOR01's record photo and BAOR01_01.jpg are the same picture)
    assert len(uploads(requests)) == UPLOADS[shop]
    with StateStore.open() as store:
        assert len({b.shop_id for b in store.bindings.list(bijou, "media")}) == 8
    assert (ring.images, pants.images) == (2, 2)
    assert (products["PANBLEU38"].images, red_40.images) == (1, 1)  # each colour's picture

    # a pack waits for its components: PARURE01 is made of three products of this run
    parure = products["PARURE01"]
    assert parure.kind == "pack"
    assert sorted(parure.pack) == ["BAOR01", "CHAOR42", "ETUI01"]

def test_a_second_export_with_nothing_changed_writes_nothing(bijou, sandbox, requests):
    assert export(bijou) == 0
    requests.clear()

    assert export(bijou) == 0
    assert requests.writes() == []
    actions = last_items(bijou)
    assert set(actions.values()) == {"unchanged"}
    assert actions["Pantalon"] == actions["PANROUGE42"] == actions["catalogue:Mode"] == "unchanged"



PRICE_ONLY = {  # the price as update prices sends it
    "woocommerce": {"regular_price": "640.00", "sale_price": "", "date_on_sale_from": "", "date_on_sale_to": ""},
    "prestashop": {"price": "640.00"},  # no sale: PrestaShop's sale is a specific price, none to delete
}


def test_a_changed_price_writes_that_price_only(bijou, shop, sandbox, requests, tmp_path):
    assert export(bijou) == 0
    set_price(tmp_path, "CHAOR42", "640")
    requests.clear()

    assert export(bijou) == 0
    (write,) = requests.writes()
    assert sent_fields(write) == PRICE_ONLY[shop]
    assert Counter(last_items(bijou, "product").values()) == Counter({"unchanged": 27, "updated": 1})
    assert last_items(bijou, "product")["CHAOR42"] == "updated"
    assert catalogue(sandbox, bijou)["CHAOR42"].price == "640.00"

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



def test_new_only_skips_the_products_already_in_the_shop(bijou, sandbox, tmp_path, requests):
    assert export(bijou, new_only=True) == 0
    set_price(tmp_path, "CHAOR42", "640")
    requests.clear()

    assert export(bijou, new_only=True) == 0
    products = last_items(bijou, "product")
    assert products["CHAOR42"] == products["BAOR01"] == "skipped"
    assert [r for r in requests.writes() if "products" in r.url or "combinations" in r.url] == []
    assert catalogue(sandbox, bijou)["CHAOR42"].price == "620.00"


def test_categories_only_sends_the_categories_and_no_product(bijou, sandbox):
    assert export(bijou, categories_only=True) == 0

    assert product_references(sandbox) == []
    assert "Bijouterie > Or > Chaînes or > Mailles forçat" in category_paths(sandbox).values()
    assert set(last_items(bijou).values()) == {"created"}
    assert len(last_items(bijou, "category")) == 15


REFUSALS = {"woocommerce": "Invalid term ID {id}.", "prestashop": "Property Product->id_category_default is not valid"}
"""What each shop answers for a product in a category it does not have."""


def test_a_product_the_shop_refuses_fails_alone_with_the_shops_message(bijou, shop, sandbox):
    assert export(bijou, categories_only=True) == 0
    watches = delete_category(sandbox, "Montres")  # someone deleted the category in the shop

    assert export(bijou) == 1
    with StateStore.open() as store:
        run = store.runs.last(bijou)
        items = {i.key: i for i in store.runs.items(run.id) if i.entity == "product"}
    assert items["MONTRE01"].action == "failed"
    assert REFUSALS[shop].format(id=watches) in items["MONTRE01"].message
    assert Counter(i.action for i in items.values()) == Counter({"created": 27, "failed": 1})
    assert "MONTRE01" not in product_references(sandbox)


def test_a_lost_binding_adopts_the_existing_product_and_reuses_its_images(bijou, sandbox, tmp_path, requests):
    assert export(bijou) == 0
    ring_id = catalogue(sandbox, bijou)["BAOR01"].shop_id
    with StateStore.open() as store:  # the crash: the product was created, its binding never written
        store.bindings.delete(bijou, "product", "BAOR01")
    set_price(tmp_path, "BAOR01", "455")
    requests.clear()

    assert export(bijou) == 0
    assert product_references(sandbox).count("BAOR01") == 1
    ring = catalogue(sandbox, bijou)["BAOR01"]
    assert (ring.shop_id, ring.price, ring.images) == (ring_id, "455.00", 2)
    assert last_items(bijou, "product")["BAOR01"] == "updated"
    with StateStore.open() as store:
        assert store.bindings.get(bijou, "product", "BAOR01").shop_id == ring_id
    assert uploads(requests) == []  # its images are reused


def test_new_images_only_sends_the_new_picture_of_its_product_only(bijou, shop, sandbox, tmp_path, requests):
    assert export(bijou) == 0
    images = tmp_path / "bijou-media" / "images"
    (images / "BAOR01_03.png").write_bytes((images / "BAOR01_02.png").read_bytes() + b"\x00")  # a new picture
    requests.clear()

    assert export(bijou, new_images_only=True) == 0
    assert len(uploads(requests)) == 1
    others = [r for r in requests.writes() if r not in uploads(requests)]
    if shop == "woocommerce":  # the product's image list: its two media, then the new one
        (write,) = others
        assert sorted(sent_fields(write)) == ["images"]
        assert [i["name"] for i in sent_fields(write)["images"][:2]] == ["BAOR01.jpg", "BAOR01_02.png"]
    else:  # PrestaShop: the picture is added to the product, its two images stay
        assert others == []
    assert catalogue(sandbox, bijou)["BAOR01"].images == 3
    assert last_items(bijou, "product") == {"BAOR01": "updated"}

    requests.clear()
    assert export(bijou, new_images_only=True) == 0  # the images' last transfer date moved
    assert requests.writes() == []


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
    products = catalogue(sandbox, bijou)
    assert write.url.endswith((f"products/{products['Pantalon'].shop_id}/variations/batch",  # WooCommerce
                               f"combinations/{products['PANROUGE40'].shop_id}"))  # PrestaShop
    assert products["PANROUGE40"].price == "64.00"

def test_the_export_modes_exclude_each_other(bijou):
    result = CliRunner().invoke(app, ["export", "products", "--profile", bijou, "--new-only", "--categories-only"])
    assert isinstance(result.exception, ConfigError)
    assert "--new-only" in result.exception.message


def warnings_of_last_run(profile: str) -> list[str]:
    with StateStore.open() as store:
        run = store.runs.last(profile)
        return [e.data["message"].get("params", {}).get("warning", "") for e in store.runs.events(run.id)
                if e.kind == "warning"]



def test_additional_categories_are_linked_only_when_the_shop_has_them(bijou, sandbox):
    profile = load_profile(bijou)
    with open_shop(profile.shop) as shop:  # the merchant made "Nouveautés" in the shop, not "Promotions"
        shop.write_categories([ShopCategory("news", "Nouveautés")])
    categories_settings = profile.export_products.categories.model_copy(update={"additional_field": "CategoriesSupp"})
    settings = profile.export_products.model_copy(update={"categories": categories_settings})
    save_profile(profile.model_copy(update={"export_products": settings}))

    assert export(bijou) == 0
    assert "Nouveautés" in catalogue(sandbox, bijou)["BAOR01"].categories
    assert not any(path.endswith("Promotions") for path in category_paths(sandbox).values())
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


def test_texts_of_other_languages_go_to_their_language(bijou, shop, sandbox):
    """``texts.languages``: English names from Sage's "Langue 1". PrestaShop writes them to its English
    language, the French designation to French; WooCommerce has one language: the designation."""
    profile = load_profile(bijou)
    texts = profile.export_products.texts.model_copy(update={"languages": {"en": TextFields(name="language1")}})
    save_profile(profile.model_copy(update={
        "export_products": profile.export_products.model_copy(update={"texts": texts})}))

    assert export(bijou) == 0
    names = product_names(sandbox, bijou)
    if shop == "prestashop":
        assert names["BAOR01"] == {"en": "18-carat gold solitaire ring", "fr": "Bague or 18 carats solitaire"}
        assert names["CHAOR42"] == {"en": "Chaîne or maille forçat 42 cm", "fr": "Chaîne or maille forçat 42 cm"}
    else:
        assert names["BAOR01"] == {"": "Bague or 18 carats solitaire"}
