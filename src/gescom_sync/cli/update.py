"""`gescom-sync update ...`: the operations that send the back office's data to the shop."""

from __future__ import annotations

from functools import partial

import typer

from gescom_sync.cli.operations import RunRequest, operation_options

app = typer.Typer(no_args_is_help=True)


@app.command("stock")
@operation_options()
def stock(
    request: RunRequest,
    against_shop: bool = typer.Option(
        False, "--against-shop",
        help="Compare quantities with what the shop has now (reads its products) instead of what was last sent.",
    ),
) -> None:
    """Send quantities (and what the update_stock settings add) to the shop's products and variants."""
    from gescom_sync.operations.update_stock import update_stock

    request.run("update_stock", partial(update_stock, against_shop=against_shop))


@app.command("prices")
@operation_options()
def prices(request: RunRequest) -> None:
    """Send default prices, sales and specific prices to the shop."""
    from gescom_sync.operations.update_prices import update_prices

    request.run("update_prices", update_prices)


@app.command("activation")
@operation_options()
def activation(
    request: RunRequest,
    delete_inactive_variants: bool = typer.Option(
        False, "--delete-inactive-variants",
        help="Delete from the shop the variants whose article became inactive, instead of deactivating them.",
    ),
) -> None:
    """Activate or deactivate the shop's products and variants from the articles' state."""
    from gescom_sync.operations.update_activation import update_activation

    request.run("update_activation", partial(update_activation, delete_inactive_variants=delete_inactive_variants))
