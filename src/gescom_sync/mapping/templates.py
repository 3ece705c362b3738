"""Templates with variables (SPEC §1): ``Web %OI - %CF %CL`` gives ``Web 187 - John DOE``.

A variable is ``%`` followed by two capital letters. Each template field lists the
variables it accepts (:data:`FIELDS`); a variable a field does not know is an error of
the profile, found when the settings are loaded (:func:`check_template`). A result longer
than its target column is cut to that length, with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gescom_sync.i18n import N_, _

if TYPE_CHECKING:
    from gescom_sync.journal.events import Message

VARIABLE = re.compile(r"%([A-Z]{2})")

# What each variable stands for (shown next to the template fields of the console).
ORDER_VARIABLES: Mapping[str, str] = {
    "OI": N_("shop order id"),
    "ON": N_("shop order number (as the customer sees it)"),
    "CI": N_("shop customer id"),
    "CF": N_("customer first name"),
    "CL": N_("customer last name, upper case"),
    "CC": N_("customer company"),
    "CE": N_("customer e-mail"),
    "OD": N_("order date (YYYY-MM-DD)"),
    "PM": N_("payment method, as the shop names it"),
    "SI": N_("shop (store) of a multistore"),
}
RETURN_VARIABLES: Mapping[str, str] = {
    **ORDER_VARIABLES,
    "PR": N_("shop return id"),
    "NC": N_("shop credit note id"),
}


@dataclass(frozen=True, slots=True)
class TemplateField:
    """A setting holding a template: its key path, the variables it accepts, its column's length."""

    key: str
    variables: Mapping[str, str]
    length: int


FIELDS: Mapping[str, TemplateField] = {
    field.key: field
    for field in (
        TemplateField("import_orders.header.reference_template", ORDER_VARIABLES, 17),  # F_DOCENTETE.DO_Ref
        TemplateField("import_orders.payments.label_template", ORDER_VARIABLES, 35),  # F_CREGLEMENT.RG_Libelle
        TemplateField("import_orders.payments.reference_template", ORDER_VARIABLES, 17),  # RG_Reference
    )
}


@dataclass(frozen=True, slots=True)
class Rendered:
    text: str
    warning: Message | None = None


def unknown_variables(template: str, variables: Mapping[str, str]) -> list[str]:
    """The ``%XX`` of ``template`` that ``variables`` does not define, in order of appearance."""
    return [f"%{name}" for name in VARIABLE.findall(template) if name not in variables]


def check_template(template: str, field: TemplateField) -> str:
    """``template`` when every variable is one ``field`` accepts; else ValueError (for pydantic)."""
    unknown = unknown_variables(template, field.variables)
    if unknown:
        raise ValueError(
            _("unknown variable {unknown} in {key}; it accepts {known}").format(
                unknown=", ".join(unknown), key=field.key, known=" ".join(f"%{v}" for v in field.variables)
            )
        )
    return template


def render(template: str, values: Mapping[str, str], field: TemplateField) -> Rendered:
    """The template with its variables replaced (an unknown value is empty), cut to the field's length."""
    text = VARIABLE.sub(lambda match: str(values.get(match.group(1), "")), template).strip()
    if len(text) <= field.length:
        return Rendered(text)
    # Imported here: the profiles check templates when they load (every command), and
    # importing the journal's package brings its sinks and the state store.
    from gescom_sync.journal.events import Message

    cut = text[: field.length].rstrip()
    warning = Message(N_("{key}: \"{text}\" is longer than {length} characters; cut to \"{cut}\"."),
                      key=field.key, text=text, length=field.length, cut=cut)
    return Rendered(cut, warning)
