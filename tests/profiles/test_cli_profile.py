"""Every `gescom-sync profile ...` command, through the real entry point."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator

import pytest
from typer.testing import CliRunner

from gescom_sync import backoffice
from gescom_sync.cli import app
from gescom_sync.cli import profile as profile_cli
from gescom_sync.errors import ConnectionFailed
from gescom_sync.profiles import list_profiles, load_profile, load_settings, profile_path
from gescom_sync.sandbox.woocommerce import RunningSandbox, start_sandbox

CREATE_WOO = (
    "profile",
    "create",
    "bijou",
    "--database",
    "mssql+pyodbc://srv/SAGE100",
    "--db-user",
    "sa",
    "--db-password",
    "db-pw-7",
    "--shop",
    "woocommerce",
    "--shop-url",
    "https://bijou.example.fr/",
    "--consumer-key",
    "ck_7",
    "--consumer-secret",
    "cs_7",
    "--timeout",
    "45",
)


def test_create_with_flags_stores_secrets_apart(run_cli) -> None:
    result = run_cli(*CREATE_WOO)

    assert result.code == 0, result.err
    assert "Profil bijou créé" in result.out
    profile = load_profile("bijou")
    assert (profile.shop.url, profile.shop.http.timeout) == ("https://bijou.example.fr", 45.0)
    assert profile.shop.consumer_secret.get_secret_value() == "cs_7"
    assert "cs_7" not in profile_path("bijou").read_text()


def test_create_reminds_the_credentials_still_missing(run_cli) -> None:
    result = run_cli(
        "profile",
        "create",
        "presta",
        "--database",
        "bijou.sqlite",
        "--shop",
        "prestashop",
        "--shop-url",
        "https://presta.example.fr",
    )

    assert result.code == 0
    assert "Pas encore renseigné : shop.api_key. Renseignez-les avec : gescom-sync profile set presta CLÉ" in result.err


def test_create_with_a_wrong_value_exits_2_with_the_key_and_no_traceback(run_cli) -> None:
    result = run_cli(
        "--lang",
        "en",
        "profile",
        "create",
        "bijou",
        "--database",
        "bijou.sqlite",
        "--shop",
        "shopify",
        "--shop-url",
        "not a domain",
    )

    assert result.code == 2
    assert "shop.domain = 'not a domain': expected a domain such as bijou.myshopify.com" in result.err
    assert "Traceback" not in result.err
    assert list_profiles() == []


def test_create_asks_for_what_is_missing_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(profile_cli, "_interactive", lambda: True)
    answers = "\n".join(["bijou.sqlite", "", "shopify", "bijou.myshopify.com", "shpat_typed"]) + "\n"

    result = CliRunner().invoke(app, ["profile", "create", "bijou"], input=answers)

    assert result.exit_code == 0, result.output
    profile = load_profile("bijou")
    assert profile.backoffice.url == "bijou.sqlite" and profile.backoffice.password is None
    assert profile.shop.domain == "bijou.myshopify.com"
    assert profile.shop.access_token.get_secret_value() == "shpat_typed"
    assert "shpat_typed" not in result.output


def test_list_marks_the_default(run_cli, woo_profile) -> None:
    woo_profile("bijou")
    woo_profile("autre")
    run_cli("profile", "default", "bijou")

    text = run_cli("profile", "list").out
    rows = json.loads(run_cli("profile", "list", "--json").out)

    assert text.splitlines() == [
        "  autre                sage100 mssql+pyodbc://srv/SAGE100       woocommerce https://bijou.example.fr",
        "* bijou                sage100 mssql+pyodbc://srv/SAGE100       woocommerce https://bijou.example.fr",
    ]
    assert [(row["name"], row["default"]) for row in rows] == [("autre", False), ("bijou", True)]


def test_show_masks_secrets_in_text_and_json(run_cli, woo_profile) -> None:
    woo_profile("bijou", secret="sh-1")

    text = run_cli("profile", "show", "bijou").out
    data = json.loads(run_cli("profile", "show", "bijou", "--json").out)

    assert 'consumer_secret = "********"' in text and "sh-1" not in text
    assert data["shop"]["consumer_key"] == "********"
    assert data["backoffice"] == {
        "type": "sage100",
        "url": "mssql+pyodbc://srv/SAGE100",
        "user": "sa",
        "password": "********",
    }
    assert data["shop"]["http"]["delay_ms"] == 25


def test_set_validates_and_routes_secrets(run_cli, woo_profile) -> None:
    woo_profile("bijou")

    ok = run_cli("profile", "set", "bijou", "shop.http.max_tries=5", "shop.consumer_secret=cs-new", "language=en")
    bad = run_cli("profile", "set", "bijou", "shop.http.max_tries=0")
    typo = run_cli("profile", "set", "bijou", "shop.http.timeot=5")

    assert ok.code == 0 and "Profil bijou modifié : shop.http.max_tries, shop.consumer_secret, language" in ok.out
    profile = load_profile("bijou")
    assert (profile.shop.http.max_tries, profile.language) == (5, "en")
    assert profile.shop.consumer_secret.get_secret_value() == "cs-new"
    assert bad.code == 2 and "shop.http.max_tries = '0' : valeur supérieure ou égale à 1 attendue" in bad.err
    assert typo.code == 2 and "shop.http.timeot : clé inconnue ; vouliez-vous dire 'timeout' ?" in typo.err


def test_set_a_secret_key_alone_reads_it_from_stdin(run_cli, woo_profile) -> None:
    woo_profile("bijou")

    result = run_cli("profile", "set", "bijou", "shop.http.basic_auth_password", stdin="wall-pw\n")

    assert result.code == 0
    assert load_profile("bijou").shop.http.basic_auth_password.get_secret_value() == "wall-pw"


def test_set_switching_the_shop_type_drops_the_old_keys(run_cli, woo_profile) -> None:
    woo_profile("bijou")

    result = run_cli("profile", "set", "bijou", "shop.type=prestashop", "shop.api_key=PS-KEY")

    assert result.code == 0, result.err
    shop = load_profile("bijou").shop
    assert (shop.type, shop.url, shop.api_key.get_secret_value()) == (
        "prestashop",
        "https://bijou.example.fr",
        "PS-KEY",
    )


def test_set_without_equal_sign_on_a_plain_key_is_an_error(run_cli, woo_profile) -> None:
    woo_profile("bijou")
    result = run_cli("--lang", "en", "profile", "set", "bijou", "shop.url")

    assert result.code == 2
    assert "'shop.url': expected KEY=VALUE" in result.err


def test_rename_duplicate_default_and_delete(run_cli, woo_profile) -> None:
    woo_profile("bijou")

    assert run_cli("profile", "rename", "bijou", "bijou-fr").code == 0
    assert run_cli("profile", "duplicate", "bijou-fr", "bijou-be").code == 0
    assert run_cli("profile", "default", "bijou-be").code == 0
    declined = run_cli("profile", "delete", "bijou-fr", stdin="n\n")
    assert list_profiles() == ["bijou-be", "bijou-fr"]
    deleted = run_cli("profile", "delete", "bijou-fr", "--yes")

    assert declined.code == 1
    assert deleted.code == 0 and "Profil bijou-fr supprimé." in deleted.out
    assert list_profiles() == ["bijou-be"]
    assert load_settings().default_profile == "bijou-be"
    assert load_profile("bijou-be").shop.consumer_key.get_secret_value() == "ck-s3cr3t"


def test_delete_asks_and_accepts_yes(run_cli, woo_profile) -> None:
    woo_profile("bijou")

    result = run_cli("profile", "delete", "bijou", stdin="y\n")

    assert result.code == 0 and "Supprimer le profil bijou" in result.out
    assert list_profiles() == []


def test_unknown_profile_exits_2(run_cli) -> None:
    result = run_cli("profile", "show", "nope")

    assert result.code == 2
    assert result.err.strip() == "Aucun profil nommé 'nope' (profils : aucun)."


def test_export_then_import_tells_which_secrets_to_set(run_cli, woo_profile, tmp_path) -> None:
    woo_profile("bijou")
    exported = tmp_path / "bijou.toml"

    out = run_cli("profile", "export", "bijou", str(exported)).out
    imported = run_cli("profile", "import", str(exported), "--name", "bijou2")

    assert (
        "Les secrets ne sont pas exportés ; après l'import, renseignez : backoffice.password, shop.consumer_key, shop.consumer_secret"
        in out
    )
    assert imported.code == 0
    assert (
        "gescom-sync profile set bijou2 CLÉ (pour backoffice.password, shop.consumer_key, shop.consumer_secret)"
        in imported.out
    )
    assert load_profile("bijou2").shop.url == "https://bijou.example.fr"


class Answers200(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def shop_url() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Answers200)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class ReachableSage:
    """Stands for the Sage connector (tested in tests/backoffice): answers, and records its closing."""

    closed = False

    def test_connection(self) -> str:
        return "Sage 100 BIJOU: 42 articles"

    def close(self) -> None:
        ReachableSage.closed = True


def unreachable_sage(settings: object) -> object:
    raise ConnectionFailed("Cannot reach SQL Server srv: login failed for user 'sa'")


@pytest.fixture
def sandbox_shop(tmp_path) -> Iterator[RunningSandbox]:
    with start_sandbox(tmp_path / "sandbox") as shop:
        yield shop


def test_test_reports_both_connections(run_cli, woo_profile, sandbox_shop, monkeypatch: pytest.MonkeyPatch) -> None:
    shop_url = sandbox_shop.url
    woo_profile("bijou", url=shop_url, consumer_key=sandbox_shop.consumer_key, consumer_secret=sandbox_shop.consumer_secret)
    opened = []
    monkeypatch.setattr(
        backoffice, "open_backoffice", lambda settings: opened.append(settings.connect_url()) or ReachableSage()
    )

    result = run_cli("profile", "test")
    as_json = json.loads(run_cli("profile", "test", "bijou", "--json").out)

    assert result.code == 0, result.err
    assert opened[0] == "mssql+pyodbc://sa:db-s3cr3t@srv/SAGE100"
    assert "Gestion commerciale sage100 mssql+pyodbc://srv/SAGE100 : OK - Sage 100 BIJOU: 42 articles" in result.out
    assert f"Boutique woocommerce {shop_url} : OK - Connecté à WooCommerce à {shop_url} (authentification oauth1) : " in result.out
    assert "Fuseau horaire : UTC." in result.out  # the sandbox's site in UTC+0 (WordPress's default)
    assert [(check["side"], check["status"]) for check in as_json] == [("backoffice", "ok"), ("shop", "ok")]
    assert ReachableSage.closed


def test_test_exits_2_when_a_side_fails(run_cli, woo_profile, sandbox_shop, monkeypatch: pytest.MonkeyPatch) -> None:
    woo_profile("bijou", url=sandbox_shop.url, consumer_key=sandbox_shop.consumer_key, consumer_secret=sandbox_shop.consumer_secret)
    monkeypatch.setattr(backoffice, "open_backoffice", unreachable_sage)

    result = run_cli("profile", "test", "bijou")

    assert result.code == 2
    assert "Gestion commerciale sage100 mssql+pyodbc://srv/SAGE100 : ÉCHEC - Cannot reach SQL Server srv" in result.err
    assert "Le test de connexion du profil bijou a échoué." in result.err
    assert f"Boutique woocommerce {sandbox_shop.url} : OK - Connecté à WooCommerce" in result.out


def test_test_says_which_shop_key_is_wrong(run_cli, woo_profile, sandbox_shop, monkeypatch: pytest.MonkeyPatch) -> None:
    woo_profile("bijou", url=sandbox_shop.url, consumer_key=sandbox_shop.consumer_key, consumer_secret="cs_" + "0" * 40)
    monkeypatch.setattr(backoffice, "open_backoffice", lambda settings: ReachableSage())

    result = run_cli("profile", "test", "bijou")

    assert result.code == 2
    assert f"Boutique woocommerce {sandbox_shop.url} : ÉCHEC - " in result.err
    assert "secret" in result.err.lower()


def test_test_on_the_real_bijou_demo_database(run_cli, tmp_path) -> None:
    from gescom_sync.demo.bijou import create
    from gescom_sync.sandbox.prestashop import start_sandbox as start_prestashop

    create(tmp_path / "bijou.sqlite")
    prestashop = start_prestashop(tmp_path / "prestashop")
    shop_url = prestashop.url
    run_cli(
        "profile",
        "create",
        "demo",
        "--database",
        str(tmp_path / "bijou.sqlite"),
        "--shop",
        "prestashop",
        "--shop-url",
        shop_url,
        "--api-key",
        prestashop.key,
    )

    result = run_cli("profile", "test", "demo")
    prestashop.stop()

    assert result.code == 0, result.err
    assert "34 articles" in result.out
    assert f"Boutique prestashop {shop_url} : OK - Connecté à PrestaShop" in result.out
