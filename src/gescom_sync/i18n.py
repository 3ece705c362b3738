"""Translations of every user-facing text, from gettext catalogues (Babel).

Messages are written in English in the code (``_("...")``) and translated from the
``.po`` files under ``locale/<lang>/LC_MESSAGES/gescom_sync.po``; a translator adds a
language by adding one such file, without touching code. The ``.po`` files are compiled
in memory when first used, so there is no build step.

French is the default language (SPEC §1); ``GESCOM_SYNC_LANG`` or the profile's journal
language override it.
"""

from __future__ import annotations

import gettext
import io
import os
from contextvars import ContextVar
from decimal import Decimal
from functools import cache
from importlib import resources

from babel.messages.mofile import write_mo
from babel.numbers import format_decimal
from babel.messages.pofile import read_po

DOMAIN = "gescom_sync"
DEFAULT_LANGUAGE = "fr"
LANG_ENV = "GESCOM_SYNC_LANG"

_current: ContextVar[str | None] = ContextVar("gescom_sync_language", default=None)


def available_languages() -> list[str]:
    """Languages that have at least one catalogue under ``locale/<lang>/LC_MESSAGES``."""
    locale_root = resources.files("gescom_sync") / "locale"
    return sorted(
        lang.name
        for lang in locale_root.iterdir()
        if (lang / "LC_MESSAGES").is_dir() and any(f.name.endswith(".po") for f in (lang / "LC_MESSAGES").iterdir())
    )


def current_language() -> str:
    return _current.get() or os.environ.get(LANG_ENV) or DEFAULT_LANGUAGE


def set_language(language: str | None) -> None:
    """Use ``language`` for the texts produced from now on in this context."""
    _current.set(language)


@cache
def translations(language: str) -> gettext.NullTranslations:
    """All ``.po`` catalogues of ``language`` merged (``gescom_sync.po`` first)."""
    folder = resources.files("gescom_sync") / "locale" / language / "LC_MESSAGES"
    po_files = sorted(
        (f for f in folder.iterdir() if f.name.endswith(".po")) if folder.is_dir() else [],
        key=lambda f: (f.name != f"{DOMAIN}.po", f.name),
    )
    merged: gettext.NullTranslations = gettext.NullTranslations()
    for po_file in reversed(po_files):
        compiled = _compile(po_file, language)
        compiled.add_fallback(merged)
        merged = compiled
    return merged


def _compile(po_file, language: str) -> gettext.GNUTranslations:
    with po_file.open("rb") as fp:
        catalog = read_po(fp, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _(message: str) -> str:
    """Translate ``message`` into the current language."""
    return translations(current_language()).gettext(message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention
    """Mark ``message`` as a msgid for extraction without translating it now."""
    return message


def N_plural(singular: str, plural: str) -> tuple[str, str]:  # noqa: N802
    """Mark a singular/plural msgid pair for extraction (translated later with ngettext)."""
    return singular, plural


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current_language()).ngettext(singular, plural, n)


def format_amount(value: Decimal, decimals: int = 2) -> str:
    """An amount for people, in the current language: ``1 490,00`` in French, ``1,490.00`` in English."""
    pattern = "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(value, format=pattern, locale=current_language())
