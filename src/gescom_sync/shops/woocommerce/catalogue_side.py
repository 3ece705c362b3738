"""The catalogue side of the WooCommerce connector: products and variations read and written
through the batch endpoints (adopted by SKU when a create's answer is lost), categories level by
level, attributes and their terms, brands, images and documents, stock, prices, activation."""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import datetime
from typing import Any

from gescom_sync.i18n import _
from gescom_sync.model.shop import (
    Activation,
    DefaultVariant,
    LocalFile,
    PriceUpdate,
    ShopAttribute,
    ShopBrand,
    ShopCategory,
    ShopProduct,
    ShopProductState,
    ShopVariant,
    SpecificPrice,
    StockUpdate,
    UploadedMedia,
)
from gescom_sync.shops.base import WriteOutcome, WriteResult
from gescom_sync.shops.capabilities import Capability
from gescom_sync.shops.woocommerce import orders as order_records
from gescom_sync.shops.woocommerce import payloads
from gescom_sync.shops.woocommerce.batch import BatchItem
from gescom_sync.shops.woocommerce.orders import amount, moment
from gescom_sync.shops.woocommerce.session import PER_PAGE, Session

PRODUCT_STATE_FIELDS = ("id,sku,type,status,parent_id,manage_stock,stock_quantity,regular_price,sale_price,"
                        "date_modified_gmt,meta_data,variations")


