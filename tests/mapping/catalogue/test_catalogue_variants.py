"""Variant grouping on the master reference, and range articles, with the Bijou data."""

from decimal import Decimal

from catalogue_support import GROUPING, build, messages

from gescom_sync.demo.data import ean13
from gescom_sync.model.shop import ProductKind

PANTS = ["PANBLEU38", "PANBLEU40", "PANBLEU42", "PANROUGE38", "PANROUGE40", "PANROUGE42"]


def test_the_pantalon_group_becomes_one_variable_product_with_six_variants(bijou):
    draft = build(bijou, grouping=GROUPING | {"name_field": "LibelleWeb"})
    pants = draft.product("Pantalon")
    assert pants.kind is ProductKind.VARIABLE
    assert (pants.sku, pants.texts.name) == ("Pantalon", "Pantalon en toile de coton")
    assert [(a.name, a.values) for a in pants.axes] == [("Couleur", ("Bleu", "Rouge")), ("Taille", ("38", "40", "42"))]
    assert [(v.key, v.sku, v.options, v.price) for v in pants.variants] == [
        (ref, ref, (("Couleur", colour), ("Taille", size)), Decimal(price))
        for ref, colour, size, price in [
            ("PANBLEU38", "Bleu", "38", "59.00"), ("PANBLEU40", "Bleu", "40", "59.00"), ("PANBLEU42", "Bleu", "42", "59.00"),
            ("PANROUGE38", "Rouge", "38", "62.00"), ("PANROUGE40", "Rouge", "40", "62.00"), ("PANROUGE42", "Rouge", "42", "62.00"),
        ]
    ]
    assert [v.barcode for v in pants.variants] == [ean13(f"37601234520{n}") for n in range(1, 7)]
    assert pants.price is None and pants.barcode is None  # they belong to the variants
    assert not any(p.key in PANTS for p in draft.products)  # no article of the group on its own
    assert {(a.name, a.values) for a in draft.attributes} >= {("Couleur", ("Bleu", "Rouge"))}
    assert messages(draft) == []


def test_the_name_comes_from_the_first_or_last_articles_designation_without_a_name_field(bijou):
    assert build(bijou, grouping=GROUPING).product("Pantalon").texts.name == "Pantalon toile bleu T38"
    last = build(bijou, grouping=GROUPING | {"name_from": "last"}).product("Pantalon")
    assert last.texts.name == "Pantalon toile rouge T42"


def test_a_missing_combination_is_reported_by_name(bijou):
    products = [p for p in bijou.products if p.reference != "PANROUGE40"]
    draft = build(bijou, products, grouping=GROUPING)
    assert len(draft.product("Pantalon").variants) == 5
    assert messages(draft, "Pantalon") == ["Pantalon: no article for the combination Couleur=Rouge, Taille=40"]


def test_a_master_reference_that_is_also_an_article_is_reported_and_that_article_not_exported_alone(bijou):
    import dataclasses

    ring = bijou.product("BAOR01")
    as_master = [dataclasses.replace(p, free_fields={**p.free_fields, "RefMaitre": "BAOR01"})
                 if p.reference in ("PANBLEU38", "PANBLEU40") else p for p in bijou.products]
    draft = build(bijou, as_master, grouping=GROUPING)
    assert ring.reference in {p.reference for p in bijou.products}
    assert messages(draft, "BAOR01")[0] == (
        "the master reference BAOR01 also exists as an article: that article is not exported on its own"
    )
    assert [v.key for v in draft.product("BAOR01").variants] == ["PANBLEU38", "PANBLEU40"]
    assert draft.product("BAOR01").kind is ProductKind.VARIABLE


def test_a_duplicate_combination_or_a_missing_value_leaves_the_article_out_with_a_warning(bijou):
    import dataclasses

    changed = []
    for p in bijou.products:
        if p.reference == "PANROUGE38":  # claims to be Rouge 40, like PANROUGE40
            p = dataclasses.replace(p, free_fields={**p.free_fields, "Gamme2Valeur": "40"})
        if p.reference == "PANBLEU42":  # has no size
            p = dataclasses.replace(p, free_fields={**p.free_fields, "Gamme2Valeur": None})
        changed.append(p)
    draft = build(bijou, changed, grouping=GROUPING)
    assert [v.key for v in draft.product("Pantalon").variants] == ["PANBLEU38", "PANBLEU40", "PANROUGE38", "PANROUGE42"]
    assert messages(draft, "PANROUGE40") == ["PANROUGE40 is left out of Pantalon: Couleur=Rouge, Taille=40 is already PANROUGE38"]
    assert messages(draft, "PANBLEU42") == ["PANBLEU42 is left out of Pantalon: its attributes (Couleur=Bleu) are not Couleur, Taille"]
    assert sorted(messages(draft, "Pantalon")) == [
        "Pantalon: no article for the combination Couleur=Bleu, Taille=42",
        "Pantalon: no article for the combination Couleur=Rouge, Taille=38",
    ]


def test_without_a_master_field_the_pants_stay_six_simple_products(bijou):
    draft = build(bijou)
    assert all(draft.product(ref).kind is ProductKind.SIMPLE for ref in PANTS)


def test_range_articles_give_their_variants(bijou):
    chain = build(bijou).product("CHAAR/VAR")
    assert chain.kind is ProductKind.VARIABLE
    assert [(a.name, a.values) for a in chain.axes] == [("Taille", ("40 cm", "45 cm", "50 cm"))]
    assert [(v.key, v.sku, v.options, v.stock_reference, v.barcode, v.price) for v in chain.variants] == [
        ("CHAAR/VAR40", "CHAAR/VAR40", (("Taille", "40 cm"),), "CHAAR/VAR40", "3760123451017", Decimal("59.00")),
        ("CHAAR/VAR45", "CHAAR/VAR45", (("Taille", "45 cm"),), "CHAAR/VAR45", "3760123451024", Decimal("59.00")),
        ("CHAAR/VAR50", "CHAAR/VAR50", (("Taille", "50 cm"),), "CHAAR/VAR50", "3760123451031", Decimal("59.00")),
    ]
    assert chain.sku == "CHAAR/VAR"


def test_dormant_range_variants_are_left_out(bijou):
    import dataclasses

    chain = bijou.product("CHAAR/VAR")
    sleeping = dataclasses.replace(chain, variants=(chain.variants[0], dataclasses.replace(chain.variants[1], dormant=True), chain.variants[2]))
    draft = build(bijou, [sleeping])
    assert [v.key for v in draft.product("CHAAR/VAR").variants] == ["CHAAR/VAR40", "CHAAR/VAR50"]
