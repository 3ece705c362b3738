"""`gescom-sync erp ...`: print back-office data, to check a filter before using it.

Each command reads the back office of ``--profile NAME`` (the default profile when
neither option is given) or of ``--database PATH-or-URL`` (a Sage-layout database given
directly), and prints a table or, with ``--json``, JSON (money as strings).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import typer

from gescom_sync.cli.common import Column, show
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import N_, _
from gescom_sync.model import StockFormula

if TYPE_CHECKING:
    from gescom_sync.backoffice import BackOffice

app = typer.Typer(no_args_is_help=True)

DatabaseOption = typer.Option(None, "--database", "-d", help="A Sage-layout database: SQLite file path or SQLAlchemy URL.")
ProfileOption = typer.Option(None, "--profile", "-p", help="Read the back office of this profile (default: the default profile).")
JsonOption = typer.Option(False, "--json", help="Print JSON instead of a table.")
FilterOption = typer.Option(None, "--filter", "-f", help="SQL condition on the back office's columns, e.g. \"AR_Ref LIKE 'CH%'\".")

def open_from_options(database: str | None, profile: str | None) -> BackOffice:
    if database and profile:
        raise ConfigError(_("Give either --database or --profile, not both."))
    # the connectors (SQLAlchemy, the drivers) are loaded when a command reads, not for --help
    from gescom_sync.backoffice import open_backoffice

    if database:
        from gescom_sync.backoffice.sage100 import Sage100BackOffice

        return Sage100BackOffice.from_url(database)
    from gescom_sync.profiles import load_profile

    return open_backoffice(load_profile(profile).backoffice)


def _read(database: str | None, profile: str | None, read: Callable[[BackOffice], Any]) -> Any:
    backoffice = open_from_options(database, profile)
    try:
        return read(backoffice)
    finally:
        backoffice.close()


@app.command(help="Products (articles), with --filter on the article columns.")
def products(
    filter: str = FilterOption, database: str = DatabaseOption, profile: str = ProfileOption, as_json: bool = JsonOption
) -> None:
    records = _read(database, profile, lambda bo: bo.products(filter=filter))
    columns: list[Column] = [
        (N_("Reference"), lambda p: p.reference),
        (N_("Designation"), lambda p: p.designation),
        (N_("Family"), lambda p: p.family),
        (N_("Catalogue"), lambda p: " > ".join(p.catalogue_path)),
        (N_("Price"), lambda p: p.base_price),
        (N_("Variants"), lambda p: len(p.variants) or None),
        (N_("Published"), lambda p: p.published),
        (N_("Dormant"), lambda p: p.dormant),
    ]
    show(records, columns, as_json, _("Products"))


@app.command(help="Stock summed over the chosen warehouses, with a quantity formula.")
def stock(
    formula: StockFormula = typer.Option(StockFormula.REAL, "--formula", help="Quantity formula (SPEC §3.2)."),
    warehouse: list[str] = typer.Option(None, "--warehouse", "-w", help="Warehouse id, code or name; repeat for several (default: all)."),
    filter: str = FilterOption,
    database: str = DatabaseOption,
    profile: str = ProfileOption,
    as_json: bool = JsonOption,
) -> None:
    records = _read(database, profile, lambda bo: bo.stock(formula=formula, warehouses=warehouse or None, filter=filter))
    columns: list[Column] = [
        (N_("Reference"), lambda s: s.reference),
        (N_("Variant"), lambda s: s.variant),
        (N_("Quantity"), lambda s: s.quantity),
        (N_("Real"), lambda s: s.counters.real),
        (N_("Reserved"), lambda s: s.counters.reserved),
        (N_("Ordered"), lambda s: s.counters.ordered),
        (N_("Prepared"), lambda s: s.counters.prepared),
        (N_("Reserved (counter-mark)"), lambda s: s.counters.reserved_counter_mark),
        (N_("Ordered (counter-mark)"), lambda s: s.counters.ordered_counter_mark),
    ]
    show(records, columns, as_json, _("Stock"))


def _quantities(rule) -> str | None:
    if rule.up_to_quantity is None:
        return None
    return _("{low} < qty <= {high}").format(low=rule.above_quantity or Decimal(0), high=rule.up_to_quantity)


@app.command(help="Price rules: base price, price categories, customer prices, quantity breaks.")
def prices(
    filter: str = FilterOption, database: str = DatabaseOption, profile: str = ProfileOption, as_json: bool = JsonOption
) -> None:
    records = _read(database, profile, lambda bo: bo.prices(filter=filter))
    columns: list[Column] = [
        (N_("Reference"), lambda r: r.reference),
        (N_("Rule"), lambda r: r.kind.value),
        (N_("Category"), lambda r: r.category),
        (N_("Customer"), lambda r: r.customer),
        (N_("Quantities"), _quantities),
        (N_("Price"), lambda r: r.price),
        (N_("Discount %"), lambda r: r.discount_percent),
        (N_("Tax included"), lambda r: r.tax_included),
    ]
    show(records, columns, as_json, _("Prices"))


@app.command(help="Customer accounts, with --filter on the account columns.")
def customers(
    filter: str = FilterOption, database: str = DatabaseOption, profile: str = ProfileOption, as_json: bool = JsonOption
) -> None:
    records = _read(database, profile, lambda bo: bo.customers(filter=filter))
    columns: list[Column] = [
        (N_("Account"), lambda c: c.account),
        (N_("Name"), lambda c: c.name),
        (N_("E-mail"), lambda c: c.email),
        (N_("City"), lambda c: c.billing_address.city if c.billing_address else None),
        (N_("Price category"), lambda c: c.price_category),
        (N_("Addresses"), lambda c: len(c.delivery_addresses)),
        (N_("Contacts"), lambda c: len(c.contacts)),
        (N_("Dormant"), lambda c: c.dormant),
    ]
    show(records, columns, as_json, _("Customers"))


def _reference_command(name: str, help_text: str, title: str, method: str, columns: list[Column]) -> None:
    def command(database: str = DatabaseOption, profile: str = ProfileOption, as_json: bool = JsonOption) -> None:
        records = _read(database, profile, lambda bo: getattr(bo, method)())
        show(records, columns, as_json, _(title))

    command.__name__ = method
    app.command(name=name, help=help_text)(command)


_reference_command("taxes", "Taxes.", N_("Taxes"), "taxes", [
    (N_("Code"), lambda t: t.code), (N_("Name"), lambda t: t.name), (N_("Rate"), lambda t: t.rate), (N_("Kind"), lambda t: t.rate_kind.value),
])
_reference_command("price-categories", "Price categories (customer groups).", N_("Price categories"), "price_categories", [
    (N_("Id"), lambda c: c.id), (N_("Name"), lambda c: c.name), (N_("Tax included"), lambda c: c.tax_included),
])
_reference_command("warehouses", "Warehouses.", N_("Warehouses"), "warehouses", [
    (N_("Id"), lambda w: w.id), (N_("Code"), lambda w: w.code), (N_("Name"), lambda w: w.name), (N_("Main"), lambda w: w.main),
])
_reference_command("families", "Product families.", N_("Families"), "families", [
    (N_("Code"), lambda f: f.code), (N_("Name"), lambda f: f.name), (N_("Total"), lambda f: f.is_total), (N_("Published"), lambda f: f.published),
])
_reference_command("catalogue", "The catalogue tree.", N_("Catalogue"), "catalogue", [
    (N_("Id"), lambda n: n.id), (N_("Level"), lambda n: n.level), (N_("Path"), lambda n: n.path_text()),
])
_reference_command("shipping-modes", "Shipping modes.", N_("Shipping modes"), "shipping_modes", [
    (N_("Id"), lambda m: m.id), (N_("Name"), lambda m: m.name), (N_("Code"), lambda m: m.code), (N_("Article"), lambda m: m.article),
])
_reference_command("payment-methods", "Payment methods.", N_("Payment methods"), "payment_methods", [
    (N_("Id"), lambda m: m.id), (N_("Name"), lambda m: m.name), (N_("Code"), lambda m: m.code),
])
_reference_command("currencies", "Currencies.", N_("Currencies"), "currencies", [
    (N_("Id"), lambda c: c.id), (N_("Name"), lambda c: c.name), (N_("ISO code"), lambda c: c.iso_code),
    (N_("Symbol"), lambda c: c.symbol), (N_("Rate"), lambda c: c.rate),
])
_reference_command("accounting-categories", "Sales accounting categories.", N_("Accounting categories"), "accounting_categories", [
    (N_("Id"), lambda c: c.id), (N_("Name"), lambda c: c.name),
])
