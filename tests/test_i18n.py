from gescom_sync.i18n import available_languages


def test_french_and_english_catalogues_are_installed():
    assert {"fr", "en"} <= set(available_languages())


def test_french_is_the_default_and_english_available(tmp_path):
    from gescom_sync.i18n import _, set_language

    assert _("Succeeded") == "Réussi"
    set_language("en")
    assert _("Succeeded") == "Succeeded"
