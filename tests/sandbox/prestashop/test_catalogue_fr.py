"""Every user-facing text of the PrestaShop sandbox and its CLI command has its French translation."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

import gescom_sync
from gescom_sync.i18n import translations

PACKAGE = Path(gescom_sync.__file__).parent
PRESTASHOP_CLI_FUNCTIONS = {"prestashop", "prestashop_banner"}


def sandbox_msgids() -> set[str]:
    found = set()
    for source in sorted((PACKAGE / "sandbox" / "prestashop").glob("*.py")):
        for _line, message, _comments, _context in extract_from_file("python", source, keywords={"_": None}):
            found.add(message)
    return found


def cli_msgids() -> set[str]:
    """The texts of the ``prestashop`` command and its banner in cli/sandbox.py."""
    tree = ast.parse((PACKAGE / "cli" / "sandbox.py").read_text())
    found = set()
    for function in (n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name in PRESTASHOP_CLI_FUNCTIONS):
        for call in (n for n in ast.walk(function) if isinstance(n, ast.Call) and getattr(n.func, "id", None) == "_"):
            found.add(call.args[0].value)
    return found


def test_the_french_catalogue_translates_every_message() -> None:
    po = resources.files("gescom_sync") / "locale" / "fr" / "LC_MESSAGES" / "sandbox_prestashop.po"
    with po.open("rb") as fp:
        catalog = read_po(fp, locale="fr")
    msgids = sandbox_msgids() | cli_msgids()
    assert len(msgids) >= 20
    assert sorted(m for m in msgids if m not in catalog or not catalog[m].string) == []


def test_the_merged_french_catalogue_serves_the_banner() -> None:
    french = translations("fr").gettext("Webservice key: {key} (HTTP basic-auth user, empty password)")
    assert french == "Clé du webservice : {key} (utilisateur HTTP basic, mot de passe vide)"
