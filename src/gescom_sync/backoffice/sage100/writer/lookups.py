"""Look-ups around customer accounts: matching keys, countries, standing (risk, GDPR).

They only read; they run on whatever connection they are given (the read side's
read-only one, or the writer's transaction).
"""

from __future__ import annotations

from collections import defaultdict

import sqlalchemy as sa

from gescom_sync.backoffice.base import CustomerStanding
from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.values import flag, text
from gescom_sync.backoffice.writer import MatchField

CUSTOMER = 0  # F_COMPTET.CT_Type
RISK_BLOCKS = 2  # P_CRISQUE.R_Type: 0 deliver, 1 watch, 2 block


def country_codes(connection: sa.Connection) -> dict[str, str]:
    """F_PAYS: country name as Sage writes it ("France") -> ISO 3166 alpha-2 ("FR")."""
    pays = s.F_PAYS
    rows = connection.execute(sa.select(pays.c.PA_Intitule, pays.c.PA_CodeISO2))
    return {name.strip(): code.strip().upper() for name, code in rows if text(name) and text(code)}


def customer_standings(connection: sa.Connection) -> dict[str, CustomerStanding]:
    """Every customer account's standing, by account number."""
    c, risk = s.F_COMPTET, s.P_CRISQUE
    risks = {r.cbIndice: r for r in connection.execute(sa.select(risk.c.cbIndice, risk.c.R_Intitule, risk.c.R_Type))}
    days = _payment_days(connection)
    standings = {}
    for r in connection.execute(sa.select(c).where(c.c.CT_Type == CUSTOMER)):
        level = risks.get(r.N_Risque)
        standings[r.CT_Num] = CustomerStanding(
            account=r.CT_Num,
            blocked=level is not None and level.R_Type == RISK_BLOCKS,
            gdpr_erased=_erased(r),
            risk_label=text(level.R_Intitule) if level is not None else None,
            payment_days=days.get(r.CT_Num),
        )
    return standings


def _erased(row: sa.Row) -> bool:
    """Erased = dormant + excluded from marketing + (GDPR flag, or personal data cleared)."""
    if not (flag(row.CT_Sommeil) and flag(row.CT_ExclureTrait)):
        return False
    cleared = not any(text(v) for v in (row.CT_EMail, row.CT_Adresse, row.CT_Telephone, row.CT_Contact))
    return flag(row.CT_GDPR) or cleared


def _payment_days(connection: sa.Connection) -> dict[str, int]:
    """The longest delay of each account's payment terms (F_REGLEMENTT), in days."""
    terms = s.F_REGLEMENTT
    longest: dict[str, int] = defaultdict(int)
    for account, days in connection.execute(sa.select(terms.c.CT_Num, terms.c.RT_NbJour)):
        longest[account] = max(longest[account], int(days or 0))
    return dict(longest)


def _squeezed(column: sa.ColumnElement) -> sa.ColumnElement:
    return sa.func.upper(sa.func.replace(column, " ", ""))


def find_customer(connection: sa.Connection, field: MatchField, value: str) -> str | None:
    """The first matching customer account, active accounts first; e-mails also match contacts."""
    wanted = "".join(value.split()).upper()
    if not wanted:
        return None
    c = s.F_COMPTET
    column = {MatchField.SIRET: c.c.CT_Siret, MatchField.EMAIL: c.c.CT_EMail, MatchField.VAT_NUMBER: c.c.CT_Identifiant}
    condition = _squeezed(column[field]) == wanted
    if field is MatchField.EMAIL:
        contacts = sa.select(s.F_CONTACTT.c.CT_Num).where(_squeezed(s.F_CONTACTT.c.CT_EMail) == wanted)
        condition = sa.or_(condition, c.c.CT_Num.in_(contacts))
    query = (
        sa.select(c.c.CT_Num)
        .where(c.c.CT_Type == CUSTOMER, condition)
        .order_by(c.c.CT_Sommeil, c.c.CT_Num)
        .limit(1)
    )
    return connection.scalar(query)


def account_exists(connection: sa.Connection, account: str) -> bool:
    """Whether any third-party account (customer, supplier...) uses this number."""
    c = s.F_COMPTET
    return connection.scalar(sa.select(sa.func.count()).where(c.c.CT_Num == account)) > 0
