"""Can this profile reach its back office and its shop?

The back office is tested by its connector. The shop, until the shop connectors land,
by a probe at the HTTP level: one GET of the shop's address with the profile's HTTP
options (timeout, TLS minimum version, user agent, proxy, basic authentication in front
of the shop). Each way it can fail becomes one clear line: DNS, TLS, timeout,
connection refused, proxy, HTTP status.
"""

from __future__ import annotations

import socket
import ssl
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx

from gescom_sync.errors import ConnectionFailed, GescomError
from gescom_sync.http.options import HttpOptions as ClientOptions
from gescom_sync.i18n import _
from gescom_sync.profiles.models import HttpOptions, Profile


def http_client_options(http: HttpOptions) -> ClientOptions:
    """The shared HTTP layer's options from the profile's ``http`` block (same names, secret revealed)."""
    values = http.model_dump()
    if http.basic_auth_password is not None:
        values["basic_auth_password"] = http.basic_auth_password.get_secret_value()
    return ClientOptions(**values)


@dataclass(frozen=True)
class ShopProbe:
    url: str  # the address that answered (after redirects)
    status: int
    elapsed_ms: int
    redirected: bool


def probe_shop(url: str, http: HttpOptions) -> ShopProbe:
    """GET ``url``; ConnectionFailed with a one-line reason when the shop cannot be reached or refuses."""
    started = time.monotonic()
    try:
        with httpx.Client(**client_options(http), follow_redirects=True) as client:
            response = client.get(url)
    except httpx.HTTPError as error:
        raise ConnectionFailed(_explain(error, url, http)) from None
    elapsed_ms = round((time.monotonic() - started) * 1000)
    if response.status_code >= 400:
        raise ConnectionFailed(_explain_status(response, url))
    return ShopProbe(str(response.url), response.status_code, elapsed_ms, bool(response.history))


def client_options(http: HttpOptions) -> dict[str, Any]:
    """httpx.Client arguments for the profile's HTTP options."""
    auth = None
    if http.basic_auth_user:
        password = http.basic_auth_password.get_secret_value() if http.basic_auth_password else ""
        auth = httpx.BasicAuth(http.basic_auth_user, password)
    return {
        "timeout": http.timeout,
        "verify": http_client_options(http).ssl_context(),
        "proxy": http.proxy,
        "headers": {"User-Agent": http.user_agent},
        "auth": auth,
    }


def _explain(error: httpx.HTTPError, url: str, http: HttpOptions) -> str:
    host = urlsplit(url).hostname or url
    if isinstance(error, httpx.TimeoutException):
        return _("{url}: no answer within {seconds} s (shop.http.timeout).").format(url=url, seconds=http.timeout)
    if isinstance(error, httpx.ProxyError):
        return _("{url}: the proxy {proxy} failed: {reason}").format(url=url, proxy=http.proxy, reason=error)
    causes = list(_causes(error))
    for cause in causes:
        if isinstance(cause, socket.gaierror):
            return _("{url}: the name {host} cannot be resolved (DNS); check the address.").format(url=url, host=host)
        if isinstance(cause, ssl.SSLCertVerificationError):
            return _("{url}: the TLS certificate of {host} is not valid: {reason}").format(
                url=url, host=host, reason=cause.verify_message or cause.reason
            )
        if isinstance(cause, ssl.SSLError):
            return _("{url}: TLS failure with {host}: {reason}").format(
                url=url, host=host, reason=cause.reason or cause
            )
        if isinstance(cause, ConnectionRefusedError):
            return _("{url}: connection refused by {host} (nothing listens on that port).").format(url=url, host=host)
    if any("name resolution" in str(cause).lower() or "nodename" in str(cause).lower() for cause in causes):
        return _("{url}: the name {host} cannot be resolved (DNS); check the address.").format(url=url, host=host)
    return _("{url}: cannot connect: {reason}").format(url=url, reason=_first_line(error))


def _explain_status(response: httpx.Response, url: str) -> str:
    status = response.status_code
    line = _("{url}: the shop answered HTTP {status} {reason}.").format(
        url=url, status=status, reason=response.reason_phrase
    )
    if status == 401 and "basic" in response.headers.get("www-authenticate", "").lower():
        return line + " " + _("It asks for HTTP authentication: set shop.http.basic_auth_user and basic_auth_password.")
    if status == 404:
        return line + " " + _("Check the shop address (shop.url).")
    return line


def _causes(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


@dataclass(frozen=True)
class ConnectionCheck:
    side: str  # "backoffice" or "shop"
    target: str  # what was tested, without secrets
    status: str  # "ok", "failed" or "skipped"
    message: str


def check_connections(profile: Profile) -> list[ConnectionCheck]:
    """Test the back office and the shop of ``profile``; each failure is data, not an exception."""
    return [_check_backoffice(profile), _check_shop(profile)]


def _check_backoffice(profile: Profile) -> ConnectionCheck:
    from gescom_sync import backoffice  # the connectors import much; only when testing

    target = f"{profile.backoffice.type} {profile.backoffice.describe()}"
    try:
        connector = backoffice.open_backoffice(profile.backoffice)
        try:
            message = connector.test_connection()
        finally:
            connector.close()
    except GescomError as error:
        return ConnectionCheck("backoffice", target, "failed", error.message)
    return ConnectionCheck("backoffice", target, "ok", message)


CONNECTED_SHOPS = frozenset({"woocommerce", "prestashop"})  # shops whose connector tests keys and permissions too


def _check_with_connector(profile: Profile, target: str) -> ConnectionCheck:
    """The shop's own connection test: address, keys, permissions, what it can do."""
    from gescom_sync.shops.factory import open_shop  # the connectors import much; only when testing

    try:
        with open_shop(profile.shop) as shop:
            return ConnectionCheck("shop", target, "ok", shop.test_connection())
    except GescomError as error:
        return ConnectionCheck("shop", target, "failed", error.message)


def _check_shop(profile: Profile) -> ConnectionCheck:
    if profile.shop is None:
        return ConnectionCheck("shop", "", "skipped", _("No shop in this profile."))
    url = profile.shop.base_url()
    target = f"{profile.shop.type} {url}"
    if profile.shop.type in CONNECTED_SHOPS:
        return _check_with_connector(profile, target)
    try:
        probe = probe_shop(url, profile.shop.http)
    except ConnectionFailed as error:
        return ConnectionCheck("shop", target, "failed", error.message)
    message = _("HTTP {status} in {ms} ms").format(status=probe.status, ms=probe.elapsed_ms)
    if probe.redirected:
        message += " " + _("(redirected to {url}: set shop.url to it)").format(url=probe.url)
    return ConnectionCheck("shop", target, "ok", message)
