"""Settings of the product export (SPEC §3.1), as a profile's ``[export_products]`` block.

Field names: a back-office field is named either by one of the standard names of
:data:`STANDARD_FIELDS` (``designation``, ``language1``, ``barcode``...) or by the name
of a free field (Sage "informations libres": ``LibelleWeb``, ``Marque``...). ``None``
means "not sent". Every model forbids unknown keys, so a typo is an error. The whole
reference, with defaults and TOML examples, is docs/export-products.md.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator

from gescom_sync.i18n import _
from gescom_sync.profiles.base import Settings

SETTINGS_KEY = "export_products"
"""The profile's block holding these settings."""

STANDARD_FIELDS: tuple[str, ...] = (
    "reference",
    "designation",
    "language1",
    "language2",
    "barcode",
    "family",
    "net_weight",
    "gross_weight",
    "warranty_months",
)
"""Back-office fields every product has, whatever the back office (see model.Product)."""


class TextFields(Settings):
    """For each shop text field, the back-office field that feeds it (None: not sent)."""

    name: str | None = "designation"
    description: str | None = None
    short_description: str | None = None
    meta_title: str | None = None
    meta_description: str | None = None
    meta_keywords: str | None = None
    slug: str | None = None


TEXT_FIELD_NAMES: tuple[str, ...] = tuple(TextFields.model_fields)


class TextSettings(Settings):
    fields: TextFields = Field(default_factory=TextFields, description="The shop's default language.")
    languages: dict[str, TextFields] = Field(
        default_factory=dict, description="Other shop languages (code -> fields), e.g. en from language1."
    )
    max_lengths: dict[str, int] = Field(
        default_factory=lambda: {
            "name": 128, "meta_title": 255, "meta_description": 512, "meta_keywords": 255, "slug": 128,
        },
        description="Longest value the shop accepts per field; a longer one is cut with a warning.",
    )
    seo_meta_keys: dict[str, str] = Field(
        default_factory=lambda: {
            "meta_title": "_yoast_wpseo_title",
            "meta_description": "_yoast_wpseo_metadesc",
            "meta_keywords": "_yoast_wpseo_focuskw",
        },
        description="Product meta keys receiving the SEO texts on shops without SEO fields (WooCommerce).",
    )

    @field_validator("max_lengths", "seo_meta_keys")
    @classmethod
    def _known_text_fields(cls, value: dict) -> dict:
        unknown = sorted(set(value) - set(TEXT_FIELD_NAMES))
        if unknown:
            raise ValueError(
                _("unknown text field(s) {names}; expected: {choices}").format(
                    names=", ".join(unknown), choices=", ".join(TEXT_FIELD_NAMES)
                )
            )
        return value


class TaxSettings(Settings):
    accounting_category: str = Field("1", description="Accounting category whose tax codes apply (1 = National).")
    vat_slot: int = Field(1, ge=1, le=3, description="Which of the article's tax codes (1/2/3) is the VAT.")
    ecotax_slot: int | None = Field(None, ge=1, le=3, description="Which tax code is the eco-tax, if any.")
    classes: dict[str, str] = Field(
        default_factory=dict, description="Back-office tax code -> shop tax class, e.g. C10 = 'reduced-rate'."
    )
    default_class: str = Field("standard", description="Shop tax class when no row matches (the default row).")
    ecotax_on_default_price: bool = False
    ecotax_on_other_prices: bool = Field(False, description="Add the eco-tax to variant prices too.")
    price_decimals: int = Field(2, ge=0, le=6, description="Decimals of prices sent (rounded half up).")


class CategorySource(StrEnum):
    NONE = "none"  # the connector never creates, changes or deletes categories
    FAMILIES = "families"
    CATALOGUE = "catalogue"
    FIELDS = "fields"


class CategorySettings(Settings):
    source: CategorySource = CategorySource.FAMILIES
    families_for_web_only: bool = Field(False, description="Only families flagged 'published on the web'.")
    level_fields: list[str] = Field(default_factory=list, max_length=6, description="Source 'fields': level 1..6.")
    link_parent_categories: bool = Field(False, description="Also put the product in every parent category.")
    additional_field: str | None = Field(None, description="Field of comma-separated additional categories.")
    additional_by: Literal["name", "id"] = "name"


class AttributePair(Settings):
    name_field: str
    value_field: str


class GroupingSettings(Settings):
    master_field: str | None = Field(None, description="Free field holding the master reference (None: no grouping).")
    attributes: list[AttributePair] = Field(default_factory=list, max_length=5)
    name_field: str | None = Field(None, description="Field giving the grouped product's name.")
    name_from: Literal["first", "last"] = Field("first", description="Article (by reference) giving the name.")


