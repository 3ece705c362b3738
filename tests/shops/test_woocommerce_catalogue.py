"""Catalogue writes through the batch endpoints, and paged reads."""

from __future__ import annotations

import json
from datetime import datetime
from decimal import Decimal as D

import pytest

from gescom_sync.i18n import set_language
from gescom_sync.model.shop import (
    Activation,
    AttributeChoice,
    Dimensions,
    ImageRef,
    PriceUpdate,
    ProductKind,
    Sale,
    ShopAttribute,
    ShopCategory,
    ShopProduct,
    ShopVariant,
    SpecificPrice,
    StockUpdate,
    Visibility,
)
from gescom_sync.shops import Capability, NotSupported, WriteOutcome
from gescom_sync.shops.woocommerce import WooCommerceConnector

from .conftest import Shop


def simple(n: int, **fields) -> ShopProduct:
    return ShopProduct(key=f"ART{n:03}", name=f"Article {n}", sku=f"ART{n:03}", regular_price=D("10.00") + n,
                       active=True, **fields)


def test_batch_of_230_products_is_sent_in_3_calls_of_at_most_100(shop: Shop, woo: WooCommerceConnector):
    results = woo.write_products([simple(n) for n in range(230)])

    calls = shop.transport.calls("POST", "/products/batch")
    assert sorted((len(json.loads(c.content)["create"]) for c in calls), reverse=True) == [100, 100, 30]
    assert [r.outcome for r in results] == [WriteOutcome.CREATED] * 230
    assert [r.key for r in results] == [f"ART{n:03}" for n in range(230)]
    assert len({r.shop_id for r in results}) == 230
    assert shop.sandbox.catalogue.product(int(results[229].shop_id))["regular_price"] == "239.00"


def test_two_batch_calls_in_flight_at_most_whatever_the_http_budget(shop: Shop):
    from gescom_sync.http import HttpOptions

    woo = shop.make(options=HttpOptions(delay_ms=0, max_concurrency=8))
    results = woo.write_products([simple(n) for n in range(500)])
    assert len(shop.transport.calls("POST", "/products/batch")) == 5
    assert shop.transport.most_in_flight <= 2, shop.transport.most_in_flight
    assert all(r.outcome is WriteOutcome.CREATED for r in results)


def test_paging_reads_250_products_100_at_a_time(shop: Shop, woo: WooCommerceConnector):
    woo.write_products([simple(n) for n in range(250)])
    shop.transport.requests.clear()

    products = list(woo.read_products())

    assert len(products) == 250
    assert sorted(p.sku for p in products) == [f"ART{n:03}" for n in range(250)]
    ids = [int(p.shop_id) for p in products]
    assert ids == sorted(ids)  # oldest first: a stable order across pages
    by_sku = {p.sku: p for p in products}
    assert (by_sku["ART000"].key, by_sku["ART000"].regular_price, by_sku["ART249"].regular_price) == (
        "ART000", D("10.00"), D("259.00"))
    pages = shop.transport.calls("GET", "/wc/v3/products")
    assert [(r.url.params["per_page"], r.url.params["page"]) for r in pages] == [("100", "1"), ("100", "2"), ("100", "3")]


def test_incremental_read_of_what_changed_since_a_moment(shop: Shop, woo: WooCommerceConnector):
    from datetime import UTC, timedelta

    first, second = woo.write_products([simple(1), simple(2)])
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=1)
    assert list(woo.read_products(modified_after=later)) == []
    shop.sandbox.clock = lambda: (later + timedelta(seconds=5)).replace(tzinfo=None)
    woo.write_stock([StockUpdate("ART002", second.shop_id, D("8"))])

    (changed,) = woo.read_products(modified_after=later)
    assert (changed.shop_id, changed.stock_quantity) == (second.shop_id, D("8"))
    assert shop.transport.calls("GET", "/wc/v3/products")[-1].url.params["modified_after"] == later.strftime("%Y-%m-%dT%H:%M:%S")


def test_per_item_failures_carry_the_shop_message_and_the_others_go_on(shop: Shop, woo: WooCommerceConnector):
    (first,) = woo.write_products([simple(1)])
    results = woo.write_products([simple(2), ShopProduct(key="DUP", name="Doublon", sku="ART001"), simple(3)])

    ok2, dup, ok3 = results
    assert ok2.outcome is ok3.outcome is WriteOutcome.CREATED
    assert dup.outcome is WriteOutcome.FAILED
    assert (dup.key, dup.code, dup.message) == ("DUP", "product_invalid_sku", "Invalid or duplicated SKU.")
    assert dup.existing_shop_id == first.shop_id  # the resource_id: bind it and update instead


