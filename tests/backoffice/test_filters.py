"""The user SQL filter check and its PostgreSQL translation (no database needed)."""

import pytest

from gescom_sync.backoffice.sage100.filters import prepare_filter
from gescom_sync.errors import FilterError


@pytest.mark.parametrize(
    ("fragment", "reason"),
    [
        ("1=1; DELETE FROM F_ARTICLE", "';' est interdit"),
        ("AR_Ref = 'x' OR 1=1 DELETE FROM F_ARTICLE", "DELETE est interdit"),
        ("AR_Ref IN (SELECT AR_Ref INTO F_COPIE FROM F_ARTICLE)", "INTO est interdit"),
        ("1=1) OR (1=1", "une ')' ferme une parenthèse"),
        ("(AR_Ref = 'x'", "une '(' n'est jamais fermée"),
        ("AR_Ref = 'CH", "' n'est jamais fermé"),
        ("AR_Ref = 'x' -- commentaire", "commentaires"),
        ("drop table F_ARTICLE", "DROP est interdit"),
        ("exec xp_cmdshell 'dir'", "EXEC est interdit"),
    ],
)
def test_a_filter_that_is_not_one_read_only_condition_is_refused(fragment, reason):
    with pytest.raises(FilterError) as refused:
        prepare_filter(fragment, "F_ARTICLE", "sqlite")
    message = str(refused.value)
    assert reason in message
    assert f"« {fragment} » sur F_ARTICLE refusé" in message
    assert "\n" not in message


def test_keywords_and_semicolons_inside_literals_are_data():
    fragment = "AR_Design LIKE '%DELETE; DROP%' AND [Marque] <> 'a''b'"
    assert prepare_filter(fragment, "F_ARTICLE", "sqlite") == fragment


def test_a_subquery_is_a_read_and_passes():
    fragment = "AR_Ref IN (SELECT AR_Ref FROM F_ARTSTOCK WHERE AS_QteSto > 0)"
    assert prepare_filter(fragment, "F_ARTICLE", "sqlite") == fragment


def test_postgresql_gets_case_insensitive_like_and_its_own_identifier_quotes():
    fragment = "AR_Ref not like 'ch%' AND [RefMaitre] LIKE 'Pantalon' AND [code Fournisseur] = 'LIKE [x]'"
    assert prepare_filter(fragment, "F_ARTICLE", "postgresql") == (
        "AR_Ref not ILIKE 'ch%' AND \"refmaitre\" ILIKE 'Pantalon' AND \"code Fournisseur\" = 'LIKE [x]'"
    )


def test_sql_server_and_sqlite_receive_the_filter_as_written():
    fragment = "[RefMaitre] LIKE 'Pantalon'"
    assert prepare_filter(fragment, "F_ARTICLE", "mssql") == fragment
    assert prepare_filter(fragment, "F_ARTICLE", "sqlite") == fragment


def test_sql_server_query_keeps_brackets_and_literal_colons():
    """No SQL Server here: the statement is compiled for its dialect and read."""
    import sqlalchemy as sa
    from sqlalchemy.dialects import mssql

    from gescom_sync.backoffice.sage100 import schema
    from gescom_sync.backoffice.sage100.scope import make_scope

    scope = make_scope(schema.F_ARTICLE, "AR_Ref", "mssql", "[code Fournisseur] LIKE 'a:b%'")
    stock = schema.F_ARTSTOCK
    statement = sa.select(stock.c.AR_Ref).where(scope.on(stock.c.AR_Ref))
    assert " ".join(str(statement.compile(dialect=mssql.dialect())).split()) == (
        "SELECT F_ARTSTOCK.AR_Ref FROM F_ARTSTOCK WHERE F_ARTSTOCK.AR_Ref IN "
        "(SELECT F_ARTICLE.AR_Ref FROM F_ARTICLE WHERE ([code Fournisseur] LIKE 'a:b%'))"
    )
