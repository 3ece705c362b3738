"""Stock changed since a date: a stock movement (F_ARTSTOCK, F_GAMSTOCK) counts, though it
leaves the article record (F_ARTICLE) as it was; so does a change of the record itself."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from gescom_sync.backoffice.sage100 import schema
from tests.backoffice.since_support import SINCE, aged_bijou, opened, touch



@pytest.fixture
def database(tmp_path):
    """A Bijou database of its own, every article and stock row last modified LONG_AGO."""
    with aged_bijou(tmp_path, (schema.F_ARTICLE, schema.F_ARTSTOCK, schema.F_GAMSTOCK)) as engine:
        yield engine


@pytest.fixture
def sage(database):
    with opened(database) as backoffice:
        yield backoffice


def levels(sage, **options) -> dict[tuple[str, str | None], Decimal]:
    return {(level.reference, level.variant): level.quantity for level in sage.stock(since=SINCE, **options)}


def test_nothing_changed_since_reads_nothing(sage):
    assert levels(sage) == {}
    assert len(sage.stock()) > 20  # without a date: every stock-managed article


def test_a_stock_movement_alone_is_read(database, sage):
    stock = schema.F_ARTSTOCK
    touch(database, stock, (stock.c.AR_Ref == "CHORFA") & (stock.c.DE_No == 1), AS_QteSto=Decimal(3))
    assert sage.products(since=SINCE) == []  # the article record did not change
    assert levels(sage) == {("CHORFA", None): Decimal(3)}
    aware = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # a last transfer date is kept in UTC
    assert [level.reference for level in sage.stock(since=aware)] == ["CHORFA"]


def test_a_range_variant_movement_reads_the_article_and_its_variants_in_those_warehouses_only(database, sage):
    gamstock = schema.F_GAMSTOCK
    touch(database, gamstock, (gamstock.c.AR_Ref == "CHAAR/VAR") & (gamstock.c.DE_No == 2))  # Lyon
    assert levels(sage, warehouses=["1"]) == {}  # the main warehouse did not move
    changed = levels(sage)
    assert set(changed) == {("CHAAR/VAR", None), ("CHAAR/VAR", "CHAAR/VAR40"), ("CHAAR/VAR", "CHAAR/VAR45"),
                            ("CHAAR/VAR", "CHAAR/VAR50")}
    assert changed[("CHAAR/VAR", "CHAAR/VAR45")] == Decimal(17)  # 15 in the main warehouse + 2 in Lyon


def test_a_changed_article_record_is_read_with_its_whole_stock(database, sage):
    article = schema.F_ARTICLE
    touch(database, article, article.c.AR_Ref == "CHAOR42")
    assert levels(sage) == {("CHAOR42", None): Decimal(60)}  # 50 + 10, both warehouses
    assert levels(sage, filter="AR_Ref LIKE 'BA%'") == {}  # the user's filter still applies