def test_create_update_and_delete_in_one_write(shop: Shop, woo: WooCommerceConnector):
    a, b = woo.write_products([simple(1), simple(2)])
    updated = woo.write_products([ShopProduct(key="ART001", shop_id=a.shop_id, regular_price=D("99.90")), simple(3)])
    assert [r.outcome for r in updated] == [WriteOutcome.UPDATED, WriteOutcome.CREATED]
    (deleted,) = woo.delete_products([("ART002", b.shop_id)])
    assert deleted.outcome is WriteOutcome.DELETED
    skus = {p.sku: p for p in woo.read_products()}
    assert set(skus) == {"ART001", "ART003"}
    assert skus["ART001"].regular_price == D("99.90")
    assert skus["ART001"].key == "ART001"


def test_full_simple_product_payload(shop: Shop, woo: WooCommerceConnector):
    (bijoux,) = woo.write_categories([ShopCategory("BIJ", "Bijoux")])
    (result,) = woo.write_products([ShopProduct(
        key="BAOR01", name="Bague or", sku="BAOR01", active=False, visibility=Visibility.CATALOGUE,
        description="<p>Bague en or 18 carats</p>", short_description="Bague or", regular_price=D("149.00"),
        sale=Sale(D("129.00"), datetime(2026, 12, 1), datetime(2026, 12, 31, 23, 59, 59)), tax_class="reduced-rate",
        manage_stock=True, stock_quantity=D("12.7"), weight=D("0.015"), dimensions=Dimensions(D("2"), D("2"), D("1")),
        barcode="3760000000017", category_ids=(bijoux.shop_id,), meta={"origine": "FR"},
        images=(ImageRef(url="https://cdn.example.fr/BAOR01.jpg", alt="Bague or"),),
        attributes=(AttributeChoice("Matière", ("Or 18 carats",)),))])

    doc = shop.sandbox.catalogue.product(int(result.shop_id))
    assert (doc["status"], doc["catalog_visibility"], doc["tax_class"]) == ("draft", "catalog", "reduced-rate")
    assert (doc["regular_price"], doc["sale_price"], doc["stock_quantity"], doc["manage_stock"]) == ("149.00", "129.00", 12, True)
    assert doc["weight"] == "0.015" and doc["categories"] == [int(bijoux.shop_id)]
    meta = {m["key"]: m["value"] for m in doc["meta_data"]}
    assert meta == {"_gescom_sync_key": "BAOR01", "origine": "FR"}


def test_variable_product_with_global_attribute_and_variations(shop: Shop, woo: WooCommerceConnector):
    size = woo.write_attributes([ShopAttribute("TAILLE", "Taille", ("38", "40", "42"))])
    assert [(r.key, r.outcome) for r in size] == [
        ("TAILLE", WriteOutcome.CREATED), ("TAILLE/38", WriteOutcome.CREATED),
        ("TAILLE/40", WriteOutcome.CREATED), ("TAILLE/42", WriteOutcome.CREATED)]
    again = woo.write_attributes([ShopAttribute("TAILLE", "Taille", ("40", "44"), shop_id=size[0].shop_id)])
    assert [r.outcome for r in again] == [WriteOutcome.UPDATED, WriteOutcome.UNCHANGED, WriteOutcome.CREATED]
    assert again[1].shop_id == size[2].shop_id

    attribute_id = size[0].shop_id
    (pantalon,) = woo.write_products([ShopProduct(
        key="Pantalon", name="Pantalon", kind=ProductKind.VARIABLE, sku="PANT",
        attributes=(AttributeChoice("Taille", ("38", "40"), attribute_shop_id=attribute_id, for_variants=True),))])
    variants = [ShopVariant(f"PANBLEU{t}", pantalon.shop_id, (("Taille", t),), sku=f"PANBLEU{t}",
                            regular_price=D("59.00"), manage_stock=True, stock_quantity=D(s),
                            attribute_ids={"Taille": attribute_id}) for t, s in (("38", "4"), ("40", "0"))]
    results = woo.write_variants(variants)
    assert [r.outcome for r in results] == [WriteOutcome.CREATED] * 2
    assert len(shop.transport.calls("POST", f"/products/{pantalon.shop_id}/variations/batch")) == 1

    read = list(woo.read_variants(pantalon.shop_id))
    assert [(v.sku, v.stock_quantity, v.key, v.parent_shop_id) for v in read] == [
        ("PANBLEU38", D("4"), "PANBLEU38", pantalon.shop_id), ("PANBLEU40", D("0"), "PANBLEU40", pantalon.shop_id)]


