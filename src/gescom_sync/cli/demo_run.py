"""The steps of `gescom-sync demo` (see ``gescom_sync.cli.demo``, the command): the demo
database and profile, the sandbox shop, the exports, the orders placed and imported, and
what is printed along the way.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path

import httpx

from gescom_sync.backoffice import open_backoffice
from gescom_sync.cli.common import console, show
from gescom_sync.cli.demo import DEMO_TAX_CLASSES, DEMO_TEMPLATE_ACCOUNT, bijou_export_settings
from gescom_sync.demo import bijou
from gescom_sync.demo.data import FIVE_FORMULAS_ARTICLE
from gescom_sync.demo.orders import bijou_import_settings, is_bijou_import_settings, place_demo_orders, web_documents
from gescom_sync.errors import ConnectionFailed
from gescom_sync.journal import Action
from gescom_sync.i18n import N_, _, format_amount
from gescom_sync.model import PriceRuleKind, StockFormula
from gescom_sync.model.shop import ShopAddress, ShopCustomer
from gescom_sync.operations.export_customers import export_customer_groups, export_customers
from gescom_sync.operations.export_products import export_products
from gescom_sync.operations.import_orders import OrderSelection, import_orders
from gescom_sync.operations.import_prospects import import_prospects
from gescom_sync.operations.run import OperationRun, RunOptions, run_operation
from gescom_sync.operations.update_prices import update_prices
from gescom_sync.operations.update_stock import update_stock
from gescom_sync.paths import HOME_ENV
from gescom_sync.profiles import create_profile, load_profile, profile_exists, save_profile, set_default_profile, update_profile
from gescom_sync.profiles.customers import CustomerRules
from gescom_sync.profiles.orders import ImportOrdersSettings
from gescom_sync.profiles.connection_test import check_connections
from gescom_sync.profiles.secrets import KEYRING_ENV, MASTER_KEY_ENV
from gescom_sync.sandbox import prestashop as prestashop_sandbox
from gescom_sync.sandbox.common.orders_seed import SeededOrder
from gescom_sync.sandbox.woocommerce import start_sandbox
from gescom_sync.sandbox.woocommerce.auth import generate_api_key, generate_application_password
from gescom_sync.shops.factory import open_shop
from gescom_sync.state import StateStore

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
    ("gescom-sync log demo", N_("the journal of the last run, again")),
    ("gescom-sync export products --dry-run", N_("what an export would send now: nothing, all is up to date")),
    ("gescom-sync update stock --json", N_("a stock update, journaled as JSON lines")),
    ("gescom-sync import orders --dry-run", N_("what an order import would do now: nothing, every order is imported")),
    ("gescom-sync erp products --filter \"AR_Ref LIKE 'CH%'\"", N_("the articles a SQL filter selects")),
    ("gescom-sync erp stock --formula forecast", N_("stock with another quantity formula")),
    ("gescom-sync erp customers --json", N_("customer accounts, as JSON for scripts")),
    ("gescom-sync profile show demo", N_("the demo profile (secrets are never shown)")),
    ("gescom-sync profile test demo", N_("test the profile's connections")),
)


def run_demo_steps(*, home: Path | None, serve: bool, keep: bool, json_output: bool, shop_type: str) -> None:
    """The whole demo, in order; ``shop_type`` is one of ``DEMO_SHOPS`` (checked by the command)."""
    folder = _data_folder(home)
    say = (lambda *_args: None) if json_output else console.print  # with --json, stdout is JSON lines only
    say(_("gescom-sync demo — data folder: {folder}").format(folder=folder))
    database = folder / "bijou.sqlite"
    if not database.exists():
        demo = bijou.create(database)
        say(_("Demo back office created: {url}").format(url=demo.url))
    if not profile_exists(DEMO_PROFILE):
        profile = create_profile(
            DEMO_PROFILE,
            [("backoffice.type", "sage100"), ("backoffice.url", str(database)), ("backoffice.media_folder", str(folder / "bijou-media"))],
        )
        save_profile(
            profile.model_copy(
                update={
                    "export_products": bijou_export_settings(folder / "bijou-media"),
                    "customer_rules": CustomerRules(template_account=DEMO_TEMPLATE_ACCOUNT),
                }
            )
        )
        set_default_profile(DEMO_PROFILE)
        say(_("Profile {name!r} created and made the default profile.").format(name=DEMO_PROFILE))
    _switch_shop(folder, shop_type)
    with _sandbox(folder, shop_type, keep=keep) as shop:
        if shop_type == "woocommerce":
            say(_("Sandbox WooCommerce shop: {url}").format(url=shop.url))
        else:
            say(_("Sandbox PrestaShop shop: {url}").format(url=shop.url))
        profile = _connect_to(shop)
        if not json_output:
            _print_connections(profile)
            _print_catalogue(profile)
        _place_prospect(profile)
        totals = _run_operations(json_output)
        if shop.type == "prestashop" and shop.cart_total is None:
            say(_("No orders placed: the PrestaShop sandbox kept with --keep runs in another process, and its "
                  "webservice does not tell a cart's total."))
        else:
            placed = place_demo_orders(profile.shop, shop.cart_total)
            totals["import_orders"] = _run_and_count("import_orders", partial(import_orders, selection=OrderSelection()),
                                                     json_output)
            if not json_output:
                _print_documents(profile, placed)
        if json_output:
            print(json.dumps(_description(folder, profile, shop, totals), ensure_ascii=False))
        else:
            console.print(_("Look at the result in the sandbox shop: {url}").format(url=shop.url))
            _print_next_steps(folder)
        if serve:
            _serve(shop)


@dataclass(frozen=True)
class DemoShop:
    """A running sandbox shop and its keys: the consumer pair and WordPress user (WooCommerce) or the webservice key (PrestaShop)."""

    type: str
    url: str
    pid: int  # the process serving it
    consumer_key: str = ""
    consumer_secret: str = ""
    wp_user: str = ""
    wp_app_password: str = ""
    key: str = ""
    cart_total: Callable[[int], Decimal] | None = None  # a PrestaShop sandbox in this process: what a cart costs


SANDBOX_FOLDERS = {"woocommerce": "sandbox-shop", "prestashop": "sandbox-prestashop"}


def _switch_shop(folder: Path, shop_type: str) -> None:
    """A demo on the other shop than last time starts afresh: the profile forgets what it sent
    to the former shop, and the new shop's sandbox (bound to records now forgotten) is emptied."""
    former = load_profile(DEMO_PROFILE).shop
    if former is None or former.type == shop_type:
        return
    with StateStore.open() as store:
        store.forget_profile(DEMO_PROFILE)
    shutil.rmtree(folder / SANDBOX_FOLDERS[shop_type], ignore_errors=True)


