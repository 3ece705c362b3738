"""The Bijou company's order import: its settings, and the documents its web orders became.

Used by ``gescom-sync demo`` and ``bench/orders.py``: orders placed in the sandbox shop
(:mod:`gescom_sync.sandbox.woocommerce.orders_seed`, :mod:`gescom_sync.sandbox.prestashop.orders_seed`)
are imported with these settings: the statuses in the shop's words, the payment methods
and tax names of both shops.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.profiles.orders import ImportOrdersSettings
from gescom_sync.sandbox.common.orders_seed import KINDS, SeededOrder
from gescom_sync.sandbox.prestashop import orders_seed as prestashop_seed
from gescom_sync.sandbox.woocommerce import orders_seed as woocommerce_seed
from gescom_sync.shops.factory import open_shop

DEMO_ORDERS = len(KINDS)  # one of each kind: paid, guest, coupon, on hold, completed, in dollars...

# Paid orders (PrestaShop: "Payment accepted", 2) become accepted orders and are marked
# completed in the shop (PrestaShop: "Delivered", 5, its completed state); a cheque awaited
# (on hold; PrestaShop 1) an order entered; an order completed in the shop an invoice. Documents
# are in the order's currency (P_DEVISE slots), at the order's rate. Bank transfers and
# cheques are recorded as payments on the Crédit Lyonnais journal; cash on delivery is not
# paid yet.
BIJOU_STATUSES = {
    "woocommerce": {
        "processing": {"document": "order", "document_status": "accepted", "set_status_after": "completed"},
        "on-hold": {"document": "order", "document_status": "entered"},
        "completed": {"document": "invoice", "document_status": "accepted"},
    },
    "prestashop": {
        "2": {"document": "order", "document_status": "accepted", "set_status_after": "5"},
        "1": {"document": "order", "document_status": "entered"},
        "5": {"document": "invoice", "document_status": "accepted"},
    },
}
BIJOU_IMPORT_ORDERS = {
    "header": {"reference_template": "Web %OI %CL"},
    "currency": {"orders_in_currency": True, "mapping": {"EUR": 1, "USD": 2, "GBP": 3}},
    "taxes": {"rows": [{"shop": "TVA 20%", "code": "C20"}, {"shop": "TVA 5.5%", "code": "C55"},
                       {"shop": "TVA FR 20%", "code": "C20"}, {"shop": "TVA FR 10%", "code": "C10"},
                       {"shop": "TVA FR 5.5%", "code": "C55"}, {"shop": "0", "code": "C00"}]},
    "special_articles": {"remise": {"C20": "REMISE20", "C10": "REMISE10", "C55": "REMISE55", "C00": "REMISE0"}},
    # WooCommerce rounds the tax per line, the back office per tax code: a cent apart now and then
    "totals": {"ecart_line": True},
    "payments": {"rows": [
        {"shop": "bacs", "method": 3, "journal": "BQ1"},
        {"shop": "cheque", "method": 2, "journal": "BQ1"},
        {"shop": "cod", "method": 2, "journal": "BQ1", "create": False},
        {"shop": "ps_wirepayment", "method": 3, "journal": "BQ1"},
        {"shop": "ps_checkpayment", "method": 2, "journal": "BQ1"},
        {"shop": "ps_cashondelivery", "method": 2, "journal": "BQ1", "create": False},
    ]},
}


def bijou_import_settings(shop_type: str = "woocommerce") -> ImportOrdersSettings:
    """Bijou's settings for orders of ``shop_type`` (its statuses are the shop's own words)."""
    return ImportOrdersSettings.model_validate({"statuses": BIJOU_STATUSES[shop_type], **BIJOU_IMPORT_ORDERS})


def is_bijou_import_settings(settings: ImportOrdersSettings) -> bool:
    """Whether ``settings`` are Bijou's for some shop (the demo then sets those of its current shop)."""
    return any(settings == bijou_import_settings(shop_type) for shop_type in BIJOU_STATUSES)


def place_demo_orders(shop_settings, cart_total: Callable[[int], Decimal] | None = None) -> list[SeededOrder]:  # noqa: ANN001 - the profile's shop block
    """A handful of varied orders in the sandbox shop, through its API. PrestaShop's
    webservice does not tell a cart's total: ``cart_total`` is the sandbox's."""
    with open_shop(shop_settings) as connector:
        if shop_settings.type == "prestashop":
            if cart_total is None:
                raise ValueError("placing PrestaShop orders needs the sandbox's cart_total")
            return prestashop_seed.place_orders(prestashop_seed.OverApi(connector.ws, cart_total), DEMO_ORDERS)
        return woocommerce_seed.place_orders(woocommerce_seed.OverApi(connector.client), DEMO_ORDERS)


@dataclass(frozen=True)
class WebDocument:
    """A back-office document made from a shop order."""

    piece: str  # DO_Piece, the document number
    order_id: str  # DO_NoWeb, the shop order it came from
    account: str  # CT_Num
    customer: str  # the account's name
    total: Decimal  # DO_TotalTTC, tax included, in the back office's currency
    total_in_currency: Decimal | None = None  # a document in currency: its due amount in that currency

    @property
    def order_total(self) -> Decimal:
        """The total in the order's currency, to compare with the shop's."""
        return self.total if self.total_in_currency is None else self.total_in_currency


def web_documents(url: str) -> list[WebDocument]:
    """The documents stamped with a shop order id, in creation order."""
    header, account, due = schema.F_DOCENTETE, schema.F_COMPTET, schema.F_DOCREGL
    in_currency = (sa.select(sa.func.sum(due.c.DR_MontantDev))
                   .where(due.c.DO_Domaine == header.c.DO_Domaine, due.c.DO_Type == header.c.DO_Type,
                          due.c.DO_Piece == header.c.DO_Piece).scalar_subquery())
    query = (sa.select(header.c.DO_Piece, header.c.DO_NoWeb, header.c.DO_Tiers, account.c.CT_Intitule,
                       header.c.DO_TotalTTC, header.c.DO_Devise, in_currency.label("in_currency"))
             .join(account, account.c.CT_Num == header.c.DO_Tiers, isouter=True)
             .where(header.c.DO_NoWeb.is_not(None), header.c.DO_NoWeb != "")
             .order_by(header.c.cbMarq))
    engine = sa.create_engine(url)
    try:
        with engine.connect() as connection:
            return [WebDocument(row.DO_Piece, row.DO_NoWeb, row.DO_Tiers, row.CT_Intitule or "", _cents(row.DO_TotalTTC),
                                _cents(row.in_currency) if row.DO_Devise else None)
                    for row in connection.execute(query)]
    finally:
        engine.dispose()


def _cents(value: object) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))
