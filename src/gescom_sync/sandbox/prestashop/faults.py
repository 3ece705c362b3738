"""Injected latency and failures for the PrestaShop sandbox (``--latency-ms``, ``--fail-rate``, ``--seed``).

With a seed, the outcomes depend only on the order of requests. A failing webservice
request gets, in equal shares: a 503 with ``Retry-After`` (as a host or proxy in front of
the shop answers; not processed), a 500 with an empty body (PrestaShop's PHP fatal
error, as in recording 02; not processed), or a slow answer: processed, then held
``slow_seconds`` so that a client with a shorter timeout gives up although the write
happened.
"""

from __future__ import annotations

import asyncio
import random
from collections import deque
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

FAULT_KINDS = ("503", "500", "slow")
WEBSERVICE_PATHS = ("/api", "/webservice/")


@dataclass(frozen=True)
class FaultPlan:
    latency_ms: int = 0
    fail_rate: float = 0.0
    seed: int | None = None
    retry_after_s: int = 1
    slow_seconds: float = 35.0  # beyond the connector's default 30 s timeout


class FaultInjector:
    """ASGI middleware applying a :class:`FaultPlan` to webservice requests (not to the HTML page)."""

    def __init__(self, app: ASGIApp, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan
        self.random = random.Random(plan.seed)
        self.outcomes: deque[str] = deque(maxlen=100_000)

    def next_outcome(self) -> str:
        outcome = "ok"
        if self.random.random() < self.plan.fail_rate:
            outcome = self.random.choice(FAULT_KINDS)
        self.outcomes.append(outcome)
        return outcome

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(WEBSERVICE_PATHS):
            await self.app(scope, receive, send)
            return
        if self.plan.latency_ms:
            await asyncio.sleep(self.plan.latency_ms / 1000)
        outcome = self.next_outcome()
        if outcome == "503":
            await _send(send, 503, b"Service Unavailable", [(b"retry-after", str(self.plan.retry_after_s).encode())])
        elif outcome == "500":
            await _send(send, 500, b"", [])
        elif outcome == "slow":
            await self.app(scope, receive, _delayed(send, self.plan.slow_seconds))
        else:
            await self.app(scope, receive, send)


def _delayed(send: Send, seconds: float) -> Send:
    async def delayed_send(message: dict) -> None:
        if message["type"] == "http.response.start":
            await asyncio.sleep(seconds)
        await send(message)

    return delayed_send


async def _send(send: Send, status: int, body: bytes, extra: list[tuple[bytes, bytes]]) -> None:
    headers = [(b"content-type", b"text/html; charset=utf-8"), (b"content-length", str(len(body)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
