"""Sales documents written on the Sage layout: F_DOCENTETE + F_DOCLIGNE + the payment
schedule F_DOCREGL, payments F_CREGLEMENT allocated by F_REGLECH, the number taken from
F_DOCCURRENTPIECE, the stock counters moved and the lots taken (lots.py), all in ONE
transaction per document.

This targets the demo and Sage-layout databases (SQLite, PostgreSQL). A real Sage 100
takes these writes through Objets Métiers (reference §7: triggers, anti-fraud hashes and
stock valuation belong to Sage): see docs/import-orders.md.

The shop order id is stamped in ``DO_NoWeb``: :meth:`find_by_shop_order` finds the
document again after a crash between this commit and the binding in the state store;
a grouped document also records each of its orders (web_orders.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.session import first_line, safe_url
from gescom_sync.backoffice.sage100.writer import lots, numbering, stock_counters, web_orders
from gescom_sync.backoffice.sage100.writer.catalogue import read_order_catalogue
from gescom_sync.backoffice.writer import WrittenDocument
from gescom_sync.errors import ConfigError, ConnectionFailed, NotFound
from gescom_sync.i18n import _
from gescom_sync.journal.events import Message
from gescom_sync.mapping.orders.catalogue import OrderCatalogue
from gescom_sync.mapping.orders.draft import DocumentDraft, DraftLine, LineKind, PaymentDraft, money
from gescom_sync.mapping.orders.totals import (
    DocumentTotals,
    base_line,
    document_totals,
    in_currency,
    line_amounts,
    stored_totals,
    to_base_amount,
    unit_price,
)

SALES = 0
EXIT = 3  # DL_MvtStock: stock exit
STOCK_EXIT_TYPES = (3, 6)  # delivery note, invoice
CONCURRENT_TRIES = 3


class Sage100DocumentWriter:
    """Creates sales documents in a Sage-layout database through a writable engine."""

    def __init__(self, engine: sa.Engine) -> None:
        self.engine = engine
        self.remembered = Remembered()
        self.grouped_table: bool | None = None  # whether gs_docweb exists: inspected once per writer

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Sage100DocumentWriter:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def order_catalogue(self) -> OrderCatalogue:
        with self._transaction() as connection:
            return read_order_catalogue(connection)

    def find_by_shop_order(self, order_id: str) -> WrittenDocument | None:
        """The sales document stamped with this shop order id (DO_NoWeb), the first one made, else
        the grouped document holding it (web_orders.py)."""
        header = s.F_DOCENTETE
        with self._transaction() as connection:
            row = connection.execute(
                sa.select(header.c.DO_Type, header.c.DO_Piece, header.c.DO_TotalTTC)
                .where(header.c.DO_Domaine == SALES, header.c.DO_NoWeb == order_id)
                .order_by(header.c.cbMarq).limit(1)
            ).first() or self._grouped_holding(connection, order_id)
        return None if row is None else WrittenDocument(row.DO_Piece, row.DO_Type, Decimal(row.DO_TotalTTC))

    def create_document(self, draft: DocumentDraft) -> WrittenDocument:
        """Write the whole document or nothing; another writer taking the same number at the same
        moment makes the unique index refuse this transaction, which starts again."""
        for _attempt in range(CONCURRENT_TRIES):
            try:
                with self._transaction() as connection:
                    written = _create(connection, draft, self.remembered)
                self.grouped_table = self.grouped_table or bool(draft.grouped_order_ids)
                return written
            except sa.exc.IntegrityError as error:
                clash = error
        raise ConnectionFailed(_("Cannot write the document of order {order} in the Sage database {url}: {reason}")
                               .format(order=draft.shop_order_id, url=safe_url(self.engine.url),
                                       reason=first_line(clash)))

    def _grouped_holding(self, connection: sa.Connection, order_id: str) -> sa.Row | None:
        if self.grouped_table is None:
            self.grouped_table = web_orders.exists(connection)
        return web_orders.find(connection, SALES, order_id) if self.grouped_table else None

    @contextmanager
    def _transaction(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except sa.exc.IntegrityError:
            raise
        except sa.exc.DBAPIError as error:
            raise ConnectionFailed(_("Cannot write to the Sage database {url}: {reason}").format(
                url=safe_url(self.engine.url), reason=first_line(error))) from None


class Remembered:
    """What documents copy from rows an import does not change (an account's defaults and delivery
    address, a journal's account, the main warehouse): read once per writer, not per document."""

    def __init__(self) -> None:
        self._rows: dict[tuple[Any, ...], Any] = {}

    def get(self, read: Callable[..., Any], connection: sa.Connection, *key: Any) -> Any:
        if (read, *key) not in self._rows:
            self._rows[(read, *key)] = read(connection, *key)
        return self._rows[(read, *key)]


def _create(connection: sa.Connection, draft: DocumentDraft, remembered: Remembered) -> WrittenDocument:
    customer = remembered.get(_customer, connection, draft.account)
    warehouse = draft.warehouse or customer["DE_No"] or remembered.get(_main_warehouse, connection)
    piece = numbering.take_number(connection, draft.document_type, draft.series)
    total = document_totals(draft.lines, draft.shipping, draft.tax_included).included  # in the order's currency
    allocations = _allocations(draft, total)
    delivery_address = remembered.get(_delivery_address, connection, draft.account)
    header = _header(draft, customer, delivery_address, piece, warehouse, stored_totals(draft),
                     to_base_amount(sum(allocations, Decimal(0)), draft))
    connection.execute(sa.insert(s.F_DOCENTETE), [header])
    warnings = _lines(connection, draft, header, warehouse)
    schedule = _schedule(connection, draft, header, total, allocations)
    for payment, allocated in zip(draft.payments, allocations, strict=True):
        account = payment.gl_account or remembered.get(_journal_account, connection, payment.journal)
        _payment(connection, draft, header, schedule, payment, allocated, account)
    if draft.grouped_order_ids:
        web_orders.stamp(connection, SALES, header["DO_Type"], piece, draft.grouped_order_ids)
    return WrittenDocument(piece, int(draft.document_type), header["DO_TotalTTC"], tuple(warnings))


def _lines(connection: sa.Connection, draft: DocumentDraft, header: dict[str, Any], warehouse: int) -> list[Message]:
    """The lines, one per lot taken for articles followed by lot (lots.py), and their stock movements."""
    number = (connection.scalar(sa.select(sa.func.max(s.F_DOCLIGNE.c.DL_No))) or 0) + 1
    tracked = lots.tracked_articles(connection, draft)
    warnings: list[Message] = []
    position = 0
    for line in draft.lines:
        parts = lots.split(connection, draft, line, warehouse, warnings) if line.article in tracked else [(line, None)]
        for part, lot in parts:
            position += 1
            # one by one: comment lines carry fewer columns than article lines (parameters, not
            # .values(): building that statement for each line cost more than running it)
            connection.execute(sa.insert(s.F_DOCLIGNE), _line(draft, header, part, position, number))
            if lot is not None:
                lots.take(connection, draft.document_type, lot, part.quantity, number)
            if part.stock_managed and part.article:
                stock_counters.move(connection, draft.document_type, part.article, part.range_numbers, warehouse,
                                    part.quantity)
            number += 1
    return warnings


def _allocations(draft: DocumentDraft, total: Decimal) -> list[Decimal]:
    """What each payment settles of the document, in order, never beyond what is due; nothing for
    payments on the customer account (payments.customer_level)."""
    allocations, due = [], total
    for payment in draft.payments:
        allocated = Decimal(0) if draft.payments_on_account else max(min(payment.settles, due), Decimal(0))
        allocations.append(allocated)
        due -= allocated
    return allocations


def _customer(connection: sa.Connection, account: str) -> sa.RowMapping:
    c = s.F_COMPTET
    row = connection.execute(sa.select(c).where(c.c.CT_Num == account, c.c.CT_Type == 0)).mappings().first()
    if row is None:
        raise NotFound(_("The customer account {account} is not in the Sage database.").format(account=account))
    return row


def _main_warehouse(connection: sa.Connection) -> int:
    depot = s.F_DEPOT
    return connection.scalar(sa.select(depot.c.DE_No).order_by(depot.c.DE_Principal.desc(), depot.c.DE_No)) or 1


def _delivery_address(connection: sa.Connection, account: str) -> int:
    li = s.F_LIVRAISON
    return connection.scalar(sa.select(li.c.LI_No).where(li.c.CT_Num == account)
                             .order_by(li.c.LI_Principal.desc(), li.c.LI_No).limit(1)) or 0


def _header(draft: DocumentDraft, customer: sa.RowMapping, delivery_address: int, piece: str, warehouse: int,
            totals: DocumentTotals, paid: Decimal) -> dict[str, Any]:
    """The header with the defaults a document takes from its customer account (reference §7);
    ``totals`` and ``paid`` in the back office's currency."""
    shipping = draft.shipping
    shipping_tax = {}
    if shipping is not None:
        shipping_tax = {"DO_ValFrais": to_base_amount(shipping.amount, draft), "DO_TypeLigneFrais": int(draft.tax_included),
                        "DO_Taxe1": shipping.tax_rate, "DO_CodeTaxe1": shipping.tax_code}
    return {
        "DO_Domaine": SALES, "DO_Type": int(draft.document_type), "DO_DocType": int(draft.document_type),
        "DO_Piece": piece, "DO_Date": draft.date, "DO_Heure": draft.date.strftime("000%H%M%S"),
        "DO_Ref": draft.reference, "DO_Tiers": draft.account, "DO_NoWeb": draft.shop_order_id,
        "DO_Statut": draft.status, "DO_Provenance": 0, "DO_Souche": draft.series, "DE_No": warehouse,
        "LI_No": delivery_address, "DO_DateLivr": draft.delivery_date,
        "CO_No": customer["CO_No"], "DO_Period": customer["N_Period"],
        "CT_NumPayeur": customer["CT_NumPayeur"] or draft.account, "CG_Num": customer["CG_NumPrinc"],
        "DO_Devise": draft.currency, "DO_Cours": draft.currency_rate,
        "DO_Expedit": draft.shipping_mode or customer["N_Expedition"], "DO_Condition": customer["N_Condition"],
        "N_CatCompta": draft.accounting_category or customer["N_CatCompta"], "DO_Tarif": customer["N_CatTarif"],
        "DO_NbFacture": customer["CT_Facture"], "DO_BLFact": customer["CT_BLFact"],
        "DO_TxEscompte": customer["CT_Taux02"], "DO_Langue": customer["CT_Langue"],
        "CT_NumCentrale": customer["CT_NumCentrale"], "CA_Num": customer["CA_Num"],
        "DO_Transaction": 11, "DO_Regime": 21, "DO_Colisage": 1, "DO_TypeColis": 1,
        **shipping_tax,
        "DO_TotalHT": totals.lines_excluded, "DO_TotalHTNet": totals.excluded, "DO_TotalTTC": totals.included,
        "DO_NetAPayer": totals.included, "DO_MontantRegle": paid,
        # a difference the totals check let through
        "DO_Ecart": to_base_amount(draft.expected_total, draft) - totals.included,
    }


def _line(draft: DocumentDraft, header: dict[str, Any], line: DraftLine, position: int, number: int) -> dict[str, Any]:
    row = {
        "DO_Domaine": SALES, "DO_Type": header["DO_Type"], "DO_DocType": header["DO_Type"], "DO_Piece": header["DO_Piece"],
        "DO_Date": header["DO_Date"], "DO_Ref": header["DO_Ref"], "DO_DateLivr": header["DO_DateLivr"],
        "CT_Num": draft.account, "DL_No": number, "DL_Ligne": position * 1000, "AR_Ref": line.article,
        "DL_Design": line.designation, "DE_No": header["DE_No"], "CO_No": header["CO_No"], "PF_Num": "",
    }
    if line.kind is LineKind.COMMENT:
        return row
    base = base_line(line, draft)  # Sage holds a line in its own currency but for DL_PUDevise
    excluded, included = line_amounts(base, draft.tax_included)
    price_excluded, price_included = _unit_prices(base, draft.tax_included)
    row |= {
        "DL_Qte": line.quantity, "DL_QteBC": line.quantity, "DL_QteBL": line.quantity,
        "DL_PrixUnitaire": price_excluded, "DL_PUBC": price_excluded,
        "DL_PUTTC": price_included, "DL_TTC": int(draft.tax_included),
        "DL_PUDevise": _unit_prices(line, draft.tax_included)[0] if in_currency(draft) else Decimal(0),
        "DL_Taxe1": line.tax_rate, "DL_CodeTaxe1": line.tax_code, "DL_TypeTaux1": 0, "DL_TypeTaxe1": 0,
        "DL_MontantHT": excluded, "DL_MontantTTC": included, "DL_Valorise": 1,
        "DL_MvtStock": EXIT if draft.document_type in STOCK_EXIT_TYPES and line.stock_managed else 0,
        "AG_No1": line.range_numbers[0], "AG_No2": line.range_numbers[1],
        "EU_Enumere": line.packaging, "EU_Qte": line.packagings if line.packagings is not None else line.quantity,
    }
    if base.ecotax:
        ecotax = base.ecotax / (1 + base.tax_rate / 100) if draft.tax_included else base.ecotax
        row |= {"DL_Taxe2": money(ecotax), "DL_TypeTaux2": 1, "DL_CodeTaxe2": line.ecotax_code}
    return row


def _unit_prices(line: DraftLine, tax_included: bool) -> tuple[Decimal, Decimal]:
    """(excluded, included) unit price; the one not entered is derived at six decimals."""
    factor = 1 + line.tax_rate / 100
    price = line.unit_price + line.ecotax
    if tax_included:
        return unit_price(price / factor), price
    return price, unit_price(price * factor)


def _schedule(connection: sa.Connection, draft: DocumentDraft, header: dict[str, Any], total: Decimal,
              allocations: list[Decimal]) -> dict[str, Any]:
    """One due date for the whole document (F_DOCREGL) of what the document stores, paid when the
    allocated payments cover ``total`` (the order's currency)."""
    regl = s.F_DOCREGL
    method = draft.payments[0].method if draft.payments else _customer_method(connection, draft.account)
    row = {
        "DR_No": (connection.scalar(sa.select(sa.func.max(regl.c.DR_No))) or 0) + 1,
        "DO_Domaine": SALES, "DO_Type": header["DO_Type"], "DO_DocType": header["DO_Type"],
        "DO_Piece": header["DO_Piece"], "DR_Date": draft.date, "DR_Pourcent": Decimal(100),
        "DR_Montant": header["DO_NetAPayer"],
        "DR_MontantDev": total if in_currency(draft) else Decimal(0), "DR_Equil": 1,
        "DR_Regle": int(any(allocations) and sum(allocations, Decimal(0)) >= total), "N_Reglement": method,
    }
    connection.execute(sa.insert(regl), [row])
    return row


def _customer_method(connection: sa.Connection, account: str) -> int:
    terms = s.F_REGLEMENTT
    return connection.scalar(sa.select(terms.c.N_Reglement).where(terms.c.CT_Num == account)
                             .order_by(terms.c.cbMarq).limit(1)) or 0


def _payment(connection: sa.Connection, draft: DocumentDraft, header: dict[str, Any], schedule: dict[str, Any],
             payment: PaymentDraft, allocated: Decimal, gl_account: str | None) -> None:
    """The payment (F_CREGLEMENT) and its allocation to the due date (F_REGLECH) when it settles some
    of it; a difference within the tolerance goes to its account (RG_MontantEcart, CG_NumEcart)."""
    cr = s.F_CREGLEMENT
    number = (connection.scalar(sa.select(sa.func.max(cr.c.RG_No))) or 0) + 1
    difference = {}
    if payment.difference and allocated == payment.settles:
        difference = {"RG_MontantEcart": to_base_amount(payment.difference, draft), "CG_NumEcart": payment.difference_account,
                      "JO_NumEcart": payment.difference_journal}
    connection.execute(sa.insert(cr), [{
        "RG_No": number, "CT_NumPayeur": header["CT_NumPayeur"], "RG_Date": payment.date,
        "RG_Heure": payment.date.strftime("000%H%M%S"), "RG_Reference": payment.reference,
        "RG_Libelle": payment.label, "N_Reglement": payment.method, "JO_Num": payment.journal,
        "CG_Num": gl_account,
        "RG_Montant": to_base_amount(payment.amount, draft),
        "RG_MontantDev": payment.amount if in_currency(draft) else Decimal(0),
        "N_Devise": draft.currency, "RG_Cours": draft.currency_rate, "RG_Type": 0,
        "RG_Impute": int(allocated == payment.settles), **difference,
    }])
    if allocated:
        connection.execute(sa.insert(s.F_REGLECH), [{
            "RG_No": number, "DR_No": schedule["DR_No"], "DO_Domaine": SALES, "DO_Type": header["DO_Type"],
            "DO_Piece": header["DO_Piece"], "RC_Montant": to_base_amount(allocated, draft),
        }])


def _journal_account(connection: sa.Connection, journal: str) -> str | None:
    jo = s.F_JOURNAUX
    row = connection.execute(sa.select(jo.c.CG_Num).where(jo.c.JO_Num == journal)).first()
    if row is None:
        raise ConfigError(_("The bank journal {journal} (import_orders.payments) is not in the Sage database "
                            "(F_JOURNAUX).").format(journal=journal))
    return row.CG_Num
