"""The WooCommerce connector: REST API v3 (``/wp-json/wc/v3``) through ``ShopHttpClient``.

Reads page 100 at a time following ``X-WP-TotalPages``; writes go through the ``…/batch``
endpoints (:mod:`.batch`); images and documents are uploaded once to the WordPress media
library (:mod:`.media`). See docs/shop-woocommerce.md.
"""

from __future__ import annotations

import html
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn
from urllib.parse import urlsplit

import httpx

from gescom_sync.errors import ConfigError, ConnectionFailed
from gescom_sync.http import Action, HttpError, HttpOptions, OutcomeUnknown, RequestFailed, ShopHttpClient
from gescom_sync.i18n import _
from gescom_sync.model.order import Order, OrderMessage, Refund, Return
from gescom_sync.model.shop import (
    Activation,
    DefaultVariant,
    LocalFile,
    PriceUpdate,
    ShopAccount,
    ShopAddress,
    ShopAttribute,
    ShopBrand,
    ShopCategory,
    ShopCode,
    ShopCustomer,
    ShopCustomerGroup,
    ShopProduct,
    ShopProductState,
    ShopStore,
    ShopTaxClass,
    ShopTaxRate,
    ShopVariant,
    SpecificPrice,
    StockUpdate,
    UploadedMedia,
)
from gescom_sync.shops.base import OrderQuery, WriteOutcome, WriteResult, machine_zone, named_zone
from gescom_sync.shops.capabilities import Capabilities, Capability
from gescom_sync.shops.woocommerce import orders as order_records
from gescom_sync.shops.woocommerce import payloads
from gescom_sync.shops.woocommerce.auth import AuthMode, build_auth, effective_mode
from gescom_sync.shops.woocommerce.batch import BatchItem, BatchWriter, FindExisting
from gescom_sync.shops.woocommerce.capabilities import SHOP_NAME, woocommerce_capabilities
from gescom_sync.shops.woocommerce.connection import explain_refusal, shop_message
from gescom_sync.shops.woocommerce.media import MediaCache, MediaUploader, MemoryMediaCache
from gescom_sync.shops.woocommerce.orders import amount, moment

PER_PAGE = 100
EMAIL_EXISTS = "registration-error-email-exists"
"""WooCommerce's error code for a customer created with an e-mail another customer has."""
REFERENCE_META = "_gescom_sync_reference"
DEFAULT_STORE = "default"
WOOCOMMERCE_OPTIONS = HttpOptions(max_concurrency=2)
"""Two requests in flight: what a WooCommerce shop gains from (real-shop-costs.md)."""
PRODUCT_STATE_FIELDS = ("id,sku,type,status,parent_id,manage_stock,stock_quantity,regular_price,sale_price,"
                        "date_modified_gmt,meta_data,variations")


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    """How product documents show: a block appended to the description, a meta field."""

    in_description: bool = True
    title: str | None = None  # the block's heading; None: "Documents" in the current language
    in_meta: bool = True


