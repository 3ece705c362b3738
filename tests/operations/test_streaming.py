"""The product export and the stock, price and activation updates read, map and push the
back office a chunk of articles at a time (operations/chunks.py), never splitting a group of
articles (master reference): run in chunks of 4 articles, they send exactly what one pass
over the whole catalogue sends."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import Sage100BackOffice
from gescom_sync.journal.run import RunJournal
from gescom_sync.operations import chunks
from gescom_sync.operations.chunks import ArticleChunks
from gescom_sync.operations.export_products import OPERATION, ExportProductsOptions, ProductExport, export_products
from gescom_sync.operations.run import OperationRun, RunOptions, run_operation
from gescom_sync.profiles import create_profile, load_profile, save_profile
from gescom_sync.sandbox import prestashop, woocommerce
from gescom_sync.shops.prestashop.connector import PrestaShopConnector
from gescom_sync.shops.woocommerce.connector import WooCommerceConnector
from tests.operations.conftest import shop_settings
from tests.operations.shop_state import (
    _prestashop_rows,
    catalogue,
    prestashop_places,
    statuses,
    stock_levels,
    woocommerce_records,
)
from tests.operations.test_update_activation import set_article
from tests.operations.test_update_stock import WriteCounter, cli, configure, export_catalogue, set_stock

TROUSERS = {"PANBLEU38", "PANBLEU40", "PANBLEU42", "PANROUGE38", "PANROUGE40", "PANROUGE42"}


class ProductReads:
    """The references each ``products()`` read of the back office asked for."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[frozenset[str] | None] = []
        original = Sage100BackOffice.products

        def products(backoffice: Any, *args: Any, references: Any = None, **kwargs: Any) -> Any:
            self.calls.append(None if references is None else frozenset(references))
            return original(backoffice, *args, references=references, **kwargs)

        monkeypatch.setattr(Sage100BackOffice, "products", products)


def test_chunks_keep_a_group_whole_and_cover_every_article(profile):
    configure(profile)
    found: list[ArticleChunks] = []
    assert run_operation("update_stock", profile, RunOptions(), lambda run: found.append(ArticleChunks.read(run, None, 4))) == 0
    (articles,) = found
    assert len(articles.references) == 34  # the Bijou articles
    assert set().union(*articles.chunks) == articles.references
    assert sum(len(chunk) for chunk in articles.chunks) == 34  # each article once
    (with_trousers,) = [chunk for chunk in articles.chunks if TROUSERS & set(chunk)]
    assert TROUSERS <= set(with_trousers)
    assert all(len(chunk) <= 4 for chunk in articles.chunks if chunk is not with_trousers)


