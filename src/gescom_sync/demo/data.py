"""The "Bijou" demo company: the rows of its Sage 100 database, as plain data.

Everything here is declarative: tables of rows named by what they are, with Sage's
column names as keys. Tests elsewhere read these values to derive the figures they
expect, so a change here is a change of the demo's figures (see docs/demo-database.md).

Derived data is computed by :mod:`gescom_sync.demo.bijou`, not written here:
``F_ARTSTOCK`` of range articles (sum of their ``F_GAMSTOCK``), ``AS_MontSto``, line
amounts and document totals (from quantity, price, discount and tax rate), amounts
paid, and the ``cbSysLibre`` catalogue of free-information columns.

Encoding of a price category in ``TQ_RefCF`` / ``TG_RefCF`` / ``TC_RefCF`` (uncertain in
the schema reference): ``'a'`` + the two-digit ``P_CATTARIF`` slot, e.g. ``'a02'`` for
"Détaillants"; a customer is given by its account number (``CT_Num``).
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal as D

# ------------------------------------------------------------------ helper values


def ean13(first_twelve_digits: str) -> str:
    """An EAN-13 barcode: the 12 given digits plus their check digit."""
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first_twelve_digits))
    return first_twelve_digits + str((10 - total % 10) % 10)


def category_code(slot: int) -> str:
    """How a price category is written in ``TQ_RefCF``/``TG_RefCF``/``TC_RefCF``."""
    return f"a{slot:02d}"


def day(year: int, month: int, day_of_month: int) -> datetime:
    return datetime(year, month, day_of_month)


CREATED = day(2025, 1, 6)
MODIFIED = day(2026, 11, 16)

# Special articles an order import needs (SPEC §3.6), by role.
SPECIAL_ARTICLES = {
    "divers": "DIVERS",
    "ecart": "ECART",
    "emballage": "EMBALLAGE",
    "port": "PORT",
    "remise_C20": "REMISE20",
    "remise_C10": "REMISE10",
    "remise_C55": "REMISE55",
    "remise_C00": "REMISE0",
}

# The article whose stock gives five different results with the five formulas of
# SPEC §3.2 (main warehouse: Sto 50, Res 8, Prepa 3, Com 20, ResCM 2, ComCM 1).
FIVE_FORMULAS_ARTICLE = "CHAOR42"

# ------------------------------------------------------------------------ company

P_DOSSIER = [
    {
        "D_RaisonSoc": "Bijou SA",
        "D_Profession": "Bijouterie - joaillerie",
        "D_Adresse": "12 rue de la Paix",
        "D_CodePostal": "75002",
        "D_Ville": "Paris",
        "D_Pays": "France",
        "D_Siret": "41234567800019",
        "D_Identifiant": "FR37412345678",
        "D_Ape": "4777Z",
        "D_Telephone": "01 42 60 00 00",
        "D_EMail": "contact@bijou-demo.fr",
        "D_Site": "https://www.bijou-demo.fr",
        "D_DebutExo01": day(2025, 1, 1),
        "D_FinExo01": day(2025, 12, 31),
        "D_DebutExo02": day(2026, 1, 1),
        "D_FinExo02": day(2026, 12, 31),
        "N_DeviseCompte": 1,
    }
]

# ----------------------------------------------------------------- parameters P_*

P_CATTARIF = [
    {"cbIndice": 1, "CT_Intitule": "Grossistes", "CT_PrixTTC": 0},
    {"cbIndice": 2, "CT_Intitule": "Détaillants", "CT_PrixTTC": 0},
    {"cbIndice": 3, "CT_Intitule": "Clients comptoir", "CT_PrixTTC": 1},
]

ACCOUNTING_CATEGORIES = {1: "National", 2: "Export", 3: "Intracommunautaire"}

P_CATCOMPTA = [
    {
        **{f"CA_ComptaVen{n:02d}": label for n, label in ACCOUNTING_CATEGORIES.items()},
        **{f"CA_ComptaAch{n:02d}": label for n, label in ACCOUNTING_CATEGORIES.items()},
        "CA_ComptaSto01": "Stock",
    }
]

P_DEVISE = [
    {"cbIndice": 1, "D_Intitule": "Euro", "D_Format": "#,##0.00 €", "D_Cours": D("1"), "D_Monnaie": "Euro",
     "D_SousMonnaie": "Centime", "D_CodeISO": "EUR", "D_Sigle": "€", "D_Euro": 1, "D_CodeISONum": "978"},
    {"cbIndice": 2, "D_Intitule": "Dollar US", "D_Format": "$#,##0.00", "D_Cours": D("1.082500"),
     "D_Monnaie": "Dollar", "D_SousMonnaie": "Cent", "D_CodeISO": "USD", "D_Sigle": "$", "D_CodeISONum": "840"},
    {"cbIndice": 3, "D_Intitule": "Livre sterling", "D_Format": "£#,##0.00", "D_Cours": D("0.846000"),
     "D_Monnaie": "Livre", "D_SousMonnaie": "Penny", "D_CodeISO": "GBP", "D_Sigle": "£", "D_CodeISONum": "826"},
]

P_EXPEDITION = [
    {"cbIndice": 1, "E_Intitule": "Colissimo", "E_Mode": "COL", "AR_Ref": "PORTCOL",
     "E_ValFrais": D("6.90"), "E_TypeLigneFrais": 1, "E_ValFranco": D("150")},
    {"cbIndice": 2, "E_Intitule": "Chronopost 24h", "E_Mode": "CHR", "AR_Ref": "PORTCHR",
     "E_ValFrais": D("14.90"), "E_TypeLigneFrais": 1},
    {"cbIndice": 3, "E_Intitule": "Retrait en magasin", "E_Mode": "MAG", "AR_Ref": "PORTMAG"},
]

P_CONDLIVR = [
    {"cbIndice": 1, "C_Intitule": "Franco de port", "C_Mode": "FRA"},
    {"cbIndice": 2, "C_Intitule": "Port dû", "C_Mode": "DU"},
]

P_REGLEMENT = [
    {"cbIndice": 1, "R_Intitule": "Carte bancaire", "R_Code": "CB"},
    {"cbIndice": 2, "R_Intitule": "Chèque", "R_Code": "CHQ"},
    {"cbIndice": 3, "R_Intitule": "Virement", "R_Code": "VIR"},
    {"cbIndice": 4, "R_Intitule": "PayPal", "R_Code": "PPL"},
]

P_CRISQUE = [
    {"cbIndice": 1, "R_Intitule": "Livrer", "R_Type": 0, "R_Min": D("0"), "R_Max": D("0")},
    {"cbIndice": 2, "R_Intitule": "Surveiller", "R_Type": 1, "R_Min": D("0"), "R_Max": D("0")},
    {"cbIndice": 3, "R_Intitule": "Bloquer", "R_Type": 2, "R_Min": D("0"), "R_Max": D("0")},
]

P_UNITE = [
    {"cbIndice": 1, "U_Intitule": "Pièce", "U_NbUnite": D("1")},
    {"cbIndice": 2, "U_Intitule": "Paire", "U_NbUnite": D("2")},
    {"cbIndice": 3, "U_Intitule": "Mètre", "U_NbUnite": D("1")},
    {"cbIndice": 4, "U_Intitule": "Flacon", "U_NbUnite": D("1")},
]

P_SOUCHEVENTE = [
    {"cbIndice": 1, "S_Intitule": "N° Pièce", "S_Valide": 1, "JO_Num": "VTE"},
    {"cbIndice": 2, "S_Intitule": "Ventes web", "S_Valide": 1, "JO_Num": "VTE"},
]

P_GAMME = [
    {"cbIndice": 1, "G_Intitule": "Couleur", "G_Type": 0},
    {"cbIndice": 2, "G_Intitule": "Taille", "G_Type": 0},
    {"cbIndice": 3, "G_Intitule": "Métal", "G_Type": 0},
]

P_CONDITIONNEMENT = [
    {"cbIndice": 1, "P_Conditionnement": "Ecrin"},
    {"cbIndice": 2, "P_Conditionnement": "Carton"},
]

F_PAYS = [
    {"PA_Intitule": "France", "PA_Code": "FRA", "PA_CodeISO2": "FR", "PA_SEPA": 1},
    {"PA_Intitule": "Belgique", "PA_Code": "BEL", "PA_CodeISO2": "BE", "PA_SEPA": 1},
    {"PA_Intitule": "Suisse", "PA_Code": "CHE", "PA_CodeISO2": "CH", "PA_SEPA": 1},
    {"PA_Intitule": "Allemagne", "PA_Code": "DEU", "PA_CodeISO2": "DE", "PA_SEPA": 1},
    {"PA_Intitule": "Espagne", "PA_Code": "ESP", "PA_CodeISO2": "ES", "PA_SEPA": 1},
    {"PA_Intitule": "Royaume-Uni", "PA_Code": "GBR", "PA_CodeISO2": "GB", "PA_SEPA": 1},
    {"PA_Intitule": "États-Unis", "PA_Code": "USA", "PA_CodeISO2": "US", "PA_SEPA": 0},
]

# ------------------------------------------------------------------------- taxes

F_TAXE = [
    {"TA_No": 1, "TA_Code": "C20", "TA_Intitule": "TVA collectée 20 %", "TA_TTaux": 0, "TA_Taux": D("20"),
     "CG_Num": "4457120", "TA_Sens": 1},
    {"TA_No": 2, "TA_Code": "C10", "TA_Intitule": "TVA collectée 10 %", "TA_TTaux": 0, "TA_Taux": D("10"),
     "CG_Num": "4457110", "TA_Sens": 1},
    {"TA_No": 3, "TA_Code": "C55", "TA_Intitule": "TVA collectée 5,5 %", "TA_TTaux": 0, "TA_Taux": D("5.5"),
     "CG_Num": "4457105", "TA_Sens": 1},
    {"TA_No": 4, "TA_Code": "C00", "TA_Intitule": "Exonération export 0 %", "TA_TTaux": 0, "TA_Taux": D("0"),
     "CG_Num": "4457100", "TA_Sens": 1},
    {"TA_No": 5, "TA_Code": "UE0", "TA_Intitule": "Livraison intracommunautaire 0 %", "TA_TTaux": 0,
     "TA_Taux": D("0"), "CG_Num": "4457100", "TA_Sens": 1},
    # Eco-tax (éco-participation DEEE): a flat amount per unit (TA_TTaux 1), parafiscal tax.
    {"TA_No": 6, "TA_Code": "ECO", "TA_Intitule": "Éco-participation DEEE", "TA_TTaux": 1, "TA_Taux": D("0.50"),
     "TA_Type": 2, "CG_Num": "4458000", "TA_Sens": 1},
]

TAX_RATES = {row["TA_Code"]: row["TA_Taux"] for row in F_TAXE if row["TA_TTaux"] == 0}

# Sales accounts and VAT code per accounting category (ACP_Champ / FCP_Champ).
SALES_ACCOUNTS = {1: "7071000", 2: "7072000", 3: "7073000"}
CATEGORY_TAX = {2: "C00", 3: "UE0"}  # export and intra-EU sales carry no French VAT

# ------------------------------------------------------------- families, catalogue

F_FAMILLE = [
    {"FA_CodeFamille": "BAGUES", "FA_Intitule": "Bagues", "FA_Publie": 1, "FA_Garantie": 24},
    {"FA_CodeFamille": "CHAINES", "FA_Intitule": "Chaînes", "FA_Publie": 1, "FA_Garantie": 12},
    {"FA_CodeFamille": "BRACELETS", "FA_Intitule": "Bracelets et broches", "FA_Publie": 1},
    {"FA_CodeFamille": "BOUCLES", "FA_Intitule": "Boucles d'oreilles", "FA_Publie": 1},
    {"FA_CodeFamille": "MONTRES", "FA_Intitule": "Montres", "FA_Publie": 1, "FA_Garantie": 24},
    {"FA_CodeFamille": "PANTALONS", "FA_Intitule": "Pantalons", "FA_Publie": 1, "FA_UnitePoids": 2},
    {"FA_CodeFamille": "CADEAUX", "FA_Intitule": "Idées cadeaux", "FA_Publie": 1},
    {"FA_CodeFamille": "ENTRETIEN", "FA_Intitule": "Entretien des bijoux", "FA_Publie": 1, "FA_SuiviStock": 5},
    {"FA_CodeFamille": "EMBALLAGES", "FA_Intitule": "Écrins et emballages", "FA_Publie": 0},
    {"FA_CodeFamille": "SERVICES", "FA_Intitule": "Services atelier", "FA_Publie": 1, "FA_SuiviStock": 0},
    {"FA_CodeFamille": "SPECIAUX", "FA_Intitule": "Articles spéciaux (frais, remises)", "FA_Publie": 0,
     "FA_SuiviStock": 0},
]

# CL_Niveau 0..3 = the article's CL_No1..CL_No4.
F_CATALOGUE = [
    {"CL_No": 1, "CL_Intitule": "Bijouterie", "CL_Code": "BIJ", "CL_NoParent": 0, "CL_Niveau": 0},
    {"CL_No": 2, "CL_Intitule": "Or", "CL_Code": "OR", "CL_NoParent": 1, "CL_Niveau": 1},
    {"CL_No": 3, "CL_Intitule": "Argent", "CL_Code": "AR", "CL_NoParent": 1, "CL_Niveau": 1},
    {"CL_No": 4, "CL_Intitule": "Bagues or", "CL_Code": "BGO", "CL_NoParent": 2, "CL_Niveau": 2},
    {"CL_No": 5, "CL_Intitule": "Chaînes or", "CL_Code": "CHO", "CL_NoParent": 2, "CL_Niveau": 2},
    {"CL_No": 6, "CL_Intitule": "Chaînes argent", "CL_Code": "CHA", "CL_NoParent": 3, "CL_Niveau": 2},
    {"CL_No": 7, "CL_Intitule": "Solitaires", "CL_Code": "SOL", "CL_NoParent": 4, "CL_Niveau": 3},
    {"CL_No": 8, "CL_Intitule": "Mailles forçat", "CL_Code": "FOR", "CL_NoParent": 5, "CL_Niveau": 3},
    {"CL_No": 9, "CL_Intitule": "Mailles fines", "CL_Code": "FIN", "CL_NoParent": 6, "CL_Niveau": 3},
    {"CL_No": 10, "CL_Intitule": "Mode", "CL_Code": "MOD", "CL_NoParent": 0, "CL_Niveau": 0},
    {"CL_No": 11, "CL_Intitule": "Pantalons", "CL_Code": "PAN", "CL_NoParent": 10, "CL_Niveau": 1},
    {"CL_No": 12, "CL_Intitule": "Pantalons femme", "CL_Code": "PFE", "CL_NoParent": 11, "CL_Niveau": 2},
    {"CL_No": 13, "CL_Intitule": "Toile de coton", "CL_Code": "TOI", "CL_NoParent": 12, "CL_Niveau": 3},
    {"CL_No": 14, "CL_Intitule": "Cadeaux", "CL_Code": "CAD", "CL_NoParent": 0, "CL_Niveau": 0},
    {"CL_No": 15, "CL_Intitule": "Montres", "CL_Code": "MON", "CL_NoParent": 14, "CL_Niveau": 1},
]

F_DEPOT = [
    {"DE_No": 1, "DE_Intitule": "Dépôt principal Paris", "DE_Code": "PARIS", "DE_Principal": 1,
     "DE_Adresse": "12 rue de la Paix", "DE_CodePostal": "75002", "DE_Ville": "Paris", "DE_Pays": "France"},
    {"DE_No": 2, "DE_Intitule": "Boutique Lyon", "DE_Code": "LYON", "DE_Principal": 0,
     "DE_Adresse": "8 place Bellecour", "DE_CodePostal": "69002", "DE_Ville": "Lyon", "DE_Pays": "France"},
]

# ---------------------------------------------------------------------- articles

# Defaults of every article unless it says otherwise: sold by the piece, CMUP stock,
# published, weights in grams, VAT from the family's F_FAMCOMPTA rows.
ARTICLE_DEFAULTS = {
    "AR_UniteVen": 1,
    "AR_SuiviStock": 2,
    "AR_Publie": 1,
    "AR_UnitePoids": 3,
    "AR_Coef": D("0"),
    "AR_DateCreation": CREATED,
    "AR_DateModif": MODIFIED,
    "AR_Pays": "France",
}

_PANTS = [
    # (reference, colour, size, price, barcode digits)
    ("PANBLEU38", "Bleu", "38", D("59"), "376012345201"),
    ("PANBLEU40", "Bleu", "40", D("59"), "376012345202"),
    ("PANBLEU42", "Bleu", "42", D("59"), "376012345203"),
    ("PANROUGE38", "Rouge", "38", D("62"), "376012345204"),
    ("PANROUGE40", "Rouge", "40", D("62"), "376012345205"),
    ("PANROUGE42", "Rouge", "42", D("62"), "376012345206"),
]

F_ARTICLE = [
    {"AR_Ref": "BAOR01", "AR_Design": "Bague or 18 carats solitaire", "FA_CodeFamille": "BAGUES",
     "AR_PrixAch": D("180"), "AR_PrixVen": D("450"), "AR_PoidsNet": D("4.5"), "AR_PoidsBrut": D("12"),
     "AR_Garantie": 24, "AR_CodeBarre": ean13("376012345001"), "AR_Photo": ".\\Multimedia\\BAOR01.jpg",
     "AR_Langue1": "18-carat gold solitaire ring", "CL_No1": 1, "CL_No2": 2, "CL_No3": 4, "CL_No4": 7,
     "CO_No": 1, "LibelleWeb": "Bague solitaire en or jaune 18 carats", "Marque": "Maison Bijou",
     "CategoriesSupp": "Nouveautés,Promotions", "Largeur": D("2.1"), "Hauteur": D("2.3"),
     "Profondeur": D("0.6"), "AR_Stat01": "Or"},
    {"AR_Ref": "CHAAR/VAR", "AR_Design": "Chaîne argent maille gourmette", "FA_CodeFamille": "CHAINES",
     "AR_Type": 1, "AR_Gamme1": 2, "AR_PrixAch": D("22"), "AR_PrixVen": D("59"), "AR_PoidsNet": D("6"),
     "AR_PoidsBrut": D("9"), "AR_CodeBarre": ean13("376012345002"), "CL_No1": 1, "CL_No2": 3, "CL_No3": 6,
     "CL_No4": 9, "LibelleWeb": "Chaîne gourmette en argent 925", "Marque": "Maison Bijou",
     "AR_Stat01": "Argent"},
    {"AR_Ref": "CHAOR42", "AR_Design": "Chaîne or maille forçat 42 cm", "FA_CodeFamille": "CHAINES",
     "AR_PrixAch": D("260"), "AR_PrixVen": D("620"), "AR_PoidsNet": D("8.2"), "AR_PoidsBrut": D("15"),
     "AR_Garantie": 12, "AR_CodeBarre": ean13("376012345003"), "AR_Photo": ".\\Multimedia\\CHAOR42.jpg",
     "CL_No1": 1, "CL_No2": 2, "CL_No3": 5, "CL_No4": 8, "LibelleWeb": "Chaîne forçat or 18 carats 42 cm",
     "Marque": "Maison Bijou", "Largeur": D("0.3"), "Hauteur": D("42"), "Profondeur": D("0.2"),
     "AR_Stat01": "Or"},
    {"AR_Ref": "CHORFA", "AR_Design": "Chaîne or fantaisie", "FA_CodeFamille": "CHAINES",
     "AR_PrixAch": D("140"), "AR_PrixVen": D("349"), "AR_PoidsNet": D("5.4"), "AR_PoidsBrut": D("11"),
     "AR_CodeBarre": ean13("376012345004"), "CL_No1": 1, "CL_No2": 2, "CL_No3": 5,
     "LibelleWeb": "Chaîne fantaisie or jaune", "Marque": "Atelier Lumière", "CategoriesSupp": "Nouveautés",
     "AR_Stat01": "Or"},
    {"AR_Ref": "CHSR10", "AR_Design": "Chaîne serpent rhodiée 45 cm", "FA_CodeFamille": "CHAINES",
     "AR_PrixAch": D("18"), "AR_PrixVen": D("45"), "AR_PoidsNet": D("3.1"), "AR_PoidsBrut": D("6"),
     "AR_CodeBarre": ean13("376012345005"), "CL_No1": 1, "CL_No2": 3, "CL_No3": 6, "CL_No4": 9,
     "LibelleWeb": "Chaîne serpent argent rhodié", "Marque": "Atelier Lumière", "AR_Stat01": "Argent"},
    *[
        {"AR_Ref": ref, "AR_Design": f"Pantalon toile {colour.lower()} T{size}", "FA_CodeFamille": "PANTALONS",
         "AR_PrixAch": price * D("0.36"), "AR_PrixVen": price, "AR_UnitePoids": 2, "AR_PoidsNet": D("0.45"),
         "AR_PoidsBrut": D("0.5"), "AR_CodeBarre": ean13(digits), "CL_No1": 10, "CL_No2": 11, "CL_No3": 12,
         "CL_No4": 13, "RefMaitre": "Pantalon", "Gamme1Nom": "Couleur", "Gamme1Valeur": colour,
         "Gamme2Nom": "Taille", "Gamme2Valeur": size, "LibelleWeb": "Pantalon en toile de coton",
         "Marque": "Bijou Mode"}
        for ref, colour, size, price, digits in _PANTS
    ],
    {"AR_Ref": "BOAR12", "AR_Design": "Boucles d'oreilles créoles argent", "FA_CodeFamille": "BOUCLES",
     "AR_UniteVen": 2, "AR_Condition": 1, "AR_PrixAch": D("9"), "AR_PrixVen": D("25"), "AR_UnitePoids": 4,
     "AR_PoidsNet": D("1800"), "AR_PoidsBrut": D("2500"), "AR_CodeBarre": ean13("376012345010"),
     "CL_No1": 1, "CL_No2": 3, "LibelleWeb": "Créoles en argent 925", "Marque": "Maison Bijou",
     "AR_Stat01": "Argent"},
    {"AR_Ref": "PARURE01", "AR_Design": "Parure or : bague et chaîne en écrin", "FA_CodeFamille": "CADEAUX",
     "AR_Nomencl": 2, "AR_PrixVen": D("990"), "AR_PoidsNet": D("12.7"), "AR_PoidsBrut": D("60"),
     "AR_CodeBarre": ean13("376012345011"), "CL_No1": 14, "LibelleWeb": "Parure or 18 carats",
     "Marque": "Maison Bijou", "CategoriesSupp": "Promotions"},
    {"AR_Ref": "NETARG", "AR_Design": "Nettoyant bijoux argent 250 ml", "FA_CodeFamille": "ENTRETIEN",
     "AR_SuiviStock": 5, "AR_UniteVen": 4, "AR_PrixAch": D("3.20"), "AR_PrixVen": D("8.90"),
     "AR_UnitePoids": 2, "AR_PoidsNet": D("0.28"), "AR_PoidsBrut": D("0.31"),
     "AR_DelaiPeremption": 730, "AR_CodeBarre": ean13("376012345012"), "LibelleWeb": "Bain nettoyant argent",
     "Marque": "Brillance"},
    {"AR_Ref": "GRAVURE", "AR_Design": "Gravure personnalisée", "FA_CodeFamille": "SERVICES",
     "AR_SuiviStock": 0, "AR_PrixVen": D("15"), "AR_SaisieVar": 1, "LibelleWeb": "Gravure de votre message"},
    {"AR_Ref": "BAPL05", "AR_Design": "Bague platine diamant sur commande", "FA_CodeFamille": "BAGUES",
     "AR_Contremarque": 1, "AR_PrixAch": D("700"), "AR_PrixVen": D("1490"), "AR_PoidsNet": D("6.2"),
     "AR_PoidsBrut": D("14"), "AR_Delai": 21, "AR_CodeBarre": ean13("376012345013"), "CL_No1": 1,
     "LibelleWeb": "Bague platine et diamant", "Marque": "Maison Bijou"},
    {"AR_Ref": "BROR02", "AR_Design": "Broche or ancienne collection", "FA_CodeFamille": "BRACELETS",
     "AR_Sommeil": 1, "AR_PrixAch": D("150"), "AR_PrixVen": D("380"), "AR_PoidsNet": D("7")},
    {"AR_Ref": "BRAR03", "AR_Design": "Bracelet jonc argent", "FA_CodeFamille": "BRACELETS",
     "AR_Publie": 0, "AR_PrixAch": D("30"), "AR_PrixVen": D("79"), "AR_PoidsNet": D("18"),
     "AR_CodeBarre": ean13("376012345014")},
    {"AR_Ref": "BOOR07", "AR_Design": "Boucles d'oreilles or et perles", "FA_CodeFamille": "BOUCLES",
     "AR_UniteVen": 2, "AR_PrixTTC": 1, "AR_PrixAch": D("45"), "AR_PrixVen": D("119"), "AR_PoidsNet": D("3.4"),
     "AR_CodeBarre": ean13("376012345015"), "CL_No1": 1, "CL_No2": 2, "LibelleWeb": "Boucles or et perles",
     "Marque": "Atelier Lumière"},
    {"AR_Ref": "MONTRE01", "AR_Design": "Montre quartz bracelet cuir", "FA_CodeFamille": "MONTRES",
     "AR_PrixAch": D("32"), "AR_PrixVen": D("89"), "AR_PoidsNet": D("65"), "AR_PoidsBrut": D("140"),
     "AR_Garantie": 24, "AR_CodeBarre": ean13("376012345016"), "CL_No1": 14, "CL_No2": 15,
     "LibelleWeb": "Montre quartz cuir", "Marque": "Swiss Time"},
    {"AR_Ref": "FLEUR01", "AR_Design": "Bouquet de roses fraîches", "FA_CodeFamille": "CADEAUX",
     "AR_SuiviStock": 0, "AR_PrixVen": D("25"), "AR_UnitePoids": 2, "AR_PoidsNet": D("0.6"), "CL_No1": 14,
     "LibelleWeb": "Bouquet de roses"},
    {"AR_Ref": "LIVRE01", "AR_Design": "Livre : l'art de la joaillerie", "FA_CodeFamille": "CADEAUX",
     "AR_PrixAch": D("18"), "AR_PrixVen": D("32"), "AR_UnitePoids": 2, "AR_PoidsNet": D("0.9"),
     "AR_CodeBarre": "9782070360024", "CL_No1": 14, "LibelleWeb": "L'art de la joaillerie (livre)"},
    {"AR_Ref": "ETUI01", "AR_Design": "Étui cadeau velours", "FA_CodeFamille": "EMBALLAGES",
     "AR_Publie": 0, "AR_PrixAch": D("2.50"), "AR_PrixVen": D("6.50"), "AR_PoidsNet": D("40")},
    # Special articles used by the order import (SPEC §3.6).
    *[
        {"AR_Ref": ref, "AR_Design": design, "FA_CodeFamille": "SPECIAUX", "AR_SuiviStock": 0, "AR_Publie": 0,
         "AR_PrixVen": price, "AR_SaisieVar": 1}
        for ref, design, price in [
            ("DIVERS", "Article divers", D("0")),
            ("ECART", "Écart de règlement / arrondi", D("0")),
            ("EMBALLAGE", "Emballage cadeau", D("4.50")),
            ("PORT", "Frais de port", D("0")),
            ("PORTCOL", "Frais de port Colissimo", D("5.75")),
            ("PORTCHR", "Frais de port Chronopost", D("12.42")),
            ("PORTMAG", "Retrait en magasin", D("0")),
            ("REMISE20", "Remise (TVA 20 %)", D("0")),
            ("REMISE10", "Remise (TVA 10 %)", D("0")),
            ("REMISE55", "Remise (TVA 5,5 %)", D("0")),
            ("REMISE0", "Remise (exonérée)", D("0")),
        ]
    ],
]

# VAT code of each article for the national category, when not the family's C20.
ARTICLE_VAT = {"FLEUR01": "C10", "LIVRE01": "C55", "REMISE10": "C10", "REMISE55": "C55", "REMISE0": "C00"}
# Articles with their own F_ARTCOMPTA rows (the others fall back to F_FAMCOMPTA).
ARTICLES_WITH_OWN_TAXES = ["BAOR01", "MONTRE01", "FLEUR01", "LIVRE01", "REMISE10", "REMISE55", "REMISE0"]
# Second tax slot (ACP_ComptaCPT_Taxe2): the eco-tax.
ARTICLE_ECOTAX = {"MONTRE01": "ECO"}

# ------------------------------------------------------------- ranges (gammes)

F_ENUMGAMME = [
    *[{"EG_Champ": 1, "EG_Ligne": n, "EG_Enumere": v} for n, v in enumerate(["Bleu", "Rouge", "Blanc", "Noir"], 1)],
    *[{"EG_Champ": 2, "EG_Ligne": n, "EG_Enumere": v}
      for n, v in enumerate(["38", "40", "42", "40 cm", "45 cm", "50 cm"], 1)],
    *[{"EG_Champ": 3, "EG_Ligne": n, "EG_Enumere": v}
      for n, v in enumerate(["Or jaune", "Or blanc", "Argent", "Platine"], 1)],
]

# CHAAR/VAR: one axis (AR_Gamme1 = 2 "Taille"), three lengths.
F_ARTGAMME = [
    {"AR_Ref": "CHAAR/VAR", "AG_No": 1, "EG_Enumere": "40 cm", "AG_Type": 0},
    {"AR_Ref": "CHAAR/VAR", "AG_No": 2, "EG_Enumere": "45 cm", "AG_Type": 0},
    {"AR_Ref": "CHAAR/VAR", "AG_No": 3, "EG_Enumere": "50 cm", "AG_Type": 0},
]

F_ARTENUMREF = [
    {"AR_Ref": "CHAAR/VAR", "AG_No1": 1, "AE_Ref": "CHAAR/VAR40", "AE_PrixAch": D("20"),
     "AE_CodeBarre": ean13("376012345101")},
    {"AR_Ref": "CHAAR/VAR", "AG_No1": 2, "AE_Ref": "CHAAR/VAR45", "AE_PrixAch": D("22"),
     "AE_CodeBarre": ean13("376012345102")},
    {"AR_Ref": "CHAAR/VAR", "AG_No1": 3, "AE_Ref": "CHAAR/VAR50", "AE_PrixAch": D("24"),
     "AE_CodeBarre": ean13("376012345103")},
]

# Stock per variant and warehouse; F_ARTSTOCK of CHAAR/VAR is their sum.
F_GAMSTOCK = [
    {"AR_Ref": "CHAAR/VAR", "AG_No1": 1, "DE_No": 1, "GS_QteSto": D("20"), "GS_QteRes": D("2")},
    {"AR_Ref": "CHAAR/VAR", "AG_No1": 2, "DE_No": 1, "GS_QteSto": D("15"), "GS_QteRes": D("1"),
     "GS_QteCom": D("10")},
    {"AR_Ref": "CHAAR/VAR", "AG_No1": 3, "DE_No": 1, "GS_QteSto": D("0"), "GS_QteCom": D("5")},
    {"AR_Ref": "CHAAR/VAR", "AG_No1": 1, "DE_No": 2, "GS_QteSto": D("4")},
    {"AR_Ref": "CHAAR/VAR", "AG_No1": 2, "DE_No": 2, "GS_QteSto": D("2")},
    {"AR_Ref": "CHAAR/VAR", "AG_No1": 3, "DE_No": 2, "GS_QteSto": D("1")},
]

# Variant prices per price category.
F_TARIFGAM = [
    {"AR_Ref": "CHAAR/VAR", "TG_RefCF": category_code(1), "AG_No1": 1, "TG_Prix": D("45")},
    {"AR_Ref": "CHAAR/VAR", "TG_RefCF": category_code(1), "AG_No1": 2, "TG_Prix": D("47")},
    {"AR_Ref": "CHAAR/VAR", "TG_RefCF": category_code(1), "AG_No1": 3, "TG_Prix": D("49")},
    {"AR_Ref": "CHAAR/VAR", "TG_RefCF": category_code(2), "AG_No1": 1, "TG_Prix": D("52")},
    {"AR_Ref": "CHAAR/VAR", "TG_RefCF": category_code(2), "AG_No1": 2, "TG_Prix": D("54")},
    {"AR_Ref": "CHAAR/VAR", "TG_RefCF": category_code(2), "AG_No1": 3, "TG_Prix": D("56")},
]

# ------------------------------------------------------------------- packagings

F_CONDITION = [
    {"AR_Ref": "BOAR12", "CO_No": 1, "EC_Enumere": "Ecrin de 4", "EC_Quantite": D("4"), "CO_Ref": "BOAR12-E4",
     "CO_CodeBarre": ean13("376012345301"), "CO_Principal": 1},
    {"AR_Ref": "BOAR12", "CO_No": 2, "EC_Enumere": "Ecrin de 12", "EC_Quantite": D("12"), "CO_Ref": None},
    {"AR_Ref": "BOAR12", "CO_No": 3, "EC_Enumere": "Ecrin de 24", "EC_Quantite": D("24"), "CO_Ref": "BOAR12-E24",
     "CO_CodeBarre": ean13("376012345303")},
]

# Price of one whole packaging, per price category.
F_TARIFCOND = [
    {"AR_Ref": "BOAR12", "TC_RefCF": category_code(1), "CO_No": 1, "TC_Prix": D("78")},
    {"AR_Ref": "BOAR12", "TC_RefCF": category_code(1), "CO_No": 2, "TC_Prix": D("222")},
    {"AR_Ref": "BOAR12", "TC_RefCF": category_code(1), "CO_No": 3, "TC_Prix": D("420")},
    {"AR_Ref": "BOAR12", "TC_RefCF": category_code(2), "CO_No": 1, "TC_Prix": D("90")},
]

# ------------------------------------------------------------ bill of materials

F_NOMENCLAT = [
    {"AR_Ref": "PARURE01", "NO_RefDet": "BAOR01", "NO_Qte": D("1"), "NO_Ordre": 1},
    {"AR_Ref": "PARURE01", "NO_RefDet": "CHAOR42", "NO_Qte": D("1"), "NO_Ordre": 2},
    {"AR_Ref": "PARURE01", "NO_RefDet": "ETUI01", "NO_Qte": D("1"), "NO_Ordre": 3},
]

# ------------------------------------------------------------------------ stock

# (reference, warehouse, Sto, Res, Com, Prepa, ResCM, ComCM); range articles come
# from F_GAMSTOCK; non-stock-managed articles (AR_SuiviStock 0) have no row.
STOCK = [
    ("BAOR01", 1, D("12"), D("2"), D("5"), D("1"), D("0"), D("0")),
    ("BAOR01", 2, D("3"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("CHAOR42", 1, D("50"), D("8"), D("20"), D("3"), D("2"), D("1")),
    ("CHAOR42", 2, D("10"), D("0"), D("5"), D("0"), D("0"), D("0")),
    ("CHORFA", 1, D("7"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("CHSR10", 1, D("-3"), D("2"), D("10"), D("0"), D("0"), D("0")),
    ("CHSR10", 2, D("1"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("PANBLEU38", 1, D("5"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("PANBLEU40", 1, D("0"), D("0"), D("10"), D("0"), D("0"), D("0")),
    ("PANBLEU42", 1, D("8"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("PANROUGE38", 1, D("2"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("PANROUGE40", 1, D("6"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("PANROUGE42", 1, D("0"), D("0"), D("8"), D("0"), D("0"), D("0")),
    ("BOAR12", 1, D("250"), D("24"), D("0"), D("0"), D("0"), D("0")),
    ("PARURE01", 1, D("0"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("NETARG", 1, D("102"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("BAPL05", 1, D("0"), D("0"), D("0"), D("0"), D("1"), D("1")),
    ("BROR02", 1, D("1"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("BRAR03", 1, D("9"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("BOOR07", 1, D("6"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("MONTRE01", 1, D("18"), D("0"), D("6"), D("0"), D("0"), D("0")),
    ("MONTRE01", 2, D("4"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("LIVRE01", 1, D("25"), D("0"), D("0"), D("0"), D("0"), D("0")),
    ("ETUI01", 1, D("300"), D("0"), D("0"), D("0"), D("0"), D("0")),
]

# Lots of NETARG (AR_SuiviStock 5), main warehouse: the oldest lot is not the one that
# expires first, and one lot is exhausted. Remaining quantities add up to AS_QteSto (102).
F_LOTSERIE = [
    {"AR_Ref": "NETARG", "LS_NoSerie": "LOT2511", "LS_Fabrication": day(2025, 11, 3),
     "LS_Peremption": day(2027, 11, 3), "LS_Qte": D("30"), "LS_QteRestant": D("0"), "LS_LotEpuise": 1, "DE_No": 1},
    {"AR_Ref": "NETARG", "LS_NoSerie": "LOT2601", "LS_Fabrication": day(2026, 1, 15),
     "LS_Peremption": day(2028, 1, 15), "LS_Qte": D("40"), "LS_QteRestant": D("12"), "DE_No": 1},
    {"AR_Ref": "NETARG", "LS_NoSerie": "LOT2604", "LS_Fabrication": day(2026, 4, 10),
     "LS_Peremption": day(2027, 10, 10), "LS_Qte": D("50"), "LS_QteRestant": D("30"), "DE_No": 1},
    {"AR_Ref": "NETARG", "LS_NoSerie": "LOT2609", "LS_Fabrication": day(2026, 9, 1),
     "LS_Peremption": day(2028, 9, 1), "LS_Qte": D("60"), "LS_QteRestant": D("60"), "DE_No": 1},
]

# ------------------------------------------------------------------------ prices

# Category prices (AC_Categorie = slot, CT_Num NULL) and customer prices (AC_Categorie 0).
F_ARTCLIENT = [
    {"AR_Ref": "BAOR01", "AC_Categorie": 1, "AC_PrixVen": D("360")},
    {"AR_Ref": "BAOR01", "AC_Categorie": 2, "AC_PrixVen": D("405"), "AC_QteMont": 1},
    {"AR_Ref": "BAOR01", "AC_Categorie": 3, "AC_PrixVen": D("540"), "AC_PrixTTC": 1},
    {"AR_Ref": "CHAOR42", "AC_Categorie": 1, "AC_PrixVen": D("496")},
    {"AR_Ref": "CHAOR42", "AC_Categorie": 2, "AC_PrixVen": D("620"), "AC_Remise": D("10")},
    {"AR_Ref": "CHSR10", "AC_Categorie": 1, "AC_PrixVen": D("36")},
    {"AR_Ref": "BOAR12", "AC_Categorie": 1, "AC_PrixVen": D("20")},
    {"AR_Ref": "BAOR01", "AC_Categorie": 0, "CT_Num": "TOPAZ", "AC_PrixVen": D("390"),
     "AC_RefClient": "TOP-BAG-18"},
    {"AR_Ref": "CHORFA", "AC_Categorie": 0, "CT_Num": "TOPAZ", "AC_PrixVen": D("349"), "AC_Remise": D("5")},
]

# Quantity breaks: BAOR01 for "Détaillants" (net price up to TQ_BorneSup units), and a
# percent discount for TOPAZ on CHAOR42 from the 3rd unit.
F_TARIFQTE = [
    {"AR_Ref": "BAOR01", "TQ_RefCF": category_code(2), "TQ_BorneSup": D("4"), "TQ_PrixNet": D("405")},
    {"AR_Ref": "BAOR01", "TQ_RefCF": category_code(2), "TQ_BorneSup": D("9"), "TQ_PrixNet": D("390")},
    {"AR_Ref": "BAOR01", "TQ_RefCF": category_code(2), "TQ_BorneSup": D("999999"), "TQ_PrixNet": D("375")},
    {"AR_Ref": "CHAOR42", "TQ_RefCF": "TOPAZ", "TQ_BorneSup": D("2"), "TQ_PrixNet": D("0")},
    {"AR_Ref": "CHAOR42", "TQ_RefCF": "TOPAZ", "TQ_BorneSup": D("999999"), "TQ_Remise01REM_Valeur": D("5"),
     "TQ_Remise01REM_Type": 1},
]

F_FAMTARIF = [
    {"FA_CodeFamille": "BAGUES", "FT_Categorie": 1, "FT_Coef": D("2")},
    {"FA_CodeFamille": "BAGUES", "FT_Categorie": 2, "FT_Coef": D("2.25")},
]

F_FAMCLIENT = [
    {"FA_CodeFamille": "CHAINES", "CT_Num": "TOPAZ", "FC_Remise": D("3")},
]

# --------------------------------------------------------------- third parties

F_COLLABORATEUR = [
    {"CO_No": 1, "CO_Nom": "MARTIN", "CO_Prenom": "Claire", "CO_Fonction": "Commerciale Rhône-Alpes",
     "CO_Vendeur": 1, "CO_EMail": "claire.martin@bijou-demo.fr", "CO_Telephone": "04 78 00 00 01"},
    {"CO_No": 2, "CO_Nom": "PETIT", "CO_Prenom": "Antoine", "CO_Fonction": "Commercial Sud",
     "CO_Vendeur": 1, "CO_EMail": "antoine.petit@bijou-demo.fr"},
    {"CO_No": 3, "CO_Nom": "ROUX", "CO_Prenom": "Nadia", "CO_Fonction": "Caissière", "CO_Caissier": 1},
]

_CUSTOMER_DEFAULTS = {"CT_Type": 0, "CG_NumPrinc": "4110000", "N_CatCompta": 1, "N_Risque": 1, "N_Expedition": 1,
                      "N_Condition": 1, "CT_Facture": 1, "CT_Langue": 0, "CT_Lettrage": 1, "DE_No": 1,
                      "CT_DateCreate": CREATED, "CT_Pays": "France", "CT_LangueISO2": "FR"}
_SUPPLIER_DEFAULTS = {**_CUSTOMER_DEFAULTS, "CT_Type": 1, "CG_NumPrinc": "4010000", "N_CatTarif": 0}

F_COMPTET = [
    {**_CUSTOMER_DEFAULTS, "CT_Num": "TOPAZ", "CT_Intitule": "Bijouterie Topaz", "CT_Classement": "TOPAZ",
     "CT_Qualite": "Détaillant", "CT_Contact": "Marie Lefèvre", "CT_Adresse": "15 rue de la République",
     "CT_Complement": "2e étage", "CT_CodePostal": "69002", "CT_Ville": "Lyon", "CT_CodeRegion": "Rhône",
     "CT_Telephone": "04 78 42 10 20", "CT_Telecopie": "04 78 42 10 21", "CT_EMail": "contact@bijouterie-topaz.fr",
     "CT_Site": "https://www.bijouterie-topaz.fr", "CT_Siret": "48271635900027", "CT_Identifiant": "FR58482716359",
     "CT_Ape": "4777Z", "CT_Encours": D("15000"), "CT_Assurance": D("10000"), "CT_NumPayeur": "TOPAZ",
     "N_CatTarif": 2, "CO_No": 1, "CT_Taux02": D("2"), "CT_LivrPartielle": 1, "CompteWeb": "topaz-lyon",
     "CT_Statistique01": "Rhône-Alpes"},
    {**_CUSTOMER_DEFAULTS, "CT_Num": "GROSSOR", "CT_Intitule": "Or & Argent Diffusion",
     "CT_Classement": "OR ARGENT", "CT_Qualite": "Grossiste", "CT_Contact": "Sophie Bernard",
     "CT_Adresse": "220 boulevard National", "CT_CodePostal": "13003", "CT_Ville": "Marseille",
     "CT_Telephone": "04 91 50 60 70", "CT_EMail": "achats@or-argent-diffusion.fr", "CT_Siret": "51234987600031",
     "CT_Identifiant": "FR12512349876", "CT_Encours": D("5000"), "CT_NumPayeur": "GROSSOR", "N_CatTarif": 1,
     "CO_No": 2, "N_Risque": 2, "CT_BLFact": 1, "N_Expedition": 2},
    {**_CUSTOMER_DEFAULTS, "CT_Num": "COMPTOIR", "CT_Intitule": "Clients comptoir", "CT_Classement": "COMPTOIR",
     "CT_Adresse": "12 rue de la Paix", "CT_CodePostal": "75002", "CT_Ville": "Paris",
     "CT_EMail": "comptoir@bijou-demo.fr", "CT_NumPayeur": "COMPTOIR", "N_CatTarif": 3, "N_Expedition": 3},
    {**_CUSTOMER_DEFAULTS, "CT_Num": "ANCIEN", "CT_Intitule": "Bijouterie Ancienne Mode", "CT_Sommeil": 1,
     "CT_Adresse": "3 rue des Orfèvres", "CT_CodePostal": "67000", "CT_Ville": "Strasbourg",
     "CT_EMail": "ancienne.mode@example.fr", "CT_NumPayeur": "ANCIEN", "N_CatTarif": 2},
    {**_CUSTOMER_DEFAULTS, "CT_Num": "DUBOIS", "CT_Intitule": "Horlogerie Dubois", "CT_Contact": "Henri Dubois",
     "CT_Adresse": "27 Grande Rue", "CT_CodePostal": "25000", "CT_Ville": "Besançon",
     "CT_Telephone": "03 81 81 22 33", "CT_EMail": None, "CT_NumPayeur": "DUBOIS", "N_CatTarif": 2, "CO_No": 1},
    # GDPR-erased account: personal data cleared, excluded from marketing, dormant.
    {**_CUSTOMER_DEFAULTS, "CT_Num": "RGPD0001", "CT_Intitule": "Client anonymisé", "CT_Classement": "RGPD",
     "CT_Adresse": "", "CT_CodePostal": "", "CT_Ville": "", "CT_Telephone": "", "CT_EMail": "",
     "CT_Sommeil": 1, "CT_GDPR": 1, "CT_ExclureTrait": 1, "CT_NumPayeur": "RGPD0001", "N_CatTarif": 3,
     "CompteWeb": ""},
    {**_CUSTOMER_DEFAULTS, "CT_Num": "SAPHIR", "CT_Intitule": "Atelier Saphir", "CT_Prospect": 1,
     "CT_Contact": "Lucie Fabre", "CT_Adresse": "9 quai de la Fosse", "CT_CodePostal": "44000",
     "CT_Ville": "Nantes", "CT_EMail": "bonjour@atelier-saphir.fr", "CT_NumPayeur": "SAPHIR", "N_CatTarif": 2},
    # Template account copied by the order import when it creates web customers.
    {**_CUSTOMER_DEFAULTS, "CT_Num": "WEBMODELE", "CT_Intitule": "Modèle clients web", "CT_Sommeil": 1,
     "CT_NumPayeur": None, "N_CatTarif": 3, "N_Expedition": 1, "CO_No": 3, "CT_BLFact": 1,
     "CT_LivrPartielle": 1, "CT_Statistique01": "Web"},
    {**_CUSTOMER_DEFAULTS, "CT_Num": "LONDON", "CT_Intitule": "London Jewels Ltd", "CT_Adresse": "45 Hatton Garden",
     "CT_CodePostal": "EC1N 8EU", "CT_Ville": "London", "CT_Pays": "Royaume-Uni", "CT_LangueISO2": "EN",
     "CT_EMail": "orders@londonjewels.example", "CT_Identifiant": "GB123456789", "CT_NumPayeur": "LONDON",
     "N_CatTarif": 1, "N_CatCompta": 2, "N_Devise": 3, "CT_Langue": 1, "N_Expedition": 2},
    {**_CUSTOMER_DEFAULTS, "CT_Num": "BRUXELLES", "CT_Intitule": "Bijoux de Bruxelles SPRL",
     "CT_Adresse": "18 rue du Midi", "CT_CodePostal": "1000", "CT_Ville": "Bruxelles", "CT_Pays": "Belgique",
     "CT_LangueISO2": "FR", "CT_EMail": "info@bijoux-bruxelles.example", "CT_Identifiant": "BE0123456749",
     "CT_NumPayeur": "BRUXELLES", "N_CatTarif": 2, "N_CatCompta": 3},
    # Suppliers.
    {**_SUPPLIER_DEFAULTS, "CT_Num": "ORFEVRE", "CT_Intitule": "Orfèvrerie Lyonnaise", "CT_Adresse": "4 rue Mercière",
     "CT_CodePostal": "69002", "CT_Ville": "Lyon", "CT_EMail": "commandes@orfevrerie-lyonnaise.fr",
     "CT_NumPayeur": "ORFEVRE"},
    {**_SUPPLIER_DEFAULTS, "CT_Num": "ATLAS", "CT_Intitule": "Atlas Textile", "CT_Adresse": "60 rue de Roubaix",
     "CT_CodePostal": "59100", "CT_Ville": "Roubaix", "CT_EMail": "ventes@atlas-textile.fr", "CT_NumPayeur": "ATLAS"},
    {**_SUPPLIER_DEFAULTS, "CT_Num": "BRILLANCE", "CT_Intitule": "Chimie Brillance", "CT_Adresse": "2 allée Lavoisier",
     "CT_CodePostal": "38000", "CT_Ville": "Grenoble", "CT_NumPayeur": "BRILLANCE"},
    {**_SUPPLIER_DEFAULTS, "CT_Num": "SWISSTIME", "CT_Intitule": "Swiss Time Components SA",
     "CT_Adresse": "Rue du Rhône 30", "CT_CodePostal": "1204", "CT_Ville": "Genève", "CT_Pays": "Suisse",
     "N_CatCompta": 2, "CT_NumPayeur": "SWISSTIME"},
]

F_LIVRAISON = [
    {"LI_No": 1, "CT_Num": "TOPAZ", "LI_Intitule": "Bijouterie Topaz", "LI_Adresse": "15 rue de la République",
     "LI_Complement": "2e étage", "LI_CodePostal": "69002", "LI_Ville": "Lyon", "LI_Pays": "France",
     "LI_Contact": "Marie Lefèvre", "LI_Principal": 1, "N_Expedition": 1, "N_Condition": 1,
     "LI_Telephone": "04 78 42 10 20", "LI_EMail": "contact@bijouterie-topaz.fr"},
    {"LI_No": 2, "CT_Num": "TOPAZ", "LI_Intitule": "Topaz - boutique Villeurbanne",
     "LI_Adresse": "102 cours Émile Zola",
     "LI_CodePostal": "69100", "LI_Ville": "Villeurbanne", "LI_Pays": "France", "LI_Contact": "Julien Moreau",
     "N_Expedition": 1, "N_Condition": 1},
    {"LI_No": 3, "CT_Num": "TOPAZ", "LI_Intitule": "Topaz - réserve Vénissieux", "LI_Adresse": "5 rue de l'Industrie",
     "LI_CodePostal": "69200", "LI_Ville": "Vénissieux", "LI_Pays": "France", "N_Expedition": 2, "N_Condition": 2},
    {"LI_No": 4, "CT_Num": "GROSSOR", "LI_Intitule": "Or & Argent Diffusion", "LI_Adresse": "220 boulevard National",
     "LI_CodePostal": "13003", "LI_Ville": "Marseille", "LI_Pays": "France", "LI_Principal": 1, "N_Expedition": 2},
    {"LI_No": 5, "CT_Num": "COMPTOIR", "LI_Intitule": "Bijou - boutique Paris", "LI_Adresse": "12 rue de la Paix",
     "LI_CodePostal": "75002", "LI_Ville": "Paris", "LI_Pays": "France", "LI_Principal": 1, "N_Expedition": 3},
    {"LI_No": 6, "CT_Num": "DUBOIS", "LI_Intitule": "Horlogerie Dubois", "LI_Adresse": "27 Grande Rue",
     "LI_CodePostal": "25000", "LI_Ville": "Besançon", "LI_Pays": "France", "LI_Principal": 1},
    {"LI_No": 7, "CT_Num": "ANCIEN", "LI_Intitule": "Bijouterie Ancienne Mode", "LI_Adresse": "3 rue des Orfèvres",
     "LI_CodePostal": "67000", "LI_Ville": "Strasbourg", "LI_Pays": "France", "LI_Principal": 1},
    {"LI_No": 8, "CT_Num": "LONDON", "LI_Intitule": "London Jewels Ltd", "LI_Adresse": "45 Hatton Garden",
     "LI_CodePostal": "EC1N 8EU", "LI_Ville": "London", "LI_Pays": "Royaume-Uni", "LI_Principal": 1,
     "N_Expedition": 2},
    {"LI_No": 9, "CT_Num": "BRUXELLES", "LI_Intitule": "Bijoux de Bruxelles", "LI_Adresse": "18 rue du Midi",
     "LI_CodePostal": "1000", "LI_Ville": "Bruxelles", "LI_Pays": "Belgique", "LI_Principal": 1},
    {"LI_No": 10, "CT_Num": "SAPHIR", "LI_Intitule": "Atelier Saphir", "LI_Adresse": "9 quai de la Fosse",
     "LI_CodePostal": "44000", "LI_Ville": "Nantes", "LI_Pays": "France", "LI_Principal": 1},
]

F_CONTACTT = [
    {"CT_Num": "TOPAZ", "CT_No": 1, "CT_Civilite": 1, "CT_Nom": "LEFÈVRE", "CT_Prenom": "Marie",
     "CT_Fonction": "Gérante", "CT_Telephone": "04 78 42 10 20", "CT_TelPortable": "06 12 34 56 78",
     "CT_EMail": "marie.lefevre@bijouterie-topaz.fr"},
    {"CT_Num": "TOPAZ", "CT_No": 2, "CT_Civilite": 0, "CT_Nom": "MOREAU", "CT_Prenom": "Julien",
     "CT_Fonction": "Acheteur", "CT_EMail": "julien.moreau@bijouterie-topaz.fr"},
    {"CT_Num": "TOPAZ", "CT_No": 3, "CT_Civilite": 0, "CT_Nom": "GIRARD", "CT_Prenom": "Paul",
     "CT_Fonction": "Comptable", "CT_Telephone": "04 78 42 10 22", "CT_EMail": None},
    {"CT_Num": "GROSSOR", "CT_No": 4, "CT_Civilite": 1, "CT_Nom": "BERNARD", "CT_Prenom": "Sophie",
     "CT_Fonction": "Responsable achats", "CT_EMail": "sophie.bernard@or-argent-diffusion.fr"},
    {"CT_Num": "LONDON", "CT_No": 5, "CT_Civilite": 0, "CT_Nom": "SMITH", "CT_Prenom": "James",
     "CT_Fonction": "Buyer", "CT_EMail": "james.smith@londonjewels.example"},
]

F_REGLEMENTT = [
    {"CT_Num": "TOPAZ", "N_Reglement": 3, "RT_Condition": 1, "RT_NbJour": 30, "RT_TRepart": 0},
    {"CT_Num": "GROSSOR", "N_Reglement": 2, "RT_Condition": 0, "RT_NbJour": 30, "RT_TRepart": 1,
     "RT_VRepart": D("50")},
    {"CT_Num": "GROSSOR", "N_Reglement": 2, "RT_Condition": 0, "RT_NbJour": 60, "RT_TRepart": 0},
    {"CT_Num": "COMPTOIR", "N_Reglement": 1, "RT_Condition": 0, "RT_NbJour": 0},
    {"CT_Num": "LONDON", "N_Reglement": 3, "RT_Condition": 0, "RT_NbJour": 45},
]

F_ARTFOURNISS = [
    {"AR_Ref": "BAOR01", "CT_Num": "ORFEVRE", "AF_RefFourniss": "FRS-BA-0042", "AF_PrixAch": D("180"),
     "AF_DelaiAppro": 15, "AF_Principal": 1, "AF_Colisage": D("1"), "AF_QteMini": D("1")},
    {"AR_Ref": "CHAOR42", "CT_Num": "ORFEVRE", "AF_RefFourniss": "OL-CH42-F", "AF_PrixAch": D("260"),
     "AF_DelaiAppro": 20, "AF_Principal": 1},
    {"AR_Ref": "CHORFA", "CT_Num": "ORFEVRE", "AF_RefFourniss": "OL-FANT-7", "AF_PrixAch": D("140"),
     "AF_Principal": 1},
    {"AR_Ref": "CHSR10", "CT_Num": "ORFEVRE", "AF_RefFourniss": "OL-SERP-10", "AF_PrixAch": D("18"),
     "AF_Principal": 1},
    {"AR_Ref": "CHAAR/VAR", "CT_Num": "ORFEVRE", "AF_RefFourniss": "OL-GOUR-AR", "AF_PrixAch": D("22"),
     "AF_Principal": 1},
    *[{"AR_Ref": ref, "CT_Num": "ATLAS", "AF_RefFourniss": f"AT-{ref[3]}{size}", "AF_PrixAch": price * D("0.36"),
       "AF_Principal": 1, "AF_Colisage": D("5")} for ref, _colour, size, price, _digits in _PANTS],
    {"AR_Ref": "NETARG", "CT_Num": "BRILLANCE", "AF_RefFourniss": "CB-250", "AF_PrixAch": D("3.20"),
     "AF_Principal": 1, "AF_Colisage": D("12")},
    {"AR_Ref": "MONTRE01", "CT_Num": "SWISSTIME", "AF_RefFourniss": "ST-Q100", "AF_PrixAch": D("32"),
     "AF_Principal": 1, "AF_Devise": 0},
]

# ----------------------------------------------------------------- media records

F_ARTICLEMEDIA = [
    {"AR_Ref": "BAOR01", "ME_Commentaire": "Bague portée", "ME_Fichier": ".\\Multimedia\\BAOR01-porte.jpg",
     "ME_TypeMIME": "image/jpeg", "ME_Origine": "Fichier"},
    {"AR_Ref": "BAOR01", "ME_Commentaire": "Certificat d'authenticité",
     "ME_Fichier": ".\\Multimedia\\BAOR01-certificat.pdf", "ME_TypeMIME": "application/pdf", "ME_Origine": "Fichier"},
    {"AR_Ref": "NETARG", "ME_Commentaire": "Fiche de données de sécurité",
     "ME_Fichier": ".\\Multimedia\\NETARG-fds.pdf", "ME_TypeMIME": "application/pdf", "ME_Origine": "Fichier"},
]

# --------------------------------------------------------------------- documents

# Sales documents (DO_Domaine 0). Lines: (reference, quantity, unit price HT, discount %,
# VAT code, extra line columns). Amounts and totals are computed from them.
SALES_DOCUMENTS = [
    {"DO_Type": 0, "DO_Piece": "DE00012", "DO_Tiers": "TOPAZ", "DO_Date": day(2026, 10, 5), "DO_Statut": 0,
     "DO_Ref": "Projet platine", "LI_No": 1,
     "lines": [("BAPL05", D("1"), D("1490"), D("0"), "C20", {})]},
    {"DO_Type": 1, "DO_Piece": "BC00031", "DO_Tiers": "TOPAZ", "DO_Date": day(2026, 11, 2), "DO_Statut": 2,
     "DO_Ref": "CDE TOPAZ 2611", "DO_DateLivr": day(2026, 12, 5), "LI_No": 2,
     "lines": [("CHAOR42", D("3"), D("620"), D("10"), "C20", {}),
               ("BOAR12", D("24"), D("25"), D("0"), "C20", {"EU_Enumere": "Ecrin de 12", "EU_Qte": D("2")})]},
    {"DO_Type": 1, "DO_Piece": "BC00032", "DO_Tiers": "COMPTOIR", "DO_Date": day(2026, 11, 20), "DO_Statut": 2,
     "DO_Ref": "Web 1187 - DUPONT", "DO_NoWeb": "1187", "DO_Tarif": 3, "DO_Expedit": 1, "LI_No": 5,
     "DO_DateLivr": day(2026, 11, 27),
     "lines": [("CHAOR42", D("5"), D("620"), D("0"), "C20", {}),
               ("BAOR01", D("2"), D("450"), D("0"), "C20", {}),
               ("CHSR10", D("2"), D("45"), D("0"), "C20", {}),
               ("CHAAR/VAR", D("2"), D("59"), D("0"), "C20", {"AG_No1": 1, "DL_Design": "Chaîne gourmette 40 cm"}),
               ("CHAAR/VAR", D("1"), D("59"), D("0"), "C20", {"AG_No1": 2, "DL_Design": "Chaîne gourmette 45 cm"}),
               ("PORTCOL", D("1"), D("5.75"), D("0"), "C20", {})]},
    {"DO_Type": 2, "DO_Piece": "PL00004", "DO_Tiers": "GROSSOR", "DO_Date": day(2026, 11, 18), "DO_Statut": 2,
     "LI_No": 4,
     "lines": [("CHAOR42", D("3"), D("496"), D("0"), "C20", {"DL_PieceBC": "BC00029"}),
               ("BAOR01", D("1"), D("360"), D("0"), "C20", {"DL_PieceBC": "BC00029"})]},
    {"DO_Type": 3, "DO_Piece": "BL00027", "DO_Tiers": "GROSSOR", "DO_Date": day(2026, 11, 10), "DO_Statut": 2,
     "DO_Expedit": 1, "NumeroSuivi": "6A12345678901", "DO_DateExpedition": day(2026, 11, 10), "LI_No": 4,
     "lines": [("PANBLEU38", D("10"), D("59"), D("0"), "C20", {"DL_PieceBC": "BC00030", "DL_NoColis": "COLIS-01"}),
               ("PANROUGE40", D("4"), D("62"), D("0"), "C20", {"DL_PieceBC": "BC00030", "DL_NoColis": "COLIS-01"})]},
    {"DO_Type": 7, "DO_Piece": "FA00040", "DO_Tiers": "TOPAZ", "DO_Date": day(2026, 8, 20), "DO_Statut": 2,
     "LI_No": 1, "DO_Valide": 1,
     "lines": [("BAOR01", D("2"), D("405"), D("0"), "C20", {}),
               ("CHORFA", D("2"), D("345"), D("0"), "C20", {})]},
    {"DO_Type": 7, "DO_Piece": "FA00043", "DO_Tiers": "GROSSOR", "DO_Date": day(2026, 9, 10), "DO_Statut": 2,
     "LI_No": 4, "DO_Valide": 1,
     "lines": [("CHSR10", D("30"), D("36"), D("0"), "C20", {}),
               ("BAOR01", D("2"), D("360"), D("0"), "C20", {}),
               ("CHAAR/VAR", D("4"), D("50"), D("0"), "C20", {"AG_No1": 2})]},
    {"DO_Type": 7, "DO_Piece": "FA00044", "DO_Tiers": "TOPAZ", "DO_Date": day(2026, 10, 20), "DO_Statut": 2,
     "LI_No": 1, "DO_Valide": 1,
     "lines": [("BOAR12", D("32"), D("25"), D("0"), "C20", {"EU_Enumere": "Ecrin de 4", "EU_Qte": D("8")})]},
    {"DO_Type": 6, "DO_Provenance": 0, "DO_Piece": "FA00045", "DO_Tiers": "GROSSOR", "DO_Date": day(2026, 10, 15),
     "DO_Statut": 2, "LI_No": 4, "DO_Valide": 1,
     "lines": [("CHSR10", D("20"), D("36"), D("0"), "C20", {}),
               ("BAOR01", D("1"), D("360"), D("0"), "C20", {})]},
    {"DO_Type": 6, "DO_Provenance": 0, "DO_Piece": "FA00046", "DO_Tiers": "TOPAZ", "DO_Date": day(2026, 11, 3),
     "DO_Statut": 2, "LI_No": 1, "DO_Valide": 0,
     "lines": [("NETARG", D("24"), D("8.90"), D("0"), "C20", {}),
               ("FLEUR01", D("1"), D("25"), D("0"), "C10", {})]},
    {"DO_Type": 6, "DO_Provenance": 2, "DO_Piece": "AV00003", "DO_Tiers": "TOPAZ", "DO_Date": day(2026, 10, 2),
     "DO_Statut": 2, "LI_No": 1, "DO_PieceOrig": "FA00040", "DO_Valide": 1,
     "lines": [("CHAAR/VAR", D("1"), D("54"), D("0"), "C20", {"AG_No1": 2})]},
]

# Supplier orders (DO_Domaine 1, DO_Type 12): open lines with their expected delivery
# dates (DO_DateLivr, some missing) feed the "next delivery date" feature (SPEC §3.2).
PURCHASE_DOCUMENTS = [
    {"DO_Type": 12, "DO_Piece": "CF00006", "DO_Tiers": "SWISSTIME", "DO_Date": day(2026, 11, 4), "DO_Statut": 2,
     "lines": [("MONTRE01", D("6"), D("32"), D("0"), "C00", {"DO_DateLivr": day(2026, 11, 30)})]},
    {"DO_Type": 12, "DO_Piece": "CF00007", "DO_Tiers": "ORFEVRE", "DO_Date": day(2026, 11, 5), "DO_Statut": 2,
     "lines": [("CHAOR42", D("20"), D("260"), D("0"), "C20", {"DO_DateLivr": day(2026, 12, 4), "DE_No": 1}),
               ("CHAOR42", D("5"), D("260"), D("0"), "C20", {"DO_DateLivr": day(2026, 12, 18), "DE_No": 2}),
               ("BAOR01", D("5"), D("180"), D("0"), "C20", {"DO_DateLivr": day(2026, 11, 28)}),
               ("CHSR10", D("10"), D("18"), D("0"), "C20", {"DO_DateLivr": day(2026, 12, 8)}),
               ("CHAAR/VAR", D("10"), D("22"), D("0"), "C20", {"AG_No1": 2, "DO_DateLivr": day(2026, 12, 1)}),
               ("CHAAR/VAR", D("5"), D("24"), D("0"), "C20", {"AG_No1": 3, "DO_DateLivr": None})]},
    {"DO_Type": 12, "DO_Piece": "CF00008", "DO_Tiers": "ATLAS", "DO_Date": day(2026, 11, 12), "DO_Statut": 2,
     "lines": [("PANBLEU40", D("10"), D("21.24"), D("0"), "C20", {"DO_DateLivr": day(2026, 12, 10)}),
               ("PANROUGE42", D("8"), D("22.32"), D("0"), "C20", {"DO_DateLivr": None})]},
]

# Next numbers per (domain, DC_IdCol), series 0: after the existing pieces above.
# Sales DC_IdCol: 0 quote, 1 order, 2 preparation, 3 delivery, 4 return, 5 credit voucher,
# 6 invoice, 7 return invoice, 8 credit-note invoice; purchases: 2 = supplier order.
F_DOCCURRENTPIECE = [
    {"DC_Domaine": 0, "DC_IdCol": 0, "DC_Souche": 0, "DC_Piece": "DE00013"},
    {"DC_Domaine": 0, "DC_IdCol": 1, "DC_Souche": 0, "DC_Piece": "BC00033"},
    {"DC_Domaine": 0, "DC_IdCol": 2, "DC_Souche": 0, "DC_Piece": "PL00005"},
    {"DC_Domaine": 0, "DC_IdCol": 3, "DC_Souche": 0, "DC_Piece": "BL00028"},
    {"DC_Domaine": 0, "DC_IdCol": 4, "DC_Souche": 0, "DC_Piece": "BR00001"},
    {"DC_Domaine": 0, "DC_IdCol": 5, "DC_Souche": 0, "DC_Piece": "BA00001"},
    {"DC_Domaine": 0, "DC_IdCol": 6, "DC_Souche": 0, "DC_Piece": "FA00047"},
    {"DC_Domaine": 0, "DC_IdCol": 7, "DC_Souche": 0, "DC_Piece": "FR00001"},
    {"DC_Domaine": 0, "DC_IdCol": 8, "DC_Souche": 0, "DC_Piece": "AV00004"},
    {"DC_Domaine": 0, "DC_IdCol": 1, "DC_Souche": 1, "DC_Piece": "WB00001"},
    {"DC_Domaine": 1, "DC_IdCol": 2, "DC_Souche": 0, "DC_Piece": "CF00009"},
    {"DC_Domaine": 1, "DC_IdCol": 3, "DC_Souche": 0, "DC_Piece": "LF00001"},
    {"DC_Domaine": 1, "DC_IdCol": 6, "DC_Souche": 0, "DC_Piece": "FF00001"},
]

# ------------------------------------------------------------------------ payments

# Payment schedule of documents: (DR_No, piece, due date, amount, paid?, method slot).
# The amount None means "the document's total including tax".
DOCUMENT_SCHEDULES = [
    (1, "FA00040", day(2026, 9, 30), None, 1, 3),
    (2, "FA00043", day(2026, 10, 10), None, 0, 2),
    (3, "FA00044", day(2026, 11, 30), None, 0, 3),
    (4, "FA00045", day(2026, 11, 14), None, 0, 2),
    (5, "FA00046", day(2026, 12, 31), None, 0, 3),
    (6, "BC00032", day(2026, 11, 20), None, 1, 1),
]

F_CREGLEMENT = [
    {"RG_No": 1, "CT_NumPayeur": "TOPAZ", "RG_Date": day(2026, 9, 28), "RG_Reference": "VIR TOPAZ 0928",
     "RG_Libelle": "Virement Bijouterie Topaz", "RG_Montant": D("1800.00"), "N_Reglement": 3, "RG_Impute": 1,
     "RG_Compta": 1, "JO_Num": "BQ1", "CG_Num": "5121000"},
    {"RG_No": 2, "CT_NumPayeur": "GROSSOR", "RG_Date": day(2026, 10, 12), "RG_Reference": "CHQ 4471023",
     "RG_Libelle": "Chèque Or & Argent Diffusion", "RG_Montant": D("1000.00"), "N_Reglement": 2, "RG_Impute": 1,
     "RG_Compta": 1, "JO_Num": "BQ1", "CG_Num": "5121000"},
    {"RG_No": 3, "CT_NumPayeur": "GROSSOR", "RG_Date": day(2026, 11, 14), "RG_Reference": "CHQ 4471188",
     "RG_Libelle": "Chèque Or & Argent Diffusion", "RG_Montant": D("500.00"), "N_Reglement": 2, "RG_Impute": 1,
     "JO_Num": "BQ1", "CG_Num": "5121000"},
    {"RG_No": 4, "CT_NumPayeur": "COMPTOIR", "RG_Date": day(2026, 11, 20), "RG_Reference": "WEB 1187",
     "RG_Libelle": "CB Jean DUPONT - 1187", "RG_Montant": None, "N_Reglement": 1, "RG_Impute": 1,
     "JO_Num": "BQ1", "CG_Num": "5121000"},
]

# Allocation of payments to schedule lines: (RG_No, DR_No, amount or None = the whole payment).
F_REGLECH = [
    (1, 1, None),
    (2, 2, None),
    (3, 4, None),
    (4, 6, None),
]

# ---------------------------------------------------------------------- accounting

F_JOURNAUX = [
    {"JO_Num": "VTE", "JO_Intitule": "Journal des ventes", "JO_Type": 1},
    {"JO_Num": "ACH", "JO_Intitule": "Journal des achats", "JO_Type": 0},
    {"JO_Num": "BQ1", "JO_Intitule": "Banque Crédit Lyonnais", "CG_Num": "5121000", "JO_Type": 2, "JO_Rappro": 1},
    {"JO_Num": "OD", "JO_Intitule": "Opérations diverses", "JO_Type": 3},
]

# Customer-account lines (411) of the posted entries: EC_Sens 0 debit, 1 credit.
# TOPAZ: balance 895.20 debit (960.00 open invoice - 64.80 open credit note), nothing overdue
# before 2026-11-30.
# GROSSOR: balance 1400.00, open invoice FA00043 of 2400.00 due 2026-10-10 (overdue),
# partially settled by an unlettered cheque of 1000.00. The 2025 entries are lettered.
F_ECRITUREC = [
    {"EC_No": 1, "JO_Num": "VTE", "EC_Date": day(2025, 6, 10), "EC_Piece": "VT250031", "EC_RefPiece": "FA00012",
     "CT_Num": "GROSSOR", "EC_Intitule": "Facture FA00012", "EC_Echeance": day(2025, 7, 10), "EC_Sens": 0,
     "EC_Montant": D("540.00"), "EC_Lettre": 1, "EC_Lettrage": "AA", "N_Reglement": 2},
    {"EC_No": 2, "JO_Num": "BQ1", "EC_Date": day(2025, 7, 8), "EC_Piece": "BQ250077", "EC_RefPiece": "CHQ 3981",
     "CT_Num": "GROSSOR", "EC_Intitule": "Règlement FA00012", "EC_Sens": 1, "EC_Montant": D("540.00"),
     "EC_Lettre": 1, "EC_Lettrage": "AA", "N_Reglement": 2},
    {"EC_No": 3, "JO_Num": "VTE", "EC_Date": day(2026, 8, 20), "EC_Piece": "VT260101", "EC_RefPiece": "FA00040",
     "CT_Num": "TOPAZ", "EC_Intitule": "Facture FA00040", "EC_Echeance": day(2026, 9, 30), "EC_Sens": 0,
     "EC_Montant": D("1800.00"), "EC_Lettre": 1, "EC_Lettrage": "AB", "N_Reglement": 3},
    {"EC_No": 4, "JO_Num": "BQ1", "EC_Date": day(2026, 9, 28), "EC_Piece": "BQ260140", "EC_RefPiece": "VIR TOPAZ 0928",
     "CT_Num": "TOPAZ", "EC_Intitule": "Virement Topaz FA00040", "EC_Sens": 1, "EC_Montant": D("1800.00"),
     "EC_Lettre": 1, "EC_Lettrage": "AB", "N_Reglement": 3},
    {"EC_No": 5, "JO_Num": "VTE", "EC_Date": day(2026, 9, 10), "EC_Piece": "VT260112", "EC_RefPiece": "FA00043",
     "CT_Num": "GROSSOR", "EC_Intitule": "Facture FA00043", "EC_Echeance": day(2026, 10, 10), "EC_Sens": 0,
     "EC_Montant": D("2400.00"), "N_Reglement": 2},
    {"EC_No": 6, "JO_Num": "BQ1", "EC_Date": day(2026, 10, 12), "EC_Piece": "BQ260151", "EC_RefPiece": "CHQ 4471023",
     "CT_Num": "GROSSOR", "EC_Intitule": "Acompte chèque FA00043", "EC_Sens": 1, "EC_Montant": D("1000.00"),
     "N_Reglement": 2},
    {"EC_No": 7, "JO_Num": "VTE", "EC_Date": day(2026, 10, 2), "EC_Piece": "VT260120", "EC_RefPiece": "AV00003",
     "CT_Num": "TOPAZ", "EC_Intitule": "Avoir AV00003", "EC_Echeance": day(2026, 10, 2), "EC_Sens": 1,
     "EC_Montant": D("64.80"), "N_Reglement": 3},
    {"EC_No": 8, "JO_Num": "VTE", "EC_Date": day(2026, 10, 20), "EC_Piece": "VT260131", "EC_RefPiece": "FA00044",
     "CT_Num": "TOPAZ", "EC_Intitule": "Facture FA00044", "EC_Echeance": day(2026, 11, 30), "EC_Sens": 0,
     "EC_Montant": D("960.00"), "N_Reglement": 3},
]
