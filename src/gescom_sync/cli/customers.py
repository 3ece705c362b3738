"""Customer commands (SPEC §3.4, §3.5), attached to the command groups when imported:

- ``export customer-groups``, ``export customers [--new-only]``;
- ``update customers disable``, ``update customers gdpr``;
- ``import prospects [--since DATE]`` (the ``import`` group is :data:`import_app`).
"""

from __future__ import annotations

from functools import partial

import typer

from gescom_sync.cli.export import app as export_app
from gescom_sync.cli.operations import (
    DryRunOption,
    FilterOption,
    IncrementalOption,
    JsonOption,
    ProfileOption,
    SinceOption,
    run_command,
)
from gescom_sync.cli.update import app as update_app

import_app = typer.Typer(no_args_is_help=True)
update_customers_app = typer.Typer(no_args_is_help=True)
update_app.add_typer(update_customers_app, name="customers",
                     help="Disable or anonymise (GDPR) the shop customers of back-office accounts.")


@export_app.command("customer-groups")
def export_customer_groups_command(
    profile: str | None = ProfileOption,
    dry_run: bool = DryRunOption,
    json_output: bool = JsonOption,
) -> None:
    """Export the price categories as shop customer groups (or say the shop has none)."""
    from gescom_sync.operations.export_customers import export_customer_groups

    run_command("export_customer_groups", export_customer_groups, profile=profile, dry_run=dry_run,
                json_output=json_output)


@export_app.command("customers")
def export_customers_command(
    new_only: bool = typer.Option(False, "--new-only", help="Only customers not yet in the shop."),
    profile: str | None = ProfileOption,
    dry_run: bool = DryRunOption,
    since: str | None = SinceOption,
    changed_only: bool = IncrementalOption,
    sql_filter: str | None = FilterOption,
    json_output: bool = JsonOption,
) -> None:
    """Export customer accounts, their addresses, contacts and B2B data to the shop."""
    from gescom_sync.operations.export_customers import export_customers

    run_command("export_customers", partial(export_customers, new_only=new_only), profile=profile, dry_run=dry_run,
                since=since, changed_only=changed_only, sql_filter=sql_filter, json_output=json_output)


@update_customers_app.command("disable")
def disable_customers_command(
    profile: str | None = ProfileOption,
    dry_run: bool = DryRunOption,
    since: str | None = SinceOption,
    changed_only: bool = IncrementalOption,
    sql_filter: str | None = FilterOption,
    json_output: bool = JsonOption,
) -> None:
    """Disable in the shop the customers whose account is dormant or blocked."""
    from gescom_sync.operations.export_customers import disable_customers

    run_command("disable_customers", disable_customers, profile=profile, dry_run=dry_run, since=since,
                changed_only=changed_only, sql_filter=sql_filter, json_output=json_output)


@update_customers_app.command("gdpr")
def anonymise_customers_command(
    profile: str | None = ProfileOption,
    dry_run: bool = DryRunOption,
    since: str | None = SinceOption,
    changed_only: bool = IncrementalOption,
    sql_filter: str | None = FilterOption,
    json_output: bool = JsonOption,
) -> None:
    """Anonymise in the shop the customers whose account was erased (GDPR) in the back office."""
    from gescom_sync.operations.export_customers import anonymise_customers

    run_command("anonymise_customers", anonymise_customers, profile=profile, dry_run=dry_run, since=since,
                changed_only=changed_only, sql_filter=sql_filter, json_output=json_output)


@import_app.command("prospects")
def import_prospects_command(
    profile: str | None = ProfileOption,
    dry_run: bool = DryRunOption,
    since: str | None = SinceOption,
    changed_only: bool = IncrementalOption,
    json_output: bool = JsonOption,
) -> None:
    """Create back-office accounts for the shop accounts that never ordered."""
    from gescom_sync.operations.import_prospects import import_prospects

    run_command("import_prospects", import_prospects, profile=profile, dry_run=dry_run, since=since,
                changed_only=changed_only, json_output=json_output)