class CatalogueSide(Session):
    """Products, variations and what hangs off them."""

    # -- reading -----------------------------------------------------------------------

    def read_products(self, modified_after: datetime | None = None) -> Iterator[ShopProductState]:
        """Products (not their variants: :meth:`read_variants`), oldest first."""
        params: dict[str, Any] = {"orderby": "id", "order": "asc", "_fields": PRODUCT_STATE_FIELDS}
        if modified_after:
            params |= {"modified_after": payloads.wc_datetime(modified_after), "dates_are_gmt": "true"}
        return (_product_state(item) for item in self._pages("products", params))

    def read_variants(self, product_shop_id: str) -> Iterator[ShopProductState]:
        params = {"orderby": "id", "order": "asc", "_fields": PRODUCT_STATE_FIELDS}
        for item in self._pages(f"products/{product_shop_id}/variations", params):
            yield _product_state(item | {"parent_id": item.get("parent_id") or product_shop_id, "type": "variation"})

    def find_product_ids(self, skus: Sequence[str]) -> list[str | None]:
        """The ids of the products holding ``skus`` (None where none does), to repair bindings."""
        return self._find_by_sku("products")([{"sku": sku} for sku in skus])

    def read_categories(self) -> list[ShopCategory]:
        """Every product category of the shop (``key`` and ``shop_id``: its id), to link
        categories the merchant made in the shop ("additional categories")."""
        return [ShopCategory(key=str(c["id"]), name=html.unescape(c.get("name") or ""), shop_id=str(c["id"]),
                             parent_shop_id=str(c["parent"]) if c.get("parent") else None)
                for c in self._pages("products/categories", {"_fields": "id,name,parent"})]

    # -- writing -----------------------------------------------------------------------

    def write_products(self, products: Sequence[ShopProduct]) -> list[WriteResult]:
        title = self.documents.title or _("Documents")
        items = [BatchItem(p.key, payloads.product(p, documents_title=title if self.documents.in_description else None,
                                                   documents_meta=self.documents.in_meta), p.shop_id)
                 for p in products]
        return self._writer("products", self._find_by_sku("products")).write(items)

    def delete_products(self, keys_and_ids: Sequence[tuple[str, str]]) -> list[WriteResult]:
        """Deleted for good (``force``), as batch deletes are."""
        items = [BatchItem(key, {}, shop_id, delete=True) for key, shop_id in keys_and_ids]
        return self._writer("products").write(items)

    def write_variants(self, variants: Sequence[ShopVariant]) -> list[WriteResult]:
        """Variants grouped by product: one ``products/{id}/variations/batch`` writer each."""
        groups: dict[str, list[tuple[int, BatchItem]]] = defaultdict(list)
        for index, v in enumerate(variants):
            groups[v.product_shop_id].append((index, BatchItem(v.key, payloads.variant(v), v.shop_id)))
        return self._write_groups(
            {f"products/{pid}/variations": entries for pid, entries in groups.items()}, len(variants), by_sku=True)

    def delete_variants(self, keys_and_ids: Sequence[tuple[str, str, str]]) -> list[WriteResult]:
        """Delete variations for good: (key, product id, variation id), one batch per product."""
        groups: dict[str, list[tuple[int, BatchItem]]] = defaultdict(list)
        for index, (key, product_id, variant_id) in enumerate(keys_and_ids):
            groups[f"products/{product_id}/variations"].append((index, BatchItem(key, {}, variant_id, delete=True)))
        return self._write_groups(groups, len(keys_and_ids))

    def _write_groups(self, groups: dict[str, list[tuple[int, BatchItem]]], count: int, *, by_sku: bool = False
                      ) -> list[WriteResult]:
        """Write each path's items; results back in the callers' order."""
        results: list[WriteResult | None] = [None] * count
        for path, entries in groups.items():
            writer = self._writer(path, self._find_by_sku(path) if by_sku else None)
            for (index, _item), result in zip(entries, writer.write([item for _i, item in entries]), strict=True):
                results[index] = result
        return [r for r in results if r is not None]

    def _find_by_sku(self, path: str) -> Callable[[list[dict[str, Any]]], list[str | None]]:
        """Ids of records by SKU, 100 SKUs per request (``sku=A,B,C``)."""
        def find(payloads_: list[dict[str, Any]]) -> list[str | None]:
            skus = [p.get("sku") for p in payloads_]
            wanted = sorted({s for s in skus if s})
            ids: dict[str, str] = {}
            for start in range(0, len(wanted), PER_PAGE):
                params = {"sku": ",".join(wanted[start:start + PER_PAGE]), "per_page": PER_PAGE, "_fields": "id,sku"}
                ids |= {item["sku"]: str(item["id"]) for item in self.client.get(path, params=params).json()}
            return [ids.get(sku) if sku else None for sku in skus]

        return find

    def write_categories(self, categories: Sequence[ShopCategory]) -> list[WriteResult]:
        """Level by level: a category whose parent is in the same call waits for its parent's id."""
        done: dict[str, WriteResult] = {}
        remaining = list(categories)
        while remaining:
            ready = [c for c in remaining if c.parent_key is None or c.parent_key in done]
            if not ready:
                for c in remaining:
                    done[c.key] = WriteResult(c.key, WriteOutcome.FAILED, message=_(
                        "its parent category {parent} is neither in this export nor bound to a shop category"
                    ).format(parent=c.parent_key))
                break
            items = []
            for c in ready:
                parent = done.get(c.parent_key) if c.parent_key else None
                if parent is not None and not parent.ok:
                    done[c.key] = WriteResult(c.key, WriteOutcome.FAILED, c.shop_id, message=_(
                        "its parent category {parent} could not be written").format(parent=c.parent_key))
                    continue
                parent_id = parent.shop_id if parent else c.parent_shop_id
                items.append(BatchItem(c.key, payloads.category(c, parent_id), c.shop_id))
            for result in self._writer("products/categories", self._find_categories).write(items):
                done[result.key] = result
            remaining = [c for c in remaining if c.key not in done]
        return [done[c.key] for c in categories]

    def _find_categories(self, payloads_: list[dict[str, Any]]) -> list[str | None]:
        """Ids of categories by exact name under the same parent."""
        def find(payload: dict[str, Any]) -> str | None:
            params = {"search": payload["name"], "parent": payload.get("parent", 0), "_fields": "id,name"}
            found = self.client.get("products/categories", params=params).json()
            return next((str(c["id"]) for c in found if c["name"] == payload["name"]), None)

        return [find(p) for p in payloads_]

    def write_attributes(self, attributes: Sequence[ShopAttribute]) -> list[WriteResult]:
        """Attributes, then the values each lacks (existing values are left as they are)."""
        existing = {a["name"].casefold(): str(a["id"]) for a in self.client.get("products/attributes").json()}
        items = [BatchItem(a.key, {"name": a.name, **({} if a.shop_id else {"type": "select", "order_by": "menu_order"})},
                           a.shop_id or existing.get(a.name.casefold())) for a in attributes]
        results: list[WriteResult] = []
        for attribute, result in zip(attributes, self._writer("products/attributes").write(items), strict=True):
            results.append(result)
            if result.ok:
                results += self._write_terms(attribute, str(result.shop_id))
            else:
                results += [WriteResult(f"{attribute.key}/{v}", WriteOutcome.FAILED, message=result.message)
                            for v in attribute.values]
        return results

    def _write_terms(self, attribute: ShopAttribute, attribute_id: str) -> list[WriteResult]:
        path = f"products/attributes/{attribute_id}/terms"
        known = {t["name"].casefold(): str(t["id"]) for t in self._pages(path, {"_fields": "id,name"})}
        missing = [v for v in attribute.values if v.casefold() not in known]
        created = iter(self._writer(path).write([BatchItem(f"{attribute.key}/{v}", {"name": v}) for v in missing]))
        return [WriteResult(f"{attribute.key}/{v}", WriteOutcome.UNCHANGED, known[v.casefold()])
                if v.casefold() in known else next(created) for v in attribute.values]

    def write_brands(self, brands: Sequence[ShopBrand]) -> list[WriteResult]:
        self.capabilities.require(Capability.BRANDS)
        items = [BatchItem(b.key, {"name": b.name, **({"description": b.description} if b.description else {})},
                           b.shop_id) for b in brands]
        return self._writer("products/brands").write(items)

    def upload_image(self, image: LocalFile) -> UploadedMedia:
        self.capabilities.require(Capability.IMAGE_UPLOAD)
        return self.media.upload(image)

    def upload_document(self, document: LocalFile) -> UploadedMedia:
        self.capabilities.require(Capability.DOCUMENTS)
        return self.media.upload(document)

    def write_stock(self, updates: Sequence[StockUpdate]) -> list[WriteResult]:
        """Quantities, and what comes with them (weight, barcode, status, next delivery date
        in a meta field): products in ``products/batch``, variants in their product's batch."""
        return self._update_products_and_variants(updates, payloads.stock)

    def set_default_variants(self, defaults: Sequence[DefaultVariant]) -> list[WriteResult]:
        """The variation each variable product shows first (``default_attributes``)."""
        items = [BatchItem(d.key, {"default_attributes": payloads.default_attributes(d.options, d.attribute_ids)},
                           d.product_shop_id) for d in defaults]
        return self._writer("products").write(items)

    def write_prices(self, updates: Sequence[PriceUpdate]) -> list[WriteResult]:
        def body(update: PriceUpdate) -> dict[str, Any]:
            fields: dict[str, Any] = {"regular_price": payloads.money(update.regular_price)}
            payloads.sale_fields(fields, update.sale, clear=True)
            return fields

        return self._update_products_and_variants(updates, body)

    def set_active(self, changes: Sequence[Activation]) -> list[WriteResult]:
        def body(change: Activation) -> dict[str, Any]:
            if change.variant_shop_id:
                return {"status": "publish" if change.active else "private"}
            return {"status": "publish" if change.active else "draft"}

        return self._update_products_and_variants(changes, body)

    def _update_products_and_variants(self, updates: Sequence[Any], body: Callable[[Any], dict[str, Any]]
                                      ) -> list[WriteResult]:
        """Updates of products go to ``products/batch``, of variants to their product's variations batch."""
        groups: dict[str, list[tuple[int, BatchItem]]] = defaultdict(list)
        for index, update in enumerate(updates):
            if update.variant_shop_id:
                path, shop_id = f"products/{update.product_shop_id}/variations", update.variant_shop_id
            else:
                path, shop_id = "products", update.product_shop_id
            groups[path].append((index, BatchItem(update.key, body(update), shop_id)))
        return self._write_groups(groups, len(updates))

    def write_specific_prices(self, prices: Sequence[SpecificPrice]) -> list[WriteResult]:
        self._refuse(Capability.SPECIFIC_PRICES)


def _product_state(data: dict[str, Any]) -> ShopProductState:
    meta = {m.get("key"): m.get("value") for m in data.get("meta_data") or []}
    key = meta.get(payloads.KEY_META)
    stock = data.get("stock_quantity")
    return ShopProductState(
        shop_id=str(data["id"]), sku=data.get("sku") or "", key=str(key) if key else None,
        parent_shop_id=str(data["parent_id"]) if data.get("parent_id") else None, kind=data.get("type") or "",
        active=data.get("status") == "publish", manage_stock=data.get("manage_stock") is True,
        stock_quantity=None if stock is None else amount(stock),
        regular_price=order_records.optional_amount(data.get("regular_price")),
        sale_price=order_records.optional_amount(data.get("sale_price")),
        modified_at=moment(data.get("date_modified_gmt")),
        variant_ids=tuple(str(v) for v in data.get("variations") or ()),
    )
