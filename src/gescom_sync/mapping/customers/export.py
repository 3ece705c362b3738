"""Customers, back office -> shop (SPEC §3.4): price categories become customer groups; accounts
become shop customers with their B2B data, the other delivery addresses and the contacts;
dormant, blocked and GDPR-erased accounts are sorted out for the disable and anonymise
operations. Skips and problems are returned as journal messages, never printed.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from gescom_sync.backoffice.base import CustomerStanding
from gescom_sync.journal.events import N_, Message
from gescom_sync.mapping.account_codes import without_accents
from gescom_sync.mapping.catalogue.parts import content_hash
from gescom_sync.model import Address, Contact, Customer, CustomerGroup
from gescom_sync.model.shop import ShopAddress, ShopCustomer, ShopCustomerGroup
from gescom_sync.profiles.customers import CustomerUpdateSwitches, ExportCustomersSettings

from gescom_sync.mapping.customers.meta import (
    COMPANY,
    CREDIT_LIMIT,
    ERP_ACCOUNT,
    ERP_CONTACT,
    NOTE,
    PAYMENT_DAYS,
    RISK,
    SIRET,
    VAT_NUMBER,
)

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
