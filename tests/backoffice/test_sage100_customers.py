"""Customers and reference data read from the Bijou demo database."""

from decimal import Decimal

from gescom_sync.model import TaxRateKind

CUSTOMERS = ["ANCIEN", "BRUXELLES", "COMPTOIR", "DUBOIS", "GROSSOR", "LONDON", "RGPD0001", "SAPHIR", "TOPAZ", "WEBMODELE"]


def test_customers_exclude_suppliers(sage):
    assert [c.account for c in sage.customers()] == CUSTOMERS


def test_customer_with_addresses_contacts_price_category_and_b2b_data(sage):
    [topaz] = sage.customers(filter="CT_Num = 'TOPAZ'")
    assert (topaz.name, topaz.email, topaz.price_category, topaz.accounting_category) == (
        "Bijouterie Topaz", "contact@bijouterie-topaz.fr", "2", "1"
    )
    assert (topaz.billing_address.line1, topaz.billing_address.line2, topaz.billing_address.city) == (
        "15 rue de la République", "2e étage", "Lyon"
    )
    assert [(a.id, a.city, a.default) for a in topaz.delivery_addresses] == [
        ("1", "Lyon", True), ("2", "Villeurbanne", False), ("3", "Vénissieux", False)
    ]
    assert [(c.last_name, c.first_name, c.civility, c.email) for c in topaz.contacts] == [
        ("LEFÈVRE", "Marie", "Mme", "marie.lefevre@bijouterie-topaz.fr"),
        ("MOREAU", "Julien", "M.", "julien.moreau@bijouterie-topaz.fr"),
        ("GIRARD", "Paul", "M.", None),
    ]
    assert (topaz.siret, topaz.vat_number, topaz.ape_code) == ("48271635900027", "FR58482716359", "4777Z")
    assert (topaz.credit_limit, topaz.credit_insurance, topaz.risk) == (Decimal(15000), Decimal(10000), "1")


def test_dormant_prospect_foreign_and_without_email(sage):
    customers = {c.account: c for c in sage.customers()}
    assert customers["ANCIEN"].dormant and not customers["TOPAZ"].dormant
    assert customers["SAPHIR"].prospect
    assert customers["DUBOIS"].email is None
    assert (customers["LONDON"].currency, customers["LONDON"].accounting_category) == ("3", "2")


def test_customer_filter_is_case_insensitive_like_sage(sage):
    assert [c.account for c in sage.customers(filter="CT_Num LIKE 'b%' OR CT_Ville = 'Lyon'")] == ["BRUXELLES", "TOPAZ"]


def test_reference_data(sage):
    assert [(g.id, g.name, g.tax_included) for g in sage.price_categories()] == [
        ("1", "Grossistes", False), ("2", "Détaillants", False), ("3", "Clients comptoir", True)
    ]
    taxes = {t.code: t for t in sage.taxes()}
    assert (taxes["C55"].rate, taxes["C55"].rate_kind) == (Decimal("5.5"), TaxRateKind.PERCENT)
    assert (taxes["ECO"].rate, taxes["ECO"].rate_kind) == (Decimal("0.5"), TaxRateKind.AMOUNT)
    assert len(taxes) == 6
    assert [(m.id, m.code, m.article) for m in sage.shipping_modes()] == [
        ("1", "COL", "PORTCOL"), ("2", "CHR", "PORTCHR"), ("3", "MAG", "PORTMAG")
    ]
    assert [m.code for m in sage.payment_methods()] == ["CB", "CHQ", "VIR", "PPL"]
    assert [(c.iso_code, c.rate) for c in sage.currencies()] == [
        ("EUR", Decimal(1)), ("USD", Decimal("1.0825")), ("GBP", Decimal("0.846"))
    ]
    assert [(a.id, a.name) for a in sage.accounting_categories()] == [
        ("1", "National"), ("2", "Export"), ("3", "Intracommunautaire")
    ]
    assert [(w.id, w.code, w.main) for w in sage.warehouses()] == [("1", "PARIS", True), ("2", "LYON", False)]
    families = {f.code: f for f in sage.families()}
    assert len(families) == 11 and not families["EMBALLAGES"].published
    catalogue = {n.id: n for n in sage.catalogue()}
    assert len(catalogue) == 15
    assert (catalogue["9"].path_text(), catalogue["9"].level, catalogue["9"].parent_id) == (
        "Bijouterie > Argent > Chaînes argent > Mailles fines", 4, "6"
    )


def test_connection_summary(sage):
    assert sage.test_connection().endswith(": 34 articles, 10 clients.")
