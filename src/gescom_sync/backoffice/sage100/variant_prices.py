"""Price conditions beyond the article's own rules (prices.py): variants, packagings,
families, scheduled prices and buying groups.

* **variant prices** ``F_TARIFGAM``: one row per article, category or customer
  (``TG_RefCF``, encoded as in ``F_TARIFQTE``: ``a01`` or an account) and range
  combination (``AG_No1``/``AG_No2``); ``TG_PrixNouv`` is the scheduled new price;
* **packaging prices** ``F_TARIFCOND``: the price of a whole packaging (``CO_No`` of
  ``F_CONDITION``) per category or customer; ``TC_PrixNouv`` scheduled;
* **family prices** ``F_FAMTARIF``: per category, a coefficient on the purchase price
  (``FT_Coef``) and a discount (``FT_Remise``), for the family's articles that have no
  row of their own for that category;
* **family discounts** ``F_FAMCLIENT``: a customer's discount (``FC_Remise``) on a family;
* **scheduled prices**: ``AR_PrixVenNouv`` from ``AR_DateApplication`` for the article,
  ``AC_PrixVenNouv``/``AC_RemiseNouv`` from ``AC_DateApplication`` for a category or a
  customer row of ``F_ARTCLIENT``; 0 means "no new price";
* **buying groups** ("centrales d'achat"): ``F_COMPTET.CT_NumCentrale`` names the
  account whose prices a member customer gets.
"""

from __future__ import annotations

import sqlalchemy as sa

from gescom_sync.backoffice.sage100 import schema as s
from gescom_sync.backoffice.sage100.articles import read_variants, variant_key
from gescom_sync.backoffice.sage100.prices import CUSTOMER_ROW, _target
from gescom_sync.backoffice.sage100.scope import Scope
from gescom_sync.backoffice.sage100.values import amount, decimal, flag, text, timestamp
from gescom_sync.model import (
    FamilyDiscount,
    FamilyPriceRule,
    PackagingPrice,
    PriceConditions,
    ScheduledPrice,
    VariantPrice,
)

CUSTOMER = 0  # F_COMPTET.CT_Type


def read_price_conditions(connection: sa.Connection, scope: Scope) -> PriceConditions:
    return PriceConditions(
        variant_prices=tuple(read_variant_prices(connection, scope)),
        packaging_prices=tuple(read_packaging_prices(connection, scope)),
        family_rules=tuple(read_family_rules(connection)),
        family_discounts=tuple(read_family_discounts(connection)),
        scheduled=tuple(read_scheduled_prices(connection, scope)),
        buying_groups=read_buying_groups(connection),
    )


def read_variant_prices(connection: sa.Connection, scope: Scope) -> list[VariantPrice]:
    tg = s.F_TARIFGAM
    names = {
        (reference, variant.key): variant.reference
        for reference, variants in read_variants(connection, scope).items()
        for variant in variants
    }
    prices = []
    rows = connection.execute(sa.select(tg).where(scope.on(tg.c.AR_Ref)).order_by(tg.c.AR_Ref, tg.c.TG_RefCF, tg.c.cbMarq))
    for row in rows:
        variant = names.get((row.AR_Ref, variant_key(row.AG_No1, row.AG_No2)))
        if variant is None:
            continue  # a price of a combination the article no longer has
        category, customer = _target(row.TG_RefCF)
        prices.append(
            VariantPrice(
                reference=row.AR_Ref,
                variant=variant,
                price=amount(row.TG_Prix),
                category=category,
                customer=customer,
                new_price=decimal(row.TG_PrixNouv) or None,
            )
        )
    return prices