def _sandbox(folder: Path, shop_type: str, *, keep: bool):
    """The sandbox shop of ``shop_type`` (a context manager giving a :class:`DemoShop`)."""
    return _prestashop_sandbox(folder, keep=keep) if shop_type == "prestashop" else _woocommerce_sandbox(folder, keep=keep)


@contextmanager
def _prestashop_sandbox(folder: Path, *, keep: bool) -> Iterator[DemoShop]:
    """The PrestaShop sandbox: in this process, or in a process of its own that outlives the demo (``keep``)."""
    data = folder / SANDBOX_FOLDERS["prestashop"]
    if not keep:
        with prestashop_sandbox.start_sandbox(data) as shop:
            yield DemoShop("prestashop", shop.url, os.getpid(), key=shop.key, cart_total=shop.shop.shop.cart_total)
        return
    key, port = prestashop_sandbox.generate_key(), _free_port()
    process = _spawn(folder, ["sandbox", "prestashop", "--port", str(port), "--data", str(data), "--key", key])
    url = f"http://127.0.0.1:{port}"
    _wait_for(url, process)
    yield DemoShop("prestashop", url, process.pid, key=key)


def _spawn(folder: Path, arguments: list[str]) -> subprocess.Popen:
    """``gescom-sync ARGUMENTS`` in a session of its own, its output in the folder's sandbox.log."""
    command = [sys.executable, "-c", "from gescom_sync.cli import main; main()", *arguments]
    with open(folder / "sandbox.log", "w", encoding="utf-8") as log:
        return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)


@contextmanager
def _woocommerce_sandbox(folder: Path, *, keep: bool) -> Iterator[DemoShop]:
    """The WooCommerce sandbox: in this process, or in a process of its own that outlives the demo (``keep``)."""
    data = folder / SANDBOX_FOLDERS["woocommerce"]
    if not keep:
        with start_sandbox(data) as shop:
            yield DemoShop("woocommerce", shop.url, os.getpid(), shop.consumer_key, shop.consumer_secret, shop.wp_user,
                           shop.wp_app_password)
        return
    key, password = generate_api_key(), generate_application_password()
    port = _free_port()
    process = _spawn(folder, ["sandbox", "woocommerce", "--port", str(port), "--data", str(data), "--consumer-key",
                              key.consumer_key, "--consumer-secret", key.consumer_secret, "--wp-app-password", password])
    url = f"http://127.0.0.1:{port}"
    _wait_for(url, process)
    yield DemoShop("woocommerce", url, process.pid, key.consumer_key, key.consumer_secret, "admin", password)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise ConnectionFailed(_("The sandbox shop did not start at {url}.").format(url=url))


