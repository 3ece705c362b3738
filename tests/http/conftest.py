"""A fake clock for the HTTP client: sleeps are recorded and advance time, never wait."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from gescom_sync.http import HttpOptions, ShopHttpClient

SHOP_URL = "https://shop.test/wp-json/wc/v3"


class FakeTime:
    """Monotonic clock, wall clock and sleep in one: ``sleep(s)`` records s and moves time on."""

    def __init__(self) -> None:
        self.seconds = 1000.0
        self.sleeps: list[float] = []
        self.wall_start = datetime(2026, 11, 23, 1, 0, 0, tzinfo=UTC)
        self._lock = threading.Lock()

    def clock(self) -> float:
        return self.seconds

    def now(self) -> datetime:
        return self.wall_start + timedelta(seconds=self.seconds - 1000.0)

    def sleep(self, seconds: float) -> None:
        with self._lock:
            self.sleeps.append(seconds)
            self.seconds += seconds

    def advance(self, seconds: float) -> None:
        with self._lock:
            self.seconds += seconds


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


Handler = Callable[[httpx.Request], httpx.Response]


@pytest.fixture
def make_client(fake_time: FakeTime) -> Callable[..., ShopHttpClient]:
    """``make_client(handler, **options)``: a client on a MockTransport, fake time, no delay
    between requests unless ``delay_ms`` is given, jitter fixed at 0.5 unless given."""
    clients: list[ShopHttpClient] = []

    def make(handler: Handler, *, auth: httpx.Auth | None = None, secrets=(), jitter: float = 0.5,
             actions=None, shop_message=None, url: str = SHOP_URL, **option_values) -> ShopHttpClient:
        option_values.setdefault("delay_ms", 0)
        extra = {}
        if actions is not None:
            extra["actions"] = actions
        if shop_message is not None:
            extra["shop_message"] = shop_message
        client = ShopHttpClient(
            url, HttpOptions(**option_values), auth=auth, secrets=secrets, transport=httpx.MockTransport(handler),
            sleep=fake_time.sleep, clock=fake_time.clock, now=fake_time.now, jitter=lambda: jitter, **extra,
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


class Script:
    """A MockTransport handler that plays a list of answers (or exceptions) in order."""

    def __init__(self, *steps: httpx.Response | Exception) -> None:
        self.steps = list(steps)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        step = self.steps[min(len(self.requests), len(self.steps)) - 1]
        if isinstance(step, Exception):
            raise step
        return httpx.Response(step.status_code, headers=step.headers, content=step.content)


@pytest.fixture
def script() -> type[Script]:
    return Script
