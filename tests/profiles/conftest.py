"""Helpers for the profile tests: run the real CLI entry point, build profiles."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass

import pytest

from gescom_sync import cli
from gescom_sync.profiles import Profile, save_profile


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``gescom-sync ARGS`` through ``main()`` (exit codes and error printing as installed)."""

    def run(*args: str, stdin: str = "") -> CliResult:
        monkeypatch.setattr(sys, "argv", ["gescom-sync", *args])
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        try:
            cli.main()
            code = 0
        except SystemExit as done:
            code = done.code if isinstance(done.code, int) else 0
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def woo_profile() -> Callable[..., Profile]:
    """Save a WooCommerce profile on the demo Sage layout, with every secret set."""

    def make(name: str = "bijou", secret: str = "s3cr3t", **shop: object) -> Profile:
        profile = Profile(
            name=name,
            backoffice={
                "type": "sage100",
                "url": "mssql+pyodbc://srv/SAGE100",
                "user": "sa",
                "password": f"db-{secret}",
            },
            shop={
                "type": "woocommerce",
                "url": "https://bijou.example.fr/",
                "consumer_key": f"ck-{secret}",
                "consumer_secret": f"cs-{secret}",
                **shop,
            },
        )
        save_profile(profile)
        return profile

    return make
