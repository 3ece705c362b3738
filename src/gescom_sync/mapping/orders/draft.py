"""The back-office document an order becomes: a draft the mapping builds and a writer writes.

Amounts are ``Decimal``. Unit prices are tax excluded, or tax included when the draft
says ``tax_included`` (the back office then derives the excluded amounts). They are in
the order's currency; ``currency`` 0 means the back office's own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import IntEnum, StrEnum

from gescom_sync.journal.events import Message
from gescom_sync.mapping.orders.lots import LotMethod

CENT = Decimal("0.01")
ZERO = Decimal("0")


def money(value: Decimal) -> Decimal:
    """An amount rounded to the cent, half up (how Sage rounds amounts)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


class DocumentType(IntEnum):
    """Sales document types (F_DOCENTETE.DO_Type, DO_Domaine 0)."""

    QUOTE = 0
    ORDER = 1
    PREPARATION = 2
    DELIVERY_NOTE = 3
    INVOICE = 6


DOCUMENT_TYPES = {
    "quote": DocumentType.QUOTE,
    "order": DocumentType.ORDER,
    "preparation": DocumentType.PREPARATION,
    "delivery_note": DocumentType.DELIVERY_NOTE,
    "invoice": DocumentType.INVOICE,
}
DOCUMENT_STATUSES = {"entered": 0, "confirmed": 1, "accepted": 2}  # DO_Statut


class LineKind(StrEnum):
    PRODUCT = "product"
    DIVERS = "divers"  # an unknown shop product on the Divers article
    SHIPPING = "shipping"
    WRAPPING = "wrapping"
    DISCOUNT = "discount"
    ECART = "ecart"
    COMMENT = "comment"  # a text line (order messages): no article, no amount


@dataclass(frozen=True, slots=True)
class DraftLine:
    kind: LineKind
    article: str | None
    designation: str
    quantity: Decimal = ZERO
    unit_price: Decimal = ZERO
    tax_code: str | None = None
    tax_rate: Decimal = ZERO
    range_numbers: tuple[int, int] = (0, 0)  # AG_No1, AG_No2 of a range variant
    packaging: str | None = None  # EU_Enumere ("Ecrin de 4")
    packagings: Decimal | None = None  # EU_Qte: how many packagings
    ecotax: Decimal = ZERO  # per unit, like unit_price (excluded or included); part of the taxable amount
    ecotax_code: str | None = None
    stock_managed: bool = False

    def amount(self) -> Decimal:
        """The line's amount (excluded or included, as the document's prices are)."""
        return money(self.quantity * (self.unit_price + self.ecotax))


@dataclass(frozen=True, slots=True)
class ShippingFooter:
    """Shipping costs in the document footer (DO_ValFrais and its tax)."""

    amount: Decimal
    tax_code: str | None
    tax_rate: Decimal


@dataclass(frozen=True, slots=True)
class PaymentDraft:
    method: int  # N_Reglement slot
    journal: str
    amount: Decimal
    date: datetime
    label: str
    reference: str
    gl_account: str | None = None
    # a gap with the document's total within payments.difference.tolerance, settled on this account
    # (RG_MontantEcart; positive when the customer paid less)
    difference: Decimal = ZERO
    difference_account: str | None = None
    difference_journal: str | None = None

    @property
    def settles(self) -> Decimal:
        """What this payment settles of the document: its amount plus the difference written off."""
        return self.amount + self.difference


@dataclass(frozen=True, slots=True)
class DocumentDraft:
    shop_order_id: str
    account: str
    document_type: DocumentType
    status: int
    date: datetime
    reference: str
    lines: tuple[DraftLine, ...]
    expected_total: Decimal  # the shop's total including tax; what the document misses of it is DO_Ecart
    series: int = 0
    warehouse: int | None = None  # None: the customer's, else the main warehouse
    delivery_date: datetime | None = None
    currency: int = 0
    currency_rate: Decimal = ZERO
    accounting_category: int | None = None  # None: the customer's
    shipping_mode: int | None = None  # None: the customer's
    shipping: ShippingFooter | None = None
    payments: tuple[PaymentDraft, ...] = ()
    tax_included: bool = False
    warnings: tuple[Message, ...] = field(default=())
    payments_on_account: bool = False  # payments on the customer account, not allocated to the document
    lot_method: LotMethod | None = None  # None: lines without lot / serial numbers
    lots_fail_when_short: bool = True  # else the rest of the line stays without lot, with a warning
    guest: bool = False  # a guest order (no shop customer account)
    grouped_order_ids: tuple[str, ...] = ()  # a document grouping several orders (grouping per day)
