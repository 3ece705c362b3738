"""Price mapping on the Bijou demo: default price, taxes, rounding, discounts, specific
prices, variants and packagings, eco-tax, promotions, diff and resolution."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from decimal import Decimal

from price_support import TODAY

from gescom_sync.mapping.prices import (
    PriceDraft,
    SpecificPriceDraft,
    changed,
    map_prices,
    resolve,
    resolve_specific,
)
from gescom_sync.model import ScheduledPrice
from gescom_sync.model.shop import PriceUpdate, Sale, SpecificPrice
from gescom_sync.profiles.catalogue import TaxSettings
from gescom_sync.profiles.prices import PriceSettings

D = Decimal

# The export's keys of BOAR12's variants: the unit, then each packaging (own reference, else REF#name).
BOX = {"Pièce": "BOAR12", "Ecrin de 4": "BOAR12-E4", "Ecrin de 12": "BOAR12#Ecrin de 12", "Ecrin de 24": "BOAR12-E24"}


def plan(inputs, targets, taxes: TaxSettings | None = None, today: date = TODAY, **settings):
    return map_prices(targets, inputs, PriceSettings(**settings), taxes or TaxSettings(), today=today)


def regular(result) -> dict[str, Decimal]:
    return {draft.key: draft.regular_price for draft in result.prices}


def specific(result) -> dict[str, Decimal]:
    return {draft.key: draft.price for draft in result.specific}


def test_default_price_tax_excluded_and_included_to_the_cent(inputs, targets):
    excluded = regular(plan(inputs, targets))
    included = regular(plan(inputs, targets, tax_included=True))
    assert (excluded["BAOR01"], included["BAOR01"]) == (D("450.00"), D("540.00"))  # 20 %
    assert (excluded["LIVRE01"], included["LIVRE01"]) == (D("32.00"), D("33.76"))  # 5.5 %
    assert (excluded["NETARG"], included["NETARG"]) == (D("8.90"), D("10.68"))  # 8.90 x 1.2
    assert (excluded["FLEUR01"], included["FLEUR01"]) == (D("25.00"), D("27.50"))  # 10 %
    # BOOR07 is kept at 119.00 tax included in Sage: 119 / 1.2 = 99.1666...
    assert (excluded["BOOR07"], included["BOOR07"]) == (D("99.17"), D("119.00"))


def test_precision_is_rounded_half_up(inputs, targets):
    assert regular(plan(inputs, targets, TaxSettings(price_decimals=0)))["BOOR07"] == D("99")
    assert regular(plan(inputs, targets, TaxSettings(price_decimals=0), tax_included=True))["LIVRE01"] == D("34")
    assert regular(plan(inputs, targets, TaxSettings(price_decimals=3)))["BOOR07"] == D("99.167")


def test_default_category_and_its_discount_struck_through_or_applied(inputs, targets):
    struck = {d.key: d for d in plan(inputs, targets, default_category="2").prices}
    # CHAOR42 for Détaillants: 620 less 10 %
    assert (struck["CHAOR42"].regular_price, struck["CHAOR42"].sale) == (D("620.00"), Sale(D("558.00")))
    assert (struck["BAOR01"].regular_price, struck["BAOR01"].sale) == (D("405.00"), None)
    applied = {d.key: d for d in plan(inputs, targets, default_category="2", discount_mode="applied").prices}
    assert (applied["CHAOR42"].regular_price, applied["CHAOR42"].sale) == (D("558.00"), None)
    # BAPL05 has no price of its own for category 2: family BAGUES, 700 x 2.25
    assert applied["BAPL05"].regular_price == D("1575.00")


def test_group_prices_from_categories_and_quantity_breaks(inputs, targets):
    got = specific(plan(inputs, targets))
    assert got["CHAOR42|group:1|1"] == D("496.00")
    assert got["CHAOR42|group:2|1"] == D("558.00")
    assert (got["BAOR01|group:2|1"], got["BAOR01|group:2|5"], got["BAOR01|group:2|10"]) == (
        D("405.00"), D("390.00"), D("375.00"),
    )
    assert "BAOR01|group:3|1" not in got  # 540 TTC for Clients comptoir = 450 HT, the default price
    assert "CHAOR42|group:2|1" not in specific(plan(inputs, targets, default_category="2"))
    assert not [k for k in specific(plan(inputs, targets, group_categories=["1"])) if "group:2" in k]
    assert not [k for k in specific(plan(inputs, targets, quantity_breaks=False)) if k.endswith(("|5", "|10"))]


def test_customer_prices_exception_breaks_and_family_discount(inputs, targets):
    got = specific(plan(inputs, targets))
    # TOPAZ (Détaillants) on CHAOR42: 620 - 10 % = 558, and 5 % more from the 3rd unit
    assert (got["CHAOR42|customer:TOPAZ|1"], got["CHAOR42|customer:TOPAZ|3"]) == (D("558.00"), D("530.10"))
    assert got["BAOR01|customer:TOPAZ|1"] == D("390.00")  # exception price
    assert got["CHORFA|customer:TOPAZ|1"] == D("331.55")  # 349 - 5 %
    assert got["CHSR10|customer:TOPAZ|1"] == D("43.65")  # 45 - 3 % on family CHAINES
    assert got["CHAAR/VAR45|customer:TOPAZ|1"] == D("52.38")  # variant price 54 - 3 %
    assert not [k for k in got if "customer:GROSSOR" in k]  # nothing of its own: its group's prices
    assert not [k for k in specific(plan(inputs, targets, customer_prices=False)) if "customer:" in k]


def test_buying_group_members_get_its_prices(inputs, targets):
    members = replace(inputs, conditions=replace(inputs.conditions, buying_groups={"DUBOIS": "TOPAZ"}))
    got = specific(plan(members, targets))
    assert got["BAOR01|customer:DUBOIS|1"] == D("390.00")
    assert (got["CHAOR42|customer:DUBOIS|1"], got["CHAOR42|customer:DUBOIS|3"]) == (D("558.00"), D("530.10"))
    assert not [k for k in specific(plan(members, targets, buying_group_prices=False)) if "DUBOIS" in k]


def test_variant_and_packaging_prices(inputs, targets):
    base = regular(plan(inputs, targets))
    assert [base[f"CHAAR/VAR{n}"] for n in (40, 45, 50)] == [D("59.00")] * 3
    assert [base[BOX[n]] for n in ("Pièce", "Ecrin de 4", "Ecrin de 12", "Ecrin de 24")] == [
        D("25.00"), D("100.00"), D("300.00"), D("600.00"),
    ]
    assert (base["PANBLEU38"], base["PANROUGE42"]) == (D("59.00"), D("62.00"))
    wholesale = regular(plan(inputs, targets, default_category="1"))
    assert [wholesale[f"CHAAR/VAR{n}"] for n in (40, 45, 50)] == [D("45.00"), D("47.00"), D("49.00")]
    assert [wholesale[BOX[n]] for n in ("Pièce", "Ecrin de 4", "Ecrin de 12", "Ecrin de 24")] == [
        D("20.00"), D("78.00"), D("222.00"), D("420.00"),
    ]
    groups = specific(plan(inputs, targets))
    assert [groups[f"CHAAR/VAR{n}|group:2|1"] for n in (40, 45, 50)] == [D("52.00"), D("54.00"), D("56.00")]
    assert groups["BOAR12-E4|group:2|1"] == D("90.00")
    assert "BOAR12#Ecrin de 12|group:2|1" not in groups  # 25 x 12, as the default price


def test_ecotax_is_added_when_asked(inputs, targets):
    eco = TaxSettings(ecotax_slot=2, ecotax_on_default_price=True)
    assert regular(plan(inputs, targets, eco))["MONTRE01"] == D("89.50")
    assert regular(plan(inputs, targets, eco, tax_included=True))["MONTRE01"] == D("107.40")  # 89.50 x 1.2
    assert regular(plan(inputs, targets, TaxSettings(ecotax_slot=2)))["MONTRE01"] == D("89.00")
    assert regular(plan(inputs, targets, eco))["CHAOR42"] == D("620.00")  # no eco-tax code


def test_ecotax_on_other_prices_reaches_specific_prices(inputs, targets):
    from gescom_sync.model import PriceRule, PriceRuleKind

    wholesale = PriceRule("MONTRE01", PriceRuleKind.CATEGORY, D(80), False, category="1")
    with_row = replace(inputs, rules=(*inputs.rules, wholesale))
    assert specific(plan(with_row, targets, TaxSettings(ecotax_slot=2)))["MONTRE01|group:1|1"] == D("80.00")
    eco = TaxSettings(ecotax_slot=2, ecotax_on_other_prices=True)
    assert specific(plan(with_row, targets, eco))["MONTRE01|group:1|1"] == D("80.50")
    assert regular(plan(with_row, targets, eco))["MONTRE01"] == D("89.00")  # the default price: its own option


def test_scheduled_price_applies_from_its_date(inputs, targets):
    scheduled = replace(
        inputs, conditions=replace(inputs.conditions, scheduled=(ScheduledPrice("CHORFA", date(2026, 12, 1), D(359)),))
    )
    assert regular(plan(scheduled, targets))["CHORFA"] == D("349.00")
    assert regular(plan(scheduled, targets, today=date(2026, 12, 1)))["CHORFA"] == D("359.00")
    wholesale = replace(
        inputs,
        conditions=replace(inputs.conditions, scheduled=(ScheduledPrice("CHSR10", date(2027, 1, 1), D(38), category="1"),)),
    )
    assert specific(plan(wholesale, targets))["CHSR10|group:1|1"] == D("36.00")
    assert specific(plan(wholesale, targets, today=date(2027, 1, 1)))["CHSR10|group:1|1"] == D("38.00")


def test_promotion_from_free_fields_with_its_dates(inputs, targets):
    promotion = {"PrixPromo": D("399"), "DebutPromo": datetime(2026, 11, 20), "FinPromo": datetime(2026, 11, 30)}
    products = tuple(
        replace(p, free_fields={**p.free_fields, **(promotion if p.reference == "BAOR01" else dict.fromkeys(promotion))})
        for p in inputs.products
    )
    promoted = replace(inputs, products=products)
    fields = {"price_field": "PrixPromo", "start_field": "DebutPromo", "end_field": "FinPromo"}
    drafts = {d.key: d for d in plan(promoted, targets, promotions=fields, tax_included=True).prices}
    assert drafts["BAOR01"].regular_price == D("540.00")
    assert drafts["BAOR01"].sale == Sale(D("478.80"), datetime(2026, 11, 20), datetime(2026, 11, 30))
    over = {d.key: d for d in plan(promoted, targets, promotions=fields, today=date(2026, 12, 1)).prices}
    assert over["BAOR01"].sale is None
    assert drafts["CHAOR42"].sale is None


def test_unpublished_and_dormant_articles_are_left_out_unless_published_is_ignored(inputs, targets):
    assert not {"BRAR03", "ETUI01", "BROR02"} & set(regular(plan(inputs, targets)))
    assert {"BRAR03", "ETUI01"} <= set(regular(plan(inputs, targets, ignore_published=True)))


def test_only_changed_prices_are_written(inputs, targets):
    first = plan(inputs, targets)
    sent = {d.key: d.content_hash() for d in [*first.prices, *first.specific]}
    assert changed(first.prices, sent.get) == [] and changed(first.specific, sent.get) == []
    dearer = replace(inputs, rules=tuple(replace(r, price=D(50)) if r.reference == "CHSR10" and r.kind == "base" else r
                                         for r in inputs.rules))
    second = plan(dearer, targets)
    assert [(d.key, d.regular_price) for d in changed(second.prices, sent.get)] == [("CHSR10", D("50.00"))]
    # TOPAZ's family discount follows (50 - 3 %); the Grossistes' own price (36) does not move
    assert [(d.key, d.price) for d in changed(second.specific, sent.get)] == [("CHSR10|customer:TOPAZ|1", D("48.50"))]


def test_resolve_with_bindings():
    ids = {("product", "CHAOR42"): "7", ("customer_group", "2"): "g2", ("customer", "TOPAZ"): "c9"}
    id_of = lambda entity, key: ids.get((entity, key))  # noqa: E731
    draft = PriceDraft("CHAOR42", None, "CHAOR42", D("620.00"), Sale(D("558.00")))
    assert resolve(draft, id_of) == PriceUpdate("CHAOR42", "7", D("620.00"), sale=Sale(D("558.00")))
    assert resolve(PriceDraft("CHORFA", None, "CHORFA", D(349)), id_of) is None
    topaz = SpecificPriceDraft("CHAOR42", None, D("530.10"), customer="TOPAZ", from_quantity=D(3))
    assert resolve_specific(topaz, id_of) == SpecificPrice(
        "CHAOR42|customer:TOPAZ|3", "7", D("530.10"), customer_shop_id="c9", from_quantity=D(3)
    )
    group = SpecificPriceDraft("CHAOR42", None, D("558.00"), group="2")
    assert resolve_specific(group, id_of).group_shop_id == "g2"
    assert resolve_specific(SpecificPriceDraft("CHAOR42", None, D(1), customer="GROSSOR"), id_of) is None


def test_a_missing_vat_rate_is_a_warning_and_no_price(inputs, targets):
    result = plan(inputs, targets, TaxSettings(accounting_category="9"), tax_included=True)
    assert "CHAOR42" not in regular(result)
    assert result.warnings and result.warnings[0].message.params["category"] == "9"
