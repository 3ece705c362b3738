"""The document writer's lot / serial assignment (F_LOTSERIE), payment difference entries,
customer-level payments and grouped documents, on Bijou (SQLite and PostgreSQL).

The PostgreSQL database is shared by the session's writer tests: the lot tests put
NETARG's demo lots back first (and MONTRE01 back to CMUP after the serial test).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime
from decimal import Decimal as D

import pytest
import sqlalchemy as sa
from test_documents import DATE, counters, draft_91, next_number, product, select

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.writer.documents import Sage100DocumentWriter
from gescom_sync.backoffice.writer import WrittenDocument
from gescom_sync.demo.data import F_LOTSERIE
from gescom_sync.mapping.orders import DocumentType, LotMethod, OrderRejected, PaymentDraft, group_by_day
from gescom_sync.profiles.orders import ImportOrdersSettings

NETARG_TOTAL = D("8.90")


@pytest.fixture
def lots_writer(doc_writer: Sage100DocumentWriter) -> Sage100DocumentWriter:
    """The writer on a database where NETARG has exactly the demo lots."""
    ls = s.F_LOTSERIE
    with doc_writer.engine.begin() as connection:
        connection.execute(sa.delete(ls).where(ls.c.AR_Ref == "NETARG"))
        for row in F_LOTSERIE:  # the rows do not all carry the same columns
            connection.execute(sa.insert(ls).values(row))
    return doc_writer


def netarg_draft(quantity: str, document_type=DocumentType.ORDER, method=LotMethod.NEAREST_EXPIRY, **changes):
    q = D(quantity)
    total = (q * NETARG_TOTAL * D("1.2")).quantize(D("0.01"))
    return draft_91(lines=(product("NETARG", quantity, "8.90"),), shipping=None, payments=(), expected_total=total,
                    document_type=document_type, lot_method=method, **changes)


def lots(writer, article: str = "NETARG") -> dict[str, tuple[D, D, int]]:
    """Remaining, reserved, exhausted of each lot received."""
    rows = select(writer, s.F_LOTSERIE, AR_Ref=article, DE_No=1)
    return {r["LS_NoSerie"]: (D(r["LS_QteRestant"] or 0), D(r["LS_QteRes"] or 0), r["LS_LotEpuise"] or 0)
            for r in rows if not r["DL_NoOut"]}


def taken_by(writer, piece: str, document_type: int = 1) -> list[tuple[str, D, D, int]]:
    """(lot, units, line quantity, LS_MvtStock) of each line of the document that took a lot."""
    lines = {l["DL_No"]: l for l in select(writer, s.F_DOCLIGNE, DO_Type=document_type, DO_Piece=piece)}
    with writer.engine.connect() as connection:
        ls = s.F_LOTSERIE
        rows = connection.execute(sa.select(ls).where(ls.c.DL_NoOut.in_(list(lines))).order_by(ls.c.DL_NoOut))
        return [(r.LS_NoSerie, D(r.LS_Qte), D(lines[r.DL_NoOut]["DL_Qte"]), r.LS_MvtStock) for r in rows]


def test_an_order_reserves_the_lot_that_expires_first(lots_writer):
    before = counters(lots_writer, "NETARG")
    written = lots_writer.create_document(netarg_draft("20"))
    assert taken_by(lots_writer, written.piece) == [("LOT2604", D("20"), D("20"), 0)]
    assert lots(lots_writer) == {"LOT2511": (D("0"), D("0"), 1), "LOT2601": (D("12"), D("0"), 0),
                                 "LOT2604": (D("30"), D("20"), 0), "LOT2609": (D("60"), D("0"), 0)}
    assert counters(lots_writer, "NETARG")["QteRes"] == before["QteRes"] + 20

    # the next order sees the reservation: 10 left in LOT2604, then LOT2601
    second = lots_writer.create_document(netarg_draft("20"))
    assert taken_by(lots_writer, second.piece) == [("LOT2604", D("10"), D("10"), 0), ("LOT2601", D("10"), D("10"), 0)]


def test_an_invoice_takes_fifty_units_out_of_three_lots_in_expiry_order(lots_writer):
    before = counters(lots_writer, "NETARG")
    written = lots_writer.create_document(netarg_draft("50", DocumentType.INVOICE))

    assert written.total_included == D("534.00")  # 50 x 8.90 x 1.2
    assert taken_by(lots_writer, written.piece, 6) == [
        ("LOT2604", D("30"), D("30"), 3), ("LOT2601", D("12"), D("12"), 3), ("LOT2609", D("8"), D("8"), 3)]
    lines = select(lots_writer, s.F_DOCLIGNE, order_by="DL_Ligne", DO_Type=6, DO_Piece=written.piece)
    assert [(l["DL_Ligne"], l["DL_Qte"], l["DL_MontantHT"], l["DL_MvtStock"]) for l in lines] == [
        (1000, D("30"), D("267.00"), 3), (2000, D("12"), D("106.80"), 3), (3000, D("8"), D("71.20"), 3)]
    assert lots(lots_writer) == {"LOT2511": (D("0"), D("0"), 1), "LOT2601": (D("0"), D("0"), 1),
                                 "LOT2604": (D("0"), D("0"), 1), "LOT2609": (D("52"), D("0"), 0)}
    assert counters(lots_writer, "NETARG")["QteSto"] == before["QteSto"] - 50
    (header,) = select(lots_writer, s.F_DOCENTETE, DO_Type=6, DO_Piece=written.piece)
    assert (header["DO_TotalHT"], header["DO_TotalTTC"]) == (D("445.00"), D("534.00"))


def test_oldest_manufacturing_first(lots_writer):
    written = lots_writer.create_document(netarg_draft("20", DocumentType.DELIVERY_NOTE,
                                                       LotMethod.OLDEST_MANUFACTURING))
    assert taken_by(lots_writer, written.piece, 3) == [("LOT2601", D("12"), D("12"), 3),
                                                       ("LOT2604", D("8"), D("8"), 3)]


def test_not_enough_lots_fails_the_order_and_writes_nothing(lots_writer):
    number, before = next_number(lots_writer, 6), lots(lots_writer)
    draft = netarg_draft("110", DocumentType.INVOICE)
    with pytest.raises(OrderRejected, match="T.*: 8 .* NETARG"):
        lots_writer.create_document(draft)
    assert lots_writer.find_by_shop_order(draft.shop_order_id) is None
    assert (next_number(lots_writer, 6), lots(lots_writer)) == (number, before)


def test_not_enough_lots_leaves_the_rest_without_lot_when_asked(lots_writer):
    written = lots_writer.create_document(netarg_draft("110", DocumentType.INVOICE, lots_fail_when_short=False))
    assert taken_by(lots_writer, written.piece, 6) == [
        ("LOT2604", D("30"), D("30"), 3), ("LOT2601", D("12"), D("12"), 3), ("LOT2609", D("60"), D("60"), 3)]
    lines = select(lots_writer, s.F_DOCLIGNE, order_by="DL_Ligne", DO_Type=6, DO_Piece=written.piece)
    assert [l["DL_Qte"] for l in lines] == [D("30"), D("12"), D("60"), D("8")]
    assert written.total_included == D("1174.80")  # 110 x 8.90 x 1.2
    (warning,) = written.warnings
    assert (warning.params["quantity"], warning.params["article"]) == ("8", "NETARG")


def test_quotes_and_profiles_without_lots_take_none(lots_writer):
    before = lots(lots_writer)
    quote = lots_writer.create_document(netarg_draft("5", DocumentType.QUOTE))
    plain = lots_writer.create_document(netarg_draft("5", method=None))
    assert taken_by(lots_writer, quote.piece, 0) == taken_by(lots_writer, plain.piece) == []
    assert lots(lots_writer) == before


@pytest.fixture
def serial_watches(lots_writer) -> Iterator[Sage100DocumentWriter]:
    """MONTRE01 followed by serial number for this test, with three watches in stock."""
    article, ls = s.F_ARTICLE, s.F_LOTSERIE
    with lots_writer.engine.begin() as connection:
        connection.execute(sa.update(article).where(article.c.AR_Ref == "MONTRE01").values(AR_SuiviStock=1))
        connection.execute(sa.insert(ls), [
            {"AR_Ref": "MONTRE01", "LS_NoSerie": f"SW-{n}", "LS_Fabrication": datetime(2026, month, 1),
             "LS_Qte": D(1), "LS_QteRestant": D(1), "DE_No": 1} for n, month in ((1, 6), (2, 3), (3, 9))])
    yield lots_writer
    with lots_writer.engine.begin() as connection:
        connection.execute(sa.update(article).where(article.c.AR_Ref == "MONTRE01").values(AR_SuiviStock=2))
        connection.execute(sa.delete(ls).where(ls.c.AR_Ref == "MONTRE01"))


def test_serial_numbers_are_one_line_each(serial_watches):
    draft = draft_91(lines=(product("MONTRE01", "2", "89.00"),), shipping=None, payments=(),
                     expected_total=D("213.60"), document_type=DocumentType.INVOICE,
                     lot_method=LotMethod.NEWEST_MANUFACTURING)
    written = serial_watches.create_document(draft)
    assert taken_by(serial_watches, written.piece, 6) == [("SW-3", D("1"), D("1"), 3), ("SW-1", D("1"), D("1"), 3)]
    assert lots(serial_watches, "MONTRE01") == {"SW-1": (D("0"), D("0"), 1), "SW-2": (D("1"), D("0"), 0),
                                                "SW-3": (D("0"), D("0"), 1)}


# ------------------------------------------------------------------- payments

def payment(amount: str, **extra) -> PaymentDraft:
    return PaymentDraft(2, "BQ1", D(amount), DATE, "Jean DURAND - 91", "WEB 91", **extra)


def settlement(writer, written: WrittenDocument) -> tuple[dict, dict, list[dict]]:
    """The document's header, due date and allocations."""
    (header,) = select(writer, s.F_DOCENTETE, DO_Type=1, DO_Piece=written.piece)
    (schedule,) = select(writer, s.F_DOCREGL, DO_Type=1, DO_Piece=written.piece)
    return header, schedule, select(writer, s.F_REGLECH, DO_Type=1, DO_Piece=written.piece)


