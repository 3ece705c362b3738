"""`gescom-sync demo`: the main job, on the embedded back office and the sandbox shop.

Creates the "Bijou" demo database and a default profile "demo" in a data folder of its
own (a temporary one unless ``--home`` is given), starts the sandbox WooCommerce shop on
a local port and points the profile at it, tests both connections, prints the catalogue
as the back office gives it, and says which commands to try next.
"""

from __future__ import annotations

import os
import secrets
import tempfile
import time
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
from gescom_sync.profiles import create_profile, profile_exists, set_default_profile, update_profile
from gescom_sync.profiles.connection_test import check_connections
from gescom_sync.profiles.secrets import KEYRING_ENV, MASTER_KEY_ENV
from gescom_sync.sandbox.woocommerce import RunningSandbox, start_sandbox

DEMO_PROFILE = "demo"
DEMO_MASTER_KEY_FILE = "demo-master-key"
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
    serve: bool = typer.Option(False, "--serve", help="Keep the sandbox shop running afterwards, until Ctrl-C."),
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
    with start_sandbox(folder / "sandbox-shop") as shop:
        console.print(_("Sandbox WooCommerce shop: {url}").format(url=shop.url))
        profile = _connect_to(shop)
        _print_connections(profile)
        _print_catalogue(profile)
        _print_next_steps(folder)
        if serve:
            _serve(shop)


def _connect_to(shop: RunningSandbox):
    """Point the demo profile at the sandbox (its port changes from one demo to the next)."""
    return update_profile(
        DEMO_PROFILE,
        [
            ("shop.type", "woocommerce"),
            ("shop.url", shop.url),
            ("shop.consumer_key", shop.consumer_key),
            ("shop.consumer_secret", shop.consumer_secret),
            ("shop.wordpress_user", shop.wp_user),
            ("shop.application_password", shop.wp_app_password),
        ],
    )


def _serve(shop: RunningSandbox) -> None:
    console.print(_("The sandbox shop shows what the sync did at {url} — Ctrl-C to stop.").format(url=shop.url))
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass


def _data_folder(home: Path | None) -> Path:
    """The demo never touches the user's own data folder, nor their keyring: it has its own of both.

    Its secrets (the sandbox shop's keys) go to the folder's encrypted file, under the
    master key kept in the folder (``demo-master-key``), made on the first run unless
    GESCOM_SYNC_MASTER_KEY is set then.
    """
    folder = home.expanduser().resolve() if home else Path(tempfile.mkdtemp(prefix="gescom-sync-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ[HOME_ENV] = str(folder)
    os.environ[KEYRING_ENV] = "file"
    key_file = folder / DEMO_MASTER_KEY_FILE
    if not key_file.exists() and not (folder / "secrets.enc").exists() and not os.environ.get(MASTER_KEY_ENV):
        key_file.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        key_file.chmod(0o600)
    if key_file.exists():
        os.environ[MASTER_KEY_ENV] = key_file.read_text(encoding="utf-8").strip()
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
    if (folder / DEMO_MASTER_KEY_FILE).exists():
        console.print(f'  export {KEYRING_ENV}=file {MASTER_KEY_ENV}="$(cat {folder / DEMO_MASTER_KEY_FILE})"')
    for command, meaning in NEXT_COMMANDS:
        console.print(f"  {command}  # {_(meaning)}")
    console.print(
        _(
            "Next versions of the demo also export the catalogue, stock, prices and customers to the "
            "sandbox shop, and import its orders back into the demo back office."
        )
    )
