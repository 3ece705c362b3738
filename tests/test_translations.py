"""Every text of the source has a French translation that keeps its placeholders.

The msgids are extracted with Babel exactly as ``pybabel extract -F babel.cfg`` does, so
a text missing from the catalogues fails here with its file and line.
"""

from __future__ import annotations

import gettext
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

import gescom_sync
from gescom_sync.i18n import translations

PACKAGE_DIR = Path(gescom_sync.__file__).parent
BABEL_CFG = Path(__file__).parents[1] / "babel.cfg"

Msgid = str | tuple[str, str]


def source_msgids() -> dict[Msgid, str]:
    """Every msgid of the package (a str, or a (singular, plural) pair) -> where it is."""
    with BABEL_CFG.open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, str(BABEL_CFG))
    found: dict[Msgid, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(PACKAGE_DIR, method_map, options_map):
        msgid = message if isinstance(message, str) else tuple(message)
        found.setdefault(msgid, f"{filename}:{lineno}")
    return found


def french_translations(msgid: Msgid) -> list[str]:
    """The French texts of ``msgid`` (one, or one per plural form); [] when untranslated."""
    catalogue: gettext.NullTranslations | None = translations("fr")
    while catalogue is not None:
        entries = getattr(catalogue, "_catalog", {})
        if isinstance(msgid, str) and msgid in entries:
            return [entries[msgid]]
        if isinstance(msgid, tuple) and (msgid[0], 0) in entries:
            return [entries[(msgid[0], n)] for n in range(2)]
        catalogue = catalogue._fallback  # the merged catalogues form a chain
    return []


def _fully_translated(msgid: Msgid) -> bool:
    texts = french_translations(msgid)
    return bool(texts) and all(texts)


def placeholders(text: str) -> set[str]:
    return {field for _literal, field, _spec, _conversion in string.Formatter().parse(text) if field is not None}


MSGIDS = source_msgids()


def test_extraction_finds_the_texts_of_every_kind_of_marker():
    assert "Start of the product export" in MSGIDS  # N_() in operations/registry.py
    assert "Profile {profile!r} has no run {run_id}." in MSGIDS  # _() in cli/log.py
    assert ("{count} created", "{count} created") in MSGIDS  # N_plural() in journal/render.py
    assert len(MSGIDS) > 50


def test_every_text_has_a_french_translation():
    missing = [f"{where}: {msgid!r}" for msgid, where in MSGIDS.items() if not _fully_translated(msgid)]
    assert not missing, f"{len(missing)} text(s) without a French translation:\n" + "\n".join(sorted(missing))


def test_every_translation_keeps_the_placeholders_of_its_msgid():
    broken = []
    for msgid, where in MSGIDS.items():
        expected = placeholders(msgid if isinstance(msgid, str) else msgid[1])
        for translated in french_translations(msgid):
            if placeholders(translated) != expected:
                broken.append(f"{where}: {msgid!r} -> {translated!r}")
    assert not broken, "translations whose {placeholders} differ from the msgid's:\n" + "\n".join(sorted(broken))


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("{key}: {action} ({reason})", {"key", "action", "reason"}),
        ("Unknown operation {name!r}; expected one of: {names}.", {"name", "names"}),
        ("no placeholder", set()),
    ],
)
def test_placeholders_are_the_field_names(msgid, expected):
    assert placeholders(msgid) == expected
