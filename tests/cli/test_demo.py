"""`gescom-sync demo`: the README's first command, on the embedded back office."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

from decimal import Decimal

import httpx
import pytest

from gescom_sync.demo.orders import web_documents
from gescom_sync.sandbox.prestashop.store import Store as PrestaShopStore
from gescom_sync.sandbox.woocommerce.store import Store


def run_demo(home: Path, *options: str, demo_options_last: bool = False) -> subprocess.CompletedProcess[str]:
    """``gescom-sync [options] demo --home HOME``; with ``demo_options_last``, options already hold ``demo ...``."""
    command = [*options, "--home", str(home)] if demo_options_last else [*options, "demo", "--home", str(home)]
    return subprocess.run(
        [sys.executable, "-c", "from gescom_sync.cli import main; main()", *command],
        capture_output=True,
        text=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    home = tmp_path_factory.mktemp("demo")
    return home, run_demo(home)


def test_demo_creates_the_database_and_the_default_profile(demo_home):
    home, result = demo_home
    assert result.returncode == 0, result.stderr
    assert (home / "bijou.sqlite").is_file()
    assert (home / "profiles" / "demo.toml").is_file()
    assert 'default_profile = "demo"' in (home / "settings.toml").read_text()


def test_demo_connects_the_profile_to_the_sandbox_shop(demo_home):
    home, result = demo_home
    assert "Boutique WooCommerce de test : http://127.0.0.1:" in result.stdout
    assert "Connecté à WooCommerce à http://127.0.0.1:" in result.stdout
    assert "la clé peut lire et écrire" in result.stdout
    profile = (home / "profiles" / "demo.toml").read_text()
    assert 'type = "woocommerce"' in profile and 'consumer_secret = "<secret>"' in profile


def test_demo_prints_the_catalogue_and_the_five_stock_formulas_in_french(demo_home):
    _home, result = demo_home
    out = result.stdout
    assert "34 articles dans la gestion commerciale, 20 publiés sur le web." in out
    for line in ("stock réel : 60", "réel − réservé : 52", "disponible : 56", "à terme : 74", "à terme sans commandes fournisseurs : 49"):
        assert line in out
    assert "Prix de CHAOR42 pour TOPAZ, quantité 1 : 558,00 (catégorie tarifaire)" in out
    assert "Prix de CHAOR42 pour TOPAZ, quantité 3 : 530,10 (tarif par quantité)" in out


def test_demo_exports_the_catalogue_then_stock_and_prices_to_the_sandbox(demo_home):
    _home, result = demo_home
    out = result.stdout
    for line in ("Début de l'export des articles", "Fin de l'export des articles",
                 "Début de la mise à jour des stocks", "Début de la mise à jour des prix", "Fin de la mise à jour des prix"):
        assert line in out
    assert " - Pantalon : création" in out and " - PANROUGE42 : création" in out  # one product, its variations
    assert " - BOAR12-E24 : création" in out  # a packaging as a variant
    assert "Voyez le résultat dans la boutique de test : http://127.0.0.1:" in out


def test_demo_exports_customers_and_imports_the_sandbox_prospect(demo_home):
    home, result = demo_home
    out = result.stdout
    assert " - TOPAZ : création" in out
    assert " - DUBOIS : ignoré (Le compte DUBOIS n'a pas d'adresse e-mail valide" in out
    assert "Id Customer:2, Numéro de compte= WEB000002" in out  # Camille Lefèvre, who never ordered
    again = run_demo(home)
    assert "Id Customer:2" not in again.stdout  # bound: a second demo creates no account


def test_demo_keep_json_leaves_the_shop_running_and_describes_itself(tmp_path):
    result = run_demo(tmp_path / "kept", "--lang", "en", "demo", "--keep", "--json", demo_options_last=True)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    described = lines[-1]
    try:
        assert described["profile"] == "demo" and described["home"] == str(tmp_path / "kept")
        assert described["backoffice"].endswith("bijou.sqlite")
        assert described["consumer_key"].startswith("ck_") and described["consumer_secret"].startswith("cs_")
        export = described["operations"]["export_products"]
        assert export["failed"] == 0 and export["created"] >= 28
        assert list(described["operations"]) == [
            "export_products", "update_stock", "export_customer_groups", "export_customers", "update_prices", "import_prospects",
            "import_orders",
        ]
        # 8 orders (one of each kind) and the accounts of their 5 registered customers and of the guest
        assert described["operations"]["import_orders"] == {"created": 8 + 6, "updated": 0, "unchanged": 0, "skipped": 0,
                                                            "failed": 0}
        assert httpx.get(described["shop_url"] + "/", timeout=5).status_code == 200  # still serving
        finished = [line for line in lines[:-1] if line["event"] == "finished"]
        assert [f["operation"] for f in finished] == list(described["operations"])
        assert finished[0]["totals"] == export
    finally:
        os.kill(described["sandbox_pid"], signal.SIGTERM)


def test_demo_runs_again_on_the_same_folder_and_speaks_english(demo_home):
    home, _first = demo_home
    result = run_demo(home, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Demo back office created" not in result.stdout  # the database is reused
    assert "Price of CHAOR42 for TOPAZ, quantity 3: 530.10 (quantity break)" in result.stdout


def test_demo_on_the_prestashop_sandbox_keep_json_gives_the_webservice_key(tmp_path):
    home = tmp_path / "prestashop"
    result = run_demo(home, "demo", "--shop", "prestashop", "--keep", "--json", demo_options_last=True)
    assert result.returncode == 0, result.stderr
    described = json.loads(result.stdout.splitlines()[-1])
    try:
        assert described["shop_type"] == "prestashop"
        assert len(described["key"]) == 32 and described["key"].isalnum()
        assert "consumer_key" not in described and "consumer_secret" not in described
        operations = described["operations"]
        assert operations["export_products"]["failed"] == 0 and operations["export_products"]["created"] >= 28
        assert operations["export_customers"] == {"created": 6, "updated": 0, "unchanged": 0, "skipped": 4, "failed": 0}
        assert operations["import_prospects"]["created"] == 1  # Camille Lefèvre, who never ordered
        assert "import_orders" not in operations  # kept in another process: no cart total to pay, no orders
        answer = httpx.get(described["shop_url"] + "/api/products", params={"output_format": "JSON"},
                           auth=(described["key"], ""), timeout=5)
        assert answer.status_code == 200  # still serving, with the catalogue: 20 web articles, the 6 trousers as one
        assert len(answer.json()["products"]) == 15
        profile = (home / "profiles" / "demo.toml").read_text()
        assert 'type = "prestashop"' in profile and 'api_key = "<secret>"' in profile
        assert described["key"] not in profile
    finally:
        os.kill(described["sandbox_pid"], signal.SIGTERM)


def test_demo_imports_the_orders_it_places_as_documents_with_the_shop_totals(demo_home):
    home, result = demo_home
    assert result.returncode == 0, result.stderr
    store = Store(home / "sandbox-shop")
    try:
        orders = {str(order["id"]): order for order in store.all("order")}
    finally:
        store.close()
    documents = {d.order_id: d for d in web_documents(f"sqlite:///{home / 'bijou.sqlite'}") if d.order_id in orders}

    assert len(orders) >= 8 and set(documents) == set(orders)  # every order placed became one document
    for order_id, document in documents.items():
        assert document.order_total == Decimal(orders[order_id]["total"]), order_id
    first_eight = sorted(orders, key=int)[:8]  # placed by this first demo (the others by the demos run again)
    assert all(f"│ {documents[i].piece} " in result.stdout for i in first_eight)
    kinds = {orders[i]["currency"] for i in first_eight}, [documents[i].piece[:2] for i in first_eight]
    assert kinds == ({"EUR", "USD"}, ["BC", "BC", "BC", "BC", "FA", "BC", "BC", "BC"])  # the completed one: an invoice
    assert "Pièces créées depuis les commandes (8)" in result.stdout
    guest = documents[first_eight[1]]
    assert (guest.customer, orders[first_eight[1]]["customer_id"]) == ("Claire Fontaine", 0)
    assert all(orders[i]["status"] == "completed" for i in first_eight if i != first_eight[3])  # paid: completed after import
    assert orders[first_eight[3]]["status"] == "on-hold"  # a cheque awaited: left as it is


def test_demo_on_the_prestashop_sandbox_imports_the_orders_it_places_with_the_shop_totals(tmp_path):
    home = tmp_path / "prestashop-orders"
    result = run_demo(home, "demo", "--shop", "prestashop", demo_options_last=True)
    assert result.returncode == 0, result.stderr
    store = PrestaShopStore(home / "sandbox-prestashop")
    try:
        orders = {str(order["id"]): order for order in store.all("orders")}
    finally:
        store.close()
    documents = {d.order_id: d for d in web_documents(f"sqlite:///{home / 'bijou.sqlite'}") if d.order_id in orders}

    assert len(orders) == 8 and set(documents) == set(orders)  # every order placed became one document
    for order_id, document in documents.items():
        assert document.order_total == Decimal(orders[order_id]["total_paid_tax_incl"]).quantize(Decimal("0.01")), order_id
        assert f"│ {document.piece} " in result.stdout
    ids = sorted(orders, key=int)
    assert [documents[i].piece[:2] for i in ids] == ["BC", "BC", "BC", "BC", "FA", "BC", "BC", "BC"]  # delivered: an invoice
    assert "Pièces créées depuis les commandes (8)" in result.stdout
    assert documents[ids[1]].customer == "Claire Fontaine"  # the guest
    # paid (2): delivered (5) after import; awaiting a cheque (1): left as it is
    assert [orders[i]["current_state"] for i in ids] == [5, 5, 5, 1, 5, 5, 5, 5]
