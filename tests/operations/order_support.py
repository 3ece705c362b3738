"""Orders placed in a sandbox shop and the Bijou back office read after an import.

The shop sells two Bijou articles with VAT: BAOR01 at 100.00 (TVA 20 %) and LIVRE01 at
20.00 (TVA 5.5 %). On WooCommerce an order of ``n`` rings and ``m`` books with 8.33 of
shipping (20 %) costs ``1.2 * (100 n + 8.33) + 1.055 * 20 m`` including tax, each tax
rounded per line; on PrestaShop it ships with carrier 2, whose cost goes by the products'
total tax included: 7.50 (+ 20 %) below 50.00, 4.90 below 100.00, free from 100.00.
The shops name statuses, taxes and payment methods in their own words (:data:`PAID_STATUS`…).
``order_body``, ``shop_customer`` and ``place_orders`` build WooCommerce orders for its batch endpoint.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from typer.testing import CliRunner

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.cli import app
from gescom_sync.http import HttpOptions
from gescom_sync.model.shop import ShopProduct
from gescom_sync.profiles import load_profile, save_profile
from gescom_sync.profiles.customers import CustomerRules
from gescom_sync.profiles.orders import ImportOrdersSettings
from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.shops.woocommerce.connector import WooCommerceConnector
from gescom_sync.state import StateStore


def cli(*args: str) -> Any:
    """The CLI in English, in this process."""
    return CliRunner().invoke(app, ["--lang", "en", *args])


def items(profile: str) -> dict[tuple[str, str], tuple[str, dict]]:
    """(entity, key) -> (action, reason params) of the profile's last run's items."""
    with StateStore.open() as store:
        run = store.runs.last(profile)
        events = [e for e in store.runs.events(run.id) if e.kind == "item"]
    return {(e.data["entity"], e.data["key"]): (e.data["action"], (e.data["reason"] or {}).get("params") or {})
            for e in events}


def bindings(profile: str) -> dict[str, str]:
    """Shop order id -> document number."""
    with StateStore.open() as store:
        return {b.shop_id: b.erp_key for b in store.bindings.list(profile, "order")}


PAID_STATUS = {"woocommerce": "processing", "prestashop": "2"}  # PrestaShop: "Payment accepted"
"""The status of a paid order, imported."""
IMPORTED_STATUS = {"woocommerce": "completed", "prestashop": "4"}  # PrestaShop: "Shipped"
"""The status the import sets after an order became a document (not imported again)."""
ON_HOLD_STATUS = {"woocommerce": "on-hold", "prestashop": "1"}  # PrestaShop: "Awaiting check payment"
TAX_NAMES = {"woocommerce": ("TVA 20%", "TVA 5.5%"), "prestashop": ("TVA FR 20%", "TVA FR 5.5%")}
"""The names of the shop's 20 % and 5.5 % taxes on its orders."""
CHEQUE = {"woocommerce": "cheque", "prestashop": "ps_checkpayment"}
"""The payment method of an order paid by cheque."""


def import_settings(shop: str) -> dict[str, Any]:
    """Bijou's order import for orders of ``shop``, in the shop's words."""
    standard, reduced = TAX_NAMES[shop]
    paid, imported = PAID_STATUS[shop], IMPORTED_STATUS[shop]
    return {
        "statuses": {paid: {"document": "order", "document_status": "accepted", "set_status_after": imported},
                     ON_HOLD_STATUS[shop]: {"import_order": False}, imported: {"import_order": False}},
        "taxes": {"rows": [{"shop": standard, "code": "C20"}, {"shop": reduced, "code": "C55"}]},
        "special_articles": {"remise": {"C20": "REMISE20", "C55": "REMISE55"}},
        "payments": {"rows": [{"shop": CHEQUE[shop], "method": 2, "journal": "BQ1"}]},
        "header": {"messages": "none", "reference_template": "Web %OI"},
    }


def configure(profile: str, shop: str = "woocommerce", **blocks: Any) -> None:
    """The order import of ``profile`` set up for Bijou and the ``shop`` sandbox; ``blocks`` replace settings blocks."""
    settings = load_profile(profile)
    settings.import_orders = ImportOrdersSettings.model_validate(import_settings(shop) | blocks)
    settings.customer_rules = CustomerRules(template_account="WEBMODELE")
    save_profile(settings)


