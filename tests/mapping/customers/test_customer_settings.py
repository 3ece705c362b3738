"""The customer settings of a profile: defaults, validation, and the example of docs/customers.md."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from gescom_sync.profiles.customers import CustomerRules, ExportCustomersSettings, ImportProspectsSettings

DOC = Path(__file__).parents[3] / "docs" / "customers.md"


def test_defaults_follow_the_spec():
    export = ExportCustomersSettings()
    assert (export.update.email, export.update.names, export.newsletter, export.opt_in, export.welcome_email) == (
        False, True, False, False, False)
    assert (export.skip_contacts_without_email, export.gdpr_email) == (True, "gdpr@gdpr.gdpr")
    rules = CustomerRules()
    assert rules.matching_order() == ["siret", "email", "vat_number"]
    assert (rules.numbering.prefix, rules.numbering.length, rules.numbering.counter_digits) == ("WEB", 9, 0)


def test_matching_order_keeps_the_spec_order_of_the_switched_on_matches():
    assert CustomerRules(match_by_siret=False).matching_order() == ["email", "vat_number"]
    assert CustomerRules(match_by_email=False).matching_order() == ["siret", "vat_number"]


def test_single_mode_needs_its_account():
    with pytest.raises(ValidationError, match="single_account"):
        CustomerRules(mode="single")
    assert CustomerRules(mode="single", single_account="COMPTOIR").single_account == "COMPTOIR"


@pytest.mark.parametrize("value", ["gdpr", "gdpr@", "@gdpr.gdpr", "gdpr@localhost"])
def test_the_gdpr_placeholder_must_be_an_email(value):
    with pytest.raises(ValidationError, match="gdpr_email"):
        ExportCustomersSettings(gdpr_email=value)


def test_unknown_keys_are_errors():
    with pytest.raises(ValidationError, match="match_by_phone"):
        CustomerRules(match_by_phone=True)


def test_the_documented_example_is_valid():
    example = tomllib.loads(DOC.read_text(encoding="utf-8").split("```toml\n")[1].split("```")[0])
    export = ExportCustomersSettings(**example["export_customers"])
    prospects = ImportProspectsSettings(**example["import_prospects"])
    assert export.contacts_as == "accounts"
    assert [p.source for p in prospects.customers.numbering.parts] == ["shop_id", "last_name"]
