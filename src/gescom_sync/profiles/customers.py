"""Customer settings of a profile: export to the shop (SPEC §3.4), prospects import
(§3.5) and the customer rules of the order import (§3.6).

The order import and the prospects import share :class:`CustomerRules`: how a shop
customer finds or gets its back-office account. The lead adds these blocks to
``Profile`` (``export_customers``, ``import_prospects``, and ``customers`` inside the
order import's settings).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, field_validator, model_validator

from gescom_sync.i18n import _
from gescom_sync.profiles.base import Settings

ACCOUNT_MAX_LENGTH = 17  # F_COMPTET.CT_Num

# --- back office -> shop (§3.4) -------------------------------------------------------


class CustomerUpdateSwitches(Settings):
    """Which parts of an already exported customer are replaced on the next export."""

    email: bool = Field(False, description="Changing the e-mail changes the customer's login: off by default.")
    names: bool = True
    group: bool = True
    default_group: bool = True
    addresses: bool = True
    notes: bool = True
    b2b: bool = Field(True, description="Company, SIRET, VAT number, credit limit, payment delay, risk.")


class ExportCustomersSettings(Settings):
    """Customers and contacts sent to the shop."""

    contacts_as: Literal["none", "accounts", "addresses"] = Field(
        "addresses", description="Contacts of an account become extra shop accounts, extra addresses, or nothing."
    )
    skip_contacts_without_email: bool = True
    password_policy: Literal["none", "random"] = Field(
        "none", description="New accounts: no password (the shop's own e-mail lets the customer choose one) or random."
    )
    newsletter: bool = Field(False, description="Subscribe new customers to the newsletter (their consent is needed).")
    opt_in: bool = Field(False, description="Mark new customers as accepting partners' offers (consent needed).")
    welcome_email: bool = Field(False, description="Ask the shop to send its welcome e-mail to new customers.")
    update: CustomerUpdateSwitches = Field(default_factory=CustomerUpdateSwitches)
    default_country: str = Field("FR", min_length=2, max_length=2, description="ISO code when the account has none.")
    gdpr_email: str = Field("gdpr@gdpr.gdpr", description="E-mail given to customers anonymised after a GDPR erasure.")

    @field_validator("default_country")
    @classmethod
    def _upper_country(cls, value: str) -> str:
        return value.upper()

    @field_validator("gdpr_email")
    @classmethod
    def _an_email(cls, value: str) -> str:
        local, at, domain = value.partition("@")
        if not (local and at and "." in domain):
            raise ValueError(_("expected an e-mail address such as gdpr@gdpr.gdpr"))
        return value


# --- shop -> back office (§3.5, §3.6) -------------------------------------------------

NumberingSource = Literal["shop_id", "last_name", "first_name", "company", "postcode", "city"]


class NumberingPart(Settings):
    """One part of a new account number: a shop customer's value cut (or zero-padded) to ``length``."""

    source: NumberingSource
    length: int = Field(ge=1, le=ACCOUNT_MAX_LENGTH)


class AccountNumbering(Settings):
    """prefix + up to 4 parts + suffix + counter (SPEC §3.6: WEB + 124 + DURAN + B2 + 0001).

    Without parts, the shop customer id is zero-padded to ``length`` (``WEB000530``).
    """

    prefix: str = Field("WEB", max_length=ACCOUNT_MAX_LENGTH - 1)
    parts: list[NumberingPart] = Field(default_factory=list, max_length=4)
    suffix: str = Field("", max_length=8)
    counter_digits: int = Field(0, ge=0, le=6, description="0: no counter unless the code is taken.")
    length: int = Field(9, ge=2, le=ACCOUNT_MAX_LENGTH, description="Account length when there are no parts.")

    @field_validator("prefix", "suffix")
    @classmethod
    def _code_characters(cls, value: str) -> str:
        if value and not value.isalnum():
            raise ValueError(_("expected letters and digits only"))
        return value.upper()


MatchOn = Literal["siret", "email", "vat_number"]


class CustomerRules(Settings):
    """How a shop customer gets its back-office account (order import, prospects import)."""

    mode: Literal["per_customer", "single"] = "per_customer"
    single_account: str | None = Field(None, max_length=ACCOUNT_MAX_LENGTH, description="Account used for every order.")
    guest_account: str | None = Field(None, max_length=ACCOUNT_MAX_LENGTH, description="Account of guest orders.")
    template_account: str | None = Field(
        None, max_length=ACCOUNT_MAX_LENGTH, description="New accounts copy this account's settings."
    )
    match_by_siret: bool = True
    match_by_email: bool = True
    match_by_vat_number: bool = True
    numbering: AccountNumbering = Field(default_factory=AccountNumbering)
    remove_accents: bool = False
    uppercase_name: bool = False
    uppercase_addresses: bool = False
    phone_from: Literal["phone", "mobile"] = "phone"
    fax_from: Literal["none", "phone", "mobile"] = "none"
    default_representative: int | None = Field(None, ge=1, description="F_COLLABORATEUR number (CO_No).")
    update_addresses: bool = False
    siret_meta_key: str = Field("siret", min_length=1, description="Shop customer field holding the SIRET.")
    vat_meta_key: str = Field("vat_number", min_length=1, description="Shop customer field holding the VAT number.")
    mobile_meta_key: str = Field("mobile", min_length=1, description="Shop customer field holding the mobile phone.")
    account_meta_key: str = Field(
        "erp_account", min_length=1, description="Shop customer field holding the back-office account number."
    )

    @model_validator(mode="after")
    def _single_needs_account(self) -> CustomerRules:
        if self.mode == "single" and not self.single_account:
            raise ValueError(_("mode 'single' needs single_account"))
        return self

    def matching_order(self) -> list[MatchOn]:
        """The switched-on matches, in the SPEC's order: SIRET, then e-mail, then VAT number."""
        switches: list[tuple[MatchOn, bool]] = [
            ("siret", self.match_by_siret),
            ("email", self.match_by_email),
            ("vat_number", self.match_by_vat_number),
        ]
        return [name for name, on in switches if on]


class ImportProspectsSettings(Settings):
    """Shop accounts that never ordered become back-office accounts (flagged prospects)."""

    since: date | None = Field(None, description="Only accounts created or modified since this date.")
    customers: CustomerRules = Field(default_factory=CustomerRules)
