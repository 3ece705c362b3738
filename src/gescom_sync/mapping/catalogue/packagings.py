"""Packagings ("conditionnements") as variants (SPEC §3.1).

One variant per packaging: price × packaging quantity, weight × quantity, stock ÷
quantity rounded down (250 pieces = 62 boxes of 4). The single-unit variant is added
when asked and no packaging holds exactly one unit. With "only packagings with their own
reference", the others are left out and the reference is the variant's key.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from gescom_sync.mapping.catalogue.drafts import AttributeDraft, VariantDraft
from gescom_sync.model import Packaging, Product
from gescom_sync.profiles.catalogue import PackagingSettings

ONE = Decimal(1)


def units_quantity(stock: Decimal, units: Decimal) -> Decimal:
    """How many whole packagings of ``units`` a stock of ``stock`` units makes (rounded down)."""
    if units == ONE:
        return stock
    return (stock / units).to_integral_value(ROUND_FLOOR)


def packaging_key(product: Product, packaging: Packaging) -> str:
    """The variant's key: the packaging's own reference, else ``REF#name``."""
    return packaging.reference or f"{product.reference}#{packaging.name}"


def packaging_variants(
    product: Product,
    settings: PackagingSettings,
    price: Decimal | None,
    weight: Decimal | None,
) -> tuple[AttributeDraft, tuple[VariantDraft, ...]]:
    """The packaging axis and its variants (unit variant first when it is added)."""
    packagings = [p for p in product.packagings if p.reference or not settings.only_with_reference]
    variants = []
    if settings.add_unit_variant and all(p.quantity != ONE for p in packagings):
        variants.append(VariantDraft(
            key=product.reference,
            options=((settings.attribute_name, settings.unit_variant_name),),
            sku=None,  # the parent product carries the article's reference
            stock_reference=product.reference,
            price=price,
            barcode=product.barcode,
            weight=weight,
        ))
    for packaging in packagings:
        variants.append(VariantDraft(
            key=packaging_key(product, packaging),
            options=((settings.attribute_name, packaging.name),),
            sku=packaging.reference,
            stock_reference=product.reference,
            units=packaging.quantity,
            price=None if price is None else price * packaging.quantity,
            barcode=packaging.barcode,
            weight=None if weight is None else weight * packaging.quantity,
        ))
    axis = AttributeDraft(
        key=settings.attribute_name,
        name=settings.attribute_name,
        values=tuple(value for v in variants for _name, value in v.options),
    )
    return axis, tuple(variants)
