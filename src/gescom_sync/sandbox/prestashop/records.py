"""Generic record writes: required fields, field formats, multilingual values, associations.

PrestaShop checks a write in two steps, and so does the sandbox: a required field
absent from the XML is error 41 (``parameter "price" required``, one per field); then
the object's validation stops at the first bad value with error 85
(``Validation error: "Property Product->price is not valid"``).
"""

from __future__ import annotations

import re
from typing import Any

from gescom_sync.sandbox.prestashop.render import Record, Submitted
from gescom_sync.sandbox.prestashop.resources import Field, Resource


class WebserviceError(Exception):
    """An answer made of PrestaShop ``<errors>`` (none: an empty body, as PrestaShop's 404)."""

    def __init__(self, status: int, errors: list[tuple[int, str]]) -> None:
        super().__init__(errors[0][1] if errors else str(status))
        self.status, self.errors = status, errors


def validation_error(resource: Resource, text: str) -> WebserviceError:
    return WebserviceError(400, [(85, f'Validation error: "{text}"')])


def check_required(resource: Resource, submitted: Submitted) -> None:
    missing = [f.name for f in resource.fields if f.required and not f.lang and not f.computed and f.name not in submitted.values]
    if missing:
        raise WebserviceError(400, [(41, f'parameter "{name}" required') for name in missing])


def apply_submitted(resource: Resource, record: Record, submitted: Submitted, languages: list[int], default_language: int) -> Record:
    """``record`` updated with the submitted fields, each checked against its format and size."""
    for field in resource.fields:
        if field.computed or field.read_only:
            continue
        owner = f"{resource.class_name}->{field.name}"
        if field.lang and field.name in submitted.languages:
            values = {entry["id"]: entry["value"] for entry in record.get(field.name) or []}
            for language, text in submitted.languages[field.name].items():
                if language in languages:
                    _check(field, text, owner, resource)
                    values[language] = text
            record[field.name] = [{"id": i, "value": values.get(i, "")} for i in languages]
        elif not field.lang and field.name in submitted.values:
            text = submitted.values[field.name]
            _check(field, text, owner, resource)
            record[field.name] = field.normalise(text)
        if field.required:
            _check_present(field, record, owner, resource, default_language)
    for name, entries in submitted.associations.items():
        association = next((a for a in resource.associations if a.name == name), None)
        if association is not None:
            record.setdefault("associations", {})[name] = [_entry(association.fields, e) for e in entries if any(e.values())]
    return record


def _check(field: Field, text: str, owner: str, resource: Resource) -> None:
    if not field.is_valid(text):
        raise validation_error(resource, f"Property {owner} is not valid")
    if field.size and len(text) > field.size:
        raise validation_error(resource, f"Property {owner} length ({len(text)}) must be between 0 and {field.size}")


def _check_present(field: Field, record: Record, owner: str, resource: Resource, default_language: int) -> None:
    if field.lang:
        value = next((e["value"] for e in record.get(field.name) or [] if e["id"] == default_language), "")
        if not value:
            raise validation_error(resource, f"Property {owner} is empty for default language")
    elif record.get(field.name) in (None, ""):
        raise validation_error(resource, f"Property {owner} is empty")


def _entry(names: tuple[str, ...], entry: dict[str, str]) -> dict[str, Any]:
    """An association entry with PrestaShop's JSON types: ids and quantities as numbers, amounts as text."""
    typed: dict[str, Any] = {}
    for name, text in entry.items():
        if names and name not in names:
            continue
        typed[name] = int(text) if re.fullmatch(r"-?\d+", text or "") and not _is_text(name) else text
    return typed


def _is_text(name: str) -> bool:
    return any(word in name for word in ("price", "amount", "name", "reference", "ean13", "isbn", "upc"))
