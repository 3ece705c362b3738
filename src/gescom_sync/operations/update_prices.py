"""Update prices (SPEC §3.3): default prices, sales and specific prices -> the shop.

Read the articles, their price rules and conditions, the taxes, the price categories and
(for customer prices) the customers -> ``mapping.prices.map_prices`` -> one push draft
per bound product or variant (its price and sale hashed) -> ``Shop.write_prices`` in the
shop's batches; then the specific prices (groups, customers, quantity breaks) through
``Shop.write_specific_prices`` when the shop has them. A shop without them (WooCommerce
without a pricing extension) gets one journal line saying how many are not sent and why,
once per run. An article whose VAT rate is unknown is skipped with the mapping's reason.
All of it a chunk of about 500 articles at a time (operations/chunks.py), as the stock
update does.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date

from gescom_sync.i18n import N_
from gescom_sync.journal import Action, Message
from gescom_sync.mapping.catalogue.parts import Part
from gescom_sync.mapping.prices import PriceDraft, PriceInputs, PricePlan, SpecificPriceDraft, map_prices, resolve, resolve_specific
from gescom_sync.mapping.targets import Target
from gescom_sync.operations.chunks import ArticleChunks
from gescom_sync.operations.push import Draft, push
from gescom_sync.operations.run import OperationRun
from gescom_sync.operations.update_stock import (
    Bound,
    BoundIds,
    BoundPushes,
    catalogue_targets,
    changed_since,
    combined_filter,
    entity_of,
    skip_not_exported,
)
from gescom_sync.shops.capabilities import Capability

# The part of a binding holding the hash of the price last sent (regular and sale); the
# product export stores the same hash under the same name for the price it sends.
PRICE = Part.PRICE.value  # "prices.default"
SPECIFIC_PRICE = "specific_price"  # entity of a specific price (key: SpecificPriceDraft.key)


def update_prices(run: OperationRun, *, today: date | None = None) -> None:
    """A chunk of articles at a time (operations/chunks.py): read, map, push."""
    run.shop.capabilities.require(Capability.PRICES)
    reading = PriceReading(run, today or date.today())
    specific_supported = run.shop.capabilities.supports(Capability.SPECIFIC_PRICES)
    pushes = BoundPushes(run, run.shop.write_prices)
    unsent = 0
    reading.articles.expect_items(run)
    for references in reading.articles.each(run):
        plan, targets = reading.plan(references)
        ids = BoundIds(run, keys=_bound_keys(plan, targets))
        reading.articles.expect_items(run, len(plan.prices) + len(plan.warnings))
        pushes.add(_bound_prices(run, plan, targets, ids))
        if plan.specific and specific_supported:
            push_specific_prices(run, plan.specific, ids)
        elif plan.specific:
            unsent += len(plan.specific)
    pushes.flush()
    if unsent:
        run.journal.warning(Message(
            N_("{count} specific prices (customer groups, customers, quantity breaks) are not sent: {reason}"),
            count=unsent, reason=run.shop.capabilities.explain(Capability.SPECIFIC_PRICES),
        ))


def _bound_keys(plan: PricePlan, targets: Sequence[Target]) -> set[str]:
    """The keys whose bindings the chunk looks up: its records, customer groups and customers."""
    keys = {t.key for t in targets} | {t.product_key for t in targets}
    return keys | {s.group or s.customer or "" for s in plan.specific}


def _bound_prices(run: OperationRun, plan: PricePlan, targets: Sequence[Target], ids: BoundIds) -> list[Bound]:
    """The chunk's bound price drafts; the skipped ones journaled."""
    entities = {target.key: entity_of(target.variant_key) for target in targets}
    for warning in plan.warnings:
        run.journal.item(entities.get(warning.key, "product"), warning.key, Action.SKIPPED, warning.message)
    bound = []
    for price in plan.prices:
        entity = entity_of(price.variant_key)
        record = resolve(price, ids)
        if record is None:
            skip_not_exported(run, entity, price.key)
            continue
        bound.append(Bound(entity, price_draft(price, record)))
    run.journal.step(N_("Sending to the shop"))
    return bound


class PriceReading:
    """Reads the back office and maps, one chunk of articles at a time.

    Changed since a date (``--since``, ``--changed-only``, the setting): the articles
    whose record or one of whose price rows changed since then (a new customer price
    touches F_ARTCLIENT only). Every article of a chunk is read all the same, so that a
    group of articles (master reference) keeps its shape; only the changed ones have
    price rules, so only they are mapped.
    """

    def __init__(self, run: OperationRun, today: date) -> None:
        self.run, self.today = run, today
        self.settings = settings = run.profile.update_prices
        self.sql_filter = combined_filter(run.options.sql_filter, settings.filter)
        self.since = changed_since(run, settings.only_changed_since_last_transfer)
        backoffice = run.backoffice
        run.journal.step(N_("Reading products"))
        self.articles = ArticleChunks.read(run, self.sql_filter)
        self.taxes = tuple(backoffice.taxes())
        self.categories = tuple(backoffice.price_categories())
        self.customers = tuple(backoffice.customers()) if settings.customer_prices else ()

    def plan(self, references: Collection[str]) -> tuple[PricePlan, list[Target]]:
        backoffice, sql_filter, export = self.run.backoffice, self.sql_filter, self.run.profile.export_products
        products = backoffice.products(filter=sql_filter, references=references)
        targets, _drafts = catalogue_targets(products, export, self.articles.references)
        self.run.journal.step(N_("Reading prices"))
        rules = backoffice.prices(filter=sql_filter, since=self.since, references=references)
        if self.since is not None:
            changed = {rule.reference for rule in rules}
            products = [p for p in products if p.reference in changed]
        inputs = PriceInputs(
            products=tuple(products), rules=tuple(rules),
            conditions=backoffice.price_conditions(filter=sql_filter, references=references),
            taxes=self.taxes, categories=self.categories, customers=self.customers,
        )
        return map_prices(targets, inputs, self.settings, export.taxes, today=self.today), targets


def price_draft(price: PriceDraft, record: object) -> Draft:
    return Draft(price.key, {PRICE: price.content_hash()}, lambda _shop_id, _parts: record)


def push_specific_prices(run: OperationRun, prices: Sequence[SpecificPriceDraft], ids: BoundIds) -> None:
    """Group, customer and quantity-break prices, to a shop that has them."""
    run.journal.expect_more(len(prices))  # numbered on: a later chunk may journal this chunk's held records
    drafts = []
    for price in prices:
        record = resolve_specific(price, ids)
        if record is None:
            run.journal.item(SPECIFIC_PRICE, price.key, Action.SKIPPED,
                             Message(N_("its product, customer group or customer is not in the shop yet")))
            continue
        drafts.append(Draft(price.key, {PRICE: price.content_hash()}, lambda _id, _parts, record=record: record))
    push(run, SPECIFIC_PRICE, drafts, run.shop.write_specific_prices)
