"""`gescom-sync demo`: the main job, on the embedded back office.

Creates the "Bijou" demo database and a default profile "demo" in a data folder of its
own (a temporary one unless ``--home`` is given), tests the connection, prints the
catalogue as the back office gives it, and says which commands to try next.
"""

from __future__ import annotations

import os
import tempfile
from decimal import Decimal
from pathlib import Path

import typer

from gescom_sync.backoffice import open_backoffice
from gescom_sync.cli.common import console, show
from gescom_sync.demo import bijou
from gescom_sync.demo.data import FIVE_FORMULAS_ARTICLE
from gescom_sync.i18n import N_, _, format_amount
from gescom_sync.model import PriceRuleKind, StockFormula
from gescom_sync.paths import HOME_ENV
from gescom_sync.profiles import create_profile, load_profile, profile_exists, set_default_profile
from gescom_sync.profiles.connection_test import check_connections

DEMO_PROFILE = "demo"
DEMO_CUSTOMER = "TOPAZ"

FORMULA_LABELS = {
    StockFormula.REAL: N_("real stock"),
    StockFormula.REAL_MINUS_RESERVED: N_("real − reserved"),
    StockFormula.AVAILABLE: N_("available"),
    StockFormula.FORECAST: N_("forecast"),
    StockFormula.FORECAST_WITHOUT_SUPPLIER_ORDERS: N_("forecast without supplier orders"),
}

RULE_LABELS = {
    PriceRuleKind.BASE: N_("base price"),
    PriceRuleKind.CATEGORY: N_("price category"),
    PriceRuleKind.CUSTOMER: N_("customer price"),
    PriceRuleKind.QUANTITY_BREAK: N_("quantity break"),
}

NEXT_COMMANDS = (
    ("gescom-sync erp products --filter \"AR_Ref LIKE 'CH%'\"", N_("the articles a SQL filter selects")),
    ("gescom-sync erp stock --formula forecast", N_("stock with another quantity formula")),
    ("gescom-sync erp customers --json", N_("customer accounts, as JSON for scripts")),
    ("gescom-sync profile show demo", N_("the demo profile (secrets are never shown)")),
    ("gescom-sync profile test demo", N_("test the profile's connections")),
)


def run_demo(
    home: Path = typer.Option(None, "--home", help="Keep the demo's data folder here instead of a temporary folder."),
) -> None:
    folder = _data_folder(home)
    console.print(_("gescom-sync demo — data folder: {folder}").format(folder=folder))
    database = folder / "bijou.sqlite"
    if not database.exists():
        demo = bijou.create(database)
        console.print(_("Demo back office created: {url}").format(url=demo.url))
    if not profile_exists(DEMO_PROFILE):
        create_profile(
            DEMO_PROFILE,
            [("backoffice.type", "sage100"), ("backoffice.url", str(database)), ("backoffice.media_folder", str(folder / "bijou-media"))],
        )
        set_default_profile(DEMO_PROFILE)
        console.print(_("Profile {name!r} created and made the default profile.").format(name=DEMO_PROFILE))
    profile = load_profile(DEMO_PROFILE)
    _print_connections(profile)
    _print_catalogue(profile)
    _print_next_steps(folder)


def _data_folder(home: Path | None) -> Path:
    """The demo never touches the user's own data folder: it points GESCOM_SYNC_HOME at its own."""
    folder = home.expanduser().resolve() if home else Path(tempfile.mkdtemp(prefix="gescom-sync-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ[HOME_ENV] = str(folder)
    return folder


def _print_connections(profile) -> None:
    for check in check_connections(profile):
        if check.status != "skipped":
            console.print(_("Connection test ({target}): {message}").format(target=check.target, message=check.message))


def _print_catalogue(profile) -> None:
    backoffice = open_backoffice(profile.backoffice)
    try:
        products = backoffice.products()
        stock = {level.reference: level.quantity for level in backoffice.stock() if level.variant is None}
        counters = next(level for level in backoffice.stock(filter=f"AR_Ref = '{FIVE_FORMULAS_ARTICLE}'") if level.variant is None)
        prices = [
            backoffice.resolve_price(FIVE_FORMULAS_ARTICLE, customer=DEMO_CUSTOMER, quantity=Decimal(quantity)) for quantity in (1, 3)
        ]
    finally:
        backoffice.close()
    web_products = [p for p in products if p.published and not p.dormant]
    show(
        web_products,
        [
            (N_("Reference"), lambda p: p.reference),
            (N_("Designation"), lambda p: p.designation),
            (N_("Catalogue"), lambda p: " > ".join(p.catalogue_path)),
            (N_("Price"), lambda p: format_amount(p.base_price) if p.base_price is not None else None),
            (N_("Variants"), lambda p: len(p.variants) or None),
            (N_("Stock"), lambda p: stock.get(p.reference)),
        ],
        as_json=False,
        title=_("Articles published on the web"),
    )
    console.print(_("{count} articles in the back office, {web} published on the web.").format(count=len(products), web=len(web_products)))
    console.print(_("Stock of {reference} by formula (all warehouses):").format(reference=FIVE_FORMULAS_ARTICLE))
    for formula, label in FORMULA_LABELS.items():
        console.print("  " + _("{label}: {value}").format(label=_(label), value=counters.counters.quantity(formula)))
    for price in prices:
        console.print(
            _("Price of {reference} for {customer}, quantity {quantity}: {price} ({rule})").format(
                reference=price.reference, customer=DEMO_CUSTOMER, quantity=price.quantity, price=format_amount(price.unit_price), rule=_(RULE_LABELS[price.rule.kind])
            )
        )


def _print_next_steps(folder: Path) -> None:
    console.print(_("Try next, with {variable}={folder}:").format(variable=HOME_ENV, folder=folder))
    for command, meaning in NEXT_COMMANDS:
        console.print(f"  {command}  # {_(meaning)}")
    console.print(
        _(
            "Next versions of the demo also start the sandbox WooCommerce shop, export the catalogue, "
            "stock, prices and customers to it, and import its orders back into the demo back office."
        )
    )
