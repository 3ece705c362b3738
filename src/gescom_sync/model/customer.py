"""Customers, their addresses and contacts, and the groups that set their prices."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class CustomerGroup:
    """A price category: customers of a group share prices, shown with or without tax."""

    id: str
    name: str
    tax_included: bool = False


@dataclass(frozen=True, slots=True)
class Address:
    id: str | None
    name: str | None
    line1: str | None = None
    line2: str | None = None
    postcode: str | None = None
    city: str | None = None
    region: str | None = None
    country: str | None = None  # as the back office writes it (a name, not always ISO)
    contact: str | None = None
    phone: str | None = None
    email: str | None = None
    default: bool = False


@dataclass(frozen=True, slots=True)
class Contact:
    id: str
    last_name: str | None
    first_name: str | None = None
    civility: str | None = None
    function: str | None = None
    phone: str | None = None
    mobile: str | None = None
    fax: str | None = None
    email: str | None = None


@dataclass(frozen=True, slots=True)
class Customer:
    account: str  # the back office's account number (Sage CT_Num)
    name: str
    email: str | None = None
    phone: str | None = None
    fax: str | None = None
    website: str | None = None
    billing_address: Address | None = None
    delivery_addresses: tuple[Address, ...] = ()
    contacts: tuple[Contact, ...] = ()
    price_category: str | None = None  # CustomerGroup.id
    accounting_category: str | None = None  # AccountingCategory.id
    currency: str | None = None  # Currency.id, None for the company's currency
    shipping_mode: str | None = None  # ShippingMode.id
    dormant: bool = False
    prospect: bool = False
    # B2B data
    siret: str | None = None
    vat_number: str | None = None
    ape_code: str | None = None
    credit_limit: Decimal | None = None
    credit_insurance: Decimal | None = None
    risk: str | None = None
    paying_account: str | None = None
    comment: str | None = None
    created: datetime | None = None
    modified: datetime | None = None
