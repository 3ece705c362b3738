"""Grouping per day (SPEC §3.6): one document per day on the grouping account, lines and
payments merged, totals checked to the cent."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from decimal import Decimal as D

import pytest
from order_support import BIJOU_PAYMENTS, CREATED, bijou_settings, line, order
from pydantic import ValidationError

from gescom_sync.journal.render import Renderer
from gescom_sync.mapping.orders import (
    GroupedDraft,
    LineKind,
    OrderRejected,
    ShippingFooter,
    build_document,
    document_totals,
    group_by_day,
    status_rule,
)
from gescom_sync.model.order import Payment

TODAY = datetime(2026, 11, 23, 10, 0)


def ring_order(order_id: str, quantity: str, hour: int, guest: bool = True, method: str = "cheque",
               day: int = 20):
    """BAOR01 at 10.33 excl. tax; the shop rounds the tax per line (1 ring: 2.07, 2 rings: 4.13)."""
    subtotal = D("10.33") * D(quantity)
    tax = (subtotal * D("0.2")).quantize(D("0.01"))
    total = subtotal + tax
    return order(order_id, (line("BAOR01", quantity, str(subtotal), str(tax)),), str(total), str(tax),
                 created_at=CREATED.replace(day=day, hour=hour), customer_id=None if guest else "70",
                 payments=(Payment(method, method, total),))


def book_order(order_id: str):
    """A customer's order the same day: LIVRE01 20.00 + 1.10 of tax at 5.5 %."""
    return order(order_id, (line("LIVRE01", "1", "20.00", "1.10", rate_id="2"),), "21.10", "1.10",
                 created_at=CREATED.replace(hour=16), customer_id="70")


ORDERS = [ring_order("301", "1", 9), ring_order("302", "1", 15), ring_order("303", "2", 18, method="bacs"),
          book_order("304"), ring_order("305", "1", 10, day=21)]


def drafts(settings, catalogue, orders=ORDERS):
    return [build_document(o, "TOPAZ", status_rule(o, settings), settings, catalogue, today=TODAY) for o in orders]


def grouping(orders="guests", **changes):
    return bijou_settings(grouping={"orders": orders, "account": "COMPTOIR", **changes},
                          totals={"ecart_line": True}, payments=BIJOU_PAYMENTS)


def test_guest_orders_of_a_day_become_one_document_on_the_grouping_account(bijou_catalogue):
    settings = grouping()
    day20, customer, day21 = group_by_day(drafts(settings, bijou_catalogue), settings)

    assert day20.shop_order_ids == ("301", "302", "303")
    assert customer == GroupedDraft(customer.draft, ("304",)) and customer.draft.account == "TOPAZ"
    assert day21.shop_order_ids == ("305",)
    draft = day20.draft
    assert (draft.account, draft.shop_order_id, draft.grouped_order_ids, draft.date, draft.reference) == (
        "COMPTOIR", "301", ("301", "302", "303"), datetime(2026, 11, 20), "Web du 20/11/2026")
    # 4 rings merged: 41.32 excl. tax, 8.26 of tax on the base = 49.58; the shops' totals add up
    # to 12.40 + 12.40 + 24.79 = 49.59 (tax rounded per order): an Écart line of 0.01
    assert [(l.kind, l.article, l.quantity, l.unit_price) for l in draft.lines] == [
        (LineKind.PRODUCT, "BAOR01", D("4"), D("10.33")), (LineKind.ECART, "ECART", D("1"), D("0.01"))]
    assert document_totals(draft.lines, draft.shipping, False).included == draft.expected_total == D("49.59")
    # payments merged per method, on the group's day
    assert [(p.method, p.amount, p.date, p.label) for p in draft.payments] == [
        (2, D("24.80"), datetime(2026, 11, 20), "Commandes web du 20/11/2026"),
        (3, D("24.79"), datetime(2026, 11, 20), "Commandes web du 20/11/2026")]


