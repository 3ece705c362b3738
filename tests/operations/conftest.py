"""Operations run end to end: the Bijou back office, a sandbox WooCommerce shop on a local port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from gescom_sync.demo import bijou
from gescom_sync.profiles import create_profile
from gescom_sync.sandbox.woocommerce import RunningSandbox, start_sandbox


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with start_sandbox(tmp_path / "shop") as running:
        yield running


@pytest.fixture
def profile(tmp_path: Path, sandbox: RunningSandbox) -> str:
    demo = bijou.create(tmp_path / "bijou.sqlite")
    create_profile(
        "bijou",
        [
            ("backoffice.type", "sage100"),
            ("backoffice.url", str(tmp_path / "bijou.sqlite")),
            ("backoffice.media_folder", str(demo.media_folder)),
            ("shop.type", "woocommerce"),
            ("shop.url", sandbox.url),
            ("shop.consumer_key", sandbox.consumer_key),
            ("shop.consumer_secret", sandbox.consumer_secret),
            ("shop.http.delay_ms", "0"),
        ],
    )
    return "bijou"
