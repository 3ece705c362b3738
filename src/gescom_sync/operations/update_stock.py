"""Update stock (SPEC §3.2): the back office's quantities -> the shop's products and variants.

Read the articles, their stock with the profile's formula and warehouses (and the open
order lines when a next delivery date is sent) -> ``mapping.stock.map_stock`` -> one
:class:`~gescom_sync.operations.push.Draft` per bound product or variant, its parts
hashed -> ``push`` writes only the parts that differ from what was last sent, in the
shop's batches, and binds their hashes. An article the product export has not put in
the shop yet is skipped with that reason.

With ``against_shop`` the quantities are compared with what the shop has now (its
products and variants are read) instead of what was last sent: a quantity the shop
changed by itself (a sale, a manual edit) is sent again, an equal one is not.

The shop records are the product export's: its drafts (``mapping.catalogue``) give the
keys (``mapping.targets``); :func:`catalogue_targets` and :class:`BoundIds` are shared
with the price and activation updates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from gescom_sync.i18n import N_
from gescom_sync.journal import Action, Message
from gescom_sync.mapping.catalogue import ProductDraft, ReferenceData, build_catalogue
from gescom_sync.mapping.catalogue.drafts import Entity
from gescom_sync.mapping.catalogue.parts import Part
from gescom_sync.mapping.stock import StockDraft, StockPlan, map_stock, resolve
from gescom_sync.mapping.targets import Target, targets_from_catalogue
from gescom_sync.model import Product
from gescom_sync.model.shop import DefaultVariant, StockUpdate
from gescom_sync.operations.push import Draft, content_hash, push
from gescom_sync.operations.run import WATERMARK_OVERLAP, OperationRun
from gescom_sync.profiles.catalogue import DocumentSettings, ExportProductsSettings, ImageSettings
from gescom_sync.profiles.stock import DeliveryDateMethod, StockSettings
from gescom_sync.shops.capabilities import Capability

NOT_EXPORTED = N_("not exported yet")

# Parts of a stock update, hashed apart in the binding (prefixed: the product export
# keeps its own parts on the same bindings). The quantity part is shared with the export,
# which stores :func:`quantity_hash` of the quantity it sends under the same name.
QUANTITY = Part.QUANTITY.value  # "stock.quantity"
NEXT_DELIVERY = "stock.next_delivery"
WEIGHT = "stock.weight"
BARCODE = "stock.barcode"
MINIMUM_QUANTITY = "stock.minimum_quantity"
WARRANTY = "stock.warranty"
STATUS = "stock.status"
DEFAULT_VARIANT = "stock.default_variant"


# ------------------------------------------------------------ shared by the updates


def combined_filter(*conditions: str | None) -> str | None:
    """The SQL conditions given (command line, settings), ANDed; None when there is none."""
    given = [c.strip() for c in conditions if c and c.strip()]
    if len(given) <= 1:
        return given[0] if given else None
    return " AND ".join(f"({c})" for c in given)


def changed_since(run: OperationRun, only_changed_setting: bool) -> datetime | None:
    """``--since``, else the last transfer date (less the overlap) when ``--changed-only``
    or the operation's "only changed since the last transfer" setting asks for it."""
    since = run.since()
    if since is not None or not only_changed_setting:
        return since
    watermark = run.store.watermarks.get(run.profile.name, run.operation)
    return watermark - WATERMARK_OVERLAP if watermark else None


def record_changed(product: Product, since: datetime) -> bool:
    """Whether the article's record changed at or after ``since`` (no date kept: it may have)."""
    moment = product.modified or product.created
    if moment is None:
        return True  # cannot tell, so it is taken (an unchanged one costs no write)
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the back office keeps local times
    if since.tzinfo is None:
        since = since.astimezone()
    return moment >= since


def catalogue_targets(products: Sequence[Product], export: ExportProductsSettings) -> tuple[list[Target], list[ProductDraft]]:
    """The shop records the product export made of ``products``, as update targets, and
    its product drafts. Images and documents are left out: no file is read."""
    without_files = export.model_copy(update={
        "images": ImageSettings(from_record=False, from_attachments=False, folder=None),
        "documents": DocumentSettings(from_attachments=False, folder=None),
    })
    reference = ReferenceData(article_references={p.reference for p in products})
    drafts = build_catalogue(products, without_files, reference).products
    return targets_from_catalogue(drafts), drafts


