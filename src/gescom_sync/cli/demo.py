"""`gescom-sync demo`: the main job, on the embedded back office and the sandbox shop.

Creates the "Bijou" demo database and a default profile "demo" in a data folder of its
own (a temporary one unless ``--home`` is given), starts the sandbox shop (WooCommerce, or
PrestaShop with ``--shop prestashop``) on a local port and points the profile at it, tests both connections, prints the catalogue
as the back office gives it, runs the exports, places a handful of varied orders in the
sandbox shop and imports them (printing the documents they became), and says which
commands to try next. A PrestaShop sandbox kept running (``--keep``) gets no orders: it is
in another process, and the webservice does not tell a cart's total.

This module holds the command and the demo profile's Bijou settings; the demo's steps are
in ``gescom_sync.cli.demo_run``, loaded only when the demo runs (they need the sandboxes,
the connectors and the operations, which ``--help`` and the other commands do not).
"""

from __future__ import annotations

from pathlib import Path

import typer

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.profiles.catalogue import ExportProductsSettings

DEMO_TEMPLATE_ACCOUNT = "WEBMODELE"  # the account whose settings new web accounts copy
DEMO_SHOPS = ("woocommerce", "prestashop")

# Bijou's VAT codes -> the shop's tax classes: WooCommerce's class names, the PrestaShop
# sandbox's tax rule groups (1: FR 20 %, 2: 10 %, 3: 5.5 %; 0: no tax).
DEMO_TAX_CLASSES = {
    "woocommerce": ("standard", {}),
    "prestashop": ("1", {"C10": "2", "C55": "3", "C00": "0"}),
}


def run_demo(
    home: Path = typer.Option(None, "--home", help="Keep the demo's data folder here instead of a temporary folder."),
    serve: bool = typer.Option(False, "--serve", help="Keep the sandbox shop running afterwards, until Ctrl-C."),
    keep: bool = typer.Option(False, "--keep", help="Leave the sandbox shop running in the background afterwards."),
    json_output: bool = typer.Option(False, "--json", help="Journals as JSON lines, and a last line describing the demo."),
    shop_type: str = typer.Option("woocommerce", "--shop", help="The sandbox shop: woocommerce or prestashop."),
) -> None:
    if shop_type not in DEMO_SHOPS:
        raise ConfigError(_("--shop must be one of {choices}, not {value!r}.").format(choices=", ".join(DEMO_SHOPS), value=shop_type))
    from gescom_sync.cli.demo_run import run_demo_steps

    run_demo_steps(home=home, serve=serve, keep=keep, json_output=json_output, shop_type=shop_type)


def bijou_export_settings(media: Path) -> ExportProductsSettings:
    """How the Bijou company publishes: web articles only, its catalogue tree, the Pantalon
    group on its master reference (Couleur x Taille), packagings as variants, its media folders."""
    return ExportProductsSettings.model_validate(
        {
            "published_only": True,
            "grouping": {
                "master_field": "RefMaitre",
                "attributes": [
                    {"name_field": "Gamme1Nom", "value_field": "Gamme1Valeur"},
                    {"name_field": "Gamme2Nom", "value_field": "Gamme2Valeur"},
                ],
            },
            "categories": {"source": "catalogue"},
            "packagings": {"enabled": True},
            "images": {"folder": str(media / "images")},
            "documents": {"folder": str(media / "documents")},
        }
    )
