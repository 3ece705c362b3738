"""Every price of every article, resolved in memory (no query per price).

The resolution order is the back office's (backoffice/sage100/prices.py), extended with
what the update of prices needs:

1. the customer's quantity break covering the quantity (on top of 2, else 4, else 5);
2. the customer's own row (exception price);
3. the category's quantity break (on top of 4, else 5), when the customer has no row;
4. the category's row; without one, the family's rule for the category (purchase
   price × coefficient, less its discount);
5. the article's own price.

A customer with no rule of its own for the article (no row, no break) gets its family
discount on top (a family condition yields to any article condition). Scheduled prices
whose date has come replace the price (and discount) they schedule.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from gescom_sync.model import PriceConditions, PriceRule, PriceRuleKind, Product

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Quote:
    """A price before tax conversion: ``gross`` less ``discount`` percent = ``net``."""

    gross: Decimal
    discount: Decimal | None
    tax_included: bool

    @property
    def net(self) -> Decimal:
        return self.gross * (HUNDRED - (self.discount or 0)) / HUNDRED

    def times(self, units: Decimal) -> Quote:
        return Quote(self.gross * units, self.discount, self.tax_included)


def cascade(first: Decimal | None, second: Decimal | None) -> Decimal | None:
    """Two discounts one after the other as one percentage (10 % then 5 % = 14.5 %)."""
    if not first or not second:
        return first or second
    return HUNDRED - (HUNDRED - first) * (HUNDRED - second) / HUNDRED


class PriceBook:
    def __init__(
        self, products: Iterable[Product], rules: Iterable[PriceRule], conditions: PriceConditions, today: date
    ) -> None:
        self.products = {p.reference: p for p in products}
        self.conditions = conditions
        self.base: dict[str, PriceRule] = {}
        self.rows: dict[tuple[str, str | None, str | None], PriceRule] = {}
        self.breaks: dict[tuple[str, str | None, str | None], list[PriceRule]] = defaultdict(list)
        for rule in _scheduled(rules, conditions, today):
            if rule.kind is PriceRuleKind.BASE:
                self.base[rule.reference] = rule
            elif rule.kind is PriceRuleKind.QUANTITY_BREAK:
                self.breaks[(rule.reference, rule.category, rule.customer)].append(rule)
            else:
                self.rows[(rule.reference, rule.category, rule.customer)] = rule
        self.family_rules = {(r.family, r.category): r for r in conditions.family_rules}
        self.family_discounts = {(d.family, d.customer): d.discount_percent for d in conditions.family_discounts}
        self._rule_customers: dict[str, set[str]] = defaultdict(set)
        for reference, _category, customer in (*self.rows, *self.breaks):
            if customer:
                self._rule_customers[reference].add(customer)
        self._family_customers: dict[str, set[str]] = defaultdict(set)
        for family, customer in self.family_discounts:
            self._family_customers[family].add(customer)

    def customers_with_rules(self, reference: str) -> set[str]:
        """Accounts with a rule of their own on the article: a row, breaks, a family discount."""
        product = self.products.get(reference)
        family = self._family_customers.get(product.family, set()) if product and product.family else set()
        return self._rule_customers.get(reference, set()) | family

    def has_own_rules(self, reference: str, customer: str) -> bool:
        return (reference, None, customer) in self.rows or (reference, None, customer) in self.breaks

    def family_discount(self, reference: str, customer: str) -> Decimal | None:
        product = self.products.get(reference)
        return self.family_discounts.get((product.family, customer)) if product and product.family else None

    def quote(
        self, reference: str, category: str | None = None, customer: str | None = None, quantity: Decimal = Decimal(1)
    ) -> Quote:
        base = self.base[reference]
        customer_row = self.rows.get((reference, None, customer)) if customer else None
        category_row = self._category_row(reference, category) if category else None
        standing = customer_row or category_row or base
        gross = standing.price if standing.price is not None else base.price or Decimal(0)
        discount = standing.discount_percent
        found = self._break(reference, None, customer, quantity) if customer else None
        if found is None and customer_row is None and category:
            found = self._break(reference, category, None, quantity)
        if found is not None and found.price is not None:
            gross, discount = found.price, None
        elif found is not None:
            discount = cascade(discount, found.discount_percent)
        if customer and not self.has_own_rules(reference, customer):
            discount = cascade(discount, self.family_discount(reference, customer))
        return Quote(gross, discount, standing.tax_included)

    def break_points(self, reference: str, category: str | None, customer: str | None) -> list[Decimal]:
        """1 and the first quantity of each break that applies to this category or customer."""
        owners = [(reference, None, customer)] if customer else []
        if category and not (customer and (reference, None, customer) in self.rows):
            owners.append((reference, category, None))
        points = {Decimal(1)}
        for owner in owners:
            points |= {(rule.above_quantity or 0) + 1 for rule in self.breaks.get(owner, ())}
        return sorted(points)

    def _category_row(self, reference: str, category: str) -> PriceRule | None:
        row = self.rows.get((reference, category, None))
        if row is not None:
            return row
        product = self.products.get(reference)
        family = self.family_rules.get((product.family, category)) if product and product.family else None
        if family is None or family.coefficient is None or not product.purchase_price:
            return None
        return PriceRule(
            reference, PriceRuleKind.CATEGORY, product.purchase_price * family.coefficient, family.tax_included,
            discount_percent=family.discount_percent, category=category,
        )

    def _break(self, reference: str, category: str | None, customer: str | None, quantity: Decimal) -> PriceRule | None:
        return next(
            (
                r
                for r in self.breaks.get((reference, category, customer), ())
                if (r.price is not None or r.discount_percent)
                and (r.above_quantity or 0) < quantity <= (r.up_to_quantity if r.up_to_quantity is not None else quantity)
            ),
            None,
        )


def _scheduled(rules: Iterable[PriceRule], conditions: PriceConditions, today: date) -> list[PriceRule]:
    """The rules with the scheduled prices whose date has come applied."""
    due = {(s.reference, s.category, s.customer): s for s in conditions.scheduled if s.applies_from <= today}
    result = []
    for rule in rules:
        change = due.get((rule.reference, rule.category, rule.customer))
        if change is not None and rule.kind is not PriceRuleKind.QUANTITY_BREAK:
            rule = replace(
                rule,
                price=change.price if change.price is not None else rule.price,
                discount_percent=change.discount_percent if change.discount_percent is not None else rule.discount_percent,
            )
        result.append(rule)
    return result
