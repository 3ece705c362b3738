"""The Sage 100c Gestion commerciale table layout, as SQLAlchemy Core tables.

Source of truth: ``reference/sage100-schema.md`` (tables, columns, types, index names).
This is the subset the connector reads or writes, used to create the embedded demo
database (SQLite or PostgreSQL) and to describe a real Sage database (SQL Server).

Every table and column is created **unquoted** (``quote=False``) with Sage's exact
identifiers: PostgreSQL folds them to lower case, SQLite and SQL Server compare them
case-insensitively, so a user filter such as ``AR_Ref LIKE 'CH%'`` works on all three.

Conventions (reference §1):

* every ``F_*`` table has ``cbMarq`` (integer identity) as physical primary key; business
  keys are unique indexes with Sage's names (``IAR_REF``, ``IDO_TPIECE``...);
* ``P_*`` parameter tables are slot arrays keyed by ``cbIndice`` (1-based); ``cbMarq``
  equals ``cbIndice`` there. ``P_CATCOMPTA`` and ``P_DOSSIER`` hold a single row;
* flags, enums, integers and amounts default to 0, as in Sage; strings and dates are
  nullable; Sage's computed ``cb*`` varbinary sort keys and ``cbHash*`` are omitted;
* free-information columns ("informations libres") are ordinary columns appended to a
  table and registered in ``cbSysLibre``; :data:`FREE_INFO_COLUMNS` lists the demo's.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

metadata = sa.MetaData()

_ZERO = sa.text("0")

# CB_Type codes of cbSysLibre (reference §1).
CB_TYPE_VALUE = 7
CB_TYPE_TEXT = 9
CB_TYPE_DATE = 14
CB_TYPE_AMOUNT = 20


def _now() -> datetime:
    return datetime.now().replace(microsecond=0)


def _str(name: str, length: int, *, nullable: bool = True) -> sa.Column:
    """``varchar(length)``."""
    return sa.Column(name, sa.String(length), nullable=nullable, quote=False)


def _small(name: str) -> sa.Column:
    """``smallint`` flag or enum, 0 by default."""
    return sa.Column(name, sa.SmallInteger, nullable=False, server_default=_ZERO, quote=False)


def _int(name: str, *, required: bool = False) -> sa.Column:
    """``int``; a required one (a business key) has no default."""
    if required:
        return sa.Column(name, sa.Integer, nullable=False, quote=False)
    return sa.Column(name, sa.Integer, nullable=False, server_default=_ZERO, quote=False)


def _num(name: str) -> sa.Column:
    """``numeric(24,6)`` amount or quantity, read back as ``Decimal``, 0 by default."""
    return sa.Column(name, sa.Numeric(24, 6), nullable=False, server_default=_ZERO, quote=False)


def _date(name: str, *, nullable: bool = True) -> sa.Column:
    return sa.Column(name, sa.DateTime, nullable=nullable, quote=False)


def _strs(pattern: str, numbers: range, length: int) -> list[sa.Column]:
    return [_str(pattern.format(n), length) for n in numbers]


def _smalls(pattern: str, numbers: range) -> list[sa.Column]:
    return [_small(pattern.format(n)) for n in numbers]


def _nums(pattern: str, numbers: range) -> list[sa.Column]:
    return [_num(pattern.format(n)) for n in numbers]


def _dates(pattern: str, numbers: range) -> list[sa.Column]:
    return [_date(pattern.format(n)) for n in numbers]


def _unique(name: str, *columns: str) -> sa.Index:
    return sa.Index(name, *columns, unique=True, quote=False)


def _index(name: str, *columns: str) -> sa.Index:
    return sa.Index(name, *columns, quote=False)


def _audit_columns() -> list[sa.Column]:
    """Sage's audit columns (reference §1), present on every table."""
    return [
        _small("cbProt"),
        _str("cbCreateur", 4),
        sa.Column(
            "cbModification",
            sa.DateTime,
            nullable=False,
            default=_now,
            onupdate=_now,
            server_default=sa.func.current_timestamp(),
            quote=False,
        ),
        _int("cbReplication"),
        _small("cbFlag"),
        sa.Column(
            "cbCreation",
            sa.DateTime,
            nullable=False,
            default=_now,
            server_default=sa.func.current_timestamp(),
            quote=False,
        ),
    ]


def _f_table(name: str, *items: sa.Column | sa.Index) -> sa.Table:
    """An ``F_*`` table: ``cbMarq`` identity primary key, the given columns, audit columns."""
    cb_marq = sa.Column("cbMarq", sa.Integer, primary_key=True, autoincrement=True, quote=False)
    return sa.Table(name, metadata, cb_marq, *items, *_audit_columns(), quote=False)


def _p_table(name: str, *columns: sa.Column) -> sa.Table:
    """A ``P_*`` slot array: one row per slot, ``cbIndice`` = slot number (= ``cbMarq``)."""
    return sa.Table(
        name,
        metadata,
        sa.Column("cbIndice", sa.SmallInteger, primary_key=True, autoincrement=False, quote=False),
        _int("cbMarq"),
        *columns,
        *_audit_columns(),
        quote=False,
    )


def _single_row_table(name: str, *columns: sa.Column) -> sa.Table:
    cb_marq = sa.Column("cbMarq", sa.Integer, primary_key=True, autoincrement=True, quote=False)
    return sa.Table(name, metadata, cb_marq, *columns, *_audit_columns(), quote=False)


def _price_slots(prefix: str) -> list[sa.Column]:
    """The three cascaded discounts ``<prefix>Remise0NREM_Valeur/_Type``."""
    columns: list[sa.Column] = []
    for n in range(1, 4):
        columns += [_num(f"{prefix}Remise0{n}REM_Valeur"), _small(f"{prefix}Remise0{n}REM_Type")]
    return columns


