"""Customers between the back office and the shop.

Back office -> shop (SPEC §3.4): price categories become customer groups; accounts
become shop customers with their B2B data, the other delivery addresses and the
contacts; dormant, blocked and GDPR-erased accounts are sorted out for the disable and
anonymise operations. Skips and problems are returned as journal messages, never printed.

Shop -> back office (SPEC §3.5, §3.6): a shop account finds its back-office account (the
account number stored on it, then SIRET, e-mail, VAT number) or gets a new one copying
the template account, numbered by :mod:`gescom_sync.mapping.account_codes`.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from gescom_sync.backoffice.base import CustomerStanding
from gescom_sync.backoffice.writer import CustomerWriter, MatchField, NewCustomerAccount
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.journal.events import N_, Message
from gescom_sync.mapping.account_codes import account_codes, without_accents
from gescom_sync.mapping.catalogue.parts import content_hash
from gescom_sync.model import Address, Contact, Customer, CustomerGroup
from gescom_sync.model.shop import ShopAccount, ShopAddress, ShopCustomer, ShopCustomerGroup
from gescom_sync.profiles.customers import CustomerRules, CustomerUpdateSwitches, ExportCustomersSettings

# Shop-neutral meta keys of a shop customer; each shop connector stores them its own way.
ERP_ACCOUNT = "erp_account"  # the back-office account number (SPEC §3.4, §3.11)
ERP_CONTACT = "erp_contact"  # the contact number, on a contact exported as an account
COMPANY, SIRET, VAT_NUMBER = "company", "siret", "vat_number"
CREDIT_LIMIT, PAYMENT_DAYS, RISK = "credit_limit", "payment_days", "risk"
NOTE = "note"

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")


def valid_email(value: str | None) -> bool:
    return bool(value) and EMAIL.match(value.strip()) is not None


# ==================================================================== back office -> shop


def customer_groups(categories: Sequence[CustomerGroup], bound: Mapping[str, str] | None = None) -> list[ShopCustomerGroup]:
    """One shop group per price category, keyed by its slot; ``bound`` gives shop ids already known."""
    bound = bound or {}
    return [ShopCustomerGroup(key=c.id, name=c.name, tax_included=c.tax_included, shop_id=bound.get(c.id))
            for c in categories]


class Disposition(StrEnum):
    """What the customer export does with an account."""

    EXPORT = "export"
    DORMANT = "dormant"  # skipped; disabled in the shop when it is there
    NO_EMAIL = "no_email"  # skipped with a warning: the shop needs an e-mail
    ERASED = "erased"  # GDPR: never exported; anonymised in the shop when it is there


def disposition(customer: Customer, standing: CustomerStanding | None = None) -> Disposition:
    if standing is not None and standing.gdpr_erased:
        return Disposition.ERASED
    if customer.dormant:
        return Disposition.DORMANT
    if not valid_email(customer.email):
        return Disposition.NO_EMAIL
    return Disposition.EXPORT


def accounts_to_disable(customers: Iterable[Customer], standings: Mapping[str, CustomerStanding]) -> list[str]:
    """Dormant or blocked accounts (risk code that blocks), GDPR-erased ones excepted (they are anonymised)."""
    chosen = []
    for customer in customers:
        standing = standings.get(customer.account)
        if standing is not None and standing.gdpr_erased:
            continue
        if customer.dormant or (standing is not None and standing.blocked):
            chosen.append(customer.account)
    return chosen


def accounts_to_anonymise(customers: Iterable[Customer], standings: Mapping[str, CustomerStanding]) -> list[str]:
    return [c.account for c in customers if (s := standings.get(c.account)) is not None and s.gdpr_erased]


def anonymised_message(account: str) -> Message:
    """The journal line of a GDPR anonymisation: the account number and nothing personal."""
    return Message(N_("Account {account} was erased in the back office (GDPR): customer anonymised in the shop."),
                   account=account)


@dataclass(frozen=True, slots=True)
class MappedCustomer:
    """One back-office account as shop records: the customer, its contacts exported as
    accounts, its other addresses (other delivery addresses, contacts as addresses).

    ``record`` is None when the account is not exported (``skipped`` says why). Records
    are complete, as for a creation: :func:`build_customer` gives what to send for the
    parts to create or update. ``newsletter``, ``opt_in`` and ``welcome_email`` are for
    a new customer only.
    """

    account: str
    disposition: Disposition
    record: ShopCustomer | None = None
    contacts: tuple[ShopCustomer, ...] = ()
    extra_addresses: tuple[ShopAddress, ...] = ()
    newsletter: bool = False
    opt_in: bool = False
    welcome_email: bool = False
    skipped: Message | None = None
    warnings: tuple[Message, ...] = ()


@dataclass(frozen=True, slots=True)
class ExportContext:
    """What the mapping needs besides the account: country codes, group ids, standings."""

    countries: Mapping[str, str]  # country name (F_PAYS) -> ISO code
    group_ids: Mapping[str, str] | None = None  # price category id -> shop group id (bindings)
    standings: Mapping[str, CustomerStanding] | None = None


def map_customer(customer: Customer, settings: ExportCustomersSettings, context: ExportContext) -> MappedCustomer:
    standing = (context.standings or {}).get(customer.account)
    kind = disposition(customer, standing)
    if kind is not Disposition.EXPORT:
        return MappedCustomer(customer.account, kind, skipped=_skip_message(customer.account, kind))
    warnings: list[Message] = []
    countries = _Countries(context.countries, settings.default_country, customer.account, warnings)
    record = _customer_record(customer, standing, context, countries)
    _main, other_deliveries = _deliveries(customer.delivery_addresses)
    contacts, contact_addresses = _contacts(customer, record, settings, warnings)
    extra = tuple(_shop_address(a, customer.name, countries) for a in other_deliveries) + contact_addresses
    return MappedCustomer(
        customer.account,
        kind,
        record=record,
        contacts=tuple(contacts),
        extra_addresses=extra,
        newsletter=settings.newsletter,
        opt_in=settings.opt_in,
        welcome_email=settings.welcome_email,
        warnings=tuple(warnings),
    )


def _customer_record(customer: Customer, standing: CustomerStanding | None, context: ExportContext,
                     countries: _Countries) -> ShopCustomer:
    first, last = _person(customer)
    billing = _billing(customer, first, last, countries)
    main_delivery, _others = _deliveries(customer.delivery_addresses)
    return ShopCustomer(
        key=customer.account,
        email=customer.email.strip(),
        first_name=first,
        last_name=last,
        company=customer.name,
        billing=billing,
        shipping=_shop_address(main_delivery, customer.name, countries) if main_delivery else replace(billing, email=""),
        group_shop_id=(context.group_ids or {}).get(customer.price_category or ""),
        meta=_meta(customer, standing),
    )


def _skip_message(account: str, kind: Disposition) -> Message:
    texts = {
        Disposition.DORMANT: N_("Account {account} is dormant: skipped."),
        Disposition.NO_EMAIL: N_("Account {account} has no valid e-mail address, which the shop requires: skipped."),
        Disposition.ERASED: N_("Account {account} was erased in the back office (GDPR): not exported."),
    }
    return Message(texts[kind], account=account)


def _split_name(full: str | None) -> tuple[str, str]:
    """``Marie Lefèvre`` -> (``Marie``, ``Lefèvre``); a single word is a last name."""
    words = (full or "").split()
    if len(words) < 2:
        return "", " ".join(words)
    return words[0], " ".join(words[1:])


def _person(customer: Customer) -> tuple[str, str]:
    """First and last name of the account's person: its contact name, its first contact, else its name."""
    if customer.billing_address and customer.billing_address.contact:
        return _split_name(customer.billing_address.contact)
    if customer.contacts:
        first = customer.contacts[0]
        return first.first_name or "", first.last_name or ""
    return "", customer.name


