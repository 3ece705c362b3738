"""Customers, shop -> back office (SPEC §3.5, §3.6): a shop account finds its back-office account
(the account number stored on it, then SIRET, e-mail, VAT number) or gets a new one copying
the template account, numbered by :mod:`gescom_sync.mapping.account_codes`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from gescom_sync.backoffice.writer import CustomerWriter, MatchField, NewCustomerAccount
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.journal.events import N_, Message
from gescom_sync.mapping.account_codes import account_codes, without_accents
from gescom_sync.model import Address, Contact
from gescom_sync.model.shop import ShopAccount, ShopAddress
from gescom_sync.profiles.customers import CustomerRules



@dataclass(frozen=True, slots=True)
class AccountResolution:
    """The back-office account of a shop customer and how it was found.

    ``matched_by``: ``single``, ``guest``, ``erp_account``, ``siret``, ``email``,
    ``vat_number``; None when the account was created.
    """

    account: str
    created: bool
    matched_by: str | None = None
    warnings: tuple[Message, ...] = ()


def creation_message(shop_customer_id: str, account: str) -> Message:
    """The journal's customer creation line (SPEC §3.6: ``Id Customer:70, Numéro de compte= CEG00070``)."""
    return Message(N_("Id Customer:{shop_id}, account number= {account}"), shop_id=shop_customer_id, account=account)


def resolve_account(writer: CustomerWriter, account: ShopAccount, rules: CustomerRules, *, guest: bool = False,
                    prospect: bool = False) -> AccountResolution:
    """Find the back-office account of ``account``, or create it (SPEC §3.6 customer rules)."""
    if rules.mode == "single":
        return AccountResolution(_existing(writer, rules.single_account, "single_account"), False, "single")
    if guest and rules.guest_account:
        return AccountResolution(_existing(writer, rules.guest_account, "guest_account"), False, "guest")
    warnings: list[Message] = []
    found, how = _find(writer, account, rules, warnings)
    if found:
        if rules.update_addresses:
            new = new_account(account, rules, prospect=prospect)
            warnings += writer.update_customer_addresses(found, new.billing, new.delivery)
        return AccountResolution(found, False, how, tuple(warnings))
    if not rules.template_account:
        raise ConfigError(_("customers.template_account is not set: a new account copies the settings of a "
                            "template account."))
    new = new_account(account, rules, prospect=prospect)
    created = writer.create_customer(account_codes(rules.numbering, numbering_values(account)), new)
    return AccountResolution(created.account, True, None, tuple(warnings) + created.warnings)


def _find(writer: CustomerWriter, account: ShopAccount, rules: CustomerRules,
          warnings: list[Message]) -> tuple[str | None, str | None]:
    """The account stored on the shop customer, else the first match (SIRET, e-mail, VAT number)."""
    stored = (account.meta.get(rules.account_meta_key) or "").strip()
    if stored:
        if writer.customer_exists(stored):
            return stored, "erp_account"
        warnings.append(Message(N_("Shop customer {shop_id} names account {account}, which the back office does not "
                                   "have: looking for a matching account instead."),
                                shop_id=account.id, account=stored))
    for field, value in _match_values(account, rules):
        found = writer.find_customer(field, value)
        if found:
            return found, field.value
    return None, None


def select_prospects(accounts: Iterable[ShopAccount], since: datetime | None = None) -> list[ShopAccount]:
    """Shop accounts that never ordered, created or modified since ``since`` (SPEC §3.5)."""
    def recent(account: ShopAccount) -> bool:
        moment = account.modified_at or account.created_at
        return since is None or (moment is not None and _utc(moment) >= _utc(since))

    return [a for a in accounts if not a.has_ordered and recent(a)]