def _compta_columns(prefix: str) -> list[sa.Column]:
    """Accounting columns shared by F_ARTCOMPTA (ACP) and F_FAMCOMPTA (FCP)."""
    return [
        _small(f"{prefix}_Type"),
        _small(f"{prefix}_Champ"),
        _str(f"{prefix}_ComptaCPT_CompteG", 13),
        _str(f"{prefix}_ComptaCPT_CompteA", 13),
        *_strs(prefix + "_ComptaCPT_Taxe{}", range(1, 4), 5),
        *_dates(prefix + "_ComptaCPT_Date{}", range(1, 4)),
        *_strs(prefix + "_ComptaCPT_TaxeAnc{}", range(1, 4), 5),
        _small(f"{prefix}_TypeFacture"),
    ]


# Free-information columns of the demo company, per table: (name, CB_Type, CB_Len).
# Names have no spaces or accents so that they work unquoted on PostgreSQL too.
FREE_INFO_COLUMNS: dict[str, list[tuple[str, int, int]]] = {
    "F_ARTICLE": [
        ("RefMaitre", CB_TYPE_TEXT, 19),
        ("Gamme1Nom", CB_TYPE_TEXT, 35),
        ("Gamme1Valeur", CB_TYPE_TEXT, 35),
        ("Gamme2Nom", CB_TYPE_TEXT, 35),
        ("Gamme2Valeur", CB_TYPE_TEXT, 35),
        ("LibelleWeb", CB_TYPE_TEXT, 69),
        ("CategoriesSupp", CB_TYPE_TEXT, 69),
        ("Largeur", CB_TYPE_VALUE, 14),
        ("Hauteur", CB_TYPE_VALUE, 14),
        ("Profondeur", CB_TYPE_VALUE, 14),
        ("Marque", CB_TYPE_TEXT, 35),
    ],
    "F_COMPTET": [
        ("CompteWeb", CB_TYPE_TEXT, 35),
    ],
    "F_DOCENTETE": [
        ("NumeroSuivi", CB_TYPE_TEXT, 35),
    ],
}


def free_info_columns(table_name: str) -> list[str]:
    """Names of the demo's free-information columns of ``table_name``, in CB_Pos order."""
    return [name for name, _type, _length in FREE_INFO_COLUMNS.get(table_name, [])]


def _free_info(table_name: str) -> list[sa.Column]:
    columns = []
    for name, cb_type, length in FREE_INFO_COLUMNS[table_name]:
        if cb_type == CB_TYPE_TEXT:
            columns.append(_str(name, length))
        else:
            columns.append(sa.Column(name, sa.Numeric(24, 6), nullable=True, quote=False))
    return columns


# --------------------------------------------------------------------------- articles

F_ARTICLE = _f_table(
    "F_ARTICLE",
    _str("AR_Ref", 19, nullable=False),
    _str("AR_Design", 69),
    _str("FA_CodeFamille", 11, nullable=False),
    _str("AR_Substitut", 19),
    _str("AR_Raccourci", 7),
    _small("AR_Garantie"),
    _small("AR_UnitePoids"),
    _num("AR_PoidsNet"),
    _num("AR_PoidsBrut"),
    _small("AR_UniteVen"),
    _num("AR_PrixAch"),
    _num("AR_Coef"),
    _num("AR_PrixVen"),
    _small("AR_PrixTTC"),
    _small("AR_Gamme1"),
    _small("AR_Gamme2"),
    _small("AR_SuiviStock"),
    _small("AR_Nomencl"),
    *_strs("AR_Stat0{}", range(1, 6), 21),
    _small("AR_Escompte"),
    _small("AR_Delai"),
    _small("AR_HorsStat"),
    _small("AR_VteDebit"),
    _small("AR_NotImp"),
    _small("AR_Sommeil"),
    _str("AR_Langue1", 69),
    _str("AR_Langue2", 69),
    _str("AR_EdiCode", 45),
    _str("AR_CodeBarre", 19),
    _str("AR_CodeFiscal", 25),
    _str("AR_Pays", 35),
    _small("AR_Condition"),
    _num("AR_PUNet"),
    _small("AR_Contremarque"),
    _small("AR_FactPoids"),
    _small("AR_FactForfait"),
    _date("AR_DateCreation"),
    _small("AR_SaisieVar"),
    _small("AR_Transfere"),
    _small("AR_Publie"),
    _date("AR_DateModif"),
    _str("AR_Photo", 259),
    _num("AR_PrixAchNouv"),
    _num("AR_CoefNouv"),
    _num("AR_PrixVenNouv"),
    _date("AR_DateApplication"),
    _num("AR_CoutStd"),
    _num("AR_QteComp"),
    _num("AR_QteOperatoire"),
    _int("CO_No"),
    _small("AR_Prevision"),
    *[_int(f"CL_No{n}") for n in range(1, 5)],
    _small("AR_Type"),
    _str("RP_CodeDefaut", 11),
    _small("AR_Nature"),
    _small("AR_DelaiFabrication"),
    _small("AR_NbColis"),
    _small("AR_DelaiPeremption"),
    _small("AR_DelaiSecurite"),
    _small("AR_Fictif"),
    _small("AR_SousTraitance"),
    _small("AR_TypeLancement"),
    _small("AR_Cycle"),
    _small("AR_Criticite"),
    *_free_info("F_ARTICLE"),
    _unique("IAR_REF", "AR_Ref"),
    _index("IAR_FAMILLE", "FA_CodeFamille"),
)

F_FAMILLE = _f_table(
    "F_FAMILLE",
    _str("FA_CodeFamille", 11, nullable=False),
    _small("FA_Type"),
    _str("FA_Intitule", 69),
    _small("FA_UniteVen"),
    _num("FA_Coef"),
    _small("FA_SuiviStock"),
    _small("FA_Garantie"),
    _str("FA_Central", 11),
    *_strs("FA_Stat0{}", range(1, 6), 21),
    _str("FA_CodeFiscal", 25),
    _str("FA_Pays", 35),
    _small("FA_UnitePoids"),
    _small("FA_Escompte"),
    _small("FA_Delai"),
    _small("FA_HorsStat"),
    _small("FA_VteDebit"),
    _small("FA_NotImp"),
    _small("FA_Contremarque"),
    _small("FA_FactPoids"),
    _small("FA_FactForfait"),
    _small("FA_Publie"),
    _str("FA_RacineRef", 17),
    _str("FA_RacineCB", 17),
    *[_int(f"CL_No{n}") for n in range(1, 5)],
    _small("FA_Nature"),
    _small("FA_NbColis"),
    _small("FA_SousTraitance"),
    _small("FA_Fictif"),
    _small("FA_Criticite"),
    _unique("IFA_CODEF", "FA_CodeFamille"),
)

