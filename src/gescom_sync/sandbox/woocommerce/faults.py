"""Injected latency and failures, for fault tests and benchmarks (``--latency-ms``, ``--fail-rate``).

With a seed, the sequence of outcomes depends only on the order of requests, so a test
that replays the same calls meets the same failures. A failing request gets, in equal
shares: a 429 with ``Retry-After`` (not processed), a 500 with WordPress's fatal-error
body (not processed), or a slow answer: processed, then held ``slow_seconds`` so that a
client with a shorter timeout gives up although the write happened — the case an
idempotent connector must survive.
"""

from __future__ import annotations

import asyncio
import json
import random
from collections import deque
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send

FAULT_KINDS = ("429", "500", "slow")
TOO_MANY = {"code": "rest_too_many_requests", "message": "Too many requests. Please wait and try again.", "data": {"status": 429}}
CRITICAL = {"code": "internal_server_error",
            "message": "<p>There has been a critical error on this website.</p><p><a href=\"https://wordpress.org/documentation/article/faq-troubleshooting/\">Learn more about troubleshooting WordPress.</a></p>",
            "data": {"status": 500}, "additional_errors": []}


@dataclass(frozen=True)
class FaultPlan:
    latency_ms: int = 0
    fail_rate: float = 0.0
    seed: int | None = None
    retry_after_s: int = 1
    slow_seconds: float = 35.0  # beyond the connector's default 30 s timeout


class FaultInjector:
    """ASGI middleware applying a :class:`FaultPlan` to ``/wp-json`` requests."""

    def __init__(self, app: ASGIApp, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan
        self.random = random.Random(plan.seed)
        self.outcomes: deque[str] = deque(maxlen=100_000)  # the latest outcomes, for tests and benchmarks

    def next_outcome(self) -> str:
        """"ok" or one of FAULT_KINDS; recorded in :attr:`outcomes` for tests."""
        outcome = "ok"
        if self.random.random() < self.plan.fail_rate:
            outcome = self.random.choice(FAULT_KINDS)
        self.outcomes.append(outcome)
        return outcome

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/wp-json/"):
            await self.app(scope, receive, send)
            return
        if self.plan.latency_ms:
            await asyncio.sleep(self.plan.latency_ms / 1000)
        outcome = self.next_outcome()
        if outcome == "429":
            await _send_json(send, 429, TOO_MANY, [(b"retry-after", str(self.plan.retry_after_s).encode())])
        elif outcome == "500":
            await _send_json(send, 500, CRITICAL, [])
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


async def _send_json(send: Send, status: int, body: dict, extra: list[tuple[bytes, bytes]]) -> None:
    payload = json.dumps(body, separators=(",", ":")).encode()
    headers = [(b"content-type", b"application/json; charset=UTF-8"), (b"content-length", str(len(payload)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": payload})
