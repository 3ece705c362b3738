"""Templates (SPEC §1) and the order import's settings."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from gescom_sync.mapping.templates import FIELDS, render, unknown_variables
from gescom_sync.profiles.orders import ImportOrdersSettings

REFERENCE = FIELDS["import_orders.header.reference_template"]


def test_the_spec_example():
    values = {"OI": "187", "CF": "John", "CL": "DOE"}
    label = FIELDS["import_orders.payments.label_template"]  # 35 characters
    rendered = render("Web %OI - %CF %CL", values, label)
    assert (rendered.text, rendered.warning) == ("Web 187 - John DOE", None)
    # DO_Ref holds 17 characters: the SPEC's own example is one too long for it
    assert render("Web %OI - %CF %CL", values, REFERENCE).text == "Web 187 - John DO"


def test_a_result_longer_than_the_field_is_cut_with_a_warning():
    rendered = render("Web %OI - %CF %CL", {"OI": "100245", "CF": "Marie-Claire", "CL": "DUPONT"}, REFERENCE)
    assert rendered.text == "Web 100245 - Mari"
    assert len(rendered.text) == 17
    assert rendered.warning.params == {"key": "import_orders.header.reference_template",
                                       "text": "Web 100245 - Marie-Claire DUPONT", "length": 17,
                                       "cut": "Web 100245 - Mari"}


def test_a_missing_value_is_empty_and_the_text_is_trimmed():
    assert render("%CC %CL", {"CL": "DOE"}, REFERENCE).text == "DOE"


def test_unknown_variables_are_listed_in_order():
    assert unknown_variables("%OI %XX %CF %ZZ", REFERENCE.variables) == ["%XX", "%ZZ"]


def test_settings_refuse_an_unknown_variable_with_the_accepted_ones():
    with pytest.raises(ValidationError, match=r"variable inconnue %XX dans import_orders.header.reference_template ; variables acceptées : %OI"):
        ImportOrdersSettings.model_validate({"header": {"reference_template": "Web %XX"}})


def test_defaults_are_the_specs():
    settings = ImportOrdersSettings()
    assert settings.header.reference_template == "Web %OI - %CF %CL"
    assert settings.payments.label_template == "%CF %CL - %OI"
    assert (settings.shipping.as_line, settings.lines.prices_tax_included, settings.totals.ecart_line) == (
        False, False, False)
    assert settings.statuses["processing"].document == "order"


def test_a_mapped_tax_code_needs_its_discount_article():
    with pytest.raises(ValidationError, match="C10"):
        ImportOrdersSettings.model_validate({"taxes": {"rows": [{"shop": "10", "code": "C10"}]},
                                             "special_articles": {"remise": {"C20": "REMISE20"}}})
