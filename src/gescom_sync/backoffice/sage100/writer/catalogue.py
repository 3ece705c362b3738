"""The snapshot of a Sage-layout database the order mapping works on (mapping/orders/catalogue.py)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.values import amount, flag, text
from gescom_sync.mapping.orders.catalogue import ArticleInfo, OrderCatalogue, PackagingRef, VariantRef

SALES = 0  # ACP_Type / FCP_Type
NATIONAL = 1  # accounting category whose second tax code gives the eco-tax
FLAT = 1  # F_TAXE.TA_TTaux: 0 percent, 1 amount per unit


def read_order_catalogue(connection: sa.Connection) -> OrderCatalogue:
    flat_taxes, rates = _taxes(connection)
    available = _available(connection)
    ecotax_codes = _ecotax_codes(connection)
    articles = {}
    for r in connection.execute(sa.select(s.F_ARTICLE)):
        code = ecotax_codes.get(r.AR_Ref) or ecotax_codes.get(f"family:{r.FA_CodeFamille}")
        ecotax = flat_taxes.get(code or "")
        articles[r.AR_Ref] = ArticleInfo(
            reference=r.AR_Ref, designation=text(r.AR_Design) or r.AR_Ref, dormant=flag(r.AR_Sommeil),
            stock_managed=(r.AR_SuiviStock or 0) != 0, substitute=text(r.AR_Substitut),
            available=available.get(r.AR_Ref, Decimal(0)), ecotax=ecotax or Decimal(0),
            ecotax_code=code if ecotax else None)
    return OrderCatalogue(
        articles=articles, variants=_variants(connection), packagings=_packagings(connection), tax_rates=rates,
        shipping_articles={r.cbIndice: r.AR_Ref for r in connection.execute(
            sa.select(s.P_EXPEDITION.c.cbIndice, s.P_EXPEDITION.c.AR_Ref)) if text(r.AR_Ref)},
        currency_rates={r.cbIndice: amount(r.D_Cours) for r in connection.execute(
            sa.select(s.P_DEVISE.c.cbIndice, s.P_DEVISE.c.D_Cours)) if r.D_Cours},
    )


def _taxes(connection: sa.Connection) -> tuple[dict[str, Decimal], dict[str, Decimal]]:
    """(flat taxes per unit, percent rates) by tax code."""
    flat, rates = {}, {}
    for r in connection.execute(sa.select(s.F_TAXE.c.TA_Code, s.F_TAXE.c.TA_TTaux, s.F_TAXE.c.TA_Taux)):
        (flat if r.TA_TTaux == FLAT else rates)[r.TA_Code.strip()] = amount(r.TA_Taux)
    return flat, rates


def _ecotax_codes(connection: sa.Connection) -> dict[str, str]:
    """Second tax code of the national category: per article, and per family as ``family:CODE``."""
    ac, fc = s.F_ARTCOMPTA, s.F_FAMCOMPTA
    codes = {}
    for ref, code in connection.execute(sa.select(fc.c.FA_CodeFamille, fc.c.FCP_ComptaCPT_Taxe2).where(
            fc.c.FCP_Type == SALES, fc.c.FCP_Champ == NATIONAL)):
        if text(code):
            codes[f"family:{ref}"] = code.strip()
    for ref, code in connection.execute(sa.select(ac.c.AR_Ref, ac.c.ACP_ComptaCPT_Taxe2).where(
            ac.c.ACP_Type == SALES, ac.c.ACP_Champ == NATIONAL)):
        if text(code):
            codes[ref] = code.strip()
    return codes


def _available(connection: sa.Connection) -> dict[str, Decimal]:
    st = s.F_ARTSTOCK
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for r in connection.execute(sa.select(st.c.AR_Ref, st.c.AS_QteSto, st.c.AS_QteRes, st.c.AS_QtePrepa)):
        totals[r.AR_Ref] += amount(r.AS_QteSto) - amount(r.AS_QteRes) - amount(r.AS_QtePrepa)
    return dict(totals)


def _variants(connection: sa.Connection) -> dict[str, VariantRef]:
    ref, gam = s.F_ARTENUMREF, s.F_ARTGAMME
    labels = {r.AG_No: text(r.EG_Enumere) or "" for r in connection.execute(sa.select(gam.c.AG_No, gam.c.EG_Enumere))}
    variants = {}
    for r in connection.execute(sa.select(ref.c.AR_Ref, ref.c.AG_No1, ref.c.AG_No2, ref.c.AE_Ref)):
        if text(r.AE_Ref):
            label = " ".join(labels[n] for n in (r.AG_No1, r.AG_No2) if n and labels.get(n))
            variants[r.AE_Ref.strip()] = VariantRef(r.AR_Ref, (r.AG_No1 or 0, r.AG_No2 or 0), label)
    return variants


def _packagings(connection: sa.Connection) -> dict[str, PackagingRef]:
    """By the packaging's own reference, and by ``ARTICLE#name`` (the export's key of those without)."""
    co = s.F_CONDITION
    packagings = {}
    for r in connection.execute(sa.select(co.c.AR_Ref, co.c.EC_Enumere, co.c.EC_Quantite, co.c.CO_Ref)):
        packaging = PackagingRef(r.AR_Ref, text(r.EC_Enumere) or "", amount(r.EC_Quantite))
        packagings[f"{r.AR_Ref}#{packaging.name}"] = packaging
        if text(r.CO_Ref):
            packagings[r.CO_Ref.strip()] = packaging
    return packagings
