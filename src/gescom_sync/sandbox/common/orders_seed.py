"""What the order seeders of both sandboxes share: the kinds of order, the Bijou customers
and the drawing of each order's articles, customer and payment reference.

Each shop's seeder (:mod:`gescom_sync.sandbox.woocommerce.orders_seed`,
:mod:`gescom_sync.sandbox.prestashop.orders_seed`) turns an :class:`OrderPlan` into its own
API's calls. Articles are drawn by SKU from a seeded random generator, so the same seed
orders the same articles, in the same quantities, from the same customers in either shop.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

# first name, last name, street, postcode, city: the registered customers, then the guest
CUSTOMERS = (
    ("Jean", "Durand", "3 rue de la Paix", "75002", "Paris"),
    ("Amélie", "Martin", "8 quai Saint-Antoine", "69002", "Lyon"),
    ("Hugo", "Bernard", "21 cours Mirabeau", "13100", "Aix-en-Provence"),
    ("Léa", "Petit", "5 place du Capitole", "31000", "Toulouse"),
    ("Nicolas", "Roux", "14 rue Nationale", "59000", "Lille"),
)
GUEST = ("Claire", "Fontaine", "2 rue des Halles", "44000", "Nantes")
COUPON_CODE, COUPON_PERCENT = "bijou10", Decimal("10")
GIFT_MESSAGE = "Merci d'emballer chaque bijou séparément."
FOREIGN_CURRENCY, FOREIGN_RATE = "USD", "1.0825"


@dataclass(frozen=True)
class OrderKind:
    """One kind of order. ``state`` is "paid", "awaiting" (payment) or "completed"; ``payment``
    "transfer", "cheque" or "cash_on_delivery": each shop says them in its own words."""

    name: str
    state: str
    payment: str
    guest: bool = False
    coupon: bool = False
    gift_wrap: bool = False
    foreign_currency: bool = False
    variation_times_three: bool = False


KINDS = (
    OrderKind("paid", "paid", "transfer"),
    OrderKind("guest", "paid", "cash_on_delivery", guest=True),
    OrderKind("coupon", "paid", "transfer", coupon=True),
    OrderKind("on-hold", "awaiting", "cheque"),
    OrderKind("completed", "completed", "transfer"),
    OrderKind("foreign-currency", "paid", "transfer", foreign_currency=True),
    OrderKind("gift-wrap", "paid", "cheque", gift_wrap=True),
    OrderKind("variation", "paid", "transfer", variation_times_three=True),
)


@dataclass(frozen=True)
class Sellable:
    """A product (``variation_id`` 0) or a variation the shop sells, with its SKU."""

    sku: str
    product_id: int
    variation_id: int = 0


@dataclass(frozen=True)
class OrderPlan:
    """An order to place: ``customer`` indexes :data:`CUSTOMERS` (None: the guest)."""

    kind: OrderKind
    lines: tuple[tuple[Sellable, int], ...]
    customer: int | None
    transaction_id: str | None


@dataclass(frozen=True)
class SeededOrder:
    id: str
    kind: str
    status: str
    currency: str
    total: Decimal
    customer: str  # "First LAST", as on the billing address


def order_plans(simple: list[Sellable], variations: list[Sellable], count: int, *, seed: int = 7) -> Iterator[OrderPlan]:
    """``count`` orders, kinds in turn; whatever order the shop listed its articles in."""
    simple, variations = sorted(simple, key=_by_sku), sorted(variations, key=_by_sku)
    if not simple:
        raise ValueError("the shop has no product with a SKU and a price: export the catalogue first")
    rng = random.Random(seed)
    for number in range(count):
        yield _plan(KINDS[number % len(KINDS)], rng, simple, variations)


def _plan(kind: OrderKind, rng: random.Random, simple: list[Sellable], variations: list[Sellable]) -> OrderPlan:
    chosen = rng.sample(simple, min(rng.randint(1, 3), len(simple)))
    lines = [(item, rng.randint(1, 3)) for item in chosen]
    if kind.variation_times_three and variations:
        lines.append((rng.choice(variations), 3))
    customer = None if kind.guest else rng.randrange(len(CUSTOMERS))
    transaction = f"TX{rng.randrange(10**8):08d}" if kind.state in ("paid", "completed") else None
    return OrderPlan(kind, tuple(lines), customer, transaction)


def _by_sku(item: Sellable) -> tuple[str, int, int]:
    return item.sku, item.product_id, item.variation_id


def email(first: str, last: str) -> str:
    return f"{first}.{last}@example.fr".lower().replace("é", "e")


def customer_emails() -> set[str]:
    return {email(first, last) for first, last, *_ in CUSTOMERS}


def buyer_name(first: str, last: str) -> str:
    """How :attr:`SeededOrder.customer` names a buyer."""
    return f"{first} {last.upper()}"