def test_category_hierarchy_in_one_write(shop: Shop, woo: WooCommerceConnector):
    results = woo.write_categories([
        ShopCategory("BIJ/BAG/OR", "Bagues or", parent_key="BIJ/BAG"),
        ShopCategory("BIJ", "Bijoux"),
        ShopCategory("BIJ/BAG", "Bagues", parent_key="BIJ"),
        ShopCategory("X", "Orphelin", parent_key="NOWHERE"),
    ])
    gold, jewels, rings, orphan = results
    assert [r.outcome for r in (gold, jewels, rings)] == [WriteOutcome.CREATED] * 3
    assert orphan.outcome is WriteOutcome.FAILED and "NOWHERE" in orphan.message
    terms = {t["id"]: t for t in shop.setup("GET", "products/categories?per_page=100")}
    assert terms[int(gold.shop_id)]["parent"] == int(rings.shop_id)
    assert terms[int(rings.shop_id)]["parent"] == int(jewels.shop_id)


def test_stock_prices_and_activation_of_products_and_variants(shop: Shop, woo: WooCommerceConnector):
    (mug,) = woo.write_products([simple(1, manage_stock=True, stock_quantity=D("5"))])
    (tee,) = woo.write_products([ShopProduct("TEE", "Tee", ProductKind.VARIABLE, sku="TEE",
                                             attributes=(AttributeChoice("Taille", ("S",), for_variants=True),))])
    (small,) = woo.write_variants([ShopVariant("TEE-S", tee.shop_id, (("Taille", "S"),), sku="TEE-S", regular_price=D("20"))])

    stock = woo.write_stock([StockUpdate("ART001", mug.shop_id, D("7")),
                             StockUpdate("TEE-S", tee.shop_id, D("3.9"), variant_shop_id=small.shop_id)])
    prices = woo.write_prices([PriceUpdate("ART001", mug.shop_id, D("12.50"), sale=Sale(D("9.99"))),
                               PriceUpdate("TEE-S", tee.shop_id, D("22.00"), variant_shop_id=small.shop_id)])
    active = woo.set_active([Activation("ART001", mug.shop_id, False),
                             Activation("TEE-S", tee.shop_id, False, variant_shop_id=small.shop_id)])

    assert [r.outcome for r in stock + prices + active] == [WriteOutcome.UPDATED] * 6
    assert [r.key for r in stock] == ["ART001", "TEE-S"]
    (mug_now,) = [p for p in woo.read_products() if p.sku == "ART001"]
    assert (mug_now.stock_quantity, mug_now.regular_price, mug_now.sale_price, mug_now.active) == (
        D("7"), D("12.50"), D("9.99"), False)
    (small_now,) = woo.read_variants(tee.shop_id)
    assert (small_now.stock_quantity, small_now.regular_price, small_now.active) == (D("3"), D("22.00"), False)


def test_group_prices_need_an_extension_and_say_so(woo: WooCommerceConnector):
    set_language("en")
    assert not woo.capabilities.supports(Capability.SPECIFIC_PRICES)
    with pytest.raises(NotSupported) as caught:
        woo.write_specific_prices([SpecificPrice("BAOR01/GROSSISTES", "11", D("99"), group_shop_id="1")])
    assert str(caught.value) == (
        "group and customer prices: not supported by WooCommerce because WooCommerce core has no group or customer "
        "prices and no supported pricing extension was found on the shop.")


def test_brands_are_detected_and_written(woo: WooCommerceConnector):
    from gescom_sync.model.shop import ShopBrand

    assert woo.capabilities.supports(Capability.BRANDS)
    (brand,) = woo.write_brands([ShopBrand("BIJOU", "Bijou & Cie")])
    (product,) = woo.write_products([simple(1, brand_ids=(brand.shop_id,))])
    assert brand.outcome is product.outcome is WriteOutcome.CREATED
