"""Building the connector from a profile's ``woocommerce`` shop block."""

from __future__ import annotations

from dataclasses import replace

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.profiles.connection_test import http_client_options
from gescom_sync.profiles.models import WooCommerceShop
from gescom_sync.shops.woocommerce.connector import WOOCOMMERCE_OPTIONS, WooCommerceConnector
from gescom_sync.shops.woocommerce.media import MediaCache


def from_settings(shop: WooCommerceShop, *, media_cache: MediaCache | None = None) -> WooCommerceConnector:
    """The connector for ``shop`` (secrets revealed only here), two requests in flight at most."""
    if shop.consumer_key is None or shop.consumer_secret is None:
        raise ConfigError(_("The WooCommerce shop {url} has no consumer key or secret (shop.consumer_key, "
                            "shop.consumer_secret).").format(url=shop.url))
    options = replace(http_client_options(shop.http), max_concurrency=WOOCOMMERCE_OPTIONS.max_concurrency)
    password = shop.application_password.get_secret_value() if shop.application_password else None
    return WooCommerceConnector(
        shop.url, shop.consumer_key.get_secret_value(), shop.consumer_secret.get_secret_value(), auth_mode=shop.auth,
        wordpress_user=shop.wordpress_user, application_password=password, options=options, media_cache=media_cache,
        time_zone=shop.timezone,
    )