def _utc(moment: datetime) -> datetime:
    """A naive moment is taken as UTC, so that it compares with the shop's aware ones."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _existing(writer: CustomerWriter, account: str | None, key: str) -> str:
    if not account or not writer.customer_exists(account):
        raise ConfigError(_("The account {account} (customers.{key}) does not exist in the back office.").format(
            account=account, key=key))
    return account


def _match_values(account: ShopAccount, rules: CustomerRules) -> list[tuple[MatchField, str]]:
    values = {
        "siret": account.meta.get(rules.siret_meta_key, ""),
        "email": account.email or account.billing.email,
        "vat_number": account.meta.get(rules.vat_meta_key, ""),
    }
    return [(MatchField(name), values[name].strip()) for name in rules.matching_order() if values[name].strip()]


def numbering_values(account: ShopAccount) -> dict[str, str]:
    """The values the account numbering can use (SPEC §3.6)."""
    first, last = _names(account)
    return {"shop_id": account.id, "last_name": last, "first_name": first, "company": account.billing.company,
            "postcode": account.billing.postcode, "city": account.billing.city}


def _names(account: ShopAccount) -> tuple[str, str]:
    return (account.first_name or account.billing.first_name).strip(), (account.last_name or account.billing.last_name).strip()


def new_account(account: ShopAccount, rules: CustomerRules, *, prospect: bool = False) -> NewCustomerAccount:
    """The account to create for a shop customer, with the text options applied."""
    texts = _TextRules(rules)
    first, last = (texts.person(n) for n in _names(account))
    last = last.upper() if rules.uppercase_name else last
    person = " ".join(p for p in (first, last) if p)
    company = texts.person(account.billing.company)
    name = company or person or account.email
    mobile = account.meta.get(rules.mobile_meta_key, "").strip()
    phones = {"phone": account.billing.phone.strip(), "mobile": mobile, "none": ""}
    billing = _address(account.billing, name, person, texts)
    delivery = _address(account.shipping, name, _joined(account.shipping, texts) or person, texts)
    return NewCustomerAccount(
        name=name.upper() if rules.uppercase_name else name,
        template=rules.template_account or "",
        billing=billing,
        email=account.email or account.billing.email or None,
        phone=phones[rules.phone_from] or None,
        fax=phones[rules.fax_from] or None,
        siret="".join(account.meta.get(rules.siret_meta_key, "").split()) or None,
        vat_number="".join(account.meta.get(rules.vat_meta_key, "").split()).upper() or None,
        delivery=delivery if _is_other_address(account.shipping, account.billing) else None,
        contact=Contact(id="", last_name=last or None, first_name=first or None, phone=account.billing.phone or None,
                        mobile=mobile or None, email=account.email or None),
        representative=rules.default_representative,
        prospect=prospect,
    )


class _TextRules:
    """remove accents / upper-case options applied to names and addresses."""

    def __init__(self, rules: CustomerRules) -> None:
        self.rules = rules

    def person(self, text: str) -> str:
        text = " ".join(text.split())
        return without_accents(text) if self.rules.remove_accents else text

    def address(self, text: str) -> str:
        text = self.person(text)
        return text.upper() if self.rules.uppercase_addresses else text


def _joined(address: ShopAddress, texts: _TextRules) -> str:
    return " ".join(p for p in (texts.person(address.first_name), texts.person(address.last_name)) if p)


def _address(address: ShopAddress, name: str, contact: str, texts: _TextRules) -> Address:
    return Address(
        id=None,
        name=texts.person(address.company) or name,
        line1=texts.address(address.line1) or None,
        line2=texts.address(address.line2) or None,
        postcode=address.postcode.strip() or None,
        city=texts.address(address.city) or None,
        region=texts.address(address.state) or None,
        country=address.country.strip().upper() or None,
        contact=contact or None,
        phone=address.phone.strip() or None,
        email=address.email.strip() or None,
    )


def _is_other_address(shipping: ShopAddress, billing: ShopAddress) -> bool:
    """A shipping address worth its own row: filled in, and not the billing address again."""
    if not (shipping.line1.strip() or shipping.city.strip()):
        return False
    fields = ("line1", "line2", "postcode", "city", "country", "company", "first_name", "last_name")
    return any(getattr(shipping, f).strip().casefold() != getattr(billing, f).strip().casefold() for f in fields)
