"""A dormant variant on PrestaShop (a combination has no active flag: stock 0, orders denied)
stays so through the stock update, and gets its quantity back when reactivated."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from tests.operations.test_update_activation import set_article
from tests.operations.test_update_stock import cli, configure, export_catalogue, set_stock
from tests.operations.shop_state import statuses, stock_levels


@pytest.fixture
def shop() -> str:
    return "prestashop"


def set_range_variant(database, reference: str, **values) -> None:
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        variant = schema.F_ARTENUMREF
        connection.execute(sa.update(variant).where(variant.c.AE_Ref == reference).values(**values))
    engine.dispose()


def set_range_stock(database, article: str, range_number: int, warehouse: int, real: Decimal) -> None:
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        stock = schema.F_GAMSTOCK
        connection.execute(sa.update(stock).where(stock.c.AR_Ref == article, stock.c.AG_No1 == range_number,
                                                  stock.c.DE_No == warehouse).values(GS_QteSto=real))
    engine.dispose()


def state(sandbox, profile: str, key: str) -> tuple[str, int | None]:
    return statuses(sandbox, profile)[key], stock_levels(sandbox, profile)[key][1]


def test_a_dormant_range_variant_stays_unorderable_through_the_stock_update(profile, sandbox, tmp_path):
    configure(profile)
    export_catalogue(profile)
    database = tmp_path / "bijou.sqlite"
    assert cli("update", "stock", "--filter", "AR_Ref LIKE 'CHAAR%'").exit_code == 0
    assert state(sandbox, profile, "CHAAR/VAR50") == ("publish", 1)

    set_range_variant(database, "CHAAR/VAR50", AE_Sommeil=1)
    assert cli("update", "activation", "--filter", "AR_Ref LIKE 'CHAAR%'").exit_code == 0
    assert state(sandbox, profile, "CHAAR/VAR50") == ("private", 0)

    set_range_stock(database, "CHAAR/VAR", 3, 1, Decimal(30))  # more stock while dormant
    result = cli("update", "stock", "--filter", "AR_Ref LIKE 'CHAAR%'")
    assert result.exit_code == 0, result.output
    assert state(sandbox, profile, "CHAAR/VAR50") == ("private", 0)
    assert state(sandbox, profile, "CHAAR/VAR45")[0] == "publish"


def test_a_variant_deactivated_by_the_activation_update_stays_so(profile, sandbox, tmp_path):
    """Unpublished, deactivated by ``update activation``; the stock update takes unpublished articles too."""
    configure(profile, update_stock={"ignore_published": True})
    export_catalogue(profile)
    database = tmp_path / "bijou.sqlite"
    set_article(database, "PANBLEU40", AR_Publie=0)
    assert cli("update", "activation", "--filter", "AR_Ref LIKE 'PAN%'").exit_code == 0
    assert state(sandbox, profile, "PANBLEU40") == ("private", 0)

    set_stock(database, "PANBLEU40", 1, Decimal(9))
    assert cli("update", "stock", "--filter", "AR_Ref LIKE 'PAN%'").exit_code == 0
    assert state(sandbox, profile, "PANBLEU40") == ("private", 0)

    set_article(database, "PANBLEU40", AR_Publie=1)
    assert cli("update", "activation", "--filter", "AR_Ref LIKE 'PAN%'").exit_code == 0
    assert state(sandbox, profile, "PANBLEU40") == ("publish", 0)  # orderable again, its quantity not back yet
    assert cli("update", "stock", "--filter", "AR_Ref LIKE 'PAN%'").exit_code == 0
    assert state(sandbox, profile, "PANBLEU40") == ("publish", 9)  # same back-office stock, sent again
