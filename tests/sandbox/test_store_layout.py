"""Sandbox folders made before both shops shared one store class (WooCommerce's tables
``documents``/``sequences``, PrestaShop's ``records``/``counters``, created here with raw
SQL as SQLAlchemy wrote them then) open with their shop: documents served, ids continued."""

from __future__ import annotations

import json
import sqlite3
import xml.etree.ElementTree as ET
from pathlib import Path

from gescom_sync.sandbox.prestashop import PrestaShopSandbox, WebserviceKey
from gescom_sync.sandbox.woocommerce import WooCommerceSandbox
from tests.sandbox.conftest import API, HTTPS, KEY, ShopClient
from tests.sandbox.prestashop.conftest import KEY as PRESTASHOP_KEY
from tests.sandbox.prestashop.conftest import Webservice
from tests.sandbox.prestashop.helpers import product

WOOCOMMERCE_TABLES = """
CREATE TABLE documents (kind VARCHAR(40) NOT NULL, id INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE sequences (name VARCHAR(40) NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (name));
"""
PRESTASHOP_TABLES = """
CREATE TABLE records (kind VARCHAR(40) NOT NULL, id INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, id));
CREATE TABLE counters (kind VARCHAR(40) NOT NULL, next_id INTEGER NOT NULL, PRIMARY KEY (kind));
"""


def old_folder(database: Path, tables: str, documents: list[tuple[str, dict]], counters: dict[str, int]) -> None:
    """A sandbox folder in the old layout: the first of ``tables`` holds the documents, the second the counters."""
    database.parent.mkdir(parents=True)
    documents_table, counters_table = (statement.split()[2] for statement in tables.split(";") if statement.strip())
    with sqlite3.connect(database) as db:
        db.executescript(tables)
        db.executemany(f"INSERT INTO {documents_table} VALUES (?, ?, ?)",
                       [(kind, doc["id"], json.dumps(doc)) for kind, doc in documents])
        db.executemany(f"INSERT INTO {counters_table} VALUES (?, ?)", counters.items())
    db.close()


def read(database: Path, sql: str) -> list[tuple]:
    db = sqlite3.connect(database)
    try:
        return db.execute(sql).fetchall()
    finally:
        db.close()


def test_a_woocommerce_folder_in_the_old_layout_opens_with_its_products(tmp_path: Path) -> None:
    scratch = WooCommerceSandbox(tmp_path / "scratch", keys=[KEY])
    made = ShopClient(scratch.asgi, HTTPS, (KEY.consumer_key, KEY.consumer_secret)).post(
        API + "products", json={"name": "Bague or", "sku": "BAOR01", "regular_price": "120.00"}).json()
    ring = scratch.store.get("product", made["id"])
    scratch.store.close()
    database = tmp_path / "old" / "woocommerce.sqlite"
    # posts 10 to 12 were used (the ring, then two since deleted): the next post id is 13
    old_folder(database, WOOCOMMERCE_TABLES, [("product", ring)], {"post": 13})

    sandbox = WooCommerceSandbox(tmp_path / "old", keys=[KEY])
    api = ShopClient(sandbox.asgi, HTTPS, (KEY.consumer_key, KEY.consumer_secret))
    try:
        found = api.get(f"{API}products/{ring['id']}").json()
        assert (found["id"], found["name"], found["sku"], found["price"]) == (10, "Bague or", "BAOR01", "120.00")
        chain = api.post(API + "products", json={"name": "Chaîne argent", "sku": "CHAAR01"}).json()
        assert chain["id"] == 13
    finally:
        sandbox.store.close()
    assert {name for (name,) in read(database, "SELECT name FROM sqlite_master WHERE type = 'table'")} == {
        "documents", "sequences"}
    assert read(database, "SELECT value FROM sequences WHERE name = 'post'") == [(14,)]
    assert read(database, "SELECT id FROM documents WHERE kind = 'product' ORDER BY id") == [(10,), (13,)]


def test_a_prestashop_folder_in_the_old_layout_opens_with_its_shop(tmp_path: Path) -> None:
    scratch = PrestaShopSandbox(tmp_path / "scratch", keys=[WebserviceKey(PRESTASHOP_KEY)])
    answer = Webservice(scratch.asgi).post("/api/products", product("BAOR01", "120", name="Bague or"))
    ring_id = int(ET.fromstring(answer.content)[0].findtext("id"))
    scratch.store.close()
    shop = [(kind, json.loads(body))  # the seeded shop, its key, the ring and its stock
            for kind, body in read(tmp_path / "scratch" / "prestashop.sqlite", "SELECT kind, body FROM records")]
    database = tmp_path / "old" / "prestashop.sqlite"
    # products ring_id and ring_id + 1 were used, the second since deleted: the next is one past it
    old_folder(database, PRESTASHOP_TABLES, shop, {"products": ring_id + 2})

    sandbox = PrestaShopSandbox(tmp_path / "old", keys=[WebserviceKey(PRESTASHOP_KEY)])
    ws = Webservice(sandbox.asgi)
    try:
        found = ws.json(f"/api/products/{ring_id}")["product"]
        assert (found["reference"], found["price"], found["name"][1]) == ("BAOR01", "120.000000", {"id": 2, "value": "Bague or"})
        assert ws.json("/api/languages?display=[iso_code]")["languages"] == [{"id": 1, "iso_code": "en"}, {"id": 2, "iso_code": "fr"}]
        chain = ws.post("/api/products", product("CHAAR01", "45", name="Chaîne argent"))
        assert int(ET.fromstring(chain.content)[0].findtext("id")) == ring_id + 2
    finally:
        sandbox.store.close()
    assert {name for (name,) in read(database, "SELECT name FROM sqlite_master WHERE type = 'table'")} == {
        "records", "counters"}
    assert read(database, "SELECT next_id FROM counters WHERE kind = 'products'") == [(ring_id + 3,)]