def enable_taxes(sandbox: Any) -> None:
    """WooCommerce computes taxes: TVA 20 % (standard) and 5.5 % (reduced rate) in France."""
    with WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret) as shop:
        client = shop.client
        client.put("settings/general/woocommerce_calc_taxes", json={"value": "yes"})
        client.post("taxes", json={"country": "FR", "rate": "20", "name": "TVA 20%", "class": "standard"})
        client.post("taxes", json={"country": "FR", "rate": "5.5", "name": "TVA 5.5%", "class": "reduced-rate",
                                   "shipping": False})


def stock_the_shop(sandbox: Any) -> None:
    """Taxes on, the two articles on sale (PrestaShop: tax rule groups 1, 20 %, and 3, 5.5 %; 10 and 5 in stock)."""
    if not hasattr(sandbox, "consumer_key"):
        with shop_connector(sandbox) as shop:
            written = shop.write_products([  # as the catalogue export writes them
                ShopProduct("BAOR01", name="Bague or", sku="BAOR01", regular_price=Decimal("100.00"), tax_class="1",
                            stock_quantity=Decimal(10)),
                ShopProduct("LIVRE01", name="Livre bijoux", sku="LIVRE01", regular_price=Decimal("20.00"),
                            tax_class="3", stock_quantity=Decimal(5))])
        assert all(result.ok for result in written), written
        return
    enable_taxes(sandbox)
    with WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret) as shop:
        client = shop.client
        client.post("products", json={"name": "Bague or", "sku": "BAOR01", "regular_price": "100.00"})
        client.post("products", json={"name": "Livre bijoux", "sku": "LIVRE01", "regular_price": "20.00",
                                      "tax_class": "reduced-rate"})


def order_body(rings: int, books: int, customer: int = 1, customer_id: int = 0, paid: bool = True) -> dict[str, Any]:
    """A paid order by cheque in EUR of client ``customer`` (a guest unless ``customer_id``)."""
    address = {"first_name": "Lou", "last_name": f"Client{customer}", "address_1": "3 rue de la Paix",
               "postcode": "75002", "city": "Paris", "country": "FR", "email": f"client{customer}@example.fr"}
    lines = [{"sku": sku, "quantity": n} for sku, n in (("BAOR01", rings), ("LIVRE01", books)) if n]
    return {"currency": "EUR", "customer_id": customer_id, "billing": address, "shipping": address,
            "line_items": lines, "payment_method": "cheque",
            "payment_method_title": "Chèque", "set_paid": paid,
            "shipping_lines": [{"method_id": "flat_rate", "method_title": "Colissimo", "total": "8.33"}]}


def shop_customer(sandbox: Any, customer: int) -> int:
    """A registered shop customer for client ``customer``: its shop id."""
    with WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret) as shop:
        body = {"email": f"client{customer}@example.fr", "first_name": "Lou", "last_name": f"Client{customer}"}
        return shop.client.post("customers", json=body).json()["id"]


def place_orders(sandbox: Any, bodies: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Create the orders (by batches of 100, as the shop's batch endpoint takes them)."""
    created: list[dict[str, Any]] = []
    with WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret) as shop:
        for start in range(0, len(bodies), 100):
            answer = shop.client.post("orders/batch", json={"create": bodies[start:start + 100]}).json()
            created += answer["create"]
    return created


def shop_statuses(sandbox: Any) -> dict[str, str]:
    """The status of every order of the shop, by order id, in the shop's words (PrestaShop: its current state id)."""
    return {order_id: status for order_id, (status, _total) in shop_orders(sandbox).items()}


def shop_totals(sandbox: Any) -> dict[str, Decimal]:
    """What the customer paid for every order of the shop, by order id, as the shop itself says it."""
    return {order_id: total for order_id, (_status, total) in shop_orders(sandbox).items()}


def shop_orders(sandbox: Any) -> dict[str, tuple[str, Decimal]]:
    """(status, total paid) of every order: WooCommerce's REST API, the PrestaShop sandbox's order rows."""
    if hasattr(sandbox, "consumer_key"):
        with WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret) as shop:
            rows = shop.client.get("orders", params={"per_page": 100}).json()
        return {str(o["id"]): (o["status"], Decimal(o["total"])) for o in rows}
    return {str(row["id"]): (str(row["current_state"]), Decimal(str(row["total_paid"])).quantize(Decimal("0.01")))
            for row in sandbox.shop.store.all("orders")}


def shop_connector(sandbox: Any) -> Any:
    """A connector to the sandbox, of its shop's kind."""
    if hasattr(sandbox, "consumer_key"):
        return WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret)
    return PrestaShopConnector(sandbox.url, sandbox.key, options=HttpOptions(delay_ms=0))


