"""Customers between the back office and the shop.

Back office -> shop (SPEC §3.4, :mod:`.export`): price categories become customer groups;
accounts become shop customers with their B2B data, the other delivery addresses and the
contacts; dormant, blocked and GDPR-erased accounts are sorted out for the disable and
anonymise operations. Skips and problems are returned as journal messages, never printed.

Shop -> back office (SPEC §3.5, §3.6, :mod:`.accounts`): a shop account finds its back-office
account (the account number stored on it, then SIRET, e-mail, VAT number) or gets a new one
copying the template account, numbered by :mod:`gescom_sync.mapping.account_codes`.

:mod:`.meta`: the shop-neutral meta keys of a shop customer.
"""

from __future__ import annotations

from gescom_sync.mapping.customers.accounts import (
    AccountResolution,
    creation_message,
    new_account,
    numbering_values,
    resolve_account,
    select_prospects,
)
from gescom_sync.mapping.customers.export import (
    CustomerPart,
    Disposition,
    EMAIL,
    ExportContext,
    IDENTITY_META,
    MappedCustomer,
    accounts_to_anonymise,
    accounts_to_disable,
    anonymised_message,
    build_customer,
    customer_groups,
    disposition,
    map_customer,
    part_hashes,
    part_payloads,
    updatable_parts,
    valid_email,
)
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

__all__ = [
    "AccountResolution",
    "COMPANY",
    "CREDIT_LIMIT",
    "CustomerPart",
    "Disposition",
    "EMAIL",
    "ERP_ACCOUNT",
    "ERP_CONTACT",
    "ExportContext",
    "IDENTITY_META",
    "MappedCustomer",
    "NOTE",
    "PAYMENT_DAYS",
    "RISK",
    "SIRET",
    "VAT_NUMBER",
    "accounts_to_anonymise",
    "accounts_to_disable",
    "anonymised_message",
    "build_customer",
    "creation_message",
    "customer_groups",
    "disposition",
    "map_customer",
    "new_account",
    "numbering_values",
    "part_hashes",
    "part_payloads",
    "resolve_account",
    "select_prospects",
    "updatable_parts",
    "valid_email",
]
