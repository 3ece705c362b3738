"""A wrong profile file says which file, key path, value and what was expected."""

from __future__ import annotations

from pathlib import Path

import pytest

from gescom_sync.errors import ConfigError, NotFound
from gescom_sync.i18n import set_language
from gescom_sync.paths import profiles_dir
from gescom_sync.profiles import Profile, default_profile_name, load_profile, set_default_profile

BROKEN = """\
language = "de"

[backoffice]
type = "sage100"
url = "mssql+pyodbc://sa:hunter2@srv/SAGE100"

[shop]
type = "woocommerce"
url = "ftp://bijou.example.fr"
consumer_kye = "<secret>"

[shop.http]
timeout = -5
max_tries = "lots"
tls_min_version = "1.0"
"""


def write_profile(name: str, text: str) -> Path:
    path = profiles_dir() / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def problems(name: str) -> list[str]:
    with pytest.raises(ConfigError) as raised:
        load_profile(name)
    return raised.value.message.splitlines()


def test_every_problem_in_french_by_default_with_file_key_value_and_expectation() -> None:
    path = write_profile("casse", BROKEN)

    assert problems("casse") == [
        f"{path} : 7 problème(s) :",
        "  language = 'de' : valeurs attendues : en, fr",
        "  backoffice.url = 'mssql+pyodbc://sa:********@srv/SAGE100' : l'URL ne doit pas contenir le mot de passe ; "
        "renseignez plutôt backoffice.password",
        "  shop.url = 'ftp://bijou.example.fr' : adresse web attendue, par exemple https://boutique.exemple.fr",
        "  shop.http.timeout = -5 : valeur strictement supérieure à 0 attendue",
        "  shop.http.max_tries = 'lots' : nombre entier attendu",
        "  shop.http.tls_min_version = '1.0' : valeurs attendues : 1.2, 1.3",
        "  shop.consumer_kye : clé inconnue ; vouliez-vous dire 'consumer_key' ?",
    ]


def test_the_same_problems_in_english() -> None:
    path = write_profile("casse", BROKEN)
    set_language("en")

    lines = problems("casse")

    assert lines[0] == f"{path}: 7 problem(s):"
    assert "  shop.http.timeout = -5: expected a value greater than 0" in lines
    assert "  shop.consumer_kye: unknown key; did you mean 'consumer_key'?" in lines
    assert "  language = 'de': expected one of: en, fr" in lines


def test_unknown_key_without_close_match_lists_the_keys_of_its_block() -> None:
    write_profile("p", '[backoffice]\ntype = "sage100"\nurl = "bijou.sqlite"\ncolour = "blue"\n')
    set_language("en")

    assert (
        problems("p")[1] == "  backoffice.colour: unknown key; expected one of: media_folder, password, type, url, user"
    )


def test_missing_and_unknown_types_name_the_accepted_types() -> None:
    write_profile("p", '[backoffice]\nurl = "bijou.sqlite"\n[shop]\ntype = "ebay"\nurl = "https://x.fr"\n')
    set_language("en")

    assert problems("p")[1:] == [
        "  backoffice.type: required key is missing; expected one of: sage100",
        "  shop.type = 'ebay': unknown type; expected one of: woocommerce, prestashop, shopify, magento",
    ]


def test_required_key_missing() -> None:
    write_profile("p", '[backoffice]\ntype = "sage100"\n')
    set_language("en")

    assert problems("p")[1:] == ["  backoffice.url: required key is missing"]


def test_a_secret_written_in_the_file_is_refused_without_echoing_it() -> None:
    path = write_profile("p", '[backoffice]\ntype = "sage100"\nurl = "b.sqlite"\npassword = "hunter2"\n')
    set_language("en")

    with pytest.raises(ConfigError) as raised:
        load_profile("p")

    assert raised.value.message.startswith(f"{path}: backoffice.password: secrets are not kept in configuration files")
    assert "hunter2" not in raised.value.message


def test_invalid_toml_names_the_file() -> None:
    path = write_profile("p", "[backoffice\n")
    set_language("en")

    with pytest.raises(ConfigError, match="not a valid TOML file") as raised:
        load_profile("p")
    assert str(path) in raised.value.message


def test_shop_urls_lose_their_trailing_slash_and_shopify_keeps_a_bare_domain() -> None:
    woo = Profile(
        name="w",
        backoffice={"type": "sage100", "url": "b.sqlite"},
        shop={"type": "woocommerce", "url": "https://bijou.fr/boutique//"},
    )
    shopify = Profile(
        name="s",
        backoffice={"type": "sage100", "url": "b.sqlite"},
        shop={"type": "shopify", "domain": "https://Bijou.myshopify.com/"},
    )

    assert woo.shop.url == "https://bijou.fr/boutique"
    assert shopify.shop.domain == "bijou.myshopify.com"
    assert shopify.shop.base_url() == "https://bijou.myshopify.com"


def test_http_defaults_are_those_of_the_specification() -> None:
    shop = Profile(
        name="p", backoffice={"type": "sage100", "url": "b.sqlite"}, shop={"type": "prestashop", "url": "https://x.fr"}
    ).shop

    assert (shop.http.timeout, shop.http.delay_ms, shop.http.max_tries, shop.http.tls_min_version) == (
        30.0,
        25,
        3,
        "1.2",
    )


def test_connect_url_inserts_user_and_secret_password(tmp_path: Path) -> None:
    server = Profile(
        name="p",
        backoffice={
            "type": "sage100",
            "url": "mssql+pyodbc://srv/SAGE100?driver=ODBC+Driver+18",
            "user": "sa",
            "password": "p@ss:w/rd",
        },
    )
    local = Profile(name="p", backoffice={"type": "sage100", "url": str(tmp_path / "bijou.sqlite")})

    assert server.backoffice.connect_url() == "mssql+pyodbc://sa:p%40ss%3Aw%2Frd@srv/SAGE100?driver=ODBC+Driver+18"
    assert local.backoffice.connect_url() == f"sqlite:///{tmp_path / 'bijou.sqlite'}"


def test_no_default_profile_is_a_clear_not_found() -> None:
    with pytest.raises(NotFound, match="profile default"):
        load_profile(None)


def test_the_only_profile_is_the_default_until_one_is_chosen(woo_profile) -> None:
    woo_profile("alpha")
    assert default_profile_name() == "alpha"
    woo_profile("beta")
    assert default_profile_name() is None
    set_default_profile("beta")
    assert load_profile(None).name == "beta"


def test_unknown_profile_lists_the_existing_ones(woo_profile) -> None:
    woo_profile("alpha")
    set_language("en")

    with pytest.raises(NotFound, match=r"No profile named 'beta' \(profiles: alpha\)"):
        load_profile("beta")


def test_a_password_inside_a_url_is_masked_even_when_it_holds_an_at_sign() -> None:
    write_profile("p", '[backoffice]\ntype = "sage100"\nurl = "mssql+pyodbc://sa:p@ss:w0rd@srv/SAGE100"\n')
    set_language("en")

    line = problems("p")[1]

    assert line.startswith("  backoffice.url = 'mssql+pyodbc://sa:********@srv/SAGE100': expected a SQLAlchemy URL such as")
    assert "ss:w0rd" not in line