def test_a_difference_entry_settles_the_document_to_the_cent(doc_writer):
    short = payment("247.97", difference=D("0.02"), difference_account="6580000", difference_journal="BQ1")
    written = doc_writer.create_document(draft_91(payments=(short,)))
    header, schedule, (allocation,) = settlement(doc_writer, written)
    (made,) = select(doc_writer, s.F_CREGLEMENT, RG_No=allocation["RG_No"])
    assert (made["RG_Montant"], made["RG_MontantEcart"], made["CG_NumEcart"], made["JO_NumEcart"],
            made["RG_Impute"]) == (D("247.97"), D("0.02"), "6580000", "BQ1", 1)
    assert (allocation["RC_Montant"], schedule["DR_Regle"], header["DO_MontantRegle"]) == (D("247.99"), 1, D("247.99"))


def test_without_a_difference_entry_the_rest_stays_due(doc_writer):
    written = doc_writer.create_document(draft_91(payments=(payment("240.00"),)))
    header, schedule, (allocation,) = settlement(doc_writer, written)
    assert (allocation["RC_Montant"], schedule["DR_Regle"], header["DO_MontantRegle"]) == (D("240.00"), 0, D("240.00"))


def test_an_overpayment_is_allocated_up_to_the_total(doc_writer):
    written = doc_writer.create_document(draft_91(payments=(payment("250.00"),)))
    header, schedule, (allocation,) = settlement(doc_writer, written)
    (made,) = select(doc_writer, s.F_CREGLEMENT, RG_No=allocation["RG_No"])
    assert (made["RG_Montant"], made["RG_Impute"], allocation["RC_Montant"], schedule["DR_Regle"]) == (
        D("250.00"), 0, D("247.99"), 1)