# Groups and customers go before prices: their specific prices need them in the shop.
DEMO_OPERATIONS: tuple[tuple[str, Callable[[OperationRun], None]], ...] = (
    ("export_products", export_products),
    ("update_stock", update_stock),
    ("export_customer_groups", export_customer_groups),
    ("export_customers", export_customers),
    ("update_prices", update_prices),
    ("import_prospects", import_prospects),
)

# Someone who opened an account on the shop and never ordered: the prospect import's case.
DEMO_PROSPECT = ShopCustomer(
    key="demo-prospect",
    email="camille.lefevre@example.fr",
    first_name="Camille",
    last_name="Lefèvre",
    billing=ShopAddress(
        first_name="Camille", last_name="Lefèvre", line1="12 rue de la République", postcode="69002", city="Lyon",
        country="FR", email="camille.lefevre@example.fr",
    ),
)


def _place_prospect(profile) -> None:
    """A shop account opened by a visitor (once: the shop keeps it from one demo to the next)."""
    with open_shop(profile.shop) as connector:
        if not any(account.email == DEMO_PROSPECT.email for account in connector.read_customers()):
            connector.write_customers([DEMO_PROSPECT])


def _run_operations(json_output: bool) -> dict[str, dict[str, int]]:
    """Export the catalogue, stock, prices and customers, import the prospect, journaled; each run's totals."""
    return {operation: _run_and_count(operation, body, json_output) for operation, body in DEMO_OPERATIONS}


def _run_and_count(operation: str, body: Callable[[OperationRun], None], json_output: bool) -> dict[str, int]:
    """Run ``operation`` on the demo profile, journaled; its totals per action, all entities together."""
    run_operation(operation, DEMO_PROFILE, RunOptions(json_output=json_output), body)
    with StateStore.open() as store:
        run = store.runs.last(DEMO_PROFILE, operation)
    return {action.value: sum(c.get(action.value, 0) for c in (run.counters or {}).values()) for action in Action}


def _print_documents(profile, placed: list[SeededOrder]) -> None:
    """The documents the orders just placed became, read back from the back office."""
    currencies = {order.id: order.currency for order in placed}
    documents = [d for d in web_documents(profile.backoffice.connect_url()) if d.order_id in currencies]
    show(
        documents,
        [
            (N_("Document"), lambda d: d.piece),
            (N_("Shop order"), lambda d: d.order_id),
            (N_("Customer"), lambda d: f"{d.customer} ({d.account})"),
            (N_("Total incl. tax"), lambda d: f"{format_amount(d.order_total)} {currencies[d.order_id]}"),
        ],
        as_json=False,
        title=_("Documents made from the orders"),
    )


def _description(folder: Path, profile, shop: DemoShop, totals: dict[str, dict[str, int]]) -> dict:
    """What a script needs to go on from the demo (the sandbox's own keys: nothing else's)."""
    return {
        "home": str(folder),
        "profile": DEMO_PROFILE,
        "backoffice": profile.backoffice.connect_url(),
        "shop_type": shop.type,
        "shop_url": shop.url,
        **({"key": shop.key} if shop.type == "prestashop" else
           {"consumer_key": shop.consumer_key, "consumer_secret": shop.consumer_secret}),
        "sandbox_pid": shop.pid,
        "operations": totals,
    }


def _connect_to(shop: DemoShop):
    """Point the demo profile at the sandbox (its port changes from one demo to the next), with the shop's tax classes."""
    default_class, classes = DEMO_TAX_CLASSES[shop.type]
    if shop.type == "prestashop":
        keys = [("shop.api_key", shop.key)]
    else:
        keys = [("shop.consumer_key", shop.consumer_key), ("shop.consumer_secret", shop.consumer_secret),
                ("shop.wordpress_user", shop.wp_user), ("shop.application_password", shop.wp_app_password)]
    profile = update_profile(DEMO_PROFILE, [("shop.type", shop.type), ("shop.url", shop.url), *keys])
    taxes = profile.export_products.taxes.model_copy(update={"default_class": default_class, "classes": classes})
    settings = profile.export_products.model_copy(update={"taxes": taxes})
    profile = profile.model_copy(update={"export_products": settings})
    # never set (a demo folder made before orders) or Bijou's for the other shop: Bijou's for this shop
    if profile.import_orders == ImportOrdersSettings() or is_bijou_import_settings(profile.import_orders):
        profile = profile.model_copy(update={"import_orders": bijou_import_settings(shop.type)})
    save_profile(profile)
    return profile


def _serve(shop: DemoShop) -> None:
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
