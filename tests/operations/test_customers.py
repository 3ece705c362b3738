"""Customer groups, customers, disable and GDPR end to end: the Bijou back office, the
sandbox shop (WooCommerce, PrestaShop), through the CLI; both sides are read after each run
(the shop's customers through :func:`tests.operations.shop_state.customers`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.cli import app
from gescom_sync.paths import logs_dir
from gescom_sync.profiles import load_profile, save_profile
from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.shops.woocommerce.connector import WooCommerceConnector
from gescom_sync.state import StateStore
from gescom_sync.state.tables import run_events, run_items
from tests.operations.shop_state import create_customer, customers

TOPAZ_EMAIL = "contact@bijouterie-topaz.fr"
SAPHIR_PERSONAL_DATA = ("bonjour@atelier-saphir.fr", "Atelier Saphir", "Lucie", "Fabre", "quai de la Fosse", "Nantes",
                        "44000")

# ----------------------------------------------------------------- helpers


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def last_run(profile: str) -> tuple[str, dict[tuple[str, str], str]]:
    """Status and item actions of the profile's last run."""
    with StateStore.open() as store:
        run = store.runs.last(profile)
        return run.status, {(item.entity, item.key): item.action for item in store.runs.items(run.id)}


def update_account(database: Path, account: str, **values: Any) -> None:
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(sa.update(schema.F_COMPTET).where(schema.F_COMPTET.c.CT_Num == account).values(**values))
    engine.dispose()


def erase_saphir(database: Path) -> None:
    """What the back office's GDPR erasure does: data cleared, excluded from marketing, dormant."""
    update_account(database, "SAPHIR", CT_Intitule="Client anonymisé", CT_Contact="", CT_Adresse="",
                   CT_CodePostal="", CT_Ville="", CT_EMail="", CT_Sommeil=1, CT_ExclureTrait=1, CT_GDPR=1)
    engine = sa.create_engine(f"sqlite:///{database}")
    with engine.begin() as connection:
        connection.execute(sa.delete(schema.F_LIVRAISON).where(schema.F_LIVRAISON.c.CT_Num == "SAPHIR"))
    engine.dispose()


def configure_export(profile: str, **values: Any) -> None:
    settings = load_profile(profile)
    for name, value in values.items():
        target = settings.export_customers
        *path, last = name.split("__")
        for part in path:
            target = getattr(target, part)
        setattr(target, last, value)
    save_profile(settings)


