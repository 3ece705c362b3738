"""What a request to a shop can end in, as errors with one clear, translated line each.

Every message says what was asked (method and URL, secrets masked), what happened and,
when the shop gave one, the shop's own message. ``action`` tells the caller what the
error means for the run (``Action.FAIL_ITEM``: this item failed, go on with the others).
"""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree

import httpx

from gescom_sync.errors import EXIT_CANNOT_START, EXIT_ITEMS_FAILED, ConnectionFailed, GescomError
from gescom_sync.http.actions import Action

SHOP_MESSAGE_MAX = 300


class HttpError(GescomError):
    """A request to the shop did not succeed; ``action`` says what that means for the run."""

    def __init__(
        self,
        message: str,
        *,
        action: Action,
        method: str,
        url: str,
        status: int | None = None,
        shop_message: str | None = None,
        response: httpx.Response | None = None,
        tries: int = 1,
    ) -> None:
        super().__init__(message)
        self.action = action
        self.method = method
        self.url = url
        """The URL with its secrets masked."""
        self.status = status
        self.shop_message = shop_message
        self.response = response
        """The shop's answer, for connectors that read error details from its body."""
        self.tries = tries

    @property
    def exit_code(self) -> int:  # type: ignore[override]
        return EXIT_ITEMS_FAILED if self.action is Action.FAIL_ITEM else EXIT_CANNOT_START


class RequestFailed(HttpError):
    """The shop answered with an error status (after the retries it deserved)."""


class OutcomeUnknown(HttpError):
    """A write got no clear answer (5xx, timeout, cut connection): it may have been applied.

    It is never retried blindly: the connector reads the record back before trying again.
    """


class ShopUnreachable(HttpError, ConnectionFailed):
    """No answer at all: name not found, connection refused, TLS failure, timeout, proxy."""


def default_shop_message(response: httpx.Response) -> str | None:
    """The shop's own error text: JSON ``message``/``errors``, PrestaShop XML, or short text."""
    text = response.text.strip()
    if not text:
        return None
    content_type = response.headers.get("content-type", "")
    if "json" in content_type or text.startswith(("{", "[")):
        found = _json_message(text)
    elif "xml" in content_type or text.startswith("<?xml"):
        found = _xml_messages(text)
    elif "html" in content_type:
        found = None
    else:
        found = text
    return one_line(found) if found else None


def one_line(text: str, limit: int = SHOP_MESSAGE_MAX) -> str:
    collapsed = re.sub(r"\s+", " ", text).strip()
    return collapsed if len(collapsed) <= limit else collapsed[: limit - 1] + "…"


def _json_message(text: str) -> str | None:
    try:
        body = json.loads(text)
    except ValueError:
        return None
    if isinstance(body, dict):
        if isinstance(body.get("message"), str):
            return body["message"]
        errors = body.get("errors")
        if isinstance(errors, list):
            messages = [e.get("message") for e in errors if isinstance(e, dict) and isinstance(e.get("message"), str)]
            return "; ".join(messages) or None
        if isinstance(errors, str):
            return errors
    return None


def _xml_messages(text: str) -> str | None:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    messages = [(m.text or "").strip() for m in root.iter("message")]
    return "; ".join(m for m in messages if m) or None
