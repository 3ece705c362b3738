"""Prices: the rules Sage keeps and which one a customer gets.

Rules (all per article):

* **base**: ``F_ARTICLE.AR_PrixVen``, tax included when ``AR_PrixTTC = 1``;
* **category**: ``F_ARTCLIENT`` rows with ``AC_Categorie = N`` (``P_CATTARIF`` slot N);
* **customer**: ``F_ARTCLIENT`` rows with ``AC_Categorie = 0`` and ``CT_Num``;
  for both, ``AC_PrixVen = 0`` means "the base price", and ``AC_Remise`` is a percentage
  discount on that price;
* **quantity breaks**: ``F_TARIFQTE`` rows for a category (``TQ_RefCF`` = ``a`` + the
  two-digit slot, ``a01``) or a customer (``TQ_RefCF`` = ``CT_Num``); each row covers the
  quantities up to ``TQ_BorneSup`` above the previous row's bound, with a net price
  ``TQ_PrixNet`` or, when that is 0, a percentage discount ``TQ_Remise01REM_Valeur``
  (``TQ_Remise01REM_Type = 1``) applied on top of the price the customer gets without
  the break (discounts cascade: 10 % then 5 % is 14.5 %). A break with neither is ignored.

Resolution order of :func:`resolve_price` (the first that applies wins):

1. the customer's quantity break covering the quantity (on top of 2, else 4, else 5);
2. the customer's own row (exception price);
3. the category's quantity break covering the quantity (on top of 4, else 5) — the
   category is the one given, else the customer's ``N_CatTarif``;
4. the category's row;
5. the base price.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.scope import Scope
from gescom_sync.backoffice.sage100.values import amount, decimal, flag, slot, text
from gescom_sync.errors import NotFound
from gescom_sync.i18n import _
from gescom_sync.model import Price, PriceRule, PriceRuleKind

CUSTOMER_ROW = 0  # F_ARTCLIENT.AC_Categorie of a customer's exception price
PERCENT = 1  # REM_Type
STORED_PRECISION = Decimal("0.000001")  # numeric(24,6)
HUNDRED = Decimal(100)
_CATEGORY_CODE = re.compile(r"[aA](\d{2})\Z")


def category_code(category: str) -> str:
    """How F_TARIFQTE.TQ_RefCF names price category ``category`` ("1" -> "a01")."""
    return f"a{int(category):02d}"


def _target(ref_cf: str) -> tuple[str | None, str | None]:
    """(category, customer) named by a TQ_RefCF value."""
    match = _CATEGORY_CODE.match(ref_cf.strip())
    return (str(int(match.group(1))), None) if match else (None, ref_cf.strip())


def _base_rule(row: sa.Row) -> PriceRule:
    return PriceRule(row.AR_Ref, PriceRuleKind.BASE, amount(row.AR_PrixVen), flag(row.AR_PrixTTC))


def _client_rule(row: sa.Row, base_ttc: bool) -> PriceRule:
    price = decimal(row.AC_PrixVen) or None  # 0: the base price
    is_customer = row.AC_Categorie == CUSTOMER_ROW
    return PriceRule(
        reference=row.AR_Ref,
        kind=PriceRuleKind.CUSTOMER if is_customer else PriceRuleKind.CATEGORY,
        price=price,
        tax_included=flag(row.AC_PrixTTC) if price is not None else base_ttc,
        discount_percent=decimal(row.AC_Remise) or None,
        category=None if is_customer else str(row.AC_Categorie),
        customer=text(row.CT_Num) if is_customer else None,
    )


def _break_rules(rows: list[sa.Row], owner: PriceRule | None, base: PriceRule) -> list[PriceRule]:
    """The quantity breaks of one article for one category or customer, in bound order."""
    rules = []
    previous = Decimal(0)
    for row in sorted(rows, key=lambda r: amount(r.TQ_BorneSup)):
        category, customer = _target(row.TQ_RefCF)
        bound = amount(row.TQ_BorneSup)
        net = decimal(row.TQ_PrixNet) or None
        discount = decimal(row.TQ_Remise01REM_Valeur) if row.TQ_Remise01REM_Type == PERCENT else None
        rules.append(
            PriceRule(
                reference=row.AR_Ref,
                kind=PriceRuleKind.QUANTITY_BREAK,
                price=net,
                tax_included=(owner or base).tax_included,
                discount_percent=None if net is not None else (discount or None),
                category=category,
                customer=customer,
                above_quantity=previous,
                up_to_quantity=bound,
            )
        )
        previous = bound
    return rules


def changed_price_articles(since: datetime, now: datetime) -> sa.CompoundSelect:
    """References of the articles whose price may differ since ``since``: the article's
    record, or a row of a price table of its own (F_ARTCLIENT, F_TARIFQTE, F_TARIFGAM,
    F_TARIFCOND, F_CONDITION, F_ARTCOMPTA) or of its family's (F_FAMTARIF, F_FAMCLIENT,
    F_FAMCOMPTA), has a ``cbModification`` at or after it; or a scheduled price (its own
    or a category's or customer's) took effect between ``since`` and ``now``. Editing a
    price row does not touch F_ARTICLE's ``cbModification``."""
    a, ac = s.F_ARTICLE, s.F_ARTCLIENT
    own = (ac, s.F_TARIFQTE, s.F_TARIFGAM, s.F_TARIFCOND, s.F_CONDITION, s.F_ARTCOMPTA)
    family = (s.F_FAMTARIF, s.F_FAMCLIENT, s.F_FAMCOMPTA)
    return sa.union(
        sa.select(a.c.AR_Ref).where(a.c.cbModification >= since),
        sa.select(a.c.AR_Ref).where(a.c.AR_DateApplication.between(since, now)),
        sa.select(ac.c.AR_Ref).where(ac.c.AC_DateApplication.between(since, now)),
        *(sa.select(t.c.AR_Ref).where(t.c.cbModification >= since) for t in own),
        *(sa.select(a.c.AR_Ref).where(a.c.FA_CodeFamille.in_(sa.select(t.c.FA_CodeFamille).where(t.c.cbModification >= since)))
          for t in family),
    )


