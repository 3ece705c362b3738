"""Lot choice by the four methods, payment difference entries and customer-level payments
(SPEC §3.6), with the Bijou figures."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D

import pytest
from order_support import BIJOU_PAYMENTS, bijou_settings, line, order, order_91
from pydantic import ValidationError

from gescom_sync.demo.data import F_LOTSERIE
from gescom_sync.mapping.orders import Lot, LotMethod, build_document, pick_lots, status_rule
from gescom_sync.model.order import Payment

TODAY = datetime(2026, 11, 23, 10, 0)

# NETARG's lots in the demo database: LOT2511 exhausted, LOT2601 made first (12 left),
# LOT2604 expires first (30 left), LOT2609 newest and last to expire (60 left).
NETARG_LOTS = [Lot(row["LS_NoSerie"], row["LS_QteRestant"], row["LS_Fabrication"], row["LS_Peremption"])
               for row in F_LOTSERIE]


def taken(method: LotMethod, quantity: str) -> tuple[list[tuple[str, D]], D]:
    pick = pick_lots(NETARG_LOTS, D(quantity), method)
    return [(lot.number, share) for lot, share in pick.taken], pick.missing


@pytest.mark.parametrize(("method", "expected"), [
    (LotMethod.OLDEST_MANUFACTURING, [("LOT2601", D("12")), ("LOT2604", D("8"))]),
    (LotMethod.NEWEST_MANUFACTURING, [("LOT2609", D("20"))]),
    (LotMethod.NEAREST_EXPIRY, [("LOT2604", D("20"))]),
    (LotMethod.FARTHEST_EXPIRY, [("LOT2609", D("20"))]),
])
def test_twenty_units_by_each_method(method, expected):
    assert taken(method, "20") == (expected, D("0"))


def test_a_quantity_spread_over_three_lots_in_expiry_order():
    assert taken(LotMethod.NEAREST_EXPIRY, "50") == (
        [("LOT2604", D("30")), ("LOT2601", D("12")), ("LOT2609", D("8"))], D("0"))
    assert taken(LotMethod.FARTHEST_EXPIRY, "70") == ([("LOT2609", D("60")), ("LOT2601", D("10"))], D("0"))


def test_not_enough_lots_says_what_is_missing():
    lots, missing = taken(LotMethod.OLDEST_MANUFACTURING, "110")
    assert sum(share for _number, share in lots) == D("102") and missing == D("8")


def test_lots_without_the_date_come_last_and_serials_are_lots_of_one():
    serials = [Lot("SN-3", D("1"), datetime(2026, 5, 1)), Lot("SN-1", D("1")), Lot("SN-2", D("1"), datetime(2026, 2, 1))]
    pick = pick_lots(serials, D("2"), LotMethod.OLDEST_MANUFACTURING)
    assert [(lot.number, share) for lot, share in pick.taken] == [("SN-2", D("1")), ("SN-3", D("1"))]


def build(the_order, settings, catalogue):
    return build_document(the_order, "TOPAZ", status_rule(the_order, settings), settings, catalogue, today=TODAY)


def test_the_lot_settings_reach_the_draft(bijou_catalogue):
    draft = build(order_91(), bijou_settings(lines={"lots": {"method": "nearest_expiry",
                                                             "when_short": "leave_unassigned"}}), bijou_catalogue)
    assert (draft.lot_method, draft.lots_fail_when_short) == (LotMethod.NEAREST_EXPIRY, False)
    plain = build(order_91(), bijou_settings(), bijou_catalogue)
    assert (plain.lot_method, plain.lots_fail_when_short) == (None, True)


DIFFERENCE = {"enabled": True, "tolerance": "0.05", "account": "6580000", "journal": "OD"}


def paid(amount: str):
    return order_91(payments=(Payment("cheque", "Chèque", D(amount)),))


def payment_settings(**changes):
    return bijou_settings(payments={**BIJOU_PAYMENTS, "amount": "payments", "difference": DIFFERENCE, **changes})


def test_a_payment_two_cents_short_settles_the_document_with_a_difference_entry(bijou_catalogue):
    (payment,) = build(paid("247.97"), payment_settings(), bijou_catalogue).payments
    assert (payment.amount, payment.difference, payment.settles, payment.difference_account,
            payment.difference_journal) == (D("247.97"), D("0.02"), D("247.99"), "6580000", "OD")


def test_an_overpayment_within_the_tolerance_is_a_negative_difference(bijou_catalogue):
    (payment,) = build(paid("248.03"), payment_settings(), bijou_catalogue).payments
    assert (payment.difference, payment.settles) == (D("-0.04"), D("247.99"))


def test_beyond_the_tolerance_the_rest_stays_due(bijou_catalogue):
    (payment,) = build(paid("247.90"), payment_settings(), bijou_catalogue).payments
    assert (payment.difference, payment.settles, payment.difference_account) == (D("0"), D("247.90"), None)


def test_the_last_of_two_payments_carries_the_difference(bijou_catalogue):
    payments = (Payment("cheque", "Chèque", D("100.00")), Payment("gift_card", "Carte cadeau", D("147.98")))
    first, last = build(order_91(payments=payments), payment_settings(), bijou_catalogue).payments
    assert (first.difference, last.difference, first.settles + last.settles) == (D("0"), D("0.01"), D("247.99"))


def test_the_cent_the_totals_tolerance_lets_through_is_a_payment_difference(bijou_catalogue):
    # the shop's 37.20 (tax rounded per line) against the document's 37.19: paid 37.20
    lines = tuple(line(ref, "1", "10.33", "2.07", line_id=ref) for ref in ("BAOR01", "CHORFA", "CHSR10"))
    settings = bijou_settings(totals={"tolerance": "0.01"},
                              payments={**BIJOU_PAYMENTS, "difference": DIFFERENCE | {"journal": None}})
    (payment,) = build(order("14", lines, "37.20", "6.21"), settings, bijou_catalogue).payments
    assert (payment.amount, payment.difference, payment.settles, payment.difference_journal) == (
        D("37.20"), D("-0.01"), D("37.19"), "BQ1")


def test_customer_level_payments_carry_no_difference(bijou_catalogue):
    draft = build(paid("247.97"), payment_settings(customer_level=True), bijou_catalogue)
    assert draft.payments_on_account
    assert [(p.amount, p.difference) for p in draft.payments] == [(D("247.97"), D("0"))]


def test_differences_need_their_account():
    with pytest.raises(ValidationError, match="payments.difference.account"):
        bijou_settings(payments={**BIJOU_PAYMENTS, "difference": {"enabled": True}})
