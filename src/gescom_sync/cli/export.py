"""`gescom-sync export ...`: the operations that send the back office's data to the shop."""

from __future__ import annotations

import typer

from gescom_sync.cli.operations import RunRequest, operation_options
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _

app = typer.Typer(no_args_is_help=True)


@app.command("products")
@operation_options()
def export_products_command(
    request: RunRequest,
    new_only: bool = typer.Option(False, "--new-only", help="Only products not yet in the shop."),
    categories_only: bool = typer.Option(False, "--categories-only", help="Only the categories."),
    new_images_only: bool = typer.Option(
        False, "--new-images-only", help="Only images changed since the images' last transfer date."
    ),
) -> None:
    """Export products (SPEC 3.1): categories, attributes, brands, images, products and variants."""
    from gescom_sync.operations.export_products import ExportProductsOptions, export_products

    if sum((new_only, categories_only, new_images_only)) > 1:
        raise ConfigError(_("Choose at most one of --new-only, --categories-only and --new-images-only."))
    export = ExportProductsOptions(new_only=new_only, categories_only=categories_only, new_images_only=new_images_only)
    request.run(export.operation, lambda run: export_products(run, export))
