"""Shop categories from families, the catalogue tree, or up to six fields (SPEC §3.1).

A category is keyed by its source and its path of labels from the root
(``catalogue:Bijouterie > Or > Bagues or``), so the same labels under two parents are
two categories, and the key does not depend on a back-office id.
"""

from __future__ import annotations

from collections.abc import Mapping

from gescom_sync.mapping.catalogue.drafts import CategoryDraft
from gescom_sync.mapping.catalogue.fields import split_list, text_value
from gescom_sync.model import Family, Product
from gescom_sync.profiles.catalogue import CategorySettings, CategorySource

SEPARATOR = " > "


def category_key(source: CategorySource, path: tuple[str, ...]) -> str:
    return f"{source.value}:{SEPARATOR.join(path)}"


def category_path(product: Product, settings: CategorySettings, families: Mapping[str, Family]) -> tuple[str, ...]:
    """The labels from the root to the product's category; () when it has none."""
    if settings.source is CategorySource.FAMILIES:
        family = families.get(product.family or "")
        if family is None or (settings.families_for_web_only and not family.published):
            return ()
        return (family.name,)
    if settings.source is CategorySource.CATALOGUE:
        return product.catalogue_path
    if settings.source is CategorySource.FIELDS:
        labels = []
        for level, name in enumerate(settings.level_fields, start=1):
            label = text_value(product, name, f"categories.level_fields[{level}]")
            if label is None:
                break  # a level without value ends the path
            labels.append(label)
        return tuple(labels)
    return ()


class CategoryTree:
    """The categories the products need, parents before children, each once."""

    def __init__(self, source: CategorySource) -> None:
        self.source = source
        self._drafts: dict[str, CategoryDraft] = {}

    def add(self, path: tuple[str, ...]) -> tuple[str, ...]:
        """Add ``path`` and its ancestors; return their keys from the root (leaf last)."""
        keys = []
        parent = None
        for depth in range(1, len(path) + 1):
            key = category_key(self.source, path[:depth])
            self._drafts.setdefault(key, CategoryDraft(key=key, name=path[depth - 1], parent_key=parent))
            keys.append(key)
            parent = key
        return tuple(keys)

    def drafts(self) -> list[CategoryDraft]:
        return list(self._drafts.values())


def additional_categories(product: Product, settings: CategorySettings) -> tuple[str, ...]:
    """The names or ids of the field of additional categories, as written there."""
    return split_list(text_value(product, settings.additional_field, "categories.additional_field"))