def documents(database: Path, order_ids: list[str]) -> list[dict[str, Any]]:
    """The sales documents stamped with these shop order ids, in creation order."""
    header = schema.F_DOCENTETE
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            query = sa.select(header).where(header.c.DO_NoWeb.in_(order_ids))
            return [dict(row) for row in connection.execute(query.order_by(header.c.cbMarq)).mappings()]
    finally:
        engine.dispose()


def lines_of(database: Path, piece: str) -> list[tuple[str, Decimal, Decimal]]:
    """(article, quantity, amount excluding tax) of a document's lines."""
    line = schema.F_DOCLIGNE
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.select(line.c.AR_Ref, line.c.DL_Qte, line.c.DL_MontantHT)
                                      .where(line.c.DO_Piece == piece).order_by(line.c.DL_Ligne))
            return [(r.AR_Ref, Decimal(str(r.DL_Qte)), Decimal(str(r.DL_MontantHT)).quantize(Decimal("0.01")))
                    for r in rows]
    finally:
        engine.dispose()


def line_figures(database: Path, piece: str) -> list[tuple[str, str, Decimal, Decimal, Decimal, str]]:
    """(article, designation, quantity, unit price, amount excluding tax, tax code) of a document's lines, to the cent."""
    line = schema.F_DOCLIGNE
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.select(line).where(line.c.DO_Piece == piece).order_by(line.c.DL_Ligne))
            return [(r.AR_Ref, r.DL_Design, Decimal(str(r.DL_Qte)), _cents(r.DL_PrixUnitaire), _cents(r.DL_MontantHT),
                     r.DL_CodeTaxe1) for r in rows]
    finally:
        engine.dispose()


def header_figures(document: dict[str, Any]) -> tuple[Decimal, Decimal, Decimal]:
    """(total excluding tax, total including tax, shipping in the footer) of an F_DOCENTETE row, to the cent."""
    return _cents(document["DO_TotalHT"]), _cents(document["DO_TotalTTC"]), _cents(document["DO_ValFrais"])


def _cents(value: Any) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def payments_of(database: Path, piece: str) -> tuple[list[Decimal], list[tuple[int, str, Decimal, Decimal]]]:
    """A document's due amounts (F_DOCREGL.DR_Montant) and the settlements allocated to it: (method
    N_Reglement, journal, F_CREGLEMENT.RG_Montant, F_REGLECH.RC_Montant), to the cent."""
    due, settlement, allocation = schema.F_DOCREGL, schema.F_CREGLEMENT, schema.F_REGLECH
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            dues = connection.execute(sa.select(due.c.DR_Montant).where(due.c.DO_Piece == piece).order_by(due.c.DR_No))
            paid = connection.execute(
                sa.select(settlement.c.N_Reglement, settlement.c.JO_Num, settlement.c.RG_Montant, allocation.c.RC_Montant)
                .join(allocation, allocation.c.RG_No == settlement.c.RG_No)
                .where(allocation.c.DO_Piece == piece).order_by(settlement.c.RG_No))
            return ([_cents(amount) for (amount,) in dues],
                    [(method, journal, _cents(amount), _cents(allocated)) for method, journal, amount, allocated in paid])
    finally:
        engine.dispose()


def line_units(database: Path, piece: str) -> list[tuple[str, int, str | None, Decimal, Decimal]]:
    """(article, range variant AG_No1, packaging EU_Enumere, packagings EU_Qte, quantity DL_Qte) of a document's lines."""
    line = schema.F_DOCLIGNE
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.select(line.c.AR_Ref, line.c.AG_No1, line.c.EU_Enumere, line.c.EU_Qte, line.c.DL_Qte)
                                      .where(line.c.DO_Piece == piece).order_by(line.c.DL_Ligne))
            return [(r.AR_Ref, r.AG_No1, r.EU_Enumere, Decimal(str(r.EU_Qte)).normalize(), Decimal(str(r.DL_Qte)).normalize())
                    for r in rows]
    finally:
        engine.dispose()


def column_values(database: Path, table: sa.Table, where: Any, *columns: str) -> list[tuple[Any, ...]]:
    """The ``columns`` of ``table``'s rows matching ``where`` (a condition on ``table.c``), in row order;
    numbers as read (compare them with ``Decimal`` figures)."""
    engine = sa.create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            query = sa.select(*(table.c[name] for name in columns)).where(where).order_by(*table.primary_key.columns)
            return [tuple(row) for row in connection.execute(query)]
    finally:
        engine.dispose()