class _Countries:
    """Sage country names -> ISO codes, warning once per unknown name."""

    def __init__(self, codes: Mapping[str, str], default: str, account: str, warnings: list[Message]) -> None:
        self.codes = {_folded(name): code for name, code in codes.items()}
        self.iso = set(codes.values())
        self.default, self.account, self.warnings = default, account, warnings
        self.unknown: set[str] = set()

    def __call__(self, country: str | None) -> str:
        if not country:
            return self.default
        if country.upper() in self.iso:
            return country.upper()
        code = self.codes.get(_folded(country))
        if code is None and country not in self.unknown:
            self.unknown.add(country)
            self.warnings.append(Message(N_("Account {account}: country {country} is not in the country table; "
                                            "the address is sent without a country."),
                                         account=self.account, country=country))
        return code or ""


def _folded(text: str) -> str:
    return without_accents(text).casefold().strip()


def _billing(customer: Customer, first: str, last: str, countries: _Countries) -> ShopAddress:
    a = customer.billing_address or Address(id=None, name=customer.name)
    return ShopAddress(first_name=first, last_name=last, company=customer.name, line1=a.line1 or "",
                       line2=a.line2 or "", postcode=a.postcode or "", city=a.city or "", state=a.region or "",
                       country=countries(a.country), phone=customer.phone or "", email=customer.email.strip())


