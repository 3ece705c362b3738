"""Price update mapping (SPEC §3.3): back-office prices -> key-based price drafts.

Flow of the update-prices operation: read products, price rules, price conditions,
taxes, price categories and customers -> :func:`map_prices` -> :func:`changed` ->
:func:`resolve` / :func:`resolve_specific` (bindings give the shop ids) ->
``Shop.write_prices`` and ``Shop.write_specific_prices`` (a shop without group or
customer prices, such as WooCommerce without a pricing extension, says so there).

Default price of each target (simple product or variant):

* the price of ``default_category`` (its row, else the family's rule, else the
  article's own price), or the article's own price when no category is chosen;
  a range variant takes its own price for that category when it has one (Sage
  F_TARIFGAM), a packaging its packaging price (F_TARIFCOND), else the unit price ×
  the packaging's quantity; a scheduled price whose date has come replaces the price;
* a discount is sent as a sale price under the regular price (``strike_through``) or
  applied into the regular price (``applied``); a promotion read from free fields
  (price, first and last day) is sent as the sale instead;
* converted to tax included or excluded with the VAT rate of the article's tax code
  (accounting category and slot of the export's tax settings): HT × (1 + rate / 100);
* the eco-tax (a flat amount per unit, tax excluded, in the eco-tax slot) is added to
  simple products' prices with ``ecotax_on_default_price`` and to variants' and
  specific prices with ``ecotax_on_other_prices``; it takes VAT like the price;
* rounded once, at the end, to ``price_decimals`` places, half up (ROUND_HALF_UP:
  0.125 -> 0.13), as Sage rounds amounts.

Specific prices: per price category (group) when it differs from the default price
or from a quantity break on; per customer with a rule of its own on the article
(exception row, quantity breaks, family discount), its whole ladder from quantity 1;
per member of a buying group without rules of its own, the buying group's ladder.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal

from gescom_sync.i18n import N_
from gescom_sync.journal.events import Message
from gescom_sync.mapping.catalogue.drafts import Entity, MappingWarning
from gescom_sync.mapping.catalogue.fields import decimal_value, field_value
from gescom_sync.mapping.catalogue.taxes import ecotax, round_price, tax_code
from gescom_sync.mapping.price_book import PriceBook, Quote
from gescom_sync.mapping.targets import Target
from gescom_sync.model import Customer, CustomerGroup, PriceConditions, PriceRule, Product, Tax, TaxRateKind
from gescom_sync.model.shop import PriceUpdate, Sale, SpecificPrice
from gescom_sync.profiles.catalogue import TaxSettings
from gescom_sync.profiles.prices import DiscountMode, PriceSettings

HUNDRED = Decimal(100)
CUSTOMER_GROUP = "customer_group"  # id_of() entity of a price category (key: its id)
CUSTOMER = "customer"  # id_of() entity of a customer (key: its account number)
IdOf = Callable[[str, str], str | None]
Converter = Callable[..., Decimal]  # (amount, tax_included, *, other) -> the amount sent


@dataclass(frozen=True, slots=True)
class PriceDraft:
    product_key: str
    variant_key: str | None
    source: str
    regular_price: Decimal
    sale: Sale | None = None

    @property
    def key(self) -> str:
        return self.variant_key or self.product_key

    def content_hash(self) -> str:
        return _hash({k: v for k, v in asdict(self).items() if k != "source"})


@dataclass(frozen=True, slots=True)
class SpecificPriceDraft:
    """A price for a customer group (price category id) or a customer (account)."""

    product_key: str
    variant_key: str | None
    price: Decimal
    group: str | None = None
    customer: str | None = None
    from_quantity: Decimal = Decimal(1)
    starts: datetime | None = None
    ends: datetime | None = None

    @property
    def key(self) -> str:
        owner = f"group:{self.group}" if self.group else f"customer:{self.customer}"
        return f"{self.variant_key or self.product_key}|{owner}|{self.from_quantity}"

    def content_hash(self) -> str:
        return _hash(asdict(self))


@dataclass(slots=True)
class PricePlan:
    prices: list[PriceDraft] = field(default_factory=list)
    specific: list[SpecificPriceDraft] = field(default_factory=list)
    warnings: list[MappingWarning] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class PriceInputs:
    """What the back office says about prices (its connector's reads)."""

    products: tuple[Product, ...]
    rules: tuple[PriceRule, ...]
    conditions: PriceConditions
    taxes: tuple[Tax, ...]
    categories: tuple[CustomerGroup, ...] = ()
    customers: tuple[Customer, ...] = ()


def map_prices(
    targets: Iterable[Target], inputs: PriceInputs, settings: PriceSettings, taxes: TaxSettings, *, today: date
) -> PricePlan:
    mapper = _Mapper(inputs, settings, taxes, today)
    plan = PricePlan()
    for target in targets:
        product = mapper.article(target)
        if product is None or not product.active or not (product.published or settings.ignore_published):
            continue
        if product.reference not in mapper.book.base:
            continue
        mapper.map_target(target, product, plan)
    return plan


class _Mapper:
    def __init__(self, inputs: PriceInputs, settings: PriceSettings, taxes: TaxSettings, today: date) -> None:
        self.settings, self.tax_settings, self.today = settings, taxes, today
        self.book = PriceBook(inputs.products, inputs.rules, inputs.conditions, today)
        self.taxes = {tax.code: tax for tax in inputs.taxes}
        self.by_source: dict[str, Product] = {}
        for product in inputs.products:
            self.by_source[product.reference] = product
            for variant in product.variants:
                self.by_source.setdefault(variant.reference, product)
        self.variant_prices = {(p.variant, p.category, p.customer): p for p in inputs.conditions.variant_prices}
        self.packaging_prices = {
            (p.reference, p.quantity, p.category, p.customer): p for p in inputs.conditions.packaging_prices
        }
        self.groups = [c.id for c in inputs.categories if c.id != settings.default_category]
        if settings.group_categories:
            self.groups = [g for g in self.groups if g in settings.group_categories]
        self.customers = {c.account: c for c in inputs.customers if not c.dormant}
        self.buying_groups = dict(inputs.conditions.buying_groups)
        self.rescheduled = {  # articles whose scheduled price has come: variant and packaging new prices apply
            s.reference for s in inputs.conditions.scheduled
            if s.category is None and s.customer is None and s.applies_from <= today
        }

    def article(self, target: Target) -> Product | None:
        return self.by_source.get(target.source)

    # -------------------------------------------------------------------- one target

    def map_target(self, target: Target, product: Product, plan: PricePlan) -> None:
        convert = self._converter(product, target, plan)
        if convert is None:
            return
        default = self.quote(target, product, self.settings.default_category, None, Decimal(1))
        plan.prices.append(self._default_draft(target, product, default, convert))
        default_net = convert(default.net, default.tax_included, other=target.variant_key is not None)
        if self.settings.group_prices:
            for group in self.groups:
                self._ladder(plan, target, product, convert, default_net, category=group, customer=None, as_customer=None)
        if self.settings.customer_prices:
            self._customer_prices(plan, target, product, convert)

    def _customer_prices(self, plan: PricePlan, target: Target, product: Product, convert: Converter) -> None:
        """Ladders of the customers with rules of their own, then of buying groups' members."""
        with_rules = self.book.customers_with_rules(product.reference)
        for account in sorted(with_rules):
            customer = self.customers.get(account)
            if customer is not None:
                self._ladder(plan, target, product, convert, None, customer.price_category, account, account)
        if not self.settings.buying_group_prices:
            return
        for member, central in sorted(self.buying_groups.items()):
            customer = self.customers.get(member)
            if central in with_rules and member not in with_rules and customer is not None:
                self._ladder(plan, target, product, convert, None, customer.price_category, central, member)

    def _ladder(
        self,
        plan: PricePlan,
        target: Target,
        product: Product,
        convert: Converter,
        default_net: Decimal | None,
        category: str | None,
        customer: str | None,
        as_customer: str | None,
    ) -> None:
        """Specific prices of one group or customer; ``default_net`` set: the quantity-1
        price is left out when it equals the default price (a group's), else it is sent."""
        points = self.book.break_points(product.reference, category, customer) if self.settings.quantity_breaks else [Decimal(1)]
        previous = default_net
        for quantity in points:
            quote = self.quote(target, product, category, customer, quantity)
            price = convert(quote.net, quote.tax_included, other=True)
            if price != previous:
                plan.specific.append(
                    SpecificPriceDraft(
                        target.product_key, target.variant_key, price,
                        group=category if as_customer is None else None, customer=as_customer, from_quantity=quantity,
                    )
                )
            previous = price

    def quote(self, target: Target, product: Product, category: str | None, customer: str | None, quantity: Decimal) -> Quote:
        """The price of the target (variant and packaging prices first) for this owner."""
        tax_included = self.book.base[product.reference].tax_included
        own = self._own_price(target, product, None, customer) if customer else None
        if own is not None:
            return Quote(own, None, tax_included)
        own = self._own_price(target, product, category, None) if category else None
        if own is not None:
            family = None
            if customer and not self.book.has_own_rules(product.reference, customer):
                family = self.book.family_discount(product.reference, customer)
            return Quote(own, family, tax_included)
        unit = self.book.quote(product.reference, category, customer, quantity * target.units)
        return unit.times(target.units)

    def _own_price(self, target: Target, product: Product, category: str | None, customer: str | None) -> Decimal | None:
        """A variant's (F_TARIFGAM) or packaging's (F_TARIFCOND) own price for this owner."""
        if target.units != 1:
            found = self.packaging_prices.get((product.reference, target.units, category, customer))
        elif target.source != product.reference:
            found = self.variant_prices.get((target.source, category, customer))
        else:
            return None
        if found is None:
            return None
        return found.new_price if found.new_price and product.reference in self.rescheduled else found.price

    # ------------------------------------------------------------ default price, sale

    def _default_draft(self, target: Target, product: Product, default: Quote, convert: Converter) -> PriceDraft:
        other = target.variant_key is not None
        regular = convert(default.gross, default.tax_included, other=other)
        sale = None
        if default.discount:
            net = convert(default.net, default.tax_included, other=other)
            if self.settings.discount_mode is DiscountMode.APPLIED:
                regular = net
            else:
                sale = Sale(net)
        promotion = self._promotion(product, target, default.tax_included, convert, other)
        return PriceDraft(target.product_key, target.variant_key, target.source, regular, promotion or sale)

    def _promotion(
        self, product: Product, target: Target, tax_included: bool, convert: Converter, other: bool
    ) -> Sale | None:
        fields = self.settings.promotions
        price = decimal_value(product, fields.price_field, "update_prices.promotions.price_field")
        if not price:
            return None
        starts = _day(product, fields.start_field, "update_prices.promotions.start_field")
        ends = _day(product, fields.end_field, "update_prices.promotions.end_field")
        if ends is not None and ends.date() < self.today:
            return None
        return Sale(convert(price * target.units, tax_included, other=other), starts, ends)

    # -------------------------------------------------------------- tax and eco-tax

    def _converter(self, product: Product, target: Target, plan: PricePlan) -> Converter | None:
        """A function turning a back-office amount into the amount sent, or None (warned)
        when the article's VAT rate is needed and unknown."""
        code = tax_code(product, self.tax_settings, self.tax_settings.vat_slot)
        tax = self.taxes.get(code) if code else None
        rate = tax.rate if tax is not None and tax.rate_kind is TaxRateKind.PERCENT else None
        eco = ecotax(product, self.tax_settings, self.taxes) * target.units
        needs_rate = self.settings.tax_included or self.book.base[product.reference].tax_included or bool(eco)
        if rate is None and needs_rate:
            plan.warnings.append(
                MappingWarning(
                    target.key,
                    Message(N_("no VAT rate for tax code {code!r} (accounting category {category}): prices not sent"),
                            code=code or "", category=self.tax_settings.accounting_category),
                )
            )
            return None

        def convert(amount: Decimal, tax_included: bool, *, other: bool) -> Decimal:
            excluded = amount / (1 + rate / HUNDRED) if tax_included else amount
            if self.tax_settings.ecotax_on_other_prices if other else self.tax_settings.ecotax_on_default_price:
                excluded += eco
            sent = excluded * (1 + rate / HUNDRED) if self.settings.tax_included else excluded
            return round_price(sent, self.tax_settings)

        return convert


def _day(product: Product, name: str | None, setting: str) -> datetime | None:
    if name is None:
        return None
    value = field_value(product, name, setting)
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None


def _hash(payload: dict) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str, separators=(",", ":")).encode()).hexdigest()


