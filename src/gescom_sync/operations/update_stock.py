"""Update stock (SPEC §3.2): the back office's quantities -> the shop's products and variants.

Read the articles, their stock with the profile's formula and warehouses (and the open
order lines when a next delivery date is sent) -> ``mapping.stock.map_stock`` -> one
:class:`~gescom_sync.operations.push.Draft` per bound product or variant, its parts
hashed -> ``push`` writes only the parts that differ from what was last sent, in the
shop's batches, and binds their hashes. An article the product export has not put in
the shop yet is skipped with that reason. All of it a chunk of about 500 articles at a
time (operations/chunks.py), a group of articles never split: memory does not grow
with the catalogue.

With ``against_shop`` the quantities are compared with what the shop has now (its
products and variants are read) instead of what was last sent: a quantity the shop
changed by itself (a sale, a manual edit) is sent again, an equal one is not; the
quantity's hash is stored either way, for the next plain update.

A variant ``update activation`` turned off stays off: its record is sent with ``active``
False (on PrestaShop, whose combinations have no flag: quantity 0, orders denied) and
its quantity hashed apart, so that it is sent again once the variant is turned on.

The shop records are the product export's: its drafts (``mapping.catalogue``) give the
keys (``mapping.targets``); :func:`catalogue_targets` and :class:`BoundIds` are shared
with the price and activation updates.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
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
from gescom_sync.operations.chunks import ArticleChunks
from gescom_sync.operations.push import Draft, Pusher, content_hash, push
from gescom_sync.operations.run import WATERMARK_OVERLAP, OperationRun
from gescom_sync.profiles.catalogue import DocumentSettings, ExportProductsSettings, ImageSettings
from gescom_sync.profiles.stock import DeliveryDateMethod, StockSettings
from gescom_sync.shops.capabilities import Capability
from gescom_sync.state.records import Binding

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
ACTIVATION = "activation.active"  # update_activation.ACTIVE (it imports this module)
INACTIVE = content_hash(False)


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


def catalogue_targets(
    products: Sequence[Product], export: ExportProductsSettings, article_references: Collection[str] | None = None
) -> tuple[list[Target], list[ProductDraft]]:
    """The shop records the product export made of ``products``, as update targets, and
    its product drafts. Images and documents are left out: no file is read.
    ``article_references``: every article of the run, when ``products`` are a chunk."""
    without_files = export.model_copy(update={
        "images": ImageSettings(from_record=False, from_attachments=False, folder=None),
        "documents": DocumentSettings(from_attachments=False, folder=None),
    })
    every = article_references if article_references is not None else {p.reference for p in products}
    reference = ReferenceData(article_references=every)
    drafts = build_catalogue(products, without_files, reference).products
    return targets_from_catalogue(drafts), drafts


class BoundIds:
    """Shop ids from the bindings, read once per entity: ``id_of(entity, key)``. With
    ``keys`` (a chunk's), the bindings of those keys only, in bulk (``IN`` lists)."""

    def __init__(self, run: OperationRun, keys: Collection[str] | None = None) -> None:
        self._run = run
        self._keys = keys
        self._bindings: dict[str, dict[str, Binding]] = {}

    def __call__(self, entity: str, key: str) -> str | None:
        binding = self.binding(entity, key)
        return binding.shop_id if binding else None

    def binding(self, entity: str, key: str) -> Binding | None:
        if entity not in self._bindings:
            bindings, profile = self._run.store.bindings, self._run.profile.name
            if self._keys is None:
                found = bindings.list(profile, entity)
            else:
                found = bindings.get_many(profile, entity, self._keys).values()
            self._bindings[entity] = {b.erp_key: b for b in found}
        return self._bindings[entity].get(key)


def entity_of(variant_key: str | None) -> str:
    return Entity.PRODUCT.value if variant_key is None else Entity.VARIANT.value


@dataclass(frozen=True)
class Bound:
    """A record to update in the shop: its entity, its draft, and the shop record to send."""

    entity: str
    draft: Draft[Any]


# Records per shop batch (WooCommerce's limit): chunks hold back their changed simple
# products until a whole batch of them is due (PrestaShop writes one record per request).
WRITE_BATCH = 100


class BoundPushes:
    """Pushes entity by entity (products, then variants), so that each binding is found
    under its own entity, across an operation's chunks: a product record waits for a
    whole batch (:data:`WRITE_BATCH`), a variant is written with its chunk (the shop
    batches variants by product, and a chunk holds a product's variants whole)."""

    def __init__(self, run: OperationRun, write: Callable[[Sequence[Any]], list]) -> None:
        self.run, self.write = run, write
        self.pushers: dict[str, Pusher[Any]] = {}

    def add(self, bound: Iterable[Bound]) -> None:
        by_entity: dict[str, list[Draft[Any]]] = {}
        for item in bound:
            by_entity.setdefault(item.entity, []).append(item.draft)
        for entity, drafts in by_entity.items():
            if entity not in self.pushers:
                batch = WRITE_BATCH if entity == Entity.PRODUCT.value else 1
                self.pushers[entity] = Pusher(self.run, entity, self.write, batch=batch)
            self.pushers[entity].add(drafts)

    def flush(self) -> None:
        for pusher in self.pushers.values():
            pusher.flush()


def skip_not_exported(run: OperationRun, entity: str, key: str) -> None:
    run.journal.item(entity, key, Action.SKIPPED, Message(NOT_EXPORTED))


# --------------------------------------------------------------------- the operation


def update_stock(run: OperationRun, *, against_shop: bool = False, today: date | None = None) -> None:
    """A chunk of articles at a time (operations/chunks.py): read, map, push."""
    settings = run.profile.update_stock
    run.shop.capabilities.require(Capability.STOCK)
    reading = StockReading(run, settings, today or date.today())
    shop_quantities = read_shop_quantities(run) if against_shop else None
    attributes = BoundIds(run)
    pushes = BoundPushes(run, run.shop.write_stock)
    reading.articles.expect_items(run)
    for references in reading.articles.each(run):
        plan, drafts = reading.plan(references)
        ids = BoundIds(run, keys=[stock.key for stock in plan.drafts] + [d.key for d in drafts])
        reading.articles.expect_items(run, len(plan.drafts))
        pushes.add(_bound_stock(run, plan, ids, settings, shop_quantities))
        if plan.default_variants:
            move_default_variants(run, plan, drafts, ids, attributes)
    pushes.flush()


def _bound_stock(run: OperationRun, plan: StockPlan, ids: BoundIds, settings: StockSettings,
                 shop_quantities: dict[ShopPlace, Decimal | None] | None) -> list[Bound]:
    """The chunk's bound stock drafts (``shop_quantities``: ``--against-shop``); the others
    journaled as not exported."""
    bound = []
    for stock in plan.drafts:
        entity = entity_of(stock.variant_key)
        record = resolve(stock, ids)
        if record is None:
            skip_not_exported(run, entity, stock.key)
            continue
        if stock.variant_key is not None and _turned_off(ids.binding(entity, stock.key)):
            stock = replace(stock, asleep=True)
        forced = _differs_from_shop(stock, record, shop_quantities)
        draft = stock_draft(stock, record, settings, against_shop=shop_quantities is not None, forced=forced)
        bound.append(Bound(entity, draft))
    run.journal.step(N_("Sending to the shop"))
    return bound


def _turned_off(binding: Binding | None) -> bool:
    """Whether ``update activation`` last sent "inactive" for this record."""
    return binding is not None and binding.part_hashes.get(ACTIVATION) == INACTIVE


class StockReading:
    """Reads the back office and maps, one chunk of articles at a time.

    Changed since a date (``--since``, ``--changed-only``, the setting): the articles
    whose stock moved or whose record changed since then. Every article of a chunk is
    read all the same, so that a group of articles (master reference) keeps its shape;
    only the changed ones are mapped.
    """

    def __init__(self, run: OperationRun, settings: StockSettings, today: date) -> None:
        self.run, self.settings, self.today = run, settings, today
        self.sql_filter = combined_filter(run.options.sql_filter, settings.filter)
        self.since = changed_since(run, settings.only_changed_since_last_transfer)
        run.journal.step(N_("Reading products"))
        self.articles = ArticleChunks.read(run, self.sql_filter)

    def plan(self, references: Collection[str]) -> tuple[StockPlan, list[ProductDraft]]:
        """The stock drafts of the articles ``references``, and the export's product drafts."""
        backoffice, settings, since = self.run.backoffice, self.settings, self.since
        products = backoffice.products(filter=self.sql_filter, references=references)
        export = self.run.profile.export_products
        targets, drafts = catalogue_targets(products, export, self.articles.references)
        self.run.journal.step(N_("Reading stock"))
        warehouses = settings.warehouses or None
        levels = backoffice.stock(settings.formula, warehouses, filter=self.sql_filter, since=since, references=references)
        if since is not None:
            moved = {level.reference for level in levels}
            # a stock-managed article is mapped only with its stock read: never sent as 0 for lack of it
            products = [p for p in products if p.reference in moved or (not p.stock_managed and record_changed(p, since))]
        open_lines = ()
        if settings.next_delivery_date is not DeliveryDateMethod.NONE:
            open_lines = backoffice.open_order_lines(warehouses, filter=self.sql_filter, references=references)
        plan = map_stock(targets, products, levels, settings, open_lines=open_lines, today=self.today, export=export)
        return plan, drafts


def quantity_payload(stock: StockDraft) -> tuple[Decimal, bool] | tuple[Decimal, bool, str]:
    """An asleep variant's is apart: its quantity is sent again when it wakes up."""
    return (stock.quantity, stock.manage_stock, "asleep") if stock.asleep else (stock.quantity, stock.manage_stock)


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
    """The push draft of one bound record. ``against_shop``: the shop's own quantity
    decides (sent when ``forced``, it differs); its hash is stored all the same, so that
    the next plain update finds nothing to send."""
    payloads = stock_parts(stock, settings)
    hashes = {part: content_hash(value) for part, value in payloads.items()}
    settled = frozenset({QUANTITY}) if against_shop else frozenset()
    force = settled if forced else frozenset()

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
            active=False if stock.asleep else stock.active if STATUS in parts else None,
            in_stock=stock.in_stock if STATUS in parts else None,
        )

    return Draft(stock.key, hashes, build, force=force, settled=settled)


