"""The PrestaShop connector (webservice, PrestaShop 1.7 / 8): see docs/shop-prestashop.md."""

from gescom_sync.shops.prestashop.connector import PrestaShopConnector
from gescom_sync.shops.prestashop.session import PRESTASHOP_OPTIONS

__all__ = ["PRESTASHOP_OPTIONS", "PrestaShopConnector"]
