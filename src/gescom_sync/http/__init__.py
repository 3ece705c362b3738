"""The shared HTTP layer every shop connector uses (SPEC §2.2; docs/http.md).

Typical use in a connector::

    client = ShopHttpClient(url, options, auth=MyAuth(key, secret), secrets=[key, secret],
                            actions=DEFAULT_ACTIONS.with_rule(my_rule), shop_message=my_message)
    response = client.get("products", params={"per_page": 100})
    results = client.map(write_one, items)   # bounded by options.max_concurrency
"""

from gescom_sync.http.actions import DEFAULT_ACTIONS, NOT_SENT, Action, ActionTable, Condition, classify, condition_of
from gescom_sync.http.client import MapResult, ShopHttpClient, parse_retry_after
from gescom_sync.http.errors import HttpError, OutcomeUnknown, RequestFailed, ShopUnreachable, default_shop_message
from gescom_sync.http.options import HttpOptions
from gescom_sync.http.redact import Redactor, is_sensitive_name

__all__ = [
    "DEFAULT_ACTIONS", "NOT_SENT", "Action", "ActionTable", "Condition", "HttpError", "HttpOptions", "MapResult",
    "OutcomeUnknown", "Redactor", "RequestFailed", "ShopHttpClient", "ShopUnreachable", "classify", "condition_of",
    "default_shop_message", "is_sensitive_name", "parse_retry_after",
]
