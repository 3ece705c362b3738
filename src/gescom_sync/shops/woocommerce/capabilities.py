"""What the WooCommerce connector can do, and why not where it cannot.

Two capabilities depend on the shop and are detected on first use: brands (WooCommerce
9.6+ has a ``products/brands`` endpoint; older shops need the Brands extension) and
group/customer prices, which WooCommerce core does not have at all.
"""

from __future__ import annotations

from gescom_sync.i18n import N_
from gescom_sync.shops.capabilities import SUPPORTED, Capabilities, Capability, Support, unsupported

SHOP_NAME = "WooCommerce"

PRICING_EXTENSIONS = {
    "wholesale/v1": "Wholesale Suite (Wholesale Prices)",
    "b2bking/v1": "B2BKing",
}
"""REST namespaces of known pricing extensions, as listed by the shop's /wp-json/ index."""

STATIC_SUPPORT: dict[Capability, Support] = {
    Capability.LANGUAGES: unsupported(N_(
        "a WooCommerce site has one language; multilingual plugins (WPML, Polylang) are not handled")),
    Capability.TAX_CLASSES: SUPPORTED,
    Capability.CARRIERS: SUPPORTED,
    Capability.PAYMENT_METHODS: SUPPORTED,
    Capability.ORDER_STATUSES: SUPPORTED,
    Capability.COUNTRIES: unsupported(N_(
        "the connector does not read WooCommerce's country list (data/countries) yet; use ISO country codes")),
    Capability.CURRENCIES: SUPPORTED,
    Capability.STORES: SUPPORTED,
    Capability.CATEGORIES: SUPPORTED,
    Capability.ATTRIBUTES: SUPPORTED,
    Capability.PRODUCTS: SUPPORTED,
    Capability.VARIANTS: SUPPORTED,
    Capability.IMAGES: SUPPORTED,
    Capability.FEATURES: Support(True, note=N_("features are sent as product attributes that are not variant axes")),
    Capability.STOCK: SUPPORTED,
    Capability.PRICES: SUPPORTED,
    Capability.ACTIVATION: SUPPORTED,
    Capability.PACKS: Support(True, note=N_("packs are grouped products")),
    Capability.CUSTOMER_GROUPS: unsupported(N_(
        "WooCommerce has no customer groups; they come with a pricing or membership extension")),
    Capability.CUSTOMERS: SUPPORTED,
    Capability.EXTRA_ADDRESSES: unsupported(N_(
        "a WooCommerce customer has exactly one billing and one shipping address")),
    Capability.DISABLE_CUSTOMERS: unsupported(N_(
        "WooCommerce has no disabled state for customers in its REST API")),
    Capability.ANONYMISE_CUSTOMERS: Support(True, note=N_(
        "the e-mail gets the customer id (gdpr+12@gdpr.gdpr) because WooCommerce e-mails are unique; "
        "the user name cannot change")),
    Capability.PROSPECTS: SUPPORTED,
    Capability.ORDERS: SUPPORTED,
    Capability.ORDER_STATUS: SUPPORTED,
    Capability.ORDER_NOTE: SUPPORTED,
    Capability.TRACKING_NUMBER: unsupported(N_(
        "WooCommerce core has no tracking number; the Shipment Tracking extension is not handled yet "
        "(send it in a customer note instead)")),
    Capability.ORDER_REFERENCE: Support(True, note=N_(
        "kept in the order meta field _gescom_sync_reference; the order number the customer sees needs "
        "a sequential order number extension")),
    Capability.REFUNDS: SUPPORTED,
    Capability.RETURNS: unsupported(N_(
        "WooCommerce core has no product returns; read refunds (with their restocked lines) instead")),
}

NEEDS_APPLICATION_PASSWORD = unsupported(N_(
    "uploading files needs a WordPress user and application password (shop.wordpress_user, "
    "shop.application_password)"))
NO_BRANDS = unsupported(N_(
    "the shop has no products/brands endpoint (WooCommerce 9.6 or later, or the WooCommerce Brands extension)"))
NO_PRICING_EXTENSION = unsupported(N_(
    "WooCommerce core has no group or customer prices and no supported pricing extension was found on the shop"))


def pricing_extension_not_handled(name: str) -> Support:
    return unsupported(N_("the pricing extension {extension} was found, but gescom-sync cannot write its prices yet"),
                       extension=name)


def woocommerce_capabilities(*, can_upload: bool, has_brands: bool, pricing_namespaces: set[str]) -> Capabilities:
    table = dict(STATIC_SUPPORT)
    for capability in (Capability.IMAGE_UPLOAD, Capability.DOCUMENTS, Capability.ORDER_DOCUMENT):
        table[capability] = SUPPORTED if can_upload else NEEDS_APPLICATION_PASSWORD
    table[Capability.BRANDS] = SUPPORTED if has_brands else NO_BRANDS
    found = [PRICING_EXTENSIONS[n] for n in sorted(pricing_namespaces) if n in PRICING_EXTENSIONS]
    table[Capability.SPECIFIC_PRICES] = pricing_extension_not_handled(found[0]) if found else NO_PRICING_EXTENSION
    return Capabilities(SHOP_NAME, table)
