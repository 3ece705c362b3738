"""Bijou accounts through the WooCommerce sandbox and back: the shop takes the mapped
records, and a shop account read back finds its back-office account again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gescom_sync.backoffice.sage100 import Sage100BackOffice
from gescom_sync.mapping.customers import Disposition, ExportContext, map_customer, resolve_account, select_prospects
from gescom_sync.profiles.customers import CustomerRules, ExportCustomersSettings
from gescom_sync.shops import WriteOutcome
from tests.shops.conftest import Shop, make_shop


@pytest.fixture
def shop(tmp_path: Path) -> Iterator[Shop]:
    built = make_shop(tmp_path)
    yield built
    built.sandbox.store.close()


@pytest.fixture
def writable_sage(bijou_copy: Path) -> Iterator[Sage100BackOffice]:
    with Sage100BackOffice.from_url(bijou_copy) as backoffice:
        yield backoffice


def test_exported_accounts_are_accepted_and_found_again(shop: Shop, writable_sage: Sage100BackOffice):
    context = ExportContext(countries=writable_sage.country_codes(), standings=writable_sage.customer_standings())
    settings = ExportCustomersSettings(contacts_as="accounts")
    mapped = [map_customer(c, settings, context) for c in writable_sage.customers()]
    records = [r for m in mapped if m.disposition is Disposition.EXPORT for r in (m.record, *m.contacts)]
    woo = shop.make()
    try:
        results = woo.write_customers(records)
        assert [r.outcome for r in results] == [WriteOutcome.CREATED] * len(records)
        accounts = {a.email: a for a in select_prospects(woo.read_customers())}
    finally:
        woo.close()
    assert len(accounts) == len(records) == 10  # 6 accounts + 4 contacts with an e-mail
    topaz = shop.sandbox.customers.customer(int(results[[r.key for r in records].index("TOPAZ")].shop_id))
    meta = {m["key"]: m["value"] for m in topaz["meta_data"]}
    assert (meta["erp_account"], meta["siret"], meta["payment_days"]) == ("TOPAZ", "48271635900027", "30")
    assert (topaz["billing"]["country"], topaz["shipping"]["city"]) == ("FR", "Lyon")

    with writable_sage.customer_writer() as writer:
        rules = CustomerRules(template_account="WEBMODELE", match_by_email=False)
        julien = resolve_account(writer, accounts["julien.moreau@bijouterie-topaz.fr"], rules)
        london = resolve_account(writer, accounts["orders@londonjewels.example"], rules)
    assert (julien.account, julien.matched_by, julien.created) == ("TOPAZ", "erp_account", False)
    assert (london.account, london.matched_by) == ("LONDON", "erp_account")