# ------------------------------------------------------------- against the shop


ShopPlace = tuple[str, str | None]  # (product shop id, variant shop id): a PrestaShop combination id is no product id


def read_shop_quantities(run: OperationRun) -> dict[ShopPlace, Decimal | None]:
    """The shop's quantity of every product and variation (None: not counted)."""
    run.journal.step(N_("Reading the shop's stock"))
    quantities: dict[ShopPlace, Decimal | None] = {}
    for product in run.shop.read_products():
        quantities[(product.shop_id, None)] = product.stock_quantity if product.manage_stock else None
        if product.variant_ids:
            for variant in run.shop.read_variants(product.shop_id):
                quantities[(product.shop_id, variant.shop_id)] = variant.stock_quantity if variant.manage_stock else None
    return quantities


def _differs_from_shop(stock: StockDraft, record: StockUpdate, shop: dict[ShopPlace, Decimal | None] | None) -> bool:
    if shop is None:
        return False
    place = (record.product_shop_id, record.variant_shop_id)
    wanted = stock.quantity.to_integral_value(ROUND_FLOOR) if stock.manage_stock else None
    return place not in shop or shop[place] != wanted


# ------------------------------------------------------------- default variants


def move_default_variants(
    run: OperationRun, plan: StockPlan, drafts: Sequence[ProductDraft], ids: BoundIds, attribute_ids: BoundIds
) -> None:
    """Make the first variant in stock the default of each product with one out of stock."""
    options = {v.key: v.options for d in drafts for v in d.variants}
    bound = []
    for move in plan.default_variants:
        product_id = ids(Entity.PRODUCT, move.product_key)
        if product_id is None:
            continue  # already said: its variants were skipped as not exported
        record = DefaultVariant(
            key=move.product_key, product_shop_id=product_id, options=options.get(move.variant_key, ()),
            attribute_ids={name: attribute_ids(Entity.ATTRIBUTE, name) for name, _value in options.get(move.variant_key, ())
                           if attribute_ids(Entity.ATTRIBUTE, name)},
        )
        bound.append(Draft(move.product_key, {DEFAULT_VARIANT: content_hash(move.variant_key)},
                           lambda _shop_id, _parts, record=record: record))
    run.journal.expect_more(len(bound))  # numbered on: a later chunk may journal this chunk's held records
    push(run, Entity.PRODUCT.value, bound, run.shop.set_default_variants)
