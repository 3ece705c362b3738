"""The translated one-line messages of ``gescom_sync.http`` errors, one function per kind."""

from __future__ import annotations

import ssl

import httpx

from gescom_sync.http.actions import Action, Condition, causes
from gescom_sync.http.errors import one_line
from gescom_sync.i18n import _


def unreachable(condition: Condition, error: Exception, *, method: str, url: str, host: str, port: int | None,
                timeout: float, tls_min_version: str) -> str:
    """Why the shop could not be reached at all (DNS, refused, TLS, timeout, proxy)."""
    where = f"{host}:{port}" if port else host
    reason = _reason(error)
    if condition is Condition.DNS:
        return _("The shop's server name {host} cannot be found (DNS); check the shop address.").format(host=host)
    if condition is Condition.REFUSED:
        return _("{where} refused the connection: nothing answers on that port; check that the shop is running "
                 "and that its address and port are right.").format(where=where)
    if condition is Condition.UNREACHABLE:
        return _("{where} cannot be reached ({reason}); check the network, the proxy and the shop address.").format(
            where=where, reason=reason)
    if condition is Condition.TLS:
        return _tls(error, where=where, host=host, tls_min_version=tls_min_version)
    if condition is Condition.CONNECT_TIMEOUT:
        return _("{where} did not accept the connection within {seconds} s; check the address, the firewall "
                 "and the proxy.").format(where=where, seconds=_seconds(timeout))
    if condition is Condition.POOL_TIMEOUT:
        return _("No free connection to {where} within {seconds} s.").format(where=where, seconds=_seconds(timeout))
    if condition is Condition.READ_TIMEOUT:
        return _("{method} {url}: the shop did not answer within {seconds} s.").format(
            method=method, url=url, seconds=_seconds(timeout))
    if condition is Condition.WRITE_TIMEOUT:
        return _("{method} {url}: sending the request took longer than {seconds} s.").format(
            method=method, url=url, seconds=_seconds(timeout))
    if condition is Condition.PROXY:
        return _("The proxy refused to connect to {where} ({reason}); check the HTTP option proxy.").format(
            where=where, reason=reason)
    if condition is Condition.BAD_URL:
        return _("{url} is not a valid web address ({reason}).").format(url=url, reason=reason)
    return _("{method} {url}: the connection was cut before the answer was complete ({reason}).").format(
        method=method, url=url, reason=reason)


def _tls(error: Exception, *, where: str, host: str, tls_min_version: str) -> str:
    reason = _reason(error)
    lowered = reason.lower()
    if "wrong version number" in lowered or "record layer failure" in lowered or "packet length too long" in lowered:
        return _("{where} does not answer in HTTPS ({reason}); use an http:// address or the shop's HTTPS "
                 "port.").format(where=where, reason=reason)
    certificate_error = any(isinstance(c, ssl.SSLCertVerificationError | ssl.CertificateError) for c in causes(error))
    if certificate_error or "certificate" in lowered:
        return _("The TLS certificate of {host} is not trusted ({reason}); install a valid certificate on the shop, "
                 "or give its CA bundle in the HTTP option verify.").format(host=host, reason=reason)
    if "version" in lowered or "protocol" in lowered:
        return _("{where} and gescom-sync have no TLS version in common (the profile requires TLS {version} or "
                 "later): {reason}.").format(where=where, version=tls_min_version, reason=reason)
    return _("The TLS handshake with {where} failed: {reason}.").format(where=where, reason=reason)


def failed_status(response: httpx.Response, action: Action, *, method: str, url: str) -> str:
    """Why an answer is an error, by status (the shop's own message is added by the caller)."""
    status = f"{response.status_code} {response.reason_phrase}".strip()
    status_code = response.status_code
    if 300 <= status_code < 400:
        return _("{method} {url} is redirected ({status}) to {location}; put the final address in the profile.").format(
            method=method, url=url, status=status, location=response.headers.get("location", "?"))
    if status_code in (401, 403, 407):
        return _("The shop refused access to {method} {url} ({status}); check the credentials and their "
                 "permissions.").format(method=method, url=url, status=status)
    if action is Action.RATE_LIMITED:
        return _("The shop is limiting requests ({status}) on {method} {url}.").format(
            method=method, url=url, status=status)
    if status_code >= 500:
        return _("The shop failed on {method} {url} ({status}).").format(method=method, url=url, status=status)
    return _("The shop rejected {method} {url} ({status}).").format(method=method, url=url, status=status)


def wrong_address(url: str, shop_message: str | None) -> str:
    text = _("Wrong address: {url} answered 404 Not Found; check the shop URL (its path and trailing "
             "slash).").format(url=url)
    return with_shop_message(text, shop_message)


def wait_too_long(*, method: str, url: str, seconds: float, limit: float) -> str:
    return _("The shop asks to wait {seconds} s before {method} {url}, longer than the {limit} s allowed.").format(
        method=method, url=url, seconds=_seconds(seconds), limit=_seconds(limit))


def outcome_unknown(what: str) -> str:
    return _("{what} The change may have been made anyway: read it back before trying again.").format(what=what)


def with_tries(text: str, tries: int) -> str:
    return text if tries <= 1 else _("{message} Tried {tries} times.").format(message=text, tries=tries)


def with_shop_message(text: str, shop_message: str | None) -> str:
    if not shop_message:
        return text
    return _("{message} The shop says: {shop_message}").format(message=text, shop_message=shop_message)


def _reason(error: Exception) -> str:
    """The innermost useful description of a transport error, on one line."""
    for cause in reversed(causes(error)):
        if isinstance(cause, ssl.SSLCertVerificationError) and cause.verify_message:
            return one_line(cause.verify_message)
        if isinstance(cause, ssl.SSLError) and cause.reason:
            return one_line(cause.reason.replace("_", " ").lower())
    return one_line(str(error) or type(error).__name__)


def _seconds(value: float) -> str:
    return f"{value:g}"
