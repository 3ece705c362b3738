"""Every operation of SPEC §3, by id: its journal texts and its direction.

The id is what the CLI, watermarks, runs and schedules use. Texts are English msgids;
their translations live in the catalogues (``Début de l'export des articles``...).
"""

from __future__ import annotations

from dataclasses import dataclass

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import N_, _


@dataclass(frozen=True)
class Operation:
    id: str
    start: str  # msgid of the journal's first line
    end: str  # msgid of the journal's last line
    to_shop: bool

    def start_text(self) -> str:
        return _(self.start)

    def end_text(self) -> str:
        return _(self.end)


OPERATIONS: dict[str, Operation] = {
    op.id: op
    for op in (
        Operation("export_products", N_("Start of the product export"), N_("End of the product export"), True),
        Operation("export_categories", N_("Start of the category export"), N_("End of the category export"), True),
        Operation("export_product_images", N_("Start of the new images export"), N_("End of the new images export"), True),
        Operation("update_stock", N_("Start of the stock update"), N_("End of the stock update"), True),
        Operation("update_prices", N_("Start of the price update"), N_("End of the price update"), True),
        Operation("update_activation", N_("Start of the product activation update"), N_("End of the product activation update"), True),
        Operation("export_customer_groups", N_("Start of the customer group export"), N_("End of the customer group export"), True),
        Operation("export_customers", N_("Start of the customer export"), N_("End of the customer export"), True),
        Operation("disable_customers", N_("Start of the customer deactivation"), N_("End of the customer deactivation"), True),
        Operation("anonymise_customers", N_("Start of the GDPR anonymisation of customers"), N_("End of the GDPR anonymisation of customers"), True),
        Operation("import_prospects", N_("Start of the prospect import"), N_("End of the prospect import"), False),
        Operation("import_orders", N_("Start of the order import"), N_("End of the order import"), False),
        Operation("update_orders", N_("Start of the order update"), N_("End of the order update"), True),
        Operation("send_pending_items", N_("Start of the pending items transfer"), N_("End of the pending items transfer"), True),
        Operation("send_invoices", N_("Start of the invoice transfer"), N_("End of the invoice transfer"), True),
        Operation("import_returns", N_("Start of the returns and credit notes import"), N_("End of the returns and credit notes import"), False),
        Operation("export_b2b_data", N_("Start of the B2B data export"), N_("End of the B2B data export"), True),
    )
}


def get_operation(operation_id: str) -> Operation:
    try:
        return OPERATIONS[operation_id]
    except KeyError:
        raise ConfigError(
            _("Unknown operation {name!r}; expected one of: {names}.").format(name=operation_id, names=", ".join(OPERATIONS))
        ) from None
