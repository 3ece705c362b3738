"""Opening the back office of a profile's settings block."""

import pytest

from gescom_sync.backoffice import BackOffice, open_backoffice
from gescom_sync.errors import ConfigError, NotFound
from gescom_sync.profiles import Sage100Backoffice


def test_a_sage_block_opens_the_sage_connector_with_its_media_folder(bijou_sqlite):
    settings = Sage100Backoffice(url=bijou_sqlite.url.removeprefix("sqlite:///"), media_folder=bijou_sqlite.media_folder)
    backoffice = open_backoffice(settings)
    try:
        assert isinstance(backoffice, BackOffice)
        [chain] = backoffice.products(filter="AR_Ref = 'CHAOR42'")
        assert chain.photo.path == bijou_sqlite.media_folder / "Multimedia" / "CHAOR42.jpg"
    finally:
        backoffice.close()


def test_a_missing_database_file_is_named(tmp_path):
    settings = Sage100Backoffice(url=str(tmp_path / "absent.sqlite"))
    with pytest.raises(NotFound, match="absent.sqlite"):
        open_backoffice(settings)


def test_an_unknown_back_office_type_is_refused():
    class Dolibarr:
        type = "dolibarr"

    with pytest.raises(ConfigError, match="dolibarr"):
        open_backoffice(Dolibarr())


def test_connection_errors_never_show_the_password():
    from gescom_sync.backoffice.sage100 import Sage100BackOffice
    from gescom_sync.errors import ConnectionFailed

    sage = Sage100BackOffice.from_url("postgresql+psycopg://sage:planted-s3cret@127.0.0.1:1/SAGE?connect_timeout=2")
    with pytest.raises(ConnectionFailed) as failed:
        sage.test_connection()
    assert "planted-s3cret" not in str(failed.value)
    assert "postgresql+psycopg://sage:***@127.0.0.1:1/SAGE" in str(failed.value)
    with pytest.raises(ConnectionFailed) as malformed:
        Sage100BackOffice.from_url("mssql+pyodbc://sage:planted-s3cret@host:notaport/db")
    assert "planted-s3cret" not in str(malformed.value)
