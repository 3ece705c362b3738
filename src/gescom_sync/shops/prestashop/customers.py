"""Shop customers and groups -> PrestaShop fields, and PrestaShop customers -> accounts.

The back-office account number, SIRET, credit limit, payment delay and note have their
own PrestaShop fields (``note`` holds the account number, ``siret``, ``outstanding_allow_amount``,
``max_payment_days``); the VAT number goes on the addresses. Addresses are kept one per
alias: "Billing" and "Shipping".
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from datetime import tzinfo
from typing import Any

from gescom_sync.model.shop import ShopAccount, ShopAddress, ShopCustomer, ShopCustomerGroup
from gescom_sync.shops.prestashop.catalogue import Languages
from gescom_sync.shops.prestashop.values import flag, moment, text
from gescom_sync.shops.prestashop.webservice import Association, Value

BILLING, SHIPPING = "Billing", "Shipping"
META_FIELDS = {"siret": "siret", "credit_limit": "outstanding_allow_amount", "payment_days": "max_payment_days",
               "newsletter": "newsletter", "optin": "optin", "website": "website", "ape": "ape"}
"""ShopCustomer.meta keys PrestaShop has a customer field for."""


def group_fields(group: ShopCustomerGroup, languages: Languages) -> dict[str, Value]:
    """``price_display_method``: 0 shows prices tax included, 1 tax excluded."""
    return {"name": languages.texts(group.name, {}, "name", creating=True),
            "price_display_method": 0 if group.tax_included else 1, "reduction": 0, "show_prices": 1}


def customer_fields(customer: ShopCustomer, *, creating: bool, id_shop: int | None) -> dict[str, Value]:
    c = customer
    fields: dict[str, Value] = {}
    if creating:
        # PrestaShop wants a password: a random one when the policy gives none (the customer resets it).
        fields |= {"passwd": c.password or secrets.token_urlsafe(18), "active": 1, "newsletter": 0, "optin": 0,
                   "is_guest": 0}
        if id_shop is not None:
            fields["id_shop"] = id_shop
    elif c.password:
        fields["passwd"] = c.password
    optional = {"email": c.email, "company": c.company, "id_default_group": c.group_shop_id,
                "note": c.meta.get("erp_account") or c.meta.get("note")}
    fields |= {name: value for name, value in optional.items() if value is not None}
    fields |= _names(c)
    for key, name in META_FIELDS.items():
        if key in c.meta:
            fields[name] = c.meta[key]
    return fields


def _names(c: ShopCustomer) -> dict[str, Value]:
    """PrestaShop requires both names: a company account without a contact name takes the
    company's name for the missing one."""
    if c.first_name is None and c.last_name is None:
        return {}
    last = c.last_name or c.company or c.first_name or ""
    first = c.first_name or c.last_name or c.company or ""
    return {"firstname": first, "lastname": last}


def group_associations(customer: ShopCustomer) -> dict[str, Association]:
    return {"groups": [{"id": customer.group_shop_id}]} if customer.group_shop_id else {}


def addresses_of(customer: ShopCustomer) -> list[tuple[str, ShopAddress]]:
    """The addresses to write, by alias; a shipping address equal to the billing one is not repeated."""
    found = []
    if customer.billing and (customer.billing.line1 or customer.billing.city):
        found.append((BILLING, customer.billing))
    if customer.shipping and (customer.shipping.line1 or customer.shipping.city) and customer.shipping != customer.billing:
        found.append((SHIPPING, customer.shipping))
    return found


def address_fields(address: ShopAddress, customer: ShopCustomer, customer_id: str, country_id: str,
                   alias: str) -> dict[str, Value]:
    a = address
    return {
        "id_customer": customer_id, "id_country": country_id, "alias": alias,
        "firstname": a.first_name or customer.first_name or customer.company or "-",
        "lastname": a.last_name or customer.last_name or customer.company or "-", "company": a.company,
        "address1": a.line1, "address2": a.line2, "postcode": a.postcode, "city": a.city, "phone": a.phone,
        "vat_number": customer.meta.get("vat_number", ""),
    }


def account(row: Mapping[str, Any], addresses: Sequence[Mapping[str, Any]], country_codes: Mapping[str, str], *,
            has_ordered: bool, zone: tzinfo) -> ShopAccount:
    by_alias = {text(a.get("alias")): a for a in addresses}
    billing = by_alias.get(BILLING) or (addresses[0] if addresses else None)
    shipping = by_alias.get(SHIPPING) or billing
    meta = {k: text(row.get(f)) for k, f in (("company", "company"), ("siret", "siret"), ("erp_account", "note"))
            if text(row.get(f))}  # gescom-sync writes the account number in the customer's note
    vat_number = text((billing or {}).get("vat_number"))
    if vat_number:
        meta["vat_number"] = vat_number
    meta["newsletter"] = "1" if flag(row.get("newsletter")) else "0"
    return ShopAccount(
        id=str(row["id"]), email=text(row.get("email")), first_name=text(row.get("firstname")),
        last_name=text(row.get("lastname")), created_at=moment(row.get("date_add"), zone),
        modified_at=moment(row.get("date_upd"), zone), billing=_shop_address(billing, row, country_codes),
        shipping=_shop_address(shipping, row, country_codes), has_ordered=has_ordered, meta=meta)


def _shop_address(a: Mapping[str, Any] | None, row: Mapping[str, Any], country_codes: Mapping[str, str]) -> ShopAddress:
    if not a:
        return ShopAddress(first_name=text(row.get("firstname")), last_name=text(row.get("lastname")),
                           email=text(row.get("email")))
    return ShopAddress(
        first_name=text(a.get("firstname")), last_name=text(a.get("lastname")), company=text(a.get("company")),
        line1=text(a.get("address1")), line2=text(a.get("address2")), postcode=text(a.get("postcode")),
        city=text(a.get("city")), country=country_codes.get(text(a.get("id_country")), ""),
        phone=text(a.get("phone")) or text(a.get("phone_mobile")), email=text(row.get("email")))
