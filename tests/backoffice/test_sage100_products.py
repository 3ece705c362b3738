"""Products read from the Bijou demo database, on SQLite and PostgreSQL."""

from datetime import datetime, timedelta
from decimal import Decimal

from gescom_sync.model import BomComponent, BomKind, Packaging, WeightUnit

CH_ARTICLES = ["CHAAR/VAR", "CHAOR42", "CHORFA", "CHSR10"]


def by_reference(products):
    return {p.reference: p for p in products}


def test_every_article_is_read_with_its_family_and_catalogue_path(sage):
    products = by_reference(sage.products())
    assert len(products) == 34
    assert products["BAOR01"].family == "BAGUES"
    assert products["BAOR01"].catalogue_path == ("Bijouterie", "Or", "Bagues or", "Solitaires")
    assert products["CHORFA"].catalogue_path == ("Bijouterie", "Or", "Chaînes or")  # three levels only
    assert products["PANBLEU38"].catalogue_path == ("Mode", "Pantalons", "Pantalons femme", "Toile de coton")
    assert products["BRAR03"].catalogue_path == ()


def test_article_details(sage):
    ring = by_reference(sage.products())["BAOR01"]
    assert ring.designation == "Bague or 18 carats solitaire"
    assert ring.language_designations == {"language1": "18-carat gold solitaire ring"}
    assert ring.barcode == "3760123450010"
    assert (ring.net_weight, ring.gross_weight, ring.weight_unit) == (Decimal("4.5"), Decimal(12), WeightUnit.GRAM)
    assert (ring.base_price, ring.price_tax_included, ring.purchase_price) == (Decimal(450), False, Decimal(180))
    assert ring.warranty_months == 24
    assert ring.created == datetime(2025, 1, 6)
    assert [(s.supplier, s.reference, s.purchase_price, s.main) for s in ring.supplier_references] == [
        ("ORFEVRE", "FRS-BA-0042", Decimal(180), True)
    ]


def test_free_fields_are_discovered_from_cbsyslibre_and_typed(sage):
    products = by_reference(sage.products())
    ring = products["BAOR01"].free_fields
    assert list(ring) == [
        "RefMaitre", "Gamme1Nom", "Gamme1Valeur", "Gamme2Nom", "Gamme2Valeur", "LibelleWeb",
        "CategoriesSupp", "Largeur", "Hauteur", "Profondeur", "Marque",
    ]
    assert ring["LibelleWeb"] == "Bague solitaire en or jaune 18 carats"
    assert ring["CategoriesSupp"] == "Nouveautés,Promotions"
    assert (ring["Largeur"], ring["Hauteur"], ring["Profondeur"]) == (Decimal("2.1"), Decimal("2.3"), Decimal("0.6"))
    assert ring["RefMaitre"] is None
    pants = products["PANROUGE40"].free_fields
    assert (pants["RefMaitre"], pants["Gamme1Nom"], pants["Gamme1Valeur"], pants["Gamme2Nom"], pants["Gamme2Valeur"]) == (
        "Pantalon", "Couleur", "Rouge", "Taille", "40"
    )


def test_tax_codes_per_accounting_category_from_the_article_else_its_family(sage):
    products = by_reference(sage.products())
    assert products["MONTRE01"].tax_codes == {"1": ("C20", "ECO", None), "2": ("C00", None, None), "3": ("UE0", None, None)}
    assert products["LIVRE01"].tax_codes["1"] == ("C55", None, None)
    assert products["CHAOR42"].tax_codes == {"1": ("C20", None, None), "2": ("C00", None, None), "3": ("UE0", None, None)}


def test_packagings_bill_of_materials_and_range_variants(sage):
    products = by_reference(sage.products())
    assert products["BOAR12"].packagings == (
        Packaging("Ecrin de 4", Decimal(4), "BOAR12-E4", "3760123453011", True),
        Packaging("Ecrin de 12", Decimal(12), None, None, False),
        Packaging("Ecrin de 24", Decimal(24), "BOAR12-E24", "3760123453035", False),
    )
    parure = products["PARURE01"]
    assert parure.bom_kind is BomKind.COMMERCIAL
    assert parure.components == tuple(BomComponent(ref, Decimal(1)) for ref in ("BAOR01", "CHAOR42", "ETUI01"))
    chain = products["CHAAR/VAR"]
    assert [(v.reference, v.key, v.attributes, v.barcode) for v in chain.variants] == [
        ("CHAAR/VAR40", "1/0", (("Taille", "40 cm"),), "3760123451017"),
        ("CHAAR/VAR45", "2/0", (("Taille", "45 cm"),), "3760123451024"),
        ("CHAAR/VAR50", "3/0", (("Taille", "50 cm"),), "3760123451031"),
    ]
    assert products["CHAOR42"].variants == ()


def test_state_flags(sage):
    products = by_reference(sage.products())
    assert products["BROR02"].dormant and not products["BROR02"].active
    assert not products["BRAR03"].published
    assert not products["GRAVURE"].stock_managed
    assert products["BAPL05"].counter_mark
    assert products["BOOR07"].price_tax_included


def test_photo_and_media_are_resolved_in_the_media_folder(sage, bijou):
    ring = by_reference(sage.products())["BAOR01"]
    assert ring.photo.stored == ".\\Multimedia\\BAOR01.jpg"
    assert ring.photo.path == bijou.media_folder / "Multimedia" / "BAOR01.jpg"
    assert [(m.path.name, m.mime_type, m.comment) for m in ring.media] == [
        ("BAOR01-porte.jpg", "image/jpeg", "Bague portée"),
        ("BAOR01-certificat.pdf", "application/pdf", "Certificat d'authenticité"),
    ]


def test_filter_selects_exactly_the_ch_articles(sage):
    assert [p.reference for p in sage.products(filter="AR_Ref LIKE 'CH%'")] == CH_ARTICLES


def test_like_ignores_case_as_on_sage(sage):
    assert [p.reference for p in sage.products(filter="AR_Ref LIKE 'ch%'")] == CH_ARTICLES


def test_filter_on_a_bracketed_free_field(sage):
    assert [p.reference for p in sage.products(filter="[Marque] = 'Atelier Lumière' AND [Largeur] IS NULL")] == [
        "BOOR07", "CHORFA", "CHSR10",
    ]


def test_filter_with_a_subquery_is_a_read(sage):
    references = [p.reference for p in sage.products(filter="AR_Ref IN (SELECT AR_Ref FROM F_ARTSTOCK WHERE DE_No = 2)")]
    assert references == ["BAOR01", "CHAAR/VAR", "CHAOR42", "CHSR10", "MONTRE01"]


def test_changed_since(sage):
    assert len(sage.products(since=datetime.now() - timedelta(days=1))) == 34
    assert sage.products(since=datetime.now() + timedelta(days=1)) == []
