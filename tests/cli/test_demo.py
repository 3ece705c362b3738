"""`gescom-sync demo`: the README's first command, on the embedded back office."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


def run_demo(home: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from gescom_sync.cli import main; main()", *options, "demo", "--home", str(home)],
        capture_output=True,
        text=True,
        timeout=120,
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


def test_demo_runs_again_on_the_same_folder_and_speaks_english(demo_home):
    home, _first = demo_home
    result = run_demo(home, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "Demo back office created" not in result.stdout  # the database is reused
    assert "Price of CHAOR42 for TOPAZ, quantity 3: 530.10 (quantity break)" in result.stdout
