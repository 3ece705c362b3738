"""User SQL filters (SPEC §2.1): a fragment on Sage columns ANDed to the connector's query.

A filter such as ``AR_Ref LIKE 'CH%'`` is checked here before it reaches the database:
it must be one expression, so a ``;``, a comment, unbalanced parentheses or a statement
keyword (INSERT, UPDATE, DELETE, DROP, EXEC...) outside string literals is refused. The
connector then runs it inside a read-only transaction where the database offers one
(SQLite, PostgreSQL); SQL Server has none, which is why the check comes first.

The fragment is written for SQL Server, the production database. For PostgreSQL it is
translated token by token, never inside string literals:

* ``LIKE`` becomes ``ILIKE``: Sage's French_CI collation compares case-insensitively, and
  PostgreSQL's LIKE does not (SQLite's LIKE already ignores ASCII case);
* ``[Free field]`` (SQL Server's quoting) becomes a PostgreSQL identifier: a plain name is
  folded to lower case as PostgreSQL does for the unquoted names of the Sage layout,
  any other name is double-quoted as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from gescom_sync.errors import FilterError
from gescom_sync.i18n import _

# Words that start or change a statement, or reach outside the database. A subquery
# (``AR_Ref IN (SELECT ...)``) is a read and is allowed.
FORBIDDEN_WORDS = frozenset(
    """
    ALTER ANALYZE SET_CONFIG ATTACH BACKUP BEGIN BULK CALL COMMIT COPY CREATE DBCC DEALLOCATE DECLARE
    DELETE DENY DETACH DROP EXEC EXECUTE GRANT INSERT INTO KILL LISTEN LOAD LOCK MERGE
    NOTIFY OPENDATASOURCE OPENQUERY OPENROWSET PRAGMA PREPARE REINDEX RELEASE RENAME
    RESTORE REVOKE ROLLBACK SAVEPOINT SET SHUTDOWN TRUNCATE UPDATE USE VACUUM WAITFOR
    """.split()
)

_TOKEN = re.compile(
    r"""
      (?P<space>\s+)
    | (?P<string>'(?:[^']|'')*')
    | (?P<quoted>"(?:[^"]|"")*")
    | (?P<bracketed>\[(?:[^\]]|\]\])*\])
    | (?P<comment>--|/\*)
    | (?P<word>[^\W\d][\w$#@]*)
    | (?P<number>\d+(?:\.\d*)?)
    | (?P<open>\()
    | (?P<close>\))
    | (?P<semicolon>;)
    | (?P<unclosed>['"\[])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str


def tokenize(fragment: str) -> list[Token]:
    return [Token(m.lastgroup or "other", m.group()) for m in _TOKEN.finditer(fragment)]


def check_filter(fragment: str, table: str) -> list[Token]:
    """The fragment's tokens, or FilterError saying why it is not one read-only expression."""
    tokens = tokenize(fragment)
    depth = 0
    for token in tokens:
        reason = _refusal(token)
        if token.kind == "open":
            depth += 1
        elif token.kind == "close":
            depth -= 1
            if depth < 0:
                reason = _("a ')' closes a parenthesis that was never opened")
        if reason:
            raise refused(fragment, table, reason)
    if depth:
        raise refused(fragment, table, _("a '(' is never closed"))
    return tokens


def _refusal(token: Token) -> str | None:
    if token.kind == "semicolon":
        return _("';' is not allowed: a filter is one condition, not several statements")
    if token.kind == "comment":
        return _("comments ('--', '/*') are not allowed")
    if token.kind == "unclosed":
        return _("a quote or bracket {mark} is never closed").format(mark=token.text)
    if token.kind == "word" and token.text.upper() in FORBIDDEN_WORDS:
        return _("{word} is not allowed: a filter can only read").format(word=token.text.upper())
    return None


def refused(fragment: str, table: str, reason: str) -> FilterError:
    return FilterError(
        _("SQL filter \"{filter}\" on {table} refused: {reason}.").format(filter=fragment, table=table, reason=reason)
    )


def failed(fragment: str, table: str, reason: str) -> FilterError:
    return FilterError(
        _("SQL filter \"{filter}\" on {table} failed: {reason}").format(filter=fragment, table=table, reason=reason)
    )


def prepare_filter(fragment: str, table: str, dialect: str) -> str:
    """The fragment checked and written for ``dialect`` (SQLAlchemy's dialect name)."""
    tokens = check_filter(fragment, table)
    if dialect == "postgresql":
        tokens = [_for_postgresql(token) for token in tokens]
    return "".join(token.text for token in tokens)


def _for_postgresql(token: Token) -> Token:
    if token.kind == "word" and token.text.upper() == "LIKE":
        return Token("word", "ILIKE")
    if token.kind == "bracketed":
        name = token.text[1:-1].replace("]]", "]")
        if _PLAIN_NAME.match(name):
            name = name.lower()
        return Token("quoted", '"' + name.replace('"', '""') + '"')
    return token


def user_condition(fragment: str, table: str, dialect: str) -> sa.TextClause:
    """The checked fragment as a parenthesised SQL condition (colons kept literal, not binds)."""
    prepared = prepare_filter(fragment, table, dialect)
    return sa.text("(" + prepared.replace(":", "\\:") + ")")
