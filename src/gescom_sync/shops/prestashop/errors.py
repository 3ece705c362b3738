"""PrestaShop's error answers, read and classified.

The webservice answers errors as a list of ``(code, message)``, in XML
(``<errors><error><code>…``) or JSON (``{"errors": [{"code": 32, "message": …}]}``),
with status codes that do not always say what happened (recordings in
reference/prestashop-8.1/):

- 401, codes 20/21: the key is unknown, disabled or has no permission on the resource;
- 400, code 27: the resource does not exist in this PrestaShop (``order_returns``);
- 400, code 85 (validation) or 41 (required field): this record is wrong;
- **500**, code 32 / 35: a filter or display field the shop does not know: no retry can
  fix it, it is our request or the shop's version;
- 500 with code 127 (the body is not XML): no retry can fix it either;
- 500 with only PHP warnings (code 3): the shop may have written anyway (a recorded POST
  order_slip answered 500 and created the slip), so a write is never retried blindly;
- 404 with an empty body: no record with that id.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from xml.etree import ElementTree

import httpx

from gescom_sync.http import Action
from gescom_sync.http.errors import one_line

PHP_WARNING = 3
AUTH_CODES = frozenset({20, 21, 22, 23, 17, 18})
UNKNOWN_RESOURCE = 27
UNKNOWN_FIELD_CODES = frozenset({32, 33, 35})  # filter, sort, display field the shop does not know
VALIDATION_CODES = frozenset({41, 85, 86})
NOT_XML = 127


@dataclass(frozen=True, slots=True)
class WebserviceError:
    code: int
    message: str


def errors_of(response: httpx.Response) -> list[WebserviceError]:
    """The ``(code, message)`` list of an answer, XML or JSON; [] when there is none."""
    body = response.text.strip()
    if body.startswith("{"):
        return _json_errors(body)
    if body.startswith("<"):
        return _xml_errors(body)
    return []


def _json_errors(body: str) -> list[WebserviceError]:
    try:
        data = json.loads(body)
    except ValueError:
        return []
    found = data.get("errors") if isinstance(data, dict) else None
    if not isinstance(found, list):
        return []
    return [WebserviceError(_code(e.get("code")), html.unescape(str(e.get("message") or "")))
            for e in found if isinstance(e, dict)]


def _xml_errors(body: str) -> list[WebserviceError]:
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return []
    return [WebserviceError(_code(e.findtext("code")), html.unescape((e.findtext("message") or "").strip()))
            for e in root.iter("error")]


def _code(value: object) -> int:
    try:
        return int(str(value).strip())
    except ValueError:
        return 0


def shop_message(response: httpx.Response) -> str | None:
    """The shop's own text: its errors without the PHP warnings (kept when they are all there is)."""
    found = errors_of(response)
    meaningful = [e for e in found if e.code != PHP_WARNING] or found
    if not meaningful:
        return None
    return one_line("; ".join(f"[{e.code}] {e.message}" for e in meaningful))


def action_rule(response: httpx.Response) -> Action | None:
    """PrestaShop's errors whose status code misleads the default table."""
    if response.status_code < 400:
        return None
    codes = {e.code for e in errors_of(response)}
    if codes & UNKNOWN_FIELD_CODES or UNKNOWN_RESOURCE in codes:
        return Action.FAIL_RUN
    if response.status_code >= 500 and NOT_XML in codes:
        return Action.FAIL_ITEM
    if response.status_code == 401 or codes & AUTH_CODES:
        return Action.FAIL_RUN
    return None
