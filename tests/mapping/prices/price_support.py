"""Helpers of the price mapping tests: the demo's "today", its reads and the export's targets."""

from __future__ import annotations

from datetime import date

from gescom_sync.mapping.catalogue import ReferenceData, build_catalogue
from gescom_sync.mapping.prices import PriceInputs
from gescom_sync.mapping.targets import Target, targets_from_catalogue
from gescom_sync.profiles.catalogue import ExportProductsSettings

TODAY = date(2026, 11, 23)

EXPORT = ExportProductsSettings.model_validate(
    {
        "grouping": {
            "master_field": "RefMaitre",
            "attributes": [
                {"name_field": "Gamme1Nom", "value_field": "Gamme1Valeur"},
                {"name_field": "Gamme2Nom", "value_field": "Gamme2Valeur"},
            ],
        },
        "packagings": {"enabled": True},
        "categories": {"source": "none"},
        "images": {"from_attachments": False, "from_record": False},
        "documents": {"from_attachments": False},
    }
)


def read_inputs(sage) -> PriceInputs:
    return PriceInputs(
        products=tuple(sage.products()),
        rules=tuple(sage.prices()),
        conditions=sage.price_conditions(),
        taxes=tuple(sage.taxes()),
        categories=tuple(sage.price_categories()),
        customers=tuple(sage.customers()),
    )


def export_targets(products) -> list[Target]:
    """The targets of the product export's drafts: the keys the export binds."""
    catalogue = build_catalogue(products, EXPORT, ReferenceData(article_references=[p.reference for p in products]))
    return targets_from_catalogue(catalogue.products)
