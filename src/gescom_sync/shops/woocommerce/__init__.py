"""WooCommerce over REST API v3 (docs/shop-woocommerce.md)."""

from gescom_sync.shops.woocommerce.auth import AuthMode
from gescom_sync.shops.woocommerce.connector import DocumentSettings, WooCommerceConnector
from gescom_sync.shops.woocommerce.media import BindingsMediaCache, MediaCache, MemoryMediaCache
from gescom_sync.shops.woocommerce.settings import from_settings

__all__ = ["AuthMode", "BindingsMediaCache", "DocumentSettings", "MediaCache", "MemoryMediaCache",
           "WooCommerceConnector", "from_settings"]
