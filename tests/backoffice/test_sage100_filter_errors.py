"""Bad user filters give one clear line, and nothing in the database changes."""

from decimal import Decimal

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.backoffice.sage100.session import reading
from gescom_sync.errors import ConnectionFailed, FilterError


def snapshot(url):
    """What a write attempt could have changed: article and stock rows."""
    engine = sa.create_engine(url)
    with engine.connect() as connection:
        articles = connection.scalar(sa.select(sa.func.count()).select_from(schema.F_ARTICLE))
        stock = connection.execute(
            sa.select(schema.F_ARTSTOCK.c.AR_Ref, schema.F_ARTSTOCK.c.DE_No, schema.F_ARTSTOCK.c.AS_QteSto).order_by(
                schema.F_ARTSTOCK.c.AR_Ref, schema.F_ARTSTOCK.c.DE_No
            )
        ).all()
    engine.dispose()
    return articles, stock


def test_unknown_column(sage):
    with pytest.raises(FilterError) as failed:
        sage.products(filter="AR_Reff LIKE 'CH%'")
    message = str(failed.value)
    assert message.startswith("Filtre SQL « AR_Reff LIKE 'CH%' » sur F_ARTICLE en échec : ")
    assert "ar_reff" in message.lower() and "\n" not in message


def test_syntax_error(sage):
    with pytest.raises(FilterError) as failed:
        sage.customers(filter="CT_Num LIKE")
    message = str(failed.value)
    assert "« CT_Num LIKE » sur F_COMPTET en échec" in message
    assert "syntax error" in message and "\n" not in message


@pytest.mark.parametrize(
    "fragment",
    [
        "1=1; DELETE FROM F_ARTICLE",
        "1=1 DELETE FROM F_ARTICLE",
        "AR_Ref IN (SELECT AR_Ref FROM F_ARTICLE) UPDATE F_ARTSTOCK SET AS_QteSto = 0",
        "1=1) OR (1=1",
    ],
)
def test_write_attempts_are_refused_and_the_data_is_untouched(sage, bijou, fragment):
    before = snapshot(bijou.url)
    with pytest.raises(FilterError, match="refusé"):
        sage.stock(filter=fragment)
    assert snapshot(bijou.url) == before
    assert before[0] == 34 and ("CHAOR42", 1, Decimal(50)) in before[1]


def test_the_connection_itself_cannot_write(sage, bijou):
    """The read-only transaction is the second guard (SQLite query_only, PostgreSQL READ ONLY)."""
    before = snapshot(bijou.url)
    with pytest.raises(ConnectionFailed, match="F_ARTICLE"):
        with reading(sage.engine, "F_ARTICLE") as connection:
            connection.execute(sa.delete(schema.F_ARTICLE))
    assert snapshot(bijou.url) == before
