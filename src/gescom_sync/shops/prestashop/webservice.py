"""The PrestaShop webservice: where it lives, how to read it, how to write to it.

- **Address.** ``{shop}/api/…`` when the shop rewrites URLs, else
  ``{shop}/webservice/dispatcher.php?url=…``: found on first use (:meth:`Webservice.root`).
- **Auth.** The key is the HTTP basic-auth user, with an empty password.
- **Reads** in JSON (``output_format=JSON``) with ``display``, ``filter[…]``, ``sort``,
  ``limit=offset,count`` and ``date=1`` for date ranges; a list answers ``[]`` when empty.
- **Writes** in XML only, built from the resource's ``?schema=blank`` (cached): only the
  fields of the blank are sent, multilingual fields get one ``<language id=…>`` per language.
  Creates POST the fields given; updates PATCH only the fields given.
- **Shop context** (multistore): ``id_shop`` is added to every request when set.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import httpx

from gescom_sync.errors import ConnectionFailed, GescomError
from gescom_sync.http import DEFAULT_ACTIONS, HttpOptions, RequestFailed, ShopHttpClient
from gescom_sync.i18n import _
from gescom_sync.shops.prestashop.errors import action_rule, shop_message

PAGE_SIZE = 100
API_PATH = "api/"
DISPATCHER_PATH = "webservice/dispatcher.php"

Value = str | int | Decimal | bool | None | Mapping[str, str]
"""A field to write: plain, or {language id: text} for a multilingual field."""
Association = Sequence[Mapping[str, Any]]


class NotInSchema(GescomError):
    """A field or association the shop's ``schema=blank`` does not have (another PrestaShop version)."""


@dataclass(frozen=True, slots=True)
class Filter:
    """One ``filter[field]=…`` of a list read.

    ``values``: exact match of any (``[a|b]``); ``between``: an interval ``[from,to]`` (dates
    need ``date=1``, added by the read); ``contains``: ``%[text]%``.
    """

    field: str
    values: tuple[str, ...] = ()
    between: tuple[str, str] | None = None
    contains: str | None = None

    def param(self) -> tuple[str, str]:
        if self.between is not None:
            return f"filter[{self.field}]", f"[{self.between[0]},{self.between[1]}]"
        if self.contains is not None:
            return f"filter[{self.field}]", f"%[{self.contains}]%"
        return f"filter[{self.field}]", "[" + "|".join(self.values) + "]"


def equals(field: str, *values: object) -> Filter:
    return Filter(field, tuple(str(v) for v in values))


def is_webservice(response: httpx.Response) -> bool:
    """Did PrestaShop's webservice give this answer (not a web server's 404 page)?"""
    headers = response.headers
    return ("psws-version" in headers or "PrestaShop Webservice" in headers.get("x-powered-by", "")
            or "PrestaShop Webservice" in headers.get("www-authenticate", ""))