F_FAMCOMPTA = _f_table(
    "F_FAMCOMPTA",
    _str("FA_CodeFamille", 11, nullable=False),
    *_compta_columns("FCP"),
    _unique("IFCP_FAMILLE", "FA_CodeFamille", "FCP_Type", "FCP_Champ"),
)

F_FAMTARIF = _f_table(
    "F_FAMTARIF",
    _str("FA_CodeFamille", 11, nullable=False),
    _small("FT_Categorie"),
    _num("FT_Coef"),
    _small("FT_PrixTTC"),
    _small("FT_Arrondi"),
    _small("FT_QteMont"),
    _small("EG_Champ"),
    _small("FT_Devise"),
    _num("FT_Remise"),
    _small("FT_Calcul"),
    _small("FT_TypeRem"),
    _unique("IFT_FAMILLE", "FA_CodeFamille", "FT_Categorie"),
)

F_FAMCLIENT = _f_table(
    "F_FAMCLIENT",
    _str("FA_CodeFamille", 11, nullable=False),
    _str("CT_Num", 17, nullable=False),
    _num("FC_Remise"),
    _unique("IFC_FAMILLE", "FA_CodeFamille", "CT_Num"),
)

F_CATALOGUE = _f_table(
    "F_CATALOGUE",
    _int("CL_No", required=True),
    _str("CL_Intitule", 35, nullable=False),
    _str("CL_Code", 3),
    _small("CL_Stock"),
    _int("CL_NoParent"),
    _small("CL_Niveau"),
    _unique("ICL_NO", "CL_No"),
    _unique("ICL_PARENTINTIT", "CL_NoParent", "CL_Intitule"),
)

F_DEPOT = _f_table(
    "F_DEPOT",
    _int("DE_No", required=True),
    _str("DE_Intitule", 35, nullable=False),
    _str("DE_Adresse", 35),
    _str("DE_Complement", 35),
    _str("DE_CodePostal", 9),
    _str("DE_Ville", 35),
    _str("DE_Contact", 35),
    _small("DE_Principal"),
    _small("DE_CatCompta"),
    _str("DE_Region", 25),
    _str("DE_Pays", 35),
    _str("DE_EMail", 69),
    _str("DE_Code", 9),
    _str("DE_Telephone", 21),
    _str("DE_Telecopie", 21),
    _int("DP_NoDefaut"),
    _small("DE_Exclure"),
    _unique("IDE_NO", "DE_No"),
)

F_ARTSTOCK = _f_table(
    "F_ARTSTOCK",
    _str("AR_Ref", 19, nullable=False),
    _int("DE_No", required=True),
    _num("AS_QteMini"),
    _num("AS_QteMaxi"),
    _num("AS_MontSto"),
    _num("AS_QteSto"),
    _num("AS_QteRes"),
    _num("AS_QteCom"),
    _small("AS_Principal"),
    _num("AS_QteResCM"),
    _num("AS_QteComCM"),
    _num("AS_QtePrepa"),
    _int("DP_NoPrincipal"),
    _int("DP_NoControle"),
    _num("AS_QteAControler"),
    _small("AS_Mouvemente"),
    _unique("IAS_REF", "AR_Ref", "DE_No"),
)

F_ARTCLIENT = _f_table(
    "F_ARTCLIENT",
    _str("AR_Ref", 19, nullable=False),
    _small("AC_Categorie"),
    _num("AC_PrixVen"),
    _num("AC_Coef"),
    _small("AC_PrixTTC"),
    _small("AC_Arrondi"),
    _small("AC_QteMont"),
    _small("EG_Champ"),
    _num("AC_PrixDev"),
    _small("AC_Devise"),
    _str("CT_Num", 17),
    _num("AC_Remise"),
    _small("AC_Calcul"),
    _small("AC_TypeRem"),
    _str("AC_RefClient", 19),
    _num("AC_CoefNouv"),
    _num("AC_PrixVenNouv"),
    _num("AC_PrixDevNouv"),
    _num("AC_RemiseNouv"),
    _date("AC_DateApplication"),
    _unique("IAC_REF", "AR_Ref", "AC_Categorie", "CT_Num"),
)

F_TARIFQTE = _f_table(
    "F_TARIFQTE",
    _str("AR_Ref", 19, nullable=False),
    _str("TQ_RefCF", 17, nullable=False),
    _num("TQ_BorneSup"),
    *_price_slots("TQ_"),
    _num("TQ_PrixNet"),
    _unique("ITQ_REF", "AR_Ref", "TQ_RefCF", "TQ_BorneSup"),
)

F_ARTCOMPTA = _f_table(
    "F_ARTCOMPTA",
    _str("AR_Ref", 19, nullable=False),
    *_compta_columns("ACP"),
    _unique("IACP_REF", "AR_Ref", "ACP_Type", "ACP_Champ"),
)

F_TAXE = _f_table(
    "F_TAXE",
    _int("TA_No", required=True),
    _str("TA_Code", 5, nullable=False),
    _str("TA_Intitule", 35),
    _small("TA_TTaux"),
    _num("TA_Taux"),
    _small("TA_Type"),
    _str("CG_Num", 13, nullable=False),
    _small("TA_NP"),
    _small("TA_Sens"),
    _small("TA_Provenance"),
    _str("TA_Regroup", 5),
    _small("TA_Assujet"),
    _str("TA_GrilleBase", 10),
    _str("TA_GrilleTaxe", 10),
    _str("TA_EdiCode", 5),
    _unique("ITA_CODE", "TA_Code"),
    _unique("ITA_NO", "TA_No"),
)

