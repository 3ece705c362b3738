"""`gescom-sync export ...`: the operations that send the back office's data to the shop."""

from __future__ import annotations

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
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _

app = typer.Typer(no_args_is_help=True)


@app.command("products")
def export_products_command(
    new_only: bool = typer.Option(False, "--new-only", help="Only products not yet in the shop."),
    categories_only: bool = typer.Option(False, "--categories-only", help="Only the categories."),
    new_images_only: bool = typer.Option(
        False, "--new-images-only", help="Only images changed since the images' last transfer date."
    ),
    profile: str = ProfileOption,
    dry_run: bool = DryRunOption,
    since: str = SinceOption,
    changed_only: bool = IncrementalOption,
    sql_filter: str = FilterOption,
    json_output: bool = JsonOption,
) -> None:
    """Export products (SPEC 3.1): categories, attributes, brands, images, products and variants."""
    from gescom_sync.operations.export_products import ExportProductsOptions, export_products

    if sum((new_only, categories_only, new_images_only)) > 1:
        raise ConfigError(_("Choose at most one of --new-only, --categories-only and --new-images-only."))
    export = ExportProductsOptions(new_only=new_only, categories_only=categories_only, new_images_only=new_images_only)
    run_command(
        export.operation, lambda run: export_products(run, export), profile=profile, dry_run=dry_run, since=since,
        changed_only=changed_only, sql_filter=sql_filter, json_output=json_output,
    )
