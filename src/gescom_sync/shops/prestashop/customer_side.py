"""The customer side of the PrestaShop connector: groups, customers, addresses, accounts."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import datetime
from itertools import islice
from typing import Any

from gescom_sync.errors import GescomError
from gescom_sync.i18n import _
from gescom_sync.model.shop import ShopAccount, ShopCustomer, ShopCustomerGroup
from gescom_sync.shops.base import WriteOutcome, WriteResult
from gescom_sync.shops.prestashop import customers
from gescom_sync.shops.prestashop.values import ps_datetime, text
from gescom_sync.shops.prestashop.session import FAR_FUTURE, Session, as_record
from gescom_sync.shops.prestashop.webservice import PAGE_SIZE, Filter, equals


class CustomerSide(Session):
    """Customer groups, customers and their addresses; accounts for the prospects import."""

    def write_customer_groups(self, groups: Sequence[ShopCustomerGroup]) -> list[WriteResult]:
        def write(group: ShopCustomerGroup) -> WriteResult:
            fields = customers.group_fields(group, self.languages_map)
            return self._save_named("groups", group.key, group.name, group.shop_id, fields)

        return self._each(groups, lambda g: g.key, write)

    def write_customers(self, records: Sequence[ShopCustomer]) -> list[WriteResult]:
        """Customers (adopted by e-mail when unbound), then their billing and shipping addresses."""
        def write(customer: ShopCustomer) -> WriteResult:
            shop_id = customer.shop_id or self._find_customer(customer.email)
            fields = customers.customer_fields(customer, creating=shop_id is None, id_shop=self.id_shop)
            groups = customers.group_associations(customer)
            if shop_id:
                self.ws.update("customers", shop_id, fields, groups)
                outcome = WriteOutcome.UPDATED
            else:
                shop_id = str(self._create_once("customers", fields, groups,
                                                lambda: as_record(self._find_customer(customer.email)))["id"])
                outcome = WriteOutcome.CREATED
            self._write_addresses(shop_id, customer)
            return WriteResult(customer.key, outcome, shop_id)

        return self._each(records, lambda c: c.key, write)

    def _find_customer(self, email: str | None) -> str | None:
        if not email:
            return None
        found = self.ws.first("customers", equals("email", email), equals("deleted", 0), display=["id"])
        return str(found["id"]) if found else None

    def _write_addresses(self, customer_id: str, customer: ShopCustomer) -> None:
        """One address per alias ("Billing", "Shipping"): updated in place, created when missing."""
        existing = {text(a.get("alias")): str(a["id"]) for a in self.ws.records(
            "addresses", display=["id", "alias"], filters=[equals("id_customer", customer_id), equals("deleted", 0)])}
        for alias, address in customers.addresses_of(customer):
            country_id = self._country_id(address.country or "FR")
            if country_id is None:
                raise GescomError(_("The shop has no country {country} for the address of {customer}.").format(
                    country=address.country, customer=customer.key))
            fields = customers.address_fields(address, customer, customer_id, country_id, alias)
            if alias in existing:
                self.ws.update("addresses", existing[alias], fields)
            else:
                self._create_once("addresses", fields, None, lambda: as_record(next(
                    (str(a["id"]) for a in self.ws.records("addresses", display=["id", "alias"],
                                                            filters=[equals("id_customer", customer_id)])
                     if text(a.get("alias")) == alias), None)))

    def disable_customers(self, keys_and_ids: Sequence[tuple[str, str]]) -> list[WriteResult]:
        def write(item: tuple[str, str]) -> WriteResult:
            self.ws.update("customers", item[1], {"active": 0})
            return WriteResult(item[0], WriteOutcome.UPDATED, item[1])

        return self._each(keys_and_ids, lambda i: i[0], write)

    def anonymise_customers(self, keys_and_ids: Sequence[tuple[str, str]], email: str) -> list[WriteResult]:
        """Names "GDPR", the placeholder e-mail, newsletter off, addresses deleted."""
        def write(item: tuple[str, str]) -> WriteResult:
            key, shop_id = item
            self.ws.update("customers", shop_id, {"firstname": "GDPR", "lastname": "GDPR", "email": email,
                                                  "newsletter": 0, "optin": 0, "company": "", "siret": "", "note": ""})
            for address in list(self.ws.records("addresses", display=["id"], filters=[equals("id_customer", shop_id)])):
                self.ws.delete("addresses", str(address["id"]))
            return WriteResult(key, WriteOutcome.UPDATED, shop_id)

        return self._each(keys_and_ids, lambda i: i[0], write)

    def read_customers(self, modified_after: datetime | None = None) -> Iterator[ShopAccount]:
        """Accounts (no guests, no deleted ones) changed since ``modified_after`` (``date_upd``, the
        shop's time), a page at a time; each page's addresses and orders in one read each."""
        filters = [equals("deleted", 0), equals("is_guest", 0)]
        if modified_after:
            filters.append(Filter("date_upd", between=(ps_datetime(modified_after, self.zone), FAR_FUTURE)))
        for page in _pages(self.ws.records("customers", filters=filters)):
            ids = [str(row["id"]) for row in page]
            addresses: dict[str, list[dict[str, Any]]] = defaultdict(list)
            for address in self.ws.records("addresses", filters=[equals("id_customer", *ids), equals("deleted", 0)]):
                addresses[text(address.get("id_customer"))].append(address)
            ordered = {text(o.get("id_customer")) for o in self.ws.records(
                "orders", display=["id", "id_customer"], filters=[equals("id_customer", *ids)])}
            for row, customer_id in zip(page, ids, strict=True):
                yield customers.account(row, addresses[customer_id], self._country_codes(),
                                        has_ordered=customer_id in ordered, zone=self.zone)


def _pages(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    while page := list(islice(rows, PAGE_SIZE)):
        yield page