F_ARTFOURNISS = _f_table(
    "F_ARTFOURNISS",
    _str("AR_Ref", 19, nullable=False),
    _str("CT_Num", 17, nullable=False),
    _str("AF_RefFourniss", 19),
    _num("AF_PrixAch"),
    _small("AF_Unite"),
    _num("AF_Conversion"),
    _small("AF_DelaiAppro"),
    _small("AF_Garantie"),
    _num("AF_Colisage"),
    _num("AF_QteMini"),
    _small("AF_QteMont"),
    _small("EG_Champ"),
    _small("AF_Principal"),
    _num("AF_PrixDev"),
    _small("AF_Devise"),
    _num("AF_Remise"),
    _num("AF_ConvDiv"),
    _small("AF_TypeRem"),
    _str("AF_CodeBarre", 19),
    _num("AF_PrixAchNouv"),
    _num("AF_PrixDevNouv"),
    _num("AF_RemiseNouv"),
    _date("AF_DateApplication"),
    _unique("IAF_REF", "AR_Ref", "CT_Num"),
)

F_CONDITION = _f_table(
    "F_CONDITION",
    _str("AR_Ref", 19, nullable=False),
    _int("CO_No", required=True),
    _str("EC_Enumere", 35),
    _num("EC_Quantite"),
    _str("CO_Ref", 19),
    _str("CO_CodeBarre", 19),
    _small("CO_Principal"),
    _str("CO_EdiCode", 35),
    _unique("ICO_CONDITION", "CO_No"),
    _index("ICO_REFCOND", "AR_Ref"),
)

F_TARIFCOND = _f_table(
    "F_TARIFCOND",
    _str("AR_Ref", 19, nullable=False),
    _str("TC_RefCF", 17, nullable=False),
    _int("CO_No", required=True),
    _num("TC_Prix"),
    _num("TC_PrixNouv"),
    _unique("ITC_REF", "AR_Ref", "TC_RefCF", "CO_No"),
)

F_NOMENCLAT = _f_table(
    "F_NOMENCLAT",
    _str("AR_Ref", 19, nullable=False),
    _str("NO_RefDet", 19, nullable=False),
    _num("NO_Qte"),
    _int("AG_No1"),
    _int("AG_No2"),
    _small("NO_Type"),
    _num("NO_Repartition"),
    _str("NO_Operation", 11),
    _str("NO_Commentaire", 69),
    _int("DE_No"),
    _small("NO_Ordre"),
    _int("AG_No1Comp"),
    _int("AG_No2Comp"),
    _small("NO_SousTraitance"),
    _unique("INO_REF", "AR_Ref", "NO_Ordre"),
)

F_ARTGAMME = _f_table(
    "F_ARTGAMME",
    _str("AR_Ref", 19, nullable=False),
    _int("AG_No", required=True),
    _str("EG_Enumere", 35),
    _small("AG_Type"),
    _unique("IAG_NO", "AG_No"),
    _index("IAG_REF", "AR_Ref", "AG_Type"),
)

F_ARTENUMREF = _f_table(
    "F_ARTENUMREF",
    _str("AR_Ref", 19, nullable=False),
    _int("AG_No1"),
    _int("AG_No2"),
    _str("AE_Ref", 19),
    _num("AE_PrixAch"),
    _str("AE_CodeBarre", 19),
    _num("AE_PrixAchNouv"),
    _str("AE_EdiCode", 35),
    _small("AE_Sommeil"),
    _unique("IAE_REF", "AR_Ref", "AG_No1", "AG_No2"),
)

F_GAMSTOCK = _f_table(
    "F_GAMSTOCK",
    _str("AR_Ref", 19, nullable=False),
    _int("AG_No1"),
    _int("AG_No2"),
    _int("DE_No", required=True),
    _num("GS_MontSto"),
    _num("GS_QteSto"),
    _num("GS_QteRes"),
    _num("GS_QteCom"),
    _num("GS_QteResCM"),
    _num("GS_QteComCM"),
    _num("GS_QteMini"),
    _num("GS_QteMaxi"),
    _num("GS_QtePrepa"),
    _int("DP_NoPrincipal"),
    _int("DP_NoControle"),
    _num("GS_QteAControler"),
    _unique("IGS_REF", "AR_Ref", "AG_No1", "AG_No2", "DE_No"),
)

F_TARIFGAM = _f_table(
    "F_TARIFGAM",
    _str("AR_Ref", 19, nullable=False),
    _str("TG_RefCF", 17, nullable=False),
    _int("AG_No1"),
    _int("AG_No2"),
    _num("TG_Prix"),
    _str("TG_Ref", 19),
    _str("TG_CodeBarre", 19),
    _num("TG_PrixNouv"),
    _unique("ITG_REF", "AR_Ref", "TG_RefCF", "AG_No1", "AG_No2"),
)

F_ENUMGAMME = _f_table(
    "F_ENUMGAMME",
    _small("EG_Champ"),
    _small("EG_Ligne"),
    _str("EG_Enumere", 35),
    _num("EG_BorneSup"),
    _unique("IEG_CHAMP", "EG_Champ", "EG_Ligne"),
)

F_ARTICLEMEDIA = _f_table(
    "F_ARTICLEMEDIA",
    _str("AR_Ref", 19, nullable=False),
    _str("ME_Commentaire", 69),
    _str("ME_Fichier", 259),
    _str("ME_TypeMIME", 255),
    _str("ME_Origine", 255),
    _str("ME_GedId", 255),
    _index("IME_REF", "AR_Ref"),
)

# -------------------------------------------------------------------- third parties

