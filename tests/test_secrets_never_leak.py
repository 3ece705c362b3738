"""A planted secret in every secret field never shows up anywhere a user or a log can see.

Scanned: the TOML files and every other file of the data folder (logs included),
`profile show` / `show --json` / `list` / `test` output, exported files, the error
messages of broken profiles, and DEBUG logging. The journal joins this scan when it lands.
"""

from __future__ import annotations

import io
import logging
import sys
from pathlib import Path

import pytest

from gescom_sync import cli
from gescom_sync.paths import data_dir, profiles_dir
from gescom_sync.profiles import AppSettings, Profile, load_profile, save_profile, save_settings
from gescom_sync.profiles.documents import get_path, secret_paths_of

PLANT = "S3CR3T-planted-7f3a"

SHOPS = {
    "woo": {
        "type": "woocommerce",
        "url": "https://woo.invalid",
        "consumer_key": f"{PLANT}-ck",
        "consumer_secret": f"{PLANT}-cs",
        "wordpress_user": "admin",
        "application_password": f"{PLANT}-wp",
    },
    "presta": {"type": "prestashop", "url": "https://presta.invalid", "api_key": f"{PLANT}-ps"},
    "shopify": {"type": "shopify", "domain": "bijou.invalid", "access_token": f"{PLANT}-shpat"},
    "magento": {"type": "magento", "url": "https://magento.invalid", "token": f"{PLANT}-mg"},
}


def plant_everywhere() -> list[str]:
    names = []
    for name, shop in SHOPS.items():
        http = {"basic_auth_user": "wall", "basic_auth_password": f"{PLANT}-wall", "timeout": 0.5}
        profile = Profile(
            name=name,
            backoffice={
                "type": "sage100",
                "url": "mssql+pyodbc://srv.invalid/SAGE100",
                "user": "sa",
                "password": f"{PLANT}-db",
            },
            shop={**shop, "http": http},
        )
        save_profile(profile)
        names.append(name)
        unset = [
            path
            for path in secret_paths_of(Profile)
            if path.startswith("backoffice.") or path.startswith("shop.http.") or path.split(".")[-1] in shop
        ]
        assert all(get_path(profile, path) is not None for path in unset), (
            "every secret field of this profile is planted"
        )
    save_settings(
        AppSettings(
            smtp={"host": "smtp.invalid", "password": f"{PLANT}-smtp"},
            proxy={"host": "proxy.invalid", "password": f"{PLANT}-proxy"},
            options_password=f"{PLANT}-options",
        )
    )
    return names


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> str:
    monkeypatch.setattr(sys, "argv", ["gescom-sync", *args])
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    try:
        cli.main()
    except SystemExit:
        pass
    captured = capsys.readouterr()
    return captured.out + captured.err


def test_planted_secrets_never_leak(monkeypatch, capsys, caplog, tmp_path: Path) -> None:
    caplog.set_level(logging.DEBUG)
    names = plant_everywhere()
    outputs = []

    for name in names:
        outputs.append(run(monkeypatch, capsys, "profile", "show", name))
        outputs.append(run(monkeypatch, capsys, "profile", "show", name, "--json"))
        outputs.append(run(monkeypatch, capsys, "profile", "export", name, str(tmp_path / f"{name}.toml")))
        outputs.append((tmp_path / f"{name}.toml").read_text())
        outputs.append(run(monkeypatch, capsys, "profile", "test", name))
        outputs.append(
            run(monkeypatch, capsys, "profile", "set", name, "shop.http.timeout=-1", "backoffice.url=mssql://sa:x@h/db")
        )
    outputs.append(run(monkeypatch, capsys, "profile", "list", "--json"))
    outputs.append(run(monkeypatch, capsys, "profile", "duplicate", "woo", "woo2"))
    outputs.append(run(monkeypatch, capsys, "profile", "rename", "woo2", "woo3"))
    outputs.append(run(monkeypatch, capsys, "profile", "delete", "woo3", "--yes"))

    broken = profiles_dir() / "broken.toml"
    broken.write_text(
        f'[backoffice]\ntype = "sage100"\nurl = "mssql+pyodbc://sa:{PLANT}@srv/SAGE"\npassword = "{PLANT}"\n'
    )
    outputs.append(run(monkeypatch, capsys, "profile", "show", "broken"))
    broken.write_text(
        f'[backoffice]\ntype = "sage100"\nurl = "mssql+pyodbc://sa:{PLANT}@srv/SAGE"\n[shop]\ntype = "magento"\nurl = "x"\n'
    )
    outputs.append(run(monkeypatch, capsys, "profile", "show", "broken"))
    outputs.append(run(monkeypatch, capsys, "profile", "list"))
    broken.unlink()
    outputs.extend(repr(load_profile(name)) for name in names)

    assert all(output.strip() for output in outputs)
    for output in outputs:
        assert PLANT not in output
    for path in data_dir().rglob("*"):
        if path.is_file():
            assert PLANT.encode() not in path.read_bytes(), path
    assert PLANT not in caplog.text
    assert any(record.levelno == logging.DEBUG for record in caplog.records)
