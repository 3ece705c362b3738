"""Price rules and their resolution, with the Bijou tariffs."""

from decimal import Decimal

import pytest

from gescom_sync.errors import NotFound
from gescom_sync.model import PriceRuleKind

K = PriceRuleKind


@pytest.mark.parametrize(
    ("arguments", "unit_price", "kind", "tax_included"),
    [
        ({}, 450, K.BASE, False),  # fallback: AR_PrixVen
        ({"category": "1"}, 360, K.CATEGORY, False),  # Grossistes
        ({"category": "3"}, 540, K.CATEGORY, True),  # Clients comptoir, priced TTC
        ({"category": "2"}, 405, K.QUANTITY_BREAK, False),  # Détaillants, up to 4
        ({"category": "2", "quantity": 4}, 405, K.QUANTITY_BREAK, False),
        ({"category": "2", "quantity": 5}, 390, K.QUANTITY_BREAK, False),  # 5 to 9
        ({"category": "2", "quantity": 10}, 375, K.QUANTITY_BREAK, False),  # 10 and more
        ({"customer": "GROSSOR"}, 360, K.CATEGORY, False),  # the customer's N_CatTarif 1
        ({"customer": "TOPAZ", "quantity": 10}, 390, K.CUSTOMER, False),  # exception beats category breaks
    ],
)
def test_ring_prices(sage, arguments, unit_price, kind, tax_included):
    price = sage.resolve_price("BAOR01", **arguments)
    assert price.unit_price == Decimal(unit_price)
    assert price.rule.kind is kind
    assert price.tax_included is tax_included


def test_category_discount_and_customer_quantity_discount_cascade(sage):
    one = sage.resolve_price("CHAOR42", customer="TOPAZ", quantity=2)
    assert (one.gross_price, one.discount_percent, one.unit_price) == (Decimal(620), Decimal(10), Decimal(558))
    assert one.rule.kind is K.CATEGORY
    three = sage.resolve_price("CHAOR42", customer="TOPAZ", quantity=3)
    assert (three.discount_percent, three.unit_price) == (Decimal("14.5"), Decimal("530.1"))
    assert three.rule.kind is K.QUANTITY_BREAK and three.rule.customer == "TOPAZ"


def test_customer_exception_with_its_own_discount(sage):
    price = sage.resolve_price("CHORFA", customer="TOPAZ")
    assert (price.gross_price, price.discount_percent, price.unit_price) == (Decimal(349), Decimal(5), Decimal("331.55"))


def test_rules_of_an_article(sage):
    rules = [r for r in sage.prices(filter="AR_Ref = 'BAOR01'")]
    assert [(r.kind, r.category, r.customer, r.price, r.above_quantity, r.up_to_quantity) for r in rules] == [
        (K.BASE, None, None, Decimal(450), None, None),
        (K.CATEGORY, "1", None, Decimal(360), None, None),
        (K.CATEGORY, "2", None, Decimal(405), None, None),
        (K.CATEGORY, "3", None, Decimal(540), None, None),
        (K.CUSTOMER, None, "TOPAZ", Decimal(390), None, None),
        (K.QUANTITY_BREAK, "2", None, Decimal(405), Decimal(0), Decimal(4)),
        (K.QUANTITY_BREAK, "2", None, Decimal(390), Decimal(4), Decimal(9)),
        (K.QUANTITY_BREAK, "2", None, Decimal(375), Decimal(9), Decimal(999999)),
    ]


def test_unknown_article_or_customer(sage):
    with pytest.raises(NotFound, match="NOPE"):
        sage.resolve_price("NOPE")
    with pytest.raises(NotFound, match="INCONNU"):
        sage.resolve_price("BAOR01", customer="INCONNU")