def read_price_rules(connection: sa.Connection, scope: Scope, since: datetime | None = None) -> list[PriceRule]:
    """Every price rule of the articles in scope: base, categories, customers, breaks;
    with ``since``, of the articles :func:`changed_price_articles` finds only."""
    a, ac, tq = s.F_ARTICLE, s.F_ARTCLIENT, s.F_TARIFQTE
    if since is not None:
        now = datetime.now()  # noqa: DTZ005 - Sage keeps local times without a zone
        scope = Scope(a, "AR_Ref", sa.and_(scope.where(), a.c.AR_Ref.in_(changed_price_articles(since, now))))
    bases = {
        r.AR_Ref: _base_rule(r)
        for r in connection.execute(sa.select(a.c.AR_Ref, a.c.AR_PrixVen, a.c.AR_PrixTTC).where(scope.where()))
    }
    owners: dict[tuple[str, str | None, str | None], PriceRule] = {}
    for r in connection.execute(
        sa.select(ac).where(scope.on(ac.c.AR_Ref)).order_by(ac.c.AR_Ref, ac.c.AC_Categorie.desc(), ac.c.CT_Num)
    ):
        if r.AR_Ref in bases:
            rule = _client_rule(r, bases[r.AR_Ref].tax_included)
            owners[(r.AR_Ref, rule.category, rule.customer)] = rule
    breaks: dict[tuple[str, str | None, str | None], list[sa.Row]] = defaultdict(list)
    for r in connection.execute(sa.select(tq).where(scope.on(tq.c.AR_Ref))):
        if r.AR_Ref in bases:
            breaks[(r.AR_Ref, *_target(r.TQ_RefCF))].append(r)
    rules: list[PriceRule] = [*bases.values(), *owners.values()]
    for key, rows in breaks.items():
        rules += _break_rules(rows, owners.get(key), bases[key[0]])
    order = {PriceRuleKind.BASE: 0, PriceRuleKind.CATEGORY: 1, PriceRuleKind.CUSTOMER: 2, PriceRuleKind.QUANTITY_BREAK: 3}
    return sorted(
        rules,
        key=lambda r: (r.reference, order[r.kind], r.category or "", r.customer or "", r.above_quantity or Decimal(0)),
    )


def resolve_price(
    connection: sa.Connection, reference: str, category: str | None, customer: str | None, quantity: Decimal
) -> Price:
    a = s.F_ARTICLE
    rules = read_price_rules(connection, Scope(a, "AR_Ref", a.c.AR_Ref == reference))
    if not rules:
        raise NotFound(_("No article {reference} in the Sage database.").format(reference=reference))
    if customer is not None:
        category = category or _customer_category(connection, customer)
    base = rules[0]
    customer_row = _first(rules, PriceRuleKind.CUSTOMER, customer=customer)
    standing = customer_row or _first(rules, PriceRuleKind.CATEGORY, category=category) or base
    quantity_break = _covering_break(rules, quantity, customer=customer)
    if quantity_break is None and customer_row is None:
        quantity_break = _covering_break(rules, quantity, category=category)
    gross = standing.price if standing.price is not None else base.price or Decimal(0)
    discount = standing.discount_percent
    if quantity_break is not None and quantity_break.price is not None:
        gross, discount = quantity_break.price, None
    elif quantity_break is not None:
        discount = _cascade(discount, quantity_break.discount_percent)
    unit = gross * (HUNDRED - (discount or 0)) / HUNDRED
    return Price(
        reference=reference,
        quantity=quantity,
        unit_price=decimal(unit.quantize(STORED_PRECISION, rounding=ROUND_HALF_UP)) or Decimal(0),
        gross_price=gross,
        discount_percent=discount,
        tax_included=standing.tax_included,
        rule=quantity_break or standing,
    )


def _cascade(first: Decimal | None, second: Decimal | None) -> Decimal | None:
    """Two percentage discounts applied one after the other, as one percentage."""
    if not first or not second:
        return first or second
    return decimal(HUNDRED - (HUNDRED - first) * (HUNDRED - second) / HUNDRED)


def _customer_category(connection: sa.Connection, customer: str) -> str | None:
    c = s.F_COMPTET
    row = connection.execute(sa.select(c.c.N_CatTarif).where(c.c.CT_Num == customer)).first()
    if row is None:
        raise NotFound(_("No customer account {account} in the Sage database.").format(account=customer))
    return slot(row.N_CatTarif)


def _first(rules: list[PriceRule], kind: PriceRuleKind, *, category=None, customer=None) -> PriceRule | None:
    if category is None and customer is None:
        return None
    return next(
        (r for r in rules if r.kind is kind and r.category == category and r.customer == customer),
        None,
    )


def _covering_break(rules: list[PriceRule], quantity: Decimal, *, category=None, customer=None) -> PriceRule | None:
    if category is None and customer is None:
        return None
    return next(
        (
            r
            for r in rules
            if r.kind is PriceRuleKind.QUANTITY_BREAK
            and r.category == category
            and r.customer == customer
            and (r.price is not None or r.discount_percent)
            and (r.above_quantity or 0) < quantity <= (r.up_to_quantity if r.up_to_quantity is not None else quantity)
        ),
        None,
    )
