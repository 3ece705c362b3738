"""How the consumer key reaches WooCommerce, exactly as a real shop accepts it.

A stock WooCommerce reads Basic credentials and ``consumer_key``/``consumer_secret`` in
the query string only over HTTPS; over plain HTTP it ignores them and answers a generic
401 "Sorry, you cannot list resources." (reference auth-matrix.md). Over HTTP it wants
OAuth 1.0a one-legged, signed parameters in the query string. ``auto`` picks Basic on
HTTPS and OAuth 1.0a on HTTP.
"""

from __future__ import annotations

from collections.abc import Generator
from enum import StrEnum
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import httpx
from oauthlib import oauth1

OAUTH_PARAMS = frozenset({"oauth_consumer_key", "oauth_nonce", "oauth_signature", "oauth_signature_method",
                          "oauth_timestamp", "oauth_version"})


class AuthMode(StrEnum):
    AUTO = "auto"
    BASIC = "basic"
    QUERY = "query"
    OAUTH1 = "oauth1"


def effective_mode(mode: AuthMode | str, url: str) -> AuthMode:
    """The mode actually used: ``auto`` is Basic over https, OAuth 1.0a over http."""
    mode = AuthMode(mode)
    if mode is AuthMode.AUTO:
        return AuthMode.BASIC if urlsplit(url).scheme == "https" else AuthMode.OAUTH1
    return mode


def build_auth(mode: AuthMode, consumer_key: str, consumer_secret: str) -> httpx.Auth:
    if mode is AuthMode.BASIC:
        return httpx.BasicAuth(consumer_key, consumer_secret)
    if mode is AuthMode.QUERY:
        return QueryStringAuth(consumer_key, consumer_secret)
    if mode is AuthMode.OAUTH1:
        return OAuth1QueryAuth(consumer_key, consumer_secret)
    raise ValueError(f"no auth for mode {mode!r}")


def _with_url(request: httpx.Request, url: str) -> httpx.Request:
    """A copy of ``request`` at ``url``: the original is kept clean for a retry."""
    return httpx.Request(request.method, url, headers=request.headers, content=request.content,
                         extensions=request.extensions)


class QueryStringAuth(httpx.Auth):
    """``?consumer_key=…&consumer_secret=…`` (HTTPS only on a stock shop)."""

    requires_request_body = True

    def __init__(self, consumer_key: str, consumer_secret: str) -> None:
        self._key, self._secret = consumer_key, consumer_secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        url = request.url.copy_merge_params({"consumer_key": self._key, "consumer_secret": self._secret})
        yield _with_url(request, str(url))


class OAuth1QueryAuth(httpx.Auth):
    """OAuth 1.0a one-legged, HMAC-SHA256, parameters in the query string (a fresh nonce
    and timestamp per try). A JSON body is not part of the signature, as WooCommerce expects."""

    requires_request_body = True

    def __init__(self, consumer_key: str, consumer_secret: str) -> None:
        self._key, self._secret = consumer_key, consumer_secret

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        client = oauth1.Client(self._key, client_secret=self._secret, signature_method=oauth1.SIGNATURE_HMAC_SHA256,
                               signature_type=oauth1.SIGNATURE_TYPE_QUERY)
        signed, _headers, _body = client.sign(_without_oauth(str(request.url)), http_method=request.method)
        yield _with_url(request, signed)


def _without_oauth(url: str) -> str:
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in OAUTH_PARAMS]
    return urlunsplit(parts._replace(query=urlencode(query)))
