"""The Sage-layout document writer: numbering, header and lines, totals, payments, stock
counters per document type, DO_NoWeb look-up and all-or-nothing transactions.

Runs on a fresh SQLite copy of Bijou and on the session's PostgreSQL Bijou (shared by
the writer tests: numbers and counters are compared before/after, order ids are unique).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import datetime
from decimal import Decimal as D

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.writer import documents
from gescom_sync.backoffice.sage100.writer.documents import Sage100DocumentWriter
from gescom_sync.backoffice.sage100.writer.numbering import following
from gescom_sync.backoffice.writer import DocumentWriter, WrittenDocument
from gescom_sync.errors import ConfigError, NotFound
from gescom_sync.mapping.orders import DocumentDraft, DocumentType, DraftLine, LineKind, PaymentDraft, ShippingFooter

DATE = datetime(2026, 11, 20, 9, 30, 15)
ONE = D("1")


def product(article: str, quantity: str, price: str, code: str = "C20", rate: str = "20", **extra) -> DraftLine:
    return DraftLine(LineKind.PRODUCT, article, f"Article {article}", D(quantity), D(price), code, D(rate),
                     stock_managed=True, **extra)


def special(kind: LineKind, article: str, price: str, code: str = "C20", rate: str = "20") -> DraftLine:
    return DraftLine(kind, article, article.title(), ONE, D(price), code, D(rate))


def draft_91(**changes) -> DocumentDraft:
    """Recording 91 as the mapping drafts it: 247.99 including 39.16 of tax, paid by cheque."""
    lines = (product("BAOR01", "2", "100.00"), product("LIVRE01", "1", "20.00", "C55", "5.5"),
             special(LineKind.WRAPPING, "EMBALLAGE", "2.50"), special(LineKind.DISCOUNT, "REMISE20", "-20.00"),
             special(LineKind.DISCOUNT, "REMISE55", "-2.00", "C55", "5.5"),
             DraftLine(LineKind.COMMENT, None, "Livrer le matin svp"))
    values = dict(shop_order_id=f"T{uuid.uuid4().hex[:10]}", account="TOPAZ", document_type=DocumentType.ORDER,
                  status=2, date=DATE, reference="Web 91 - Jean DUR", lines=lines, expected_total=D("247.99"),
                  shipping=ShippingFooter(D("8.33"), "C20", D("20")),
                  payments=(PaymentDraft(2, "BQ1", D("247.99"), DATE, "Jean DURAND - 91", "WEB 91"),))
    return DocumentDraft(**(values | changes))


def select(writer: Sage100DocumentWriter, table: sa.Table, order_by: str = "cbMarq", **where) -> list[dict]:
    with writer.engine.connect() as connection:
        query = sa.select(table).where(*(table.c[k] == v for k, v in where.items())).order_by(table.c[order_by])
        return [dict(row) for row in connection.execute(query).mappings()]


def next_number(writer, id_col: int = 1, series: int = 0) -> str:
    (row,) = select(writer, s.F_DOCCURRENTPIECE, DC_Domaine=0, DC_IdCol=id_col, DC_Souche=series)
    return row["DC_Piece"]


def counters(writer, article: str, warehouse: int = 1, table=s.F_ARTSTOCK, **key) -> dict[str, D]:
    rows = select(writer, table, AR_Ref=article, DE_No=warehouse, **key)
    prefix = "AS_" if table is s.F_ARTSTOCK else "GS_"
    return {name: (D(rows[0][prefix + name]) if rows else D(0)) for name in ("QteSto", "QteRes", "QtePrepa")}


def test_the_writer_follows_the_protocol(doc_writer):
    assert isinstance(doc_writer, DocumentWriter)


def test_order_91_header_lines_totals_and_number(doc_writer):
    expected_piece = next_number(doc_writer)
    baor, livre = counters(doc_writer, "BAOR01"), counters(doc_writer, "LIVRE01")
    draft = draft_91()

    written = doc_writer.create_document(draft)

    assert written == WrittenDocument(expected_piece, 1, D("247.99"))
    assert next_number(doc_writer) == following(expected_piece)
    (header,) = select(doc_writer, s.F_DOCENTETE, DO_NoWeb=draft.shop_order_id)
    assert {k: header[k] for k in ("DO_Domaine", "DO_Type", "DO_Piece", "DO_Statut", "DO_Tiers", "DO_Ref",
                                   "DO_Souche", "DO_Provenance", "DO_DocType")} == {
        "DO_Domaine": 0, "DO_Type": 1, "DO_Piece": expected_piece, "DO_Statut": 2, "DO_Tiers": "TOPAZ",
        "DO_Ref": "Web 91 - Jean DUR", "DO_Souche": 0, "DO_Provenance": 0, "DO_DocType": 1}
    # defaults from the TOPAZ account (reference §7)
    assert (header["DO_Tarif"], header["CO_No"], header["DE_No"], header["LI_No"], header["CG_Num"],
            header["DO_Expedit"], header["N_CatCompta"], header["DO_TxEscompte"], header["CT_NumPayeur"]) == (
        2, 1, 1, 1, "4110000", 1, 1, D("2"), "TOPAZ")
    assert (header["DO_ValFrais"], header["DO_Taxe1"], header["DO_CodeTaxe1"], header["DO_TypeLigneFrais"]) == (
        D("8.33"), D("20"), "C20", 0)
    assert (header["DO_TotalHT"], header["DO_TotalHTNet"], header["DO_TotalTTC"], header["DO_NetAPayer"],
            header["DO_MontantRegle"]) == (D("200.50"), D("208.83"), D("247.99"), D("247.99"), D("247.99"))
    assert header["DO_Date"] == DATE and header["DO_Heure"] == "000093015" and header["DO_Ecart"] == 0

    lines = select(doc_writer, s.F_DOCLIGNE, order_by="DL_Ligne", DO_Type=1, DO_Piece=expected_piece)
    assert [(l["DL_Ligne"], l["AR_Ref"], l["DL_Qte"], l["DL_PrixUnitaire"], l["DL_MontantHT"], l["DL_MontantTTC"],
             l["DL_CodeTaxe1"], l["DL_MvtStock"]) for l in lines] == [
        (1000, "BAOR01", D("2"), D("100"), D("200.00"), D("240.00"), "C20", 0),
        (2000, "LIVRE01", D("1"), D("20"), D("20.00"), D("21.10"), "C55", 0),
        (3000, "EMBALLAGE", D("1"), D("2.50"), D("2.50"), D("3.00"), "C20", 0),
        (4000, "REMISE20", D("1"), D("-20"), D("-20.00"), D("-24.00"), "C20", 0),
        (5000, "REMISE55", D("1"), D("-2"), D("-2.00"), D("-2.11"), "C55", 0),
        (6000, None, D("0"), D("0"), D("0"), D("0"), None, 0),
    ]
    assert lines[-1]["DL_Design"] == "Livrer le matin svp"
    assert len({l["DL_No"] for l in lines}) == 6

    # an order reserves: AS_QteRes up, real stock untouched; EMBALLAGE is not stock-managed
    assert counters(doc_writer, "BAOR01") == baor | {"QteRes": baor["QteRes"] + 2}
    assert counters(doc_writer, "LIVRE01") == livre | {"QteRes": livre["QteRes"] + 1}
    assert select(doc_writer, s.F_ARTSTOCK, AR_Ref="EMBALLAGE") == []

    (schedule,) = select(doc_writer, s.F_DOCREGL, DO_Piece=expected_piece, DO_Type=1)
    assert (schedule["DR_Montant"], schedule["DR_Regle"], schedule["N_Reglement"], schedule["DR_Pourcent"]) == (
        D("247.99"), 1, 2, D("100"))
    (allocation,) = select(doc_writer, s.F_REGLECH, DO_Piece=expected_piece, DO_Type=1)
    (payment,) = select(doc_writer, s.F_CREGLEMENT, RG_No=allocation["RG_No"])
    assert (payment["RG_Montant"], payment["JO_Num"], payment["CG_Num"], payment["N_Reglement"],
            payment["CT_NumPayeur"], payment["RG_Libelle"], payment["RG_Reference"]) == (
        D("247.99"), "BQ1", "5121000", 2, "TOPAZ", "Jean DURAND - 91", "WEB 91")
    assert (allocation["DR_No"], allocation["RC_Montant"]) == (schedule["DR_No"], D("247.99"))


def test_find_by_shop_order_repairs_a_lost_binding(doc_writer):
    draft = draft_91()
    assert doc_writer.find_by_shop_order(draft.shop_order_id) is None
    written = doc_writer.create_document(draft)
    assert doc_writer.find_by_shop_order(draft.shop_order_id) == written
    # the demo data's web order 1187: (3100 + 900 + 90 + 118 + 59 + 5.75) x 1.2
    assert doc_writer.find_by_shop_order("1187") == WrittenDocument("BC00032", 1, D("5127.30"))


def test_a_number_sage_already_used_is_skipped(doc_writer):
    with doc_writer.engine.begin() as connection:
        dc = s.F_DOCCURRENTPIECE
        connection.execute(sa.update(dc).where(dc.c.DC_Domaine == 0, dc.c.DC_IdCol == 1, dc.c.DC_Souche == 0)
                           .values(DC_Piece="BC00031"))
        taken = {r.DO_Piece for r in connection.execute(
            sa.select(s.F_DOCENTETE.c.DO_Piece).where(s.F_DOCENTETE.c.DO_Type == 1))}
    expected = "BC00031"
    while expected in taken:
        expected = following(expected)
    # the first free header number is also kept as the origin number of a transformed line
    with doc_writer.engine.begin() as connection:
        connection.execute(sa.insert(s.F_DOCLIGNE), [{"DO_Domaine": 0, "DO_Type": 3, "DO_Piece": "BL-ORIGIN",
                                                      "DL_PieceBC": expected, "DL_No": 900000 + len(taken),
                                                      "PF_Num": ""}])
    written = doc_writer.create_document(draft_91())
    assert written.piece == following(expected)
    assert next_number(doc_writer) == following(written.piece)


def test_a_series_without_numbering_is_a_configuration_error(doc_writer):
    draft = draft_91(series=7)
    with pytest.raises(ConfigError, match="souche 7"):
        doc_writer.create_document(draft)
    assert doc_writer.find_by_shop_order(draft.shop_order_id) is None


def test_the_web_series_numbers_apart(doc_writer):
    expected = next_number(doc_writer, series=1)
    assert doc_writer.create_document(draft_91(series=1)).piece == expected
    assert expected.startswith("WB")


MOVEMENTS = [
    (DocumentType.QUOTE, 0, {}, 0),
    (DocumentType.ORDER, 1, {"QteRes": 1}, 0),
    (DocumentType.PREPARATION, 2, {"QtePrepa": 1}, 0),
    (DocumentType.DELIVERY_NOTE, 3, {"QteSto": -1}, 3),
    (DocumentType.INVOICE, 6, {"QteSto": -1}, 3),
]


@pytest.mark.parametrize(("document_type", "id_col", "moved", "movement"), MOVEMENTS,
                         ids=[m[0].name.lower() for m in MOVEMENTS])
def test_stock_counters_per_document_type(doc_writer, document_type, id_col, moved, movement):
    lines = (product("CHAOR42", "3", "620.00"), product("CHAAR/VAR", "1", "54.00", range_numbers=(2, 0)))
    chain, ranged = counters(doc_writer, "CHAOR42"), counters(doc_writer, "CHAAR/VAR")
    variant = counters(doc_writer, "CHAAR/VAR", table=s.F_GAMSTOCK, AG_No1=2, AG_No2=0)
    expected_piece = next_number(doc_writer, id_col)
    total = D("2296.80")  # (1860 + 54) * 1.2

    written = doc_writer.create_document(draft_91(document_type=document_type, lines=lines, shipping=None,
                                                  expected_total=total, payments=()))

    assert written == WrittenDocument(expected_piece, int(document_type), total)
    assert counters(doc_writer, "CHAOR42") == {k: v + 3 * moved.get(k, 0) for k, v in chain.items()}
    assert counters(doc_writer, "CHAAR/VAR") == {k: v + moved.get(k, 0) for k, v in ranged.items()}
    assert counters(doc_writer, "CHAAR/VAR", table=s.F_GAMSTOCK, AG_No1=2, AG_No2=0) == {
        k: v + moved.get(k, 0) for k, v in variant.items()}
    lines = select(doc_writer, s.F_DOCLIGNE, order_by="DL_Ligne", DO_Type=int(document_type), DO_Piece=expected_piece)
    assert [(l["DL_MvtStock"], l["AG_No1"]) for l in lines] == [(movement, 0), (movement, 2)]
    (schedule,) = select(doc_writer, s.F_DOCREGL, DO_Piece=expected_piece, DO_Type=int(document_type))
    assert (schedule["DR_Montant"], schedule["DR_Regle"], schedule["N_Reglement"]) == (total, 0, 3)  # TOPAZ: transfer


def test_a_packaging_line_keeps_its_packaging_and_moves_units(doc_writer):
    before = counters(doc_writer, "BOAR12")
    line = product("BOAR12", "8", "19.50", packaging="Ecrin de 4", packagings=D("2"))
    written = doc_writer.create_document(draft_91(lines=(line,), shipping=None, payments=(),
                                                  expected_total=D("187.20")))
    (row,) = select(doc_writer, s.F_DOCLIGNE, DO_Type=1, DO_Piece=written.piece)
    assert (row["DL_Qte"], row["EU_Enumere"], row["EU_Qte"], row["DL_MontantHT"]) == (
        D("8"), "Ecrin de 4", D("2"), D("156.00"))
    assert counters(doc_writer, "BOAR12")["QteRes"] == before["QteRes"] + 8


def test_half_written_order_rolls_back_entirely(doc_writer, monkeypatch):
    number, baor = next_number(doc_writer), counters(doc_writer, "BAOR01")
    calls = []

    def fail_on_second(*args):
        calls.append(args)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        real_move(*args)

    real_move = documents.stock_counters.move
    monkeypatch.setattr(documents.stock_counters, "move", fail_on_second)
    draft = draft_91()
    with pytest.raises(RuntimeError, match="disk full"):
        doc_writer.create_document(draft)

    assert doc_writer.find_by_shop_order(draft.shop_order_id) is None
    assert select(doc_writer, s.F_DOCLIGNE, DO_Type=1, DO_Piece=number) == []
    assert select(doc_writer, s.F_DOCREGL, DO_Type=1, DO_Piece=number) == []
    assert next_number(doc_writer) == number
    assert counters(doc_writer, "BAOR01") == baor  # the first movement was undone too


def test_an_unknown_bank_journal_writes_nothing(doc_writer):
    number = next_number(doc_writer)
    payment = PaymentDraft(2, "NOPE", D("247.99"), DATE, "x", "y")
    draft = draft_91(payments=(payment,))
    with pytest.raises(ConfigError, match="NOPE"):
        doc_writer.create_document(draft)
    assert doc_writer.find_by_shop_order(draft.shop_order_id) is None
    assert next_number(doc_writer) == number


def test_an_unknown_customer_is_refused(doc_writer):
    with pytest.raises(NotFound, match="NOBODY"):
        doc_writer.create_document(draft_91(account="NOBODY"))


def test_two_payments_are_allocated_to_the_one_due_date(doc_writer):
    payments = (PaymentDraft(2, "BQ1", D("100.00"), DATE, "Chèque", "WEB 91"),
                PaymentDraft(1, "BQ1", D("147.99"), DATE, "Carte cadeau", "WEB 91", gl_account="5112000"))
    written = doc_writer.create_document(draft_91(payments=payments))
    (header,) = select(doc_writer, s.F_DOCENTETE, DO_Type=1, DO_Piece=written.piece)
    assert header["DO_MontantRegle"] == D("247.99")
    (schedule,) = select(doc_writer, s.F_DOCREGL, DO_Type=1, DO_Piece=written.piece)
    allocations = select(doc_writer, s.F_REGLECH, DO_Type=1, DO_Piece=written.piece)
    assert [(a["DR_No"], a["RC_Montant"]) for a in allocations] == [(schedule["DR_No"], D("100.00")),
                                                                    (schedule["DR_No"], D("147.99"))]
    made = [select(doc_writer, s.F_CREGLEMENT, RG_No=a["RG_No"])[0] for a in allocations]
    assert [(p["N_Reglement"], p["CG_Num"], p["RG_Montant"]) for p in made] == [
        (2, "5121000", D("100.00")), (1, "5112000", D("147.99"))]
    assert schedule["DR_Regle"] == 1


def test_a_document_in_currency_keeps_its_rate_and_stores_euros(doc_writer):
    line = product("BAOR01", "1", "380.00")
    payment = PaymentDraft(3, "BQ1", D("456.00"), DATE, "London", "WEB 13")
    written = doc_writer.create_document(draft_91(
        account="LONDON", lines=(line,), shipping=None, currency=3, currency_rate=D("0.846"),
        expected_total=D("456.00"), payments=(payment,)))
    # Sage holds every amount in euros but the currency columns: 380.00 GBP / 0.846 = 449.172577 a unit,
    # 449.17 excl. tax, 20 % = 89.834 -> 89.83, 539.00 incl. tax
    (header,) = select(doc_writer, s.F_DOCENTETE, DO_Type=1, DO_Piece=written.piece)
    assert (header["DO_Devise"], header["DO_Cours"], header["DO_TotalHTNet"], header["DO_TotalTTC"]) == (
        3, D("0.846"), D("449.17"), D("539.00"))
    assert written.total_included == D("539.00")
    (row,) = select(doc_writer, s.F_DOCLIGNE, DO_Type=1, DO_Piece=written.piece)
    assert (row["DL_PUDevise"], row["DL_PrixUnitaire"], row["DL_PUTTC"], row["DL_MontantHT"], row["DL_MontantTTC"]) == (
        D("380.00"), D("449.172577"), D("539.007092"), D("449.17"), D("539.00"))  # 449.17 x 1.2 = 539.004
    # the due date: the document's 539.00, 456.00 in pounds; the payment converted on its own: 456.00 / 0.846
    # = 539.007 -> 539.01 (the cent of exchange rounding stays in the accounts, as in Sage)
    (schedule,) = select(doc_writer, s.F_DOCREGL, DO_Type=1, DO_Piece=written.piece)
    assert (schedule["DR_Montant"], schedule["DR_MontantDev"], schedule["DR_Regle"]) == (D("539.00"), D("456.00"), 1)
    (allocation,) = select(doc_writer, s.F_REGLECH, DO_Type=1, DO_Piece=written.piece)
    (made,) = select(doc_writer, s.F_CREGLEMENT, RG_No=allocation["RG_No"])
    assert (made["RG_Montant"], made["RG_MontantDev"], made["N_Devise"], allocation["RC_Montant"]) == (
        D("539.01"), D("456.00"), 3, D("539.01"))
    assert header["DO_MontantRegle"] == D("539.01")


def test_a_document_in_currency_entered_tax_included_stores_euros(doc_writer):
    # 2 x 59.90 GBP tax included + 6.90 GBP of shipping, at 0.846 GBP for 1 EUR
    written = doc_writer.create_document(draft_91(
        account="LONDON", lines=(product("PANBLEU38", "2", "59.90"),), shipping=ShippingFooter(D("6.90"), "C20", D("20")),
        tax_included=True, currency=3, currency_rate=D("0.846"), expected_total=D("126.70"), payments=()))
    (row,) = select(doc_writer, s.F_DOCLIGNE, DO_Type=1, DO_Piece=written.piece)
    # 59.90 / 0.846 = 70.803783 a unit tax included, / 1.2 = 59.003153 excluded; 2 units: 141.61, 141.61 / 1.2 = 118.01;
    # the pound price excluded kept: 59.90 / 1.2 = 49.916667
    assert (row["DL_PUTTC"], row["DL_PrixUnitaire"], row["DL_MontantTTC"], row["DL_MontantHT"], row["DL_PUDevise"]) == (
        D("70.803783"), D("59.003153"), D("141.61"), D("118.01"), D("49.916667"))
    (header,) = select(doc_writer, s.F_DOCENTETE, DO_Type=1, DO_Piece=written.piece)
    # shipping 6.90 / 0.846 = 8.156 -> 8.16; 141.61 + 8.16 = 149.77 at 20 % included: 124.81 excluded
    assert (header["DO_ValFrais"], header["DO_TotalHTNet"], header["DO_TotalTTC"]) == (D("8.16"), D("124.81"), D("149.77"))


def test_tax_included_lines(doc_writer):
    line = product("PANBLEU38", "2", "59.90")
    written = doc_writer.create_document(draft_91(
        lines=(line,), shipping=ShippingFooter(D("6.90"), "C20", D("20")), tax_included=True, payments=(),
        expected_total=D("126.70")))
    (row,) = select(doc_writer, s.F_DOCLIGNE, DO_Type=1, DO_Piece=written.piece)
    assert (row["DL_TTC"], row["DL_PUTTC"], row["DL_PrixUnitaire"], row["DL_MontantHT"], row["DL_MontantTTC"]) == (
        1, D("59.90"), D("49.916667"), D("99.83"), D("119.80"))
    (header,) = select(doc_writer, s.F_DOCENTETE, DO_Type=1, DO_Piece=written.piece)
    assert (header["DO_TypeLigneFrais"], header["DO_TotalHTNet"], header["DO_TotalTTC"]) == (
        1, D("105.58"), D("126.70"))


def test_the_order_catalogue_is_read_from_the_database(doc_writer):
    catalogue = doc_writer.order_catalogue()
    assert catalogue.resolve("CHAAR/VAR45").variant.numbers == (2, 0)
    assert catalogue.resolve("boar12-e24").packaging.quantity == D("24")
    assert catalogue.tax_rates["C55"] == D("5.5")
    assert catalogue.articles["MONTRE01"].ecotax == D("0.50")


def test_an_ecotax_line_stores_the_flat_tax(doc_writer):
    line = replace(product("MONTRE01", "2", "88.50"), ecotax=D("0.50"), ecotax_code="ECO")
    written = doc_writer.create_document(draft_91(lines=(line,), shipping=None, payments=(),
                                                  expected_total=D("213.60")))
    (row,) = select(doc_writer, s.F_DOCLIGNE, DO_Type=1, DO_Piece=written.piece)
    assert (row["DL_PrixUnitaire"], row["DL_Taxe2"], row["DL_TypeTaux2"], row["DL_CodeTaxe2"], row["DL_MontantHT"]) == (
        D("89.00"), D("0.50"), 1, "ECO", D("178.00"))


def test_recording_92_mapped_then_written_keeps_the_shops_total(doc_writer):
    """From the recorded WooCommerce order to the stored document, through the mapping."""
    import json
    from pathlib import Path

    from gescom_sync.mapping.orders import build_document, status_rule
    from gescom_sync.profiles.orders import ImportOrdersSettings
    from gescom_sync.shops.woocommerce import orders as woo_orders

    recordings = Path(__file__).parents[2] / "sandbox" / "recordings" / "woocommerce-10.0"
    recorded = json.loads((recordings / "92_GET_orders_ID_two_tax_rates_200.json").read_text(encoding="utf-8"))
    for item, sku in zip(recorded["line_items"], ("BAOR01", "LIVRE01"), strict=True):
        item["sku"] = sku
    recorded["id"] = f"R{uuid.uuid4().hex[:10]}"
    shop = replace(woo_orders.order(recorded), status="processing")
    settings = ImportOrdersSettings.model_validate({
        "taxes": {"rows": [{"shop": "TVA 20%", "code": "C20"}, {"shop": "TVA 5.5%", "code": "C55"}]},
        "special_articles": {"remise": {"C20": "REMISE20", "C55": "REMISE55"}},
        "payments": {"rows": [{"shop": "cheque", "method": 2, "journal": "BQ1"}]}})
    draft = build_document(shop, "TOPAZ", status_rule(shop, settings), settings, doc_writer.order_catalogue())

    written = doc_writer.create_document(draft)

    assert written.total_included == shop.total == D("247.99")
    (header,) = select(doc_writer, s.F_DOCENTETE, DO_NoWeb=shop.id)
    assert (header["DO_TotalHTNet"], header["DO_TotalTTC"] - header["DO_TotalHTNet"]) == (D("208.83"), D("39.16"))
    lines = select(doc_writer, s.F_DOCLIGNE, order_by="DL_Ligne", DO_Type=1, DO_Piece=written.piece)
    assert [(l["AR_Ref"], l["DL_MontantHT"]) for l in lines if l["AR_Ref"]] == [
        ("BAOR01", D("200.00")), ("LIVRE01", D("20.00")), ("EMBALLAGE", D("2.50")),
        ("REMISE20", D("-20.00")), ("REMISE55", D("-2.00"))]


def test_a_difference_let_through_by_the_tolerance_is_kept_in_do_ecart(doc_writer):
    lines = tuple(product(ref, "1", "10.33") for ref in ("BAOR01", "CHORFA", "CHSR10"))
    written = doc_writer.create_document(draft_91(lines=lines, shipping=None, payments=(), expected_total=D("37.20")))
    (header,) = select(doc_writer, s.F_DOCENTETE, DO_Type=1, DO_Piece=written.piece)
    assert (header["DO_TotalTTC"], header["DO_Ecart"]) == (D("37.19"), D("0.01"))
