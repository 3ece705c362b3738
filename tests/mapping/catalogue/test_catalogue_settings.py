"""The export settings: defaults, validation, and the TOML example of docs/export-products.md."""

import re
import tomllib
from pathlib import Path

import pytest
from pydantic import ValidationError

from gescom_sync.profiles.catalogue import CategorySource, ExportProductsSettings

DOC = Path(__file__).parents[3] / "docs" / "export-products.md"


def test_defaults():
    settings = ExportProductsSettings()
    assert settings.texts.fields.name == "designation"
    assert settings.categories.source is CategorySource.FAMILIES
    assert settings.grouping.master_field is None
    assert settings.taxes.default_class == "standard"
    assert settings.update.images is True


def test_unknown_keys_and_out_of_range_values_are_refused():
    with pytest.raises(ValidationError, match="extra"):
        ExportProductsSettings.model_validate({"texts": {"feilds": {}}})
    with pytest.raises(ValidationError):
        ExportProductsSettings.model_validate({"taxes": {"vat_slot": 4}})
    with pytest.raises(ValidationError):
        ExportProductsSettings.model_validate({"categories": {"level_fields": list("abcdefg")}})
    with pytest.raises(ValidationError, match="titre"):
        ExportProductsSettings.model_validate({"texts": {"max_lengths": {"titre": 10}}})


def test_the_documented_example_is_valid():
    example = re.search(r"```toml\n(\[export_products\].*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert example, "docs/export-products.md has a complete [export_products] example"
    settings = ExportProductsSettings.model_validate(tomllib.loads(example.group(1))["export_products"])
    assert settings.grouping.master_field == "RefMaitre"
    assert settings.taxes.classes["C10"] == "reduced-rate"
    assert settings.packagings.enabled
