"""Features (characteristics): the table shop feature <-> back-office field (SPEC §3.1)."""

from __future__ import annotations

from collections.abc import Sequence

from gescom_sync.mapping.catalogue.drafts import FeatureValue
from gescom_sync.mapping.catalogue.fields import split_list, text_value
from gescom_sync.model import Product
from gescom_sync.profiles.catalogue import FeatureRow


def product_features(product: Product, rows: Sequence[FeatureRow]) -> tuple[FeatureValue, ...]:
    """One value per feature whose field is filled; a separator splits a multi-valued field."""
    features = []
    for number, row in enumerate(rows, start=1):
        text = text_value(product, row.field, f"features[{number}].field")
        if text is None:
            continue
        values = split_list(text, row.separator) if row.separator else (text,)
        if values:
            features.append(FeatureValue(row.feature, values, row.predefined))
    return tuple(features)
