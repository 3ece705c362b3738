"""One binding, consistent parts: what the product export sends of a product's quantity and
price counts as sent for update stock and update prices, and the other way round; update
stock reads pure stock movements when it reads what changed; ``export products --new-only``
leaves the last transfer date alone.

Run through the CLI on the Bijou back office and the sandbox shop; write requests are
counted at the shop connector's HTTP client.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.cli import app
from gescom_sync.http import ShopHttpClient
from gescom_sync.profiles import load_profile, save_profile
from gescom_sync.profiles.catalogue import ExportProductsSettings
from gescom_sync.state import StateStore

LONG_AGO = datetime(2026, 1, 1, 8, 0)


class Writes:
    """The write requests (anything but GET) the shop connector sends."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.urls: list[str] = []
        original = ShopHttpClient.request

        def recording(client, method, url, **kwargs):
            if method.upper() != "GET":
                self.urls.append(str(url))
            return original(client, method, url, **kwargs)

        monkeypatch.setattr(ShopHttpClient, "request", recording)

    def clear(self) -> None:
        self.urls.clear()


@pytest.fixture
def writes(monkeypatch: pytest.MonkeyPatch) -> Writes:
    return Writes(monkeypatch)


@pytest.fixture
def bijou(profile: str) -> str:
    """The demo's grouping and packagings, no files; prices of category 2 (Détaillants),
    whose discounts are sent as sales: the export must send those too."""
    settings = load_profile(profile)
    export = ExportProductsSettings.model_validate({
        "grouping": {"master_field": "RefMaitre", "attributes": [
            {"name_field": "Gamme1Nom", "value_field": "Gamme1Valeur"},
            {"name_field": "Gamme2Nom", "value_field": "Gamme2Valeur"}]},
        "categories": {"source": "none"},
        "images": {"from_record": False, "from_attachments": False},
        "documents": {"from_attachments": False},
        "packagings": {"enabled": True},
        "taxes": settings.export_products.taxes.model_dump(),  # the shop's tax classes
    })
    settings = settings.model_copy(update={"export_products": export})
    settings.update_prices.default_category = "2"
    save_profile(settings)
    return profile


def cli(*args: str) -> None:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output


def last_actions(profile: str) -> dict[tuple[str, str], str]:
    with StateStore.open() as store:
        run = store.runs.last(profile)
        return {(item.entity, item.key): item.action for item in store.runs.items(run.id)}


def written(profile: str) -> list[tuple[str, str]]:
    return sorted(key for key, action in last_actions(profile).items() if action in ("created", "updated"))


def database(tmp_path: Path) -> sa.Engine:
    return sa.create_engine(f"sqlite:///{tmp_path / 'bijou.sqlite'}")


def move_stock(tmp_path: Path, reference: str, warehouse: int, real: Decimal) -> None:
    """A stock movement as Sage records it: the stock row changes, the article record does not."""
    engine = database(tmp_path)
    stock = schema.F_ARTSTOCK
    with engine.begin() as connection:
        connection.execute(sa.update(stock).where(stock.c.AR_Ref == reference, stock.c.DE_No == warehouse)
                           .values(AS_QteSto=real, cbModification=datetime.now()))
    engine.dispose()


def age_everything(tmp_path: Path) -> None:
    """Every article and stock row last modified long ago."""
    engine = database(tmp_path)
    with engine.begin() as connection:
        for table in (schema.F_ARTICLE, schema.F_ARTSTOCK, schema.F_GAMSTOCK):
            connection.execute(sa.update(table).values(cbModification=LONG_AGO))
    engine.dispose()


def watermark(profile: str, operation: str = "export_products") -> datetime | None:
    with StateStore.open() as store:
        return store.watermarks.get(profile, operation)


def test_after_the_export_the_updates_write_nothing_and_after_an_update_the_export_neither(bijou, writes, tmp_path):
    cli("export", "products", "--profile", bijou)
    assert writes.urls  # the catalogue was created
    writes.clear()

    cli("update", "stock", "--profile", bijou)
    assert writes.urls == []
    assert written(bijou) == []
    cli("update", "prices", "--profile", bijou)
    assert writes.urls == []
    assert written(bijou) == []

    move_stock(tmp_path, "CHORFA", 1, Decimal(3))
    cli("update", "stock", "--profile", bijou)
    assert written(bijou) == [("product", "CHORFA")]
    assert writes.urls  # that one record's write
    writes.clear()

    cli("export", "products", "--profile", bijou)  # the quantity update stock sent is what the export would send
    assert writes.urls == []
    assert written(bijou) == []


def test_changed_only_reads_a_pure_stock_movement(bijou, writes, tmp_path):
    cli("export", "products", "--profile", bijou)
    cli("update", "stock", "--profile", bijou)
    age_everything(tmp_path)
    move_stock(tmp_path, "CHORFA", 1, Decimal(3))
    writes.clear()

    cli("update", "stock", "--profile", bijou, "--changed-only")
    assert last_actions(bijou) == {("product", "CHORFA"): "updated"}  # the only article read
    assert writes.urls

    writes.clear()
    cli("update", "stock", "--profile", bijou, "--changed-only")
    assert writes.urls == []  # read again within the overlap, unchanged: nothing written


def test_new_only_leaves_the_last_transfer_date_where_it_was(bijou):
    cli("export", "products", "--profile", bijou, "--new-only")
    assert watermark(bijou) is None
    cli("export", "products", "--profile", bijou)
    after_full_export = watermark(bijou)
    assert after_full_export is not None

    cli("export", "products", "--profile", bijou, "--new-only")
    assert last_actions(bijou)[("product", "BAOR01")] == "skipped"  # already in the shop
    assert watermark(bijou) == after_full_export
