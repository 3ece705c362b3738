"""Injected latency and failures, for fault tests and benchmarks (``--latency-ms``, ``--fail-rate``, ``--seed``).

With a seed, the sequence of outcomes depends only on the order of requests, so a test
that replays the same calls meets the same failures. A failing API request gets, in
equal shares: the shop's "try later" answer with ``Retry-After`` (not processed), the
shop's fatal-error answer (not processed), or a slow answer: processed, then held
``slow_seconds`` so that a client with a shorter timeout gives up although the write
happened — the case an idempotent connector must survive. Each sandbox says what its
shop answers (:class:`FaultAnswers`) and which paths are its API.
"""

from __future__ import annotations

import asyncio
import random
from collections import deque
from dataclasses import dataclass

from starlette.types import ASGIApp, Receive, Scope, Send


@dataclass(frozen=True)
class FaultPlan:
    latency_ms: int = 0
    fail_rate: float = 0.0
    seed: int | None = None
    retry_after_s: int = 1
    slow_seconds: float = 35.0  # beyond the connectors' default 30 s timeout


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes
    content_type: str


@dataclass(frozen=True)
class FaultAnswers:
    """A shop's own answers: ``busy`` (sent with Retry-After) and ``broken``."""

    busy: Answer
    broken: Answer
    api_paths: tuple[str, ...]

    @property
    def kinds(self) -> tuple[str, str, str]:
        return (str(self.busy.status), str(self.broken.status), "slow")


class FaultInjector:
    """ASGI middleware applying a :class:`FaultPlan` to the API's requests (not to the HTML page)."""

    def __init__(self, app: ASGIApp, plan: FaultPlan, answers: FaultAnswers) -> None:
        self.app = app
        self.plan = plan
        self.answers = answers
        self.random = random.Random(plan.seed)
        self.outcomes: deque[str] = deque(maxlen=100_000)  # the latest outcomes, for tests and benchmarks

    def next_outcome(self) -> str:
        """"ok" or one of the answers' kinds; recorded in :attr:`outcomes` for tests."""
        outcome = "ok"
        if self.random.random() < self.plan.fail_rate:
            outcome = self.random.choice(self.answers.kinds)
        self.outcomes.append(outcome)
        return outcome

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.answers.api_paths):
            await self.app(scope, receive, send)
            return
        if self.plan.latency_ms:
            await asyncio.sleep(self.plan.latency_ms / 1000)
        outcome = self.next_outcome()
        busy, broken = self.answers.busy, self.answers.broken
        if outcome == str(busy.status):
            await _send(send, busy, [(b"retry-after", str(self.plan.retry_after_s).encode())])
        elif outcome == str(broken.status):
            await _send(send, broken, [])
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


async def _send(send: Send, answer: Answer, extra: list[tuple[bytes, bytes]]) -> None:
    headers = [(b"content-type", answer.content_type.encode()), (b"content-length", str(len(answer.body)).encode()), *extra]
    await send({"type": "http.response.start", "status": answer.status, "headers": headers})
    await send({"type": "http.response.body", "body": answer.body})
