"""Tax class from the tax mapping (with its default row), eco-tax options, tax-included prices."""

from decimal import Decimal

from catalogue_support import build, messages

from gescom_sync.mapping.catalogue import ProductResolver

CLASSES = {"C10": "reduced-rate", "C55": "super-reduced-rate", "C00": "zero-rate"}


def test_the_vat_code_picks_the_shop_tax_class_else_the_default_row(bijou):
    draft = build(bijou, taxes={"classes": CLASSES})
    assert draft.product("FLEUR01").tax_class == "reduced-rate"  # C10
    assert draft.product("LIVRE01").tax_class == "super-reduced-rate"  # C55
    assert draft.product("BAOR01").tax_class == "standard"  # C20: no row, the default row
    export = build(bijou, taxes={"classes": CLASSES, "accounting_category": "2", "default_class": "export"})
    assert export.product("BAOR01").tax_class == "zero-rate"  # C00 in the Export category
    assert export.product("BAOR01").tax_class == export.product("CHAOR42").tax_class  # CHAOR42: its family's rows


def test_eco_tax_added_to_the_default_price_when_asked(bijou):
    watch = {"ecotax_slot": 2}
    assert build(bijou, taxes=watch).product("MONTRE01").price == Decimal("89.00")
    assert build(bijou, taxes=watch | {"ecotax_on_default_price": True}).product("MONTRE01").price == Decimal("89.50")
    assert build(bijou, taxes=watch | {"ecotax_on_default_price": True}).product("BAOR01").price == Decimal("450.00")


def test_eco_tax_on_other_prices_reaches_the_variants(bijou):
    import dataclasses

    from gescom_sync.model import Packaging

    watch = dataclasses.replace(bijou.product("MONTRE01"), packagings=(Packaging("Lot de 2", Decimal(2), "MONTRE01-2"),))
    both = {"ecotax_slot": 2, "ecotax_on_default_price": True, "ecotax_on_other_prices": True}
    draft = build(bijou, [watch], taxes=both, packagings={"enabled": True})
    assert [v.price for v in draft.product("MONTRE01").variants] == [Decimal("89.50"), Decimal("179.00")]
    only_default = build(bijou, [watch], taxes=both | {"ecotax_on_other_prices": False}, packagings={"enabled": True})
    assert [v.price for v in only_default.product("MONTRE01").variants] == [Decimal("89.00"), Decimal("178.00")]


def test_a_tax_included_price_is_sent_tax_excluded_to_the_cent(bijou):
    earrings = build(bijou).product("BOOR07")  # 119.00 TTC at 20 %
    assert earrings.price == Decimal("99.17")
    assert build(bijou, taxes={"price_decimals": 4}).product("BOOR07").price == Decimal("99.1667")


def test_a_tax_included_price_without_a_known_vat_is_sent_as_is_with_a_warning(bijou):
    draft = build(bijou, [bijou.product("BOOR07")], taxes={"vat_slot": 3})
    assert draft.product("BOOR07").price == Decimal("119.00")
    assert messages(draft) == ["price 119 is tax included but VAT code '' is unknown: sent as it is"]


def test_the_resolved_product_carries_price_and_tax_class(bijou):
    flowers = build(bijou, taxes={"classes": CLASSES}).product("FLEUR01")
    product = ProductResolver(lambda e, k: None, []).product(flowers)
    assert (product.regular_price, product.tax_class) == (Decimal("25.00"), "reduced-rate")
