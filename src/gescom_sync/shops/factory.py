"""Which connector serves a profile's shop block."""

from __future__ import annotations

from typing import Any

from gescom_sync.errors import ConfigError
from gescom_sync.i18n import _
from gescom_sync.shops.base import Shop
from gescom_sync.state import StateStore


def open_shop(settings: Any, *, store: StateStore | None = None, profile: str | None = None) -> Shop:
    """The connector for ``settings`` (the profile's ``shop`` block).

    With a state store, what the connector uploads once (images, documents) is remembered
    across runs in the profile's bindings.
    """
    from gescom_sync.shops.woocommerce.media import BindingsMediaCache

    cache = BindingsMediaCache(store.bindings, profile) if store is not None and profile else None
    if settings.type == "woocommerce":
        from gescom_sync.shops.woocommerce.settings import from_settings

        return from_settings(settings, media_cache=cache)
    if settings.type == "prestashop":
        from gescom_sync.shops.prestashop.settings import from_settings as prestashop_from_settings

        return prestashop_from_settings(settings, media_cache=cache)
    raise ConfigError(
        _("The {shop} connector is not available yet; shops available now: woocommerce, prestashop.").format(
            shop=settings.type)
    )
