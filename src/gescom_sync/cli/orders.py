"""Order commands (SPEC §3.6):

- ``import orders [--period P | --from DATE --to DATE] [--include-transferred] [--update-stock] [--file PATH]``
  (attached to the ``import`` group of :mod:`gescom_sync.cli.customers`);
- ``orders reset IDS|ALL``: forget which orders were imported, so that they can be again.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

import typer

from gescom_sync.cli.common import console
from gescom_sync.cli.customers import import_app
from gescom_sync.cli.operations import ProfileOption, RunRequest, operation_options
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _, ngettext

app = typer.Typer(no_args_is_help=True)

PeriodOption = typer.Option(None, "--period", help="today, yesterday, this-week, last-week, last-7-days, this-month "
                                                   "or last-month (weeks run Monday to Sunday).")


@import_app.command("orders")
@operation_options(dates=False, sql_filter=False)
def import_orders_command(
    request: RunRequest,
    period: str | None = PeriodOption,
    first: str | None = typer.Option(None, "--from", help="First day, of the shop's time zone (YYYY-MM-DD or DD/MM/YYYY)."),
    last: str | None = typer.Option(None, "--to", help="Last day, included."),
    include_transferred: bool = typer.Option(False, "--include-transferred",
                                             help="Also the orders already imported (a document still in the back "
                                                  "office is linked again, not doubled)."),
    update_stock: bool = typer.Option(False, "--update-stock",
                                      help="Then update the shop's stock of the articles of the imported orders."),
    file: Path | None = typer.Option(None, "--file", help="Read the orders from this orders file (docs/orders-file.md) "
                                                          "instead of the shop.", dir_okay=False),
) -> None:
    """Import the shop's orders as back-office documents (default: those changed since the last transfer date)."""
    from gescom_sync.operations.import_orders import import_orders

    selection = order_selection(period, first, last, include_transferred=include_transferred,
                                update_stock=update_stock, file=file)
    request.run("import_orders", partial(import_orders, selection=selection))


def order_selection(period: str | None, first: str | None, last: str | None, **options: Any):
    """The selection of ``--period`` or ``--from``/``--to``, with the other options. Its days are the
    shop's: the run counts a period from the shop's today and takes midnights in its time zone."""
    from gescom_sync.operations.import_orders import OrderSelection

    if period and (first or last):
        raise ConfigError(_("Give either --period or --from/--to, not both."))
    if period:
        return OrderSelection.of_period(period, **options)
    return OrderSelection.between(parse_day(first, "--from"), parse_day(last, "--to"), **options)


def parse_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    for parse in (date.fromisoformat, lambda t: datetime.strptime(t, "%d/%m/%Y").date()):
        try:
            return parse(text.strip())
        except ValueError:
            continue
    raise ConfigError(_("{option} {value!r} is not a date; expected YYYY-MM-DD or DD/MM/YYYY.").format(
        option=option, value=text))


@app.command("reset")
def reset_orders(
    orders: str = typer.Argument(..., help="Shop order ids separated by commas (124,3,48), or ALL."),
    profile: str | None = ProfileOption,
) -> None:
    """Forget that these orders were imported: the next import brings them again."""
    from gescom_sync.operations.import_orders import forget_orders
    from gescom_sync.operations.lock import profile_lock
    from gescom_sync.profiles import load_profile
    from gescom_sync.state import StateStore

    name = load_profile(profile).name
    ids = None if orders.strip().upper() == "ALL" else [i.strip() for i in orders.split(",") if i.strip()]
    if ids == []:
        raise ConfigError(_("Give shop order ids separated by commas (124,3,48), or ALL."))
    with profile_lock(name, "orders_reset"), StateStore.open() as store:
        forgotten, grouped = forget_orders(store, name, ids)
    for note in grouped:
        console.print(note)
    console.print(ngettext("{count} order forgotten: the next import brings it again.",
                           "{count} orders forgotten: the next import brings them again.", forgotten)
                  .format(count=forgotten))
