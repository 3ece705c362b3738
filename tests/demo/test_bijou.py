"""The Bijou demo database: the figures later features are tested with (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.demo import data


def rows(connection: sa.Connection, sql: str, **params) -> list[sa.Row]:
    return list(connection.execute(sa.text(sql), params))


def dec(value) -> Decimal:
    """A number read by plain SQL as Decimal (SQLite gives floats for numeric(24,6))."""
    return Decimal(str(value)).quantize(Decimal("0.000001"))


def references(connection: sa.Connection, where: str = "1 = 1") -> set[str]:
    return set(connection.execute(sa.text(f"SELECT AR_Ref FROM F_ARTICLE WHERE {where}")).scalars())


def five_formulas(stock: sa.Row) -> tuple[Decimal, ...]:
    """SPEC §3.2: real, real - reserved, available, forecast, forecast without supplier orders."""
    return (
        stock.as_qtesto,
        stock.as_qtesto - stock.as_qteres,
        stock.as_qtesto - stock.as_qteprepa - stock.as_qterescm + stock.as_qtecomcm,
        stock.as_qtesto + stock.as_qtecom - stock.as_qteres - stock.as_qteprepa,
        stock.as_qtesto - stock.as_qteres - stock.as_qteprepa,
    )


STOCK_SQL = (
    "SELECT SUM(AS_QteSto) AS as_qtesto, SUM(AS_QteRes) AS as_qteres, SUM(AS_QteCom) AS as_qtecom, "
    "SUM(AS_QtePrepa) AS as_qteprepa, SUM(AS_QteResCM) AS as_qterescm, SUM(AS_QteComCM) AS as_qtecomcm "
    "FROM F_ARTSTOCK WHERE AR_Ref = :ref AND DE_No IN ({depots})"
)


def test_the_five_stock_formulas_give_five_different_results(db):
    (main,) = rows(db, STOCK_SQL.format(depots="1"), ref=data.FIVE_FORMULAS_ARTICLE)
    assert five_formulas(main) == (50, 42, 46, 59, 39)
    (both,) = rows(db, STOCK_SQL.format(depots="1, 2"), ref=data.FIVE_FORMULAS_ARTICLE)
    assert five_formulas(both) == (60, 52, 56, 74, 49)


def test_stock_special_cases(db):
    assert rows(db, "SELECT AS_QteSto FROM F_ARTSTOCK WHERE AR_Ref = 'CHSR10' AND DE_No = 1")[0][0] == -3
    not_managed = references(db, "AR_SuiviStock = 0 AND FA_CodeFamille <> 'SPECIAUX'")
    assert not_managed == {"GRAVURE", "FLEUR01"}
    assert not rows(db, "SELECT 1 FROM F_ARTSTOCK WHERE AR_Ref IN ('GRAVURE', 'FLEUR01')")
    assert references(db, "AR_Contremarque = 1") == {"BAPL05"}
    (counter_mark,) = rows(db, "SELECT AS_QteSto, AS_QteResCM, AS_QteComCM FROM F_ARTSTOCK WHERE AR_Ref = 'BAPL05'")
    assert tuple(counter_mark) == (0, 1, 1)


def test_named_articles_exist_and_a_ch_filter_finds_exactly_the_chains(db):
    expected = {
        "BAOR01",
        "CHAAR/VAR",
        "CHAOR42",
        "CHORFA",
        "CHSR10",
        "PARURE01",
        "BOAR12",
        "NETARG",
        *data.SPECIAL_ARTICLES.values(),
    }
    assert expected <= references(db)
    assert references(db, "AR_Ref LIKE 'CH%'") == {"CHAAR/VAR", "CHAOR42", "CHORFA", "CHSR10"}
    assert references(db, "AR_Sommeil = 1") == {"BROR02"}
    assert "BRAR03" in references(db, "AR_Publie = 0")
    assert references(db, "AR_PrixTTC = 1") == {"BOOR07"}
    (photo,) = rows(db, "SELECT AR_Photo FROM F_ARTICLE WHERE AR_Ref = 'BAOR01'")
    assert photo[0] == ".\\Multimedia\\BAOR01.jpg"


def test_the_pantalon_group_has_all_six_combinations(db):
    group = rows(
        db,
        "SELECT AR_Ref, Gamme1Nom, Gamme1Valeur, Gamme2Nom, Gamme2Valeur FROM F_ARTICLE WHERE RefMaitre = 'Pantalon'",
    )
    assert {r[0] for r in group} == {"PANBLEU38", "PANBLEU40", "PANBLEU42", "PANROUGE38", "PANROUGE40", "PANROUGE42"}
    assert {(r[2], r[4]) for r in group} == {(c, s) for c in ("Bleu", "Rouge") for s in ("38", "40", "42")}
    assert {(r[1], r[3]) for r in group} == {("Couleur", "Taille")}
    assert not references(db, "AR_Ref = 'Pantalon'")


def test_free_information_columns_are_registered_in_cbsyslibre(db):
    registered = rows(db, "SELECT CB_Name, CB_Type FROM cbSysLibre WHERE CB_File = 'F_ARTICLE' ORDER BY CB_Pos")
    assert [r[0] for r in registered][:2] == ["RefMaitre", "Gamme1Nom"]
    assert dict(registered)["Largeur"] == 7 and dict(registered)["Marque"] == 9
    assert rows(db, "SELECT CB_Name FROM cbSysLibre WHERE CB_File = 'F_DOCENTETE'")[0][0] == "NumeroSuivi"
    (bl,) = rows(db, "SELECT NumeroSuivi FROM F_DOCENTETE WHERE DO_Piece = 'BL00027'")
    assert bl[0] == "6A12345678901"


def test_range_article_stock_is_the_sum_of_its_variants(db):
    assert rows(db, "SELECT AR_Type, AR_Gamme1 FROM F_ARTICLE WHERE AR_Ref = 'CHAAR/VAR'")[0] == (1, 2)
    variants = rows(
        db, "SELECT g.EG_Enumere, e.AE_Ref FROM F_ARTGAMME g JOIN F_ARTENUMREF e ON e.AG_No1 = g.AG_No ORDER BY g.AG_No"
    )
    assert [tuple(v) for v in variants] == [
        ("40 cm", "CHAAR/VAR40"),
        ("45 cm", "CHAAR/VAR45"),
        ("50 cm", "CHAAR/VAR50"),
    ]
    for depot in (1, 2):
        (variant_sum,) = rows(
            db,
            "SELECT SUM(GS_QteSto), SUM(GS_QteRes), SUM(GS_QteCom) FROM F_GAMSTOCK WHERE AR_Ref = 'CHAAR/VAR' AND DE_No = :d",
            d=depot,
        )
        (article,) = rows(
            db,
            "SELECT AS_QteSto, AS_QteRes, AS_QteCom FROM F_ARTSTOCK WHERE AR_Ref = 'CHAAR/VAR' AND DE_No = :d",
            d=depot,
        )
        assert tuple(variant_sum) == tuple(article)
    assert rows(db, "SELECT AS_QteSto FROM F_ARTSTOCK WHERE AR_Ref = 'CHAAR/VAR' AND DE_No = 1")[0][0] == 35


def test_packagings_bill_of_materials_and_lots(db):
    packagings = rows(
        db, "SELECT EC_Enumere, EC_Quantite, CO_Ref FROM F_CONDITION WHERE AR_Ref = 'BOAR12' ORDER BY EC_Quantite"
    )
    assert [(p[0], p[1]) for p in packagings] == [("Ecrin de 4", 4), ("Ecrin de 12", 12), ("Ecrin de 24", 24)]
    assert [p[2] for p in packagings] == ["BOAR12-E4", None, "BOAR12-E24"]
    components = rows(
        db,
        "SELECT n.NO_RefDet, a.AR_Ref FROM F_NOMENCLAT n LEFT JOIN F_ARTICLE a ON a.AR_Ref = n.NO_RefDet WHERE n.AR_Ref = 'PARURE01'",
    )
    assert {c[0] for c in components} == {"BAOR01", "CHAOR42", "ETUI01"}
    assert all(c[1] is not None for c in components)
    assert references(db, "AR_Nomencl = 2") == {"PARURE01"}
    lots = rows(
        db,
        "SELECT LS_NoSerie, LS_Fabrication, LS_Peremption, LS_QteRestant FROM F_LOTSERIE WHERE AR_Ref = 'NETARG' AND LS_LotEpuise = 0",
    )
    oldest = min(lots, key=lambda lot: lot[1])[0]
    first_to_expire = min(lots, key=lambda lot: lot[2])[0]
    assert (oldest, first_to_expire) == ("LOT2601", "LOT2604")
    (stock,) = rows(db, "SELECT AS_QteSto FROM F_ARTSTOCK WHERE AR_Ref = 'NETARG'")
    assert sum(lot[3] for lot in lots) == stock[0] == 102


def test_prices_by_category_customer_and_quantity(db):
    categories = rows(db, "SELECT cbIndice, CT_Intitule, CT_PrixTTC FROM P_CATTARIF ORDER BY cbIndice")
    assert [tuple(c) for c in categories] == [(1, "Grossistes", 0), (2, "Détaillants", 0), (3, "Clients comptoir", 1)]
    (topaz,) = rows(
        db,
        "SELECT AC_PrixVen, AC_RefClient FROM F_ARTCLIENT WHERE AR_Ref = 'BAOR01' AND AC_Categorie = 0 AND CT_Num = 'TOPAZ'",
    )
    assert tuple(topaz) == (390, "TOP-BAG-18")
    (retail,) = rows(
        db,
        "SELECT AC_PrixVen, AC_Remise FROM F_ARTCLIENT WHERE AR_Ref = 'CHAOR42' AND AC_Categorie = 2 AND CT_Num IS NULL",
    )
    assert tuple(retail) == (620, 10)
    breaks = rows(
        db,
        "SELECT TQ_BorneSup, TQ_PrixNet FROM F_TARIFQTE WHERE AR_Ref = 'BAOR01' AND TQ_RefCF = 'a02' ORDER BY TQ_BorneSup",
    )
    assert [tuple(b) for b in breaks] == [(4, 405), (9, 390), (999999, 375)]


def test_taxes_and_accounting_categories(db):
    rates = dict(rows(db, "SELECT TA_Code, TA_Taux FROM F_TAXE WHERE TA_TTaux = 0"))
    assert {rates["C20"], rates["C10"], rates["C55"], rates["C00"]} == {
        Decimal(20),
        Decimal(10),
        Decimal("5.5"),
        Decimal(0),
    }
    assert rows(db, "SELECT TA_TTaux, TA_Taux FROM F_TAXE WHERE TA_Code = 'ECO'")[0] == (1, Decimal("0.5"))
    labels = rows(db, "SELECT CA_ComptaVen01, CA_ComptaVen02, CA_ComptaVen03 FROM P_CATCOMPTA")[0]
    assert tuple(labels) == ("National", "Export", "Intracommunautaire")
    watch = rows(
        db,
        "SELECT ACP_Champ, ACP_ComptaCPT_Taxe1, ACP_ComptaCPT_Taxe2 FROM F_ARTCOMPTA WHERE AR_Ref = 'MONTRE01' AND ACP_Type = 0 ORDER BY ACP_Champ",
    )
    assert [tuple(w) for w in watch] == [(1, "C20", "ECO"), (2, "C00", None), (3, "UE0", None)]
    assert not rows(db, "SELECT 1 FROM F_ARTCOMPTA WHERE AR_Ref = 'CHAOR42'")
    assert (
        rows(db, "SELECT FCP_ComptaCPT_Taxe1 FROM F_FAMCOMPTA WHERE FA_CodeFamille = 'CHAINES' AND FCP_Champ = 1")[0][0]
        == "C20"
    )


def test_customers_cover_the_cases_of_the_customer_export(db):
    (topaz,) = rows(
        db, "SELECT N_CatTarif, CT_Siret, CT_Identifiant, CT_Encours, CT_EMail FROM F_COMPTET WHERE CT_Num = 'TOPAZ'"
    )
    assert tuple(topaz) == (2, "48271635900027", "FR58482716359", 15000, "contact@bijouterie-topaz.fr")
    customers = "CT_Type = 0"

    def accounts(where: str) -> set[str]:
        return set(db.execute(sa.text(f"SELECT CT_Num FROM F_COMPTET WHERE {customers} AND {where}")).scalars())

    assert accounts("CT_GDPR = 1 AND CT_ExclureTrait = 1 AND CT_Sommeil = 1") == {"RGPD0001"}
    assert "ANCIEN" in accounts("CT_Sommeil = 1")
    assert accounts("(CT_EMail IS NULL OR CT_EMail = '') AND CT_Sommeil = 0") == {"DUBOIS"}
    assert accounts("CT_Prospect = 1") == {"SAPHIR"}
    assert (
        len(accounts("1 = 1")) >= 9
        and len(set(db.execute(sa.text("SELECT CT_Num FROM F_COMPTET WHERE CT_Type = 1")).scalars())) == 4
    )
    addresses = rows(db, "SELECT LI_Principal FROM F_LIVRAISON WHERE CT_Num = 'TOPAZ' ORDER BY LI_No")
    assert [a[0] for a in addresses] == [1, 0, 0]
    emails = rows(db, "SELECT CT_EMail FROM F_CONTACTT WHERE CT_Num = 'TOPAZ' ORDER BY CT_No")
    assert [e[0] is not None for e in emails] == [True, True, False]


def test_document_totals_are_the_sum_of_their_lines(db):
    documents = rows(db, "SELECT DO_Piece, DO_TotalHT FROM F_DOCENTETE")
    assert len(documents) == len(data.SALES_DOCUMENTS) + len(data.PURCHASE_DOCUMENTS)
    for piece, total in documents:
        lines_total = rows(db, "SELECT SUM(DL_MontantHT) FROM F_DOCLIGNE WHERE DO_Piece = :p", p=piece)[0][0]
        assert dec(lines_total) == dec(total), piece
    totals = {piece: dec(total) for piece, total in rows(db, "SELECT DO_Piece, DO_TotalTTC FROM F_DOCENTETE")}
    assert (totals["FA00040"], totals["FA00046"], totals["AV00003"]) == (
        Decimal("1800"),
        Decimal("283.82"),
        Decimal("64.8"),
    )
    kinds = rows(db, "SELECT DO_Type, DO_Provenance FROM F_DOCENTETE WHERE DO_Domaine = 0")
    assert {(0, 0), (1, 0), (2, 0), (3, 0), (6, 0), (6, 2), (7, 0)} <= {tuple(k) for k in kinds}


def test_supplier_order_lines_have_delivery_dates_some_missing(db):
    lines = schema.F_DOCLIGNE.c
    dates = db.execute(
        sa.select(lines.AR_Ref, lines.DO_DateLivr)
        .where(lines.DO_Domaine == 1, lines.DO_Type == 12, lines.AR_Ref == "CHAOR42")
        .order_by(lines.DO_DateLivr)
    ).all()
    assert [(r[0], r[1].date().isoformat()) for r in dates] == [("CHAOR42", "2026-12-04"), ("CHAOR42", "2026-12-18")]
    assert rows(db, "SELECT COUNT(*) FROM F_DOCLIGNE WHERE DO_Type = 12 AND DO_DateLivr IS NULL")[0][0] == 2
    ordered = rows(db, "SELECT SUM(DL_Qte) FROM F_DOCLIGNE WHERE DO_Type = 12 AND AR_Ref = 'CHAOR42'")[0][0]
    assert ordered == rows(db, "SELECT SUM(AS_QteCom) FROM F_ARTSTOCK WHERE AR_Ref = 'CHAOR42'")[0][0] == 25


def test_next_piece_numbers_come_after_the_existing_pieces(db):
    for domain, id_col, series, next_piece in rows(
        db, "SELECT DC_Domaine, DC_IdCol, DC_Souche, DC_Piece FROM F_DOCCURRENTPIECE"
    ):
        prefix = next_piece[:2]
        used = rows(
            db, "SELECT DO_Piece FROM F_DOCENTETE WHERE DO_Domaine = :d AND DO_Piece LIKE :p", d=domain, p=f"{prefix}%"
        )
        assert all(piece < next_piece for (piece,) in used), (domain, id_col, series, next_piece)
    assert (
        dict(
            ((r[0], r[1]), r[2])
            for r in rows(db, "SELECT DC_Domaine, DC_IdCol, DC_Piece FROM F_DOCCURRENTPIECE WHERE DC_Souche = 0")
        )[(0, 6)]
        == "FA00047"
    )


def test_payments_and_customer_balances(db):
    paid = {
        piece: dec(amount)
        for piece, amount in rows(db, "SELECT DO_Piece, DO_MontantRegle FROM F_DOCENTETE WHERE DO_MontantRegle <> 0")
    }
    assert paid == {"FA00040": 1800, "FA00043": 1000, "FA00045": 500, "BC00032": Decimal("5127.30")}
    allocated = rows(db, "SELECT SUM(RC_Montant) FROM F_REGLECH WHERE DO_Piece = 'FA00045'")[0][0]
    assert allocated == 500
    balance_sql = (
        "SELECT SUM(CASE WHEN EC_Sens = 0 THEN EC_Montant ELSE -EC_Montant END) FROM F_ECRITUREC WHERE CT_Num = :c"
    )
    assert dec(rows(db, balance_sql, c="TOPAZ")[0][0]) == Decimal("895.20")
    assert dec(rows(db, balance_sql, c="GROSSOR")[0][0]) == Decimal("1400")
    open_items = rows(
        db,
        "SELECT EC_RefPiece FROM F_ECRITUREC WHERE CT_Num = 'GROSSOR' AND (EC_Lettrage IS NULL OR EC_Lettrage = '') ORDER BY EC_No",
    )
    assert [i[0] for i in open_items] == ["FA00043", "CHQ 4471023"]
    invoices = dict(rows(db, "SELECT DO_Piece, DO_TotalTTC FROM F_DOCENTETE WHERE DO_Type = 7"))
    for piece, amount in rows(
        db, "SELECT EC_RefPiece, EC_Montant FROM F_ECRITUREC WHERE EC_RefPiece LIKE 'FA%' AND EC_Sens = 0"
    ):
        if piece in invoices:
            assert dec(amount) == dec(invoices[piece]), piece
