"""The catalogue written to the PrestaShop sandbox and read back as PrestaShop keeps it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest

from gescom_sync.errors import ConnectionFailed
from gescom_sync.http import HttpOptions

from gescom_sync.i18n import set_language
from gescom_sync.model.shop import (
    Activation,
    AttributeChoice,
    DefaultVariant,
    ImageRef,
    LocalFile,
    PriceUpdate,
    ProductKind,
    Sale,
    ShopAttribute,
    ShopCategory,
    ShopProduct,
    ShopVariant,
    SpecificPrice,
    StockUpdate,
)
from gescom_sync.shops.base import WriteOutcome
from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.sandbox.prestashop import WebserviceKey
from gescom_sync.shops.prestashop.values import dec, flag, translations
from tests.shops.prestashop.sandbox import FAST, FailsOnce, PrestaShop, make_prestashop

FAST_8 = HttpOptions(delay_ms=0, max_concurrency=8)
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000" "1f15c4890000000d49444154789c6360000002000001"
                    "e221bc330000000049454e44ae426082")


@pytest.fixture
def shop(tmp_path: Path) -> PrestaShop:
    set_language("en")
    return make_prestashop(tmp_path)


@pytest.fixture
def presta(shop: PrestaShop) -> Iterator[PrestaShopConnector]:
    connector = shop.connector()
    yield connector
    connector.close()


def stock_rows(presta: PrestaShopConnector, product_id: str) -> dict[str, Decimal]:
    return {str(r["id_product_attribute"]): dec(r["quantity"]) for r in presta._stock_rows(product_id)}


def make_trousers(presta: PrestaShopConnector) -> tuple[str, list[str]]:
    """A variable product "Pantalon" with two combinations (Couleur Bleu, Taille 38 / 40)."""
    presta.write_attributes([ShopAttribute("Couleur", "Couleur", ("Bleu",)), ShopAttribute("Taille", "Taille", ("38", "40"))])
    product = presta.write_products([ShopProduct("Pantalon", name="Pantalon", kind=ProductKind.VARIABLE, sku="PAN",
                                                 regular_price=Decimal("40.00"), weight=Decimal("0.5"))])[0]
    variants = presta.write_variants([
        ShopVariant("PANBLEU38", product.shop_id, (("Couleur", "Bleu"), ("Taille", "38")), sku="PANBLEU38",
                    regular_price=Decimal("40.00"), stock_quantity=Decimal(5)),
        ShopVariant("PANBLEU40", product.shop_id, (("Couleur", "Bleu"), ("Taille", "40")), sku="PANBLEU40",
                    regular_price=Decimal("42.50"), stock_quantity=Decimal(7), weight=Decimal("0.6")),
    ])
    assert all(v.outcome is WriteOutcome.CREATED for v in variants), variants
    return str(product.shop_id), [str(v.shop_id) for v in variants]


def test_the_connection_test_reads_the_keys_permissions(presta: PrestaShopConnector) -> None:
    assert presta.test_connection() == ('Connected to PrestaShop "PrestaShop sandbox" at https://presta.test (/api/): '
                                        'the key can read and write.')


def test_the_dispatcher_form_is_used_when_the_shop_does_not_rewrite_urls(tmp_path: Path) -> None:
    set_language("en")
    shop = make_prestashop(tmp_path, url_rewriting=False)
    with shop.connector() as presta:
        assert "(webservice/dispatcher.php)" in presta.test_connection()
        assert [c.code for c in presta.languages()] == ["en", "fr"]
    assert shop.calls("GET", "/webservice/dispatcher.php")


def test_a_category_tree_with_a_name_and_link_rewrite_per_language(presta: PrestaShopConnector) -> None:
    results = presta.write_categories([
        ShopCategory("BAGUES/OR", "Bagues en or", parent_key="BAGUES", translations={"en": {"name": "Gold rings"}}),
        ShopCategory("BAGUES", "Bagues", translations={"en": {"name": "Rings"}}),
    ])

    assert [r.outcome for r in results] == [WriteOutcome.CREATED, WriteOutcome.CREATED]
    child = presta.ws.read("categories", str(results[0].shop_id))
    assert child is not None
    assert str(child["id_parent"]) == results[1].shop_id
    assert translations(child["name"]) == {"1": "Gold rings", "2": "Bagues en or"}
    assert translations(child["link_rewrite"]) == {"1": "gold-rings", "2": "bagues-en-or"}
    # written again: found and updated, not duplicated
    again = presta.write_categories([ShopCategory("BAGUES", "Bagues")])
    assert (again[0].outcome, again[0].shop_id) == (WriteOutcome.UPDATED, results[1].shop_id)


def test_combinations_get_their_option_values_price_impacts_and_stock(presta: PrestaShopConnector) -> None:
    product_id, (blue38, blue40) = make_trousers(presta)

    combination = presta.ws.read("combinations", blue40)
    assert combination is not None
    assert dec(combination["price"]) == Decimal("2.50") and dec(combination["weight"]) == Decimal("0.1")
    assert combination["reference"] == "PANBLEU40"
    assert len(combination["associations"]["product_option_values"]) == 2
    # the product row is the sum of its combinations' rows
    assert stock_rows(presta, product_id) == {"0": Decimal(12), blue38: Decimal(5), blue40: Decimal(7)}
    # created in parallel: in any order
    assert sorted((v.sku, v.regular_price, v.stock_quantity) for v in presta.read_variants(product_id)) == [
        ("PANBLEU38", Decimal("40.000000"), Decimal(5)), ("PANBLEU40", Decimal("42.500000"), Decimal(7))]


def test_a_stock_update_puts_the_combination_row_and_the_product_row_follows(presta: PrestaShopConnector,
                                                                           shop: PrestaShop) -> None:
    product_id, (blue38, blue40) = make_trousers(presta)
    shop.transport.requests.clear()

    results = presta.write_stock([StockUpdate("PANBLEU40", product_id, Decimal(2), variant_shop_id=blue40)])

    assert results[0].outcome is WriteOutcome.UPDATED
    assert stock_rows(presta, product_id) == {"0": Decimal(7), blue38: Decimal(5), blue40: Decimal(2)}
    put = [r for r in shop.transport.requests if r.method == "PUT"]
    assert len(put) == 1 and put[0].url.path.startswith("/api/stock_availables/")
    assert b"<quantity>2</quantity>" in put[0].content


def test_prices_sales_and_group_prices(presta: PrestaShopConnector) -> None:
    product_id, (blue38, blue40) = make_trousers(presta)

    written = presta.write_prices([PriceUpdate("PANBLEU40", product_id, Decimal("45.00"), variant_shop_id=blue40,
                                               sale=Sale(Decimal("39.90"), datetime(2026, 12, 1),
                                                         datetime(2026, 12, 31, 23, 59)))])
    written += presta.write_specific_prices([SpecificPrice("PAN/GROSSISTES", product_id, Decimal("30.00"),
                                                           group_shop_id="3", from_quantity=Decimal(10))])
    assert [r.outcome for r in written] == [WriteOutcome.UPDATED, WriteOutcome.CREATED], written

    assert dec(presta.ws.read("combinations", blue40)["price"]) == Decimal("5.00")
    rows = sorted(presta.ws.records("specific_prices", filters=[]), key=lambda r: int(r["id"]))
    assert [(str(r["id_product_attribute"]), str(r["id_group"]), int(r["from_quantity"]), dec(r["price"]),
             dec(r["reduction"]), r["reduction_type"], r["from"], r["to"]) for r in rows] == [
        (blue40, "0", 1, Decimal(-1), Decimal("5.10"), "amount", "2026-12-01 00:00:00", "2026-12-31 23:59:00"),
        ("0", "3", 10, Decimal("30.00"), Decimal(0), "amount", "0000-00-00 00:00:00", "0000-00-00 00:00:00"),
    ]
    # sent again: the group price is updated in place, the sale replaced, nothing piles up
    presta.write_specific_prices([SpecificPrice("PAN/GROSSISTES", product_id, Decimal("29.00"), group_shop_id="3",
                                                from_quantity=Decimal(10))])
    presta.write_prices([PriceUpdate("PANBLEU40", product_id, Decimal("45.00"), variant_shop_id=blue40)])
    rows = list(presta.ws.records("specific_prices"))
    assert [(str(r["id_group"]), dec(r["price"])) for r in rows] == [("3", Decimal("29.00"))]


def test_images_and_attachments_are_uploaded_and_linked(presta: PrestaShopConnector, tmp_path: Path) -> None:
    picture, leaflet = tmp_path / "BAOR01.png", tmp_path / "notice.pdf"
    picture.write_bytes(PNG)
    leaflet.write_bytes(b"%PDF-1.4 notice")
    image = presta.upload_image(LocalFile(picture))
    document = presta.upload_document(LocalFile(leaflet, title="Notice"))

    result = presta.write_products([ShopProduct("BAOR01", name="Bague or", sku="BAOR01", regular_price=Decimal("120"),
                                                images=(ImageRef(media_id=image.media_id),), documents=(document,),
                                                attributes=(AttributeChoice("Matière", ("Or 18 carats",)),))])[0]

    product = presta.ws.read("products", str(result.shop_id))
    assert product is not None
    assert len(product["associations"]["images"]) == 1
    assert [str(a["id"]) for a in product["associations"]["attachments"]] == [document.media_id]
    feature = product["associations"]["product_features"][0]
    value = presta.ws.read("product_feature_values", str(feature["id_feature_value"]))
    assert translations(value["value"])["2"] == "Or 18 carats"
    # the images part sent again replaces the product's images
    presta.write_products([ShopProduct("BAOR01", shop_id=result.shop_id, images=(ImageRef(media_id=image.media_id),))])
    assert len(presta.ws.read("products", str(result.shop_id))["associations"]["images"]) == 1


def test_a_create_answered_500_is_read_back_instead_of_sent_twice(shop: PrestaShop) -> None:
    flaky = FailsOnce(shop.transport, lambda r: r.method == "POST" and r.url.path == "/api/products")
    with shop.connector(transport=flaky) as presta:
        results = presta.write_products([ShopProduct("CHAOR42", name="Chaîne or", sku="CHAOR42",
                                                     regular_price=Decimal("89.00"))])
        assert results[0].outcome is WriteOutcome.CREATED
        assert [p.sku for p in presta.read_products()] == ["CHAOR42"]
        assert results[0].shop_id == presta.read_products().__next__().shop_id
    assert len(shop.calls("POST", "/api/products")) == 1  # the shop had written it: not sent again


def test_activation_and_multilingual_texts_on_update(presta: PrestaShopConnector) -> None:
    created = presta.write_products([ShopProduct("CHSR10", name="Chaîne", sku="CHSR10", regular_price=Decimal("10"),
                                                 description="<p>Argent</p>")])[0]
    presta.set_active([Activation("CHSR10", str(created.shop_id), False)])
    presta.write_products([ShopProduct("CHSR10", shop_id=created.shop_id, name="Chaîne argent",
                                       translations={"en": {"name": "Silver chain"}})])

    product = presta.ws.read("products", str(created.shop_id))
    assert flag(product.get("active")) is False  # single-record JSON drops "0" fields
    assert translations(product["name"]) == {"1": "Silver chain", "2": "Chaîne argent"}
    assert translations(product["description"])["2"] == "<p>Argent</p>"


def test_writes_go_in_parallel_within_the_budget_and_updates_send_only_their_parts(shop: PrestaShop) -> None:
    with shop.connector(options=FAST_8) as presta:
        created = presta.write_products([ShopProduct(f"ART{n}", name=f"Article {n}", sku=f"ART{n}",
                                                     regular_price=Decimal(n)) for n in range(1, 13)])
        assert 1 < shop.transport.most_in_flight <= 8
        shop.transport.requests.clear()

        presta.write_products([ShopProduct("ART1", shop_id=created[0].shop_id, regular_price=Decimal("9.90"))])

    [patch] = [r for r in shop.transport.requests if r.method == "PATCH"]
    sent = ElementTree.fromstring(patch.content).find("product")
    assert [(child.tag, child.text) for child in sent] == [("id", created[0].shop_id), ("price", "9.90")]


def test_the_connection_test_names_the_missing_permissions(tmp_path: Path) -> None:
    set_language("en")
    shop = make_prestashop(tmp_path)
    shop.sandbox.add_key(WebserviceKey("READONLYKEY0123456789ABCDEFGHIJK", {
        "products": ("GET", "HEAD"), "orders": ("GET",), "order_histories": ("GET",)}))
    with PrestaShopConnector("https://presta.test", "READONLYKEY0123456789ABCDEFGHIJK", transport=shop.transport,
                             options=FAST) as presta, pytest.raises(ConnectionFailed) as raised:
        presta.test_connection()

    assert "products (POST, PATCH)" in raised.value.message
    assert "order_histories (POST)" in raised.value.message
    assert "orders" not in raised.value.message.replace("order_histories", "").replace("order_details", "")


def test_the_default_combination_moves_and_the_shops_categories_are_listed(presta: PrestaShopConnector) -> None:
    product_id, (blue38, blue40) = make_trousers(presta)
    presta.write_categories([ShopCategory("BAGUES", "Bagues")])

    [result] = presta.set_default_variants([DefaultVariant("Pantalon", product_id, (("Couleur", "Bleu"),
                                                                                     ("Taille", "40")))])

    assert (result.outcome, result.shop_id) == (WriteOutcome.UPDATED, product_id)  # the product's default moved
    assert flag(presta.ws.read("combinations", blue40).get("default_on")) is True
    assert flag(presta.ws.read("combinations", blue38).get("default_on")) is False
    assert [(c.name, c.parent_shop_id) for c in presta.read_categories()] == [("Home", None), ("Bagues", "2")]


def test_a_new_product_whose_reference_the_shop_has_is_refused_with_that_products_id(shop: PrestaShop) -> None:
    with shop.connector() as presta:
        [ring] = presta.write_products([ShopProduct("BAOR01", name="Bague or", sku="BAOR01", regular_price=Decimal("450"))])
        shop.transport.requests.clear()

        results = presta.write_products([
            ShopProduct("BAOR01-again", name="Bague or", sku="BAOR01", regular_price=Decimal("455")),
            ShopProduct("CHAOR42", name="Chaîne or", sku="CHAOR42", regular_price=Decimal("620")),
            ShopProduct("CHAOR42-twin", name="Chaîne or (doublon)", sku="CHAOR42", regular_price=Decimal("620")),
        ])

    again, chain, twin = results
    assert (again.outcome, again.existing_shop_id, again.code) == (WriteOutcome.FAILED, ring.shop_id,
                                                                    "duplicate_reference")
    assert again.message == f"PrestaShop already has a product with the reference BAOR01 (id {ring.shop_id})."
    assert chain.outcome is WriteOutcome.CREATED
    assert (twin.outcome, twin.existing_shop_id) == (WriteOutcome.FAILED, chain.shop_id)  # created first in this call
    [lookup] = [r for r in shop.calls("GET", "/api/products") if "filter[reference]" in r.url.params]
    assert lookup.url.params["filter[reference]"] == "[BAOR01|CHAOR42]"  # one read for the batch
    assert len(shop.calls("POST", "/api/products")) == 1


def test_a_deactivated_combination_cannot_be_ordered_and_gets_the_default_back(presta: PrestaShopConnector) -> None:
    product_id, (blue38, blue40) = make_trousers(presta)

    [off] = presta.set_active([Activation("PANBLEU40", product_id, False, blue40)])
    rows = {str(r["id_product_attribute"]): r for r in presta._stock_rows(product_id)}
    assert (off.outcome, off.shop_id) == (WriteOutcome.UPDATED, blue40)
    assert (dec(rows[blue40]["quantity"]), int(rows[blue40]["out_of_stock"])) == (0, 0)  # orders denied
    assert stock_rows(presta, product_id) == {"0": 5, blue38: 5, blue40: 0}

    presta.set_active([Activation("PANBLEU40", product_id, True, blue40)])
    [row] = [r for r in presta._stock_rows(product_id) if str(r["id_product_attribute"]) == blue40]
    assert int(row["out_of_stock"]) == 2  # the shop's default again


def test_a_combinations_weight_from_the_stock_update_is_an_impact(presta: PrestaShopConnector) -> None:
    product_id, (blue38, _blue40) = make_trousers(presta)  # the product weighs 0.5

    presta.write_stock([StockUpdate("PANBLEU38", product_id, None, blue38, weight=Decimal("0.45"))])

    assert dec(presta.ws.read("combinations", blue38)["weight"]) == Decimal("-0.05")


def test_images_sent_in_an_earlier_run_are_kept_and_only_new_ones_added(shop: PrestaShop, tmp_path: Path) -> None:
    first, second = tmp_path / "BAOR01.png", tmp_path / "BAOR01_02.png"
    first.write_bytes(PNG)
    second.write_bytes(PNG + b"\x00")
    with shop.connector() as presta:
        image = presta.upload_image(LocalFile(first))
        [ring] = presta.write_products([ShopProduct("BAOR01", name="Bague", sku="BAOR01", regular_price=Decimal("1"),
                                                    images=(ImageRef(media_id=image.media_id),))])
    with shop.connector() as presta:  # the next run: the first picture is not read again
        added = presta.upload_image(LocalFile(second))
        shop.transport.requests.clear()
        presta.write_products([ShopProduct("BAOR01", shop_id=ring.shop_id, images=(
            ImageRef(media_id=image.media_id), ImageRef(media_id=added.media_id)))])
        images = presta.ws.read("products", str(ring.shop_id))["associations"]["images"]

    assert len(images) == 2
    assert [r.method for r in shop.transport.requests if "/images/" in r.url.path] == ["POST"]  # the new one only
    assert shop.calls("PATCH", f"/api/products/{ring.shop_id}") == []  # nothing else to write


def test_images_the_shop_changed_are_not_silently_dropped(shop: PrestaShop, tmp_path: Path) -> None:
    picture = tmp_path / "BAOR01.png"
    picture.write_bytes(PNG)
    with shop.connector() as presta:
        image = presta.upload_image(LocalFile(picture))
        [ring] = presta.write_products([ShopProduct("BAOR01", name="Bague", sku="BAOR01", regular_price=Decimal("1"),
                                                    images=(ImageRef(media_id=image.media_id),))])
        presta.ws.upload(f"images/products/{ring.shop_id}", "image", picture, "other.png", "image/png")  # by hand
    with shop.connector() as presta:
        [result] = presta.write_products([ShopProduct("BAOR01", shop_id=ring.shop_id, images=(
            ImageRef(media_id=image.media_id, name="BAOR01.png"),))])

    assert result.outcome is WriteOutcome.FAILED
    assert "BAOR01.png" in (result.message or "")
    assert len(shop.sandbox.store.get("products", int(ring.shop_id))["associations"]["images"]) == 2  # left as they were
