"""The customer side of the WooCommerce connector: customers written through ``customers/batch``
(one with a registered e-mail reports that customer's id), anonymised, and read as accounts for
the prospects import. WooCommerce has no customer groups and cannot disable a customer."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from gescom_sync.model.shop import ShopAccount, ShopAddress, ShopCustomer, ShopCustomerGroup
from gescom_sync.shops.base import WriteResult
from gescom_sync.shops.capabilities import Capability
from gescom_sync.shops.woocommerce import orders as order_records
from gescom_sync.shops.woocommerce import payloads
from gescom_sync.shops.woocommerce.batch import BatchItem
from gescom_sync.shops.woocommerce.orders import moment
from gescom_sync.shops.woocommerce.session import Session

EMAIL_EXISTS = "registration-error-email-exists"
"""WooCommerce's error code for a customer created with an e-mail another customer has."""


class CustomerSide(Session):
    """Customers written and anonymised; accounts read for the prospects import."""

    def write_customer_groups(self, groups: Sequence[ShopCustomerGroup]) -> list[WriteResult]:
        self._refuse(Capability.CUSTOMER_GROUPS)

    def write_customers(self, customers: Sequence[ShopCustomer]) -> list[WriteResult]:
        """A creation refused because the e-mail is registered reports that customer's id
        (``existing_shop_id``), found by e-mail: WooCommerce's error does not give it."""
        items = [BatchItem(c.key, payloads.customer(c), c.shop_id) for c in customers]
        results = self._writer("customers", self._find_customers).write(items)
        return [self._with_existing_id(item, result) for item, result in zip(items, results, strict=True)]

    def _with_existing_id(self, item: BatchItem, result: WriteResult) -> WriteResult:
        if result.code != EMAIL_EXISTS or result.existing_shop_id or item.shop_id is not None:
            return result
        found = self._find_customers([item.payload])[0]
        return replace(result, existing_shop_id=found) if found else result

    def _find_customers(self, payloads_: list[dict[str, Any]]) -> list[str | None]:
        """Ids of customers by e-mail (unique in WooCommerce); one request each."""
        def find(email: str | None) -> str | None:
            if not email:
                return None
            found = self.client.get("customers", params={"email": email, "role": "all", "_fields": "id"}).json()
            return str(found[0]["id"]) if found else None

        return [find(p.get("email")) for p in payloads_]

    def disable_customers(self, keys_and_ids: Sequence[tuple[str, str]]) -> list[WriteResult]:
        self._refuse(Capability.DISABLE_CUSTOMERS)

    def anonymise_customers(self, keys_and_ids: Sequence[tuple[str, str]], email: str) -> list[WriteResult]:
        """Names "GDPR", addresses cleared, e-mail ``local+<id>@domain`` (unique, as WooCommerce requires)."""
        local, _at, domain = email.partition("@")
        blank = ShopAddress(first_name="GDPR", last_name="GDPR")
        items = []
        for key, shop_id in keys_and_ids:
            unique = f"{local}+{shop_id}@{domain}"
            record = ShopCustomer(key, email=unique, first_name="GDPR", last_name="GDPR", shop_id=shop_id,
                                  billing=replace(blank, email=unique), shipping=blank)
            items.append(BatchItem(key, payloads.customer(record), shop_id))
        return self._writer("customers").write(items)

    def read_customers(self, modified_after: datetime | None = None) -> Iterator[ShopAccount]:
        """Customer accounts (role customer); ``has_ordered`` is WooCommerce's "paying customer" flag."""
        for data in self._pages("customers", {"orderby": "id", "order": "asc"}):
            account = customer_account(data)
            if modified_after is None or (account.modified_at or account.created_at or modified_after) > modified_after:
                yield account


def _address(data: dict[str, Any] | None) -> ShopAddress:
    a = order_records.address(data)
    return ShopAddress(a.first_name, a.last_name, a.company, a.line1, a.line2, a.postcode, a.city, a.state, a.country,
                       a.phone, a.email)


def customer_account(data: dict[str, Any]) -> ShopAccount:
    meta = {str(m.get("key")): str(m.get("value")) for m in data.get("meta_data") or [] if m.get("key")}
    return ShopAccount(
        id=str(data["id"]), email=data.get("email") or "", first_name=data.get("first_name") or "",
        last_name=data.get("last_name") or "", created_at=moment(data.get("date_created_gmt")),
        modified_at=moment(data.get("date_modified_gmt")), billing=_address(data.get("billing")),
        shipping=_address(data.get("shipping")), has_ordered=bool(data.get("is_paying_customer")), meta=meta,
    )