def read_packaging_prices(connection: sa.Connection, scope: Scope) -> list[PackagingPrice]:
    tc, co = s.F_TARIFCOND, s.F_CONDITION
    query = (
        sa.select(tc.c.AR_Ref, tc.c.TC_RefCF, tc.c.TC_Prix, tc.c.TC_PrixNouv, co.c.EC_Enumere, co.c.EC_Quantite)
        .select_from(tc.join(co, co.c.CO_No == tc.c.CO_No))
        .where(scope.on(tc.c.AR_Ref))
        .order_by(tc.c.AR_Ref, tc.c.TC_RefCF, co.c.EC_Quantite)
    )
    prices = []
    for row in connection.execute(query):
        category, customer = _target(row.TC_RefCF)
        prices.append(
            PackagingPrice(
                reference=row.AR_Ref,
                packaging=text(row.EC_Enumere) or "",
                quantity=amount(row.EC_Quantite),
                price=amount(row.TC_Prix),
                category=category,
                customer=customer,
                new_price=decimal(row.TC_PrixNouv) or None,
            )
        )
    return prices


def read_family_rules(connection: sa.Connection) -> list[FamilyPriceRule]:
    ft = s.F_FAMTARIF
    rows = connection.execute(sa.select(ft).order_by(ft.c.FA_CodeFamille, ft.c.FT_Categorie))
    return [
        FamilyPriceRule(
            family=row.FA_CodeFamille.strip(),
            category=str(row.FT_Categorie),
            coefficient=decimal(row.FT_Coef) or None,
            discount_percent=decimal(row.FT_Remise) or None,
            tax_included=flag(row.FT_PrixTTC),
        )
        for row in rows
        if row.FT_Categorie
    ]


def read_family_discounts(connection: sa.Connection) -> list[FamilyDiscount]:
    fc = s.F_FAMCLIENT
    rows = connection.execute(sa.select(fc).order_by(fc.c.FA_CodeFamille, fc.c.CT_Num))
    return [
        FamilyDiscount(family=row.FA_CodeFamille.strip(), customer=row.CT_Num.strip(), discount_percent=amount(row.FC_Remise))
        for row in rows
        if decimal(row.FC_Remise)
    ]


def read_scheduled_prices(connection: sa.Connection, scope: Scope) -> list[ScheduledPrice]:
    a, ac = s.F_ARTICLE, s.F_ARTCLIENT
    scheduled = [
        ScheduledPrice(reference=row.AR_Ref, applies_from=timestamp(row.AR_DateApplication).date(), price=amount(row.AR_PrixVenNouv))
        for row in connection.execute(
            sa.select(a.c.AR_Ref, a.c.AR_PrixVenNouv, a.c.AR_DateApplication)
            .where(a.c.AR_DateApplication.is_not(None), a.c.AR_PrixVenNouv > 0, scope.where())
            .order_by(a.c.AR_Ref)
        )
    ]
    rows = connection.execute(
        sa.select(ac)
        .where(
            ac.c.AC_DateApplication.is_not(None),
            sa.or_(ac.c.AC_PrixVenNouv > 0, ac.c.AC_RemiseNouv > 0),
            scope.on(ac.c.AR_Ref),
        )
        .order_by(ac.c.AR_Ref, ac.c.AC_Categorie, ac.c.CT_Num)
    )
    for row in rows:
        is_customer = row.AC_Categorie == CUSTOMER_ROW
        scheduled.append(
            ScheduledPrice(
                reference=row.AR_Ref,
                applies_from=timestamp(row.AC_DateApplication).date(),
                price=decimal(row.AC_PrixVenNouv) or None,
                discount_percent=decimal(row.AC_RemiseNouv) or None,
                category=None if is_customer else str(row.AC_Categorie),
                customer=text(row.CT_Num) if is_customer else None,
            )
        )
    return scheduled


def read_buying_groups(connection: sa.Connection) -> dict[str, str]:
    """Member customer account -> its buying group's account."""
    c = s.F_COMPTET
    rows = connection.execute(
        sa.select(c.c.CT_Num, c.c.CT_NumCentrale).where(c.c.CT_Type == CUSTOMER).order_by(c.c.CT_Num)
    )
    return {
        row.CT_Num.strip(): central
        for row in rows
        if (central := text(row.CT_NumCentrale)) and central != row.CT_Num.strip()
    }
