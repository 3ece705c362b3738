"""Update activation end to end: dormant and unpublished articles become inactive in the shop.

A PrestaShop combination has no active flag: a deactivated one cannot be ordered any more
(stock 0, orders denied), which ``shop_state.statuses`` reads as WooCommerce's "private".
"""

from __future__ import annotations

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.state import StateStore
from tests.operations.shop_state import statuses as shop_statuses
from tests.operations.test_update_stock import WriteCounter, cli, configure, export_catalogue, last_actions

def set_article(database, reference: str, **values) -> None:
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        article = schema.F_ARTICLE
        connection.execute(sa.update(article).where(article.c.AR_Ref == reference).values(**values))
    engine.dispose()


def statuses(sandbox, *keys: str, profile: str = "bijou") -> dict[str, str]:
    shop = shop_statuses(sandbox, profile)
    return {key: shop[key] for key in keys}


def test_a_dormant_article_becomes_a_draft_and_a_dormant_variant_private(profile, sandbox, tmp_path, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    database = tmp_path / "bijou.sqlite"
    set_article(database, "CHORFA", AR_Sommeil=1)
    set_article(database, "PANBLEU40", AR_Sommeil=1)
    result = cli("update", "activation")
    assert result.exit_code == 0, result.output
    assert statuses(sandbox, "CHORFA", "PANBLEU40", "PANBLEU38", "Pantalon", "BAOR01") == {
        "CHORFA": "draft", "PANBLEU40": "private", "PANBLEU38": "publish", "Pantalon": "publish", "BAOR01": "publish",
    }
    # unpublished articles (BRAR03, ETUI01) are inactive too; the dormant BROR02 was never exported
    assert statuses(sandbox, "BRAR03", "ETUI01") == {"BRAR03": "draft", "ETUI01": "draft"}
    assert last_actions(profile)[("product", "BROR02")] == "skipped"

    counter = WriteCounter(monkeypatch, "set_active")
    assert cli("update", "activation").exit_code == 0
    assert counter.sent == []

    set_article(database, "CHORFA", AR_Sommeil=0)
    assert cli("update", "activation").exit_code == 0
    assert counter.keys == ["CHORFA"]
    assert statuses(sandbox, "CHORFA") == {"CHORFA": "publish"}


def test_a_group_whose_articles_are_all_dormant_is_deactivated(profile, sandbox, tmp_path):
    configure(profile)
    export_catalogue(profile)
    for reference in ("PANBLEU38", "PANBLEU40", "PANBLEU42", "PANROUGE38", "PANROUGE40", "PANROUGE42"):
        set_article(tmp_path / "bijou.sqlite", reference, AR_Sommeil=1)
    assert cli("update", "activation", "--filter", "AR_Ref LIKE 'PAN%'").exit_code == 0
    assert statuses(sandbox, "Pantalon", "PANROUGE42") == {"Pantalon": "draft", "PANROUGE42": "private"}


def test_inactive_variants_deleted_when_asked(profile, sandbox, tmp_path):
    configure(profile)
    export_catalogue(profile)
    set_article(tmp_path / "bijou.sqlite", "PANBLEU40", AR_Sommeil=1)
    result = cli("update", "activation", "--delete-inactive-variants", "--filter", "AR_Ref LIKE 'PAN%'")
    assert result.exit_code == 0, result.output
    shop = shop_statuses(sandbox, profile)
    assert "PANBLEU40" not in shop and shop["PANBLEU38"] == "publish"
    with StateStore.open() as store:
        assert store.bindings.get(profile, "variant", "PANBLEU40") is None


def test_dry_run_writes_nothing(profile, sandbox, tmp_path, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    set_article(tmp_path / "bijou.sqlite", "CHORFA", AR_Sommeil=1)
    counter = WriteCounter(monkeypatch, "set_active")
    assert cli("update", "activation", "--dry-run").exit_code == 0
    assert counter.sent == []
    assert statuses(sandbox, "CHORFA") == {"CHORFA": "publish"}
    assert last_actions(profile)[("product", "CHORFA")] == "updated"
