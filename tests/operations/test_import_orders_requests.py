"""What the order import asks the shop, counted request by request on the WooCommerce sandbox:
the statuses of the orders imported go in one ``orders/batch`` call (100 a call), the notes
are read only for the orders imported (and only when ``header.messages`` wants them), and a
re-run over orders already imported reads the order pages and nothing else (and, once a run,
the site's time zone from WordPress's index ``/wp-json/``). Registered customers' VAT numbers
are read for the orders imported only, 100 customers a request.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from gescom_sync.http import ShopHttpClient
from tests.operations.order_support import (
    bindings,
    cli,
    configure,
    order_body,
    place_orders,
    shop_connector,
    shop_customer,
    shop_statuses,
    stock_the_shop,
)

ORDERS = 30
ID = re.compile(r"/\d+")
INDEX = {"GET /wp-json/": 1}  # the shop's time zone, read once a run (its days are the periods')


@pytest.fixture
def shop() -> str:
    return "woocommerce"


@pytest.fixture
def requests(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """Every request the connector sends, as "METHOD path" with ids as ``<id>``."""
    sent: Counter[str] = Counter()
    attempt = ShopHttpClient._attempt

    def counted(self: ShopHttpClient, request: httpx.Request, number: int) -> Any:
        path = ID.sub("/<id>", request.url.path.removeprefix("/wp-json/wc/v3/"))
        sent[f"{request.method} {path}"] += 1
        return attempt(self, request, number)

    monkeypatch.setattr(ShopHttpClient, "_attempt", counted)
    yield sent


@pytest.fixture
def thirty_orders(profile: str, sandbox: Any) -> list[str]:
    """30 paid guest orders of one ring; the notes go into the document (``header.messages``)."""
    stock_the_shop(sandbox)
    placed = place_orders(sandbox, [order_body(1, 0, customer=n) for n in range(ORDERS)])
    return [str(o["id"]) for o in placed]


def test_statuses_go_in_one_batch_and_notes_are_read_for_the_orders_imported_only(profile, sandbox, thirty_orders,
                                                                                  requests):
    configure(profile, header={"messages": "all", "reference_template": "Web %OI"})
    first = cli("import", "orders")
    assert first.exit_code == 0, first.output
    assert requests == Counter({"GET orders": 1, "GET orders/<id>/notes": ORDERS, "POST orders/batch": 1, **INDEX})
    assert len(bindings(profile)) == ORDERS
    assert shop_statuses(sandbox) == dict.fromkeys(thirty_orders, "completed")


def test_a_re_run_over_imported_orders_reads_only_the_order_pages(profile, sandbox, thirty_orders, requests):
    configure(profile, statuses={"processing": {"document": "order"}},  # the orders stay selected
              header={"messages": "all", "reference_template": "Web %OI"})
    assert cli("import", "orders").exit_code == 0
    requests.clear()

    again = cli("import", "orders", "--period", "today")
    assert again.exit_code == 0, again.output
    assert len(bindings(profile)) == ORDERS
    assert requests == Counter({"GET orders": 1, **INDEX})


def test_without_messages_no_note_is_read(profile, sandbox, thirty_orders, requests):
    configure(profile)  # header.messages: none
    assert cli("import", "orders").exit_code == 0
    assert requests == Counter({"GET orders": 1, "POST orders/batch": 1, **INDEX})


def test_the_notes_of_several_orders_are_read_in_order_of_writing(sandbox, thirty_orders):
    first, second = thirty_orders[:2]
    with shop_connector(sandbox) as shop:
        for text in ("Paquet cadeau", "Livrer après 18 h"):
            assert shop.add_order_note(first, text, customer_visible=text == "Paquet cadeau").ok
        messages = shop.read_order_messages([first, second])
    assert [(m.text, m.customer_visible) for m in messages[first] if m.text in ("Paquet cadeau", "Livrer après 18 h")] \
        == [("Paquet cadeau", True), ("Livrer après 18 h", False)]
    assert set(messages) == {first, second}


def test_registered_customers_vat_numbers_are_read_for_the_orders_imported_only(profile, sandbox, requests):
    stock_the_shop(sandbox)
    configure(profile)  # customer rules per customer, matching by VAT number (the defaults)
    customers = [shop_customer(sandbox, n) for n in range(3)]
    place_orders(sandbox, [order_body(1, 0, customer=n, customer_id=customers[n]) for n in range(3)])
    requests.clear()

    assert cli("import", "orders").exit_code == 0
    # one request for the three customers (none of the orders has a VAT number of its own)
    assert requests == Counter({"GET orders": 1, "GET customers": 1, "POST orders/batch": 1, **INDEX})
    requests.clear()
    assert cli("import", "orders", "--period", "today").exit_code == 0
    assert requests == Counter({"GET orders": 1, **INDEX})
