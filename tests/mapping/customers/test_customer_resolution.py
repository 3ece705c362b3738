"""Shop accounts -> back-office accounts (SPEC §3.5 prospects, §3.6 customer rules), written
into a copy of the Bijou demo database."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import Sage100BackOffice
from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.writer import Sage100CustomerWriter
from gescom_sync.errors import ConfigError
from gescom_sync.mapping.customers import creation_message, new_account, resolve_account, select_prospects
from gescom_sync.model.shop import ShopAccount, ShopAddress
from gescom_sync.profiles.customers import AccountNumbering, CustomerRules, NumberingPart

SPEC_NUMBERING = AccountNumbering(prefix="WEB", parts=[NumberingPart(source="shop_id", length=3),
                                                       NumberingPart(source="last_name", length=5)],
                                  suffix="B2", counter_digits=4)


def shop_account(shop_id: str = "124", email: str = "jerome.durand@example.fr", meta: dict | None = None,
                 company: str = "", shipping: ShopAddress | None = None) -> ShopAccount:
    billing = ShopAddress(first_name="Jérôme", last_name="Durand", company=company, line1="3 rue de l'Église",
                          line2="Bâtiment B", postcode="75011", city="Paris", country="FR", phone="01 02 03 04 05",
                          email=email)
    return ShopAccount(id=shop_id, email=email, first_name="Jérôme", last_name="Durand", created_at=None,
                       modified_at=None, billing=billing, shipping=shipping or ShopAddress(), has_ordered=False,
                       meta=meta or {})


def rules(**changes) -> CustomerRules:
    return CustomerRules(template_account="WEBMODELE", **changes)


@pytest.fixture
def sage(bijou_copy: Path) -> Iterator[Sage100BackOffice]:
    with Sage100BackOffice.from_url(bijou_copy) as backoffice:
        yield backoffice


@pytest.fixture
def writer(sage: Sage100BackOffice) -> Iterator[Sage100CustomerWriter]:
    with sage.customer_writer() as customer_writer:
        yield customer_writer


def account_row(sage: Sage100BackOffice, account: str) -> sa.RowMapping:
    with sage.engine.connect() as connection:
        return connection.execute(sa.select(s.F_COMPTET).where(s.F_COMPTET.c.CT_Num == account)).mappings().one()


def customer_count(sage: Sage100BackOffice) -> int:
    with sage.engine.connect() as connection:
        return connection.scalar(sa.select(sa.func.count()).select_from(s.F_COMPTET))


def test_a_prospect_gets_the_default_account_number(sage, writer):
    resolution = resolve_account(writer, shop_account("530"), rules(), prospect=True)
    assert (resolution.account, resolution.created, resolution.matched_by) == ("WEB000530", True, None)
    row = account_row(sage, "WEB000530")
    assert (row.CT_Intitule, row.CT_Contact, row.CT_EMail, row.CT_Prospect, row.CT_Sommeil) == (
        "Jérôme Durand", "Jérôme Durand", "jerome.durand@example.fr", 1, 0)
    assert (row.CT_Adresse, row.CT_Complement, row.CT_Ville, row.CT_Pays) == (
        "3 rue de l'Église", "Bâtiment B", "Paris", "France")


def test_rerunning_creates_nothing(sage, writer):
    before = customer_count(sage)
    first = resolve_account(writer, shop_account("530"), rules(), prospect=True)
    again = resolve_account(writer, shop_account("530"), rules(), prospect=True)
    assert (first.created, again.created, again.account, again.matched_by) == (True, False, "WEB000530", "email")
    assert customer_count(sage) == before + 1


def test_spec_numbering_and_the_collision_takes_the_next_counter(sage, writer):
    taken = resolve_account(writer, shop_account("124", email="someone.else@example.fr"),
                            rules(numbering=SPEC_NUMBERING))
    assert taken.account == "WEB124DURANB20001"
    resolution = resolve_account(writer, shop_account("124"), rules(numbering=SPEC_NUMBERING))
    assert resolution.account == "WEB124DURANB20002"
    assert account_row(sage, "WEB124DURANB20001").CT_EMail == "someone.else@example.fr"  # never overwritten


def test_default_numbering_collision_with_an_existing_account(sage, writer):
    resolve_account(writer, shop_account("530", email="first@example.fr"), rules())
    second = resolve_account(writer, shop_account("530"), rules())
    assert second.account == "WEB00053001"


def test_accents_removed_and_upper_case_options(sage, writer):
    options = rules(remove_accents=True, uppercase_name=True, uppercase_addresses=True)
    resolution = resolve_account(writer, shop_account("77"), options)
    row = account_row(sage, resolution.account)
    assert (row.CT_Intitule, row.CT_Classement, row.CT_Contact) == ("JEROME DURAND", "JEROME DURAND", "Jerome DURAND")
    assert (row.CT_Adresse, row.CT_Complement, row.CT_Ville) == ("3 RUE DE L'EGLISE", "BATIMENT B", "PARIS")


def test_without_options_names_keep_their_accents_and_case(writer):
    new = new_account(shop_account(company="Atelier Zoé"), rules())
    assert (new.name, new.billing.name, new.billing.contact) == ("Atelier Zoé", "Atelier Zoé", "Jérôme Durand")


def test_matching_by_siret_then_email_then_vat_number(writer):
    topaz_siret = shop_account(email="new@example.fr", meta={"siret": "482 716 359 00027"})
    assert resolve_account(writer, topaz_siret, rules()).matched_by == "siret"
    grossor_email = shop_account(email="ACHATS@or-argent-diffusion.fr", meta={"siret": "48271635900027"})
    by_email = resolve_account(writer, grossor_email, rules(match_by_siret=False))
    assert (by_email.account, by_email.matched_by) == ("GROSSOR", "email")
    london_vat = shop_account(email="james@example.fr", meta={"vat_number": "gb 123456789"})
    by_vat = resolve_account(writer, london_vat, rules())
    assert (by_vat.account, by_vat.matched_by) == ("LONDON", "vat_number")


def test_siret_is_tried_before_the_email(writer):
    both = shop_account(email="achats@or-argent-diffusion.fr", meta={"siret": "48271635900027"})
    resolution = resolve_account(writer, both, rules())
    assert (resolution.account, resolution.matched_by) == ("TOPAZ", "siret")


def test_a_contact_email_matches_its_account(writer):
    resolution = resolve_account(writer, shop_account(email="julien.moreau@bijouterie-topaz.fr"), rules())
    assert (resolution.account, resolution.matched_by) == ("TOPAZ", "email")


def test_matches_switched_off_create_an_account(writer):
    off = rules(match_by_siret=False, match_by_email=False, match_by_vat_number=False)
    resolution = resolve_account(writer, shop_account(email="contact@bijouterie-topaz.fr"), off)
    assert resolution.created and resolution.account == "WEB000124"


def test_the_account_stored_on_the_shop_customer_wins(writer):
    stored = shop_account(email="contact@bijouterie-topaz.fr", meta={"erp_account": "GROSSOR"})
    resolution = resolve_account(writer, stored, rules())
    assert (resolution.account, resolution.matched_by) == ("GROSSOR", "erp_account")


def test_a_stored_account_that_does_not_exist_falls_back_to_matching_with_a_warning(writer):
    stored = shop_account(email="contact@bijouterie-topaz.fr", meta={"erp_account": "GONE"})
    resolution = resolve_account(writer, stored, rules())
    assert (resolution.account, resolution.matched_by) == ("TOPAZ", "email")
    assert [w.params for w in resolution.warnings] == [{"shop_id": "124", "account": "GONE"}]


def test_single_account_and_guest_account(writer):
    assert resolve_account(writer, shop_account(), rules(mode="single", single_account="COMPTOIR")).account == "COMPTOIR"
    guest = resolve_account(writer, shop_account(), rules(guest_account="COMPTOIR"), guest=True)
    assert (guest.account, guest.matched_by) == ("COMPTOIR", "guest")
    with pytest.raises(ConfigError, match="NOPE"):
        resolve_account(writer, shop_account(), rules(mode="single", single_account="NOPE"))


def test_creating_without_a_template_is_a_configuration_error(writer):
    with pytest.raises(ConfigError, match="customers.template_account"):
        resolve_account(writer, shop_account(), CustomerRules())


def test_phone_and_fax_from_phone_or_mobile(sage, writer):
    account = shop_account(meta={"mobile": "06 11 22 33 44"})
    resolution = resolve_account(writer, account, rules(phone_from="mobile", fax_from="phone"))
    row = account_row(sage, resolution.account)
    assert (row.CT_Telephone, row.CT_Telecopie) == ("06 11 22 33 44", "01 02 03 04 05")


def test_a_different_shipping_address_becomes_the_main_delivery_address(sage, writer):
    shipping = ShopAddress(first_name="Léa", last_name="Durand", line1="8 avenue Foch", postcode="69006", city="Lyon",
                           country="FR")
    resolution = resolve_account(writer, shop_account(shipping=shipping), rules())
    with sage.engine.connect() as connection:
        li = s.F_LIVRAISON
        rows = connection.execute(sa.select(li.c.LI_Adresse, li.c.LI_Contact, li.c.LI_Principal)
                                  .where(li.c.CT_Num == resolution.account).order_by(li.c.LI_No)).all()
    assert [tuple(r) for r in rows] == [("3 rue de l'Église", "Jérôme Durand", 0), ("8 avenue Foch", "Léa Durand", 1)]


def test_creation_message_is_the_spec_journal_line():
    from gescom_sync.i18n import _

    message = creation_message("70", "CEG00070")
    assert _(message.msgid).format(**message.params) == "Id Customer:70, Numéro de compte= CEG00070"


def test_update_addresses_of_a_matched_account(sage, writer):
    moved = replace(shop_account(email="contact@bijouterie-topaz.fr"),
                    shipping=ShopAddress(company="Topaz - boutique Villeurbanne", line1="102 cours Émile Zola",
                                         postcode="69100", city="Villeurbanne", country="FR"))
    moved = replace(moved, billing=replace(moved.billing, line1="1 place Bellecour", line2="", postcode="69002"))
    resolution = resolve_account(writer, moved, rules(update_addresses=True))
    assert (resolution.account, resolution.matched_by) == ("TOPAZ", "email")
    row = account_row(sage, "TOPAZ")
    assert (row.CT_Adresse, row.CT_Complement, row.CT_Ville, row.CT_Pays) == ("1 place Bellecour", None, "Paris", "France")
    with sage.engine.connect() as connection:
        count = connection.scalar(sa.select(sa.func.count()).where(s.F_LIVRAISON.c.CT_Num == "TOPAZ"))
    assert count == 3  # Villeurbanne is already one of TOPAZ's delivery addresses


def test_matched_accounts_keep_their_addresses_by_default(sage, writer):
    resolve_account(writer, shop_account(email="contact@bijouterie-topaz.fr"), rules())
    assert account_row(sage, "TOPAZ").CT_Adresse == "15 rue de la République"


def test_prospects_are_accounts_without_orders_changed_since_the_date():
    def account(shop_id: str, ordered: bool, day: int) -> ShopAccount:
        moment = datetime(2026, 11, day, 9, 0, tzinfo=UTC)
        return replace(shop_account(shop_id), has_ordered=ordered, created_at=moment, modified_at=moment)

    accounts = [account("1", False, 2), account("2", True, 20), account("3", False, 20)]
    assert [a.id for a in select_prospects(accounts)] == ["1", "3"]
    assert [a.id for a in select_prospects(accounts, datetime(2026, 11, 10))] == ["3"]  # naive = UTC
