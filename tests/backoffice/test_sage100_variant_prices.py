"""Variant, packaging, family, scheduled and buying-group prices of the Bijou demo."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import Sage100BackOffice
from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.model import FamilyDiscount, FamilyPriceRule, ScheduledPrice


def test_variant_prices_per_category(sage):
    prices = sage.price_conditions().variant_prices
    assert [(p.variant, p.category, p.price) for p in prices] == [
        ("CHAAR/VAR40", "1", 45), ("CHAAR/VAR45", "1", 47), ("CHAAR/VAR50", "1", 49),
        ("CHAAR/VAR40", "2", 52), ("CHAAR/VAR45", "2", 54), ("CHAAR/VAR50", "2", 56),
    ]
    assert all(p.reference == "CHAAR/VAR" and p.customer is None for p in prices)


def test_packaging_prices_are_the_price_of_the_whole_packaging(sage):
    prices = sage.price_conditions().packaging_prices
    assert [(p.packaging, p.quantity, p.category, p.price) for p in prices] == [
        ("Ecrin de 4", 4, "1", 78), ("Ecrin de 12", 12, "1", 222), ("Ecrin de 24", 24, "1", 420),
        ("Ecrin de 4", 4, "2", 90),
    ]


def test_family_prices_and_customer_family_discounts(sage):
    conditions = sage.price_conditions()
    assert conditions.family_rules == (
        FamilyPriceRule("BAGUES", "1", Decimal(2), None), FamilyPriceRule("BAGUES", "2", Decimal("2.25"), None),
    )
    assert conditions.family_discounts == (FamilyDiscount("CHAINES", "TOPAZ", Decimal(3)),)


def test_the_filter_applies_to_article_conditions(sage):
    conditions = sage.price_conditions(filter="AR_Ref LIKE 'BO%'")
    assert conditions.variant_prices == ()
    assert len(conditions.packaging_prices) == 4


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fresh_demo(request: pytest.FixtureRequest, tmp_path):
    """A demo database of this test's own, on each engine, that the test may change."""
    from gescom_sync.demo.bijou import create

    if request.param == "sqlite":
        return create(tmp_path / "bijou.sqlite")
    return create(request.getfixturevalue("pg_url"), media_folder=tmp_path / "media")


def test_scheduled_prices_and_buying_groups(fresh_demo):
    demo = fresh_demo
    engine = sa.create_engine(demo.url)
    with engine.begin() as connection:
        connection.execute(
            s.F_ARTICLE.update().where(s.F_ARTICLE.c.AR_Ref == "CHORFA")
            .values(AR_PrixVenNouv=Decimal("359"), AR_DateApplication=date(2026, 12, 1))
        )
        connection.execute(
            s.F_ARTCLIENT.update().where(s.F_ARTCLIENT.c.AR_Ref == "CHSR10", s.F_ARTCLIENT.c.AC_Categorie == 1)
            .values(AC_PrixVenNouv=Decimal("38"), AC_DateApplication=date(2027, 1, 1))
        )
        connection.execute(s.F_COMPTET.update().where(s.F_COMPTET.c.CT_Num == "DUBOIS").values(CT_NumCentrale="TOPAZ"))
    engine.dispose()
    with Sage100BackOffice.from_url(demo.url) as sage:
        conditions = sage.price_conditions()
    assert conditions.scheduled == (
        ScheduledPrice("CHORFA", date(2026, 12, 1), Decimal(359)),
        ScheduledPrice("CHSR10", date(2027, 1, 1), Decimal(38), category="1"),
    )
    assert conditions.buying_groups == {"DUBOIS": "TOPAZ"}
