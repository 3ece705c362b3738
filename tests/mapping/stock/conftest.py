"""The Bijou demo back office, read once per session, for the stock mapping tests."""

from __future__ import annotations

import pytest
from stock_support import export_targets

from gescom_sync.backoffice.sage100 import Sage100BackOffice


@pytest.fixture(scope="session")
def sage(tmp_path_factory: pytest.TempPathFactory):
    from gescom_sync.demo.bijou import create

    demo = create(tmp_path_factory.mktemp("bijou-stock") / "bijou.sqlite")
    with Sage100BackOffice.from_url(demo.url, media_folder=demo.media_folder) as backoffice:
        yield backoffice


@pytest.fixture(scope="session")
def products(sage):
    return sage.products()


@pytest.fixture(scope="session")
def targets(products):
    return export_targets(products)
