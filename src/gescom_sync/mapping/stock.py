"""Stock update mapping (SPEC §3.2): back-office stock -> one key-based draft per shop record.

Flow of the update-stock operation: read the stock with the profile's formula and
warehouses (``BackOffice.stock``), the products and, for a next delivery date, the open
order lines -> :func:`map_stock` -> :func:`changed` (against the hashes last sent) ->
:func:`resolve` (bindings give the shop ids) -> ``Shop.write_stock``.

Quantity rules, in this order, for each target (a simple product or a variant):

1. an article without stock management gets ``default_quantity`` (none: the shop
   stops counting it, ``manage_stock`` False);
2. else the formula's quantity of its source (article or range variant), summed over
   the chosen warehouses;
3. a counter-mark article whose quantity is zero or less gets ``counter_mark_quantity``
   when set (it is ordered from the supplier for each sale);
4. a negative quantity becomes 0 unless ``send_negative_stock``;
5. a packaging variant holding N units gets the quantity divided by N, rounded down
   (250 earrings -> 62 boxes of 4).

Next delivery date (``next_delivery_date``), from the open order lines of the chosen
warehouses. A supplier line without a date counts as expected today unless
``ignore_undated_purchase_lines``; a date already past also counts as today (the
delivery is late: it may come any day).

* ``nearest`` / ``farthest``: the nearest / farthest expected date of the open
  supplier-order lines of the source;
* ``projected_positive``: starting from the real stock, customer-order and preparation
  lines take their quantities out at their dates (today when undated), supplier lines
  bring theirs in; the date sent is the first from which the projected stock stays above
  zero. An article whose projected stock never drops to zero gets no date (it is in
  stock), nor one that never becomes positive.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from gescom_sync.mapping.catalogue.drafts import Entity
from gescom_sync.mapping.catalogue.fields import decimal_value
from gescom_sync.mapping.catalogue.packagings import units_quantity
from gescom_sync.mapping.catalogue.units import product_weight
from gescom_sync.mapping.targets import Target
from gescom_sync.model import OpenOrderLine, OrderSide, Product, StockLevel
from gescom_sync.model.shop import StockUpdate
from gescom_sync.profiles.catalogue import ExportProductsSettings
from gescom_sync.profiles.stock import DeliveryDateMethod, StockSettings

ZERO = Decimal(0)
IdOf = Callable[[str, str], str | None]


@dataclass(frozen=True, slots=True)
class StockDraft:
    """What the shop should have for one product or variant, keyed by back-office keys.

    Optional parts are None when their setting is off. ``active``: False deactivates,
    True reactivates, None leaves the shop's state. ``in_stock`` is set when the shop's
    "out of stock" status is managed. ``asleep``: a variant ``update activation`` turned off (set
    by the operation from its binding; a dormant one is no target): it stays inactive
    whatever its quantity.
    """

    product_key: str
    variant_key: str | None
    source: str
    quantity: Decimal
    manage_stock: bool = True
    next_delivery: date | None = None
    weight: Decimal | None = None
    barcode: str | None = None
    minimum_quantity: Decimal | None = None
    warranty_months: int | None = None
    active: bool | None = None
    in_stock: bool | None = None
    asleep: bool = False

    @property
    def key(self) -> str:
        return self.variant_key or self.product_key

    def content_hash(self) -> str:
        """A stable hash of everything sent: equal hashes mean nothing to write."""
        payload = {name: value for name, value in asdict(self).items() if name not in ("source",)}
        encoded = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
        return hashlib.sha256(encoded.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class DefaultVariantMove:
    """Make ``variant_key`` the default variant of ``product_key`` (the first one in stock),
    because one of its variants is out of stock."""

    product_key: str
    variant_key: str


@dataclass(slots=True)
class StockPlan:
    drafts: list[StockDraft]
    default_variants: list[DefaultVariantMove]


def map_stock(
    targets: Iterable[Target],
    products: Iterable[Product],
    levels: Iterable[StockLevel],
    settings: StockSettings,
    *,
    open_lines: Iterable[OpenOrderLine] = (),
    today: date,
    export: ExportProductsSettings | None = None,
) -> StockPlan:
    """One draft per target whose article is selected (active, and published unless
    ``ignore_published``). ``export`` names the fields of weight, barcode, minimum
    quantity and warranty (the product export's settings)."""
    export = export or ExportProductsSettings()
    articles = _articles_by_source(products)
    stock = {level.variant or level.reference: level for level in levels}
    dates = delivery_dates(stock.values(), open_lines, settings, today)
    drafts = []
    for target in targets:
        product = articles.get(target.source)
        if product is None or not _selected(product, settings):
            continue
        drafts.append(_draft(target, product, stock.get(target.source), dates.get(target.source), settings, export))
    return StockPlan(drafts, _default_variant_moves(drafts) if settings.move_default_variant_off_out_of_stock else [])


def _articles_by_source(products: Iterable[Product]) -> dict[str, Product]:
    """Each article by its reference, and by each of its range variants' references."""
    articles: dict[str, Product] = {}
    for product in products:
        articles[product.reference] = product
        for variant in product.variants:
            articles.setdefault(variant.reference, product)
    return articles


def _selected(product: Product, settings: StockSettings) -> bool:
    return product.active and (product.published or settings.ignore_published)


def _draft(
    target: Target,
    product: Product,
    level: StockLevel | None,
    next_delivery: date | None,
    settings: StockSettings,
    export: ExportProductsSettings,
) -> StockDraft:
    quantity, managed = article_quantity(product, level, settings)
    quantity = units_quantity(quantity, target.units)
    in_stock = quantity > 0
    return StockDraft(
        product_key=target.product_key,
        variant_key=target.variant_key,
        source=target.source,
        quantity=quantity,
        manage_stock=managed,
        next_delivery=next_delivery if settings.next_delivery_date is not DeliveryDateMethod.NONE else None,
        weight=_weight(product, target, export) if settings.update_weight else None,
        barcode=_barcode(product, target) if settings.update_barcode else None,
        minimum_quantity=(
            decimal_value(product, export.minimum_quantity_field, "export_products.minimum_quantity_field")
            if settings.update_minimum_quantity
            else None
        ),
        warranty_months=product.warranty_months if settings.update_warranty else None,
        active=_activation(in_stock or not managed, settings),
        in_stock=(in_stock or not managed) if settings.mark_out_of_stock else None,
    )


def article_quantity(product: Product, level: StockLevel | None, settings: StockSettings) -> tuple[Decimal, bool]:
    """(quantity, managed) of one article or range variant, before packaging division."""
    if not product.stock_managed:
        if settings.default_quantity is None:
            return ZERO, False
        return settings.default_quantity, True
    quantity = level.quantity if level is not None else ZERO
    if product.counter_mark and quantity <= 0 and settings.counter_mark_quantity is not None:
        quantity = settings.counter_mark_quantity
    if quantity < 0 and not settings.send_negative_stock:
        quantity = ZERO
    return quantity, True


def _weight(product: Product, target: Target, export: ExportProductsSettings) -> Decimal | None:
    weight = product_weight(product, export.weight)
    return None if weight is None else weight * target.units


def _barcode(product: Product, target: Target) -> str | None:
    variant = next((v for v in product.variants if v.reference == target.source), None)
    if variant is not None:
        return variant.barcode
    return product.barcode if target.units == 1 else None


def _activation(in_stock: bool, settings: StockSettings) -> bool | None:
    if not in_stock and settings.deactivate_when_out_of_stock:
        return False
    if in_stock and settings.reactivate_when_back_in_stock:
        return True
    return None


def _default_variant_moves(drafts: Sequence[StockDraft]) -> list[DefaultVariantMove]:
    by_product: dict[str, list[StockDraft]] = defaultdict(list)
    for draft in drafts:
        if draft.variant_key is not None:
            by_product[draft.product_key].append(draft)
    moves = []
    for product_key, variants in by_product.items():
        in_stock = [v for v in variants if v.quantity > 0 or not v.manage_stock]
        if in_stock and len(in_stock) < len(variants):
            moves.append(DefaultVariantMove(product_key, in_stock[0].key))
    return moves


# --------------------------------------------------------------- next delivery date


def delivery_dates(
    levels: Iterable[StockLevel], lines: Iterable[OpenOrderLine], settings: StockSettings, today: date
) -> dict[str, date]:
    """Next delivery date per source (article or range variant reference)."""
    method = settings.next_delivery_date
    if method is DeliveryDateMethod.NONE:
        return {}
    by_source: dict[str, list[tuple[date, OpenOrderLine]]] = defaultdict(list)
    for line in lines:
        when = _line_date(line, today, settings.ignore_undated_purchase_lines)
        if when is not None:
            by_source[line.variant or line.reference].append((when, line))
    if method is DeliveryDateMethod.PROJECTED_POSITIVE:
        real = {level.variant or level.reference: level.counters.real for level in levels}
        found = {source: projected_positive(real.get(source, ZERO), events) for source, events in by_source.items()}
        return {source: when for source, when in found.items() if when is not None}
    pick = min if method is DeliveryDateMethod.NEAREST else max
    return {
        source: pick(when for when, line in events if line.side is OrderSide.SUPPLIER)
        for source, events in by_source.items()
        if any(line.side is OrderSide.SUPPLIER for _, line in events)
    }


def _line_date(line: OpenOrderLine, today: date, ignore_undated: bool) -> date | None:
    """When the line moves stock: its date, today when past or (unless ignored) undated."""
    if line.expected is None:
        if line.side is OrderSide.SUPPLIER and ignore_undated:
            return None
        return today
    return max(line.expected, today)


def projected_positive(start: Decimal, events: Iterable[tuple[date, OpenOrderLine]]) -> date | None:
    """The first date from which stock, moved by the lines day by day, stays above zero;
    None when it never drops to zero or never becomes positive for good."""
    moves: dict[date, Decimal] = defaultdict(Decimal)
    for when, line in events:
        moves[when] += line.quantity if line.side is OrderSide.SUPPLIER else -line.quantity
    quantity = start
    positive_since: date | None = None
    always_positive = start > 0
    for when in sorted(moves):
        quantity += moves[when]
        if quantity <= 0:
            always_positive = False
            positive_since = None
        elif positive_since is None:
            positive_since = when
    return None if always_positive else positive_since


# ---------------------------------------------------------------------- diff, resolve


def changed(drafts: Iterable[StockDraft], last_hash: Callable[[str], str | None]) -> list[StockDraft]:
    """The drafts whose content differs from what was last sent (``last_hash(key)``)."""
    return [draft for draft in drafts if last_hash(draft.key) != draft.content_hash()]


def differing_from_shop(drafts: Iterable[StockDraft], shop_quantity: Mapping[str, Decimal | None]) -> list[StockDraft]:
    """The drafts whose quantity differs from the shop's, by key (None: the shop does not
    count that record's stock; a key the shop does not have always differs)."""
    return [
        draft
        for draft in drafts
        if draft.key not in shop_quantity
        or shop_quantity[draft.key] != (draft.quantity if draft.manage_stock else None)
    ]


def resolve(draft: StockDraft, id_of: IdOf) -> StockUpdate | None:
    """The shop record to write, or None when the product (or variant) is not in the shop."""
    product_id = id_of(Entity.PRODUCT, draft.product_key)
    if product_id is None:
        return None
    variant_id = None
    if draft.variant_key is not None:
        variant_id = id_of(Entity.VARIANT, draft.variant_key)
        if variant_id is None:
            return None
    return StockUpdate(
        key=draft.key,
        product_shop_id=product_id,
        quantity=draft.quantity,
        variant_shop_id=variant_id,
        manage_stock=draft.manage_stock,
    )
