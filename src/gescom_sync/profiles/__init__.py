"""Profiles and application settings: pydantic models <-> TOML files, secrets kept apart.

See docs/configuration.md for every key. The functions below are what the rest of
gescom-sync calls.
"""

from gescom_sync.profiles.models import (
    AppSettings,
    HttpOptions,
    MagentoShop,
    PrestaShopShop,
    Profile,
    Sage100Backoffice,
    ShopifyShop,
    SmtpSettings,
    WooCommerceShop,
)
from gescom_sync.profiles.settings import load_settings, save_settings, settings_path
from gescom_sync.profiles.store import (
    create_profile,
    default_profile_name,
    delete_profile,
    duplicate_profile,
    export_profile,
    import_profile,
    list_profiles,
    load_profile,
    profile_exists,
    profile_path,
    rename_profile,
    require_profile,
    save_profile,
    set_default_profile,
    update_profile,
)

__all__ = [
    "AppSettings",
    "HttpOptions",
    "MagentoShop",
    "PrestaShopShop",
    "Profile",
    "Sage100Backoffice",
    "ShopifyShop",
    "SmtpSettings",
    "WooCommerceShop",
    "create_profile",
    "default_profile_name",
    "delete_profile",
    "duplicate_profile",
    "export_profile",
    "import_profile",
    "list_profiles",
    "load_profile",
    "load_settings",
    "profile_exists",
    "profile_path",
    "rename_profile",
    "require_profile",
    "save_profile",
    "save_settings",
    "set_default_profile",
    "settings_path",
    "update_profile",
]
