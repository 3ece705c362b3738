"""What a back office offers to be written to: the write protocol.

Customers come first (prospects import, order import); documents and payments are added
by the order import. The business rules (which account to match, how to number a new
one) live in ``gescom_sync.mapping``; a writer only looks up, checks and writes, each
creation in one transaction of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from gescom_sync.journal.events import Message
from gescom_sync.model import Address, Contact

if TYPE_CHECKING:
    from gescom_sync.mapping.orders import DocumentDraft, OrderCatalogue


class MatchField(StrEnum):
    """What a shop customer can be matched on, in a back office's customer accounts."""

    SIRET = "siret"
    EMAIL = "email"
    VAT_NUMBER = "vat_number"


@dataclass(frozen=True, slots=True)
class NewCustomerAccount:
    """A customer account to create, already shaped by the mapping (accents, case, phones).

    ``template`` is the account whose settings the new one copies (SPEC §3.6 list);
    ``billing`` is the account's own address; ``delivery`` a different delivery address.
    """

    name: str
    template: str
    billing: Address
    email: str | None = None
    phone: str | None = None
    fax: str | None = None
    siret: str | None = None
    vat_number: str | None = None
    delivery: Address | None = None
    contact: Contact | None = None
    representative: int | None = None
    prospect: bool = False


@dataclass(frozen=True, slots=True)
class CreatedAccount:
    """The account number given to a new account and what had to be adapted (cut texts...)."""

    account: str
    warnings: tuple[Message, ...] = ()


@runtime_checkable
class CustomerWriter(Protocol):
    """Customer accounts: look-ups for matching and creation."""

    def find_customer(self, field: MatchField, value: str) -> str | None:
        """The account number of the customer whose ``field`` is ``value`` (spaces and case
        ignored), or None."""
        ...

    def customer_exists(self, account: str) -> bool: ...

    def create_customer(self, codes: Iterable[str], account: NewCustomerAccount) -> CreatedAccount:
        """Create the account under the first of ``codes`` that no account uses yet.

        An existing account is never overwritten; ConfigError when the template is missing.
        """
        ...

    def update_customer_addresses(self, account: str, billing: Address, delivery: Address | None) -> tuple[Message, ...]:
        """Replace the account's own address with ``billing``; add ``delivery`` to its delivery
        addresses unless it already has it. Returns warnings (texts cut...)."""
        ...

    def close(self) -> None:
        """Release the writer's connections."""
        ...


@dataclass(frozen=True, slots=True)
class WrittenDocument:
    """A sales document in the back office: its number, type (DO_Type) and total including tax
    as the back office stores it (DO_TotalTTC, in its own currency); ``warnings`` of the writing (a line left without lot...), for the journal."""

    piece: str
    document_type: int
    total_included: Decimal
    warnings: tuple[Message, ...] = ()


@runtime_checkable
class DocumentWriter(Protocol):
    """Sales documents of the order import (SPEC §3.6): one transaction per document."""

    def order_catalogue(self) -> OrderCatalogue:
        """What the order mapping needs of the back office (articles, variants, packagings, taxes...)."""
        ...

    def find_by_shop_order(self, order_id: str) -> WrittenDocument | None:
        """The document stamped with this shop order id: repairs a crash between the back-office
        commit and the binding, and finds orders imported by another installation."""
        ...

    def create_document(self, draft: DocumentDraft) -> WrittenDocument:
        """Write header, lines, schedule, payments and stock counters, all or nothing; lots taken when
        the draft asks (OrderRejected when short and the draft says fail); a grouped draft's order ids
        all found again by ``find_by_shop_order``."""
        ...

    def close(self) -> None: ...
