"""Products as the back office describes them, ready to be mapped to a shop."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

FreeValue = str | Decimal | date | datetime | None


class WeightUnit(StrEnum):
    TONNE = "t"
    QUINTAL = "q"
    KILOGRAM = "kg"
    GRAM = "g"
    MILLIGRAM = "mg"


class BomKind(StrEnum):
    """What a bill of materials means for the product."""

    NONE = "none"
    MANUFACTURING = "manufacturing"  # built from components before being sold
    COMMERCIAL = "commercial"  # a kit/pack sold as one product, components picked
    COMPONENT = "component"  # the article is only a component of a commercial kit
    LINKED = "linked"  # selling it adds linked articles to the order


@dataclass(frozen=True, slots=True)
class Packaging:
    """A way the product is sold in several units (a box of 12...)."""

    name: str
    quantity: Decimal
    reference: str | None = None
    barcode: str | None = None
    main: bool = False


@dataclass(frozen=True, slots=True)
class BomComponent:
    reference: str
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class SupplierReference:
    supplier: str  # the supplier's account number in the back office
    reference: str | None
    purchase_price: Decimal | None = None
    barcode: str | None = None
    main: bool = False


@dataclass(frozen=True, slots=True)
class Media:
    """A file attached to the product: ``stored`` as the back office wrote it, ``path`` resolved."""

    stored: str
    path: Path | None = None
    comment: str | None = None
    mime_type: str | None = None


@dataclass(frozen=True, slots=True)
class Variant:
    """One combination of a product with variants (e.g. Couleur=Bleu, Taille=38)."""

    reference: str
    key: str  # the back office's own key of the combination, stable across renames
    attributes: tuple[tuple[str, str], ...]  # (attribute name, value), in axis order
    barcode: str | None = None
    dormant: bool = False


@dataclass(frozen=True, slots=True)
class Product:
    reference: str
    designation: str
    family: str | None = None
    catalogue_path: tuple[str, ...] = ()
    free_fields: Mapping[str, FreeValue] = field(default_factory=dict)
    language_designations: Mapping[str, str] = field(default_factory=dict)
    barcode: str | None = None
    net_weight: Decimal | None = None
    gross_weight: Decimal | None = None
    weight_unit: WeightUnit | None = None
    # accounting category id -> tax codes (slot 1, 2, 3; None when the slot is empty)
    tax_codes: Mapping[str, tuple[str | None, ...]] = field(default_factory=dict)
    packagings: tuple[Packaging, ...] = ()
    bom_kind: BomKind = BomKind.NONE
    components: tuple[BomComponent, ...] = ()
    supplier_references: tuple[SupplierReference, ...] = ()
    variants: tuple[Variant, ...] = ()
    dormant: bool = False
    published: bool = True
    stock_managed: bool = True
    counter_mark: bool = False
    base_price: Decimal | None = None
    price_tax_included: bool = False
    purchase_price: Decimal | None = None
    warranty_months: int | None = None
    created: datetime | None = None
    modified: datetime | None = None
    photo: Media | None = None
    media: tuple[Media, ...] = ()

    @property
    def active(self) -> bool:
        return not self.dormant