class WooCommerceConnector:
    """A WooCommerce shop. Thread-safe for reads and writes of one run."""

    name = SHOP_NAME

    def __init__(self, url: str, consumer_key: str, consumer_secret: str, *, auth_mode: AuthMode | str = AuthMode.AUTO,
                 wordpress_user: str | None = None, application_password: str | None = None,
                 options: HttpOptions = WOOCOMMERCE_OPTIONS, media_cache: MediaCache | None = None,
                 documents: DocumentSettings = DocumentSettings(), transport: httpx.BaseTransport | None = None,
                 sleep: Callable[[float], None] = time.sleep, time_zone: str | None = None) -> None:
        self.url = url.rstrip("/")
        self._time_zone_setting = time_zone
        self.auth_mode = effective_mode(auth_mode, self.url)
        self.documents = documents
        self._sleep = sleep
        secrets = [consumer_key, consumer_secret, application_password]
        self.client = ShopHttpClient(f"{self.url}/wp-json/wc/v3/", options,
                                     auth=build_auth(self.auth_mode, consumer_key, consumer_secret),
                                     secrets=secrets, shop_message=shop_message, transport=transport, sleep=sleep)
        # WordPress's index needs no credentials, and refuses a Basic pair that is no WordPress user (401)
        self.site_client = ShopHttpClient(f"{self.url}/wp-json/", options, secrets=secrets, shop_message=shop_message,
                                          transport=transport, sleep=sleep)
        self._site: dict[str, Any] | None = None
        self._zone: tzinfo | None = None
        self.media_client: ShopHttpClient | None = None
        if wordpress_user and application_password:
            self.media_client = ShopHttpClient(f"{self.url}/wp-json/wp/v2/", options,
                                               auth=httpx.BasicAuth(wordpress_user, application_password),
                                               secrets=secrets, shop_message=shop_message, transport=transport,
                                               sleep=sleep)
        self.media = MediaUploader(self.media_client, media_cache or MemoryMediaCache())
        self._capabilities: Capabilities | None = None

    def close(self) -> None:
        self.client.close()
        self.site_client.close()
        if self.media_client:
            self.media_client.close()

    def __enter__(self) -> WooCommerceConnector:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- capabilities and connection ----------------------------------------------------

    @property
    def capabilities(self) -> Capabilities:
        """Detected on first use: brands endpoint, pricing extensions (two GETs)."""
        if self._capabilities is None:
            self._capabilities = woocommerce_capabilities(
                can_upload=self.media_client is not None, has_brands=self._has_brands(),
                pricing_namespaces=self._namespaces())
        return self._capabilities

    def _has_brands(self) -> bool:
        try:
            self.client.get("products/brands", params={"per_page": 1, "_fields": "id"})
        except RequestFailed as error:
            if error.status == 404:
                return False
            raise
        return True

    def _namespaces(self) -> set[str]:
        """The REST namespaces the site's /wp-json/ index lists (empty when it cannot be read)."""
        return set(self._site_index().get("namespaces") or [])

    def _site_index(self) -> dict[str, Any]:
        """What the WordPress index ``GET /wp-json/`` says of the site (read once; empty when it cannot
        be read, e.g. a security plugin hiding it)."""
        if self._site is None:
            try:
                index = self.site_client.get("", params={"_fields": "namespaces,gmt_offset,timezone_string"}).json()
            except (RequestFailed, ValueError):
                index = {}
            self._site = index if isinstance(index, dict) else {}
        return self._site

    def time_zone(self) -> tzinfo:
        """``shop.timezone``, else the site's (the index's ``timezone_string``, else its fixed
        ``gmt_offset``, WordPress's "UTC+2" choice), else the machine's."""
        if self._zone is None:
            if self._time_zone_setting:
                self._zone = named_zone(self._time_zone_setting, "shop.timezone", self.url)
            else:
                self._zone = self._site_zone() or machine_zone()
        return self._zone

    def _site_zone(self) -> tzinfo | None:
        index = self._site_index()
        if index.get("timezone_string"):
            return named_zone(str(index["timezone_string"]), "WordPress timezone_string", self.url)
        try:  # "0", "5.5" (a manual offset is kept as text) or 1.0 (computed from a zone)
            hours = Decimal(str(index["gmt_offset"]))
        except (KeyError, InvalidOperation):
            return None
        return timezone(timedelta(minutes=int(hours * 60)))

    def _refuse(self, capability: Capability) -> NoReturn:
        """For what WooCommerce cannot do: raise the capability's NotSupported line."""
        self.capabilities.require(capability)
        raise AssertionError(f"{capability} is declared supported but has no implementation")

    def test_connection(self) -> str:
        """Read a product, then send an empty batch (a write that changes nothing) to check
        the key's permissions; the media endpoint too when an application password is set."""
        scheme = urlsplit(self.url).scheme
        try:
            self.client.check_connection("products?per_page=1&_fields=id")
            self.client.post("products/batch", json={}, idempotent=True)
        except RequestFailed as error:
            if error.status in (401, 403):
                raise ConnectionFailed(explain_refusal(error, url=self.url, mode=self.auth_mode, scheme=scheme)) from None
            raise
        summary = _("Connected to WooCommerce at {url} ({mode} authentication): the key can read and write.").format(
            url=self.url, mode=self.auth_mode.value)
        if self.media_client is None:
            return summary
        return summary + " " + self._test_media()

    def _test_media(self) -> str:
        """An upload without a file: WordPress checks the user first (401), then finds no file (400)."""
        assert self.media_client is not None
        try:
            self.media_client.post("media", content=b"", idempotent=True)
        except RequestFailed as error:
            if error.status in (401, 403):
                raise ConnectionFailed(_("WordPress at {url} refused the user and application password for media "
                                         "uploads: {message}").format(url=self.url, message=error.shop_message or "")) from None
            if error.status != 400:
                raise
        return _("Media uploads are allowed.")

    # -- reading -----------------------------------------------------------------------

    def _pages(self, path: str, params: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Every item of a list endpoint, 100 per request, following ``X-WP-TotalPages``."""
        for items in self._page_lists(path, params):
            yield from items

    def _page_lists(self, path: str, params: dict[str, Any] | None = None) -> Iterator[list[dict[str, Any]]]:
        page = 1
        while True:
            response = self.client.get(path, params={**(params or {}), "per_page": PER_PAGE, "page": page})
            items = response.json()
            yield items
            total_pages = int(response.headers.get("X-WP-TotalPages") or 1)
            if page >= total_pages or not items:
                return
            page += 1

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

    # -- reference data ------------------------------------------------------------------

    def languages(self) -> list[ShopCode]:
        self._refuse(Capability.LANGUAGES)

    def countries(self) -> list[ShopCode]:
        self._refuse(Capability.COUNTRIES)

    def tax_classes(self) -> list[ShopTaxClass]:
        rates: dict[str, list[ShopTaxRate]] = defaultdict(list)
        for rate in self._pages("taxes", {"orderby": "id"}):
            rates[rate.get("class") or "standard"].append(ShopTaxRate(
                id=str(rate["id"]), rate=amount(rate.get("rate")), name=rate.get("name") or "",
                country=rate.get("country") or "", state=rate.get("state") or "",
                applies_to_shipping=bool(rate.get("shipping")), compound=bool(rate.get("compound"))))
        classes = self.client.get("taxes/classes").json()
        return [ShopTaxClass(c["slug"], c["name"], tuple(rates.get(c["slug"], ()))) for c in classes]

    def carriers(self) -> list[ShopCode]:
        return [ShopCode(m["id"], m.get("title") or m["id"]) for m in self.client.get("shipping_methods").json()]

    def payment_methods(self) -> list[ShopCode]:
        return [ShopCode(g["id"], g.get("title") or g["id"], bool(g.get("enabled")))
                for g in self.client.get("payment_gateways").json()]

    def order_statuses(self) -> list[ShopCode]:
        """From the order totals report: it lists every registered status, custom ones too."""
        return [ShopCode(s["slug"], s.get("name") or s["slug"]) for s in self.client.get("reports/orders/totals").json()]

    def currencies(self) -> list[ShopCode]:
        """WooCommerce sells in one currency (multi-currency plugins are not read)."""
        code = self.client.get("settings/general/woocommerce_currency").json().get("value") or ""
        return [ShopCode(code, code)]

    def stores(self) -> list[ShopStore]:
        return [ShopStore(DEFAULT_STORE, urlsplit(self.url).hostname or self.url, self.url)]

    # -- catalogue writes ----------------------------------------------------------------

    def _writer(self, path: str, find: FindExisting | None = None) -> BatchWriter:
        return BatchWriter(self.client, path, find_existing=find, sleep=self._sleep)

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

    # -- customers -----------------------------------------------------------------------

    def write_customer_groups(self, groups: Sequence[ShopCustomerGroup]) -> list[WriteResult]:
        self._refuse(Capability.CUSTOMER_GROUPS)

    def write_customers(self, customers: Sequence[ShopCustomer]) -> list[WriteResult]:
        """A creation refused because the e-mail is registered reports that customer's id
        (``existing_shop_id``), found by e-mail: WooCommerce's error does not give it."""
        items = [BatchItem(c.key, payloads.customer(c), c.shop_id) for c in customers]
        results = self._writer("customers", self._find_customers).write(items)
        return [self._with_existing_id(item, result) for item, result in zip(items, results, strict=True)]

    def _with_existing_id(self, item: BatchItem, result: WriteResult) -> WriteResult:
        if result.code != EMAIL_EXISTS or result.existing_shop_id or item.shop_id is not None:
            return result
        found = self._find_customers([item.payload])[0]
        return replace(result, existing_shop_id=found) if found else result

    def _find_customers(self, payloads_: list[dict[str, Any]]) -> list[str | None]:
        """Ids of customers by e-mail (unique in WooCommerce); one request each."""
        def find(email: str | None) -> str | None:
            if not email:
                return None
            found = self.client.get("customers", params={"email": email, "role": "all", "_fields": "id"}).json()
            return str(found[0]["id"]) if found else None

        return [find(p.get("email")) for p in payloads_]

    def disable_customers(self, keys_and_ids: Sequence[tuple[str, str]]) -> list[WriteResult]:
        self._refuse(Capability.DISABLE_CUSTOMERS)

    def anonymise_customers(self, keys_and_ids: Sequence[tuple[str, str]], email: str) -> list[WriteResult]:
        """Names "GDPR", addresses cleared, e-mail ``local+<id>@domain`` (unique, as WooCommerce requires)."""
        local, _at, domain = email.partition("@")
        blank = ShopAddress(first_name="GDPR", last_name="GDPR")
        items = []
        for key, shop_id in keys_and_ids:
            unique = f"{local}+{shop_id}@{domain}"
            record = ShopCustomer(key, email=unique, first_name="GDPR", last_name="GDPR", shop_id=shop_id,
                                  billing=replace(blank, email=unique), shipping=blank)
            items.append(BatchItem(key, payloads.customer(record), shop_id))
        return self._writer("customers").write(items)

    def read_customers(self, modified_after: datetime | None = None) -> Iterator[ShopAccount]:
        """Customer accounts (role customer); ``has_ordered`` is WooCommerce's "paying customer" flag."""
        for data in self._pages("customers", {"orderby": "id", "order": "asc"}):
            account = _account(data)
            if modified_after is None or (account.modified_at or account.created_at or modified_after) > modified_after:
                yield account

    # -- orders --------------------------------------------------------------------------

    def read_orders(self, query: OrderQuery) -> Iterator[Order]:
        unknown = set(query.stores) - {DEFAULT_STORE}
        if unknown:
            raise ConfigError(_("WooCommerce has one store, {default}; there is no store {stores}.").format(
                default=DEFAULT_STORE, stores=", ".join(sorted(unknown))))
        for page in self._page_lists("orders", _order_params(query)):
            yield from (order_records.order(data, self._notes(str(data["id"])) if query.with_messages else None)
                        for data in page)

    def with_customer_vat_numbers(self, orders: Sequence[Order]) -> list[Order]:
        """The orders, those without a VAT number given their registered customer's (VAT plugins keep
        it in the customer's meta): one request per 100 customers."""
        wanting = sorted({o.customer_id for o in orders if o.customer_id and not o.meta.get(order_records.VAT_NUMBER)},
                         key=int)
        found: dict[str, str | None] = {}
        for start in range(0, len(wanting), PER_PAGE):
            params = {"include": ",".join(wanting[start:start + PER_PAGE]), "role": "all", "per_page": PER_PAGE,
                      "_fields": "id,meta_data"}
            found |= {str(c["id"]): order_records.vat_number(_account(c).meta)
                      for c in self.client.get("customers", params=params).json()}
        return [replace(o, meta=order_records.with_vat_number(o.meta, found.get(o.customer_id or "")))
                if o.customer_id in found else o for o in orders]

    def read_order(self, order_id: str, *, with_messages: bool = False) -> Order:
        data = self.client.get(f"orders/{order_id}").json()
        return order_records.order(data, self._notes(order_id) if with_messages else None)

    def _notes(self, order_id: str) -> list[dict[str, Any]]:
        return self.client.get(f"orders/{order_id}/notes").json()

    def read_order_messages(self, order_ids: Sequence[str]) -> dict[str, tuple[OrderMessage, ...]]:
        """One notes request per order (WooCommerce lists notes per order only), in parallel."""
        read = self.client.map(self._notes, order_ids)
        failed = next((r.error for r in read if r.error is not None), None)
        if failed is not None:
            raise failed
        return {r.item: order_records.notes(r.value) for r in read}

    def set_order_status(self, order_id: str, status: str) -> WriteResult:
        return self._update_order(order_id, {"status": status})

    def set_order_statuses(self, changes: Sequence[tuple[str, str]]) -> list[WriteResult]:
        """Through ``orders/batch``, 100 orders per call."""
        return self._writer("orders").write([BatchItem(order_id, {"status": status}, order_id)
                                             for order_id, status in changes])

    def set_order_reference(self, order_id: str, reference: str) -> WriteResult:
        return self._update_order(order_id, {"meta_data": [{"key": REFERENCE_META, "value": reference}]})

    def _update_order(self, order_id: str, body: dict[str, Any]) -> WriteResult:
        try:
            self.client.put(f"orders/{order_id}", json=body, idempotent=True)
        except HttpError as error:
            return _failed_request(order_id, error)
        return WriteResult(order_id, WriteOutcome.UPDATED, order_id)

    def add_order_note(self, order_id: str, text: str, *, customer_visible: bool) -> WriteResult:
        """A note, once: when the answer is lost, the order's notes are read before saying it failed."""
        try:
            note = self.client.post(f"orders/{order_id}/notes", json={"note": text, "customer_note": customer_visible}).json()
        except OutcomeUnknown as error:
            found = next((n for n in self._notes(order_id) if n.get("note") == text), None)
            if found is None:
                return _failed_request(order_id, error)
            note = found
        except HttpError as error:
            return _failed_request(order_id, error)
        return WriteResult(order_id, WriteOutcome.CREATED, str(note["id"]))

    def set_tracking_number(self, order_id: str, carrier: str, number: str) -> WriteResult:
        self._refuse(Capability.TRACKING_NUMBER)

    def attach_order_document(self, order_id: str, document: LocalFile, *, customer_visible: bool) -> WriteResult:
        """Upload the file to the media library and link it in an order note."""
        self.capabilities.require(Capability.ORDER_DOCUMENT)
        uploaded = self.media.upload(document)
        text = f'{document.title or uploaded.file_name}: <a href="{uploaded.url}">{uploaded.file_name}</a>'
        return self.add_order_note(order_id, text, customer_visible=customer_visible)

    def read_refunds(self, query: OrderQuery) -> Iterator[Refund]:
        """Refunds created in the query's period (a refund modifies its order, so orders are
        read by modification date), of orders in the query's statuses."""
        since = query.modified_after or query.created_from
        orders_query = OrderQuery(modified_after=since, statuses=query.statuses, order_ids=query.order_ids)
        params = _order_params(orders_query) | {"_fields": "id,refunds"}
        for data in self._pages("orders", params):
            if not data.get("refunds"):
                continue
            for refund in self.client.get(f"orders/{data['id']}/refunds").json():
                record = order_records.refund(refund, str(data["id"]))
                if _within(record.created_at, query.created_from, query.created_to):
                    yield record

    def read_returns(self, query: OrderQuery) -> Iterator[Return]:
        self._refuse(Capability.RETURNS)


def _order_params(query: OrderQuery) -> dict[str, Any]:
    params: dict[str, Any] = {"orderby": "id", "order": "asc", "status": ",".join(query.statuses) or "any"}
    if query.created_from:
        params["after"] = payloads.wc_datetime(query.created_from)
    if query.created_to:
        params["before"] = payloads.wc_datetime(query.created_to)
    if query.modified_after:
        params["modified_after"] = payloads.wc_datetime(query.modified_after)
    if query.order_ids:
        params["include"] = ",".join(query.order_ids)
    if len(params) > 3:
        params["dates_are_gmt"] = "true"
    return params


def _within(when: datetime, start: datetime | None, end: datetime | None) -> bool:
    return (start is None or when >= start) and (end is None or when <= end)


def _failed_request(key: str, error: HttpError) -> WriteResult:
    if error.action is Action.FAIL_RUN:
        raise error
    return WriteResult(key, WriteOutcome.FAILED, message=error.shop_message or error.message)


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


def _address(data: dict[str, Any] | None) -> ShopAddress:
    a = order_records.address(data)
    return ShopAddress(a.first_name, a.last_name, a.company, a.line1, a.line2, a.postcode, a.city, a.state, a.country,
                       a.phone, a.email)


def _account(data: dict[str, Any]) -> ShopAccount:
    meta = {str(m.get("key")): str(m.get("value")) for m in data.get("meta_data") or [] if m.get("key")}
    return ShopAccount(
        id=str(data["id"]), email=data.get("email") or "", first_name=data.get("first_name") or "",
        last_name=data.get("last_name") or "", created_at=moment(data.get("date_created_gmt")),
        modified_at=moment(data.get("date_modified_gmt")), billing=_address(data.get("billing")),
        shipping=_address(data.get("shipping")), has_ordered=bool(data.get("is_paying_customer")), meta=meta,
    )