class Webservice:
    """One shop's webservice. Thread-safe: the connector writes through ``client.map``."""

    def __init__(self, url: str, key: str, options: HttpOptions, *, id_shop: int | None = None,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep) -> None:
        self.url = url.rstrip("/")
        self.id_shop = id_shop
        self.client = ShopHttpClient(
            f"{self.url}/", options, auth=httpx.BasicAuth(key, ""), secrets=[key],
            actions=DEFAULT_ACTIONS.with_rule(action_rule), shop_message=shop_message, transport=transport,
            sleep=sleep)
        self.dispatcher: bool | None = None  # None: not found out yet
        self._root: ElementTree.Element | None = None
        self._blanks: dict[str, ElementTree.Element] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.client.close()

    # -- where ---------------------------------------------------------------------------

    def root(self) -> ElementTree.Element:
        """The ``<api>`` element listing the key's resources; finds the address form on first call."""
        with self._lock:
            if self._root is None:
                self._root = self._find_root()
            return self._root

    def _find_root(self) -> ElementTree.Element:
        """``/api/`` first; the dispatcher when the shop does not rewrite URLs (its ``/api/``
        is a web server 404, not the webservice's answer)."""
        for dispatcher in (False, True):
            self.dispatcher = dispatcher
            path, params = self._where("", {})
            try:
                response = self.client.get(path, params=params)
            except RequestFailed as error:
                if error.response is not None and (is_webservice(error.response) or error.status != 404):
                    raise
                continue
            if is_webservice(response):
                return _api_element(response)
        raise ConnectionFailed(_(
            "No PrestaShop webservice answers at {url}/api/ nor at {url}/webservice/dispatcher.php: check the shop "
            "URL and that the webservice is enabled (Advanced parameters > Webservice).").format(url=self.url))

    def _where(self, path: str, params: Mapping[str, Any]) -> tuple[str, dict[str, Any]]:
        extra = dict(params)
        if self.id_shop is not None:
            extra.setdefault("id_shop", self.id_shop)
        if self.dispatcher:
            return DISPATCHER_PATH, {"url": path, **extra}
        return API_PATH + path, extra

    def request(self, method: str, path: str, params: Mapping[str, Any] | None = None, **kwargs: Any) -> httpx.Response:
        if self.dispatcher is None:
            self.root()
        where, query = self._where(path, params or {})
        return self.client.request(method, where, params=query, **kwargs)

    # -- reads ---------------------------------------------------------------------------

    def get_json(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        response = self.request("GET", path, {**(params or {}), "output_format": "JSON"})
        return response.json() if response.content.strip() else {}

    def read(self, resource: str, record_id: str, display: Sequence[str] | None = None) -> dict[str, Any] | None:
        """One record, or None when the shop has none with that id (its empty-body 404)."""
        params = {"display": _display(display)} if display else {}
        try:
            data = self.get_json(f"{resource}/{record_id}", params)
        except RequestFailed as error:
            if error.status == 404:
                return None
            raise
        return _single(data, display is not None)

    def records(self, resource: str, *, display: Sequence[str] | None = None, filters: Sequence[Filter] = (),
             sort: str | None = "id_ASC", page_size: int = PAGE_SIZE) -> Iterator[dict[str, Any]]:
        """Every record matching ``filters`` (all ANDed), ``page_size`` per request."""
        params: dict[str, Any] = {"display": _display(display) if display else "full"}
        params |= dict(f.param() for f in filters)
        if any(f.between is not None for f in filters):
            params["date"] = 1
        if sort:
            params["sort"] = f"[{sort}]"
        offset = 0
        while True:
            page = _records(self.get_json(resource, params | {"limit": f"{offset},{page_size}"}))
            yield from page
            if len(page) < page_size:
                return
            offset += page_size

    def first(self, resource: str, *filters: Filter, display: Sequence[str] | None = None) -> dict[str, Any] | None:
        return next(iter(self.records(resource, display=display, filters=filters, page_size=1)), None)

    # -- writes ----------------------------------------------------------------------------

    def blank(self, resource: str) -> ElementTree.Element:
        """The record element of ``resource?schema=blank`` (read once per connector)."""
        with self._lock:
            cached = self._blanks.get(resource)
        if cached is not None:
            return cached
        root = ElementTree.fromstring(self.request("GET", resource, {"schema": "blank"}).content)
        record = next(iter(root))
        with self._lock:
            self._blanks[resource] = record
        return record

    def create(self, resource: str, fields: Mapping[str, Value], associations: Mapping[str, Association] | None = None,
               params: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """POST a new record; returns it as the shop answered (``id`` included). Never retried
        by the client after a 5xx: the caller reads back before sending it again."""
        body = build_xml(self.blank(resource), fields, associations or {})
        response = self.request("POST", resource, params, content=body, headers=_XML)
        return parse_record(response.content)

    def update(self, resource: str, record_id: str, fields: Mapping[str, Value],
               associations: Mapping[str, Association] | None = None) -> dict[str, Any]:
        """PATCH the given fields (and associations, replaced whole) of a record: repeatable."""
        body = build_xml(self.blank(resource), {"id": record_id, **fields}, associations or {})
        response = self.request("PATCH", f"{resource}/{record_id}", content=body, headers=_XML, idempotent=True)
        return parse_record(response.content)

    def replace(self, resource: str, record_id: str, fields: Mapping[str, Value]) -> dict[str, Any]:
        """PUT a whole record (every required field given): repeatable, as for absolute stock levels."""
        body = build_xml(self.blank(resource), {"id": record_id, **fields}, {})
        response = self.request("PUT", f"{resource}/{record_id}", content=body, headers=_XML, idempotent=True)
        return parse_record(response.content)

    def delete(self, resource: str, record_id: str) -> None:
        try:
            self.request("DELETE", f"{resource}/{record_id}", idempotent=True)
        except RequestFailed as error:
            if error.status != 404:  # already gone
                raise

    def upload(self, path: str, field: str, file: Path, file_name: str, mime: str) -> dict[str, Any]:
        """A multipart upload (product image, attachment file); returns the record answered."""
        with file.open("rb") as stream:
            response = self.request("POST", path, files={field: (file_name, stream.read(), mime)})
        return parse_record(response.content) if response.content.strip() else {}


_XML = {"Content-Type": "text/xml; charset=utf-8"}


def _display(fields: Sequence[str]) -> str:
    return "[" + ",".join(fields) + "]"


def _records(data: Any) -> list[dict[str, Any]]:
    """The records of a list answer: ``{"products": [...]}``, or ``[]`` when there is none."""
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, list):
                return [item for item in value if isinstance(item, dict)]
    return []


def _single(data: Any, listed: bool) -> dict[str, Any] | None:
    """``{"product": {...}}``, or ``{"products": [{...}]}`` when read with ``display``."""
    if listed:
        records = _records(data)
        return records[0] if records else None
    if isinstance(data, dict):
        return next((v for v in data.values() if isinstance(v, dict)), None)
    return None


def _api_element(response: httpx.Response) -> ElementTree.Element:
    try:
        root = ElementTree.fromstring(response.content)
    except ElementTree.ParseError:
        return ElementTree.Element("api")
    return root.find("api") if root.find("api") is not None else ElementTree.Element("api")


# -- XML ------------------------------------------------------------------------------------


def build_xml(blank: ElementTree.Element, fields: Mapping[str, Value], associations: Mapping[str, Association]) -> bytes:
    """The write body for one record: the blank's fields that are given, in the blank's order.

    A multilingual field takes ``{language id: text}`` (a plain text goes to every language
    of the blank). A field or association the blank lacks raises :class:`NotInSchema`.
    """
    known = {child.tag for child in blank}
    assoc_blank = blank.find("associations")
    unknown = [name for name in fields if name not in known]
    unknown += [name for name in associations if assoc_blank is None or assoc_blank.find(name) is None]
    if unknown:
        raise NotInSchema(_("The shop's {resource} have no field {fields} (schema=blank): is it another PrestaShop "
                            "version?").format(resource=blank.tag, fields=", ".join(sorted(unknown))))
    root = ElementTree.Element("prestashop")
    record = ElementTree.SubElement(root, blank.tag)
    for child in blank:
        if child.tag in fields:
            _set_field(ElementTree.SubElement(record, child.tag), child, fields[child.tag])
    if associations and assoc_blank is not None:
        node = ElementTree.SubElement(record, "associations")
        for child in assoc_blank:
            if child.tag in associations:
                _set_association(ElementTree.SubElement(node, child.tag), child, associations[child.tag])
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


def _set_field(element: ElementTree.Element, blank: ElementTree.Element, value: Value) -> None:
    languages = [lang.get("id") or "" for lang in blank.findall("language")]
    if not languages:
        element.text = format_value(value)
        return
    by_language = value if isinstance(value, Mapping) else {lang: value for lang in languages}
    for language in languages:
        if language in by_language:
            ElementTree.SubElement(element, "language", id=language).text = format_value(by_language[language])


def _set_association(element: ElementTree.Element, blank: ElementTree.Element, items: Association) -> None:
    node_blank = next(iter(blank), None)
    node_name = node_blank.tag if node_blank is not None else blank.get("nodeType") or "item"
    for item in items:
        node = ElementTree.SubElement(element, node_name)
        for name, value in item.items():
            ElementTree.SubElement(node, name).text = format_value(value)


def format_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def parse_record(content: bytes) -> dict[str, Any]:
    """An XML answer's record as {field: text or {language id: text}} (associations left out)."""
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        return {}
    record = next(iter(root), None)
    if record is None:
        return {}
    parsed: dict[str, Any] = {}
    for child in record:
        if child.tag == "associations":
            continue
        languages = child.findall("language")
        parsed[child.tag] = ({lang.get("id") or "": (lang.text or "") for lang in languages} if languages
                             else (child.text or "").strip())
    return parsed
