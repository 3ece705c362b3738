"""The hook after an import (issue 7: "leave the hook" for the e-mail after orders or quotes
were created): listeners of the entry-point group ``gescom_sync.after_import_orders`` get the
documents a run created, with their figures; a failing listener leaves the import as it is."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from importlib.metadata import EntryPoint
from typing import Any

import pytest

from gescom_sync.mapping.orders import DocumentType
from gescom_sync.operations.import_orders import CreatedDocument, after_import
from gescom_sync.profiles import load_profile
from tests.operations.order_support import PAID_STATUS, bindings, cli, configure, stock_the_shop
from tests.operations.shop_state import place_order, placed_at

DELIVERY = {"woocommerce": {"shipping": D("8.33")}, "prestashop": {"carrier": 2}}
TOTALS = {  # a guest's ring, then a guest's book
    # 100.00 + 20.00 + 8.33 + 1.67 = 130.00; 20.00 + 1.10 + 8.33 + 1.67 = 31.10
    "woocommerce": (D("130.00"), D("31.10")),
    # 120.00 shipped free (from 100.00); 21.10 + 7.50 + 1.50 = 30.10 (carrier 2 below 50.00)
    "prestashop": (D("120.00"), D("30.10")),
}

RECEIVED: list[tuple[str, tuple[CreatedDocument, ...]]] = []


def remember(profile: Any, documents: tuple[CreatedDocument, ...]) -> None:
    RECEIVED.append((profile.name, documents))


def shop_secret(profile: Any) -> str:
    shop = profile.shop
    return (shop.consumer_secret if shop.type == "woocommerce" else shop.api_key).get_secret_value()


def refuse(profile: Any, documents: tuple[CreatedDocument, ...]) -> None:
    # a careless listener puts a secret of the profile in its error: the journal masks it
    raise ConnectionRefusedError(f"the mail server smtp.example.org refused the connection (key {shop_secret(profile)})"
                                 "\nsecond line")


@pytest.fixture
def guest_orders(profile: str, sandbox: Any, shop: str) -> list[str]:
    stock_the_shop(sandbox)
    configure(profile, shop)
    return [place_order(shop, sandbox, [(sku, 1)], status=PAID_STATUS[shop], **DELIVERY[shop]) for sku in ("BAOR01", "LIVRE01")]


@pytest.fixture
def listeners(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Install listeners (name -> function of this module) as an installed package would."""
    RECEIVED.clear()

    def install(**functions: str) -> None:
        entries = [EntryPoint(name, f"{__name__}:{function}", after_import.ENTRY_POINT_GROUP)
                   for name, function in functions.items()]
        monkeypatch.setattr(after_import, "entry_points",
                            lambda group: entries if group == after_import.ENTRY_POINT_GROUP else [])
    return install


def test_listeners_get_the_documents_created_once(profile, shop, guest_orders, listeners):
    listeners(notify="remember")
    assert cli("import", "orders").exit_code == 0
    ring, book = guest_orders  # the same guest (e-mail) twice: one account, WEB + the first order's id
    assert RECEIVED == [(profile, (
        CreatedDocument("BC00033", DocumentType.ORDER, f"WEB{ring:0>6}", TOTALS[shop][0], (ring,)),
        CreatedDocument("BC00034", DocumentType.ORDER, f"WEB{ring:0>6}", TOTALS[shop][1], (book,))))]

    assert cli("import", "orders").exit_code == 0  # nothing created: nobody is told
    assert len(RECEIVED) == 1


def test_a_dry_run_tells_no_one(guest_orders, listeners):
    listeners(notify="remember")
    assert cli("import", "orders", "--dry-run").exit_code == 0
    assert RECEIVED == []


def test_a_failing_listener_is_a_warning_and_the_import_stands(profile, guest_orders, listeners):
    listeners(mail="refuse", notify="remember")
    result = cli("import", "orders")
    assert result.exit_code == 0, result.output
    assert "After the import, mail failed: the mail server smtp.example.org refused the connection (key ***)" \
        in result.output
    assert shop_secret(load_profile(profile)) not in result.output
    assert "second line" not in result.output
    assert len(RECEIVED) == 1 and len(RECEIVED[0][1]) == 2  # the other listener still told
    assert set(bindings(profile)) == set(guest_orders)


def test_a_days_group_is_one_document_for_its_orders(profile, sandbox, shop, listeners):
    stock_the_shop(sandbox)
    configure(profile, shop, grouping={"orders": "guests", "account": "COMPTOIR"})
    yesterday = datetime.now(UTC).replace(hour=10, minute=0, second=0, microsecond=0) - timedelta(days=1)
    with placed_at(sandbox, yesterday):
        ring, book = (place_order(shop, sandbox, [(sku, 1)], status=PAID_STATUS[shop], **DELIVERY[shop])
                      for sku in ("BAOR01", "LIVRE01"))
    listeners(notify="remember")

    assert cli("import", "orders", "--period", "last-7-days").exit_code == 0
    # the day's two guest orders in one document on COMPTOIR, its total the sum of the shop's
    assert RECEIVED == [(profile, (CreatedDocument("BC00033", DocumentType.ORDER, "COMPTOIR", sum(TOTALS[shop]),
                                                   (ring, book)),))]
