"""Text fields per shop language, cut to the shop's length with a warning."""

import pytest
from catalogue_support import build, messages

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import set_language


def test_fields_and_languages(bijou):
    draft = build(bijou, texts={
        "fields": {"name": "LibelleWeb", "description": "designation", "slug": "reference"},
        "languages": {"en": {"name": "language1", "meta_title": "language1"}},
    })
    ring = draft.product("BAOR01")
    assert (ring.texts.name, ring.texts.description, ring.texts.slug) == (
        "Bague solitaire en or jaune 18 carats", "Bague or 18 carats solitaire", "BAOR01",
    )
    assert ring.texts.short_description is None
    assert ring.translations["en"].name == "18-carat gold solitaire ring"
    assert ring.translations["en"].meta_title == "18-carat gold solitaire ring"
    assert draft.product("CHAOR42").translations["en"].name is None  # no "Langue 1" text


def test_a_too_long_value_is_cut_with_a_warning(bijou):
    draft = build(bijou, texts={"fields": {"name": "LibelleWeb"}, "max_lengths": {"name": 20}})
    assert draft.product("BAOR01").texts.name == "Bague solitaire en o"
    assert messages(draft, "BAOR01") == ["name cut to 20 characters (37 given): 'Bague solitaire en o'"]


def test_the_warning_reads_in_french(bijou):
    draft = build(bijou, texts={"max_lengths": {"name": 10}})
    warning = next(w for w in draft.warnings if w.key == "CHORFA")
    set_language("fr")
    from gescom_sync.i18n import _

    assert _(warning.message.msgid).format(**warning.message.params) == (
        "name coupé à 10 caractères (19 fournis) : 'Chaîne or'"
    )


def test_an_unknown_field_names_the_setting(bijou):
    with pytest.raises(ConfigError) as error:
        build(bijou, texts={"languages": {"en": {"name": "Anglais"}}})
    assert "'Anglais' inconnu dans export_products.texts.languages.en.name" in str(error.value)
    assert "LibelleWeb" in str(error.value)  # the free fields are listed
