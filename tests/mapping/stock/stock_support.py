"""Helpers of the stock mapping tests: the demo's "today" and the export's targets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from gescom_sync.mapping.catalogue import ReferenceData, build_catalogue
from gescom_sync.mapping.targets import Target, targets_from_catalogue
from gescom_sync.profiles.catalogue import ExportProductsSettings

TODAY = date(2026, 11, 23)  # the demo's "today" (docs/demo-database.md)

# The export of the Bijou demo: the "Pantalon" group, packagings as variants.
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


def export_targets(products) -> list[Target]:
    """The targets of the product export's drafts: the keys the export binds."""
    catalogue = build_catalogue(products, EXPORT, ReferenceData(article_references=[p.reference for p in products]))
    return targets_from_catalogue(catalogue.products)


def quantities(plan) -> dict[str, Decimal]:
    return {draft.key: draft.quantity for draft in plan.drafts}
