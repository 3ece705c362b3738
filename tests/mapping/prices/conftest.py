"""The Bijou demo back office, read once per session, for the price mapping tests."""

from __future__ import annotations

import pytest
from price_support import export_targets, read_inputs

from gescom_sync.backoffice.sage100 import Sage100BackOffice
from gescom_sync.mapping.prices import PriceInputs


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> PriceInputs:
    from gescom_sync.demo.bijou import create

    demo = create(tmp_path_factory.mktemp("bijou-prices") / "bijou.sqlite")
    with Sage100BackOffice.from_url(demo.url) as sage:
        return read_inputs(sage)


@pytest.fixture(scope="session")
def targets(inputs):
    return export_targets(inputs.products)
