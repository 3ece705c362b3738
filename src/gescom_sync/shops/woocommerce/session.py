"""What every side of the WooCommerce connector shares: the REST clients (shop, WordPress index,
media library), the capabilities and time zone the site declares, the connection test, paging,
the batch writer, and the shop's reference data."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta, timezone, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn, Self
from urllib.parse import urlsplit

import httpx

from gescom_sync.errors import ConnectionFailed
from gescom_sync.http import HttpOptions, RequestFailed, ShopHttpClient
from gescom_sync.i18n import _
from gescom_sync.model.shop import ShopCode, ShopStore, ShopTaxClass, ShopTaxRate
from gescom_sync.shops.base import TimeZoneUnknown, named_zone
from gescom_sync.shops.capabilities import Capabilities, Capability
from gescom_sync.shops.woocommerce.auth import AuthMode, build_auth, effective_mode
from gescom_sync.shops.woocommerce.batch import BatchWriter, FindExisting
from gescom_sync.shops.woocommerce.capabilities import woocommerce_capabilities
from gescom_sync.shops.woocommerce.connection import explain_refusal, shop_message
from gescom_sync.shops.woocommerce.media import MediaCache, MediaUploader, MemoryMediaCache
from gescom_sync.shops.woocommerce.orders import amount

PER_PAGE = 100
DEFAULT_STORE = "default"
WOOCOMMERCE_OPTIONS = HttpOptions(max_concurrency=2)
"""Two requests in flight: what a WooCommerce shop gains from (real-shop-costs.md)."""


@dataclass(frozen=True, slots=True)
class DocumentSettings:
    """How product documents show: a block appended to the description, a meta field."""

    in_description: bool = True
    title: str | None = None  # the block's heading; None: "Documents" in the current language
    in_meta: bool = True


class Session:
    """The connector's clients, settings and shared helpers. Thread-safe for reads and writes of one run."""

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
        self._site_unread: str | None = None  # why the index could not be read
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

    def __enter__(self) -> Self:
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
            except RequestFailed as error:
                index, self._site_unread = {}, f"{error.status} {error.shop_message or ''}".strip()
            except ValueError:
                index, self._site_unread = {}, _("not JSON")
            self._site = index if isinstance(index, dict) else {}
        return self._site

    def time_zone(self) -> tzinfo:
        """``shop.timezone``, else the site's (the index's ``timezone_string``, else its fixed
        ``gmt_offset``, WordPress's "UTC+2" choice); :class:`TimeZoneUnknown` when the index
        cannot be read or says neither (a security plugin may hide it)."""
        if self._zone is None:
            if self._time_zone_setting:
                self._zone = named_zone(self._time_zone_setting, "shop.timezone", self.url)
            else:
                self._zone = self._site_zone()
        return self._zone

    def _site_zone(self) -> tzinfo:
        index = self._site_index()
        if index.get("timezone_string"):
            return named_zone(str(index["timezone_string"]), "WordPress timezone_string", self.url)
        try:  # "0", "5.5" (a manual offset is kept as text) or 1.0 (computed from a zone)
            hours = Decimal(str(index["gmt_offset"]))
        except (KeyError, InvalidOperation):
            if self._site_unread:
                raise TimeZoneUnknown(_("WordPress's index {url}/wp-json/ cannot be read: {error}").format(
                    url=self.url, error=self._site_unread)) from None
            raise TimeZoneUnknown(_("WordPress's index {url}/wp-json/ gives no time zone").format(url=self.url)) from None
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
            url=self.url, mode=self.auth_mode.value) + " " + self._zone_summary()
        if self.media_client is None:
            return summary
        return summary + " " + self._test_media()

    def _zone_summary(self) -> str:
        """The shop's time zone as the import will take it, or why it is not known."""
        try:
            return _("Time zone: {zone}.").format(zone=self.time_zone())
        except TimeZoneUnknown as unknown:
            return _("Time zone not known ({reason}): set shop.timezone.").format(reason=unknown.reason)

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

    # -- paging and batch writes ---------------------------------------------------------

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

    def _writer(self, path: str, find: FindExisting | None = None) -> BatchWriter:
        return BatchWriter(self.client, path, find_existing=find, sleep=self._sleep)

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
