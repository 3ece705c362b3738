"""Removing secrets from what is logged or shown: URLs, headers, bodies, messages.

Two nets, both always applied: the configured secret values wherever they appear (also
percent- or JSON-encoded), and anything under a password-like name (query parameters,
JSON keys, XML elements, form fields, headers) even when the value is not a known secret,
e.g. a customer's password hash in a PrestaShop answer.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from urllib.parse import quote, quote_plus

import httpx

MASK = "***"

_SENSITIVE_PARTS = (
    "password", "passwd", "secret", "token", "api_key", "apikey", "api-key", "consumer_key",
    "ws_key", "signature", "authorization", "cookie", "credential", "private_key",
)
_SENSITIVE_NAMES = {"pass", "pwd", "auth", "sig"}

_JSON_PAIR = re.compile(r'"([^"\\]{1,100})"(\s*:\s*)"((?:[^"\\]|\\.)*)"')
_XML_ELEMENT = re.compile(r"<([A-Za-z_][\w.-]{0,99})(\s[^<>]*)?>(<!\[CDATA\[.*?\]\]>|[^<]*)</\1>", re.DOTALL)
_FORM_PAIR = re.compile(r"(?<![\w-])([\w.\[\]-]{1,100})=([^&\s\"'<>,;]*)")
_AUTH_SCHEME = re.compile(r"\b(Basic|Bearer|Digest|OAuth)\s+[A-Za-z0-9._~+/=,\"-]{8,}", re.IGNORECASE)


def is_sensitive_name(name: str) -> bool:
    """Whether a parameter, key, element or header of that name holds a credential."""
    lowered = name.lower().strip("[]")
    return lowered in _SENSITIVE_NAMES or any(part in lowered for part in _SENSITIVE_PARTS)


class Redactor:
    """Masks the given secret values and password-like fields in text, URLs and headers."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        self._needles = _encoded_forms(s for s in secrets if s)

    def text(self, text: str) -> str:
        for needle in self._needles:
            text = text.replace(needle, MASK)
        text = _JSON_PAIR.sub(_mask_json_pair, text)
        text = _XML_ELEMENT.sub(_mask_xml_element, text)
        text = _FORM_PAIR.sub(_mask_form_pair, text)
        return _AUTH_SCHEME.sub(lambda m: f"{m.group(1)} {MASK}", text)

    def url(self, url: httpx.URL | str) -> str:
        parsed = httpx.URL(str(url))
        if parsed.password:
            parsed = parsed.copy_with(username=parsed.username, password=MASK)
        if parsed.query:
            params = [(k, MASK if is_sensitive_name(k) else v) for k, v in parsed.params.multi_items()]
            parsed = parsed.copy_with(params=params)
        return self.text(str(parsed).replace(quote(MASK, safe=""), MASK))

    def headers(self, headers: Mapping[str, str] | httpx.Headers) -> dict[str, str]:
        items = headers.multi_items() if isinstance(headers, httpx.Headers) else headers.items()
        return {name: MASK if is_sensitive_name(name) else self.text(value) for name, value in items}


def _encoded_forms(secrets: Iterable[str]) -> list[str]:
    """Each secret as it may appear: plain, in a query string, inside a JSON string."""
    forms = set()
    for secret in secrets:
        forms.update({secret, quote(secret, safe=""), quote_plus(secret), json.dumps(secret)[1:-1]})
    return sorted(forms, key=len, reverse=True)


def _mask_json_pair(match: re.Match[str]) -> str:
    name, colon, _value = match.groups()
    return f'"{name}"{colon}"{MASK}"' if is_sensitive_name(name) else match.group(0)


def _mask_xml_element(match: re.Match[str]) -> str:
    name, attributes = match.group(1), match.group(2) or ""
    return f"<{name}{attributes}>{MASK}</{name}>" if is_sensitive_name(name) else match.group(0)


def _mask_form_pair(match: re.Match[str]) -> str:
    name = match.group(1)
    return f"{name}={MASK}" if is_sensitive_name(name) else match.group(0)
