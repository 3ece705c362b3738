"""Export products (SPEC §3.1): read the back office, map, then push to the shop in
dependency order: categories, attributes, brands, images and documents, products, variants.

::

    exit_code = run_export_products("bijou", RunOptions(dry_run=True), ExportProductsOptions(new_only=True))

Every write goes through :func:`~gescom_sync.operations.push.push`: a product already in
the shop gets only its changed parts whose update switch is on; nothing changed means no
call. Packs and products cross-selling products of the same export wait for a second pass,
once those are in the shop. Whatever the shop cannot do is said once in the journal with
the connector's reason, and left out.

Variants of the operation: ``new_only`` (products without a binding), ``categories_only``
(run as operation ``export_categories``), ``new_images_only`` (run as operation
``export_product_images``, whose last transfer date is the images' one).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime

from gescom_sync.i18n import N_
from gescom_sync.journal import Action, Message, RunJournal
from gescom_sync.mapping.catalogue import (
    CatalogueDraft,
    Entity,
    ProductDraft,
    ProductResolver,
    ReferenceData,
    build_catalogue,
    pending_uploads,
)
from gescom_sync.mapping.catalogue.parts import Part, switched_on
from gescom_sync.mapping.prices import PriceInputs, map_prices
from gescom_sync.mapping.stock import map_stock
from gescom_sync.mapping.targets import targets_from_catalogue
from gescom_sync.model import Product
from gescom_sync.model.shop import ProductKind
from gescom_sync.operations.catalogue_push import (
    DRY_RUN_PRODUCT_ID,
    ShopIds,
    UpdateParts,
    WarningFeed,
    all_images,
    has_images_since,
    product_draft,
    product_hashes,
    push_attributes,
    push_brands,
    push_categories,
    upload_files,
    variant_drafts,
)
from gescom_sync.operations.chunks import CHUNK_ARTICLES, ArticleChunks
from gescom_sync.operations.push import push
from gescom_sync.operations.run import OperationRun, RunOptions, run_operation
from gescom_sync.operations.update_stock import record_changed
from gescom_sync.profiles.catalogue import CategorySource, DocumentSettings, ImageSettings
from gescom_sync.shops.woocommerce.media import MEDIA_ENTITY
from gescom_sync.shops import Capability

OPERATION = "export_products"
CATEGORIES_OPERATION = "export_categories"
IMAGES_OPERATION = "export_product_images"


@dataclass(frozen=True)
class ExportProductsOptions:
    """Which variant of the export (SPEC §3.1): at most one is on."""

    new_only: bool = False
    categories_only: bool = False
    new_images_only: bool = False

    @property
    def operation(self) -> str:
        """The operation id the run is recorded (and watermarked) under."""
        if self.categories_only:
            return CATEGORIES_OPERATION
        if self.new_images_only:
            return IMAGES_OPERATION
        return OPERATION


def run_export_products(profile: str | None, options: RunOptions, export: ExportProductsOptions) -> int:
    """Run the export for ``profile``, journaled; returns the exit code (0, 1 or 2)."""
    return run_operation(export.operation, profile, options, lambda run: export_products(run, export))


def export_products(run: OperationRun, options: ExportProductsOptions = ExportProductsOptions(),
                    chunk_size: int | None = None) -> None:
    """The body of the export run (for :func:`run_operation`). ``chunk_size``: articles
    read, mapped and pushed at a time (default :data:`~gescom_sync.operations.chunks.CHUNK_ARTICLES`)."""
    ProductExport(run, options, chunk_size).execute()


class ProductExport:
    """The export a chunk of articles at a time (operations/chunks.py), so that memory does
    not grow with the catalogue: categories, attributes and brands first, from a mapping of
    every chunk without its files; then each chunk's products, files and variants; last,
    the products linked (pack, cross-sell) to a product of a later chunk not in the shop
    yet, read again and sent once every chunk is in the shop. A run of one chunk maps once."""

    def __init__(self, run: OperationRun, options: ExportProductsOptions, chunk_size: int | None = None) -> None:
        self.run = run
        self.options = options
        self.settings = run.profile.export_products
        self.ids = ShopIds(run)
        self.explained: set[Capability] = set()
        self.chunk_size = chunk_size
        self.deferred: dict[str, frozenset[str]] = {}  # product key -> its articles, for the last pass

    @property
    def journal(self) -> RunJournal:
        return self.run.journal

    def execute(self) -> None:
        self.journal.step(N_("Reading products"))
        articles = ArticleChunks.read(self.run, self.run.options.sql_filter, self.chunk_size)
        self.articles = articles.references
        self.reference = self._reference_data()
        single = len(articles.chunks) <= 1
        first = self._map(articles.chunks[0] if articles.chunks else ()) if single else None
        if first:
            structure = first[1]
        else:  # the products' images only need no structure: their links are in place
            structure = CatalogueDraft() if self.options.new_images_only else self._structure(articles.chunks)
        if single or self.options.categories_only:
            WarningFeed(self.run, structure.warnings).flush()
        if not self.options.new_images_only:  # the products' images only: their links are in place
            self._categories(structure)
            if self.options.categories_only:
                return
            self._attributes_and_brands(structure)
        if self.options.new_only:
            self.run.keep_watermark()  # the products already in the shop were not looked at
        if first:
            self._export_chunk(*first, only=True)
        else:
            for references in articles.each(self.run):
                self._export_chunk(*self._map(references))
            self._last_pass()
        self._move_images_watermark()

    # --- reading and mapping -----------------------------------------------------------

    def _reference_data(self) -> ReferenceData:
        backoffice = self.run.backoffice
        self.journal.step(N_("Reading families and taxes"))
        if self.run.options.sql_filter:  # a master reference may be filtered out
            references = [key[0] for key in backoffice.article_keys(None, self.settings.grouping.master_field)]
        else:
            references = list(self.articles)
        return ReferenceData(backoffice.families(), backoffice.taxes(), references)

    def _read(self, references: Collection[str]) -> list[Product]:
        if not references:
            return []
        return self.run.backoffice.products(filter=self.run.options.sql_filter, references=references)

    def _map(self, references: Collection[str]) -> tuple[list[Product], CatalogueDraft]:
        products = self._read(references)
        self.journal.step(N_("Mapping {count} articles"), count=len(products))
        return products, build_catalogue(products, self.settings, self.reference)

    def _structure(self, chunks: Sequence[Sequence[str]]) -> CatalogueDraft:
        """The categories, attributes and brands of every chunk, mapped without files (its
        warnings are the chunks' own, said with each chunk)."""
        no_files = self.settings.model_copy(update={
            "images": ImageSettings(from_record=False, from_attachments=False, folder=None),
            "documents": DocumentSettings(from_attachments=False, folder=None),
        })
        merged = CatalogueDraft()
        for references in chunks:
            catalogue = build_catalogue(self._read(references), no_files, self.reference)
            merge_structure(merged, catalogue)
        return merged

    def _export_chunk(self, products: list[Product], catalogue: CatalogueDraft, *, only: bool = False) -> None:
        """One chunk's products, files and variants; those linked to a product of another
        chunk that is not in the shop yet wait for the last pass. ``only``: the run's one
        chunk (its warnings said already, with its categories)."""
        feed = WarningFeed(self.run, catalogue.warnings)
        if only:
            feed.sent = len(catalogue.warnings)
        else:
            self.ids.scope(_keys_of(products, catalogue.products))
        feed.flush()
        drafts = self._within_capabilities(self._changed_only(catalogue.products, products))
        shared = self._update_parts(products, catalogue.products)
        resolver = ProductResolver(self.ids, catalogue.warnings, seo_meta_keys=self.settings.texts.seo_meta_keys)
        elsewhere = self.articles - {p.reference for p in products}  # the other chunks' articles
        first, waiting = self._passes(drafts, elsewhere)
        later = [d for d in waiting if self._links_unbound(d, elsewhere)]
        self.deferred |= {d.key: _articles_of(d) for d in later}
        waiting = [d for d in waiting if d.key not in self.deferred]
        self._push_products(first, shared, resolver)
        if waiting:
            self.journal.step(N_("Second pass: products linked to products created in this run"))
            self._push_products(waiting, shared, resolver)
        feed.flush()

    def _last_pass(self) -> None:
        """The products linked to a product of a later chunk: read again, now that every
        chunk is in the shop, a chunk of them at a time."""
        if not self.deferred:
            return
        self.journal.step(N_("Second pass: products linked to products created in this run"))
        for references in _cut(list(self.deferred.values()), self.chunk_size or CHUNK_ARTICLES):
            products, catalogue = self._map(references)
            catalogue.products = [d for d in catalogue.products if d.key in self.deferred]
            self.ids.scope(_keys_of(products, catalogue.products))
            feed = WarningFeed(self.run, catalogue.warnings)
            feed.sent = len(catalogue.warnings)  # said with the chunk
            drafts = self._within_capabilities(catalogue.products)
            resolver = ProductResolver(self.ids, catalogue.warnings, seo_meta_keys=self.settings.texts.seo_meta_keys)
            self._push_products(drafts, self._update_parts(products, drafts), resolver)
            feed.flush()

    def _changed_only(self, drafts: list[ProductDraft], products: list[Product]) -> list[ProductDraft]:
        """With ``--since``/``--changed-only``: the shop products of which one article changed.

        Every article is mapped (a chunk holds a group whole) so that a group (master
        reference) is always sent whole: one changed trouser size must not make a product
        of one variant.
        """
        since = self.run.since()
        if since is None:
            return drafts
        changed = {p.reference for p in products if record_changed(p, since)}
        return [d for d in drafts if d.key in changed or any(v.stock_reference in changed for v in d.variants)]

    def _update_parts(self, products: list[Product], drafts: list[ProductDraft]) -> UpdateParts:
        """The quantity and price of every shop record, made as update stock and update
        prices make them (their settings), whether the article is published or not."""
        backoffice, profile, sql_filter = self.run.backoffice, self.run.profile, self.run.options.sql_filter
        targets = targets_from_catalogue(drafts)
        today = date.today()
        self.journal.step(N_("Reading stock"))
        stock_settings = profile.update_stock.model_copy(update={"ignore_published": True})
        references = [p.reference for p in products]
        levels = backoffice.stock(stock_settings.formula, stock_settings.warehouses or None, filter=sql_filter,
                                  references=references)
        stock = map_stock(targets, products, levels, stock_settings, today=today, export=self.settings).drafts
        self.journal.step(N_("Reading prices"))
        price_settings = profile.update_prices.model_copy(update={
            "ignore_published": True, "group_prices": False, "customer_prices": False, "buying_group_prices": False,
        })
        inputs = PriceInputs(products=tuple(products), rules=tuple(backoffice.prices(filter=sql_filter, references=references)),
                             conditions=backoffice.price_conditions(filter=sql_filter, references=references),
                             taxes=tuple(backoffice.taxes()), categories=tuple(backoffice.price_categories()))
        prices = map_prices(targets, inputs, price_settings, self.settings.taxes, today=today).prices
        return UpdateParts({s.key: s for s in stock}, {p.key: p for p in prices})

    # --- what the shop can do --------------------------------------------------------------

    def _supported(self, capability: Capability) -> bool:
        """Whether the shop can; when not, its "not supported by … because …" line, once."""
        capabilities = self.run.shop.capabilities
        if capabilities.supports(capability):
            return True
        if capability not in self.explained:
            self.explained.add(capability)
            self.journal.warning(Message(capabilities.explain(capability), literal=True))
        return False

    def _within_capabilities(self, drafts: list[ProductDraft]) -> list[ProductDraft]:
        """Drafts without what the shop cannot take (each left-out part said once)."""
        def fit(draft: ProductDraft) -> ProductDraft:
            changes: dict[str, object] = {}
            if draft.brand_key and not self._supported(Capability.BRANDS):
                changes["brand_key"] = None
            if all_images(draft) and not self._supported(Capability.IMAGE_UPLOAD):
                changes["images"] = ()
                changes["variants"] = tuple(dataclasses.replace(v, images=()) for v in draft.variants)
            if draft.documents and not self._supported(Capability.DOCUMENTS):
                changes["documents"] = ()
            if draft.translations and not self._supported(Capability.LANGUAGES):
                changes["translations"] = {}
            if draft.features and not self._supported(Capability.FEATURES):
                changes["features"] = ()
            if draft.kind is ProductKind.PACK and not self._supported(Capability.PACKS):
                changes.update(kind=ProductKind.SIMPLE, pack_components=(), stock_reference=draft.key)
            return dataclasses.replace(draft, **changes) if changes else draft

        fitted = [fit(d) for d in drafts]
        if any(d.variants for d in fitted) and not self._supported(Capability.VARIANTS):
            self.journal.expect(sum(1 for d in fitted if d.variants))
            for draft in (d for d in fitted if d.variants):
                self.journal.item(Entity.PRODUCT, draft.key, Action.SKIPPED, N_("the shop has no variants"))
            fitted = [d for d in fitted if not d.variants]
        return fitted

    # --- categories --------------------------------------------------------------------

    def _categories(self, catalogue: CatalogueDraft) -> None:
        if self.settings.categories.source is CategorySource.NONE:
            if self.options.categories_only:
                self.journal.warning(N_("Categories are not managed by this profile "
                                        "(export_products.categories.source = \"none\"): nothing to send"))
            return
        if catalogue.categories and self._supported(Capability.CATEGORIES):
            self.journal.step(N_("Sending categories"))
            push_categories(self.run, catalogue.categories, self.ids)

    def _attributes_and_brands(self, catalogue: CatalogueDraft) -> None:
        if catalogue.attributes and self._supported(Capability.ATTRIBUTES):
            self.journal.step(N_("Sending attributes"))
            push_attributes(self.run, catalogue.attributes, self.ids)
        if catalogue.brands and self._supported(Capability.BRANDS):
            self.journal.step(N_("Sending brands"))
            push_brands(self.run, catalogue.brands, self.ids)

    # --- products ------------------------------------------------------------------------

    def _passes(self, drafts: list[ProductDraft], elsewhere: frozenset[str] = frozenset()
                ) -> tuple[list[ProductDraft], list[ProductDraft]]:
        """Products linked (pack, cross-sell) to products of this export not yet in the shop
        wait (``elsewhere``: the articles of the run's other chunks)."""
        keys = {d.key for d in drafts} | elsewhere
        waits = {d.key: self._links_unbound(d, keys) for d in drafts}
        return [d for d in drafts if not waits[d.key]], [d for d in drafts if waits[d.key]]

    def _links_unbound(self, draft: ProductDraft, keys: Collection[str]) -> bool:
        """Whether ``draft`` links to one of ``keys`` that is not in the shop."""
        links = (*draft.pack_components, *draft.cross_sells)
        return any(k in keys and k != draft.key and self.ids(Entity.PRODUCT, k) is None for k in links)

    def _selected(self, drafts: list[ProductDraft]) -> tuple[list[ProductDraft], list[tuple[str, str]]]:
        """The drafts this variant of the export sends, and (key, reason) of those it skips."""
        bound = {d.key: self.ids(Entity.PRODUCT, d.key) is not None for d in drafts}
        if self.options.new_only:
            return ([d for d in drafts if not bound[d.key]],
                    [(d.key, N_("already in the shop (new products only)")) for d in drafts if bound[d.key]])
        if self.options.new_images_only:
            since = self._images_since()
            with_new_images = [d for d in drafts if has_images_since(d, since)]
            return ([d for d in with_new_images if bound[d.key]],
                    [(d.key, N_("not in the shop yet: export it first")) for d in with_new_images if not bound[d.key]])
        return drafts, []

    def _updatable(self) -> frozenset[str]:
        if self.options.new_images_only:
            return frozenset({str(Part.IMAGES)})
        return frozenset(str(p) for p in switched_on(self.settings.update))

    def _push_products(self, drafts: list[ProductDraft], shared: UpdateParts, resolver: ProductResolver) -> None:
        drafts, skipped = self._selected(drafts)
        updatable = self._updatable()
        hashes = {d.key: product_hashes(d, shared) for d in drafts}
        due = {d.key: self._due(d.key, hashes[d.key], updatable) for d in drafts}
        failed_media = self._upload_media(drafts, due, resolver)
        for draft in drafts:
            if failed_media.get(draft.key):
                hashes[draft.key] = {p: h for p, h in hashes[draft.key].items() if p not in failed_media[draft.key]}
        self.journal.step(N_("Sending products"))
        self.journal.expect(len(drafts) + len(skipped))
        push(self.run, Entity.PRODUCT, [product_draft(d, hashes[d.key], resolver, shared) for d in drafts],
             self.run.shop.write_products, updatable=updatable)
        self.ids.forget(Entity.PRODUCT)
        for key, reason in skipped:
            self.journal.item(Entity.PRODUCT, key, Action.SKIPPED, reason)
        self._push_variants([d for d in drafts if d.variants], shared, resolver, updatable, failed_media)

    def _due(self, key: str, hashes: dict[str, str], updatable: frozenset[str]) -> frozenset[str]:
        """The parts push will send for ``key``: all when new, else the changed updatable ones."""
        stored = self.ids.stored_parts(Entity.PRODUCT, key)
        if stored is None:
            return frozenset(hashes)
        return frozenset(p for p, h in hashes.items() if p in updatable and stored.get(p) != h)

    def _upload_media(
        self, drafts: list[ProductDraft], due: dict[str, frozenset[str]], resolver: ProductResolver
    ) -> dict[str, set[str]]:
        """Upload the images and documents of the products whose files part is sent.

        Returns, per product, the parts ("images", "documents") not to send this time
        because one of their files failed: they are sent again on the next run.
        """
        images = {f.sha256: f for d in drafts if Part.IMAGES in due[d.key] for f in pending_uploads(d, self.ids)[0]}
        documents = {f.sha256: f for d in drafts if Part.DOCUMENTS in due[d.key] for f in d.documents}
        failed: set[str] = set()
        if images:
            self.journal.step(N_("Sending images"))
            self.journal.expect(len(images))
            _uploaded, failed_images = upload_files(self.run, Entity.IMAGE, list(images.values()),
                                                    lambda f: self.run.shop.upload_image(f.local_file()))
            failed |= failed_images
        if documents:
            self.journal.step(N_("Sending documents"))
            self.journal.expect(len(documents))
            uploaded, failed_documents = upload_files(self.run, Entity.DOCUMENT, list(documents.values()),
                                                      lambda f: self.run.shop.upload_document(f.local_file()))
            resolver.documents.update(uploaded)
            failed |= failed_documents
        self.ids.forget(MEDIA_ENTITY)  # the connector bound what it uploaded
        return {d.key: _parts_with_failed_files(d, failed) for d in drafts}

    def _push_variants(
        self,
        drafts: list[ProductDraft],
        shared: UpdateParts,
        resolver: ProductResolver,
        updatable: frozenset[str],
        failed_media: dict[str, set[str]],
    ) -> None:
        variants, orphans = [], []
        for draft in drafts:
            product_id = self.ids(Entity.PRODUCT, draft.key)
            if product_id is None and not self.run.options.dry_run:
                orphans += [(variant.key, draft.key) for variant in draft.variants]
                continue
            without = frozenset(failed_media.get(draft.key, ()))
            variants += variant_drafts(draft, product_id or DRY_RUN_PRODUCT_ID, resolver, shared, without=without)
        if variants or orphans:
            self.journal.step(N_("Sending variants"))
            self.journal.expect(len(variants) + len(orphans))
        for key, product in orphans:
            self.journal.item(Entity.VARIANT, key, Action.SKIPPED,
                              Message(N_("its product {product} is not in the shop"), product=product))
        if variants:
            push(self.run, Entity.VARIANT, variants, self.run.shop.write_variants, updatable=updatable)
            self.ids.forget(Entity.VARIANT)

    # --- watermark ---------------------------------------------------------------------------

    def _images_since(self) -> datetime | None:
        if self.run.options.since is not None:
            return self.run.options.since
        watermark = self.run.store.watermarks.get(self.run.profile.name, IMAGES_OPERATION)
        return watermark if watermark is None or watermark.tzinfo else watermark.replace(tzinfo=UTC)

    def _move_images_watermark(self) -> None:
        """A full export that failed nowhere sent every image: the images are up to date too."""
        if self.options.new_images_only or self.run.options.dry_run or self.journal.items_failed:
            return
        if self.options.new_only or self.run.since() is not None:
            return
        self.run.store.watermarks.set(self.run.profile.name, IMAGES_OPERATION, self.run.started_at)


def _parts_with_failed_files(draft: ProductDraft, failed: set[str]) -> set[str]:
    parts = set()
    if any(f.sha256 in failed for f in all_images(draft)):
        parts.add(str(Part.IMAGES))
    if any(f.sha256 in failed for f in draft.documents):
        parts.add(str(Part.DOCUMENTS))
    return parts



def merge_structure(into: CatalogueDraft, catalogue: CatalogueDraft) -> None:
    """Add a chunk's categories, attributes (their values) and brands to ``into``, each once,
    in the order first met (a category's parent comes before it in its chunk)."""
    known = {c.key for c in into.categories}
    into.categories += [c for c in catalogue.categories if c.key not in known]
    brands = {b.key for b in into.brands}
    into.brands += [b for b in catalogue.brands if b.key not in brands]
    attributes = {a.key: i for i, a in enumerate(into.attributes)}
    for attribute in catalogue.attributes:
        if attribute.key not in attributes:
            attributes[attribute.key] = len(into.attributes)
            into.attributes.append(attribute)
            continue
        held = into.attributes[attributes[attribute.key]]
        values = tuple(dict.fromkeys((*held.values, *attribute.values)))
        into.attributes[attributes[attribute.key]] = dataclasses.replace(held, values=values)


def _articles_of(draft: ProductDraft) -> frozenset[str]:
    """The articles a product is made of (itself, or the articles of its variants)."""
    return frozenset({draft.key, *(v.stock_reference for v in draft.variants)} - {None})


def _keys_of(products: Sequence[Product], drafts: Sequence[ProductDraft]) -> set[str]:
    """A chunk's keys: its articles, products and variants."""
    return {p.reference for p in products} | {d.key for d in drafts} | {v.key for d in drafts for v in d.variants}


def _cut(groups: list[frozenset[str]], size: int) -> list[list[str]]:
    """Groups of articles in chunks of about ``size``, a group never split."""
    chunks: list[list[str]] = [[]]
    for group in groups:
        if len(chunks[-1]) >= size:
            chunks.append([])
        chunks[-1] += sorted(group)
    return [c for c in chunks if c]