def test_all_orders_of_the_day_with_lines_kept_apart(bijou_catalogue):
    settings = grouping("all", merge_lines=False, merge_payments=False)
    day20, day21 = group_by_day(drafts(settings, bijou_catalogue), settings)
    assert day20.shop_order_ids == ("301", "302", "303", "304") and day21.shop_order_ids == ("305",)
    draft = day20.draft
    assert [(l.article, l.quantity) for l in draft.lines if l.kind is LineKind.PRODUCT] == [
        ("BAOR01", D("1")), ("BAOR01", D("1")), ("BAOR01", D("2")), ("LIVRE01", D("1"))]
    assert [p.amount for p in draft.payments] == [D("12.40"), D("12.40"), D("24.79"), D("21.10")]
    assert document_totals(draft.lines, draft.shipping, False).included == D("70.69") == draft.expected_total
    assert not draft.guest


def test_a_group_off_by_a_cent_gets_its_ecart_line_even_when_orders_would_fail_without(bijou_catalogue):
    settings = grouping()
    settings = settings.model_copy(update={"totals": settings.totals.model_copy(update={"ecart_line": False})})
    day20 = group_by_day(drafts(settings, bijou_catalogue), settings)[0]
    # each order matched its own total; the 0.01 comes from taxing the 4 rings' base once (49.58 vs 49.59)
    assert day20.shop_order_ids == ("301", "302", "303")
    assert [(l.kind, l.unit_price) for l in day20.draft.lines if l.kind is LineKind.ECART] == [
        (LineKind.ECART, D("0.01"))]
    assert Renderer("fr").text(day20.draft.warnings[-1]) == (
        "Commandes 301, 302, 303 : la TVA de la pièce regroupée, arrondie une fois sur les bases de la journée, "
        "diffère de 0.01 de celle des commandes ; une ligne d'écart porte le total à 49.59.")


def test_an_order_off_on_its_own_still_fails_before_grouping(bijou_catalogue):
    settings = grouping()
    settings = settings.model_copy(update={"totals": settings.totals.model_copy(update={"ecart_line": False})})
    three_rings = ring_order("306", "3", 11)  # the shop rounds per unit: 3 x 2.07 = 6.21 against 6.20 on the base
    three_rings = replace(three_rings, total=D("37.20"), lines=(line("BAOR01", "3", "30.99", "6.21"),))
    with pytest.raises(OrderRejected, match="37.19"):
        build_document(three_rings, "COMPTOIR", status_rule(three_rings, settings), settings, bijou_catalogue,
                       today=TODAY)


def test_shipping_footers_add_up_and_documents_of_other_types_stay_apart(bijou_catalogue):
    settings = grouping()
    first, second, third = drafts(settings, bijou_catalogue, ORDERS[:3])
    with_shipping = [replace(first, shipping=ShippingFooter(D("4.17"), "C20", D("20")),
                             expected_total=first.expected_total + D("5.00")),
                     replace(second, shipping=ShippingFooter(D("4.17"), "C20", D("20")),
                             expected_total=second.expected_total + D("5.00")),
                     replace(third, document_type=third.document_type.INVOICE)]
    grouped, invoice = group_by_day(with_shipping, settings)
    assert grouped.shop_order_ids == ("301", "302") and invoice.shop_order_ids == ("303",)
    assert (grouped.draft.shipping.amount, grouped.draft.shipping.tax_code) == (D("8.34"), "C20")
    assert document_totals(grouped.draft.lines, grouped.draft.shipping, False).included == D("34.80")


def test_without_grouping_every_draft_is_its_own_document(settings, bijou_catalogue):
    made = drafts(settings, bijou_catalogue, ORDERS[3:])
    assert group_by_day(made, settings) == [GroupedDraft(made[0], ("304",)), GroupedDraft(made[1], ("305",))]


def test_grouping_needs_its_account():
    with pytest.raises(ValidationError, match="grouping.account"):
        bijou_settings(grouping={"orders": "all"})


def test_a_guest_order_is_flagged_on_its_draft(settings, bijou_catalogue):
    guest, customer = drafts(settings, bijou_catalogue, [ORDERS[0], ORDERS[3]])
    assert (guest.guest, customer.guest) == (True, False)
