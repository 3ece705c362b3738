"""Building the connector from a profile's ``prestashop`` shop block."""

from __future__ import annotations

from dataclasses import replace

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.profiles.connection_test import http_client_options
from gescom_sync.profiles.models import PrestaShopShop
from gescom_sync.shops.prestashop.connector import PrestaShopConnector
from gescom_sync.shops.woocommerce.media import MediaCache


def from_settings(shop: PrestaShopShop, *, media_cache: MediaCache | None = None) -> PrestaShopConnector:
    """The connector for ``shop`` (the key revealed only here), ``max_concurrency`` requests in flight."""
    if shop.api_key is None:
        raise ConfigError(_("The PrestaShop shop {url} has no webservice key (shop.api_key).").format(url=shop.url))
    options = replace(http_client_options(shop.http), max_concurrency=shop.max_concurrency)
    return PrestaShopConnector(shop.url, shop.api_key.get_secret_value(), languages=shop.languages,
                               id_shop=shop.id_shop, send_email_on_status=shop.send_email_on_status, options=options,
                               media_cache=media_cache, time_zone=shop.timezone)
