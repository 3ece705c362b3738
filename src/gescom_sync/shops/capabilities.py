"""What a shop connector can do, and why not when it cannot.

Each connector publishes a :class:`Capabilities` table: every :class:`Capability` is
either supported or not, with the reason (a msgid, translated when shown). An operation
asks before it works (``capabilities.require(Capability.SPECIFIC_PRICES)``) and gets a
:class:`NotSupported` error with one clear line, never a silent skip.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum

from gescom_sync.errors import GescomError
from gescom_sync.i18n import N_, _


class Capability(StrEnum):
    # reference data reads
    LANGUAGES = "languages"
    TAX_CLASSES = "tax_classes"
    CARRIERS = "carriers"
    PAYMENT_METHODS = "payment_methods"
    ORDER_STATUSES = "order_statuses"
    COUNTRIES = "countries"
    CURRENCIES = "currencies"
    STORES = "stores"
    # catalogue writes
    CATEGORIES = "categories"
    ATTRIBUTES = "attributes"
    PRODUCTS = "products"
    VARIANTS = "variants"
    IMAGES = "images"
    IMAGE_UPLOAD = "image_upload"
    DOCUMENTS = "documents"
    FEATURES = "features"
    BRANDS = "brands"
    STOCK = "stock"
    PRICES = "prices"
    SPECIFIC_PRICES = "specific_prices"
    ACTIVATION = "activation"
    PACKS = "packs"
    # customers
    CUSTOMER_GROUPS = "customer_groups"
    CUSTOMERS = "customers"
    EXTRA_ADDRESSES = "extra_addresses"
    DISABLE_CUSTOMERS = "disable_customers"
    ANONYMISE_CUSTOMERS = "anonymise_customers"
    PROSPECTS = "prospects"
    # orders
    ORDERS = "orders"
    ORDER_STATUS = "order_status"
    ORDER_NOTE = "order_note"
    TRACKING_NUMBER = "tracking_number"
    ORDER_REFERENCE = "order_reference"
    ORDER_DOCUMENT = "order_document"
    REFUNDS = "refunds"
    RETURNS = "returns"


CAPABILITY_LABELS: Mapping[Capability, str] = {
    Capability.LANGUAGES: N_("languages"),
    Capability.TAX_CLASSES: N_("tax classes"),
    Capability.CARRIERS: N_("carriers"),
    Capability.PAYMENT_METHODS: N_("payment methods"),
    Capability.ORDER_STATUSES: N_("order statuses"),
    Capability.COUNTRIES: N_("countries and zones"),
    Capability.CURRENCIES: N_("currencies"),
    Capability.STORES: N_("stores"),
    Capability.CATEGORIES: N_("categories"),
    Capability.ATTRIBUTES: N_("attributes and values"),
    Capability.PRODUCTS: N_("products"),
    Capability.VARIANTS: N_("variants"),
    Capability.IMAGES: N_("images"),
    Capability.IMAGE_UPLOAD: N_("image upload"),
    Capability.DOCUMENTS: N_("documents"),
    Capability.FEATURES: N_("features"),
    Capability.BRANDS: N_("brands"),
    Capability.STOCK: N_("stock"),
    Capability.PRICES: N_("prices"),
    Capability.SPECIFIC_PRICES: N_("group and customer prices"),
    Capability.ACTIVATION: N_("product activation"),
    Capability.PACKS: N_("packs"),
    Capability.CUSTOMER_GROUPS: N_("customer groups"),
    Capability.CUSTOMERS: N_("customers"),
    Capability.EXTRA_ADDRESSES: N_("extra customer addresses"),
    Capability.DISABLE_CUSTOMERS: N_("disabling customers"),
    Capability.ANONYMISE_CUSTOMERS: N_("anonymising customers"),
    Capability.PROSPECTS: N_("prospects"),
    Capability.ORDERS: N_("orders"),
    Capability.ORDER_STATUS: N_("order status updates"),
    Capability.ORDER_NOTE: N_("order notes"),
    Capability.TRACKING_NUMBER: N_("tracking numbers"),
    Capability.ORDER_REFERENCE: N_("order references"),
    Capability.ORDER_DOCUMENT: N_("documents attached to orders"),
    Capability.REFUNDS: N_("refunds and credit notes"),
    Capability.RETURNS: N_("product returns"),
}


class NotSupported(GescomError):
    """An operation asked a shop for something it cannot do."""


@dataclass(frozen=True, slots=True)
class Support:
    supported: bool
    reason: str | None = None  # a msgid (English), translated when shown; required when not supported
    note: str | None = None  # a msgid: how it is done, when it is worth saying (supported)
    args: tuple[tuple[str, str], ...] = ()  # values of the reason's {placeholders}

    def reason_text(self) -> str:
        """The reason, translated, placeholders filled."""
        return _(self.reason).format(**dict(self.args)) if self.reason else "?"


SUPPORTED = Support(True)


def unsupported(reason: str, **args: str) -> Support:
    return Support(False, reason, args=tuple(args.items()))


class Capabilities:
    """Capability -> Support for one connector; a capability not listed is not supported."""

    def __init__(self, shop_name: str, table: Mapping[Capability, Support]) -> None:
        self.shop_name = shop_name
        self._table = dict(table)

    def support(self, capability: Capability) -> Support:
        return self._table.get(capability, Support(False, N_("this connector does not implement it")))

    def supports(self, capability: Capability) -> bool:
        return self.support(capability).supported

    def require(self, capability: Capability) -> None:
        """Raise :class:`NotSupported` with the reason when ``capability`` is not supported."""
        support = self.support(capability)
        if not support.supported:
            raise NotSupported(self.explain(capability))

    def explain(self, capability: Capability) -> str:
        """One translated line: "X: supported" or "X is not supported by <shop> because …"."""
        support = self.support(capability)
        label = _(CAPABILITY_LABELS[capability])
        if support.supported and support.note:
            return _("{what}: supported by {shop} ({note}).").format(what=label, shop=self.shop_name, note=_(support.note))
        if support.supported:
            return _("{what}: supported by {shop}.").format(what=label, shop=self.shop_name)
        return _("{what}: not supported by {shop} because {reason}.").format(
            what=label, shop=self.shop_name, reason=support.reason_text())

    def with_support(self, capability: Capability, support: Support) -> Capabilities:
        """A copy where ``capability`` has ``support`` (after detecting an extension, say)."""
        return Capabilities(self.shop_name, {**self._table, capability: support})

    def __iter__(self) -> Iterator[tuple[Capability, Support]]:
        return iter((capability, self.support(capability)) for capability in Capability)
