"""An order's dates on the document are the shop's days: an order placed at 23:30 in Paris on
Thursday 5 November 2026 (22:30 UTC, Paris at UTC+1) is dated the 5th, not the 6th as in Tokyo
(07:30 on the 6th, UTC+9); one placed at 00:30 in Paris on the 6th (23:30 UTC on the 5th) is
dated the 6th, not the 5th of its UTC date."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from order_support import bijou_settings, order_91

from gescom_sync.mapping.orders import build_document, status_rule

PARIS, TOKYO = ZoneInfo("Europe/Paris"), ZoneInfo("Asia/Tokyo")
LATE = datetime(2026, 11, 5, 22, 30, tzinfo=UTC)
AFTER_MIDNIGHT = datetime(2026, 11, 5, 23, 30, tzinfo=UTC)


def draft(created_at, zone, bijou_catalogue, **blocks):
    the_order = order_91(created_at=created_at)
    settings = bijou_settings(**blocks)
    return build_document(the_order, "TOPAZ", status_rule(the_order, settings), settings, bijou_catalogue, zone=zone)


def test_the_document_and_its_payment_are_dated_on_the_shops_day(bijou_catalogue):
    late = draft(LATE, PARIS, bijou_catalogue, header={"reference_template": "Web %OD"},
                 payments=bijou_settings().payments.model_dump() | {"label_template": "%OD"})
    assert late.date == datetime(2026, 11, 5, 23, 30)  # the Paris clock, naive as the back office keeps it
    assert (late.reference, [(p.date, p.label) for p in late.payments]) == (
        "Web 2026-11-05", [(datetime(2026, 11, 5, 23, 30), "2026-11-05")])
    assert draft(LATE, TOKYO, bijou_catalogue).date == datetime(2026, 11, 6, 7, 30)
    assert draft(AFTER_MIDNIGHT, PARIS, bijou_catalogue).date == datetime(2026, 11, 6, 0, 30)


def test_today_is_the_shops_today(bijou_catalogue):
    the_order = replace(order_91(), created_at=LATE)
    settings = bijou_settings(header={"date": "today"})
    now_in_tokyo = datetime(2026, 11, 6, 7, 45, tzinfo=TOKYO)  # 22:45 UTC on the 5th: 23:45 in Paris
    built = build_document(the_order, "TOPAZ", status_rule(the_order, settings), settings, bijou_catalogue,
                           today=now_in_tokyo, zone=PARIS)
    assert built.date == datetime(2026, 11, 5, 23, 45)
