"""Shop text fields from back-office fields, per shop language, cut to the shop's lengths."""

from __future__ import annotations

from collections.abc import Mapping

from gescom_sync.i18n import N_
from gescom_sync.journal.events import Message
from gescom_sync.mapping.catalogue.drafts import MappingWarning, Texts
from gescom_sync.mapping.catalogue.fields import text_value
from gescom_sync.model import Product
from gescom_sync.profiles.catalogue import TEXT_FIELD_NAMES, TextFields, TextSettings


def product_texts(
    product: Product, settings: TextSettings, warnings: list[MappingWarning], *, key: str | None = None
) -> tuple[Texts, dict[str, Texts]]:
    """The texts of the shop's default language and of each other configured language."""
    key = key or product.reference
    default = texts_for(product, settings.fields, settings.max_lengths, warnings, key, "texts.fields")
    others = {
        language: texts_for(product, fields, settings.max_lengths, warnings, key, f"texts.languages.{language}")
        for language, fields in settings.languages.items()
    }
    return default, others


def texts_for(
    product: Product,
    fields: TextFields,
    max_lengths: Mapping[str, int],
    warnings: list[MappingWarning],
    key: str,
    setting: str,
) -> Texts:
    values = {}
    for name in TEXT_FIELD_NAMES:
        value = text_value(product, getattr(fields, name), f"{setting}.{name}")
        values[name] = cut(value, max_lengths.get(name), name, key, warnings)
    return Texts(**values)


def cut(value: str | None, limit: int | None, field: str, key: str, warnings: list[MappingWarning]) -> str | None:
    """``value`` cut to ``limit`` characters (and trailing spaces), with a warning (SPEC §1)."""
    if value is None or limit is None or len(value) <= limit:
        return value
    kept = value[:limit].rstrip()
    warnings.append(
        MappingWarning(
            key,
            Message(
                N_("{field} cut to {limit} characters ({length} given): {value!r}"),
                field=field,
                limit=limit,
                length=len(value),
                value=kept,
            ),
        )
    )
    return kept
