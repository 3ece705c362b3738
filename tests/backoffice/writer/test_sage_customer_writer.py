"""The Sage-layout customer writer: F_COMPTET + F_LIVRAISON + F_CONTACTT (+ F_REGLEMENTT),
on SQLite and PostgreSQL (which enforces the column lengths)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.writer import customers as writer_module
from gescom_sync.backoffice.writer import CustomerWriter, MatchField, NewCustomerAccount
from gescom_sync.errors import ConfigError
from gescom_sync.model import Address, Contact

BILLING = Address(id=None, name="Atelier Durand", line1="3 rue de l'Église", line2="Bâtiment B", postcode="75011",
                  city="Paris", country="FR", contact="Jérôme Durand", phone="01 02 03 04 05",
                  email="jerome.durand@example.fr")
DELIVERY = Address(id=None, name="Atelier Durand - dépôt", line1="18 rue du Midi", postcode="1000", city="Bruxelles",
                   country="BE", contact="Léa Durand")
CONTACT = Contact(id="", last_name="DURAND", first_name="Jérôme", phone="01 02 03 04 05", mobile="06 11 22 33 44",
                  email="jerome.durand@example.fr")


def new(template: str = "WEBMODELE", **changes) -> NewCustomerAccount:
    values = dict(name="Atelier Durand", template=template, billing=BILLING, email="jerome.durand@example.fr",
                  phone="01 02 03 04 05", siret="90112233400015", vat_number="FR11901122334", delivery=DELIVERY,
                  contact=CONTACT)
    return NewCustomerAccount(**(values | changes))


def rows(backoffice, table: sa.Table, account: str, order: str) -> list[sa.RowMapping]:
    with backoffice.engine.connect() as connection:
        query = sa.select(table).where(table.c.CT_Num == account).order_by(table.c[order])
        return list(connection.execute(query).mappings())


def test_the_writer_follows_the_protocol(writer):
    assert isinstance(writer, CustomerWriter)


def test_a_new_account_copies_the_template_settings(backoffice, writer):
    created = writer.create_customer(["WEB000124"], new())
    assert (created.account, created.warnings) == ("WEB000124", ())
    [row] = rows(backoffice, s.F_COMPTET, "WEB000124", "CT_Num")
    assert (row.CT_Type, row.CT_Intitule, row.CT_Classement, row.CT_NumPayeur) == (
        0, "Atelier Durand", "ATELIER DURAND", "WEB000124")
    assert (row.CT_Siret, row.CT_Identifiant, row.CT_Pays, row.CT_Contact) == (
        "90112233400015", "FR11901122334", "France", "Jérôme Durand")
    # WEBMODELE: price category 3, representative 3, one invoice per delivery note, partial delivery,
    # statistics "Web", collective account 4110000; dormant itself, but not its copies.
    assert (row.N_CatTarif, row.CO_No, row.CT_BLFact, row.CT_LivrPartielle, row.CT_Statistique01) == (3, 3, 1, 1, "Web")
    assert (row.CG_NumPrinc, row.N_CatCompta, row.N_Risque, row.N_Expedition, row.CT_Sommeil) == (
        "4110000", 1, 1, 1, 0)
    assert row.CT_Prospect == 0 and row.CT_DateCreate is not None


def max_number(backoffice, column: sa.Column) -> int:
    with backoffice.engine.connect() as connection:
        return connection.scalar(sa.select(sa.func.max(column))) or 0


def test_addresses_and_contact_rows(backoffice, writer):
    last_address, last_contact = max_number(backoffice, s.F_LIVRAISON.c.LI_No), max_number(backoffice, s.F_CONTACTT.c.CT_No)
    writer.create_customer(["WEB000126"], new())
    addresses = rows(backoffice, s.F_LIVRAISON, "WEB000126", "LI_No")
    assert [(a.LI_No, a.LI_Intitule, a.LI_Ville, a.LI_Pays, a.LI_Contact, a.LI_Principal) for a in addresses] == [
        (last_address + 1, "Atelier Durand", "Paris", "France", "Jérôme Durand", 0),
        (last_address + 2, "Atelier Durand - dépôt", "Bruxelles", "Belgique", "Léa Durand", 1),
    ]
    [contact] = rows(backoffice, s.F_CONTACTT, "WEB000126", "CT_No")
    assert (contact.CT_No, contact.CT_Nom, contact.CT_Prenom, contact.CT_TelPortable, contact.CT_EMail) == (
        last_contact + 1, "DURAND", "Jérôme", "06 11 22 33 44", "jerome.durand@example.fr")


def test_without_delivery_address_the_billing_one_is_the_main(backoffice, writer):
    writer.create_customer(["WEB000125"], new(delivery=None, contact=None))
    addresses = rows(backoffice, s.F_LIVRAISON, "WEB000125", "LI_No")
    assert [(a.LI_Ville, a.LI_Principal) for a in addresses] == [("Paris", 1)]
    assert rows(backoffice, s.F_CONTACTT, "WEB000125", "CT_No") == []


def test_payment_terms_representative_and_prospect_flag(backoffice, writer):
    writer.create_customer(["GROS2"], new(template="GROSSOR", representative=1, prospect=True))
    [row] = rows(backoffice, s.F_COMPTET, "GROS2", "CT_Num")
    assert (row.CO_No, row.N_CatTarif, row.CT_Encours, row.N_Risque, row.CT_Prospect) == (
        1, 1, Decimal("5000"), 2, 1)
    terms = rows(backoffice, s.F_REGLEMENTT, "GROS2", "cbMarq")
    assert [(t.N_Reglement, t.RT_NbJour, t.RT_TRepart, Decimal(str(t.RT_VRepart))) for t in terms] == [
        (2, 30, 1, Decimal("50")), (2, 60, 0, Decimal("0"))]


def test_an_existing_account_is_never_overwritten(backoffice, writer):
    created = writer.create_customer(["TOPAZ", "ORFEVRE", "WEB01"], new())
    assert created.account == "WEB01"  # TOPAZ is a customer, ORFEVRE a supplier: both taken
    [topaz] = rows(backoffice, s.F_COMPTET, "TOPAZ", "CT_Num")
    assert (topaz.CT_Intitule, topaz.CT_EMail) == ("Bijouterie Topaz", "contact@bijouterie-topaz.fr")


def test_texts_too_long_are_cut_with_a_warning(backoffice, writer):
    long_name = "Manufacture de bijoux fantaisie et d'horlogerie fine du Haut-Doubs réunis"
    created = writer.create_customer(["LONG1"], new(name=long_name, delivery=None))
    [row] = rows(backoffice, s.F_COMPTET, "LONG1", "CT_Num")
    assert row.CT_Intitule == long_name[:69] and row.CT_Classement == long_name.upper()[:17].rstrip()
    assert [(w.params["table"], w.params["column"], w.params["length"]) for w in created.warnings] == [
        ("F_COMPTET", "CT_Intitule", 69), ("F_COMPTET", "CT_Classement", 17)]
    assert all(long_name not in str(w.params) for w in created.warnings)


def test_an_unknown_country_code_is_written_with_one_warning(backoffice, writer):
    elsewhere = Address(id=None, name="Atelier Durand", line1="1 Main Street", city="Sydney", country="AU")
    created = writer.create_customer(["AUS1"], new(billing=elsewhere, delivery=None))
    assert [w.params["country"] for w in created.warnings] == ["AU"]
    assert rows(backoffice, s.F_COMPTET, "AUS1", "CT_Num")[0].CT_Pays == "AU"


def test_a_missing_template_is_a_configuration_error_and_writes_nothing(backoffice, writer):
    with pytest.raises(ConfigError, match="NOTEMPLATE"):
        writer.create_customer(["WEB9"], new(template="NOTEMPLATE"))
    assert not writer.customer_exists("WEB9")


def test_one_transaction_per_account(backoffice, writer, monkeypatch):
    def broken(*_args):
        raise RuntimeError("disk full")

    monkeypatch.setattr(writer_module, "_copy_terms", broken)
    with pytest.raises(RuntimeError):
        writer.create_customer(["HALF1"], new())
    assert not writer.customer_exists("HALF1")
    with backoffice.engine.connect() as connection:
        assert connection.scalar(sa.select(sa.func.count()).where(s.F_LIVRAISON.c.CT_Num == "HALF1")) == 0


def test_every_code_taken_is_a_clear_error(writer):
    with pytest.raises(ConfigError, match="TOPAZ"):
        writer.create_customer(["TOPAZ"], new())


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (MatchField.SIRET, "482 716 359 00027", "TOPAZ"),
        (MatchField.EMAIL, "CONTACT@Bijouterie-Topaz.fr", "TOPAZ"),
        (MatchField.EMAIL, "james.smith@londonjewels.example", "LONDON"),  # a contact's e-mail
        (MatchField.VAT_NUMBER, "fr 12 512349876", "GROSSOR"),
        (MatchField.EMAIL, "commandes@orfevrerie-lyonnaise.fr", None),  # a supplier
        (MatchField.SIRET, "00000000000000", None),
        (MatchField.EMAIL, "   ", None),
    ],
)
def test_find_customer(writer, field, value, expected):
    assert writer.find_customer(field, value) == expected


def test_the_read_side_sees_the_new_account_and_stays_read_only(backoffice, writer):
    writer.create_customer(["WEB000127"], new())
    [customer] = backoffice.customers("CT_Num = 'WEB000127'")
    assert (customer.name, customer.email, customer.price_category) == (
        "Atelier Durand", "jerome.durand@example.fr", "3")
    assert [a.city for a in customer.delivery_addresses] == ["Bruxelles", "Paris"]  # main one first
    with pytest.raises(sa.exc.DBAPIError), backoffice.engine.begin() as connection:
        connection.execute(sa.delete(s.F_COMPTET).where(s.F_COMPTET.c.CT_Num == "WEB000127"))


def test_update_addresses_replaces_the_billing_one_and_adds_a_new_delivery_address(backoffice, writer):
    writer.create_customer(["UPD1"], new(delivery=None))
    billing = Address(id=None, name=None, line1="8 place Bellecour", postcode="69002", city="Lyon", country="FR")
    depot = Address(id=None, name="Dépôt Lyon", line1="5 rue de l'Industrie", postcode="69200", city="Vénissieux",
                    country="FR", contact="Léa Durand")
    assert writer.update_customer_addresses("UPD1", billing, depot) == ()
    assert writer.update_customer_addresses("UPD1", billing, depot) == ()  # already there: not added twice
    [row] = rows(backoffice, s.F_COMPTET, "UPD1", "CT_Num")
    assert (row.CT_Adresse, row.CT_Complement, row.CT_Ville, row.CT_Pays) == ("8 place Bellecour", None, "Lyon", "France")
    addresses = rows(backoffice, s.F_LIVRAISON, "UPD1", "LI_No")
    assert [(a.LI_Intitule, a.LI_Ville, a.LI_Principal) for a in addresses] == [
        ("Atelier Durand", "Paris", 1), ("Dépôt Lyon", "Vénissieux", 0)]


def test_a_number_taken_by_a_concurrent_writer_gives_the_next_one(backoffice, writer, monkeypatch):
    """The existence check said "free" (another writer had not committed yet): the unique
    index refuses the row and the creation starts again with the next code."""
    real_exists = writer_module.lookups.account_exists
    lied = []

    def stale(connection, account):
        if account == "TOPAZ" and not lied:
            lied.append(account)
            return False
        return real_exists(connection, account)

    monkeypatch.setattr(writer_module.lookups, "account_exists", stale)
    created = writer.create_customer(["TOPAZ", "RACE2"], new())
    assert (created.account, lied) == ("RACE2", ["TOPAZ"])
    assert rows(backoffice, s.F_COMPTET, "TOPAZ", "CT_Num")[0].CT_Intitule == "Bijouterie Topaz"