F_COMPTET = _f_table(
    "F_COMPTET",
    _str("CT_Num", 17, nullable=False),
    _str("CT_Intitule", 69),
    _small("CT_Type"),
    _str("CG_NumPrinc", 13),
    _str("CT_Qualite", 17),
    _str("CT_Classement", 17),
    _str("CT_Contact", 35),
    _str("CT_Adresse", 35),
    _str("CT_Complement", 35),
    _str("CT_CodePostal", 9),
    _str("CT_Ville", 35),
    _str("CT_CodeRegion", 25),
    _str("CT_Pays", 35),
    _str("CT_LangueISO2", 3),
    _str("CT_Raccourci", 7),
    _small("BT_Num"),
    _small("N_Devise"),
    _str("CT_Ape", 7),
    _str("CT_Identifiant", 25),
    _str("CT_Siret", 15),
    *_strs("CT_Statistique{:02d}", range(1, 11), 21),
    _str("CT_Commentaire", 35),
    _num("CT_Encours"),
    _num("CT_Assurance"),
    _str("CT_NumPayeur", 17),
    _small("N_Risque"),
    _int("CO_No"),
    _small("N_CatTarif"),
    *_nums("CT_Taux0{}", range(1, 5)),
    _small("N_CatCompta"),
    _small("N_Period"),
    _small("CT_Facture"),
    _small("CT_BLFact"),
    _small("CT_Langue"),
    _small("N_Expedition"),
    _small("N_Condition"),
    _date("CT_DateCreate"),
    _small("CT_Saut"),
    _small("CT_Lettrage"),
    _small("CT_ValidEch"),
    _small("CT_Sommeil"),
    _int("DE_No"),
    _small("CT_ControlEnc"),
    _small("CT_NotRappel"),
    _small("N_Analytique"),
    _str("CA_Num", 13),
    _str("CT_Telephone", 21),
    _str("CT_Telecopie", 21),
    _str("CT_EMail", 69),
    _str("CT_Site", 69),
    _str("CT_Coface", 25),
    _small("CT_Surveillance"),
    _small("CT_PrioriteLivr"),
    _small("CT_LivrPartielle"),
    _int("MR_No"),
    _small("CT_NotPenal"),
    _int("EB_No"),
    _str("CT_NumCentrale", 17),
    _date("CT_DateFermeDebut"),
    _date("CT_DateFermeFin"),
    _small("CT_FactureElec"),
    _small("CT_TypeNIF"),
    _small("CT_EdiCodeType"),
    _str("CT_EdiCode", 23),
    _small("CT_ProfilSoc"),
    _small("CT_DelaiTransport"),
    _small("CT_DelaiAppro"),
    _str("CT_Facebook", 35),
    _str("CT_LinkedIn", 35),
    _small("CT_ExclureTrait"),
    _small("CT_GDPR"),
    _small("CT_Prospect"),
    *_free_info("F_COMPTET"),
    _unique("ICT_NUM", "CT_Num"),
    _index("ICT_TYPE", "CT_Type", "CT_Num"),
)

F_LIVRAISON = _f_table(
    "F_LIVRAISON",
    _int("LI_No", required=True),
    _str("CT_Num", 17, nullable=False),
    _str("LI_Intitule", 69),
    _str("LI_Adresse", 35),
    _str("LI_Complement", 35),
    _str("LI_CodePostal", 9),
    _str("LI_Ville", 35),
    _str("LI_CodeRegion", 25),
    _str("LI_Pays", 35),
    _str("LI_Contact", 35),
    _small("N_Expedition"),
    _small("N_Condition"),
    _small("LI_Principal"),
    _str("LI_Telephone", 21),
    _str("LI_Telecopie", 21),
    _str("LI_EMail", 69),
    _str("LI_Commentaire", 69),
    _small("LI_DelaiTransport"),
    _unique("ILI_NO", "LI_No"),
    _index("ILI_CTNUM", "CT_Num"),
)

F_CONTACTT = _f_table(
    "F_CONTACTT",
    _str("CT_Num", 17, nullable=False),
    _int("CT_No", required=True),
    _str("CT_Nom", 35),
    _str("CT_Prenom", 35),
    _small("N_Service"),
    _str("CT_Fonction", 35),
    _str("CT_Telephone", 21),
    _str("CT_TelPortable", 21),
    _str("CT_Telecopie", 21),
    _str("CT_EMail", 69),
    _small("CT_Civilite"),
    _small("N_Contact"),
    _str("CT_Facebook", 35),
    _str("CT_LinkedIn", 35),
    _str("CT_Skype", 35),
    _unique("ICT_NO", "CT_No"),
    _index("ICT_CTNUMCONTACT", "CT_Num"),
)

F_COLLABORATEUR = _f_table(
    "F_COLLABORATEUR",
    _int("CO_No", required=True),
    _str("CO_Nom", 35),
    _str("CO_Prenom", 35),
    _str("CO_Fonction", 35),
    _str("CO_Adresse", 35),
    _str("CO_Complement", 35),
    _str("CO_CodePostal", 9),
    _str("CO_Ville", 35),
    _str("CO_CodeRegion", 25),
    _str("CO_Pays", 35),
    _str("CO_Service", 35),
    _small("CO_Vendeur"),
    _small("CO_Caissier"),
    _small("CO_Acheteur"),
    _small("CO_Receptionnaire"),
    _small("CO_ChargeRecouvr"),
    _small("CO_Financier"),
    _str("CO_Telephone", 21),
    _str("CO_Telecopie", 21),
    _str("CO_TelPortable", 21),
    _str("CO_EMail", 69),
    _str("CO_Matricule", 11),
    _small("CO_Sommeil"),
    _int("PROT_No"),
    _unique("ICO_NO", "CO_No"),
)

F_REGLEMENTT = _f_table(
    "F_REGLEMENTT",
    _str("CT_Num", 17, nullable=False),
    _small("N_Reglement"),
    _small("RT_Condition"),
    _small("RT_NbJour"),
    *_smalls("RT_JourTb0{}", range(1, 7)),
    _small("RT_TRepart"),
    _num("RT_VRepart"),
    _index("IRT_NUM", "CT_Num"),
)

# ------------------------------------------------------------------------ documents

