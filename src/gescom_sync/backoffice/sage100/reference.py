"""Sage parameter tables read as model reference data.

``P_*`` tables are slot arrays: ``cbIndice`` is the slot number stored elsewhere
(``N_CatTarif``, ``N_Expedition``...), and a slot with an empty label is unused.
"""

from __future__ import annotations

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.values import amount, decimal, flag, text
from gescom_sync.model import (
    AccountingCategory,
    Currency,
    CustomerGroup,
    PaymentMethod,
    ShippingMode,
    Tax,
    TaxRateKind,
    Warehouse,
)

TAX_RATE_KINDS = {0: TaxRateKind.PERCENT, 1: TaxRateKind.AMOUNT, 2: TaxRateKind.PER_QUANTITY}
ACCOUNTING_CATEGORY_SLOTS = 50


def _used_slots(connection: sa.Connection, table: sa.Table, label: str) -> list[sa.Row]:
    rows = connection.execute(sa.select(table).order_by(table.c.cbIndice))
    return [row for row in rows if text(getattr(row, label))]


def read_price_categories(connection: sa.Connection) -> list[CustomerGroup]:
    return [
        CustomerGroup(id=str(r.cbIndice), name=text(r.CT_Intitule), tax_included=flag(r.CT_PrixTTC))
        for r in _used_slots(connection, s.P_CATTARIF, "CT_Intitule")
    ]


def read_taxes(connection: sa.Connection) -> list[Tax]:
    t = s.F_TAXE
    return [
        Tax(
            code=r.TA_Code.strip(),
            name=text(r.TA_Intitule) or r.TA_Code.strip(),
            rate=amount(r.TA_Taux),
            rate_kind=TAX_RATE_KINDS.get(r.TA_TTaux, TaxRateKind.PERCENT),
            account=text(r.CG_Num),
        )
        for r in connection.execute(sa.select(t).order_by(t.c.TA_Code))
    ]


def read_shipping_modes(connection: sa.Connection) -> list[ShippingMode]:
    return [
        ShippingMode(id=str(r.cbIndice), name=text(r.E_Intitule), code=text(r.E_Mode), article=text(r.AR_Ref))
        for r in _used_slots(connection, s.P_EXPEDITION, "E_Intitule")
    ]


def read_payment_methods(connection: sa.Connection) -> list[PaymentMethod]:
    return [
        PaymentMethod(id=str(r.cbIndice), name=text(r.R_Intitule), code=text(r.R_Code))
        for r in _used_slots(connection, s.P_REGLEMENT, "R_Intitule")
    ]


def read_currencies(connection: sa.Connection) -> list[Currency]:
    return [
        Currency(
            id=str(r.cbIndice),
            name=text(r.D_Intitule),
            iso_code=text(r.D_CodeISO),
            symbol=text(r.D_Sigle),
            rate=decimal(r.D_Cours) or None,
        )
        for r in _used_slots(connection, s.P_DEVISE, "D_Intitule")
    ]


def read_accounting_categories(connection: sa.Connection) -> list[AccountingCategory]:
    """Sales accounting categories: the labelled ``CA_ComptaVenNN`` columns of P_CATCOMPTA's row."""
    p = s.P_CATCOMPTA
    columns = [p.c[f"CA_ComptaVen{n:02d}"] for n in range(1, ACCOUNTING_CATEGORY_SLOTS + 1)]
    row = connection.execute(sa.select(*columns).limit(1)).first()
    if row is None:
        return []
    return [AccountingCategory(id=str(n), name=text(label)) for n, label in enumerate(row, start=1) if text(label)]


def read_warehouses(connection: sa.Connection) -> list[Warehouse]:
    d = s.F_DEPOT
    return [
        Warehouse(id=str(r.DE_No), name=text(r.DE_Intitule) or str(r.DE_No), code=text(r.DE_Code), main=flag(r.DE_Principal))
        for r in connection.execute(sa.select(d.c.DE_No, d.c.DE_Intitule, d.c.DE_Code, d.c.DE_Principal).order_by(d.c.DE_No))
    ]
