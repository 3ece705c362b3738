"""Helpers of the catalogue mapping tests: the demo's products and settings built from dicts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gescom_sync.mapping.catalogue import CatalogueDraft, ReferenceData, build_catalogue
from gescom_sync.model import Product
from gescom_sync.profiles.catalogue import ExportProductsSettings

GROUPING = {
    "master_field": "RefMaitre",
    "attributes": [
        {"name_field": "Gamme1Nom", "value_field": "Gamme1Valeur"},
        {"name_field": "Gamme2Nom", "value_field": "Gamme2Valeur"},
    ],
}


@dataclass(frozen=True)
class Bijou:
    products: list[Product]
    reference: ReferenceData
    media_folder: Path

    def product(self, reference: str) -> Product:
        return next(p for p in self.products if p.reference == reference)


def settings(**blocks: Any) -> ExportProductsSettings:
    return ExportProductsSettings.model_validate(blocks)


def build(bijou: Bijou, products: list[Product] | None = None, **blocks: Any) -> CatalogueDraft:
    return build_catalogue(bijou.products if products is None else products, settings(**blocks), bijou.reference)


def messages(draft_or_warnings, key: str | None = None) -> list[str]:
    """The warnings as English text (msgid filled with its parameters), optionally for one key."""
    warnings = getattr(draft_or_warnings, "warnings", draft_or_warnings)
    return [w.message.msgid.format(**w.message.params) for w in warnings if key is None or w.key == key]
