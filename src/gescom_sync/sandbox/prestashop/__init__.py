"""PrestaShop sandbox shop: the PrestaShop 8.1 webservice subset a connector uses.

In-process (tests): ``PrestaShopSandbox(data_dir, keys=[WebserviceKey(...)]).asgi`` with httpx
``ASGITransport``. Served (demo, end-to-end tests): ``start_sandbox(data_dir, key=...)``.
"""

from gescom_sync.sandbox.prestashop.app import PrestaShopSandbox, WebserviceKey, generate_key
from gescom_sync.sandbox.prestashop.faults import FaultPlan
from gescom_sync.sandbox.prestashop.server import RunningSandbox, start_sandbox

__all__ = ["FaultPlan", "PrestaShopSandbox", "RunningSandbox", "WebserviceKey", "generate_key", "start_sandbox"]
