"""Customer commands (SPEC §3.4, §3.5), attached to the command groups when imported:

- ``export customer-groups``, ``export customers [--new-only]``;
- ``update customers disable``, ``update customers gdpr``;
- ``import prospects [--since DATE]`` (the ``import`` group is :data:`import_app`).
"""

from __future__ import annotations

from functools import partial

import typer

from gescom_sync.cli.export import app as export_app
from gescom_sync.cli.operations import RunRequest, operation_options
from gescom_sync.cli.update import app as update_app

import_app = typer.Typer(no_args_is_help=True)
update_customers_app = typer.Typer(no_args_is_help=True)
update_app.add_typer(update_customers_app, name="customers",
                     help="Disable or anonymise (GDPR) the shop customers of back-office accounts.")


@export_app.command("customer-groups")
@operation_options(dates=False, sql_filter=False)
def export_customer_groups_command(request: RunRequest) -> None:
    """Export the price categories as shop customer groups (or say the shop has none)."""
    from gescom_sync.operations.export_customers import export_customer_groups

    request.run("export_customer_groups", export_customer_groups)


@export_app.command("customers")
@operation_options()
def export_customers_command(
    request: RunRequest,
    new_only: bool = typer.Option(False, "--new-only", help="Only customers not yet in the shop."),
) -> None:
    """Export customer accounts, their addresses, contacts and B2B data to the shop."""
    from gescom_sync.operations.export_customers import export_customers

    request.run("export_customers", partial(export_customers, new_only=new_only))


@update_customers_app.command("disable")
@operation_options()
def disable_customers_command(request: RunRequest) -> None:
    """Disable in the shop the customers whose account is dormant or blocked."""
    from gescom_sync.operations.export_customers import disable_customers

    request.run("disable_customers", disable_customers)


@update_customers_app.command("gdpr")
@operation_options()
def anonymise_customers_command(request: RunRequest) -> None:
    """Anonymise in the shop the customers whose account was erased (GDPR) in the back office."""
    from gescom_sync.operations.export_customers import anonymise_customers

    request.run("anonymise_customers", anonymise_customers)


@import_app.command("prospects")
@operation_options(sql_filter=False)
def import_prospects_command(request: RunRequest) -> None:
    """Create back-office accounts for the shop accounts that never ordered."""
    from gescom_sync.operations.import_prospects import import_prospects

    request.run("import_prospects", import_prospects)
