"""`gescom-sync update ...`: the operations that send the back office's data to the shop."""

from __future__ import annotations

from functools import partial

import typer

from gescom_sync.cli.operations import (
    DryRunOption,
    FilterOption,
    IncrementalOption,
    JsonOption,
    ProfileOption,
    SinceOption,
    run_command,
)

app = typer.Typer(no_args_is_help=True)


@app.command("stock")
def stock(
    profile: str | None = ProfileOption,
    dry_run: bool = DryRunOption,
    since: str | None = SinceOption,
    changed_only: bool = IncrementalOption,
    sql_filter: str | None = FilterOption,
    json_output: bool = JsonOption,
    against_shop: bool = typer.Option(
        False, "--against-shop",
        help="Compare quantities with what the shop has now (reads its products) instead of what was last sent.",
    ),
) -> None:
    """Send quantities (and what the [update_stock] settings add) to the shop's products and variants."""
    from gescom_sync.operations.update_stock import update_stock

    run_command("update_stock", partial(update_stock, against_shop=against_shop), profile=profile, dry_run=dry_run,
                since=since, changed_only=changed_only, sql_filter=sql_filter, json_output=json_output)


@app.command("prices")
def prices(
    profile: str | None = ProfileOption,
    dry_run: bool = DryRunOption,
    since: str | None = SinceOption,
    changed_only: bool = IncrementalOption,
    sql_filter: str | None = FilterOption,
    json_output: bool = JsonOption,
) -> None:
    """Send default prices, sales and specific prices to the shop."""
    from gescom_sync.operations.update_prices import update_prices

    run_command("update_prices", update_prices, profile=profile, dry_run=dry_run, since=since,
                changed_only=changed_only, sql_filter=sql_filter, json_output=json_output)


@app.command("activation")
def activation(
    profile: str | None = ProfileOption,
    dry_run: bool = DryRunOption,
    since: str | None = SinceOption,
    changed_only: bool = IncrementalOption,
    sql_filter: str | None = FilterOption,
    json_output: bool = JsonOption,
    delete_inactive_variants: bool = typer.Option(
        False, "--delete-inactive-variants",
        help="Delete from the shop the variants whose article became inactive, instead of deactivating them.",
    ),
) -> None:
    """Activate or deactivate the shop's products and variants from the articles' state."""
    from gescom_sync.operations.update_activation import update_activation

    body = partial(update_activation, delete_inactive_variants=delete_inactive_variants)
    run_command("update_activation", body, profile=profile, dry_run=dry_run, since=since,
                changed_only=changed_only, sql_filter=sql_filter, json_output=json_output)