F_DOCENTETE = _f_table(
    "F_DOCENTETE",
    _small("DO_Domaine"),
    _small("DO_Type"),
    _str("DO_Piece", 13, nullable=False),
    _date("DO_Date"),
    _str("DO_Ref", 17),
    _str("DO_Tiers", 17),
    _int("CO_No"),
    _small("DO_Period"),
    _small("DO_Devise"),
    _num("DO_Cours"),
    _int("DE_No"),
    _int("LI_No"),
    _str("CT_NumPayeur", 17),
    _small("DO_Expedit"),
    _small("DO_NbFacture"),
    _small("DO_BLFact"),
    _num("DO_TxEscompte"),
    _small("DO_Reliquat"),
    _small("DO_Imprim"),
    _str("CA_Num", 13),
    *_strs("DO_Coord0{}", range(1, 5), 25),
    _small("DO_Souche"),
    _date("DO_DateLivr"),
    _small("DO_Condition"),
    _small("DO_Tarif"),
    _small("DO_Colisage"),
    _small("DO_TypeColis"),
    _small("DO_Transaction"),
    _small("DO_Langue"),
    _num("DO_Ecart"),
    _small("DO_Regime"),
    _small("N_CatCompta"),
    _small("DO_Ventile"),
    _int("AB_No"),
    _date("DO_DebutAbo"),
    _date("DO_FinAbo"),
    _date("DO_DebutPeriod"),
    _date("DO_FinPeriod"),
    _str("CG_Num", 13),
    _small("DO_Statut"),
    _str("DO_Heure", 9),
    _int("CA_No"),
    _int("CO_NoCaissier"),
    _small("DO_Transfere"),
    _small("DO_Cloture"),
    _str("DO_NoWeb", 17),
    _small("DO_Attente"),
    _small("DO_Provenance"),
    _str("CA_NumIFRS", 13),
    _int("MR_No"),
    _small("DO_TypeFrais"),
    _num("DO_ValFrais"),
    _small("DO_TypeLigneFrais"),
    _small("DO_TypeFranco"),
    _num("DO_ValFranco"),
    _small("DO_TypeLigneFranco"),
    *_nums("DO_Taxe{}", range(1, 4)),
    *_smalls("DO_TypeTaux{}", range(1, 4)),
    *_smalls("DO_TypeTaxe{}", range(1, 4)),
    *_strs("DO_CodeTaxe{}", range(1, 4), 5),
    _small("DO_MajCpta"),
    _str("DO_Motif", 69),
    _str("CT_NumCentrale", 17),
    _str("DO_Contact", 35),
    _small("DO_FactureElec"),
    _small("DO_TypeTransac"),
    _date("DO_DateLivrRealisee"),
    _date("DO_DateExpedition"),
    _str("DO_FactureFrs", 35),
    _str("DO_PieceOrig", 13),
    _str("DO_GUID", 36),
    _small("DO_EStatut"),
    _small("DO_DemandeRegul"),
    _int("ET_No"),
    _small("DO_Valide"),
    _small("DO_Coffre"),
    _num("DO_TotalHT"),
    _small("DO_StatutBAP"),
    _small("DO_Escompte"),
    _small("DO_DocType"),
    _small("DO_TypeCalcul"),
    _num("DO_TotalHTNet"),
    _num("DO_TotalTTC"),
    _num("DO_NetAPayer"),
    _num("DO_MontantRegle"),
    _str("DO_RefPaiement", 35),
    _small("DO_PaiementLigne"),
    _small("DO_MotifDevis"),
    _small("DO_Conversion"),
    *_free_info("F_DOCENTETE"),
    _unique("IDO_TPIECE", "DO_Domaine", "DO_Type", "DO_Piece"),
    _index("IDO_TIERS", "DO_Tiers"),
)

F_DOCLIGNE = _f_table(
    "F_DOCLIGNE",
    _small("DO_Domaine"),
    _small("DO_Type"),
    _str("CT_Num", 17),
    _str("DO_Piece", 13, nullable=False),
    _str("DL_PieceBC", 13),
    _str("DL_PieceBL", 13),
    _str("DL_PiecePL", 13),
    _str("DL_PieceDE", 13),
    _date("DO_Date"),
    _date("DL_DateBC"),
    _date("DL_DateBL"),
    _date("DL_DatePL"),
    _date("DL_DateDE"),
    _int("DL_Ligne"),
    _str("DO_Ref", 17),
    _small("DL_TNomencl"),
    _small("DL_TRemPied"),
    _small("DL_TRemExep"),
    _str("AR_Ref", 19),
    _str("DL_Design", 69),
    _num("DL_Qte"),
    _num("DL_QteBC"),
    _num("DL_QteBL"),
    _num("DL_QtePL"),
    _num("DL_QteDE"),
    _num("DL_PoidsNet"),
    _num("DL_PoidsBrut"),
    *_price_slots("DL_"),
    _num("DL_PrixUnitaire"),
    _num("DL_PUBC"),
    *_nums("DL_Taxe{}", range(1, 4)),
    *_smalls("DL_TypeTaux{}", range(1, 4)),
    *_smalls("DL_TypeTaxe{}", range(1, 4)),
    *_strs("DL_CodeTaxe{}", range(1, 4), 5),
    _int("CO_No"),
    _int("AG_No1"),
    _int("AG_No2"),
    _num("DL_PrixRU"),
    _num("DL_CMUP"),
    _small("DL_MvtStock"),
    _int("DT_No"),
    _str("AF_RefFourniss", 19),
    _str("EU_Enumere", 35),
    _num("EU_Qte"),
    _small("DL_TTC"),
    _int("DE_No"),
    _small("DL_NoRef"),
    _small("DL_TypePL"),
    _num("DL_PUDevise"),
    _num("DL_PUTTC"),
    _int("DL_No", required=True),
    _date("DO_DateLivr"),
    _str("CA_Num", 13),
    _num("DL_Frais"),
    _small("DL_Valorise"),
    _str("AR_RefCompose", 19),
    _small("DL_NonLivre"),
    _str("AC_RefClient", 19),
    _num("DL_MontantHT"),
    _num("DL_MontantTTC"),
    _small("DL_FactPoids"),
    _small("DL_Escompte"),
    _str("DL_NoColis", 19),
    _int("DL_NoLink"),
    _str("RP_Code", 11),
    _num("DL_QteRessource"),
    _date("DL_DateAvancement"),
    _str("PF_Num", 9),
    _int("DL_PieceOFProd"),
    _str("DL_Operation", 11),
    _int("DL_NoSousTotal"),
    _int("CA_No"),
    _small("DO_DocType"),
    _unique("IDL_NO", "DL_No"),
    _index("IDL_PIECE", "DO_Domaine", "DO_Type", "DO_Piece", "DL_Ligne"),
    _index("IDL_ARREF", "AR_Ref"),
)

