"""BOAR12's packagings as variants: price × quantity, stock ÷ quantity rounded down."""

from decimal import Decimal

from catalogue_support import build

from gescom_sync.demo.data import ean13
from gescom_sync.mapping.catalogue import product_quantities
from gescom_sync.mapping.catalogue.packagings import units_quantity
from gescom_sync.model.shop import ProductKind

STOCK = {"BOAR12": Decimal(250)}  # real stock of BOAR12 in the demo (one warehouse)


def test_one_variant_per_packaging_plus_the_unit_variant(bijou):
    boxes = build(bijou, packagings={"enabled": True}).product("BOAR12")
    assert boxes.kind is ProductKind.VARIABLE
    assert [(a.name, a.values) for a in boxes.axes] == [
        ("Conditionnement", ("Pièce", "Ecrin de 4", "Ecrin de 12", "Ecrin de 24"))
    ]
    assert [(v.key, v.sku, v.units, v.price, v.barcode) for v in boxes.variants] == [
        ("BOAR12", None, Decimal(1), Decimal("25.00"), ean13("376012345010")),
        ("BOAR12-E4", "BOAR12-E4", Decimal(4), Decimal("100.00"), ean13("376012345301")),
        ("BOAR12#Ecrin de 12", None, Decimal(12), Decimal("300.00"), None),
        ("BOAR12-E24", "BOAR12-E24", Decimal(24), Decimal("600.00"), ean13("376012345303")),
    ]
    # 1 800 mg a pair: 0.0018 kg, times the packaging's quantity
    assert [v.weight for v in boxes.variants] == [Decimal("0.0018"), Decimal("0.0072"), Decimal("0.0216"), Decimal("0.0432")]
    assert product_quantities(boxes, STOCK) == {
        "BOAR12": Decimal(250), "BOAR12-E4": Decimal(62), "BOAR12#Ecrin de 12": Decimal(20), "BOAR12-E24": Decimal(10),
    }


def test_only_packagings_with_their_own_reference_and_no_unit_variant(bijou):
    boxes = build(bijou, packagings={"enabled": True, "only_with_reference": True, "add_unit_variant": False}).product("BOAR12")
    assert [(v.key, v.price) for v in boxes.variants] == [("BOAR12-E4", Decimal("100.00")), ("BOAR12-E24", Decimal("600.00"))]
    assert product_quantities(boxes, STOCK) == {"BOAR12-E4": Decimal(62), "BOAR12-E24": Decimal(10)}


def test_packagings_are_ignored_unless_enabled(bijou):
    simple = build(bijou).product("BOAR12")
    assert (simple.kind, simple.variants, simple.stock_reference) == (ProductKind.SIMPLE, (), "BOAR12")
    assert product_quantities(simple, STOCK) == {"BOAR12": Decimal(250)}


def test_stock_in_packagings_is_rounded_down():
    assert units_quantity(Decimal(23), Decimal(4)) == 5
    assert units_quantity(Decimal("7.5"), Decimal(1)) == Decimal("7.5")
    assert units_quantity(Decimal(-3), Decimal(4)) == -1  # negative stock stays negative: the stock rules decide
