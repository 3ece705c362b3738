"""What a PrestaShop shop answers when it fails: a 503 with Retry-After (as a host or
proxy in front of the shop answers), an empty-body 500 (PHP's fatal error, as in
recording 02); see ``sandbox/common/faults.py`` for the plan."""

from __future__ import annotations

from gescom_sync.sandbox.common.faults import Answer, FaultAnswers, FaultInjector, FaultPlan

HTML = "text/html; charset=utf-8"

PRESTASHOP_FAULTS = FaultAnswers(
    busy=Answer(503, b"Service Unavailable", HTML),
    broken=Answer(500, b"", HTML),
    api_paths=("/api", "/webservice/"),
)
FAULT_KINDS = PRESTASHOP_FAULTS.kinds

__all__ = ["FAULT_KINDS", "PRESTASHOP_FAULTS", "FaultInjector", "FaultPlan"]