F_DOCREGL = _f_table(
    "F_DOCREGL",
    _int("DR_No", required=True),
    _small("DO_Domaine"),
    _small("DO_Type"),
    _str("DO_Piece", 13, nullable=False),
    _small("DR_TypeRegl"),
    _date("DR_Date"),
    _str("DR_Libelle", 35),
    _num("DR_Pourcent"),
    _num("DR_Montant"),
    _num("DR_MontantDev"),
    _small("DR_Equil"),
    _int("EC_No"),
    _small("DR_Regle"),
    _small("N_Reglement"),
    _int("CA_No"),
    _small("DO_DocType"),
    _str("DR_RefPaiement", 35),
    _unique("IDR_NO", "DR_No"),
    _index("IDR_PIECE", "DO_Domaine", "DO_Type", "DO_Piece"),
)

F_CREGLEMENT = _f_table(
    "F_CREGLEMENT",
    _int("RG_No", required=True),
    _str("CT_NumPayeur", 17),
    _date("RG_Date"),
    _str("RG_Reference", 17),
    _str("RG_Libelle", 35),
    _num("RG_Montant"),
    _num("RG_MontantDev"),
    _small("N_Reglement"),
    _small("RG_Impute"),
    _small("RG_Compta"),
    _int("EC_No"),
    _small("RG_Type"),
    _num("RG_Cours"),
    _small("N_Devise"),
    _str("JO_Num", 7, nullable=False),
    _str("CG_NumCont", 13),
    _date("RG_Impaye"),
    _str("CG_Num", 13),
    _small("RG_TypeReg"),
    _str("RG_Heure", 9),
    _str("RG_Piece", 13),
    _int("CA_No"),
    _int("CO_NoCaissier"),
    _small("RG_Banque"),
    _small("RG_Transfere"),
    _small("RG_Cloture"),
    _small("RG_Ticket"),
    _small("RG_Souche"),
    _str("CT_NumPayeurOrig", 17),
    _date("RG_DateEchCont"),
    _str("CG_NumEcart", 13),
    _str("JO_NumEcart", 7),
    _num("RG_MontantEcart"),
    _int("RG_NoBonAchat"),
    _small("RG_Valide"),
    _small("RG_Anterieur"),
    _num("RG_MontantCommission"),
    _num("RG_MontantNet"),
    _unique("IRG_NO", "RG_No"),
    _index("IRG_PAYEUR", "CT_NumPayeur"),
)

F_REGLECH = _f_table(
    "F_REGLECH",
    _int("RG_No", required=True),
    _int("DR_No", required=True),
    _small("DO_Domaine"),
    _small("DO_Type"),
    _str("DO_Piece", 13, nullable=False),
    _num("RC_Montant"),
    _small("RG_TypeReg"),
    _unique("IRC_NO", "RG_No", "DR_No"),
)

F_DOCCURRENTPIECE = _f_table(
    "F_DOCCURRENTPIECE",
    _small("DC_Domaine"),
    _small("DC_IdCol"),
    _small("DC_Souche"),
    _str("DC_Piece", 13, nullable=False),
    _unique("IDC_DOCUMENT", "DC_Domaine", "DC_IdCol", "DC_Souche"),
)

F_LOTSERIE = _f_table(
    "F_LOTSERIE",
    _str("AR_Ref", 19, nullable=False),
    _str("LS_NoSerie", 31, nullable=False),
    _date("LS_Peremption"),
    _date("LS_Fabrication"),
    _num("LS_Qte"),
    _num("LS_QteRestant"),
    _num("LS_QteRes"),
    _small("LS_LotEpuise"),
    _int("DE_No", required=True),
    _int("DL_NoIn"),
    _int("DL_NoOut"),
    _small("LS_MvtStock"),
    _str("LS_Complement", 31),
    _index("ILS_REF", "AR_Ref", "DE_No"),
)

# ----------------------------------------------------------------------- accounting

F_ECRITUREC = _f_table(
    "F_ECRITUREC",
    _int("EC_No", required=True),
    _str("JO_Num", 7, nullable=False),
    _date("JM_Date", nullable=False),
    _small("EC_Jour"),
    _date("EC_Date"),
    _str("EC_Piece", 13),
    _str("EC_RefPiece", 17),
    _str("EC_TresoPiece", 17),
    _str("CG_Num", 13, nullable=False),
    _str("CG_NumCont", 13),
    _str("CT_Num", 17),
    _str("EC_Intitule", 35),
    _small("N_Reglement"),
    _date("EC_Echeance"),
    _num("EC_Parite"),
    _num("EC_Quantite"),
    _small("N_Devise"),
    _small("EC_Sens"),
    _num("EC_Montant"),
    _small("EC_Lettre"),
    _str("EC_Lettrage", 3),
    _small("EC_Point"),
    _str("EC_Pointage", 3),
    _small("EC_Impression"),
    _small("EC_Cloture"),
    _small("EC_CType"),
    _small("EC_Rappel"),
    _str("CT_NumCont", 17),
    _small("EC_LettreQ"),
    _str("EC_LettrageQ", 3),
    _small("EC_ANType"),
    _small("EC_RType"),
    _num("EC_Devise"),
    _small("EC_Remise"),
    _str("TA_Code", 5),
    _small("EC_Norme"),
    _small("TA_Provenance"),
    _small("EC_PenalType"),
    _date("EC_DatePenal"),
    _date("EC_DateRelance"),
    _date("EC_DateRappro"),
    _str("EC_Reference", 17),
    _small("EC_StatusRegle"),
    _num("EC_MontantRegle"),
    _date("EC_DateRegle"),
    _small("EC_RIB"),
    _date("EC_DateOp"),
    _small("EC_NoCloture"),
    _unique("IEC_ECNO", "EC_No"),
    _index("IEC_CTNUM", "CT_Num"),
)