class CustomerWrites:
    """Counts the records sent by ``write_customers`` of either shop."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.sent: list[Any] = []
        for connector_class in (WooCommerceConnector, PrestaShopConnector):
            monkeypatch.setattr(connector_class, "write_customers", self._counting(connector_class.write_customers))

    def _counting(self, original: Any) -> Any:
        def counting(connector: Any, records: Any) -> Any:
            self.sent.extend(records)
            return original(connector, records)

        return counting


# ----------------------------------------------------------------- customer groups


@pytest.mark.parametrize("shop", ["woocommerce"])  # what WooCommerce lacks
def test_customer_groups_say_clearly_that_woocommerce_has_none(profile):
    result = cli("export", "customer-groups")
    assert result.exit_code == 0, result.output
    assert "groupes de clients : non pris en charge par WooCommerce car WooCommerce n'a pas de groupes" in result.output
    status, actions = last_run(profile)
    assert status == "succeeded_with_warnings"
    assert actions == {("customer_group", "1"): "skipped", ("customer_group", "2"): "skipped",
                       ("customer_group", "3"): "skipped"}


@pytest.mark.parametrize("shop", ["prestashop"])  # what PrestaShop has
def test_customer_groups_become_prestashop_groups_with_their_price_display(profile, sandbox):
    result = cli("export", "customer-groups")
    assert result.exit_code == 0, result.output
    status, actions = last_run(profile)
    assert (status, set(actions)) == ("succeeded", {("customer_group", "1"), ("customer_group", "2"),
                                                    ("customer_group", "3")})
    assert set(actions.values()) == {"created"}
    created = {group["name"][0]["value"]: group["price_display_method"]
               for group in sandbox.shop.store.all("groups") if group["id"] > 3}  # 1-3: PrestaShop's own
    assert created == {"Détaillants": 1, "Clients comptoir": 0, "Grossistes": 1}  # 1: prices tax excluded

    assert cli("export", "customer-groups").exit_code == 0
    assert set(last_run(profile)[1].values()) == {"unchanged"}


# ----------------------------------------------------------------------- customers


def test_topaz_exported_with_its_b2b_data_dormant_and_email_less_accounts_skipped(profile, sandbox, shop):
    result = cli("export", "customers")
    assert result.exit_code == 0, result.output

    exported = customers(sandbox, profile)
    assert set(exported) == {TOPAZ_EMAIL, "achats@or-argent-diffusion.fr", "comptoir@bijou-demo.fr",
                              "bonjour@atelier-saphir.fr", "orders@londonjewels.example",
                              "info@bijoux-bruxelles.example"}
    topaz = exported[TOPAZ_EMAIL]
    assert (topaz["first_name"], topaz["last_name"]) == ("Marie", "Lefèvre")
    assert {k: topaz["billing"][k] for k in ("company", "address_1", "address_2", "postcode", "city", "country")} == {
        "company": "Bijouterie Topaz", "address_1": "15 rue de la République", "address_2": "2e étage",
        "postcode": "69002", "city": "Lyon", "country": "FR"}
    assert [topaz[k] for k in ("erp_account", "siret", "vat_number", "credit_limit", "payment_days")] == [
        "TOPAZ", "48271635900027", "FR58482716359", "15000", "30"]
    assert exported["orders@londonjewels.example"]["billing"]["country"] == "GB"

    status, actions = last_run(profile)
    assert status == "succeeded_with_warnings"
    assert {key: action for (_e, key), action in actions.items() if action == "skipped"} == {
        "ANCIEN": "skipped", "DUBOIS": "skipped", "RGPD0001": "skipped", "WEBMODELE": "skipped"}
    assert "Le compte DUBOIS n'a pas d'adresse e-mail valide" in result.output
    assert "Avertissement : Le compte DUBOIS" in result.output
    assert "ANCIEN : ignoré (Le compte ANCIEN est en sommeil" in result.output
    # Groups: WooCommerce has none, said once; the other addresses neither shop holds yet are named.
    assert result.output.count("groupes de clients : non pris en charge par WooCommerce") == (shop == "woocommerce")
    assert "Compte TOPAZ : autres adresses non envoyées : 4" in result.output  # 2 delivery + 2 contacts


def test_second_export_sends_nothing_and_the_email_switch_guards_the_login(profile, sandbox, shop, tmp_path,
                                                                           monkeypatch):
    assert cli("export", "customers").exit_code == 0
    writes = CustomerWrites(monkeypatch)
    assert cli("export", "customers").exit_code == 0
    assert writes.sent == []
    assert {a for a in last_run(profile)[1].values()} == {"unchanged", "skipped"}

    update_account(tmp_path / "bijou.sqlite", "TOPAZ", CT_Contact="Marie Lefèvre-Roux", CT_EMail="marie@topaz.example")
    assert cli("export", "customers").exit_code == 0
    assert [(r.key, r.email, r.last_name) for r in writes.sent] == [("TOPAZ", None, "Lefèvre-Roux")]
    topaz = customers(sandbox, profile)[TOPAZ_EMAIL]  # the login is kept: the e-mail switch is off
    assert topaz["last_name"] == "Lefèvre-Roux"
    if shop == "woocommerce":  # a PrestaShop address has no e-mail
        assert topaz["billing"]["email"] == "marie@topaz.example"  # the billing address goes with "addresses"

    configure_export(profile, update__email=True)
    assert cli("export", "customers").exit_code == 0
    assert "marie@topaz.example" in customers(sandbox, profile)


@pytest.mark.parametrize(("contacts_as", "expected"), [
    ("accounts", {"TOPAZ/1": "marie.lefevre@bijouterie-topaz.fr", "TOPAZ/2": "julien.moreau@bijouterie-topaz.fr",
                  "GROSSOR/4": "sophie.bernard@or-argent-diffusion.fr", "LONDON/5": "james.smith@londonjewels.example"}),
    ("none", {}),
])
def test_contacts_follow_the_setting(profile, sandbox, contacts_as, expected):
    configure_export(profile, contacts_as=contacts_as)
    result = cli("export", "customers")
    assert result.exit_code == 0, result.output
    contacts = {c["key"]: c for c in customers(sandbox, profile).values() if c["erp_contact"]}
    assert {key: c["email"] for key, c in contacts.items()} == expected
    if contacts_as == "accounts":
        marie = contacts["TOPAZ/1"]
        assert (marie["first_name"], marie["last_name"], marie["erp_account"]) == ("Marie", "LEFÈVRE", "TOPAZ")
        assert "Le contact 3 du compte TOPAZ n'a pas d'adresse e-mail valide" in result.output  # Paul GIRARD
        assert last_run(profile)[1][("customer", "TOPAZ/1")] == "created"


def test_a_shop_customer_with_the_same_email_is_adopted(profile, sandbox):
    existing = create_customer(sandbox, {"email": TOPAZ_EMAIL, "first_name": "M.", "last_name": "Lefèvre"})
    assert cli("export", "customers").exit_code == 0
    topaz = customers(sandbox, profile)[TOPAZ_EMAIL]
    assert (topaz["id"], topaz["first_name"], topaz["erp_account"]) == (existing, "Marie", "TOPAZ")
    with StateStore.open() as store:
        assert store.bindings.get(profile, "customer", "TOPAZ").shop_id == str(existing)


def test_new_only_and_dry_run(profile, sandbox, monkeypatch):
    writes = CustomerWrites(monkeypatch)
    result = cli("export", "customers", "--dry-run", "--filter", "CT_Num IN ('TOPAZ', 'SAPHIR')")
    assert result.exit_code == 0, result.output
    assert writes.sent == [] and customers(sandbox, profile) == {}
    assert last_run(profile)[1] == {("customer", "SAPHIR"): "created", ("customer", "TOPAZ"): "created"}
    with StateStore.open() as store:
        assert store.bindings.list(profile, "customer") == []

    assert cli("export", "customers", "--filter", "CT_Num = 'TOPAZ'").exit_code == 0
    assert cli("export", "customers", "--new-only", "--filter", "CT_Num IN ('TOPAZ', 'SAPHIR')").exit_code == 0
    assert last_run(profile)[1] == {("customer", "TOPAZ"): "skipped", ("customer", "SAPHIR"): "created"}


# ------------------------------------------------------------------ disable, GDPR


@pytest.mark.parametrize("shop", ["woocommerce"])  # what WooCommerce lacks
def test_disable_says_woocommerce_cannot_and_skips_each_account(profile, sandbox, tmp_path):
    assert cli("export", "customers").exit_code == 0
    update_account(tmp_path / "bijou.sqlite", "TOPAZ", CT_Sommeil=1)
    result = cli("update", "customers", "disable")
    assert result.exit_code == 0, result.output
    assert "désactivation des clients : non pris en charge par WooCommerce" in result.output
    status, actions = last_run(profile)
    assert status == "succeeded_with_warnings"
    assert actions == {("customer", "TOPAZ"): "skipped", ("customer", "ANCIEN"): "skipped",
                       ("customer", "WEBMODELE"): "skipped"}


@pytest.mark.parametrize("shop", ["prestashop"])  # what PrestaShop has
def test_disable_switches_the_prestashop_customer_off(profile, sandbox, tmp_path):
    assert cli("export", "customers").exit_code == 0
    update_account(tmp_path / "bijou.sqlite", "TOPAZ", CT_Sommeil=1)
    result = cli("update", "customers", "disable")
    assert result.exit_code == 0, result.output
    assert last_run(profile)[1][("customer", "TOPAZ")] == "updated"
    active = {customer["email"]: str(customer["active"]) for customer in sandbox.shop.store.all("customers")}
    assert active[TOPAZ_EMAIL] == "0" and active["bonjour@atelier-saphir.fr"] == "1"


def test_gdpr_erased_account_is_anonymised_without_personal_data_anywhere(profile, sandbox, shop, tmp_path,
                                                                          monkeypatch):
    configure_export(profile, gdpr_email="rgpd@bijou-demo.fr")
    assert cli("export", "customers").exit_code == 0
    saphir_id = customers(sandbox, profile)["bonjour@atelier-saphir.fr"]["id"]
    erase_saphir(tmp_path / "bijou.sqlite")

    dry = cli("update", "customers", "gdpr", "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert "bonjour@atelier-saphir.fr" in customers(sandbox, profile)

    result = cli("update", "customers", "gdpr")
    assert result.exit_code == 0, result.output
    anonymised = {c["id"]: c for c in customers(sandbox, profile).values()}[saphir_id]
    # WooCommerce e-mails are unique: the placeholder gets the customer id there
    assert anonymised["email"] == (f"rgpd+{saphir_id}@bijou-demo.fr" if shop == "woocommerce" else "rgpd@bijou-demo.fr")
    assert (anonymised["first_name"], anonymised["last_name"]) == ("GDPR", "GDPR")
    if shop == "woocommerce":  # its addresses are cleared to the names; PrestaShop's are deleted
        assert {k: v for k, v in anonymised["billing"].items() if v} == {
            "first_name": "GDPR", "last_name": "GDPR", "email": f"rgpd+{saphir_id}@bijou-demo.fr"}
        assert {k: v for k, v in anonymised["shipping"].items() if v} == {"first_name": "GDPR", "last_name": "GDPR"}
    else:
        assert not any(anonymised["billing"].values()) and not any(anonymised["shipping"].values())
        assert (anonymised["erp_account"], anonymised["siret"], anonymised["active"]) == (None, None, True)
    assert "Le compte SAPHIR a été effacé dans la gestion commerciale (RGPD) : client anonymisé dans la boutique." \
        in result.output
    assert last_run(profile)[1] == {("customer", "RGPD0001"): "skipped", ("customer", "SAPHIR"): "updated"}

    writes = CustomerWrites(monkeypatch)
    assert cli("update", "customers", "gdpr").exit_code == 0  # done once: nothing sent again
    assert last_run(profile)[1][("customer", "SAPHIR")] == "unchanged" and writes.sent == []
    assert cli("export", "customers").exit_code == 0  # the export never sends the erased account again
    assert last_run(profile)[1][("customer", "SAPHIR")] == "skipped"

    journal_texts = [result.output, dry.output, (logs_dir() / f"{profile}.log").read_text(encoding="utf-8")]
    with StateStore.open() as store, store.engine.connect() as connection:
        journal_texts += [str(row) for row in connection.execute(sa.select(run_events))]
        journal_texts += [str(row) for row in connection.execute(sa.select(run_items))]
    for text in journal_texts:
        for personal in SAPHIR_PERSONAL_DATA:
            assert personal not in text
