"""What stock and price updates write to: the shop products and variants the export made.

An update must reach the same shop records the product export created and bound, so it
takes its keys from the export's drafts (:mod:`gescom_sync.mapping.catalogue.drafts`):
a simple product is keyed by its article, a variant by its variant key, and each says
which back-office article (or range variant) it takes its stock and price from, and how
many units it holds (a packaging of 12: 12).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from gescom_sync.mapping.catalogue.drafts import ProductDraft
from gescom_sync.model.shop import ProductKind


@dataclass(frozen=True, slots=True)
class Target:
    """One shop record to update: a simple product (``variant_key`` None) or a variant.

    ``source`` is the back-office article reference, or a range variant's reference
    (``CHAAR/VAR40``); ``units`` the number of the source's units it holds.
    """

    product_key: str
    variant_key: str | None
    source: str
    units: Decimal = Decimal(1)

    @property
    def key(self) -> str:
        return self.variant_key or self.product_key


def targets_from_catalogue(products: Iterable[ProductDraft]) -> list[Target]:
    """The targets of the export's product drafts: each simple product or pack, and each
    variant of a product with variants (the parent holds no stock or price of its own)."""
    targets: list[Target] = []
    for product in products:
        if product.variants:
            targets += [Target(product.key, v.key, v.stock_reference, v.units) for v in product.variants]
        elif product.stock_reference is not None:
            targets.append(Target(product.key, None, product.stock_reference))
        elif product.kind is ProductKind.PACK:
            targets.append(Target(product.key, None, product.key))  # a pack is an article of its own
    return targets
