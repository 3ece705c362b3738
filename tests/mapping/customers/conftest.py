"""The Bijou demo database for the customer mapping tests: one read-only copy per session,
and a fresh writable copy for each test that creates accounts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from gescom_sync.backoffice.sage100 import Sage100BackOffice


@pytest.fixture(scope="session")
def bijou_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from gescom_sync.demo.bijou import create

    path = tmp_path_factory.mktemp("bijou-customers") / "bijou.sqlite"
    create(path)
    return path


@pytest.fixture
def bijou_copy(bijou_file: Path, tmp_path: Path) -> Path:
    """A copy of the demo database this test may write to."""
    copy = tmp_path / "bijou.sqlite"
    shutil.copyfile(bijou_file, copy)
    return copy


@pytest.fixture
def sage(bijou_file: Path) -> Iterator[Sage100BackOffice]:
    with Sage100BackOffice.from_url(bijou_file) as backoffice:
        yield backoffice
