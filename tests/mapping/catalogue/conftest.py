"""The Bijou demo database, read once per session for the catalogue mapping tests."""

from __future__ import annotations

import pytest
from catalogue_support import Bijou

from gescom_sync.backoffice.sage100 import Sage100BackOffice
from gescom_sync.mapping.catalogue import ReferenceData


@pytest.fixture(scope="session")
def bijou(tmp_path_factory: pytest.TempPathFactory) -> Bijou:
    from gescom_sync.demo.bijou import create

    demo = create(tmp_path_factory.mktemp("bijou-mapping") / "bijou.sqlite")
    with Sage100BackOffice.from_url(demo.url, media_folder=demo.media_folder) as sage:
        products = sage.products()
        reference = ReferenceData(sage.families(), sage.taxes(), [p.reference for p in products])
    return Bijou(products, reference, demo.media_folder)
