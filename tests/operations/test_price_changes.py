"""``update prices --changed-only`` sees a change of a price table alone: a category price
(F_ARTCLIENT) edited in Sage leaves the article record (F_ARTICLE) as it was."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from tests.operations.shop_state import prices
from tests.operations.test_update_stock import WriteCounter, cli, configure, export_catalogue, last_actions

LONG_AGO = datetime(2026, 1, 1, 8, 0)
PRICE_TABLES = (schema.F_ARTICLE, schema.F_ARTCLIENT, schema.F_TARIFQTE, schema.F_TARIFGAM, schema.F_TARIFCOND,
                schema.F_CONDITION, schema.F_ARTCOMPTA, schema.F_FAMTARIF, schema.F_FAMCLIENT, schema.F_FAMCOMPTA)


def age_backoffice(database: Path) -> None:
    """Every article and price row last modified LONG_AGO (the demo was just created)."""
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        for table in PRICE_TABLES:
            connection.execute(sa.update(table).values(cbModification=LONG_AGO))
    engine.dispose()


def set_category_price(database: Path, reference: str, category: int, price: Decimal) -> None:
    engine = sa.create_engine(f"sqlite:///{database}")
    client = schema.F_ARTCLIENT
    with engine.begin() as connection:
        connection.execute(sa.update(client).where(client.c.AR_Ref == reference, client.c.AC_Categorie == category)
                           .values(AC_PrixVen=price, cbModification=datetime.now()))
    engine.dispose()


def test_one_changed_category_price_writes_that_article_only(profile, sandbox, monkeypatch, tmp_path: Path):
    database = tmp_path / "bijou.sqlite"
    age_backoffice(database)
    configure(profile, update_prices={"default_category": "2"})  # Détaillants: CHAOR42 at 620 - 10 %
    export_catalogue(profile)
    assert cli("update", "prices").exit_code == 0  # every price sent; the last transfer date is set
    assert prices(sandbox, profile)["CHAOR42"] == ("620.00", "558.00")
    counter = WriteCounter(monkeypatch, "write_prices")
    assert cli("update", "prices", "--changed-only").exit_code == 0
    assert counter.sent == []

    set_category_price(database, "CHAOR42", 2, Decimal(600))
    result = cli("update", "prices", "--changed-only")
    assert result.exit_code == 0, result.output
    assert counter.keys == ["CHAOR42"]
    assert prices(sandbox, profile)["CHAOR42"] == ("600.00", "540.00")
    records = {key: action for key, action in last_actions(profile).items() if key[0] in ("product", "variant")}
    assert records == {("product", "CHAOR42"): "updated"}  # the others were not even mapped