class BoundIds:
    """Shop ids from the bindings, read once per entity: ``id_of(entity, key)``."""

    def __init__(self, run: OperationRun) -> None:
        self._run = run
        self._ids: dict[str, dict[str, str]] = {}

    def __call__(self, entity: str, key: str) -> str | None:
        if entity not in self._ids:
            bindings = self._run.store.bindings.list(self._run.profile.name, entity)
            self._ids[entity] = {b.erp_key: b.shop_id for b in bindings}
        return self._ids[entity].get(key)


def entity_of(variant_key: str | None) -> str:
    return Entity.PRODUCT.value if variant_key is None else Entity.VARIANT.value


@dataclass(frozen=True)
class Bound:
    """A record to update in the shop: its entity, its draft, and the shop record to send."""

    entity: str
    draft: Draft[Any]


def push_bound(run: OperationRun, bound: Iterable[Bound], write: Callable[[Sequence[Any]], list]) -> None:
    """Push the drafts entity by entity (products, then variants): one push each, so that
    each binding is found under its own entity."""
    by_entity: dict[str, list[Draft[Any]]] = {}
    for item in bound:
        by_entity.setdefault(item.entity, []).append(item.draft)
    for entity, drafts in by_entity.items():
        push(run, entity, drafts, write)


def skip_not_exported(run: OperationRun, entity: str, key: str) -> None:
    run.journal.item(entity, key, Action.SKIPPED, Message(NOT_EXPORTED))


# --------------------------------------------------------------------- the operation


def update_stock(run: OperationRun, *, against_shop: bool = False, today: date | None = None) -> None:
    settings = run.profile.update_stock
    run.shop.capabilities.require(Capability.STOCK)
    plan, drafts = read_plan(run, settings, today or date.today())
    ids = BoundIds(run)
    shop_quantities = read_shop_quantities(run) if against_shop else None
    run.journal.expect(len(plan.drafts))
    bound = []
    for stock in plan.drafts:
        entity = entity_of(stock.variant_key)
        record = resolve(stock, ids)
        if record is None:
            skip_not_exported(run, entity, stock.key)
            continue
        forced = _differs_from_shop(stock, record, shop_quantities)
        bound.append(Bound(entity, stock_draft(stock, record, settings, against_shop=against_shop, forced=forced)))
    run.journal.step(N_("Sending to the shop"))
    push_bound(run, bound, run.shop.write_stock)
    if plan.default_variants:
        move_default_variants(run, plan, drafts, ids)


def read_plan(run: OperationRun, settings: StockSettings, today: date) -> tuple[StockPlan, list[ProductDraft]]:
    """Read the back office and map: the stock drafts, and the export's product drafts.

    Changed since a date (``--since``, ``--changed-only``, the setting): the articles
    whose stock moved or whose record changed since then. Every article is read all the
    same, so that a group of articles (master reference) keeps its shape; only the
    changed ones are mapped.
    """
    sql_filter = combined_filter(run.options.sql_filter, settings.filter)
    since = changed_since(run, settings.only_changed_since_last_transfer)
    run.journal.step(N_("Reading products"))
    products = run.backoffice.products(filter=sql_filter)
    targets, drafts = catalogue_targets(products, run.profile.export_products)
    run.journal.step(N_("Reading stock"))
    warehouses = settings.warehouses or None
    levels = run.backoffice.stock(settings.formula, warehouses, filter=sql_filter, since=since)
    if since is not None:
        moved = {level.reference for level in levels}
        # a stock-managed article is mapped only with its stock read: never sent as 0 for lack of it
        products = [p for p in products if p.reference in moved or (not p.stock_managed and record_changed(p, since))]
    open_lines = ()
    if settings.next_delivery_date is not DeliveryDateMethod.NONE:
        open_lines = run.backoffice.open_order_lines(warehouses, filter=sql_filter)
    plan = map_stock(targets, products, levels, settings, open_lines=open_lines, today=today,
                     export=run.profile.export_products)
    return plan, drafts


def quantity_payload(stock: StockDraft) -> tuple[Decimal, bool]:
    return (stock.quantity, stock.manage_stock)


def quantity_hash(stock: StockDraft) -> str:
    """The hash of part ``stock.quantity``, the same whichever operation sends it."""
    return content_hash(quantity_payload(stock))


