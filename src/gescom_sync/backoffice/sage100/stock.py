"""Stock per warehouse (F_ARTSTOCK, F_GAMSTOCK for range variants) and the SPEC §3.2 formulas.

Sage keeps six counters per article and warehouse: AS_QteSto (real), AS_QteRes (reserved
by customer orders), AS_QteCom (ordered from suppliers), AS_QtePrepa (in delivery
preparation), AS_QteResCM and AS_QteComCM (the same for counter-mark sales). The counters
are summed over the chosen warehouses, then the formula is applied
(``StockCounters.quantity``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.articles import read_variants, variant_key
from gescom_sync.backoffice.sage100.scope import Scope
from gescom_sync.backoffice.sage100.values import amount
from gescom_sync.errors import NotFound
from gescom_sync.i18n import _
from gescom_sync.model import StockCounters, StockFormula, StockLevel, Warehouse


def choose_warehouses(known: Sequence[Warehouse], wanted: Sequence[str] | None) -> list[Warehouse]:
    """The warehouses named in ``wanted`` (id, code or name, any case); all when empty."""
    if not wanted:
        return list(known)
    chosen: list[Warehouse] = []
    for name in wanted:
        match = next((w for w in known if name.strip().casefold() in _names(w)), None)
        if match is None:
            raise NotFound(
                _("Unknown warehouse {name!r}; known warehouses: {known}.").format(
                    name=name, known=", ".join(f"{w.id} ({w.name})" for w in known)
                )
            )
        if match not in chosen:
            chosen.append(match)
    return chosen


def _names(warehouse: Warehouse) -> set[str]:
    return {n.casefold() for n in (warehouse.id, warehouse.code, warehouse.name) if n}


def _counters(row: sa.Row, prefix: str) -> StockCounters:
    m = row._mapping
    return StockCounters(
        real=amount(m[f"{prefix}_QteSto"]),
        reserved=amount(m[f"{prefix}_QteRes"]),
        ordered=amount(m[f"{prefix}_QteCom"]),
        prepared=amount(m[f"{prefix}_QtePrepa"]),
        reserved_counter_mark=amount(m[f"{prefix}_QteResCM"]),
        ordered_counter_mark=amount(m[f"{prefix}_QteComCM"]),
    )


def changed_articles(numbers: Sequence[int], since: datetime) -> sa.CompoundSelect:
    """References of the articles whose record, or whose stock row (article or range
    variant) in warehouses ``numbers``, was modified at or after ``since``: a stock
    movement updates F_ARTSTOCK / F_GAMSTOCK, not F_ARTICLE."""
    a, st, gs = s.F_ARTICLE, s.F_ARTSTOCK, s.F_GAMSTOCK
    return sa.union(
        sa.select(a.c.AR_Ref).where(a.c.cbModification >= since),
        sa.select(st.c.AR_Ref).where(st.c.cbModification >= since, st.c.DE_No.in_(numbers)),
        sa.select(gs.c.AR_Ref).where(gs.c.cbModification >= since, gs.c.DE_No.in_(numbers)),
    )


def read_stock(
    connection: sa.Connection,
    scope: Scope,
    formula: StockFormula,
    warehouses: Sequence[Warehouse],
    since: datetime | None = None,
) -> list[StockLevel]:
    """Stock of every stock-managed article of the scope (0 when it has no stock row),
    followed by each of its range variants, summed over ``warehouses``; with ``since``,
    of the articles :func:`changed_articles` finds only."""
    numbers = [int(w.id) for w in warehouses]
    ids = tuple(w.id for w in warehouses)
    a, st, gs = s.F_ARTICLE, s.F_ARTSTOCK, s.F_GAMSTOCK
    if since is not None:
        scope = Scope(a, "AR_Ref", sa.and_(scope.where(), a.c.AR_Ref.in_(changed_articles(numbers, since))))
    references = connection.scalars(
        sa.select(a.c.AR_Ref).where(a.c.AR_SuiviStock != 0, scope.where()).order_by(a.c.AR_Ref)
    ).all()
    per_article: dict[str, StockCounters] = defaultdict(StockCounters)
    for row in connection.execute(sa.select(st).where(st.c.DE_No.in_(numbers), scope.on(st.c.AR_Ref))):
        per_article[row.AR_Ref] += _counters(row, "AS")
    per_variant: dict[tuple[str, str], StockCounters] = defaultdict(StockCounters)
    for row in connection.execute(sa.select(gs).where(gs.c.DE_No.in_(numbers), scope.on(gs.c.AR_Ref))):
        per_variant[(row.AR_Ref, variant_key(row.AG_No1, row.AG_No2))] += _counters(row, "GS")
    variants = read_variants(connection, scope)

    def level(reference: str, variant: str | None, counters: StockCounters) -> StockLevel:
        return StockLevel(reference, variant, ids, counters, formula, counters.quantity(formula))

    levels = []
    for reference in references:
        levels.append(level(reference, None, per_article.get(reference, StockCounters())))
        for variant in variants.get(reference, ()):
            levels.append(level(reference, variant.reference, per_variant.get((reference, variant.key), StockCounters())))
    return levels