def test_customer_level_payments_are_not_allocated_to_the_document(doc_writer):
    reference = f"W{uuid.uuid4().hex[:10]}"
    on_account = replace(payment("247.99"), reference=reference)
    written = doc_writer.create_document(draft_91(payments=(on_account,), payments_on_account=True))
    header, schedule, allocations = settlement(doc_writer, written)
    (made,) = select(doc_writer, s.F_CREGLEMENT, RG_Reference=reference)
    assert (made["CT_NumPayeur"], made["RG_Montant"], made["RG_Impute"]) == ("TOPAZ", D("247.99"), 0)
    assert (allocations, schedule["DR_Regle"], header["DO_MontantRegle"]) == ([], 0, D("0"))


# --------------------------------------------------------------------- groups

def test_a_grouped_document_is_found_from_each_of_its_orders(doc_writer):
    ids = [f"G{uuid.uuid4().hex[:10]}" for _ in range(3)]
    settings = ImportOrdersSettings.model_validate({"grouping": {"orders": "guests", "account": "COMPTOIR"},
                                                    "totals": {"ecart_line": True}})
    (group,) = group_by_day([draft_91(shop_order_id=i, guest=True) for i in ids], settings)
    assert doc_writer.find_by_shop_order(ids[1]) is None

    written = doc_writer.create_document(group.draft)

    # 3 x order 91 merged: tax on the merged bases is 0.01 less than 3 x 39.16: an Écart line
    assert written.total_included == D("743.97") == 3 * D("247.99")
    assert [doc_writer.find_by_shop_order(i) for i in ids] == [written] * 3
    (header,) = select(doc_writer, s.F_DOCENTETE, DO_Type=1, DO_Piece=written.piece)
    assert (header["DO_NoWeb"], header["DO_Tiers"], header["DO_ValFrais"], header["DO_MontantRegle"]) == (
        ids[0], "COMPTOIR", D("24.99"), D("743.97"))
    lines = select(doc_writer, s.F_DOCLIGNE, order_by="DL_Ligne", DO_Type=1, DO_Piece=written.piece)
    assert [(l["AR_Ref"], l["DL_Qte"], l["DL_MontantHT"]) for l in lines if l["AR_Ref"]] == [
        ("BAOR01", D("6"), D("600.00")), ("LIVRE01", D("3"), D("60.00")), ("EMBALLAGE", D("3"), D("7.50")),
        ("REMISE20", D("3"), D("-60.00")), ("REMISE55", D("3"), D("-6.00")), ("ECART", D("1"), D("0.01"))]

    # the next day's group goes into the same link table
    later = [f"G{uuid.uuid4().hex[:10]}" for _ in range(2)]
    (next_day,) = group_by_day([draft_91(shop_order_id=i, guest=True, date=datetime(2026, 11, 21)) for i in later],
                               settings)
    second = doc_writer.create_document(next_day.draft)
    assert [doc_writer.find_by_shop_order(i).piece for i in (*later, ids[2])] == [second.piece] * 2 + [written.piece]
