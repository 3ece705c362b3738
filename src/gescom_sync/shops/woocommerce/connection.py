"""The connection test's 401s, turned into what the user has to do.

WooCommerce answers every credential problem with a 401; its message (recorded 29, 30,
31 and auth-matrix.md) tells which one it is.
"""

from __future__ import annotations

from typing import Any

import httpx

from gescom_sync.http import RequestFailed, default_shop_message
from gescom_sync.i18n import _
from gescom_sync.shops.woocommerce.auth import AuthMode

KEY_INVALID = "Consumer key is invalid."
SECRET_INVALID = "Consumer secret is invalid."
SIGNATURE_MISMATCH = "Invalid signature - provided signature does not match."
NO_WRITE = "The API key provided does not have write permissions."
NO_READ = "The API key provided does not have read permissions."
NOT_AUTHENTICATED_CODES = ("woocommerce_rest_cannot_view", "woocommerce_rest_cannot_batch",
                           "woocommerce_rest_cannot_create", "woocommerce_rest_cannot_edit")


def describe_error(body: Any) -> str | None:
    """WooCommerce's error text, with the per-parameter details of ``rest_invalid_param``."""
    if not isinstance(body, dict) or not body.get("message"):
        return None
    message = str(body["message"])
    params = (body.get("data") or {}).get("params") if isinstance(body.get("data"), dict) else None
    if isinstance(params, dict) and params:
        message += " (" + "; ".join(str(text) for text in params.values()) + ")"
    return message


def shop_message(response: httpx.Response) -> str | None:
    """For ``ShopHttpClient``: the shop's message of an error answer (None for HTML pages...)."""
    try:
        return describe_error(response.json())
    except ValueError:
        return default_shop_message(response)


def shop_error(error: RequestFailed) -> tuple[str, str]:
    """The shop's (code, message) of an error answer; empty strings when it gave none."""
    try:
        body: Any = error.response.json() if error.response is not None else {}
    except ValueError:
        body = {}
    if not isinstance(body, dict):
        return "", ""
    return str(body.get("code") or ""), str(body.get("message") or "")


def explain_refusal(error: RequestFailed, *, url: str, mode: AuthMode, scheme: str) -> str:
    """One line saying why WooCommerce refused the keys and what to change."""
    code, message = shop_error(error)
    if message == KEY_INVALID:
        return _("WooCommerce at {url} does not know this consumer key: check shop.consumer_key "
                 "(WooCommerce > Settings > Advanced > REST API).").format(url=url)
    if message in (SECRET_INVALID, SIGNATURE_MISMATCH):
        return _("WooCommerce at {url} refused the consumer secret: check shop.consumer_secret, it must be the "
                 "secret of the same key.").format(url=url)
    if message == NO_WRITE:
        return _("The WooCommerce key can only read: give it the Read/Write permission "
                 "(WooCommerce > Settings > Advanced > REST API) or create a new read_write key.")
    if message == NO_READ:
        return _("The WooCommerce key can only write: give it the Read/Write permission "
                 "(WooCommerce > Settings > Advanced > REST API).")
    if code in NOT_AUTHENTICATED_CODES and scheme == "http" and mode in (AuthMode.BASIC, AuthMode.QUERY):
        return _("WooCommerce at {url} ignores keys sent with {mode} authentication over plain http: use the "
                 "https address of the shop, or set shop.auth to oauth1 (or auto).").format(url=url, mode=mode.value)
    if code in NOT_AUTHENTICATED_CODES:
        return _("WooCommerce at {url} did not receive the keys (the web server may drop the Authorization "
                 "header): set shop.auth to query, or let the server pass that header.").format(url=url)
    return _("WooCommerce at {url} refused the keys: {message}").format(url=url, message=message or error.message)