def stock_parts(stock: StockDraft, settings: StockSettings) -> dict[str, Any]:
    """What each part of the update holds; a part whose setting is off is absent."""
    parts: dict[str, Any] = {QUANTITY: quantity_payload(stock)}
    if settings.next_delivery_date is not DeliveryDateMethod.NONE:
        parts[NEXT_DELIVERY] = stock.next_delivery
    optional = {WEIGHT: stock.weight, BARCODE: stock.barcode, MINIMUM_QUANTITY: stock.minimum_quantity,
                WARRANTY: stock.warranty_months}
    parts |= {part: value for part, value in optional.items() if value is not None}
    if stock.active is not None or stock.in_stock is not None:
        parts[STATUS] = (stock.active, stock.in_stock)
    return parts


def stock_draft(
    stock: StockDraft, record: StockUpdate, settings: StockSettings, *, against_shop: bool = False, forced: bool = False
) -> Draft[StockUpdate]:
    """The push draft of one bound record. ``against_shop``: the quantity's hash is left
    out (the shop's own quantity decides, ``forced`` when it differs)."""
    payloads = stock_parts(stock, settings)
    hashes = {part: content_hash(value) for part, value in payloads.items()}
    force = frozenset()
    if against_shop:
        hashes.pop(QUANTITY)
        force = frozenset({QUANTITY}) if forced else frozenset()

    def build(_shop_id: str | None, parts: frozenset[str]) -> StockUpdate:
        return StockUpdate(
            key=record.key, product_shop_id=record.product_shop_id, variant_shop_id=record.variant_shop_id,
            quantity=stock.quantity if QUANTITY in parts else None, manage_stock=stock.manage_stock,
            next_delivery=stock.next_delivery if NEXT_DELIVERY in parts else None,
            clear_next_delivery=NEXT_DELIVERY in parts and stock.next_delivery is None,
            weight=stock.weight if WEIGHT in parts else None,
            barcode=stock.barcode if BARCODE in parts else None,
            minimum_quantity=stock.minimum_quantity if MINIMUM_QUANTITY in parts else None,
            warranty_months=stock.warranty_months if WARRANTY in parts else None,
            active=stock.active if STATUS in parts else None,
            in_stock=stock.in_stock if STATUS in parts else None,
        )

    return Draft(stock.key, hashes, build, force=force)


# ------------------------------------------------------------- against the shop


def read_shop_quantities(run: OperationRun) -> dict[str, Decimal | None]:
    """The shop's quantity of every product and variation, by shop id (None: not counted)."""
    run.journal.step(N_("Reading the shop's stock"))
    quantities: dict[str, Decimal | None] = {}
    for product in run.shop.read_products():
        quantities[product.shop_id] = product.stock_quantity if product.manage_stock else None
        if product.variant_ids:
            for variant in run.shop.read_variants(product.shop_id):
                quantities[variant.shop_id] = variant.stock_quantity if variant.manage_stock else None
    return quantities


def _differs_from_shop(stock: StockDraft, record: StockUpdate, shop: dict[str, Decimal | None] | None) -> bool:
    if shop is None:
        return False
    shop_id = record.variant_shop_id or record.product_shop_id
    wanted = stock.quantity.to_integral_value(ROUND_FLOOR) if stock.manage_stock else None
    return shop_id not in shop or shop[shop_id] != wanted


# ------------------------------------------------------------- default variants


def move_default_variants(run: OperationRun, plan: StockPlan, drafts: Sequence[ProductDraft], ids: BoundIds) -> None:
    """Make the first variant in stock the default of each product with one out of stock."""
    options = {v.key: v.options for d in drafts for v in d.variants}
    bound = []
    for move in plan.default_variants:
        product_id = ids(Entity.PRODUCT, move.product_key)
        if product_id is None:
            continue  # already said: its variants were skipped as not exported
        record = DefaultVariant(
            key=move.product_key, product_shop_id=product_id, options=options.get(move.variant_key, ()),
            attribute_ids={name: ids(Entity.ATTRIBUTE, name) for name, _value in options.get(move.variant_key, ())
                           if ids(Entity.ATTRIBUTE, name)},
        )
        bound.append(Draft(move.product_key, {DEFAULT_VARIANT: content_hash(move.variant_key)},
                           lambda _shop_id, _parts, record=record: record))
    run.journal.expect(len(bound))
    push(run, Entity.PRODUCT.value, bound, run.shop.set_default_variants)
