"""WooCommerce sandbox shop: the REST API v3 subset and WordPress media endpoint a connector uses.

In-process (tests): ``WooCommerceSandbox(data_dir, keys=[ApiKey(...)]).asgi`` with httpx
``ASGITransport``. Served (demo, end-to-end tests): ``start_sandbox(data_dir, ...)``.
"""

from gescom_sync.sandbox.woocommerce.app import WooCommerceSandbox
from gescom_sync.sandbox.woocommerce.auth import ApiKey, generate_api_key
from gescom_sync.sandbox.woocommerce.faults import FaultPlan
from gescom_sync.sandbox.woocommerce.server import RunningSandbox, start_sandbox

__all__ = ["ApiKey", "FaultPlan", "RunningSandbox", "WooCommerceSandbox", "generate_api_key", "start_sandbox"]
