"""Secrets registered for a run are replaced by ``***`` before any sink sees an event."""

from __future__ import annotations

from typing import Any

MASK = "***"


class Redactor:
    def __init__(self) -> None:
        self._secrets: set[str] = set()

    def add(self, secret: str | None) -> None:
        """Never show ``secret`` (a password, API key, token) in this run's output."""
        if secret:
            self._secrets.add(secret)

    def text(self, value: str) -> str:
        # Longest first, so that a secret containing another one is masked whole.
        for secret in sorted(self._secrets, key=len, reverse=True):
            value = value.replace(secret, MASK)
        return value

    def data(self, value: Any) -> Any:
        """``value`` with every string inside it (dict keys and values, lists) redacted."""
        if not self._secrets:
            return value
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return {self.data(k): self.data(v) for k, v in value.items()}
        if isinstance(value, (list, tuple)):
            return [self.data(v) for v in value]
        return value