def _deliveries(addresses: Sequence[Address]) -> tuple[Address | None, list[Address]]:
    """The main delivery address (LI_Principal, else the first) and the others."""
    if not addresses:
        return None, []
    main = next((a for a in addresses if a.default), addresses[0])
    return main, [a for a in addresses if a is not main]


def _shop_address(address: Address, account_name: str, countries: _Countries) -> ShopAddress:
    first, last = _split_name(address.contact)
    return ShopAddress(first_name=first, last_name=last, company=address.name or account_name,
                       line1=address.line1 or "", line2=address.line2 or "", postcode=address.postcode or "",
                       city=address.city or "", state=address.region or "", country=countries(address.country),
                       phone=address.phone or "", email=address.email or "")


def _password(settings: ExportCustomersSettings) -> str | None:
    return secrets.token_urlsafe(12) if settings.password_policy == "random" else None


def _meta(customer: Customer, standing: CustomerStanding | None) -> dict[str, str]:
    values = {
        ERP_ACCOUNT: customer.account,
        COMPANY: customer.name,
        SIRET: customer.siret,
        VAT_NUMBER: customer.vat_number,
        CREDIT_LIMIT: str(customer.credit_limit) if customer.credit_limit else None,
        PAYMENT_DAYS: str(standing.payment_days) if standing and standing.payment_days is not None else None,
        RISK: standing.risk_label if standing else None,
        NOTE: customer.comment,
    }
    return {key: value for key, value in values.items() if value}


def _contacts(customer: Customer, main: ShopCustomer, settings: ExportCustomersSettings, warnings: list[Message]) -> tuple[list[ShopCustomer], tuple[ShopAddress, ...]]:
    """Contacts as linked accounts or as addresses, per ``settings.contacts_as``."""
    if settings.contacts_as == "none":
        return [], ()
    accounts: list[ShopCustomer] = []
    addresses: list[ShopAddress] = []
    emails = {(main.email or "").casefold()}
    for contact in customer.contacts:
        has_email = valid_email(contact.email)
        if not has_email and (settings.skip_contacts_without_email or settings.contacts_as == "accounts"):
            warnings.append(Message(N_("Contact {contact} of account {account} has no valid e-mail address: skipped."),
                                    contact=contact.id, account=customer.account))
            continue
        if settings.contacts_as == "addresses":
            addresses.append(_contact_address(contact, main.billing))
            continue
        email = contact.email.strip()
        if email.casefold() in emails:
            warnings.append(Message(N_("Contact {contact} of account {account} has the e-mail address of another "
                                       "account: skipped."), contact=contact.id, account=customer.account))
            continue
        emails.add(email.casefold())
        accounts.append(_contact_account(contact, main))
    return accounts, tuple(addresses)


def _contact_address(contact: Contact, billing: ShopAddress) -> ShopAddress:
    return replace(billing, first_name=contact.first_name or "", last_name=contact.last_name or "",
                   phone=contact.phone or contact.mobile or "", email=(contact.email or "").strip())


