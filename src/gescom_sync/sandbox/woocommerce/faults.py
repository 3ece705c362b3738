"""What a WooCommerce shop answers when it fails: a 429 with Retry-After, WordPress's
critical-error 500 (see ``sandbox/common/faults.py`` for the plan)."""

from __future__ import annotations

import json

from gescom_sync.sandbox.common.faults import Answer, FaultAnswers, FaultInjector, FaultPlan

TOO_MANY = {"code": "rest_too_many_requests", "message": "Too many requests. Please wait and try again.", "data": {"status": 429}}
CRITICAL = {"code": "internal_server_error",
            "message": "<p>There has been a critical error on this website.</p><p><a href=\"https://wordpress.org/documentation/article/faq-troubleshooting/\">Learn more about troubleshooting WordPress.</a></p>",
            "data": {"status": 500}, "additional_errors": []}
JSON = "application/json; charset=UTF-8"

WOOCOMMERCE_FAULTS = FaultAnswers(
    busy=Answer(429, json.dumps(TOO_MANY, separators=(",", ":")).encode(), JSON),
    broken=Answer(500, json.dumps(CRITICAL, separators=(",", ":")).encode(), JSON),
    api_paths=("/wp-json/",),
)
FAULT_KINDS = WOOCOMMERCE_FAULTS.kinds

__all__ = ["FAULT_KINDS", "WOOCOMMERCE_FAULTS", "FaultInjector", "FaultPlan"]
