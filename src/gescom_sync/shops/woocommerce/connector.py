"""The WooCommerce connector: REST API v3 (``/wp-json/wc/v3``) through ``ShopHttpClient``.

Reads page 100 at a time following ``X-WP-TotalPages``; writes go through the ``…/batch``
endpoints (:mod:`.batch`); images and documents are uploaded once to the WordPress media
library (:mod:`.media`). What the sides share is in :mod:`.session`; each side is its own
module (:mod:`.catalogue_side`, :mod:`.customer_side`, :mod:`.order_side`).
See docs/shop-woocommerce.md.
"""

from __future__ import annotations

from gescom_sync.shops.woocommerce.capabilities import SHOP_NAME
from gescom_sync.shops.woocommerce.catalogue_side import CatalogueSide
from gescom_sync.shops.woocommerce.customer_side import CustomerSide
from gescom_sync.shops.woocommerce.order_side import OrderSide
from gescom_sync.shops.woocommerce.session import WOOCOMMERCE_OPTIONS, DocumentSettings

__all__ = ["WOOCOMMERCE_OPTIONS", "DocumentSettings", "WooCommerceConnector"]


class WooCommerceConnector(CatalogueSide, CustomerSide, OrderSide):
    """A WooCommerce shop. Thread-safe for reads and writes of one run."""

    name = SHOP_NAME
