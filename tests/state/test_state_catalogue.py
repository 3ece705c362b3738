"""Every user-facing text of the state store and `watermark` commands has its French translation."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

import gescom_sync

PACKAGE = Path(gescom_sync.__file__).parent
SOURCES = [*sorted((PACKAGE / "state").glob("*.py")), PACKAGE / "cli" / "watermark.py"]
KEYWORDS = {"_": None, "ngettext": (1, 2)}


def _msgids() -> set[str]:
    found = set()
    for source in SOURCES:
        for _line, message, _comments, _context in extract_from_file("python", source, keywords=KEYWORDS):
            found.add(message[0] if isinstance(message, tuple) else message)
    return found


def test_the_french_catalogue_translates_every_message() -> None:
    po = resources.files("gescom_sync") / "locale" / "fr" / "LC_MESSAGES" / "state.po"
    with po.open("rb") as fp:
        catalog = read_po(fp, locale="fr")
    msgids = _msgids()
    assert len(msgids) >= 15
    untranslated = sorted(m for m in msgids if m not in catalog or not catalog[m].string)
    assert untranslated == []