# ---------------------------------------------------------------------- diff, resolve


def changed(drafts: Iterable, last_hash: Callable[[str], str | None]) -> list:
    """The drafts (prices or specific prices) whose content differs from what was last sent."""
    return [draft for draft in drafts if last_hash(draft.key) != draft.content_hash()]


def resolve(draft: PriceDraft, id_of: IdOf) -> PriceUpdate | None:
    """The shop record to write, or None when the product (or variant) is not in the shop."""
    ids = _product_ids(draft.product_key, draft.variant_key, id_of)
    if ids is None:
        return None
    return PriceUpdate(draft.key, ids[0], draft.regular_price, variant_shop_id=ids[1], sale=draft.sale)


def resolve_specific(draft: SpecificPriceDraft, id_of: IdOf) -> SpecificPrice | None:
    """The shop record, or None when the product, variant, group or customer is not in the shop."""
    ids = _product_ids(draft.product_key, draft.variant_key, id_of)
    owner = id_of(CUSTOMER_GROUP, draft.group) if draft.group else id_of(CUSTOMER, draft.customer or "")
    if ids is None or owner is None:
        return None
    return SpecificPrice(
        key=draft.key, product_shop_id=ids[0], price=draft.price,
        group_shop_id=owner if draft.group else None, customer_shop_id=None if draft.group else owner,
        variant_shop_id=ids[1], from_quantity=draft.from_quantity, starts=draft.starts, ends=draft.ends,
    )


def _product_ids(product_key: str, variant_key: str | None, id_of: IdOf) -> tuple[str, str | None] | None:
    product_id = id_of(Entity.PRODUCT, product_key)
    if product_id is None:
        return None
    if variant_key is None:
        return product_id, None
    variant_id = id_of(Entity.VARIANT, variant_key)
    return None if variant_id is None else (product_id, variant_id)
