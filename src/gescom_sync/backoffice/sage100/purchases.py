"""Open order lines (F_DOCLIGNE with its F_DOCENTETE): what is still to come in and go out.

Sage keeps an order line in its order until it is received or delivered: a partial
delivery moves the delivered quantity to the next document and leaves the remainder
(``DL_Qte``) on the order. So every line of these documents is open:

* supplier orders: ``DO_Domaine`` 1 (purchases), ``DO_Type`` 12;
* customer orders and delivery preparations: ``DO_Domaine`` 0 (sales), ``DO_Type`` 1
  and 2 (the stock counters ``AS_QteRes`` and ``AS_QtePrepa``).

The expected date is the line's ``DO_DateLivr``, else its document's. A range variant is
named by ``AG_No1``/``AG_No2``; lines without an article (comments) are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.articles import read_variants, variant_key
from gescom_sync.backoffice.sage100.scope import Scope
from gescom_sync.backoffice.sage100.values import amount, text, timestamp
from gescom_sync.model import OpenOrderLine, OrderSide, Warehouse

SALES, PURCHASES = 0, 1
CUSTOMER_ORDER, PREPARATION = 1, 2
SUPPLIER_ORDER = 12
OPEN_DOCUMENTS = sa.or_(
    sa.and_(s.F_DOCLIGNE.c.DO_Domaine == PURCHASES, s.F_DOCLIGNE.c.DO_Type == SUPPLIER_ORDER),
    sa.and_(s.F_DOCLIGNE.c.DO_Domaine == SALES, s.F_DOCLIGNE.c.DO_Type.in_((CUSTOMER_ORDER, PREPARATION))),
)


def read_open_order_lines(
    connection: sa.Connection, scope: Scope, warehouses: Sequence[Warehouse]
) -> list[OpenOrderLine]:
    """Open supplier and customer order lines of the articles in scope, in ``warehouses``,
    ordered by article, expected date (undated last) and document."""
    line, header = s.F_DOCLIGNE, s.F_DOCENTETE
    joined = line.join(
        header,
        sa.and_(
            header.c.DO_Domaine == line.c.DO_Domaine,
            header.c.DO_Type == line.c.DO_Type,
            header.c.DO_Piece == line.c.DO_Piece,
        ),
    )
    query = (
        sa.select(
            line.c.DO_Domaine, line.c.DO_Piece, line.c.AR_Ref, line.c.AG_No1, line.c.AG_No2, line.c.DL_Qte,
            line.c.DO_DateLivr, line.c.DE_No, line.c.CT_Num,
            header.c.DO_DateLivr.label("header_date"), header.c.DO_Date, header.c.DO_Tiers,
        )
        .select_from(joined)
        .where(
            OPEN_DOCUMENTS,
            line.c.AR_Ref.is_not(None),
            line.c.DL_Qte > 0,
            line.c.DE_No.in_([int(w.id) for w in warehouses]),
            scope.on(line.c.AR_Ref),
        )
        .order_by(line.c.AR_Ref, line.c.DO_Piece, line.c.DL_Ligne)
    )
    rows = connection.execute(query).all()
    variant_names = {
        (reference, variant.key): variant.reference
        for reference, variants in read_variants(connection, scope).items()
        for variant in variants
    }
    lines = [_open_line(row, variant_names) for row in rows if text(row.AR_Ref)]
    return sorted(lines, key=lambda x: (x.reference, x.expected is None, x.expected or date.min, x.document))


def _open_line(row: sa.Row, variant_names: dict[tuple[str, str], str]) -> OpenOrderLine:
    reference = row.AR_Ref.strip()
    expected = timestamp(row.DO_DateLivr) or timestamp(row.header_date)
    ordered = timestamp(row.DO_Date)
    return OpenOrderLine(
        reference=reference,
        variant=variant_names.get((reference, variant_key(row.AG_No1, row.AG_No2))) if row.AG_No1 else None,
        side=OrderSide.SUPPLIER if row.DO_Domaine == PURCHASES else OrderSide.CUSTOMER,
        quantity=amount(row.DL_Qte),
        expected=expected.date() if expected else None,
        ordered_on=ordered.date() if ordered else None,
        warehouse=str(row.DE_No) if row.DE_No else None,
        document=row.DO_Piece.strip(),
        third_party=text(row.CT_Num) or text(row.DO_Tiers),
    )
