"""The ``gescom-sync`` command line: one sub-module per command group."""

from __future__ import annotations

import os
import sys

import typer
from rich.markup import escape

from gescom_sync.cli import customers, demo, demo_db, erp, export, log, orders, profile, sandbox, update, watermark
from gescom_sync.cli.common import err_console
from gescom_sync.errors import GescomError
from gescom_sync.i18n import LANG_ENV, set_language

app = typer.Typer(
    name="gescom-sync",
    help="Keeps a back office (Sage 100, Dolibarr, Tryton...) and online shops in sync.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root(
    lang: str = typer.Option(None, "--lang", help="Language of messages and journals (fr, en). Default: fr."),
) -> None:
    if lang:
        set_language(lang)
    elif not os.environ.get(LANG_ENV):
        from gescom_sync.profiles import load_settings

        set_language(load_settings(include_secrets=False).language)


app.add_typer(profile.app, name="profile", help="Create, show, configure and test profiles.")
app.add_typer(export.app, name="export", help="Send products, customer groups and customers to the shop.")
app.add_typer(update.app, name="update", help="Update stock, prices, activation and customers in the shop.")
app.add_typer(customers.import_app, name="import", help="Bring shop data (orders, prospects) into the back office.")
app.add_typer(orders.app, name="orders", help="Forget imported orders so that they are imported again.")
app.add_typer(erp.app, name="erp", help="Print back-office data, to check a filter before using it.")
app.add_typer(watermark.app, name="watermark", help="Show or edit the last transfer dates.")
app.add_typer(demo_db.app, name="demo-db", help="The embedded Sage-100-layout demo back office.")
app.add_typer(sandbox.app, name="sandbox", help="Run a local sandbox shop (WooCommerce...) for the demo and tests.")
app.command(name="log", help="Show the journal of a profile's last run (or of --run ID).")(log.show_log)
app.command(name="demo", help="Run the demo on the embedded back office.")(demo.run_demo)


def main() -> None:
    """Console-script entry point: user errors become one line and an exit code, never a traceback.

    Typer (standalone mode) already turns usage errors into a message and exit code 2.
    """
    try:
        app()
    except GescomError as error:
        err_console.print(f"[bold red]{escape(error.message)}[/]", soft_wrap=True)
        sys.exit(error.exit_code)
