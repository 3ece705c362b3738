"""Orders -> document drafts, to the cent, on the Bijou database (SPEC §3.6)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal as D

import pytest
from order_support import BIJOU_PAYMENTS, TVA20, TVA55, bijou_settings, line, order, order_91, shipping

from gescom_sync.errors import ConfigError
from gescom_sync.mapping.orders import (
    DocumentType,
    LineKind,
    OrderRejected,
    build_document,
    check_special_articles,
    document_totals,
    status_rule,
)
from gescom_sync.model.order import Discount, LineTax, Payment, ShippingLine

TODAY = datetime(2026, 11, 23, 10, 0)


def build(the_order, settings, catalogue, account="TOPAZ"):
    rule = status_rule(the_order, settings)
    assert rule is not None
    return build_document(the_order, account, rule, settings, catalogue, today=TODAY)


def summary(draft):
    return [(l.kind.value, l.article, l.quantity, l.unit_price, l.tax_code) for l in draft.lines
            if l.kind is not LineKind.COMMENT]


def test_recording_91_two_tax_rates_coupon_split_pro_rata(settings, bijou_catalogue):
    draft = build(order_91(), settings, bijou_catalogue)

    assert summary(draft) == [
        ("product", "BAOR01", D("2"), D("100.00"), "C20"),
        ("product", "LIVRE01", D("1"), D("20.00"), "C55"),
        ("wrapping", "EMBALLAGE", D("1"), D("2.50"), "C20"),
        # 22.00 off, pro rata of the tax-excluded bases 200.00 (20 %) and 20.00 (5.5 %)
        ("discount", "REMISE20", D("1"), D("-20.00"), "C20"),
        ("discount", "REMISE55", D("1"), D("-2.00"), "C55"),
    ]
    assert (draft.shipping.amount, draft.shipping.tax_code) == (D("8.33"), "C20")
    totals = document_totals(draft.lines, draft.shipping, draft.tax_included)
    assert [(t.code, t.base, t.tax) for t in totals.taxes] == [("C20", D("190.83"), D("38.17")),
                                                               ("C55", D("18.00"), D("0.99"))]
    assert (totals.excluded, totals.tax, totals.included) == (D("208.83"), D("39.16"), D("247.99"))
    assert (draft.document_type, draft.status, draft.date) == (DocumentType.ORDER, 2, datetime(2026, 11, 20, 9, 30))
    assert [l.designation for l in draft.lines if l.kind is LineKind.COMMENT] == ["Livrer le matin svp"]


def test_an_uneven_coupon_puts_the_leftover_cent_on_the_largest_base(settings, bijou_catalogue):
    lines = (line("BAOR01", "1", "100.00", "20.00"), line("LIVRE01", "1", "50.00", "2.75", rate_id="2", line_id="2"))
    shop = order("5", lines, "162.75", "22.75", discounts=(Discount("moins10", D("10.00"), D("0"), "fixed_cart"),))
    draft = build(shop, bijou_settings(totals={"ecart_line": True}), bijou_catalogue)
    discounts = [(l.article, l.unit_price) for l in draft.lines if l.kind is LineKind.DISCOUNT]
    assert discounts == [("REMISE20", D("-6.67")), ("REMISE55", D("-3.33"))]  # 10.00 = 6.666.. + 3.333..


def test_reference_template_cut_to_do_ref_with_a_warning(settings, bijou_catalogue):
    draft = build(order_91(), settings, bijou_catalogue)
    assert draft.reference == "Web 91 - Jean DUR"  # "Web 91 - Jean DURAND" is 20 > 17 characters
    assert draft.warnings[0].params["cut"] == "Web 91 - Jean DUR"


def test_tax_included_shop_prices_become_tax_included_lines(bijou_catalogue):
    # 2 x 59.90 incl. tax: the shop keeps 99.83 + 19.97; shipping 6.90 = 5.75 + 1.15
    shop = order("7", (line("PANBLEU38", "2", "99.83", "19.97"),), "126.70", "21.12",
                 shipping_lines=(shipping("5.75", "1.15"),), prices_include_tax=True)
    draft = build(shop, bijou_settings(lines={"prices_tax_included": True}), bijou_catalogue)
    assert summary(draft) == [("product", "PANBLEU38", D("2"), D("59.90"), "C20")]
    assert draft.tax_included and draft.shipping.amount == D("6.90")
    totals = document_totals(draft.lines, draft.shipping, True)
    assert (totals.excluded, totals.tax, totals.included) == (D("105.58"), D("21.12"), D("126.70"))


def test_shipping_as_a_line_uses_the_shipping_modes_article(bijou_catalogue):
    settings = bijou_settings(shipping={"as_line": True}, carriers={"rows": [{"shop": "flat_rate", "mode": 1}]})
    draft = build(order_91(), settings, bijou_catalogue)
    assert draft.shipping is None and draft.shipping_mode == 1
    (port,) = [l for l in draft.lines if l.kind is LineKind.SHIPPING]
    assert (port.article, port.designation, port.unit_price, port.tax_code) == ("PORTCOL", "Colissimo", D("8.33"), "C20")
    assert document_totals(draft.lines, None, False).included == D("247.99")


def test_shipping_line_without_a_mode_article_is_frais_de_port(bijou_catalogue):
    settings = bijou_settings(shipping={"as_line": True, "mode_article": False})
    (port,) = [l for l in build(order_91(), settings, bijou_catalogue).lines if l.kind is LineKind.SHIPPING]
    assert port.article == "PORT"


def test_variant_packaging_and_grouped_article(settings, bijou_catalogue):
    lines = (line("CHAAR/VAR45", "1", "59.00", "11.80"),
             line("BOAR12-E4", "2", "156.00", "31.20", line_id="2"),  # two boxes of 4 at 78.00
             line("PANBLEU38", "1", "59.00", "11.80", line_id="3"))
    draft = build(order("8", lines, "328.80", "54.80"), settings, bijou_catalogue)
    chain, boxes, trousers = draft.lines
    assert (chain.article, chain.range_numbers, chain.quantity, chain.unit_price) == ("CHAAR/VAR", (2, 0), D("1"), D("59.00"))
    assert (boxes.article, boxes.quantity, boxes.unit_price, boxes.packaging, boxes.packagings) == (
        "BOAR12", D("8"), D("19.50"), "Ecrin de 4", D("2"))
    assert (trousers.article, trousers.range_numbers) == ("PANBLEU38", (0, 0))
    assert document_totals(draft.lines, None, False).included == D("328.80")


def test_backoffice_designations_replace_the_shops(bijou_catalogue):
    shop = order("9", (line("CHAAR/VAR45", "1", "59.00", "11.80"),), "70.80", "11.80")
    draft = build(shop, bijou_settings(lines={"backoffice_designations": True}), bijou_catalogue)
    assert draft.lines[0].designation == "Chaîne argent maille gourmette 45 cm"


def test_unknown_sku_goes_to_divers_with_the_shops_name_and_price(settings, bijou_catalogue):
    shop = order("10", (line("ZZ-404", "3", "36.00", "7.20", name="Porte-clés cœur"),), "43.20", "7.20")
    draft = build(shop, settings, bijou_catalogue)
    (divers,) = draft.lines
    assert (divers.kind, divers.article, divers.designation, divers.quantity, divers.unit_price) == (
        LineKind.DIVERS, "DIVERS", "Porte-clés cœur", D("3"), D("12.00"))
    assert draft.warnings[0].params == {"order": "10", "reference": "ZZ-404", "name": "Porte-clés cœur",
                                        "divers": "DIVERS"}


def test_unknown_sku_is_an_error_without_the_divers_option(bijou_catalogue):
    shop = order("11", (line("ZZ-404", "1", "12.00", "2.40"),), "14.40", "2.40")
    with pytest.raises(OrderRejected, match="ZZ-404"):
        build(shop, bijou_settings(lines={"unknown_to_divers": False}), bijou_catalogue)


def test_unmapped_tax_without_default_is_an_error_and_the_default_is_used(bijou_catalogue):
    odd = replace(TVA20, rate_id="9", label="VAT 21%", rate_percent=D("21"))
    shop = order("12", (line("BAOR01", "1", "100.00", "21.00", rate_id="9"),), "121.00", "21.00", taxes=(odd,))
    with pytest.raises(OrderRejected, match="VAT 21%"):
        build(shop, bijou_settings(), bijou_catalogue)
    settings = bijou_settings(taxes={"rows": [], "default": "C20"},
                              special_articles={"remise": {"C20": "REMISE20"}}, totals={"ecart_line": True})
    assert build(shop, settings, bijou_catalogue).lines[0].tax_code == "C20"


def test_foreign_currency_order_carries_its_rate(bijou_catalogue):
    settings = bijou_settings(currency={"orders_in_currency": True, "mapping": {"gbp": 3}})
    shop = order("13", (line("BAOR01", "1", "380.00", "76.00"),), "456.00", "76.00", currency="GBP")
    draft = build(shop, settings, bijou_catalogue)
    assert (draft.currency, draft.currency_rate) == (3, D("0.846"))  # P_DEVISE slot 3, D_Cours
    given = build(replace(shop, meta={"currency_rate": "0.8512"}), settings, bijou_catalogue)
    assert given.currency_rate == D("0.8512")
    with pytest.raises(OrderRejected, match="USD"):
        build(replace(shop, currency="USD"), settings, bijou_catalogue)


def test_order_in_currency_off_keeps_the_back_office_currency(settings, bijou_catalogue):
    draft = build(order_91(), settings, bijou_catalogue)  # recording 91 is in USD
    assert (draft.currency, draft.currency_rate) == (0, D("0"))


def test_two_payments_each_with_its_mapping(bijou_catalogue):
    payments = (Payment("cheque", "Chèque", D("100.00"), datetime(2026, 11, 21)),
                Payment("gift_card", "Carte cadeau", D("147.99"), datetime(2026, 11, 20, 9, 31)))
    settings = bijou_settings(payments={**BIJOU_PAYMENTS, "amount": "payments", "date": "payment"})
    draft = build(order_91(payments=payments), settings, bijou_catalogue)
    assert [(p.method, p.journal, p.amount, p.date, p.label) for p in draft.payments] == [
        (2, "BQ1", D("100.00"), datetime(2026, 11, 21), "Jean DURAND - 91"),
        (1, "BQ1", D("147.99"), datetime(2026, 11, 20, 9, 31), "Jean DURAND - 91"),
    ]


def test_one_payment_of_the_total_and_none_when_the_row_says_not_to_create(settings, bijou_catalogue):
    assert [p.amount for p in build(order_91(), settings, bijou_catalogue).payments] == [D("247.99")]
    cod = order_91(payments=(Payment("cod", "Paiement à la livraison", D("247.99")),))
    assert build(cod, settings, bijou_catalogue).payments == ()


def _rounding_order():
    # Three lines of 10.33 excl. tax: the shop rounds the tax per line (3 x 2.07 = 6.21), the
    # back office on the base (30.99 x 20 % = 6.198 -> 6.20): one cent apart.
    lines = tuple(line(ref, "1", "10.33", "2.07", line_id=ref) for ref in ("BAOR01", "CHORFA", "CHSR10"))
    return order("14", lines, "37.20", "6.21")


def test_a_rounding_difference_becomes_an_ecart_line_when_asked(bijou_catalogue):
    draft = build(_rounding_order(), bijou_settings(totals={"ecart_line": True}), bijou_catalogue)
    ecart = draft.lines[-1]
    assert (ecart.kind, ecart.article, ecart.unit_price, ecart.tax_code) == (LineKind.ECART, "ECART", D("0.01"), None)
    assert document_totals(draft.lines, None, False).included == D("37.20")


def test_a_rounding_difference_is_an_error_when_not_asked(settings, bijou_catalogue):
    with pytest.raises(OrderRejected, match="37.19.*37.20"):
        build(_rounding_order(), settings, bijou_catalogue)


def test_net_prices_only_folds_the_coupon_into_the_lines(bijou_catalogue):
    draft = build(order_91(), bijou_settings(lines={"order_discount": "net_prices"}), bijou_catalogue)
    assert [(l.article, l.unit_price) for l in draft.lines if l.kind is LineKind.PRODUCT] == [
        ("BAOR01", D("90.00")), ("LIVRE01", D("18.00"))]
    assert not [l for l in draft.lines if l.kind is LineKind.DISCOUNT]
    assert document_totals(draft.lines, draft.shipping, False).included == D("247.99")


def test_cart_rule_naming_an_article_uses_it(bijou_catalogue):
    rule = Discount("etui", D("6.50"), D("1.30"), "fixed_cart", description="Offert : ETUI01")
    shop = order("15", (line("BAOR01", "1", "100.00", "20.00", "93.50", "18.70"),), "112.20", "18.70",
                 discounts=(rule,))
    draft = build(shop, bijou_settings(lines={"cart_rule_article": True}), bijou_catalogue)
    assert summary(draft)[-1] == ("discount", "ETUI01", D("1"), D("-6.50"), "C20")


def test_ecotax_is_taken_out_of_the_unit_price(bijou_catalogue):
    shop = order("16", (line("MONTRE01", "2", "178.00", "35.60"),), "213.60", "35.60")
    draft = build(shop, bijou_settings(lines={"remove_ecotax": True}), bijou_catalogue)
    (watch,) = draft.lines
    assert (watch.unit_price, watch.ecotax, watch.ecotax_code) == (D("88.50"), D("0.50"), "ECO")
    assert watch.amount() == D("178.00")


def test_substitute_article_when_out_of_stock(bijou_catalogue):
    catalogue = replace(bijou_catalogue, articles={
        **bijou_catalogue.articles, "CHORFA": replace(bijou_catalogue.articles["CHORFA"], substitute="CHAOR42")})
    shop = order("17", (line("CHORFA", "8", "800.00", "160.00"),), "960.00", "160.00")  # 7 in stock
    draft = build(shop, bijou_settings(lines={"substitute_unavailable": True}), catalogue)
    assert draft.lines[0].article == "CHAOR42"
    assert build(shop, bijou_settings(), catalogue).lines[0].article == "CHORFA"


def test_header_from_the_mappings(bijou_catalogue):
    settings = bijou_settings(
        header={"date": "today", "series": 1, "warehouse": 2, "delivery_days": 3, "messages": "none"},
        accounting_categories={"zones": {"UE": ["BE", "DE"]}, "rows": [{"where": "UE", "with_tax": 3, "without_tax": 3},
                                                                      {"where": "FR", "with_tax": 1, "without_tax": 2}]},
        carriers={"rows": [{"shop": "Chronopost", "mode": 2}], "default": 1})
    draft = build(order_91(shipping_lines=(shipping("8.33", "1.67", "flat_rate:3", "Chronopost"),)), settings,
                  bijou_catalogue)
    assert (draft.date, draft.delivery_date, draft.series, draft.warehouse) == (
        TODAY, datetime(2026, 11, 26, 10, 0), 1, 2)
    assert (draft.accounting_category, draft.shipping_mode) == (1, 2)
    assert not [l for l in draft.lines if l.kind is LineKind.COMMENT]
    belgian = order_91(shipping=replace(order_91().shipping, country="BE"))
    assert build(belgian, settings, bijou_catalogue).accounting_category == 3


def test_status_selection(settings):
    assert status_rule(order_91(status="pending"), settings) is None
    completed = status_rule(order_91(status="completed"), settings)
    assert (completed.document, completed.document_status) == ("invoice", "accepted")
    off = bijou_settings(statuses={"processing": {"import_order": False}})
    assert status_rule(order_91(), off) is None


def test_missing_special_article_refused_before_anything(bijou_catalogue):
    check_special_articles(bijou_settings(), bijou_catalogue)
    with pytest.raises(ConfigError, match="ne peut pas démarrer : import_orders.special_articles.emballage n'est pas renseigné"):
        check_special_articles(bijou_settings(special_articles={"emballage": None, "remise": {"C20": "REMISE20",
                               "C10": "REMISE10", "C55": "REMISE55", "C00": "REMISE0"}}), bijou_catalogue)
    with pytest.raises(ConfigError, match="divers = NOPE n'est pas un article"):
        check_special_articles(bijou_settings(special_articles={"divers": "NOPE", "remise": {"C20": "REMISE20",
                               "C10": "REMISE10", "C55": "REMISE55", "C00": "REMISE0"}}), bijou_catalogue)
    no_remise = bijou_settings(special_articles={"remise": {}})
    with pytest.raises(ConfigError, match="remise.C10 n'est pas renseigné"):
        check_special_articles(no_remise, bijou_catalogue)


def test_line_tax_from_rate_when_the_name_is_unknown(settings, bijou_catalogue):
    flowers = replace(TVA55, rate_id="3", label="Taux réduit", rate_percent=D("10"))
    shop = order("18", (line("FLEUR01", "1", "25.00", "2.50", rate_id="3"),), "27.50", "2.50", taxes=(flowers,))
    assert build(shop, settings, bijou_catalogue).lines[0].tax_code == "C10"


def test_line_taxes_are_read_from_the_line(settings, bijou_catalogue):
    shop = order("19", (replace(line("BAOR01", "1", "100.00", "20.00"), taxes=(LineTax("1", D("20.00"), D("20.00")),)),),
                 "120.00", "20.00")
    assert build(shop, settings, bijou_catalogue).lines[0].tax_code == "C20"


def test_recording_92_read_by_the_connector_gives_the_same_document(settings, bijou_catalogue):
    """The recorded WooCommerce answer itself (SKUs renamed to the Bijou articles)."""
    import json
    from pathlib import Path

    from gescom_sync.shops.woocommerce import orders as woo_orders

    recordings = Path(__file__).parents[2] / "sandbox" / "recordings" / "woocommerce-10.0"
    recorded = json.loads((recordings / "92_GET_orders_ID_two_tax_rates_200.json").read_text(encoding="utf-8"))
    for item, sku in zip(recorded["line_items"], ("BAOR01", "LIVRE01"), strict=True):
        item["sku"] = sku
    shop = woo_orders.order(recorded)
    draft = build(replace(shop, status="processing"), settings, bijou_catalogue)
    assert [(l.article, l.unit_price) for l in draft.lines if l.kind is LineKind.DISCOUNT] == [
        ("REMISE20", D("-20.00")), ("REMISE55", D("-2.00"))]
    totals = document_totals(draft.lines, draft.shipping, False)
    assert (totals.tax, totals.included) == (D("39.16"), D("247.99")) == (shop.total_tax, shop.total)


def test_a_negative_fee_is_a_discount_split_per_tax_code(settings, bijou_catalogue):
    from gescom_sync.model.order import FeeLine

    lines = (line("BAOR01", "1", "100.00", "20.00"), line("LIVRE01", "1", "100.00", "5.50", rate_id="2", line_id="2"))
    fidelity = FeeLine("f9", "Remise fidélité", D("-20.00"), D("-2.55"), (LineTax("1", D("-2.00")),
                                                                          LineTax("2", D("-0.55"))))
    shop = order("20", lines, "202.95", "22.95", fee_lines=(fidelity,))
    draft = build(shop, settings, bijou_catalogue)
    assert [(l.article, l.unit_price) for l in draft.lines if l.kind is not LineKind.PRODUCT] == [
        ("REMISE20", D("-10.00")), ("REMISE55", D("-10.00"))]
    assert document_totals(draft.lines, None, False).included == D("202.95")


def test_free_shipping_needs_no_tax_code(settings, bijou_catalogue):
    free = ShippingLine("s1", "free_shipping", "Livraison gratuite", D("0"), D("0"), ())
    shop = order("8", (line("BAOR01", "1", "100.00", "20.00"),), "120.00", "20.00", shipping_lines=(free,))
    for as_line in (False, True):
        draft = build(shop, bijou_settings(shipping={"as_line": as_line}), bijou_catalogue)
        assert draft.shipping is None and not [l for l in draft.lines if l.kind is LineKind.SHIPPING]
        assert document_totals(draft.lines, None, False).included == D("120.00")
