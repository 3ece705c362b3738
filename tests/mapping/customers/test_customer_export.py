"""Back office -> shop customers (SPEC §3.4) with the Bijou demo accounts."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from gescom_sync.backoffice.base import CustomerStanding
from gescom_sync.i18n import _, set_language
from gescom_sync.journal.events import Message
from gescom_sync.mapping.customers import (
    Disposition,
    ExportContext,
    accounts_to_anonymise,
    accounts_to_disable,
    anonymised_message,
    build_customer,
    customer_groups,
    map_customer,
    part_hashes,
    updatable_parts,
)
from gescom_sync.model import Customer
from gescom_sync.profiles.customers import CustomerUpdateSwitches, ExportCustomersSettings

GROUP_IDS = {"1": "g-wholesale", "2": "g-retail", "3": "g-counter"}
ALL_PARTS = {"identity", "email", "names", "group", "addresses", "notes", "b2b"}


def rendered(message: Message, language: str = "fr") -> str:
    set_language(language)
    try:
        return _(message.msgid).format(**message.params)
    finally:
        set_language(None)


@pytest.fixture
def customers(sage) -> dict[str, Customer]:
    return {c.account: c for c in sage.customers()}


@pytest.fixture
def context(sage) -> ExportContext:
    return ExportContext(countries=sage.country_codes(), group_ids=GROUP_IDS, standings=sage.customer_standings())


def export(customer: Customer, context: ExportContext, **settings):
    return map_customer(customer, ExportCustomersSettings(**settings), context)


def test_price_categories_become_groups_with_their_tax_display(sage):
    groups = customer_groups(sage.price_categories(), bound={"2": "41"})
    assert [(g.key, g.name, g.tax_included, g.shop_id) for g in groups] == [
        ("1", "Grossistes", False, None),
        ("2", "Détaillants", False, "41"),
        ("3", "Clients comptoir", True, None),
    ]


def test_topaz_is_mapped_with_its_group_addresses_and_b2b_data(customers, context):
    mapped = export(customers["TOPAZ"], context)
    record = mapped.record
    assert mapped.disposition is Disposition.EXPORT
    assert (record.key, record.email, record.first_name, record.last_name, record.company) == (
        "TOPAZ", "contact@bijouterie-topaz.fr", "Marie", "Lefèvre", "Bijouterie Topaz")
    assert record.group_shop_id == "g-retail"  # price category 2, Détaillants
    assert record.meta == {
        "erp_account": "TOPAZ", "company": "Bijouterie Topaz", "siret": "48271635900027",
        "vat_number": "FR58482716359", "credit_limit": "15000", "payment_days": "30", "risk": "Livrer",
    }
    billing = record.billing
    assert (billing.line1, billing.line2, billing.postcode, billing.city, billing.country, billing.phone) == (
        "15 rue de la République", "2e étage", "69002", "Lyon", "FR", "04 78 42 10 20")
    assert (record.shipping.company, record.shipping.city) == ("Bijouterie Topaz", "Lyon")  # LI_Principal
    assert record.password is None  # default policy: the shop's own e-mail
    assert not (mapped.newsletter or mapped.opt_in or mapped.welcome_email)
    others = [(a.company, a.city) for a in mapped.extra_addresses[:2]]
    assert others == [("Topaz - boutique Villeurbanne", "Villeurbanne"), ("Topaz - réserve Vénissieux", "Vénissieux")]


def test_contacts_become_addresses_and_the_one_without_email_is_skipped(customers, context):
    mapped = export(customers["TOPAZ"], context)
    contact_addresses = mapped.extra_addresses[2:]
    assert [(a.first_name, a.last_name, a.email) for a in contact_addresses] == [
        ("Marie", "LEFÈVRE", "marie.lefevre@bijouterie-topaz.fr"),
        ("Julien", "MOREAU", "julien.moreau@bijouterie-topaz.fr"),
    ]
    assert [(w.msgid, w.params) for w in mapped.warnings] == [
        ("Contact {contact} of account {account} has no valid e-mail address: skipped.",
         {"contact": "3", "account": "TOPAZ"}),
    ]
    assert rendered(mapped.warnings[0]) == "Le contact 3 du compte TOPAZ n'a pas d'adresse e-mail valide : ignoré."


def test_contacts_without_email_are_kept_as_addresses_when_the_switch_is_off(customers, context):
    mapped = export(customers["TOPAZ"], context, skip_contacts_without_email=False)
    assert [a.last_name for a in mapped.extra_addresses[2:]] == ["LEFÈVRE", "MOREAU", "GIRARD"]
    assert mapped.warnings == ()


def test_contacts_as_linked_accounts(customers, context):
    mapped = export(customers["TOPAZ"], context, contacts_as="accounts")
    assert [(c.key, c.email, c.first_name, c.last_name, c.company, c.group_shop_id) for c in mapped.contacts] == [
        ("TOPAZ/1", "marie.lefevre@bijouterie-topaz.fr", "Marie", "LEFÈVRE", "Bijouterie Topaz", "g-retail"),
        ("TOPAZ/2", "julien.moreau@bijouterie-topaz.fr", "Julien", "MOREAU", "Bijouterie Topaz", "g-retail"),
    ]
    assert mapped.contacts[0].meta["erp_account"] == "TOPAZ" and mapped.contacts[0].meta["erp_contact"] == "1"
    assert len(mapped.extra_addresses) == 2  # only the other delivery addresses
    assert [w.params["contact"] for w in mapped.warnings] == ["3"]  # an account needs an e-mail


def test_no_contacts_when_switched_off(customers, context):
    mapped = export(customers["TOPAZ"], context, contacts_as="none")
    assert mapped.contacts == () and len(mapped.extra_addresses) == 2 and mapped.warnings == ()


def test_dormant_and_emailless_accounts_are_skipped_with_a_message_naming_them(customers, context):
    dormant = export(customers["ANCIEN"], context)
    no_email = export(customers["DUBOIS"], context)
    assert (dormant.disposition, dormant.record) == (Disposition.DORMANT, None)
    assert (no_email.disposition, no_email.record) == (Disposition.NO_EMAIL, None)
    assert rendered(dormant.skipped) == "Le compte ANCIEN est en sommeil : ignoré."
    assert "DUBOIS" in rendered(no_email.skipped) and "DUBOIS" in rendered(no_email.skipped, "en")


def test_every_demo_account_gets_its_disposition(customers, context):
    kinds = {account: export(c, context).disposition for account, c in customers.items()}
    assert kinds == {
        "ANCIEN": Disposition.DORMANT, "BRUXELLES": Disposition.EXPORT, "COMPTOIR": Disposition.EXPORT,
        "DUBOIS": Disposition.NO_EMAIL, "GROSSOR": Disposition.EXPORT, "LONDON": Disposition.EXPORT,
        "RGPD0001": Disposition.ERASED, "SAPHIR": Disposition.EXPORT, "TOPAZ": Disposition.EXPORT,
        "WEBMODELE": Disposition.DORMANT,
    }


def test_countries_become_iso_codes(customers, context):
    london = export(customers["LONDON"], context).record
    brussels = export(customers["BRUXELLES"], context).record
    assert (london.billing.country, brussels.billing.country) == ("GB", "BE")
    assert london.meta["payment_days"] == "45" and london.meta["vat_number"] == "GB123456789"


def test_an_unknown_country_is_sent_empty_with_one_warning(customers, context):
    topaz = customers["TOPAZ"]
    main, *others = topaz.delivery_addresses
    elsewhere = replace(topaz, billing_address=replace(topaz.billing_address, country="Atlantide"),
                        delivery_addresses=(replace(main, country="Atlantide"), *others))
    mapped = export(elsewhere, context, contacts_as="none")
    assert (mapped.record.billing.country, mapped.record.shipping.country) == ("", "")
    assert [(w.params["account"], w.params["country"]) for w in mapped.warnings] == [("TOPAZ", "Atlantide")]


def test_a_new_customer_is_sent_whole_with_a_random_password_when_asked(customers, context):
    record = export(customers["TOPAZ"], context).record
    settings = ExportCustomersSettings(password_policy="random")
    created = build_customer(record, None, ALL_PARTS, settings)
    assert len(created.password) == 16 and created.password != build_customer(record, None, ALL_PARTS, settings).password
    assert replace(created, password=None) == record
    assert build_customer(record, None, ALL_PARTS, ExportCustomersSettings()).password is None  # the shop's e-mail
    assert build_customer(record, "12", ALL_PARTS, settings).password is None  # never on update


def test_update_switches_give_the_updatable_parts():
    assert updatable_parts(CustomerUpdateSwitches()) == ALL_PARTS - {"email"}  # the login: off by default
    off = CustomerUpdateSwitches(email=True, names=False, group=False, default_group=False, addresses=False,
                                 notes=False, b2b=False)
    assert updatable_parts(off) == {"identity", "email"}
    assert "group" in updatable_parts(CustomerUpdateSwitches(group=False))  # the default group is still updated


def test_an_update_sends_only_its_parts(customers, context):
    record = export(customers["TOPAZ"], context).record
    names_only = build_customer(record, "12", {"identity", "names"}, ExportCustomersSettings())
    assert (names_only.shop_id, names_only.first_name, names_only.last_name) == ("12", "Marie", "Lefèvre")
    assert (names_only.email, names_only.company, names_only.billing, names_only.shipping, names_only.group_shop_id) == (
        None, None, None, None, None)
    assert names_only.meta == {"erp_account": "TOPAZ"}
    b2b = build_customer(record, "12", {"identity", "b2b", "addresses"}, ExportCustomersSettings())
    assert b2b.company == "Bijouterie Topaz" and b2b.meta["siret"] == "48271635900027"
    assert b2b.billing.email == "contact@bijouterie-topaz.fr"  # the billing address, not the login


def test_part_hashes_change_only_with_their_part(customers, context):
    record = export(customers["TOPAZ"], context).record
    before = part_hashes(record)
    assert set(before) == ALL_PARTS
    assert part_hashes(export(customers["TOPAZ"], context).record) == before  # stable across runs
    moved = replace(record, billing=replace(record.billing, city="Villeurbanne"))
    raised = replace(record, meta={**record.meta, "credit_limit": "20000"})
    assert {p for p, h in part_hashes(moved).items() if h != before[p]} == {"addresses"}
    assert {p for p, h in part_hashes(raised).items() if h != before[p]} == {"b2b"}


def test_dormant_and_blocked_accounts_are_disabled_but_not_the_erased_one(customers, context):
    standings = dict(context.standings)
    standings["GROSSOR"] = CustomerStanding("GROSSOR", blocked=True, risk_label="Bloquer")
    assert accounts_to_disable(customers.values(), standings) == ["ANCIEN", "GROSSOR", "WEBMODELE"]
    assert accounts_to_disable(customers.values(), context.standings) == ["ANCIEN", "WEBMODELE"]


def test_the_gdpr_erased_account_is_anonymised_and_journaled_without_personal_data(customers, context):
    assert accounts_to_anonymise(customers.values(), context.standings) == ["RGPD0001"]
    erased = customers["RGPD0001"]
    mapped = export(erased, context)
    assert mapped.record is None and mapped.contacts == () and mapped.extra_addresses == ()
    texts = [rendered(m, lang) for m in (mapped.skipped, anonymised_message("RGPD0001")) for lang in ("fr", "en")]
    assert texts[2] == ("Le compte RGPD0001 a été effacé dans la gestion commerciale (RGPD) : "
                        "client anonymisé dans la boutique.")
    for text in texts:
        assert "RGPD0001" in text
        assert erased.name not in text  # "Client anonymisé": the account's name is not said
    assert all(set(m.params) == {"account"} for m in (mapped.skipped, anonymised_message("RGPD0001")))


def test_credit_limit_is_sent_as_its_exact_decimal(customers, context):
    odd = replace(customers["GROSSOR"], credit_limit=Decimal("1234.50"))
    assert export(odd, context).record.meta["credit_limit"] == "1234.50"
