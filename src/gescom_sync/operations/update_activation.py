"""Update activation (SPEC §3.1 "activate/deactivate products"): the articles' state -> the shop.

An article is active in the shop when it is not dormant and, with the export's
``activation.inactive_when_unpublished``, flagged "published on the web". Each shop record
the product export made gets that state:

* a simple product or pack: its article's;
* a variant: its article's (a range variant that became dormant is inactive too);
* a product with variants: its article's (range, packagings), or, for a group of
  articles under a master reference, active while one of its variants is.

All of it a chunk of about 500 articles at a time, a group never split. Only states
that differ from what was last sent are written (``push``); inactive is
"draft" for a WooCommerce product and "private" for a variation. With
``delete_inactive_variants`` a variant whose article became inactive is deleted from
the shop instead, and its binding removed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence

from gescom_sync.i18n import N_
from gescom_sync.journal import Action, Message
from gescom_sync.mapping.catalogue import ProductDraft
from gescom_sync.mapping.catalogue.drafts import Entity
from gescom_sync.model import Product
from gescom_sync.model.shop import Activation
from gescom_sync.operations.chunks import ArticleChunks
from gescom_sync.operations.push import Draft, content_hash
from gescom_sync.operations.run import OperationRun
from gescom_sync.operations.update_stock import (
    Bound,
    BoundIds,
    BoundPushes,
    catalogue_targets,
    combined_filter,
    skip_not_exported,
)
from gescom_sync.profiles.catalogue import ExportProductsSettings
from gescom_sync.shops.capabilities import Capability

ACTIVE = "activation.active"  # the part of a binding holding the hash of the state last sent


@dataclasses.dataclass(frozen=True, slots=True)
class WantedState:
    """Whether one shop record (a product, or a variant of ``product_key``) should be active."""

    product_key: str
    variant_key: str | None
    active: bool

    @property
    def key(self) -> str:
        return self.variant_key or self.product_key

    @property
    def entity(self) -> str:
        return Entity.PRODUCT.value if self.variant_key is None else Entity.VARIANT.value


def update_activation(run: OperationRun, *, delete_inactive_variants: bool = False, chunk_size: int | None = None) -> None:
    """A chunk of articles at a time (operations/chunks.py, ``chunk_size`` articles): read, map, push."""
    run.shop.capabilities.require(Capability.ACTIVATION)
    run.journal.step(N_("Reading products"))
    sql_filter = combined_filter(run.options.sql_filter)
    articles = ArticleChunks.read(run, sql_filter, chunk_size)
    pushes = BoundPushes(run, run.shop.set_active)
    articles.expect_items(run)
    for references in articles.each(run):
        products = run.backoffice.products(filter=sql_filter, since=run.since(), references=references)
        states = wanted_states(products, run.profile.export_products, articles.references)
        articles.expect_items(run, len(states))
        ids = BoundIds(run, keys=[s.key for s in states] + [s.product_key for s in states])
        bound, doomed = _bound_states(run, states, ids, delete_inactive_variants)
        run.journal.step(N_("Sending to the shop"))
        pushes.add(bound)
        if doomed:
            delete_variants(run, doomed)
    pushes.flush()


def _bound_states(
    run: OperationRun, states: Sequence[WantedState], ids: BoundIds, delete_inactive_variants: bool
) -> tuple[list[Bound], list[tuple[WantedState, str, str]]]:
    """The states to push, and the variants to delete; those not in the shop journaled as skipped."""
    bound, doomed = [], []
    for state in states:
        product_id = ids(Entity.PRODUCT, state.product_key)
        variant_id = ids(Entity.VARIANT, state.variant_key) if state.variant_key else None
        if product_id is None or (state.variant_key and variant_id is None):
            skip_not_exported(run, state.entity, state.key)
        elif delete_inactive_variants and variant_id and not state.active:
            doomed.append((state, product_id, variant_id))
        else:
            record = Activation(state.key, product_id, state.active, variant_id)
            bound.append(Bound(state.entity, Draft(state.key, {ACTIVE: content_hash(state.active)},
                                                   lambda _id, _parts, record=record: record)))
    return bound, doomed


def wanted_states(products: Sequence[Product], export: ExportProductsSettings,
                  article_references: Collection[str] | None = None) -> list[WantedState]:
    """The state of every product and variant the export makes of ``products``, dormant
    and unpublished ones included (the export's own selection leaves them out).
    ``article_references``: every article of the run, when ``products`` are a chunk."""
    articles = {p.reference: p for p in products}
    dormant_variants = {v.reference for p in products for v in p.variants if v.dormant}
    every_article = [dataclasses.replace(p, dormant=False, published=True,
                                         variants=tuple(dataclasses.replace(v, dormant=False) for v in p.variants))
                     for p in products]
    _targets, drafts = catalogue_targets(every_article, export, article_references)
    by_source = {v.reference: p for p in products for v in p.variants} | articles

    def wanted(reference: str) -> bool:
        article = by_source[reference]
        published = article.published or not export.activation.inactive_when_unpublished
        return article.active and published and reference not in dormant_variants

    states: list[WantedState] = []
    for draft in drafts:
        states += _states(draft, wanted, draft.key in articles)
    return states


def _states(draft: ProductDraft, wanted, is_article: bool) -> list[WantedState]:
    variants = [WantedState(draft.key, v.key, wanted(v.stock_reference)) for v in draft.variants]
    active = wanted(draft.key) if is_article else any(v.active for v in variants)
    return [WantedState(draft.key, None, active), *variants]


def delete_variants(run: OperationRun, doomed: Sequence[tuple[WantedState, str, str]]) -> None:
    """Delete the variants whose article became inactive, and their bindings."""
    deleted = Message(N_("deleted from the shop: its article is inactive"))
    if run.options.dry_run:
        for state, _product_id, _variant_id in doomed:
            run.journal.item(state.entity, state.key, Action.UPDATED, Message(N_("dry run, would delete it")))
        return
    results = run.shop.delete_variants([(state.key, product_id, variant_id) for state, product_id, variant_id in doomed])
    for (state, _product_id, _variant_id), result in zip(doomed, results, strict=True):
        if result.ok:
            run.store.bindings.delete(run.profile.name, state.entity, state.key)
            run.journal.item(state.entity, state.key, Action.UPDATED, deleted)
        else:
            run.journal.item(state.entity, state.key, Action.FAILED, Message(result.message or "?", literal=True))
