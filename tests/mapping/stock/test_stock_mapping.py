"""Stock mapping on the Bijou demo: formulas, warehouses, special articles, packagings,
next delivery dates, shop-side switches, diff and resolution."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from stock_support import TODAY, quantities

from gescom_sync.demo.data import ean13
from gescom_sync.mapping.stock import StockDraft, changed, differing_from_shop, map_stock, resolve
from gescom_sync.mapping.targets import Target
from gescom_sync.model import StockFormula
from gescom_sync.model.shop import StockUpdate
from gescom_sync.profiles.stock import DeliveryDateMethod, StockSettings

# The export's keys of BOAR12's variants: the unit, then each packaging (own reference, else REF#name).
BOX = {"Pièce": "BOAR12", "Ecrin de 4": "BOAR12-E4", "Ecrin de 12": "BOAR12#Ecrin de 12", "Ecrin de 24": "BOAR12-E24"}


def plan_for(sage, products, targets, **settings):
    chosen = StockSettings(**settings)
    levels = sage.stock(chosen.formula, chosen.warehouses or None)
    lines = sage.open_order_lines(chosen.warehouses or None) if chosen.next_delivery_date != "none" else ()
    return map_stock(targets, products, levels, chosen, open_lines=lines, today=TODAY)


@pytest.mark.parametrize(
    ("formula", "main_warehouse", "both"),
    [
        (StockFormula.REAL, 50, 60),
        (StockFormula.REAL_MINUS_RESERVED, 42, 52),
        (StockFormula.AVAILABLE, 46, 56),
        (StockFormula.FORECAST, 59, 74),
        (StockFormula.FORECAST_WITHOUT_SUPPLIER_ORDERS, 39, 49),
    ],
)
def test_each_formula_and_warehouse_selection_reaches_the_draft(sage, products, targets, formula, main_warehouse, both):
    paris = plan_for(sage, products, targets, formula=formula, warehouses=["Dépôt principal Paris"])
    everywhere = plan_for(sage, products, targets, formula=formula)
    by_code = plan_for(sage, products, targets, formula=formula, warehouses=["PARIS", "LYON"])
    assert quantities(paris)["CHAOR42"] == main_warehouse
    assert quantities(everywhere)["CHAOR42"] == both
    assert quantities(by_code)["CHAOR42"] == both


def test_articles_without_stock_management_get_the_default_quantity(sage, products, targets):
    assert quantities(plan_for(sage, products, targets))["GRAVURE"] == 100
    plan = plan_for(sage, products, targets, default_quantity=Decimal(7))
    assert quantities(plan)["FLEUR01"] == 7
    unmanaged = {d.key: d for d in plan_for(sage, products, targets, default_quantity=None).drafts}
    assert unmanaged["FLEUR01"].manage_stock is False
    assert unmanaged["CHAOR42"].manage_stock is True


def test_counter_mark_article_with_zero_stock_gets_its_quantity(sage, products, targets):
    assert quantities(plan_for(sage, products, targets))["BAPL05"] == 0
    assert quantities(plan_for(sage, products, targets, counter_mark_quantity=Decimal(5)))["BAPL05"] == 5
    # only counter-mark articles: CHSR10 (also out of stock) keeps its 0
    assert quantities(plan_for(sage, products, targets, counter_mark_quantity=Decimal(5)))["CHSR10"] == 0


def test_negative_stock_is_sent_as_zero_unless_allowed(sage, products, targets):
    # CHSR10: -3 in Paris, +1 in Lyon
    assert quantities(plan_for(sage, products, targets))["CHSR10"] == 0
    assert quantities(plan_for(sage, products, targets, send_negative_stock=True))["CHSR10"] == -2
    paris = plan_for(sage, products, targets, send_negative_stock=True, warehouses=["1"])
    assert quantities(paris)["CHSR10"] == -3


def test_packagings_get_the_stock_divided_by_their_quantity_rounded_down(sage, products, targets):
    got = quantities(plan_for(sage, products, targets))
    assert [got[BOX[name]] for name in ("Pièce", "Ecrin de 4", "Ecrin de 12", "Ecrin de 24")] == [250, 62, 20, 10]
    # real - reserved: 250 - 24 = 226 -> 56 / 18 / 9
    minus_reserved = quantities(plan_for(sage, products, targets, formula=StockFormula.REAL_MINUS_RESERVED))
    assert [minus_reserved[BOX[f"Ecrin de {n}"]] for n in (4, 12, 24)] == [56, 18, 9]


def test_range_variants_and_grouped_articles_get_their_own_quantities(sage, products, targets):
    drafts = {d.key: d for d in plan_for(sage, products, targets).drafts}
    assert [drafts[f"CHAAR/VAR{n}"].quantity for n in (40, 45, 50)] == [24, 17, 1]
    assert drafts["CHAAR/VAR40"].product_key == "CHAAR/VAR"
    assert drafts["PANBLEU38"].product_key == "Pantalon"
    assert (drafts["PARURE01"].product_key, drafts["PARURE01"].quantity) == ("PARURE01", 0)  # a pack, its own stock
    assert {k: drafts[k].quantity for k in ("PANBLEU38", "PANBLEU42", "PANROUGE40")} == {
        "PANBLEU38": 5, "PANBLEU42": 8, "PANROUGE40": 6,
    }


def test_dormant_and_unpublished_articles_are_left_out_unless_published_is_ignored(sage, products, targets):
    keys = {d.key for d in plan_for(sage, products, targets).drafts}
    assert "BROR02" not in keys and "BRAR03" not in keys and "ETUI01" not in keys
    keys = {d.key for d in plan_for(sage, products, targets, ignore_published=True).drafts}
    assert {"BRAR03", "ETUI01"} <= keys and "BROR02" not in keys


def next_dates(sage, products, targets, **settings):
    return {d.key: d.next_delivery for d in plan_for(sage, products, targets, **settings).drafts if d.next_delivery}


def test_next_delivery_date_nearest_and_farthest(sage, products, targets):
    nearest = next_dates(sage, products, targets, next_delivery_date="nearest")
    farthest = next_dates(sage, products, targets, next_delivery_date="farthest")
    assert nearest["CHAOR42"] == date(2026, 12, 4) and farthest["CHAOR42"] == date(2026, 12, 18)
    assert nearest["BAOR01"] == farthest["BAOR01"] == date(2026, 11, 28)
    assert nearest["MONTRE01"] == date(2026, 11, 30)
    assert nearest["CHAAR/VAR45"] == date(2026, 12, 1) and "CHAAR/VAR40" not in nearest
    assert nearest["PANBLEU40"] == date(2026, 12, 10)
    # lines without a date count as expected today...
    assert nearest["CHAAR/VAR50"] == nearest["PANROUGE42"] == TODAY
    # ...unless ignored
    ignoring = next_dates(sage, products, targets, next_delivery_date="nearest", ignore_undated_purchase_lines=True)
    assert "CHAAR/VAR50" not in ignoring and "PANROUGE42" not in ignoring
    assert ignoring["CHAOR42"] == date(2026, 12, 4)


def test_next_delivery_date_follows_the_chosen_warehouses(sage, products, targets):
    lyon = next_dates(sage, products, targets, next_delivery_date="nearest", warehouses=["LYON"])
    assert lyon == {"CHAOR42": date(2026, 12, 18)}


def test_next_delivery_date_when_projected_stock_becomes_positive(sage, products, targets):
    got = next_dates(sage, products, targets, next_delivery_date="projected_positive", ignore_undated_purchase_lines=True)
    # CHSR10: -2, then -2 ordered by COMPTOIR on 27/11 -> -4, +10 received on 08/12 -> 6
    assert got["CHSR10"] == date(2026, 12, 8)
    assert got["PANBLEU40"] == date(2026, 12, 10)  # 0 in stock, 10 expected
    assert "CHAOR42" not in got  # 60 in stock, never drops to zero
    assert "PANROUGE42" not in got  # its only supply has no date


def test_no_date_is_sent_when_the_method_is_none(sage, products, targets):
    assert next_dates(sage, products, targets, next_delivery_date=DeliveryDateMethod.NONE) == {}


def test_shop_side_switches_are_data_on_the_drafts(sage, products, targets):
    plan = plan_for(
        sage, products, targets,
        deactivate_when_out_of_stock=True, reactivate_when_back_in_stock=True,
        mark_out_of_stock=True, move_default_variant_off_out_of_stock=True,
    )
    drafts = {d.key: d for d in plan.drafts}
    assert (drafts["PANBLEU40"].active, drafts["PANBLEU40"].in_stock) == (False, False)
    assert (drafts["PANBLEU38"].active, drafts["PANBLEU38"].in_stock) == (True, True)
    assert drafts["GRAVURE"].in_stock is True  # not stock-managed: always available
    moves = {m.product_key: m.variant_key for m in plan.default_variants}
    assert moves == {"Pantalon": "PANBLEU38"}  # PANBLEU40 and PANROUGE42 are out of stock
    plain = {d.key: d for d in plan_for(sage, products, targets).drafts}
    assert (plain["PANBLEU40"].active, plain["PANBLEU40"].in_stock) == (None, None)


def test_weight_barcode_warranty_are_sent_when_asked(sage, products, targets):
    drafts = {d.key: d for d in plan_for(sage, products, targets, update_weight=True, update_barcode=True,
                                         update_warranty=True).drafts}
    assert drafts["BAOR01"].weight == Decimal("0.0045")  # 4.5 g in kg
    assert drafts["BOAR12-E4"].weight == Decimal("0.0072")  # 1 800 mg x 4
    assert drafts["BAOR01"].barcode == ean13("376012345001")
    assert drafts["CHAAR/VAR40"].barcode == ean13("376012345101")
    assert drafts["BOAR12-E4"].barcode is None  # a packaging is not the unit's barcode
    assert drafts["BAOR01"].warranty_months == 24
    assert plan_for(sage, products, targets).drafts[0].weight is None


def test_only_changed_quantities_are_written(sage, products, targets):
    first = plan_for(sage, products, targets).drafts
    sent = {d.key: d.content_hash() for d in first}
    assert changed(first, sent.get) == []
    moved = [StockDraft(**{**_fields(d), "quantity": d.quantity + 1}) if d.key == "CHORFA" else d for d in first]
    assert [d.key for d in changed(moved, sent.get)] == ["CHORFA"]
    assert len(changed(first, {}.get)) == len(first)


def test_only_quantities_that_differ_from_the_shop_are_written(sage, products, targets):
    drafts = plan_for(sage, products, targets, default_quantity=None).drafts
    shop = {d.key: (d.quantity if d.manage_stock else None) for d in drafts}
    shop["CHAOR42"] = Decimal(59)
    del shop["BAOR01"]
    assert sorted(d.key for d in differing_from_shop(drafts, shop)) == ["BAOR01", "CHAOR42"]


def test_resolve_gives_shop_ids_from_bindings_and_skips_what_the_shop_lacks():
    ids = {("product", "BOAR12"): "31", ("variant", "BOAR12-E4"): "32", ("product", "CHORFA"): "40"}
    id_of = lambda entity, key: ids.get((entity, key))  # noqa: E731
    box = StockDraft("BOAR12", "BOAR12-E4", "BOAR12", Decimal(62))
    assert resolve(box, id_of) == StockUpdate("BOAR12-E4", "31", Decimal(62), variant_shop_id="32")
    assert resolve(StockDraft("CHORFA", None, "CHORFA", Decimal(7)), id_of) == StockUpdate("CHORFA", "40", Decimal(7))
    assert resolve(StockDraft("BOAR12", "BOAR12#Ecrin de 12", "BOAR12", Decimal(20)), id_of) is None
    assert resolve(StockDraft("BAOR01", None, "BAOR01", Decimal(15)), id_of) is None


def test_targets_come_from_the_export_drafts():
    from gescom_sync.mapping.catalogue.drafts import ProductDraft, Texts, VariantDraft
    from gescom_sync.mapping.targets import targets_from_catalogue
    from gescom_sync.model.shop import ProductKind

    simple = ProductDraft("CHORFA", "CHORFA", ProductKind.SIMPLE, Texts(), stock_reference="CHORFA")
    boxes = ProductDraft(
        "BOAR12", "BOAR12", ProductKind.VARIABLE, Texts(),
        variants=(VariantDraft("BOAR12-E4", (("Conditionnement", "Ecrin de 4"),), "BOAR12-E4", "BOAR12", Decimal(4)),),
    )
    assert targets_from_catalogue([simple, boxes]) == [
        Target("CHORFA", None, "CHORFA"), Target("BOAR12", "BOAR12-E4", "BOAR12", Decimal(4)),
    ]


def _fields(draft: StockDraft) -> dict:
    return {name: getattr(draft, name) for name in StockDraft.__dataclass_fields__}


def test_minimum_quantity_comes_from_the_export_field(sage, products, targets):
    from dataclasses import replace

    from gescom_sync.profiles.catalogue import ExportProductsSettings

    with_minimum = [replace(p, free_fields={**p.free_fields, "QteMini": Decimal(3) if p.reference == "CHORFA" else None})
                    for p in products]
    export = ExportProductsSettings(minimum_quantity_field="QteMini")
    chosen = StockSettings(update_minimum_quantity=True)
    plan = map_stock(targets, with_minimum, sage.stock(), chosen, today=TODAY, export=export)
    drafts = {d.key: d for d in plan.drafts}
    assert (drafts["CHORFA"].minimum_quantity, drafts["CHAOR42"].minimum_quantity) == (Decimal(3), None)
