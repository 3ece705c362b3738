"""Import prospects end to end: customers created in the sandbox shop (WooCommerce, PrestaShop;
some without orders) become accounts of the Bijou back office, through the CLI; the Sage
tables are read after."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.cli import app
from gescom_sync.profiles import load_profile, save_profile
from gescom_sync.profiles.customers import AccountNumbering, CustomerRules, NumberingPart
from gescom_sync.state import StateStore
from tests.operations.shop_state import add_product, create_customer, place_order

BIJOU_ACCOUNTS = 14  # customers and suppliers of the demo's F_COMPTET


def cli(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def create_shop_customers(shop: str, sandbox: Any) -> dict[str, int]:
    """Three accounts without orders (one with Saphir's e-mail), one that ordered: name -> shop id."""
    people = {
        "durand": {"email": "heloise.durand@example.fr", "first_name": "Héloïse", "last_name": "Durand",
                   "billing": {"first_name": "Héloïse", "last_name": "Durand", "address_1": "3 rue de l'Église",
                               "postcode": "33000", "city": "Bordeaux", "country": "FR", "phone": "0556000000",
                               "email": "heloise.durand@example.fr"}},
        "martin": {"email": "paul.martin@example.fr", "first_name": "Paul", "last_name": "Martin",
                   "billing": {"company": "Bijoux Martin", "address_1": "8 place Bellecour", "postcode": "69002",
                               "city": "Lyon", "country": "FR"}},
        "saphir": {"email": "bonjour@atelier-saphir.fr", "first_name": "Lucie", "last_name": "Fabre"},
        "buyer": {"email": "acheteur@example.fr", "first_name": "Jean", "last_name": "Acheteur"},
    }
    ids = {name: create_customer(sandbox, body) for name, body in people.items()}
    add_product(shop, sandbox, "BAOR01", Decimal("100.00"))
    place_order(shop, sandbox, [("BAOR01", 1)], customer=ids["buyer"])
    return ids


def set_rules(profile: str, **values: Any) -> None:
    settings = load_profile(profile)
    settings.customer_rules = CustomerRules(template_account="WEBMODELE", **values)
    save_profile(settings)


def accounts(database: Path) -> dict[str, dict[str, Any]]:
    engine = sa.create_engine(f"sqlite:///{database}")
    table = schema.F_COMPTET
    with engine.connect() as connection:
        rows = {r.CT_Num: dict(r._mapping) for r in connection.execute(sa.select(table))}
    engine.dispose()
    return rows


def last_actions(profile: str) -> dict[str, tuple[str, Any]]:
    with StateStore.open() as store:
        run = store.runs.last(profile)
        events = [e for e in store.runs.events(run.id) if e.kind == "item"]
        return {e.data["key"]: (e.data["action"], (e.data["reason"] or {}).get("params")) for e in events}


def test_prospects_become_accounts_and_a_second_run_creates_nothing(profile, shop, sandbox, tmp_path):
    ids = create_shop_customers(shop, sandbox)
    set_rules(profile)
    result = cli("import", "prospects")
    assert result.exit_code == 0, result.output

    durand, martin = f"WEB{ids['durand']:06d}", f"WEB{ids['martin']:06d}"
    rows = accounts(tmp_path / "bijou.sqlite")
    assert len(rows) == BIJOU_ACCOUNTS + 2
    assert (rows[durand]["CT_Intitule"], rows[durand]["CT_EMail"], rows[durand]["CT_Ville"]) == (
        "Héloïse Durand", "heloise.durand@example.fr", "Bordeaux")
    assert (rows[durand]["CT_Prospect"], rows[durand]["CT_Sommeil"], rows[durand]["N_CatTarif"]) == (1, 0, 3)
    assert rows[martin]["CT_Intitule"] == "Bijoux Martin"
    assert f"Id Customer:{ids['durand']}, Numéro de compte= {durand}" in result.output
    assert last_actions(profile) == {
        str(ids["durand"]): ("created", {"shop_id": str(ids["durand"]), "account": durand}),
        str(ids["martin"]): ("created", {"shop_id": str(ids["martin"]), "account": martin}),
        str(ids["saphir"]): ("unchanged", {"account": "SAPHIR", "how": "email"}),  # matched by e-mail
    }  # the customer who ordered is no prospect

    again = cli("import", "prospects")
    assert again.exit_code == 0, again.output
    assert len(accounts(tmp_path / "bijou.sqlite")) == BIJOU_ACCOUNTS + 2
    assert {key: action for key, (action, _params) in last_actions(profile).items()} == {
        str(ids["durand"]): "unchanged", str(ids["martin"]): "unchanged", str(ids["saphir"]): "unchanged"}
    with StateStore.open() as store:
        assert store.bindings.get(profile, "customer", durand).shop_id == str(ids["durand"])
        assert store.bindings.get(profile, "customer", "SAPHIR").shop_id == str(ids["saphir"])


def test_numbering_parts_collision_accents_and_upper_case(profile, shop, sandbox, tmp_path):
    ids = create_shop_customers(shop, sandbox)
    numbering = AccountNumbering(prefix="WEB", suffix="B2", counter_digits=4, parts=[
        NumberingPart(source="shop_id", length=3), NumberingPart(source="last_name", length=5)])
    set_rules(profile, numbering=numbering, remove_accents=True, uppercase_name=True, uppercase_addresses=True)
    taken = f"WEB{ids['durand']:03d}DURANB20001"
    copy_account(tmp_path / "bijou.sqlite", "ORFEVRE", taken)  # a supplier already has the first code

    result = cli("import", "prospects")
    assert result.exit_code == 0, result.output
    rows = accounts(tmp_path / "bijou.sqlite")
    durand = rows[f"WEB{ids['durand']:03d}DURANB20002"]
    assert (durand["CT_Intitule"], durand["CT_Adresse"], durand["CT_Ville"]) == (
        "HELOISE DURAND", "3 RUE DE L'EGLISE", "BORDEAUX")
    assert rows[taken]["CT_Intitule"] == "Orfèvrerie Lyonnaise"  # never overwritten
    assert rows[f"WEB{ids['martin']:03d}MARTIB20001"]["CT_Intitule"] == "BIJOUX MARTIN"


@pytest.mark.parametrize(("numbering", "code"), [
    (AccountNumbering(), "WEB{id:06d}"),
    (AccountNumbering(prefix="CEG", length=8), "CEG{id:05d}"),
])
def test_default_and_padded_numbering(profile, shop, sandbox, tmp_path, numbering, code):
    ids = create_shop_customers(shop, sandbox)
    set_rules(profile, numbering=numbering)
    result = cli("import", "prospects")
    assert result.exit_code == 0, result.output
    expected = code.format(id=ids["durand"])
    assert expected in accounts(tmp_path / "bijou.sqlite")
    assert f"Id Customer:{ids['durand']}, Numéro de compte= {expected}" in result.output


def test_dry_run_writes_nothing_on_either_side(profile, shop, sandbox, tmp_path):
    ids = create_shop_customers(shop, sandbox)
    set_rules(profile)
    result = cli("import", "prospects", "--dry-run")
    assert result.exit_code == 0, result.output
    assert len(accounts(tmp_path / "bijou.sqlite")) == BIJOU_ACCOUNTS
    assert f"Numéro de compte= WEB{ids['durand']:06d}" in result.output
    assert f"Numéro de compte= WEB{ids['martin']:06d}" in result.output
    with StateStore.open() as store:
        assert store.bindings.list(profile) == []


def test_since_and_missing_template(profile, shop, sandbox, tmp_path):
    create_shop_customers(shop, sandbox)
    result = cli("import", "prospects")  # no template account: said before any account is touched
    assert result.exit_code == 2
    assert "customers.template_account" in result.output
    set_rules(profile)
    assert cli("import", "prospects", "--since", "2999-01-01").exit_code == 0
    assert len(accounts(tmp_path / "bijou.sqlite")) == BIJOU_ACCOUNTS
    assert last_actions(profile) == {}


def copy_account(database: Path, source: str, code: str) -> None:
    engine = sa.create_engine(f"sqlite:///{database}")
    table = schema.F_COMPTET
    with engine.begin() as connection:
        row = dict(connection.execute(sa.select(table).where(table.c.CT_Num == source)).mappings().one())
        row.pop("cbMarq")
        connection.execute(sa.insert(table), [{**row, "CT_Num": code, "CT_NumPayeur": code}])
    engine.dispose()