def _contact_account(contact: Contact, main: ShopCustomer) -> ShopCustomer:
    """A contact as a shop account of its own, linked to its account (same company, group, B2B data)."""
    billing = _contact_address(contact, main.billing) if main.billing else None
    return replace(main, key=f"{main.key}/{contact.id}", email=contact.email.strip(), first_name=contact.first_name or "",
                   last_name=contact.last_name or "", billing=billing, meta={**main.meta, ERP_CONTACT: contact.id})


# --- what to send: parts, their hashes, the update switches ---------------------------


class CustomerPart(StrEnum):
    """The parts of a shop customer, each with its update switch (SPEC §3.4)."""

    IDENTITY = "identity"  # the account (and contact) number stored on the customer: no switch
    EMAIL = "email"
    NAMES = "names"
    GROUP = "group"
    ADDRESSES = "addresses"
    NOTES = "notes"
    B2B = "b2b"


B2B_META = (COMPANY, SIRET, VAT_NUMBER, CREDIT_LIMIT, PAYMENT_DAYS, RISK)
IDENTITY_META = (ERP_ACCOUNT, ERP_CONTACT)


def part_payloads(record: ShopCustomer) -> dict[CustomerPart, Any]:
    meta = record.meta
    return {
        CustomerPart.IDENTITY: {k: meta[k] for k in IDENTITY_META if k in meta},
        CustomerPart.EMAIL: record.email,
        CustomerPart.NAMES: [record.first_name, record.last_name],
        CustomerPart.GROUP: record.group_shop_id,
        CustomerPart.ADDRESSES: [record.billing, record.shipping],
        CustomerPart.NOTES: meta.get(NOTE),
        CustomerPart.B2B: {"company": record.company, **{k: meta[k] for k in B2B_META if k in meta}},
    }


def part_hashes(record: ShopCustomer) -> dict[str, str]:
    """Part -> content hash of what it holds, to compare with what was last sent."""
    return {str(part): content_hash(payload) for part, payload in part_payloads(record).items()}


def updatable_parts(switches: CustomerUpdateSwitches) -> frozenset[str]:
    """The parts an update may send; the e-mail only when asked (it is the customer's login)."""
    chosen = {
        CustomerPart.IDENTITY: True,
        CustomerPart.EMAIL: switches.email,
        CustomerPart.NAMES: switches.names,
        CustomerPart.GROUP: switches.group or switches.default_group,
        CustomerPart.ADDRESSES: switches.addresses,
        CustomerPart.NOTES: switches.notes,
        CustomerPart.B2B: switches.b2b,
    }
    return frozenset(str(part) for part, on in chosen.items() if on)


def build_customer(record: ShopCustomer, shop_id: str | None, parts: Collection[str],
                   settings: ExportCustomersSettings) -> ShopCustomer:
    """What to send: a new customer whole (with a password when the policy says so); an
    existing one with only ``parts``, the others left out (None: not sent)."""
    if shop_id is None:
        return replace(record, password=_password(settings))
    sent = {CustomerPart(p) for p in parts}
    keep = set(IDENTITY_META) | (set(B2B_META) if CustomerPart.B2B in sent else set()) | (
        {NOTE} if CustomerPart.NOTES in sent else set())
    return ShopCustomer(
        key=record.key,
        shop_id=shop_id,
        email=record.email if CustomerPart.EMAIL in sent else None,
        first_name=record.first_name if CustomerPart.NAMES in sent else None,
        last_name=record.last_name if CustomerPart.NAMES in sent else None,
        company=record.company if CustomerPart.B2B in sent else None,
        billing=record.billing if CustomerPart.ADDRESSES in sent else None,
        shipping=record.shipping if CustomerPart.ADDRESSES in sent else None,
        group_shop_id=record.group_shop_id if CustomerPart.GROUP in sent else None,
        meta={k: v for k, v in record.meta.items() if k in keep},
    )


# ==================================================================== shop -> back office


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
