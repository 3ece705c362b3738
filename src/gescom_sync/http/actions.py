"""Errors are data: what to do about each HTTP status or transport failure.

``DEFAULT_ACTIONS`` is the table every shop starts from; a connector adjusts it with
``with_statuses`` / ``with_conditions`` (plain data) or ``with_rule`` (a function that
reads the answer's body, for shops whose status codes lie, e.g. PrestaShop answering 500
to a request that can never succeed).
"""

from __future__ import annotations

import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from types import MappingProxyType

import httpx


class Action(str, Enum):
    OK = "ok"
    RETRY = "retry"
    """Try again after a backoff, only if the request is idempotent: the shop may have acted."""
    RATE_LIMITED = "rate_limited"
    """Try again after the shop's ``Retry-After`` or a backoff; the shop did not act."""
    FAIL_ITEM = "fail_item"
    """This item failed (bad data, unknown id); the run goes on with the others."""
    FAIL_RUN = "fail_run"
    """Nothing else can succeed (credentials, address, certificate): stop the run."""


class Condition(str, Enum):
    """A failure with no HTTP answer."""

    DNS = "dns"
    REFUSED = "refused"
    UNREACHABLE = "unreachable"
    TLS = "tls"
    CONNECT_TIMEOUT = "connect_timeout"
    POOL_TIMEOUT = "pool_timeout"
    READ_TIMEOUT = "read_timeout"
    WRITE_TIMEOUT = "write_timeout"
    CONNECTION_LOST = "connection_lost"
    PROXY = "proxy"
    BAD_URL = "bad_url"


NOT_SENT = frozenset({Condition.DNS, Condition.REFUSED, Condition.UNREACHABLE, Condition.TLS, Condition.CONNECT_TIMEOUT,
                      Condition.POOL_TIMEOUT, Condition.PROXY, Condition.BAD_URL})
"""Conditions in which the request never reached the shop: retrying is safe for any method."""

Rule = Callable[[httpx.Response], "Action | None"]

_DEFAULT_STATUSES = {
    401: Action.FAIL_RUN, 403: Action.FAIL_RUN, 407: Action.FAIL_RUN,
    408: Action.RATE_LIMITED, 425: Action.RATE_LIMITED, 429: Action.RATE_LIMITED,
    400: Action.FAIL_ITEM, 404: Action.FAIL_ITEM, 409: Action.FAIL_ITEM, 410: Action.FAIL_ITEM,
    413: Action.FAIL_ITEM, 422: Action.FAIL_ITEM,
    501: Action.FAIL_RUN, 505: Action.FAIL_RUN,
}
_DEFAULT_BY_CLASS = {1: Action.OK, 2: Action.OK, 3: Action.FAIL_RUN, 4: Action.FAIL_ITEM, 5: Action.RETRY}
_DEFAULT_CONDITIONS = {
    Condition.DNS: Action.FAIL_RUN, Condition.TLS: Action.FAIL_RUN, Condition.PROXY: Action.FAIL_RUN,
    Condition.BAD_URL: Action.FAIL_RUN, Condition.REFUSED: Action.RETRY, Condition.UNREACHABLE: Action.RETRY,
    Condition.CONNECT_TIMEOUT: Action.RETRY, Condition.POOL_TIMEOUT: Action.RETRY,
    Condition.READ_TIMEOUT: Action.RETRY, Condition.WRITE_TIMEOUT: Action.RETRY,
    Condition.CONNECTION_LOST: Action.RETRY,
}


@dataclass(frozen=True)
class ActionTable:
    """Status code -> action, status class (4 for 4xx) -> action, condition -> action, rules."""

    statuses: Mapping[int, Action]
    by_class: Mapping[int, Action]
    conditions: Mapping[Condition, Action]
    rules: tuple[Rule, ...] = field(default=())

    def with_statuses(self, overrides: Mapping[int, Action]) -> ActionTable:
        return replace(self, statuses=MappingProxyType({**self.statuses, **overrides}))

    def with_conditions(self, overrides: Mapping[Condition, Action]) -> ActionTable:
        return replace(self, conditions=MappingProxyType({**self.conditions, **overrides}))

    def with_rule(self, rule: Rule) -> ActionTable:
        """A rule reads an answer and returns its action, or None to fall back to the table."""
        return replace(self, rules=(*self.rules, rule))

    def for_status(self, status: int) -> Action:
        return self.statuses.get(status) or self.by_class.get(status // 100, Action.FAIL_RUN)

    def for_response(self, response: httpx.Response) -> Action:
        for rule in self.rules:
            decided = rule(response)
            if decided is not None:
                return decided
        return self.for_status(response.status_code)

    def for_condition(self, condition: Condition) -> Action:
        return self.conditions.get(condition, Action.FAIL_RUN)

    def classify(self, outcome: httpx.Response | Exception) -> Action:
        if isinstance(outcome, httpx.Response):
            return self.for_response(outcome)
        return self.for_condition(condition_of(outcome))


DEFAULT_ACTIONS = ActionTable(
    statuses=MappingProxyType(_DEFAULT_STATUSES),
    by_class=MappingProxyType(_DEFAULT_BY_CLASS),
    conditions=MappingProxyType(_DEFAULT_CONDITIONS),
)


def classify(outcome: httpx.Response | Exception, table: ActionTable = DEFAULT_ACTIONS) -> Action:
    """The action for an answer or a transport exception, by ``table``."""
    return table.classify(outcome)


def condition_of(error: Exception) -> Condition:
    """Which failure an httpx transport exception stands for (DNS, refused, TLS, ...)."""
    if isinstance(error, httpx.ConnectTimeout):
        return Condition.CONNECT_TIMEOUT
    if isinstance(error, httpx.PoolTimeout):
        return Condition.POOL_TIMEOUT
    if isinstance(error, httpx.ReadTimeout):
        return Condition.READ_TIMEOUT
    if isinstance(error, httpx.WriteTimeout):
        return Condition.WRITE_TIMEOUT
    if isinstance(error, httpx.ProxyError):
        return Condition.PROXY
    if isinstance(error, (httpx.UnsupportedProtocol, httpx.InvalidURL)):
        return Condition.BAD_URL
    if isinstance(error, httpx.ConnectError):
        return _connect_condition(error)
    return Condition.CONNECTION_LOST


def _connect_condition(error: httpx.ConnectError) -> Condition:
    for cause in causes(error):
        if isinstance(cause, socket.gaierror):
            return Condition.DNS
        if isinstance(cause, ssl.SSLError | ssl.CertificateError):
            return Condition.TLS
        if isinstance(cause, ConnectionRefusedError):
            return Condition.REFUSED
    text = str(error)
    if "SSL" in text or "certificate" in text.lower():
        return Condition.TLS
    if "Name or service not known" in text or "nodename nor servname" in text or "getaddrinfo" in text:
        return Condition.DNS
    return Condition.REFUSED if "refused" in text.lower() else Condition.UNREACHABLE


def causes(error: BaseException) -> list[BaseException]:
    """``error`` and the exceptions it was raised from, outermost first."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain
