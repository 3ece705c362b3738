"""What every part of the PrestaShop connector shares: the webservice, the shop's languages,
caches, and the parallel write loop with its read-back-before-resending rule."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn, Self, TypeVar
from zoneinfo import ZoneInfo

import httpx

from gescom_sync.errors import ConfigError, ConnectionFailed, GescomError
from gescom_sync.http import Action, HttpError, HttpOptions, OutcomeUnknown
from gescom_sync.i18n import _
from gescom_sync.model.shop import LocalFile
from gescom_sync.shops.base import WriteOutcome, WriteResult, named_zone
from gescom_sync.shops.capabilities import Capabilities, Capability
from gescom_sync.shops.prestashop import catalogue
from gescom_sync.shops.prestashop.capabilities import prestashop_capabilities
from gescom_sync.shops.prestashop.values import text, translations
from gescom_sync.shops.prestashop.webservice import Value, Webservice, equals
from gescom_sync.shops.woocommerce.media import MediaCache, MemoryMediaCache

PRESTASHOP_OPTIONS = HttpOptions(max_concurrency=4)
HOME_CATEGORY = "2"
NO_DATE = "0000-00-00 00:00:00"
FAR_FUTURE = "2100-01-01 00:00:00"
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class StagedImage:
    """An image handed to :meth:`upload_image` (media id from its content): sent to a product
    when a product naming it is written."""

    file: LocalFile
    media_id: str


class Session:
    """The connector's state and shared helpers (thread-safe)."""

    def __init__(self, url: str, api_key: str, *, languages: Sequence[str] = (), id_shop: int | None = None,
                 send_email_on_status: bool = False, options: HttpOptions = PRESTASHOP_OPTIONS,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep,
                 media_cache: MediaCache | None = None, time_zone: str | None = None) -> None:
        self.ws = Webservice(url, api_key, options, id_shop=id_shop, transport=transport, sleep=sleep)
        self.media_cache = media_cache or MemoryMediaCache()  # content hash -> media id, across runs
        self.url = self.ws.url
        self.id_shop = id_shop
        self.send_email_on_status = send_email_on_status
        self._time_zone_setting = time_zone  # used only when the key may not read PS_TIMEZONE
        self._language_codes = tuple(code.lower() for code in languages)
        self._languages: catalogue.Languages | None = None
        self._staged: dict[str, StagedImage] = {}
        self._cache: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._features_lock = threading.Lock()

    def close(self) -> None:
        self.ws.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def capabilities(self) -> Capabilities:
        return prestashop_capabilities()

    def _refuse(self, capability: Capability) -> NoReturn:
        self.capabilities.require(capability)
        raise AssertionError(f"{capability} is declared supported but has no implementation")

    # -- shared helpers --------------------------------------------------------------------

    def _cached(self, name: str, load: Callable[[], T]) -> T:
        with self._lock:
            if name in self._cache:
                return self._cache[name]
        value = load()
        with self._lock:
            self._cache.setdefault(name, value)
            return self._cache[name]

    def forget(self, *names: str) -> None:
        with self._lock:
            for name in names:
                self._cache.pop(name, None)

    @property
    def languages_map(self) -> catalogue.Languages:
        if self._languages is None:
            rows = list(self.ws.records("languages", display=["id", "iso_code"]))
            ids = {text(r.get("iso_code")).lower(): str(r["id"]) for r in rows}
            unknown = [c for c in self._language_codes if c not in ids]
            if unknown:
                raise ConfigError(_("The shop {url} has no language {codes} (shop.languages); it has: {known}.").format(
                    url=self.url, codes=", ".join(unknown), known=", ".join(sorted(ids))))
            targets = frozenset(ids[c] for c in self._language_codes) if self._language_codes else frozenset(ids.values())
            self._languages = catalogue.Languages(ids, targets)
        return self._languages

    @property
    def zone(self) -> ZoneInfo:
        """The shop's time zone (``PS_TIMEZONE``): its dates are local times in it."""
        return self._cached("time_zone", self._load_zone)

    def time_zone(self) -> ZoneInfo:
        """The shop's days are those of ``PS_TIMEZONE``, the zone its dates are written in (then
        ``shop.timezone``): a setting that differed would put orders on the wrong day."""
        return self.zone

    def _load_zone(self) -> ZoneInfo:
        granted = self.ws.root().find("configurations")
        if granted is not None and granted.get("get") == "true":
            row = self.ws.first("configurations", equals("name", "PS_TIMEZONE"), display=["name", "value"])
            if row and text(row.get("value")):
                return named_zone(text(row.get("value")), "PS_TIMEZONE", self.url)
        if self._time_zone_setting:
            return named_zone(self._time_zone_setting, "shop.timezone", self.url)
        raise ConfigError(_(
            "The time zone of the PrestaShop shop {url} is unknown: its webservice key may not read "
            "\"configurations\" (PS_TIMEZONE). Tick GET on configurations for the key, or set shop.timezone "
            "to the shop's time zone (International > Localization), e.g. Europe/Paris.").format(url=self.url))

    def _each(self, items: Sequence[T], key: Callable[[T], str], write: Callable[[T], WriteResult]
              ) -> list[WriteResult]:
        """``write`` every item in parallel (the shop's budget); a failure is that item's result,
        except one that stops the run (credentials, unknown field), which is raised."""
        results = []
        for done in self.ws.client.map(write, items):
            if done.error is None:
                results.append(done.value)
                continue
            if isinstance(done.error, ConfigError | ConnectionFailed) or (
                    isinstance(done.error, HttpError) and done.error.action is Action.FAIL_RUN):
                raise done.error
            results.append(failed(key(done.item), done.error))
        return results

    def _create_once(self, resource: str, fields: dict[str, Value], associations: dict[str, Any] | None,
                     find: Callable[[], dict[str, Any] | None], params: dict[str, Any] | None = None) -> dict[str, Any]:
        """POST a record; when the answer is lost or a 5xx, look for it before sending it again (once)."""
        try:
            return self.ws.create(resource, fields, associations, params)
        except OutcomeUnknown:
            found = find()
            if found is not None:
                return found
            return self.ws.create(resource, fields, associations, params)

    def _default_language_id(self) -> str | None:
        targets = sorted(self.languages_map.targets, key=int)
        return targets[0] if targets else None

    def _country_codes(self) -> dict[str, str]:
        return self._cached("countries", lambda: {str(r["id"]): text(r.get("iso_code")) for r in
                                                  self.ws.records("countries", display=["id", "iso_code"])})

    def _country_id(self, iso: str) -> str | None:
        return next((cid for cid, code in self._country_codes().items() if code.upper() == iso.upper()), None)

    def _find_by_name(self, resource: str, name: str) -> str | None:
        """The record named ``name`` (in any language): multilingual fields cannot be filtered
        on (recording 06 lists the filterable fields), so names are compared here."""
        for record in self.ws.records(resource, display=["id", "name"]):
            if name.casefold() in (t.casefold() for t in texts_of(record.get("name"))):
                return str(record["id"])
        return None

    def _save_named(self, resource: str, key: str, name: str, shop_id: str | None,
                    fields: dict[str, Value]) -> WriteResult:
        """Update the bound record, else adopt the one of the same name, else create it (once)."""
        shop_id = shop_id or self._find_by_name(resource, name)
        if shop_id:
            self.ws.update(resource, shop_id, fields)
            return WriteResult(key, WriteOutcome.UPDATED, shop_id)
        created = self._create_once(resource, fields, None, lambda: as_record(self._find_by_name(resource, name)))
        return WriteResult(key, WriteOutcome.CREATED, str(created["id"]))

    def _stock_rows(self, product_id: str) -> list[dict[str, Any]]:
        return list(self.ws.records("stock_availables", filters=[equals("id_product", product_id)]))


def texts_of(value: Any) -> list[str]:
    """The non-empty texts of a (multilingual) field, in every language."""
    return [t for t in translations(value).values() if t]


def as_record(shop_id: str | None) -> dict[str, Any] | None:
    return {"id": shop_id} if shop_id else None


def failed(key: str, error: GescomError) -> WriteResult:
    message = error.shop_message if isinstance(error, HttpError) and error.shop_message else error.message
    status = str(error.status) if isinstance(error, HttpError) and error.status else None
    return WriteResult(key, WriteOutcome.FAILED, message=message, code=status)


def failed_request(key: str, error: HttpError) -> WriteResult:
    if error.action is Action.FAIL_RUN:
        raise error
    return failed(key, error)

