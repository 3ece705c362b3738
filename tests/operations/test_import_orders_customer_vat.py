"""WooCommerce: a registered B2B customer's own VAT number matches the order to its account.

VAT number plugins keep it on the customer (user meta ``vat_number``, German Market's
``billing_vat``...), not always on the order. Topaz's buyer signs up with an e-mail the back
office does not know and Topaz's VAT number (Bijouterie Topaz's CT_Identifiant FR58482716359);
the order carries none: the import reads the customer's, and the document lands on TOPAZ.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from gescom_sync.profiles import load_profile, save_profile
from tests.operations.order_support import (
    PAID_STATUS,
    cli,
    configure,
    documents,
    header_figures,
    items,
    line_figures,
    stock_the_shop,
)
from tests.operations.shop_state import create_customer, place_order

BUYER = {"email": "achats.web@bijouterie-topaz.fr", "first_name": "Marie", "last_name": "Lefèvre",
         "billing": {"company": "Bijouterie Topaz", "address_1": "15 rue de la République", "postcode": "69002",
                     "city": "Lyon", "country": "FR"}}


@pytest.fixture
def shop() -> str:
    return "woocommerce"


@pytest.mark.parametrize("key", ["vat_number", "billing_vat"])  # WooCommerce EU VAT Number's; German Market's
def test_the_customers_vat_number_finds_the_account(profile: str, sandbox: Any, tmp_path, key: str):
    stock_the_shop(sandbox)
    configure(profile, "woocommerce")
    buyer = create_customer(sandbox, BUYER | {"meta_data": [{"key": key, "value": "FR 58 482 716 359"}]})
    order = place_order("woocommerce", sandbox, [("BAOR01", 2)], customer=buyer, status=PAID_STATUS["woocommerce"],
                        shipping=D("8.33"))

    result = cli("import", "orders")
    assert result.exit_code == 0, result.output
    database = tmp_path / "bijou.sqlite"
    (document,) = documents(database, [order])
    assert document["DO_Tiers"] == "TOPAZ"  # matched by its VAT number, no account created
    assert [action for (entity, _key), (action, _params) in items(profile).items() if entity == "customer"] == []
    assert line_figures(database, document["DO_Piece"]) == [("BAOR01", "Bague or", D(2), D("100.00"), D("200.00"), "C20")]
    # 200.00 + 40.00 of tax + 8.33 of shipping + 1.67 of its tax = 250.00
    assert header_figures(document) == (D("200.00"), D("250.00"), D("8.33"))


def test_with_the_vat_match_off_the_buyer_gets_an_account_of_its_own(profile: str, sandbox: Any, tmp_path):
    stock_the_shop(sandbox)
    configure(profile, "woocommerce")
    settings = load_profile(profile)
    settings.customer_rules = settings.customer_rules.model_copy(update={"match_by_vat_number": False})
    save_profile(settings)
    buyer = create_customer(sandbox, BUYER | {"vat_number": "FR58482716359"})
    order = place_order("woocommerce", sandbox, [("BAOR01", 1)], customer=buyer, status=PAID_STATUS["woocommerce"])

    result = cli("import", "orders")
    assert result.exit_code == 0, result.output
    (document,) = documents(tmp_path / "bijou.sqlite", [order])
    assert document["DO_Tiers"] != "TOPAZ"  # an account of its own, created from the template
    assert [action for (entity, _key), (action, _params) in items(profile).items() if entity == "customer"] == [
        "created"]
