"""Shop accounts read for the prospects import, as PrestaShop 8.1's JSON gives them: empty
fields dropped, numbers as strings, ``date=1`` for the ``date_upd`` interval, pages of 100
(``limit=offset,count``), each page's addresses and orders read once."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from gescom_sync.shops.prestashop import PrestaShopConnector
from tests.shops.prestashop.conftest import Replay, json_response

TOPAZ = {"id": 1, "id_default_group": "3", "lastname": "Lefèvre", "firstname": "Marie",
         "email": "contact@bijouterie-topaz.fr", "newsletter": "1", "company": "Bijouterie Topaz",
         "siret": "48271635900027", "note": "TOPAZ", "active": "1", "is_guest": "0",
         "date_add": "2026-11-20 09:00:00", "date_upd": "2026-11-21 10:30:00"}  # website, ape... dropped: empty
BILLING = {"id": 4, "id_customer": "1", "id_country": "8", "alias": "Billing", "company": "Bijouterie Topaz",
           "lastname": "Lefèvre", "firstname": "Marie", "address1": "15 rue de la République", "postcode": "69002",
           "city": "Lyon", "phone_mobile": "0601020304", "vat_number": "FR58482716359"}
HOME = {"id": 9, "id_customer": "101", "id_country": "17", "alias": "Mon adresse", "lastname": "Smith",
        "firstname": "James", "address1": "1 Hatton Garden", "postcode": "EC1N 8AA", "city": "London"}


def customer(number: int) -> dict[str, object]:
    if number == 1:
        return TOPAZ
    return {"id": number, "lastname": f"Client{number}", "firstname": "Jean", "email": f"client{number}@example.fr",
            "newsletter": "0", "date_upd": "2026-11-21 11:00:00"}


def customers_page(request: httpx.Request) -> httpx.Response:
    offset, count = (int(n) for n in request.url.params["limit"].split(","))
    return json_response({"customers": [customer(n) for n in range(offset + 1, min(offset + count, 101) + 1)]})


def by_customer(resource: str, rows: list[dict[str, object]]):
    def answer(request: httpx.Request) -> httpx.Response:
        wanted = request.url.params["filter[id_customer]"].strip("[]").split("|")
        found = [row for row in rows if str(row["id_customer"]) in wanted]
        return json_response({resource: found} if found else [])  # PrestaShop's empty list is []

    return answer


def test_accounts_are_read_a_page_at_a_time_with_their_addresses(presta: PrestaShopConnector, replay: Replay):
    replay.on("GET", "/api/customers", customers_page)
    replay.on("GET", "/api/addresses", by_customer("addresses", [BILLING, HOME]))
    replay.on("GET", "/api/orders", by_customer("orders", [{"id": 5, "id_customer": "101"}]))
    replay.on("GET", "/api/countries", json_response({"countries": [{"id": 8, "iso_code": "FR"},
                                                                    {"id": 17, "iso_code": "GB"}]}))

    accounts = list(presta.read_customers(modified_after=datetime(2026, 11, 20, 8, 0)))

    assert len(accounts) == 101
    topaz, london = accounts[0], accounts[-1]
    assert (topaz.id, topaz.email, topaz.first_name, topaz.has_ordered) == (
        "1", "contact@bijouterie-topaz.fr", "Marie", False)
    assert topaz.modified_at == datetime(2026, 11, 21, 9, 30, tzinfo=UTC)  # 10:30 in Paris
    assert dict(topaz.meta) == {"company": "Bijouterie Topaz", "siret": "48271635900027", "erp_account": "TOPAZ",
                                "vat_number": "FR58482716359", "newsletter": "1"}
    assert (topaz.billing.line1, topaz.billing.country, topaz.billing.phone) == (
        "15 rue de la République", "FR", "0601020304")
    assert topaz.shipping == topaz.billing
    assert (london.id, london.has_ordered, london.billing.city, london.billing.country) == ("101", True, "London", "GB")
    assert (accounts[1].billing.line1, accounts[1].billing.last_name) == ("", "Client2")  # no address: the names

    pages = [r.url.params for r in replay.sent("GET", "/api/customers")]
    assert [p["limit"] for p in pages] == ["0,100", "100,100"]
    assert {(p["date"], p["filter[date_upd]"], p["filter[deleted]"], p["filter[is_guest]"]) for p in pages} == {
        ("1", "[2026-11-20 08:00:00,2100-01-01 00:00:00]", "[0]", "[0]")}
    addresses = [r.url.params["filter[id_customer]"] for r in replay.sent("GET", "/api/addresses")]
    assert len(addresses) == 2 and addresses[1] == "[101]"
    assert len(replay.sent("GET", "/api/orders")) == 2
