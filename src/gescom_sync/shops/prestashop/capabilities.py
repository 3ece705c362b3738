"""What the PrestaShop connector can do, and why not where it cannot."""

from __future__ import annotations

from gescom_sync.i18n import N_
from gescom_sync.shops.capabilities import SUPPORTED, Capabilities, Capability, Support, unsupported

SHOP_NAME = "PrestaShop"

TABLE: dict[Capability, Support] = {
    Capability.LANGUAGES: SUPPORTED,
    Capability.TAX_CLASSES: Support(True, note=N_("tax rule groups")),
    Capability.CARRIERS: SUPPORTED,
    Capability.PAYMENT_METHODS: Support(True, note=N_("the payment modules found on the shop's orders")),
    Capability.ORDER_STATUSES: SUPPORTED,
    Capability.COUNTRIES: SUPPORTED,
    Capability.CURRENCIES: SUPPORTED,
    Capability.STORES: Support(True, note=N_("multistore shops (id_shop)")),
    Capability.CATEGORIES: SUPPORTED,
    Capability.ATTRIBUTES: Support(True, note=N_("attribute groups and values (product_options)")),
    Capability.PRODUCTS: SUPPORTED,
    Capability.VARIANTS: Support(True, note=N_("combinations, with their own stock rows")),
    Capability.IMAGES: Support(True, note=N_("uploaded to the product (images/products/{id}) when it is written")),
    Capability.IMAGE_UPLOAD: SUPPORTED,
    Capability.DOCUMENTS: Support(True, note=N_("product attachments")),
    Capability.FEATURES: SUPPORTED,
    Capability.BRANDS: Support(True, note=N_("manufacturers")),
    Capability.STOCK: SUPPORTED,
    Capability.PRICES: SUPPORTED,
    Capability.SPECIFIC_PRICES: SUPPORTED,
    Capability.ACTIVATION: Support(True, note=N_(
        "products; a combination has no active flag: a deactivated one gets stock 0 with orders denied")),
    Capability.PACKS: SUPPORTED,
    Capability.CUSTOMER_GROUPS: SUPPORTED,
    Capability.CUSTOMERS: SUPPORTED,
    Capability.EXTRA_ADDRESSES: unsupported(N_(
        "gescom-sync writes one billing and one shipping address per PrestaShop customer; other delivery "
        "addresses and contacts as addresses are not sent yet")),
    Capability.DISABLE_CUSTOMERS: SUPPORTED,
    Capability.ANONYMISE_CUSTOMERS: SUPPORTED,
    Capability.PROSPECTS: SUPPORTED,
    Capability.ORDERS: SUPPORTED,
    Capability.ORDER_STATUS: Support(True, note=N_("a new order history entry")),
    Capability.ORDER_NOTE: Support(True, note=N_("a private message on the order")),
    Capability.TRACKING_NUMBER: Support(True, note=N_("on the order's carrier")),
    Capability.ORDER_REFERENCE: unsupported(N_(
        "the webservice cannot change an order's reference (send the document number in an order message instead)")),
    Capability.ORDER_DOCUMENT: unsupported(N_(
        "the PrestaShop webservice cannot attach a file to an order")),
    Capability.REFUNDS: Support(True, note=N_("credit slips (order_slip)")),
    Capability.RETURNS: unsupported(N_(
        "the PrestaShop webservice has no merchandise returns resource (order_returns answers error 27)")),
}


def prestashop_capabilities() -> Capabilities:
    return Capabilities(SHOP_NAME, TABLE)
