"""Build the "Bijou" demo back office: a Sage-100-layout database and its media folder.

``create("bijou.sqlite")`` writes the SQLite file and ``bijou-media/`` next to it;
``create("postgresql+psycopg://.../db", media_folder=...)`` creates the tables in that
(empty) database. The rows come from :mod:`gescom_sync.demo.data`; this module only adds
what is derived from them (stock totals, amounts, totals, payments, accounting dates).
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from gescom_sync.backoffice.sage100 import schema
from gescom_sync.demo import data
from gescom_sync.demo.media import write_media
from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _

Row = dict[str, Any]
CENT = Decimal("0.01")
SALES, PURCHASES = 0, 1
CUSTOMER_ACCOUNT = "4110000"


@dataclass(frozen=True)
class DemoDatabase:
    """Where the demo back office was created.

    ``url`` is a SQLAlchemy URL; ``media_folder`` holds ``Multimedia/`` (files named in
    the database, relative paths ``.\\Multimedia\\...``), ``images/`` and ``documents/``.
    ``counts`` gives the number of rows per table and of media files (key ``media``).
    """

    url: str
    media_folder: Path
    counts: dict[str, int] = field(default_factory=dict)


def create(target: str | Path, *, force: bool = False, media_folder: str | Path | None = None) -> DemoDatabase:
    """Create the Bijou database at ``target`` (a SQLite file path or a SQLAlchemy URL).

    For a file, the media folder defaults to ``<stem>-media`` next to it; for a URL it
    defaults to a new temporary folder. An existing non-empty file or database is
    refused unless ``force``, which replaces it; media files are (re)written in place.
    """
    url, sqlite_file = _resolve_target(target)
    if sqlite_file is not None:
        _prepare_sqlite_file(sqlite_file, force)
    engine = sa.create_engine(url)
    try:
        _prepare_database(engine, force)
        with engine.begin() as connection:
            if engine.dialect.name == "sqlite":
                # A new file rebuilt on failure: no need to sync the disk after every CREATE.
                connection.exec_driver_sql("PRAGMA synchronous = OFF")
            schema.metadata.create_all(connection)
            counts = insert_rows(connection, build_rows())
    finally:
        engine.dispose()
    media = Path(media_folder) if media_folder else _default_media_folder(sqlite_file)
    counts["media"] = len(write_media(media))
    return DemoDatabase(url=url, media_folder=media, counts=counts)


def _resolve_target(target: str | Path) -> tuple[str, Path | None]:
    """The SQLAlchemy URL of ``target``, and its file when it is a SQLite file."""
    if isinstance(target, str) and "://" in target:
        url = make_url(target)
        if not url.drivername.startswith("sqlite") or url.database in (None, "", ":memory:"):
            return target, None
        target = url.database
    path = Path(target).expanduser().resolve()
    return f"sqlite:///{path}", path


def _default_media_folder(sqlite_file: Path | None) -> Path:
    if sqlite_file is None:
        return Path(tempfile.mkdtemp(prefix="bijou-media-"))
    return sqlite_file.with_name(f"{sqlite_file.stem}-media")


def _prepare_sqlite_file(path: Path, force: bool) -> None:
    if path.is_dir():
        raise ConfigError(_("Cannot create the demo database: {path} is a folder.").format(path=path))
    if path.exists() and path.stat().st_size > 0:
        if not force:
            raise ConfigError(
                _("The file {path} already exists: choose another path, or use --force to replace it.").format(
                    path=path
                )
            )
        for suffix in ("", "-wal", "-shm", "-journal"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
    path.parent.mkdir(parents=True, exist_ok=True)


def _prepare_database(engine: sa.Engine, force: bool) -> None:
    """Refuse a database that already has tables, unless ``force`` (then drop Sage's tables)."""
    existing = sa.inspect(engine).get_table_names()
    if not existing:
        return
    if not force:
        raise ConfigError(
            _(
                "The database {url} is not empty ({count} tables): use an empty database, or --force to replace the demo tables."
            ).format(url=engine.url.render_as_string(hide_password=True), count=len(existing))
        )
    # Compare names case-insensitively: PostgreSQL reports the unquoted F_ARTICLE as f_article.
    present = {name.lower() for name in existing}
    ours = [table for table in schema.metadata.sorted_tables if table.name.lower() in present]
    schema.metadata.drop_all(engine, tables=ours, checkfirst=False)


# ------------------------------------------------------------------ inserting rows


def insert_rows(connection: sa.Connection, rows_by_table: dict[str, list[Row]]) -> dict[str, int]:
    """Insert the rows (executemany per table); return the row count of each table."""
    counts = {}
    for table_name, rows in rows_by_table.items():
        table = schema.metadata.tables[table_name]
        if rows:
            connection.execute(table.insert(), _uniform(table, rows))
        counts[table_name] = len(rows)
    return counts


def _uniform(table: sa.Table, rows: list[Row]) -> list[Row]:
    """Give every row the same keys (executemany needs it), missing ones at Sage's default."""
    keys = {key for row in rows for key in row}
    unknown = keys - set(table.c.keys())
    if unknown:
        raise ValueError(f"{table.name}: unknown columns {sorted(unknown)}")
    uniform = [{key: row.get(key, _default(table.c[key])) for key in keys} for row in rows]
    _check_lengths(table, uniform)
    return uniform


def _check_lengths(table: sa.Table, rows: list[Row]) -> None:
    """Fail on a text longer than its Sage varchar (SQLite would silently accept it)."""
    for column in table.c:
        length = getattr(column.type, "length", None)
        if column.key in rows[0] and isinstance(column.type, sa.String) and length:
            too_long = [row[column.key] for row in rows if row[column.key] and len(row[column.key]) > length]
            if too_long:
                raise ValueError(f"{table.name}.{column.key} is varchar({length}): {too_long}")


def _default(column: sa.Column) -> Any:
    if column.server_default is not None and not column.nullable:
        return Decimal(0) if isinstance(column.type, sa.Numeric) else 0
    return None


# --------------------------------------------------------------- building the rows


def build_rows() -> dict[str, list[Row]]:
    """Every row of the demo database, per table, in insertion order."""
    documents, lines, totals = _documents()
    schedules = _schedules(totals)
    payments = _payments(schedules)
    rows: dict[str, list[Row]] = {
        "P_DOSSIER": data.P_DOSSIER,
        "P_CATTARIF": _slots(data.P_CATTARIF),
        "P_CATCOMPTA": data.P_CATCOMPTA,
        "P_DEVISE": _slots(data.P_DEVISE),
        "P_EXPEDITION": _slots(data.P_EXPEDITION),
        "P_CONDLIVR": _slots(data.P_CONDLIVR),
        "P_REGLEMENT": _slots(data.P_REGLEMENT),
        "P_CRISQUE": _slots(data.P_CRISQUE),
        "P_UNITE": _slots(data.P_UNITE),
        "P_SOUCHEVENTE": _slots(data.P_SOUCHEVENTE),
        "P_GAMME": _slots(data.P_GAMME),
        "P_CONDITIONNEMENT": _slots(data.P_CONDITIONNEMENT),
        "F_PAYS": data.F_PAYS,
        "F_TAXE": data.F_TAXE,
        "F_FAMILLE": data.F_FAMILLE,
        "F_FAMCOMPTA": _family_taxes(),
        "F_FAMTARIF": data.F_FAMTARIF,
        "F_FAMCLIENT": data.F_FAMCLIENT,
        "F_CATALOGUE": data.F_CATALOGUE,
        "F_DEPOT": data.F_DEPOT,
        "F_ARTICLE": [{**data.ARTICLE_DEFAULTS, **article} for article in data.F_ARTICLE],
        "F_ARTCOMPTA": _article_taxes(),
        "F_ARTSTOCK": _article_stock(),
        "F_ENUMGAMME": data.F_ENUMGAMME,
        "F_ARTGAMME": data.F_ARTGAMME,
        "F_ARTENUMREF": data.F_ARTENUMREF,
        "F_GAMSTOCK": _range_stock(),
        "F_TARIFGAM": data.F_TARIFGAM,
        "F_CONDITION": data.F_CONDITION,
        "F_TARIFCOND": data.F_TARIFCOND,
        "F_NOMENCLAT": data.F_NOMENCLAT,
        "F_LOTSERIE": data.F_LOTSERIE,
        "F_ARTCLIENT": data.F_ARTCLIENT,
        "F_TARIFQTE": data.F_TARIFQTE,
        "F_ARTFOURNISS": data.F_ARTFOURNISS,
        "F_ARTICLEMEDIA": data.F_ARTICLEMEDIA,
        "F_COLLABORATEUR": data.F_COLLABORATEUR,
        "F_COMPTET": data.F_COMPTET,
        "F_LIVRAISON": data.F_LIVRAISON,
        "F_CONTACTT": data.F_CONTACTT,
        "F_REGLEMENTT": data.F_REGLEMENTT,
        "F_DOCENTETE": documents,
        "F_DOCLIGNE": lines,
        "F_DOCREGL": schedules,
        "F_CREGLEMENT": payments,
        "F_REGLECH": _allocations(schedules, payments),
        "F_DOCCURRENTPIECE": data.F_DOCCURRENTPIECE,
        "F_JOURNAUX": data.F_JOURNAUX,
        "F_ECRITUREC": _accounting_entries(),
        "cbSysLibre": _free_info_catalogue(),
    }
    _add_paid_amounts(documents, payments)
    return rows


def _slots(rows: list[Row]) -> list[Row]:
    """P_* rows: ``cbMarq`` equals the slot number ``cbIndice``."""
    return [{**row, "cbMarq": row["cbIndice"]} for row in rows]


def _free_info_catalogue() -> list[Row]:
    return [
        {
            "CB_File": table,
            "CB_Name": name,
            "CB_Pos": position,
            "CB_Type": cb_type,
            "CB_Len": length,
            "CB_Creator": "CSQL",
        }
        for table, columns in schema.FREE_INFO_COLUMNS.items()
        for position, (name, cb_type, length) in enumerate(columns, 1)
    ]


def _tax_columns(prefix: str, category: int, vat_code: str, second_tax: str | None) -> Row:
    return {
        f"{prefix}_Type": 0,
        f"{prefix}_Champ": category,
        f"{prefix}_ComptaCPT_CompteG": data.SALES_ACCOUNTS[category],
        f"{prefix}_ComptaCPT_Taxe1": data.CATEGORY_TAX.get(category, vat_code),
        f"{prefix}_ComptaCPT_Taxe2": second_tax if category == 1 else None,
    }


def _family_taxes() -> list[Row]:
    """Sales accounting of every family: 20 % VAT in France, exempt export and intra-EU."""
    return [
        {"FA_CodeFamille": family["FA_CodeFamille"], **_tax_columns("FCP", category, "C20", None)}
        for family in data.F_FAMILLE
        for category in data.ACCOUNTING_CATEGORIES
    ]


def _article_taxes() -> list[Row]:
    return [
        {
            "AR_Ref": reference,
            **_tax_columns("ACP", category, data.ARTICLE_VAT.get(reference, "C20"), data.ARTICLE_ECOTAX.get(reference)),
        }
        for reference in data.ARTICLES_WITH_OWN_TAXES
        for category in data.ACCOUNTING_CATEGORIES
    ]


def _purchase_prices() -> dict[str, Decimal]:
    return {article["AR_Ref"]: article.get("AR_PrixAch", Decimal(0)) for article in data.F_ARTICLE}


def _stock_value(quantity: Decimal, unit_cost: Decimal) -> Decimal:
    return (max(quantity, Decimal(0)) * unit_cost).quantize(CENT)


def _range_stock() -> list[Row]:
    costs = _purchase_prices()
    return [{**row, "GS_MontSto": _stock_value(row["GS_QteSto"], costs[row["AR_Ref"]])} for row in data.F_GAMSTOCK]


def _article_stock() -> list[Row]:
    """F_ARTSTOCK: the STOCK table, plus range articles summed from their F_GAMSTOCK."""
    costs = _purchase_prices()
    rows = [
        {
            "AR_Ref": ref,
            "DE_No": depot,
            "AS_QteSto": sto,
            "AS_QteRes": res,
            "AS_QteCom": com,
            "AS_QtePrepa": prepa,
            "AS_QteResCM": res_cm,
            "AS_QteComCM": com_cm,
        }
        for ref, depot, sto, res, com, prepa, res_cm, com_cm in data.STOCK
    ]
    summed: dict[tuple[str, int], Row] = {}
    for variant in data.F_GAMSTOCK:
        total = summed.setdefault(
            (variant["AR_Ref"], variant["DE_No"]), {"AR_Ref": variant["AR_Ref"], "DE_No": variant["DE_No"]}
        )
        for column in ("QteSto", "QteRes", "QteCom", "QtePrepa", "QteResCM", "QteComCM"):
            total[f"AS_{column}"] = total.get(f"AS_{column}", Decimal(0)) + variant.get(f"GS_{column}", Decimal(0))
    rows += summed.values()
    for row in rows:
        row["AS_MontSto"] = _stock_value(row["AS_QteSto"], costs[row["AR_Ref"]])
        row["AS_Principal"] = 1 if row["DE_No"] == 1 else 0
        row["AS_Mouvemente"] = 1
    return rows


# ---------------------------------------------------------------------- documents


def money(value: Decimal) -> Decimal:
    """Round an amount to the cent, half up (Sage's rounding of amounts)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def _documents() -> tuple[list[Row], list[Row], dict[str, Decimal]]:
    """Headers and lines of sales and purchase documents, and each piece's total TTC."""
    customers = {customer["CT_Num"]: customer for customer in data.F_COMPTET}
    articles = {article["AR_Ref"]: {**data.ARTICLE_DEFAULTS, **article} for article in data.F_ARTICLE}
    headers, lines, totals = [], [], {}
    line_number = 0
    for domain, documents in ((SALES, data.SALES_DOCUMENTS), (PURCHASES, data.PURCHASE_DOCUMENTS)):
        for document in documents:
            header = _header(domain, document, customers[document["DO_Tiers"]])
            document_lines = []
            for position, line in enumerate(document["lines"], 1):
                line_number += 1
                document_lines.append(_line(header, line, position, line_number, articles))
            _add_totals(header, document_lines)
            headers.append(header)
            lines += document_lines
            totals[header["DO_Piece"]] = header["DO_TotalTTC"]
    return headers, lines, totals


def _header(domain: int, document: Row, third_party: Row) -> Row:
    """A header with the defaults a document takes from its third party (reference §7)."""
    header = {
        "DO_Domaine": domain,
        "DO_Souche": 0,
        "DO_Tarif": third_party.get("N_CatTarif", 0),
        "N_CatCompta": third_party.get("N_CatCompta", 1),
        "CG_Num": third_party["CG_NumPrinc"],
        "CT_NumPayeur": third_party.get("CT_NumPayeur"),
        "CO_No": third_party.get("CO_No", 0),
        "DO_Expedit": third_party.get("N_Expedition", 0),
        "DO_Condition": third_party.get("N_Condition", 0),
        "DO_Devise": third_party.get("N_Devise", 0),
        "DO_Cours": Decimal(0),
        "DO_NbFacture": third_party.get("CT_Facture", 1),
        "DO_BLFact": third_party.get("CT_BLFact", 0),
        "DO_TxEscompte": third_party.get("CT_Taux02", Decimal(0)),
        "DO_Langue": third_party.get("CT_Langue", 0),
        "DE_No": 1,
        "DO_Transaction": 11,
        "DO_Regime": 21,
        "DO_Colisage": 1,
        "DO_TypeColis": 1,
        "DO_DocType": document["DO_Type"],
        "DO_Heure": "000100000",
    }
    header.update({key: value for key, value in document.items() if key != "lines"})
    return header


def _stock_movement(header: Row) -> int:
    """DL_MvtStock: 3 = exit for delivery notes and invoices, 1 = entry for credit notes."""
    if header["DO_Domaine"] != SALES or header["DO_Type"] not in (3, 6, 7):
        return 0
    return 1 if header.get("DO_Provenance") == 2 else 3


def _line(header: Row, line: tuple, position: int, line_number: int, articles: dict[str, Row]) -> Row:
    reference, quantity, unit_price, discount, vat_code, extra = line
    article = articles[reference]
    rate = data.TAX_RATES[vat_code]
    amount = money(quantity * unit_price * (1 - discount / 100))
    row = {
        "DO_Domaine": header["DO_Domaine"],
        "DO_Type": header["DO_Type"],
        "DO_Piece": header["DO_Piece"],
        "DO_Date": header["DO_Date"],
        "DO_Ref": header.get("DO_Ref"),
        "DO_DateLivr": header.get("DO_DateLivr"),
        "CT_Num": header["DO_Tiers"],
        "DL_No": line_number,
        "DL_Ligne": position * 1000,
        "AR_Ref": reference,
        "DL_Design": article["AR_Design"],
        "DL_Qte": quantity,
        "DL_QteBC": quantity,
        "DL_QteBL": quantity,
        "DL_PrixUnitaire": unit_price,
        "DL_PUBC": unit_price,
        "DL_PUTTC": money(unit_price * (1 + rate / 100)),
        "DL_Remise01REM_Valeur": discount,
        "DL_Remise01REM_Type": 1 if discount else 0,
        "DL_Taxe1": rate,
        "DL_TypeTaux1": 0,
        "DL_TypeTaxe1": 0,
        "DL_CodeTaxe1": vat_code,
        "DL_MontantHT": amount,
        "DL_MontantTTC": money(amount * (1 + rate / 100)),
        "DL_PoidsNet": article.get("AR_PoidsNet", Decimal(0)) * quantity,
        "DL_PoidsBrut": article.get("AR_PoidsBrut", Decimal(0)) * quantity,
        "DL_Valorise": 1,
        "DL_MvtStock": _stock_movement(header),
        "DE_No": header["DE_No"],
        "CO_No": header.get("CO_No", 0),
        "DO_DocType": header["DO_Type"],
        "PF_Num": "",
    }
    row.update(extra)
    return row


def _add_totals(header: Row, lines: list[Row]) -> None:
    """Totals excl. tax and incl. tax, VAT computed per rate on each rate's base."""
    bases: dict[Decimal, Decimal] = defaultdict(Decimal)
    for line in lines:
        bases[line["DL_Taxe1"]] += line["DL_MontantHT"]
    total_ht = sum(bases.values(), Decimal(0))
    total_tax = sum((money(base * rate / 100) for rate, base in bases.items()), Decimal(0))
    header["DO_TotalHT"] = total_ht
    header["DO_TotalHTNet"] = total_ht
    header["DO_TotalTTC"] = total_ht + total_tax
    header["DO_NetAPayer"] = total_ht + total_tax


# ----------------------------------------------------------------------- payments


def _piece_types() -> dict[str, tuple[int, int]]:
    return {
        document["DO_Piece"]: (domain, document["DO_Type"])
        for domain, documents in ((SALES, data.SALES_DOCUMENTS), (PURCHASES, data.PURCHASE_DOCUMENTS))
        for document in documents
    }


def _schedules(totals: dict[str, Decimal]) -> list[Row]:
    types = _piece_types()
    rows = []
    for number, piece, due, amount, paid, method in data.DOCUMENT_SCHEDULES:
        domain, document_type = types[piece]
        rows.append(
            {
                "DR_No": number,
                "DO_Domaine": domain,
                "DO_Type": document_type,
                "DO_Piece": piece,
                "DR_Date": due,
                "DR_Libelle": "Échéance unique",
                "DR_Pourcent": Decimal(100),
                "DR_Montant": amount or totals[piece],
                "DR_Equil": 1,
                "DR_Regle": paid,
                "N_Reglement": method,
                "DO_DocType": document_type,
            }
        )
    return rows


def _payments(schedules: list[Row]) -> list[Row]:
    """F_CREGLEMENT; a payment without amount pays the whole schedule line it is allocated to."""
    schedule_amounts = {row["DR_No"]: row["DR_Montant"] for row in schedules}
    allocated_to = {payment: schedule for payment, schedule, _amount in data.F_REGLECH}
    return [
        {
            **payment,
            "RG_Montant": payment["RG_Montant"] or schedule_amounts[allocated_to[payment["RG_No"]]],
            "RG_Type": 0,
            "RG_Heure": "000120000",
        }
        for payment in data.F_CREGLEMENT
    ]


def _allocations(schedules: list[Row], payments: list[Row]) -> list[Row]:
    by_schedule = {row["DR_No"]: row for row in schedules}
    amounts = {row["RG_No"]: row["RG_Montant"] for row in payments}
    return [
        {
            "RG_No": payment,
            "DR_No": schedule,
            "DO_Domaine": by_schedule[schedule]["DO_Domaine"],
            "DO_Type": by_schedule[schedule]["DO_Type"],
            "DO_Piece": by_schedule[schedule]["DO_Piece"],
            "RC_Montant": amount or amounts[payment],
        }
        for payment, schedule, amount in data.F_REGLECH
    ]


def _add_paid_amounts(documents: Iterable[Row], payments: list[Row]) -> None:
    """DO_MontantRegle = the payments allocated to the document."""
    schedules = {number: piece for number, piece, *_rest in data.DOCUMENT_SCHEDULES}
    amounts = {row["RG_No"]: row["RG_Montant"] for row in payments}
    paid: dict[str, Decimal] = defaultdict(Decimal)
    for payment, schedule, amount in data.F_REGLECH:
        paid[schedules[schedule]] += amount or amounts[payment]
    for document in documents:
        document["DO_MontantRegle"] = paid.get(document["DO_Piece"], Decimal(0))


def _accounting_entries() -> list[Row]:
    """F_ECRITUREC: customer-account lines with their journal month and day."""
    return [
        {
            **entry,
            "CG_Num": CUSTOMER_ACCOUNT,
            "JM_Date": entry["EC_Date"].replace(day=1),
            "EC_Jour": entry["EC_Date"].day,
            "N_Devise": 0,
            "EC_Parite": Decimal(0),
        }
        for entry in data.F_ECRITUREC
    ]
