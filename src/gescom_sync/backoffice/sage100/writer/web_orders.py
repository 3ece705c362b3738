"""Which shop orders a grouped document holds (grouping per day, SPEC §3.6).

``DO_NoWeb`` holds one shop order id: a document grouping a day's orders stamps its
first one there, and every id of the group in ``gs_docweb`` (our own table, created in
the back-office database the first time a group is written; lower case, the one spelling
every database resolves alike), in the same transaction as the document. So the crash repair (``find_by_shop_order``) finds the document from
any of its orders, whatever the next run groups.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s

metadata = sa.MetaData()

GS_DOCWEB = sa.Table(
    "gs_docweb", metadata,
    sa.Column("cbMarq", sa.Integer, primary_key=True, autoincrement=True, quote=False),
    sa.Column("DO_Domaine", sa.SmallInteger, nullable=False, quote=False),
    sa.Column("DO_Type", sa.SmallInteger, nullable=False, quote=False),
    sa.Column("DO_Piece", sa.String(13), nullable=False, quote=False),
    sa.Column("DO_NoWeb", sa.String(17), nullable=False, quote=False),
    sa.Index("igs_noweb", "DO_NoWeb"),
)


def stamp(connection: sa.Connection, domain: int, document_type: int, piece: str, order_ids: Iterable[str]) -> None:
    GS_DOCWEB.create(connection, checkfirst=True)
    connection.execute(sa.insert(GS_DOCWEB), [
        {"DO_Domaine": domain, "DO_Type": document_type, "DO_Piece": piece, "DO_NoWeb": order_id}
        for order_id in order_ids])


def exists(connection: sa.Connection) -> bool:
    """Whether a grouped document was ever written here (the writer asks once, not per look-up)."""
    return sa.inspect(connection).has_table(GS_DOCWEB.name)


def find(connection: sa.Connection, domain: int, order_id: str) -> sa.Row | None:
    """(DO_Type, DO_Piece, DO_TotalTTC) of the grouped document holding this shop order, if any
    (:func:`exists` first)."""
    header, link = s.F_DOCENTETE, GS_DOCWEB
    return connection.execute(
        sa.select(header.c.DO_Type, header.c.DO_Piece, header.c.DO_TotalTTC)
        .join(link, sa.and_(link.c.DO_Domaine == header.c.DO_Domaine, link.c.DO_Type == header.c.DO_Type,
                            link.c.DO_Piece == header.c.DO_Piece))
        .where(link.c.DO_Domaine == domain, link.c.DO_NoWeb == order_id)
        .order_by(link.c.cbMarq).limit(1)
    ).first()