F_JOURNAUX = _f_table(
    "F_JOURNAUX",
    _str("JO_Num", 7, nullable=False),
    _str("JO_Intitule", 35),
    _str("CG_Num", 13),
    _small("JO_Type"),
    _small("JO_NumPiece"),
    _small("JO_Contrepartie"),
    _small("JO_SaisAnal"),
    _small("JO_NotCalcTot"),
    _small("JO_Rappro"),
    _small("JO_Sommeil"),
    _small("JO_IFRS"),
    _small("JO_Reglement"),
    _small("JO_SuiviTreso"),
    _unique("IJO_NUM", "JO_Num"),
)

F_PAYS = _f_table(
    "F_PAYS",
    _str("PA_Intitule", 35, nullable=False),
    _str("PA_Code", 3),
    _str("PA_CodeEdi", 3),
    _num("PA_Assurance"),
    _str("PA_CodeISO2", 3),
    _small("PA_SEPA"),
    _unique("IPA_INTITULE", "PA_Intitule"),
)

# ----------------------------------------------------------------------- parameters

P_CATTARIF = _p_table("P_CATTARIF", _str("CT_Intitule", 35), _small("CT_PrixTTC"))

P_CATCOMPTA = _single_row_table(
    "P_CATCOMPTA",
    *_strs("CA_ComptaVen{:02d}", range(1, 51), 35),
    *_strs("CA_ComptaAch{:02d}", range(1, 51), 35),
    *_strs("CA_ComptaSto{:02d}", range(1, 51), 35),
)

P_DEVISE = _p_table(
    "P_DEVISE",
    _str("D_Intitule", 35),
    _str("D_Format", 31),
    _num("D_Cours"),
    _num("D_CoursP"),
    _str("D_Monnaie", 35),
    _str("D_SousMonnaie", 21),
    _str("D_CodeISO", 3),
    _str("D_Sigle", 5),
    _small("D_Mode"),
    _small("N_DeviseCot"),
    _num("D_CoursClot"),
    _small("D_Euro"),
    _str("D_CodeISONum", 3),
)

P_EXPEDITION = _p_table(
    "P_EXPEDITION",
    _str("E_Intitule", 35),
    _str("E_Mode", 3),
    _str("AR_Ref", 19),
    _small("E_TypeFrais"),
    _num("E_ValFrais"),
    _small("E_TypeLigneFrais"),
    _small("E_TypeFranco"),
    _num("E_ValFranco"),
    _small("E_TypeLigneFranco"),
    _small("E_TypeCalcul"),
)

P_CONDLIVR = _p_table("P_CONDLIVR", _str("C_Intitule", 35), _str("C_Mode", 3))

P_REGLEMENT = _p_table(
    "P_REGLEMENT",
    _str("R_Intitule", 35),
    _str("R_Code", 3),
    _small("R_ModePaieDebit"),
    _small("R_ModePaieCredit"),
    _int("EB_NoDecaiss"),
    _int("EB_NoEncaiss"),
    _str("R_EdiCode", 3),
)

P_CRISQUE = _p_table("P_CRISQUE", _str("R_Intitule", 35), _small("R_Type"), _num("R_Min"), _num("R_Max"))

P_UNITE = _p_table(
    "P_UNITE",
    _str("U_Intitule", 21),
    _small("U_Correspondance"),
    _num("U_NbUnite"),
    _small("U_UniteTemps"),
    _str("U_EdiCode", 3),
)

P_SOUCHEVENTE = _p_table(
    "P_SOUCHEVENTE",
    _str("S_Intitule", 35),
    _small("S_Valide"),
    _str("JO_Num", 7),
    _str("JO_NumSituation", 7),
)

P_GAMME = _p_table("P_GAMME", _str("G_Intitule", 35), _small("G_Type"))

P_CONDITIONNEMENT = _p_table("P_CONDITIONNEMENT", _str("P_Conditionnement", 35))

P_DOSSIER = _single_row_table(
    "P_DOSSIER",
    _str("D_RaisonSoc", 35),
    _str("D_Profession", 35),
    _str("D_Adresse", 35),
    _str("D_Complement", 35),
    _str("D_CodePostal", 9),
    _str("D_Ville", 35),
    _str("D_CodeRegion", 25),
    _str("D_Pays", 35),
    _str("D_Commentaire", 35),
    _str("D_Siret", 15),
    _str("D_Identifiant", 25),
    _str("D_Ape", 7),
    _str("D_Telephone", 21),
    _str("D_Telecopie", 21),
    _str("D_EMail", 69),
    _str("D_Site", 69),
    *_dates("D_DebutExo0{}", range(1, 6)),
    *_dates("D_FinExo0{}", range(1, 6)),
    _small("N_DeviseCompte"),
)

# Catalogue of free-information columns (reference §1): one row per user field.
cbSysLibre = sa.Table(
    "cbSysLibre",
    metadata,
    sa.Column("cbMarq", sa.Integer, primary_key=True, autoincrement=True, quote=False),
    _str("CB_File", 128, nullable=False),
    _str("CB_Name", 128, nullable=False),
    _small("CB_Pos"),
    _small("CB_Type"),
    _small("CB_Len"),
    _small("CB_Flag"),
    _str("CB_Formule", 255),
    _str("CB_Creator", 128),
    _unique("ICB_FILENAME", "CB_File", "CB_Name"),
    quote=False,
)
