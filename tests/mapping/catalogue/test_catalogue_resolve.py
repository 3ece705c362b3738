"""Drafts resolved into shop records: packs, cross-sells, brands, features, variants, activation."""

from decimal import Decimal

from catalogue_support import GROUPING, build, messages

from gescom_sync.mapping.catalogue import Entity, Part, ProductResolver, resolve_attributes, resolve_brands
from gescom_sync.model import BomKind
from gescom_sync.model.shop import AttributeChoice, ImageRef, ProductKind


BRANDS_IN_REFERENCE_ORDER = ["Maison Bijou", "Atelier Lumière", "Swiss Time", "Brillance", "Bijou Mode"]


def shop(known: dict):
    return lambda entity, key: known.get((entity, key))


def test_a_pack_is_sent_as_a_pack_only_when_every_component_is_in_the_shop(bijou):
    parure = build(bijou).product("PARURE01")
    assert (parure.kind, parure.pack_components) == (ProductKind.PACK, ("BAOR01", "CHAOR42", "ETUI01"))
    known = {(Entity.PRODUCT, "BAOR01"): "11", (Entity.PRODUCT, "CHAOR42"): "12"}
    warnings = []
    product = ProductResolver(shop(known), warnings).product(parure)
    assert (product.kind, product.pack_item_ids, product.regular_price) == (ProductKind.SIMPLE, None, Decimal("990.00"))
    assert messages(warnings) == ["sent as a simple product, not a pack: components not in the shop yet: ETUI01"]
    known[(Entity.PRODUCT, "ETUI01")] = "13"
    warnings.clear()
    product = ProductResolver(shop(known), warnings).product(parure)
    assert (product.kind, product.pack_item_ids, warnings) == (ProductKind.PACK, ("11", "12", "13"), [])


def test_packs_can_be_turned_off(bijou):
    assert build(bijou, packs=False).product("PARURE01").kind is ProductKind.SIMPLE


def test_cross_sells_from_a_field_and_linked_articles_only_to_products_in_the_shop(bijou):
    import dataclasses

    from gescom_sync.model import BomComponent

    ring = dataclasses.replace(
        bijou.product("BAOR01"),
        free_fields={**bijou.product("BAOR01").free_fields, "LibelleWeb": "CHAOR42, PANBLEU38,BAOR01"},
        bom_kind=BomKind.LINKED, components=(BomComponent("ETUI01", Decimal(1)),),
    )
    products = [ring, *(p for p in bijou.products if p.reference != "BAOR01")]
    draft = build(bijou, products, cross_sell_field="LibelleWeb", grouping=GROUPING)
    # PANBLEU38 is a variant of the Pantalon product; the product itself is left out
    assert draft.product("BAOR01").cross_sells == ("CHAOR42", "Pantalon", "ETUI01")
    known = {(Entity.PRODUCT, "Pantalon"): "40", (Entity.PRODUCT, "ETUI01"): "13"}
    assert ProductResolver(shop(known), []).product(draft.product("BAOR01")).cross_sell_ids == ("40", "13")


def test_brands_are_drafted_once_and_linked_by_id(bijou):
    draft = build(bijou, brand_field="Marque")
    assert [b.name for b in draft.brands] == BRANDS_IN_REFERENCE_ORDER
    assert draft.product("CHORFA").brand_key == "Atelier Lumière"
    known = {(Entity.BRAND, "Atelier Lumière"): "3"}
    assert [b.shop_id for b in resolve_brands(draft.brands, shop(known)) if b.key == "Atelier Lumière"] == ["3"]
    assert ProductResolver(shop(known), []).product(draft.product("CHORFA")).brand_ids == ("3",)
    assert ProductResolver(shop(known), []).product(draft.product("BAOR01")).brand_ids == ()  # brand not created yet


def test_features_with_a_separator_predefined_or_custom(bijou):
    draft = build(bijou, features=[
        {"feature": "Marque", "field": "Marque", "predefined": False},
        {"feature": "Collections", "field": "CategoriesSupp", "separator": ","},
    ])
    ring = draft.product("BAOR01")
    assert [(f.feature, f.values, f.predefined) for f in ring.features] == [
        ("Marque", ("Maison Bijou",), False),
        ("Collections", ("Nouveautés", "Promotions"), True),
    ]
    assert ("Collections", ("Nouveautés", "Promotions")) in [(a.name, a.values) for a in draft.attributes]
    assert "Marque" not in [a.name for a in draft.attributes]  # custom values need no global attribute
    known = {(Entity.ATTRIBUTE, "Collections"): "7"}
    assert ProductResolver(shop(known), []).product(ring).attributes == (
        AttributeChoice("Marque", ("Maison Bijou",), None),
        AttributeChoice("Collections", ("Nouveautés", "Promotions"), "7"),
    )


