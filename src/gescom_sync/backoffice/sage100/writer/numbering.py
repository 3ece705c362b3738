"""Document numbers from F_DOCCURRENTPIECE (reference §4 "Document numbering").

``DC_Piece`` holds the next number of a (domain, column, series); the column is the
document kind (``DC_IdCol``: 0 quote, 1 order, 2 preparation, 3 delivery note, 6
invoice). Sage itself may have used a number already, so a candidate is checked free
(as a header of that type, and as the origin number kept on transformed lines) before it
is taken; the number after it is written back in the same transaction.
"""

from __future__ import annotations

import re

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _

SALES = 0
ID_COLUMNS = {0: 0, 1: 1, 2: 2, 3: 3, 6: 6}  # DO_Type -> DC_IdCol (sales)
ORIGIN_COLUMNS = {0: "DL_PieceDE", 1: "DL_PieceBC", 2: "DL_PiecePL", 3: "DL_PieceBL"}  # numbers kept on lines
NUMBER = re.compile(r"^(.*?)(\d+)$")


def following(piece: str) -> str:
    """``BC00033`` -> ``BC00034``: the numeric end plus one, zero-padded to its width."""
    match = NUMBER.match(piece.strip())
    if match is None:
        raise ConfigError(_("The document number {piece} (F_DOCCURRENTPIECE) does not end with digits.").format(
            piece=piece))
    prefix, digits = match.groups()
    return prefix + str(int(digits) + 1).zfill(len(digits))


def take_number(connection: sa.Connection, document_type: int, series: int) -> str:
    """The first free number of the series for this document type; the next one is stored."""
    dc = s.F_DOCCURRENTPIECE
    where = (dc.c.DC_Domaine == SALES, dc.c.DC_IdCol == ID_COLUMNS[document_type], dc.c.DC_Souche == series)
    current = connection.scalar(sa.select(dc.c.DC_Piece).where(*where).with_for_update())
    if current is None:
        raise ConfigError(_("No numbering for this document type in series {series} (F_DOCCURRENTPIECE, "
                            "DC_IdCol {column}): check import_orders.header.series.").format(
            series=series, column=ID_COLUMNS[document_type]))
    candidate = current.strip()
    while _taken(connection, document_type, candidate):
        candidate = following(candidate)
    connection.execute(sa.update(dc).where(*where).values(DC_Piece=following(candidate)))
    return candidate


def _taken(connection: sa.Connection, document_type: int, piece: str) -> bool:
    header = s.F_DOCENTETE
    used = connection.scalar(sa.select(sa.func.count()).where(
        header.c.DO_Domaine == SALES, header.c.DO_Type == document_type, header.c.DO_Piece == piece))
    if used or document_type not in ORIGIN_COLUMNS:
        return bool(used)
    line = s.F_DOCLIGNE
    return bool(connection.scalar(sa.select(sa.func.count()).where(
        line.c.DO_Domaine == SALES, line.c[ORIGIN_COLUMNS[document_type]] == piece)))