def test_stock_in_chunks_sends_what_one_pass_sends(profile, sandbox, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    monkeypatch.setattr(chunks, "CHUNK_ARTICLES", 4)
    reads = ProductReads(monkeypatch)
    assert cli("update", "stock").exit_code == 0
    assert len(reads.calls) >= 34 // 4 and all(c is not None and len(c) <= 4 + len(TROUSERS) for c in reads.calls)
    chunked = stock_levels(sandbox, profile)
    assert chunked["PANBLEU38"][1] is not None and chunked["CHAAR/VAR45"][1] is not None

    monkeypatch.setattr(chunks, "CHUNK_ARTICLES", 1000)  # the whole catalogue in one chunk
    counter = WriteCounter(monkeypatch)
    assert cli("update", "stock").exit_code == 0
    assert counter.sent == []
    assert stock_levels(sandbox, profile) == chunked


def test_prices_in_chunks_send_what_one_pass_sends(profile, sandbox, monkeypatch):
    configure(profile, update_prices={"default_category": "2"})
    export_catalogue(profile)
    monkeypatch.setattr(chunks, "CHUNK_ARTICLES", 4)
    assert cli("update", "prices").exit_code == 0
    monkeypatch.setattr(chunks, "CHUNK_ARTICLES", 1000)
    counter = WriteCounter(monkeypatch, "write_prices")
    assert cli("update", "prices").exit_code == 0
    assert counter.sent == []





class StockWrites:
    """The number of records of each ``write_stock`` call, on either shop's connector."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[list[str]] = []
        for connector_class in (WooCommerceConnector, PrestaShopConnector):
            original = connector_class.write_stock

            def write_stock(connector: Any, records: Any, original: Any = original) -> Any:
                self.calls.append(sorted(record.key for record in records))
                return original(connector, records)

            monkeypatch.setattr(connector_class, "write_stock", write_stock)


def test_changed_products_of_several_chunks_share_one_write(profile, sandbox, monkeypatch, tmp_path: Path):
    configure(profile)
    export_catalogue(profile)
    assert cli("update", "stock").exit_code == 0
    for reference in ("BAOR01", "CHORFA"):  # two simple products, in two chunks of 4 articles
        set_stock(tmp_path / "bijou.sqlite", reference, 1, Decimal(3))
    monkeypatch.setattr(chunks, "CHUNK_ARTICLES", 4)
    writes = StockWrites(monkeypatch)
    assert cli("update", "stock").exit_code == 0
    assert writes.calls == [["BAOR01", "CHORFA"]]  # one batch, not one per chunk


# ------------------------------------------------------------------- the product export


class ItemNumbers:
    """(index, total) of every item the journal numbers."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.seen: list[tuple[int, int | None]] = []
        original = RunJournal.item

        def item(journal: RunJournal, *args: Any, **kwargs: Any) -> None:
            original(journal, *args, **kwargs)
            self.seen.append((journal._index, journal._total))

        monkeypatch.setattr(RunJournal, "item", item)

    def within_totals(self) -> bool:
        return bool(self.seen) and all(total is not None and index <= total for index, total in self.seen)


def link_across_chunks(database: Path) -> None:
    """BAOR01 (first chunk) cross-sells MONTRE01 (a later chunk) as a linked article, and
    BAPL05 (first chunk) becomes a pack of ETUI01 and MONTRE01 (later chunks)."""
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(sa.text("UPDATE F_ARTICLE SET AR_Nomencl = 4 WHERE AR_Ref = 'BAOR01'"))
        connection.execute(sa.text("UPDATE F_ARTICLE SET AR_Nomencl = 2 WHERE AR_Ref = 'BAPL05'"))
        for parent, component, order in (("BAOR01", "MONTRE01", 1), ("BAPL05", "ETUI01", 1), ("BAPL05", "MONTRE01", 2)):
            connection.execute(sa.text("INSERT INTO F_NOMENCLAT (AR_Ref, NO_RefDet, NO_Qte, NO_Ordre) "
                                       "VALUES (:parent, :component, 1, :order)"),
                               {"parent": parent, "component": component, "order": order})
    engine.dispose()


def export_in_chunks(profile: str, size: int | None, dry_run: bool = False) -> dict[str, int]:
    """Export the catalogue ``size`` articles at a time; the journal's totals."""
    runs: list[OperationRun] = []

    def body(run: OperationRun) -> None:
        runs.append(run)
        export_products(run, ExportProductsOptions(), chunk_size=size)

    assert run_operation(OPERATION, profile, RunOptions(dry_run=dry_run), body) == 0
    return runs[0].journal.totals


def shop_state(sandbox: Any, profile: str) -> dict[str, Any]:
    """The shop's products and variants (shop ids left out) and each product's cross-sells."""
    records = catalogue(sandbox, profile)
    state: dict[str, Any] = {key: dataclasses.replace(record, shop_id="") for key, record in records.items()}
    keys = {record.shop_id: key for key, record in records.items() if record.kind != "variant"}
    if hasattr(sandbox, "consumer_key"):
        sells = {key: r.get("cross_sell_ids", []) for key, r in woocommerce_records(sandbox).items()}
    else:
        rows = _prestashop_rows(sandbox)
        sells = {key: [a["id"] for a in rows[place].get("associations", {}).get("accessories", [])]
                 for key, place in prestashop_places(sandbox, profile).items() if not place[1]}
    state["cross-sells"] = {key: sorted(keys[str(i)] for i in ids) for key, ids in sells.items() if ids}
    return state


def one_chunk_profile(profile: str, shop: str, sandbox: Any, tmp_path: Path) -> str:
    """A profile like ``profile`` on a second, empty sandbox."""
    original = load_profile(profile)
    create_profile("bijou-one", [("backoffice.type", "sage100"), ("backoffice.url", original.backoffice.url),
                                 *shop_settings(shop, sandbox), ("shop.http.delay_ms", "0")])
    copy = load_profile("bijou-one")
    save_profile(copy.model_copy(update={
        "backoffice": original.backoffice, "export_products": original.export_products,
        "shop": copy.shop.model_copy(update={k: v for k, v in original.shop.model_dump().items()
                                             if k in ("wordpress_user", "application_password") and v}),
    }))
    return "bijou-one"


def test_an_export_in_chunks_makes_the_shop_one_chunk_makes(profile, shop, sandbox, tmp_path: Path, monkeypatch):
    configure(profile)
    link_across_chunks(tmp_path / "bijou.sqlite")
    deferred: list[set[str]] = []
    last_pass = ProductExport._last_pass
    monkeypatch.setattr(ProductExport, "_last_pass", lambda export: (deferred.append(set(export.deferred)),
                                                                      last_pass(export)))
    planned = export_in_chunks(profile, 4, dry_run=True)
    numbers = ItemNumbers(monkeypatch)
    chunked = export_in_chunks(profile, 4)
    assert numbers.within_totals()
    assert {"BAOR01", "BAPL05"} <= deferred[-1]  # they link to products of later chunks: sent last
    assert planned == chunked and chunked["created"] > 34  # the dry run plans exactly what the real run does
    state = shop_state(sandbox, profile)
    assert state["BAPL05"].kind == "pack" and sorted(state["BAPL05"].pack) == ["ETUI01", "MONTRE01"]
    assert state["cross-sells"]["BAOR01"] == ["MONTRE01"]

    start = woocommerce.start_sandbox if shop == "woocommerce" else prestashop.start_sandbox
    with start(tmp_path / "second-shop") as second:
        whole = one_chunk_profile(profile, shop, second, tmp_path)
        assert export_in_chunks(whole, None) == chunked
        assert shop_state(second, whole) == state
        assert export_in_chunks(whole, 4)["created"] == 0  # chunked after one chunk: nothing new


def test_activation_in_chunks_sends_what_one_pass_sends(profile, sandbox, tmp_path: Path, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    for reference in ("CHORFA", "PANBLEU40", "PANROUGE42"):  # a simple product and two variants of one group
        set_article(tmp_path / "bijou.sqlite", reference, AR_Sommeil=1)
    monkeypatch.setattr(chunks, "CHUNK_ARTICLES", 4)
    numbers = ItemNumbers(monkeypatch)
    assert cli("update", "activation").exit_code == 0
    assert numbers.within_totals() and numbers.seen[-1][1] == len(numbers.seen)
    shop = statuses(sandbox, profile)
    assert (shop["CHORFA"], shop["PANBLEU40"], shop["PANROUGE42"], shop["Pantalon"]) == ("draft", "private", "private", "publish")

    monkeypatch.setattr(chunks, "CHUNK_ARTICLES", 1000)
    counter = WriteCounter(monkeypatch, "set_active")
    assert cli("update", "activation").exit_code == 0
    assert counter.sent == []
    assert statuses(sandbox, profile) == shop


def test_stock_items_in_chunks_are_numbered_within_their_total(profile, sandbox, monkeypatch):
    configure(profile)
    export_catalogue(profile)
    monkeypatch.setattr(chunks, "CHUNK_ARTICLES", 4)
    numbers = ItemNumbers(monkeypatch)
    assert cli("update", "stock").exit_code == 0
    assert numbers.within_totals()
    assert numbers.seen[-1][1] == len(numbers.seen)  # range and packaging variants counted: the total is every item

