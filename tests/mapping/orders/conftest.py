"""The Bijou demo back office as the order mapping sees it, read once per session."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from order_support import bijou_settings

from gescom_sync.backoffice.sage100.writer.catalogue import read_order_catalogue
from gescom_sync.profiles.orders import ImportOrdersSettings


@pytest.fixture(scope="session")
def bijou_catalogue(tmp_path_factory: pytest.TempPathFactory):
    from gescom_sync.demo.bijou import create

    demo = create(tmp_path_factory.mktemp("bijou-orders") / "bijou.sqlite")
    engine = sa.create_engine(demo.url)
    with engine.connect() as connection:
        catalogue = read_order_catalogue(connection)
    engine.dispose()
    return catalogue


@pytest.fixture
def settings() -> ImportOrdersSettings:
    return bijou_settings()