class PackagingSettings(Settings):
    enabled: bool = False
    attribute_name: str = "Conditionnement"
    add_unit_variant: bool = Field(True, description="Add the single-unit variant when no packaging holds 1.")
    unit_variant_name: str = "Pièce"
    only_with_reference: bool = Field(False, description="Only packagings with their own reference (the variant key).")


class SupplierMatch(StrEnum):
    NONE = "none"
    START = "start"
    END = "end"
    ANYWHERE = "anywhere"


class FileMatching(Settings):
    """Where the files of a product are found (images or documents)."""

    from_attachments: bool = True
    folder: Path | None = Field(None, description="Folder of files named by reference (REF.jpg, REF_01.jpg, REF/).")
    subfolders: bool = Field(True, description="Also take every file of a sub-folder named by the reference.")
    supplier_reference_match: SupplierMatch = SupplierMatch.NONE
    slash_replacement: str = Field("_", description="What replaces '/' (and other characters files cannot hold).")
    delete_before_send: bool = False
    shop_file_name: Literal["original", "reference"] = Field(
        "original", description="Name in the shop: the file's own, or REF.ext / REF_01.ext..."
    )


class ImageSettings(FileMatching):
    from_record: bool = Field(True, description="The article's own picture (Sage AR_Photo).")
    extensions: list[str] = Field(default_factory=lambda: [".jpg", ".jpeg", ".png", ".gif", ".webp"])


class DocumentSettings(FileMatching):
    extensions: list[str] = Field(default_factory=lambda: [".pdf"])


class FeatureRow(Settings):
    feature: str = Field(description="The shop's feature (characteristic) name.")
    field: str = Field(description="The back-office field giving its value.")
    predefined: bool = Field(True, description="A predefined (global) value rather than a custom one.")
    separator: str | None = Field(None, description="Splits a multi-valued field, e.g. ','.")


class DimensionSettings(Settings):
    width_field: str | None = None
    height_field: str | None = None
    depth_field: str | None = None
    decimals: int = Field(2, ge=0, le=6)


class WeightSettings(Settings):
    source: Literal["net", "gross", "none"] = "net"
    shop_unit: Literal["kg", "g", "lbs", "oz"] = "kg"
    decimals: int = Field(4, ge=0, le=6)


class ActivationSettings(Settings):
    new_products_active: bool = True
    inactive_when_unpublished: bool = Field(True, description="A product not 'published on the web' is inactive.")


class UpdateSwitches(Settings):
    """Which parts an update replaces on products already in the shop (creation sends all)."""

    name: bool = True
    descriptions: bool = True
    seo: bool = True
    price: bool = True
    specific_prices: bool = True
    quantity: bool = True
    availability_date: bool = True
    weight: bool = True
    dimensions: bool = True
    barcode: bool = True
    brand: bool = True
    supplier: bool = True
    images: bool = True
    documents: bool = True
    features: bool = True
    category: bool = True
    parent_categories: bool = True


class ExportProductsSettings(Settings):
    published_only: bool = Field(False, description="Only articles flagged 'published on the web'.")
    texts: TextSettings = Field(default_factory=TextSettings)
    taxes: TaxSettings = Field(default_factory=TaxSettings)
    brand_field: str | None = None
    send_supplier: bool = Field(False, description="Send the main supplier and its reference.")
    categories: CategorySettings = Field(default_factory=CategorySettings)
    grouping: GroupingSettings = Field(default_factory=GroupingSettings)
    packagings: PackagingSettings = Field(default_factory=PackagingSettings)
    images: ImageSettings = Field(default_factory=ImageSettings)
    documents: DocumentSettings = Field(default_factory=DocumentSettings)
    features: list[FeatureRow] = Field(default_factory=list)
    dimensions: DimensionSettings = Field(default_factory=DimensionSettings)
    weight: WeightSettings = Field(default_factory=WeightSettings)
    barcode_field: str | None = "barcode"
    warranty_field: str | None = "warranty_months"
    minimum_quantity_field: str | None = None
    cross_sell_field: str | None = Field(None, description="Field of comma-separated references of related articles.")
    cross_sell_from_linked_articles: bool = Field(True, description="Components of a 'linked' bill of materials.")
    packs: bool = Field(True, description="Commercial bills of materials become shop packs.")
    activation: ActivationSettings = Field(default_factory=ActivationSettings)
    update: UpdateSwitches = Field(default_factory=UpdateSwitches)
