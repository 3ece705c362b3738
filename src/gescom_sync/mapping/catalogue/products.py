"""Back-office products -> a catalogue draft (SPEC §3.1): selection, then one ProductDraft
per shop product (simple, grouped by master reference, range, packagings, pack), with
the categories, attributes and brands they need."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from gescom_sync.mapping.catalogue.categories import CategoryTree, additional_categories, category_path
from gescom_sync.mapping.catalogue.drafts import (
    AttributeDraft,
    BrandDraft,
    CatalogueDraft,
    MappingWarning,
    ProductDraft,
    Supplier,
    VariantDraft,
)
from gescom_sync.mapping.catalogue.features import product_features
from gescom_sync.mapping.catalogue.fields import decimal_value, split_list, text_value
from gescom_sync.mapping.catalogue.media import MediaLibrary
from gescom_sync.mapping.catalogue.packagings import packaging_variants
from gescom_sync.mapping.catalogue.taxes import ecotax, price_excluding_tax, tax_class, with_ecotax
from gescom_sync.mapping.catalogue.texts import product_texts
from gescom_sync.mapping.catalogue.units import product_dimensions, product_weight
from gescom_sync.mapping.catalogue.variants import Group, group_by_master
from gescom_sync.model import BomKind, Family, Product, Tax
from gescom_sync.model.shop import ProductKind
from gescom_sync.profiles.catalogue import CategorySource, ExportProductsSettings


@dataclass(frozen=True, slots=True)
class ReferenceData:
    """What the mapping needs besides the products, read once from the back office."""

    families: Sequence[Family] = ()
    taxes: Sequence[Tax] = ()
    article_references: Collection[str] = ()  # every article, to check master references


def select_products(products: Sequence[Product], settings: ExportProductsSettings) -> list[Product]:
    """Active articles, and only the published ones when asked (SQL filter and date are the reader's)."""
    return [p for p in products if p.active and (p.published or not settings.published_only)]


def build_catalogue(
    products: Sequence[Product],
    settings: ExportProductsSettings,
    reference: ReferenceData = ReferenceData(),
    *,
    images_since: datetime | None = None,
) -> CatalogueDraft:
    """The draft of everything the export writes. ``images_since``: "new images only"."""
    return _CatalogueMapper(settings, reference, images_since).build(select_products(products, settings))


class _CatalogueMapper:
    def __init__(self, settings: ExportProductsSettings, reference: ReferenceData, images_since: datetime | None) -> None:
        self.settings = settings
        self.families = {f.code: f for f in reference.families}
        self.taxes = {t.code: t for t in reference.taxes}
        self.article_references = set(reference.article_references)
        self.images = MediaLibrary(settings.images, settings.images.extensions, "images")
        self.documents = MediaLibrary(settings.documents, settings.documents.extensions, "documents")
        self.images_since = images_since
        self.tree = CategoryTree(settings.categories.source)
        self.attributes: dict[str, list[str]] = {}
        self.brands: dict[str, BrandDraft] = {}
        self.warnings: list[MappingWarning] = []
        self.product_key_of: dict[str, str] = {}  # article reference -> key of its shop product

    def build(self, products: list[Product]) -> CatalogueDraft:
        groups, singles = group_by_master(
            products, self.settings.grouping, self.warnings, self.article_references
        )
        drafts = [self._grouped(group) for group in groups] + [self._single(p) for p in singles]
        drafts = [self._link_products(d) for d in drafts]
        attributes = [AttributeDraft(key=name, name=name, values=tuple(values)) for name, values in self.attributes.items()]
        return CatalogueDraft(self.tree.drafts(), attributes, list(self.brands.values()), drafts, self.warnings)

    # --- one shop product -----------------------------------------------------------

    def _single(self, product: Product) -> ProductDraft:
        self.product_key_of[product.reference] = product.reference
        draft = self._common(product, product.reference)
        if product.variants:
            return self._with_axes(draft, *self._range_variants(product, draft.weight))
        if self.settings.packagings.enabled and product.packagings:
            axis, variants = packaging_variants(
                product, self.settings.packagings, self._other_price(product), draft.weight
            )
            return self._with_axes(draft, (axis,), variants)
        if product.bom_kind is BomKind.COMMERCIAL and self.settings.packs and product.components:
            return dataclasses.replace(
                draft, kind=ProductKind.PACK, pack_components=tuple(c.reference for c in product.components)
            )
        return dataclasses.replace(draft, stock_reference=product.reference)

    def _grouped(self, group: Group) -> ProductDraft:
        settings = self.settings.grouping
        first = group.name_article(settings)
        draft = self._common(first, group.master)
        name = text_value(first, settings.name_field, "grouping.name_field") or first.designation
        variants = []
        for article in group.articles:
            self.product_key_of[article.reference] = group.master
            images = self.images.files_for(
                article, self.warnings, record_photo=self.settings.images.from_record, since=self.images_since
            )
            variants.append(VariantDraft(
                key=article.reference,
                options=group.options[article.reference],
                sku=article.reference,
                stock_reference=article.reference,
                price=self._other_price(article),
                barcode=text_value(article, self.settings.barcode_field, "barcode_field"),
                weight=product_weight(article, self.settings.weight),
                dimensions=product_dimensions(article, self.settings.dimensions),
                images=images[:1],
            ))
        own_images = self.images.files_named(group.master, since=self.images_since)
        gallery = {f.sha256: f for f in (*own_images, *(i for v in variants for i in v.images))}
        documents = {f.sha256: f for f in (*self.documents.files_named(group.master), *draft.documents)}
        axes = tuple(AttributeDraft(key=axis, name=axis, values=values) for axis, values in zip(group.axes, group.values))
        draft = dataclasses.replace(
            draft, sku=group.master, texts=dataclasses.replace(draft.texts, name=name), barcode=None,
            images=tuple(gallery.values()), documents=tuple(documents.values()), price=None,
        )
        return self._with_axes(draft, axes, tuple(variants))

    def _range_variants(
        self, product: Product, weight: Decimal | None
    ) -> tuple[tuple[AttributeDraft, ...], tuple[VariantDraft, ...]]:
        live = [v for v in product.variants if not v.dormant]
        names = tuple(dict.fromkeys(name for v in live for name, _ in v.attributes))
        axes = tuple(
            AttributeDraft(key=n, name=n, values=tuple(dict.fromkeys(val for v in live for a, val in v.attributes if a == n)))
            for n in names
        )
        other_price = self._other_price(product)
        variants = tuple(
            VariantDraft(key=v.reference, options=v.attributes, sku=v.reference, stock_reference=v.reference,
                         price=other_price, barcode=v.barcode, weight=weight)
            for v in live
        )
        return axes, variants

    def _with_axes(
        self, draft: ProductDraft, axes: Sequence[AttributeDraft], variants: Sequence[VariantDraft]
    ) -> ProductDraft:
        for axis in axes:
            self._add_attribute_values(axis.name, axis.values)
        return dataclasses.replace(draft, kind=ProductKind.VARIABLE, axes=tuple(axes), variants=tuple(variants))

    # --- parts every product has ----------------------------------------------------

    def _common(self, product: Product, key: str) -> ProductDraft:
        settings = self.settings
        texts, translations = product_texts(product, settings.texts, self.warnings, key=key)
        price = price_excluding_tax(product, settings.taxes, self.taxes, self.warnings)
        features = product_features(product, settings.features)
        for feature in features:
            if feature.predefined:
                self._add_attribute_values(feature.feature, feature.values)
        category_keys, parents = self._categories(product)
        active = product.active and (product.published or not settings.activation.inactive_when_unpublished)
        return ProductDraft(
            key=key,
            sku=product.reference,
            kind=ProductKind.SIMPLE,
            texts=texts,
            translations=translations,
            tax_class=tax_class(product, settings.taxes),
            price=with_ecotax(price, ecotax(product, settings.taxes, self.taxes), settings.taxes.ecotax_on_default_price),
            weight=product_weight(product, settings.weight),
            dimensions=product_dimensions(product, settings.dimensions),
            barcode=text_value(product, settings.barcode_field, "barcode_field"),
            warranty_months=_months(decimal_value(product, settings.warranty_field, "warranty_field")),
            minimum_quantity=decimal_value(product, settings.minimum_quantity_field, "minimum_quantity_field"),
            brand_key=self._brand(product),
            supplier=self._supplier(product),
            category_keys=category_keys,
            parent_category_keys=parents,
            additional_categories=additional_categories(product, settings.categories),
            additional_by=settings.categories.additional_by,
            images=self.images.files_for(product, self.warnings, record_photo=settings.images.from_record,
                                         since=self.images_since),
            delete_images_first=settings.images.delete_before_send,
            documents=self.documents.files_for(product, self.warnings),
            delete_documents_first=settings.documents.delete_before_send,
            features=features,
            cross_sells=self._cross_sells(product),
            active_when_created=settings.activation.new_products_active and active,
            active=active,
        )

    def _other_price(self, product: Product) -> Decimal | None:
        """Price of a variant: the article's price tax excluded, plus the eco-tax when
        "to all other prices" is on (its warnings were given with the default price)."""
        taxes = self.settings.taxes
        price = price_excluding_tax(product, taxes, self.taxes, [])
        return with_ecotax(price, ecotax(product, taxes, self.taxes), taxes.ecotax_on_other_prices)

    def _categories(self, product: Product) -> tuple[tuple[str, ...] | None, tuple[str, ...]]:
        if self.settings.categories.source is CategorySource.NONE:
            return None, ()
        keys = self.tree.add(category_path(product, self.settings.categories, self.families))
        parents = keys[:-1] if self.settings.categories.link_parent_categories else ()
        return keys[-1:], parents

    def _brand(self, product: Product) -> str | None:
        name = text_value(product, self.settings.brand_field, "brand_field")
        if name is None:
            return None
        self.brands.setdefault(name, BrandDraft(key=name, name=name))
        return name

    def _supplier(self, product: Product) -> Supplier | None:
        if not self.settings.send_supplier or not product.supplier_references:
            return None
        main = next((s for s in product.supplier_references if s.main), product.supplier_references[0])
        return Supplier(main.supplier, main.reference)

    def _cross_sells(self, product: Product) -> tuple[str, ...]:
        references = list(split_list(text_value(product, self.settings.cross_sell_field, "cross_sell_field")))
        if self.settings.cross_sell_from_linked_articles and product.bom_kind is BomKind.LINKED:
            references += [c.reference for c in product.components]
        return tuple(dict.fromkeys(r for r in references if r != product.reference))

    def _add_attribute_values(self, name: str, values: Sequence[str]) -> None:
        known = self.attributes.setdefault(name, [])
        known.extend(v for v in values if v not in known)

    def _link_products(self, draft: ProductDraft) -> ProductDraft:
        """Pack components and cross-sells name articles: use their shop products' keys."""
        def keys(references: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(self.product_key_of.get(r, r) for r in references))

        return dataclasses.replace(draft, pack_components=keys(draft.pack_components), cross_sells=keys(draft.cross_sells))


def _months(value: Decimal | None) -> int | None:
    return None if value is None else int(value)
