"""``ShopHttpClient``: the one way connectors talk HTTP to a shop.

It paces requests (``delay_ms`` between request starts, across threads), bounds the
requests in flight (``max_concurrency``), retries what the action table says is worth
retrying with exponential backoff and jitter or the shop's ``Retry-After``, never retries
a write that the shop may have applied (``OutcomeUnknown``), turns every failure into a
clear ``HttpError``, and logs each request and answer at debug level with secrets masked.
"""

from __future__ import annotations

import contextvars
import logging
import random
import threading
import time
import weakref
from collections.abc import Callable, Generator, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, Generic, TypeVar

import httpx

from gescom_sync.errors import GescomError
from gescom_sync.http import messages
from gescom_sync.http.actions import DEFAULT_ACTIONS, NOT_SENT, Action, ActionTable, condition_of
from gescom_sync.http.errors import HttpError, OutcomeUnknown, RequestFailed, ShopUnreachable, default_shop_message
from gescom_sync.http.options import HttpOptions
from gescom_sync.http.redact import Redactor

logger = logging.getLogger("gescom_sync.http")

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
BODY_EXCERPT = 500
_REDACTION_WINDOW = 64_000

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class MapResult(Generic[T, R]):
    """One item of ``ShopHttpClient.map``: its value, or the error it ended in."""

    item: T
    value: R | None = None
    error: GescomError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class ShopHttpClient:
    """HTTP client for one shop. Thread-safe: share one per shop and run."""

    def __init__(
        self,
        base_url: str,
        options: HttpOptions = HttpOptions(),
        auth: httpx.Auth | None = None,
        secrets: Iterable[str | None] = (),
        *,
        actions: ActionTable = DEFAULT_ACTIONS,
        shop_message: Callable[[httpx.Response], str | None] = default_shop_message,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        jitter: Callable[[], float] = random.random,
    ) -> None:
        """``secrets`` are masked wherever they would appear (logs, errors); ``shop_message``
        extracts the shop's own error text from an answer; ``transport``, ``sleep``,
        ``clock``, ``now`` and ``jitter`` are for tests."""
        self.options = options
        self.actions = actions
        self._shop_message = shop_message
        self._redactor = Redactor([*secrets, options.basic_auth_password, _password_in(options.proxy)])
        _live_redactors.add(self._redactor)
        self._sleep, self._clock, self._now, self._jitter = sleep, clock, now, jitter
        self._pacer = _Pacer(options.delay, clock, sleep)
        self._slots = threading.BoundedSemaphore(options.max_concurrency)
        self._http = httpx.Client(
            base_url=base_url,
            auth=_with_front_auth(auth, options),
            timeout=httpx.Timeout(options.timeout),
            verify=options.ssl_context(),
            proxy=options.proxy,
            transport=transport,
            headers={"User-Agent": options.user_agent},
            follow_redirects=False,
        )

    # -- plumbing ---------------------------------------------------------------------

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> ShopHttpClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def base_url(self) -> httpx.URL:
        return self._http.base_url

    def redact(self, text: str) -> str:
        """``text`` with this shop's secrets and password-like fields masked."""
        return self._redactor.text(text)

    # -- requests ---------------------------------------------------------------------

    def get(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PUT", url, **kwargs)

    def patch(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("PATCH", url, **kwargs)

    def delete(self, url: str, **kwargs: Any) -> httpx.Response:
        return self.request("DELETE", url, **kwargs)

    def request(self, method: str, url: str, *, idempotent: bool | None = None, **kwargs: Any) -> httpx.Response:
        """Send a request, retrying as the action table says; return the successful answer.

        ``idempotent`` defaults to True for GET/HEAD/OPTIONS only: a write is retried after a
        5xx or a lost answer only when the caller says repeating it is harmless. Other
        keyword arguments go to ``httpx.Client.build_request`` (params, json, content,
        files, headers...). Raises ``RequestFailed``, ``OutcomeUnknown`` or ``ShopUnreachable``.
        """
        request = self._http.build_request(method.upper(), url, **kwargs)
        repeatable = request.method in SAFE_METHODS if idempotent is None else idempotent
        for attempt in range(1, self.options.max_tries + 1):
            outcome = self._attempt(request, attempt)
            if isinstance(outcome, httpx.Response) and self.actions.for_response(outcome) is Action.OK:
                return outcome
            self._sleep(self._wait_before_retry(request, outcome, attempt, repeatable))
        raise AssertionError("unreachable: the last try returns or raises")

    def check_connection(self, path: str = "") -> httpx.Response:
        """GET the API root (or ``path``) as a connection test; a 404 means a wrong address."""
        try:
            return self.get(path)
        except RequestFailed as error:
            if error.status != 404:
                raise
            raise RequestFailed(
                messages.wrong_address(error.url, error.shop_message), action=Action.FAIL_RUN, method="GET",
                url=error.url, status=404, shop_message=error.shop_message, response=error.response, tries=error.tries,
            ) from error

    def map(self, fn: Callable[[T], R], items: Iterable[T], max_workers: int | None = None) -> list[MapResult[T, R]]:
        """Run ``fn`` on every item in parallel, at most ``max_concurrency`` at once.

        Results come back in input order. An item whose ``fn`` raises a ``GescomError`` (an
        ``HttpError`` for instance) gets it as its ``error`` and the others go on; any other
        exception is a bug and is raised once the running items have finished.
        """
        items = list(items)
        workers = max(1, min(max_workers or self.options.max_concurrency, self.options.max_concurrency, len(items)))

        def run(item: T) -> MapResult[T, R]:
            try:
                return MapResult(item, value=fn(item))
            except GescomError as error:
                return MapResult(item, error=error)

        if workers == 1:
            return [run(item) for item in items]
        with ThreadPoolExecutor(workers, thread_name_prefix="gescom-http") as pool:
            # Each task runs in a copy of the caller's context: language, run id...
            futures = [pool.submit(contextvars.copy_context().run, run, item) for item in items]
            return [future.result() for future in futures]

    # -- one try ------------------------------------------------------------------------

    def _attempt(self, request: httpx.Request, attempt: int) -> httpx.Response | httpx.TransportError:
        with self._slots:
            self._pacer.wait()
            started = self._clock()
            self._log_request(request, attempt)
            try:
                response = self._http.send(request)
            except httpx.TransportError as error:
                self._log_transport_error(request, error, started)
                return error
        self._log_response(response, started)
        return response

    def _wait_before_retry(self, request: httpx.Request, outcome: httpx.Response | httpx.TransportError,
                           attempt: int, repeatable: bool) -> float:
        """Seconds to wait before trying a failed request again.

        Raises the final error when the failure is not worth another try, when this was
        the last try, or when the shop may have acted on a request that must not be repeated.
        """
        if isinstance(outcome, httpx.Response):
            action = self.actions.for_response(outcome)
            shop_may_have_acted = action is Action.RETRY
        else:
            condition = condition_of(outcome)
            action = self.actions.for_condition(condition)
            shop_may_have_acted = condition not in NOT_SENT
        retryable = action in (Action.RETRY, Action.RATE_LIMITED)
        if retryable and shop_may_have_acted and not repeatable:
            raise self._outcome_unknown(request, outcome, action, attempt)
        if not retryable or attempt >= self.options.max_tries:
            raise self._failure(request, outcome, action, attempt)
        if isinstance(outcome, httpx.Response):
            return self._wait_after_answer(request, outcome, attempt)
        return self._backoff(attempt)

    def _wait_after_answer(self, request: httpx.Request, response: httpx.Response, attempt: int) -> float:
        retry_after = parse_retry_after(response.headers.get("retry-after"), self._now())
        if retry_after is None:
            return self._backoff(attempt)
        if retry_after > self.options.retry_after_max:
            raise RequestFailed(
                messages.wait_too_long(method=request.method, url=self._url(request), seconds=retry_after,
                                       limit=self.options.retry_after_max),
                action=Action.RATE_LIMITED, method=request.method, url=self._url(request),
                status=response.status_code, response=response, tries=attempt,
            )
        return retry_after

    def _backoff(self, attempt: int) -> float:
        """Exponential backoff with "equal jitter": between half and all of base x 2^(try-1)."""
        ceiling = min(self.options.backoff_base * 2 ** (attempt - 1), self.options.backoff_max)
        return ceiling / 2 + self._jitter() * ceiling / 2

    # -- errors -----------------------------------------------------------------------

    def _url(self, request: httpx.Request) -> str:
        return self._redactor.url(request.url)

    def _shop_says(self, response: httpx.Response) -> str | None:
        found = self._shop_message(response)
        return self._redactor.text(found) if found else None

    def _failure(self, request: httpx.Request, outcome: httpx.Response | httpx.TransportError,
                 action: Action, tries: int) -> HttpError:
        method, url = request.method, self._url(request)
        if isinstance(outcome, httpx.Response):
            shop_message = self._shop_says(outcome)
            text = messages.with_tries(messages.failed_status(outcome, action, method=method, url=url), tries)
            return RequestFailed(messages.with_shop_message(text, shop_message), action=action, method=method,
                                 url=url, status=outcome.status_code, shop_message=shop_message, response=outcome,
                                 tries=tries)
        text = self._unreachable_text(request, outcome)
        return ShopUnreachable(messages.with_tries(text, tries), action=action, method=method, url=url, tries=tries)

    def _outcome_unknown(self, request: httpx.Request, outcome: httpx.Response | httpx.TransportError,
                         action: Action, tries: int) -> OutcomeUnknown:
        method, url = request.method, self._url(request)
        if isinstance(outcome, httpx.Response):
            shop_message = self._shop_says(outcome)
            text = messages.outcome_unknown(messages.failed_status(outcome, action, method=method, url=url))
            return OutcomeUnknown(messages.with_shop_message(text, shop_message), action=action, method=method,
                                  url=url, status=outcome.status_code, shop_message=shop_message, response=outcome,
                                  tries=tries)
        text = messages.outcome_unknown(self._unreachable_text(request, outcome))
        return OutcomeUnknown(text, action=action, method=method, url=url, tries=tries)

    def _unreachable_text(self, request: httpx.Request, error: httpx.TransportError) -> str:
        text = messages.unreachable(
            condition_of(error), error, method=request.method, url=self._url(request), host=request.url.host,
            port=request.url.port or _default_port(request.url), timeout=self.options.timeout,
            tls_min_version=self.options.tls_min_version,
        )
        return self._redactor.text(text)

    # -- debug log --------------------------------------------------------------------

    def _log_request(self, request: httpx.Request, attempt: int) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("-> %s %s (try %d/%d) body=%s", request.method, self._url(request), attempt,
                         self.options.max_tries, self._excerpt(_request_body(request), request.headers))

    def _log_response(self, response: httpx.Response, started: float) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            sent = response.request
            logger.debug("<- %d %s %s in %d ms request-headers=%s body=%s", response.status_code, sent.method,
                         self._url(sent), _ms(self._clock() - started), self._redactor.headers(sent.headers),
                         self._excerpt(response.content, response.headers))

    def _log_transport_error(self, request: httpx.Request, error: httpx.TransportError, started: float) -> None:
        if logger.isEnabledFor(logging.DEBUG):
            logger.debug("<- no answer to %s %s after %d ms: %s (%s)", request.method, self._url(request),
                         _ms(self._clock() - started), type(error).__name__, self._redactor.text(str(error)))

    def _excerpt(self, body: bytes | None, headers: httpx.Headers) -> str:
        if body is None:
            return "<streamed>"
        if not body:
            return "<empty>"
        content_type = headers.get("content-type", "")
        if not _is_text(content_type):
            return f"<{len(body)} bytes {content_type}>"
        text = self._redactor.text(body[:_REDACTION_WINDOW].decode("utf-8", errors="replace"))
        return text if len(text) <= BODY_EXCERPT else text[:BODY_EXCERPT] + f"... ({len(body)} bytes)"


_live_redactors: weakref.WeakSet[Redactor] = weakref.WeakSet()
_by_name = Redactor()


class _RedactHttpxLog(logging.Filter):
    """httpx logs every request URL at INFO level; mask the secrets of every live client in it."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for redactor in list(_live_redactors):
            message = redactor.text(message)
        record.msg, record.args = _by_name.text(message), None
        return True


logging.getLogger("httpx").addFilter(_RedactHttpxLog())


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class _Pacer:
    """Spaces the starts of requests by ``delay`` seconds, whatever thread sends them."""

    def __init__(self, delay: float, clock: Callable[[], float], sleep: Callable[[float], None]) -> None:
        self._delay, self._clock, self._sleep = delay, clock, sleep
        self._next_start: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> None:
        if self._delay <= 0:
            return
        with self._lock:
            now = self._clock()
            start = now if self._next_start is None else max(now, self._next_start)
            self._next_start = start + self._delay
        if start > now:
            self._sleep(start - now)


class _FrontBasicAuth(httpx.Auth):
    """HTTP basic authentication of a protected site, then the shop API's own auth."""

    def __init__(self, front: httpx.BasicAuth, api_auth: httpx.Auth | None) -> None:
        self._front = front
        self._api_auth = api_auth
        self.requires_request_body = bool(api_auth and api_auth.requires_request_body)
        self.requires_response_body = bool(api_auth and api_auth.requires_response_body)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request = next(self._front.auth_flow(request))
        if self._api_auth is None:
            yield request
        else:
            yield from self._api_auth.auth_flow(request)


def _with_front_auth(auth: httpx.Auth | None, options: HttpOptions) -> httpx.Auth | None:
    if not options.basic_auth_user:
        return auth
    front = httpx.BasicAuth(options.basic_auth_user, options.basic_auth_password or "")
    return _FrontBasicAuth(front, auth)


def _password_in(url: str | None) -> str | None:
    return httpx.URL(url).password if url else None


def _default_port(url: httpx.URL) -> int | None:
    return {"http": 80, "https": 443}.get(url.scheme)


def _request_body(request: httpx.Request) -> bytes | None:
    try:
        return request.content
    except httpx.RequestNotRead:
        return None


def _is_text(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return not kind or kind.startswith("text/") or kind.endswith(("json", "xml", "x-www-form-urlencoded", "javascript"))


def _ms(seconds: float) -> int:
    return round(seconds * 1000)
