"""The Sage 100 layout: unquoted identifiers that work the same on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from gescom_sync.backoffice.sage100 import schema

UNQUOTED_FILTER = "SELECT AR_Ref FROM F_ARTICLE WHERE AR_Ref LIKE 'CH%' ORDER BY AR_Ref"


def _create_and_filter(url: str) -> list[str]:
    engine = sa.create_engine(url)
    try:
        schema.metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(
                schema.F_ARTICLE.insert(),
                [{"AR_Ref": ref, "FA_CodeFamille": "CHAINES"} for ref in ("CHAOR42", "BAOR01", "CHSR10")],
            )
            return list(connection.execute(sa.text(UNQUOTED_FILTER)).scalars())
    finally:
        engine.dispose()


def test_tables_are_created_on_sqlite_and_an_unquoted_filter_works():
    assert _create_and_filter("sqlite://") == ["CHAOR42", "CHSR10"]


@pytest.mark.postgres
def test_tables_are_created_on_postgresql_and_an_unquoted_filter_works(pg_url):
    assert _create_and_filter(pg_url) == ["CHAOR42", "CHSR10"]


def test_ddl_never_quotes_sage_identifiers():
    dialect = postgresql.dialect()
    for table in schema.metadata.sorted_tables:
        ddl = str(sa.schema.CreateTable(table).compile(dialect=dialect))
        assert '"' not in ddl, table.name
        for index in table.indexes:
            assert '"' not in str(sa.schema.CreateIndex(index).compile(dialect=dialect)), index.name


def test_every_f_table_has_cbmarq_identity_and_modification_date():
    for name, table in schema.metadata.tables.items():
        if name.startswith("F_"):
            assert [c.name for c in table.primary_key.columns] == ["cbMarq"], name
            assert "cbModification" in table.c, name


def test_p_tables_are_slot_arrays_keyed_by_cbindice():
    slot_tables = [
        name for name in schema.metadata.tables if name.startswith("P_") and name not in ("P_CATCOMPTA", "P_DOSSIER")
    ]
    assert len(slot_tables) == 10
    for name in slot_tables:
        assert [c.name for c in schema.metadata.tables[name].primary_key.columns] == ["cbIndice"], name


def test_business_keys_are_unique_indexes_with_sage_names():
    def unique_index(table: sa.Table, name: str) -> list[str]:
        (index,) = [i for i in table.indexes if i.name == name]
        assert index.unique
        return [c.name for c in index.columns]

    assert unique_index(schema.F_ARTICLE, "IAR_REF") == ["AR_Ref"]
    assert unique_index(schema.F_COMPTET, "ICT_NUM") == ["CT_Num"]
    assert unique_index(schema.F_DOCENTETE, "IDO_TPIECE") == ["DO_Domaine", "DO_Type", "DO_Piece"]
    assert unique_index(schema.F_DOCLIGNE, "IDL_NO") == ["DL_No"]
    assert unique_index(schema.F_ARTSTOCK, "IAS_REF") == ["AR_Ref", "DE_No"]
    assert unique_index(schema.F_DOCCURRENTPIECE, "IDC_DOCUMENT") == ["DC_Domaine", "DC_IdCol", "DC_Souche"]


def test_amounts_are_numeric_24_6_and_read_back_as_decimal():
    column_type = schema.F_ARTSTOCK.c.AS_QteSto.type
    assert (column_type.precision, column_type.scale, column_type.asdecimal) == (24, 6, True)
    engine = sa.create_engine("sqlite://")
    schema.metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(schema.F_ARTSTOCK.insert(), {"AR_Ref": "CHAOR42", "DE_No": 1, "AS_QteSto": "12.5"})
        stored = connection.execute(sa.select(schema.F_ARTSTOCK.c.AS_QteSto, schema.F_ARTSTOCK.c.AS_QteRes)).one()
    engine.dispose()
    assert [str(value) for value in stored] == ["12.500000", "0.000000"]


def test_free_information_columns_exist_on_their_tables():
    assert schema.free_info_columns("F_ARTICLE")[:5] == [
        "RefMaitre",
        "Gamme1Nom",
        "Gamme1Valeur",
        "Gamme2Nom",
        "Gamme2Valeur",
    ]
    for table_name, columns in schema.FREE_INFO_COLUMNS.items():
        for name, _cb_type, _length in columns:
            assert name in schema.metadata.tables[table_name].c, (table_name, name)
            assert name.isascii() and name.isalnum()
    assert schema.free_info_columns("F_ECRITUREC") == []
