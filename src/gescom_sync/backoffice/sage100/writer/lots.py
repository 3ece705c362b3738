"""Lot and serial numbers taken by a sales document (F_LOTSERIE, reference §6).

Articles followed by serial number (``AR_SuiviStock`` 1) or lot (5) have one F_LOTSERIE
row per lot received in a warehouse. A document line that takes units of a lot is split
into one line per lot (the pure choice is ``mapping.orders.lots.pick_lots``), and each
part is written as the back office records it:

- an order or a delivery preparation reserves the units: ``LS_QteRes`` of the lot up;
- a delivery note or an invoice takes them out: ``LS_QteRestant`` down, ``LS_LotEpuise``
  set when nothing is left;
- either way one F_LOTSERIE row links the lot to the line that took it: ``DL_NoOut`` =
  the line's ``DL_No``, ``LS_Qte`` = the units, ``LS_MvtStock`` 3 for an exit, 0 for a
  reservation. Rows with a ``DL_NoOut`` (0 = none) are never offered again.

Quotes take no lot. Everything runs in the document's transaction, read again for each
line, so two lines (or two orders) never take the same units.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.values import amount
from gescom_sync.i18n import _
from gescom_sync.journal.events import N_, Message
from gescom_sync.mapping.orders.draft import DocumentDraft, DraftLine
from gescom_sync.mapping.orders.errors import OrderRejected
from gescom_sync.mapping.orders.lots import Lot, pick_lots

TRACKED = (1, 5)  # AR_SuiviStock: serial number, lot
RESERVING_TYPES = (1, 2)  # order, delivery preparation
EXIT_TYPES = (3, 6)  # delivery note, invoice
EXIT = 3  # LS_MvtStock
RESERVATION = 0


def tracked_articles(connection: sa.Connection, draft: DocumentDraft) -> frozenset[str]:
    """The draft's articles that take lots: followed by lot or serial number, on a document that
    moves stock, when the profile assigns lots."""
    if draft.lot_method is None or draft.document_type not in (*RESERVING_TYPES, *EXIT_TYPES):
        return frozenset()
    wanted = {line.article for line in draft.lines if line.article and line.stock_managed}
    if not wanted:
        return frozenset()
    article = s.F_ARTICLE
    return frozenset(connection.scalars(sa.select(article.c.AR_Ref).where(
        article.c.AR_Ref.in_(sorted(wanted)), article.c.AR_SuiviStock.in_(TRACKED))))


def split(connection: sa.Connection, draft: DocumentDraft, line: DraftLine, warehouse: int,
          warnings: list[Message]) -> Iterator[tuple[DraftLine, Lot | None]]:
    """The line's parts, one per lot taken, and the rest without lot when the lots are short and
    the profile allows it (else OrderRejected: nothing of the document stays)."""
    if draft.lot_method is None or line.article is None:
        yield line, None
        return
    pick = pick_lots(available_lots(connection, line.article, warehouse), line.quantity, draft.lot_method)
    if pick.missing and draft.lots_fail_when_short:
        raise OrderRejected(_("Order {order}: {quantity} of {article} have no lot or serial number in stock in "
                              "warehouse {warehouse} (import_orders.lines.lots.when_short = fail).").format(
            order=draft.shop_order_id, quantity=pick.missing, article=line.article, warehouse=warehouse))
    if pick.missing:
        warnings.append(Message(N_("Order {order}: {quantity} of {article} left without lot or serial number "
                                   "(not enough in stock)."),
                                order=draft.shop_order_id, quantity=pick.missing, article=line.article))
    for lot, quantity in pick.taken:
        yield _part(line, quantity), lot
    if pick.missing:
        yield _part(line, pick.missing), None


def available_lots(connection: sa.Connection, article: str, warehouse: int) -> list[Lot]:
    """The lots of ``article`` in ``warehouse`` with units left that no order has reserved."""
    ls = s.F_LOTSERIE
    rows = connection.execute(sa.select(ls).where(
        ls.c.AR_Ref == article, ls.c.DE_No == warehouse, sa.func.coalesce(ls.c.DL_NoOut, 0) == 0,
        sa.func.coalesce(ls.c.LS_LotEpuise, 0) == 0))
    return [Lot(r.LS_NoSerie, amount(r.LS_QteRestant) - amount(r.LS_QteRes), r.LS_Fabrication, r.LS_Peremption,
                r.cbMarq) for r in rows]


def take(connection: sa.Connection, document_type: int, lot: Lot, quantity: Decimal, line_number: int) -> None:
    """Reserve or take out ``quantity`` of the lot for the line ``line_number`` (DL_No)."""
    ls = s.F_LOTSERIE
    row = connection.execute(sa.select(ls).where(ls.c.cbMarq == lot.key)).mappings().one()
    exit_ = document_type in EXIT_TYPES
    if exit_:
        left = ls.c.LS_QteRestant - quantity
        change = {"LS_QteRestant": left, "LS_LotEpuise": sa.case((left <= 0, 1), else_=0)}
    else:
        change = {"LS_QteRes": sa.func.coalesce(ls.c.LS_QteRes, 0) + quantity}
    connection.execute(sa.update(ls).where(ls.c.cbMarq == lot.key).values(change))
    connection.execute(sa.insert(ls), [{
        "AR_Ref": row["AR_Ref"], "LS_NoSerie": row["LS_NoSerie"], "LS_Peremption": row["LS_Peremption"],
        "LS_Fabrication": row["LS_Fabrication"], "LS_Complement": row["LS_Complement"], "LS_Qte": quantity,
        "LS_QteRestant": Decimal(0), "LS_QteRes": Decimal(0), "LS_LotEpuise": 1, "DE_No": row["DE_No"],
        "DL_NoIn": row["DL_NoIn"], "DL_NoOut": line_number, "LS_MvtStock": EXIT if exit_ else RESERVATION,
    }])


def _part(line: DraftLine, quantity: Decimal) -> DraftLine:
    """The line for ``quantity`` of its units (a packaging line keeps its packagings in proportion)."""
    if quantity == line.quantity:
        return line
    packagings = None if line.packagings is None else line.packagings * quantity / line.quantity
    return replace(line, quantity=quantity, packagings=packagings)
