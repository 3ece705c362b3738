"""Shop connectors: one sub-package per shop, all implementing ``shops.base.Shop``."""

from gescom_sync.shops.base import OrderQuery, Shop, WriteOutcome, WriteResult
from gescom_sync.shops.capabilities import Capabilities, Capability, NotSupported, Support

__all__ = ["Capabilities", "Capability", "NotSupported", "OrderQuery", "Shop", "Support", "WriteOutcome", "WriteResult"]
