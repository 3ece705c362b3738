"""Prices changed since a date: a row of a price table (F_ARTCLIENT, F_TARIFQTE,
F_TARIFGAM, a family's F_FAMTARIF) counts, though it leaves the article record
(F_ARTICLE) as it was; so does a change of the record itself, or a scheduled price
whose date has come."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from tests.backoffice.since_support import LONG_AGO, SINCE, aged_bijou, opened, touch
from gescom_sync.model import PriceRuleKind

PRICE_TABLES = (schema.F_ARTICLE, schema.F_ARTCLIENT, schema.F_TARIFQTE, schema.F_TARIFGAM, schema.F_TARIFCOND,
                schema.F_CONDITION, schema.F_ARTCOMPTA, schema.F_FAMTARIF, schema.F_FAMCLIENT, schema.F_FAMCOMPTA)


@pytest.fixture
def database(tmp_path):
    """A Bijou database of its own, every article and price row last modified LONG_AGO."""
    with aged_bijou(tmp_path, PRICE_TABLES) as engine:
        yield engine


@pytest.fixture
def sage(database):
    with opened(database) as backoffice:
        yield backoffice


def changed(sage, since=SINCE) -> set[str]:
    return {rule.reference for rule in sage.prices(since=since)}


def test_nothing_changed_since_reads_nothing(sage):
    assert changed(sage) == set()
    assert len({rule.reference for rule in sage.prices()}) > 20  # without a date: every article


def test_a_category_price_row_alone_gives_that_article_with_all_its_rules(database, sage):
    client = schema.F_ARTCLIENT
    touch(database, client, (client.c.AR_Ref == "BAOR01") & (client.c.AC_Categorie == 2), AC_PrixVen=Decimal(400))
    assert sage.products(since=SINCE) == []  # the article record did not change
    rules = sage.prices(since=SINCE)
    assert {rule.reference for rule in rules} == {"BAOR01"}
    category_2 = next(r for r in rules if r.kind is PriceRuleKind.CATEGORY and r.category == "2")
    assert category_2.price == Decimal(400)
    assert len([r for r in rules if r.kind is PriceRuleKind.QUANTITY_BREAK]) == 3  # the unchanged ones too
    aware = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # a last transfer date is kept in UTC
    assert changed(sage, aware) == {"BAOR01"}


@pytest.mark.parametrize(("table", "reference"), [
    (schema.F_TARIFQTE, "CHAOR42"),  # a customer's quantity break
    (schema.F_TARIFGAM, "CHAAR/VAR"),  # a range variant's price
    (schema.F_ARTICLE, "CHORFA"),  # the article's own record (base price)
])
def test_a_row_of_the_articles_own_tables(database, sage, table, reference):
    touch(database, table, table.c.AR_Ref == reference)
    assert changed(sage) == {reference}


def test_a_family_price_gives_the_familys_articles(database, sage):
    family = schema.F_FAMTARIF
    touch(database, family, (family.c.FA_CodeFamille == "BAGUES") & (family.c.FT_Categorie == 1))
    assert changed(sage) == {"BAOR01", "BAPL05"}


def test_a_scheduled_price_whose_date_came_counts_not_one_still_to_come(database, sage):
    article = schema.F_ARTICLE
    with database.begin() as connection:  # a date set long ago: the record itself is not newer than SINCE
        connection.execute(sa.update(article).where(article.c.AR_Ref == "BROR02").values(
            AR_PrixVenNouv=Decimal(99), AR_DateApplication=datetime.now() - timedelta(days=1), cbModification=LONG_AGO))
        connection.execute(sa.update(article).where(article.c.AR_Ref == "BRAR03").values(
            AR_PrixVenNouv=Decimal(99), AR_DateApplication=datetime.now() + timedelta(days=1), cbModification=LONG_AGO))
    assert changed(sage, datetime.now() - timedelta(days=2)) == {"BROR02"}


def test_the_user_filter_still_applies(database, sage):
    client = schema.F_ARTCLIENT
    touch(database, client, client.c.AR_Ref.in_(["BAOR01", "CHORFA"]))
    assert {rule.reference for rule in sage.prices(filter="AR_Ref LIKE 'CH%'", since=SINCE)} == {"CHORFA"}