def test_variants_of_the_pantalon_with_attribute_ids_and_images(bijou):
    folder = str(bijou.media_folder / "images")
    draft = build(bijou, grouping=GROUPING, images={"folder": folder})
    pants = draft.product("Pantalon")
    assert [f.shop_name for f in pants.images] == ["PANBLEU38.jpg", "PANROUGE40.png"]  # each variant's picture
    blue38 = pants.variants[0]
    known = {(Entity.ATTRIBUTE, "Couleur"): "1", (Entity.ATTRIBUTE, "Taille"): "2",
             (Entity.VARIANT, "PANBLEU38"): "501", (Entity.IMAGE, blue38.images[0].sha256): "900"}
    resolver = ProductResolver(shop(known), [])
    assert {(a.name, a.values) for a in resolve_attributes(draft.attributes, shop(known)) if a.shop_id} == {
        ("Couleur", ("Bleu", "Rouge")), ("Taille", ("38", "40", "42", "40 cm", "45 cm", "50 cm")),  # + CHAAR/VAR's
    }
    variants = resolver.variants(pants, "500", stock={"PANBLEU38": Decimal(5), "PANROUGE40": Decimal(6)})
    first = variants[0]
    assert (first.key, first.shop_id, first.product_shop_id, first.sku, first.regular_price) == (
        "PANBLEU38", "501", "500", "PANBLEU38", Decimal("59.00"))
    assert first.options == (("Couleur", "Bleu"), ("Taille", "38"))
    assert first.attribute_ids == {"Couleur": "1", "Taille": "2"}
    assert first.image == ImageRef(media_id="900", name="PANBLEU38.jpg")
    assert [(v.key, v.stock_quantity) for v in variants] == [
        ("PANBLEU38", 5), ("PANBLEU40", 0), ("PANBLEU42", 0), ("PANROUGE38", 0), ("PANROUGE40", 6), ("PANROUGE42", 0),
    ]
    product = resolver.product(pants)
    assert (product.kind, product.regular_price, product.sku) == (ProductKind.VARIABLE, None, "Pantalon")
    assert product.attributes[0] == AttributeChoice("Couleur", ("Bleu", "Rouge"), "1", for_variants=True)


def test_new_products_active_or_not_and_unpublished_ones_inactive(bijou):
    draft = build(bijou)
    resolver = ProductResolver(shop({(Entity.PRODUCT, "CHORFA"): "9"}), [])
    assert resolver.product(draft.product("BAOR01")).active is True
    assert resolver.product(draft.product("BRAR03")).active is False  # not published on the web
    assert resolver.product(draft.product("CHORFA")).active is None  # an update leaves the state to activation
    inactive = build(bijou, activation={"new_products_active": False})
    assert resolver.product(inactive.product("BAOR01")).active is False
    published = build(bijou, published_only=True)
    assert "BRAR03" not in {p.key for p in published.products} and "BROR02" not in {p.key for p in build(bijou).products}


def test_only_the_parts_asked_are_filled(bijou):
    ring = build(bijou, texts={"fields": {"description": "LibelleWeb", "meta_title": "LibelleWeb"}},
                 send_supplier=True).product("BAOR01")
    resolver = ProductResolver(shop({(Entity.PRODUCT, "BAOR01"): "11"}), [], seo_meta_keys={"meta_title": "_yoast_wpseo_title"})
    full = resolver.product(ring, stock={"BAOR01": Decimal(15)})
    assert (full.name, full.regular_price, full.weight, full.stock_quantity) == (
        "Bague or 18 carats solitaire", Decimal("450.00"), Decimal("0.0045"), Decimal(15))
    assert full.meta == {"_yoast_wpseo_title": "Bague solitaire en or jaune 18 carats", "warranty_months": "24",
                         "supplier": "ORFEVRE", "supplier_reference": "FRS-BA-0042"}
    price_only = resolver.product(ring, parts={Part.PRICE})
    assert (price_only.regular_price, price_only.tax_class) == (Decimal("450.00"), "standard")
    assert (price_only.name, price_only.description, price_only.weight, price_only.category_ids, price_only.images,
            price_only.sku, price_only.stock_quantity, price_only.meta) == (None, None, None, None, None, None, None, {})


def test_documents_already_uploaded_are_attached(bijou):
    from gescom_sync.model.shop import UploadedMedia

    ring = build(bijou, documents={"folder": str(bijou.media_folder / "documents")}).product("BAOR01")
    certificate, guide = ring.documents
    uploaded = {guide.sha256: UploadedMedia("88", "https://shop.example/BAOR01.pdf", "BAOR01.pdf", reused=False)}
    product = ProductResolver(shop({}), [], documents=uploaded).product(ring)
    assert product.documents == (uploaded[guide.sha256],)  # the certificate is not uploaded yet
    assert ProductResolver(shop({}), [], documents=uploaded).product(ring, parts={Part.NAME}).documents is None
