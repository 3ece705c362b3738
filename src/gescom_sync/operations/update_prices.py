"""Update prices (SPEC §3.3): default prices, sales and specific prices -> the shop.

Read the articles, their price rules and conditions, the taxes, the price categories and
(for customer prices) the customers -> ``mapping.prices.map_prices`` -> one push draft
per bound product or variant (its price and sale hashed) -> ``Shop.write_prices`` in the
shop's batches; then the specific prices (groups, customers, quantity breaks) through
``Shop.write_specific_prices`` when the shop has them. A shop without them (WooCommerce
without a pricing extension) gets one journal line saying how many are not sent and why,
once per run. An article whose VAT rate is unknown is skipped with the mapping's reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from gescom_sync.i18n import N_
from gescom_sync.journal import Action, Message
from gescom_sync.mapping.catalogue.parts import Part
from gescom_sync.mapping.prices import PriceDraft, PriceInputs, PricePlan, SpecificPriceDraft, map_prices, resolve, resolve_specific
from gescom_sync.mapping.targets import Target
from gescom_sync.operations.push import Draft, push
from gescom_sync.operations.run import OperationRun
from gescom_sync.operations.update_stock import (
    Bound,
    BoundIds,
    catalogue_targets,
    changed_since,
    combined_filter,
    entity_of,
    push_bound,
    skip_not_exported,
)
from gescom_sync.shops.capabilities import Capability

# The part of a binding holding the hash of the price last sent (regular and sale); the
# product export stores the same hash under the same name for the price it sends.
PRICE = Part.PRICE.value  # "prices.default"
SPECIFIC_PRICE = "specific_price"  # entity of a specific price (key: SpecificPriceDraft.key)


def update_prices(run: OperationRun, *, today: date | None = None) -> None:
    run.shop.capabilities.require(Capability.PRICES)
    plan, targets = read_plan(run, today or date.today())
    entities = {target.key: entity_of(target.variant_key) for target in targets}
    ids = BoundIds(run)
    run.journal.expect(len(plan.prices) + len(plan.warnings))
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
    push_bound(run, bound, run.shop.write_prices)
    if plan.specific:
        send_specific_prices(run, plan.specific, ids)


def read_plan(run: OperationRun, today: date) -> tuple[PricePlan, list[Target]]:
    settings = run.profile.update_prices
    backoffice = run.backoffice
    sql_filter = combined_filter(run.options.sql_filter, settings.filter)
    run.journal.step(N_("Reading products"))
    products = backoffice.products(filter=sql_filter, since=changed_since(run, settings.only_changed_since_last_transfer))
    targets, _drafts = catalogue_targets(products, run.profile.export_products)
    run.journal.step(N_("Reading prices"))
    inputs = PriceInputs(
        products=tuple(products),
        rules=tuple(backoffice.prices(filter=sql_filter)),
        conditions=backoffice.price_conditions(filter=sql_filter),
        taxes=tuple(backoffice.taxes()),
        categories=tuple(backoffice.price_categories()),
        customers=tuple(backoffice.customers()) if settings.customer_prices else (),
    )
    return map_prices(targets, inputs, settings, run.profile.export_products.taxes, today=today), targets


def price_draft(price: PriceDraft, record: object) -> Draft:
    return Draft(price.key, {PRICE: price.content_hash()}, lambda _shop_id, _parts: record)


def send_specific_prices(run: OperationRun, prices: Sequence[SpecificPriceDraft], ids: BoundIds) -> None:
    """Group, customer and quantity-break prices, or the one line saying why they cannot be sent."""
    capabilities = run.shop.capabilities
    if not capabilities.supports(Capability.SPECIFIC_PRICES):
        run.journal.warning(Message(
            N_("{count} specific prices (customer groups, customers, quantity breaks) are not sent: {reason}"),
            count=len(prices), reason=capabilities.explain(Capability.SPECIFIC_PRICES),
        ))
        return
    run.journal.expect(len(prices))
    drafts = []
    for price in prices:
        record = resolve_specific(price, ids)
        if record is None:
            run.journal.item(SPECIFIC_PRICE, price.key, Action.SKIPPED,
                             Message(N_("its product, customer group or customer is not in the shop yet")))
            continue
        drafts.append(Draft(price.key, {PRICE: price.content_hash()}, lambda _id, _parts, record=record: record))
    push(run, SPECIFIC_PRICE, drafts, run.shop.write_specific_prices)
