"""The records that cross the bridge between a back office and a shop.

Plain frozen dataclasses, money and quantities as ``Decimal``, identifiers as strings.
They describe any back office (Sage 100, Dolibarr, Tryton, Odoo): Sage specifics stay in
``gescom_sync.backoffice.sage100``.
"""

from gescom_sync.model.catalogue import CatalogueNode, Family
from gescom_sync.model.customer import Address, Contact, Customer, CustomerGroup
from gescom_sync.model.price import (
    FamilyDiscount,
    FamilyPriceRule,
    PackagingPrice,
    Price,
    PriceConditions,
    PriceRule,
    PriceRuleKind,
    ScheduledPrice,
    VariantPrice,
)
from gescom_sync.model.product import (
    BomComponent,
    BomKind,
    FreeValue,
    Media,
    Packaging,
    Product,
    SupplierReference,
    Variant,
    WeightUnit,
)
from gescom_sync.model.reference import AccountingCategory, Currency, PaymentMethod, ShippingMode, Tax, TaxRateKind
from gescom_sync.model.stock import OpenOrderLine, OrderSide, StockCounters, StockFormula, StockLevel, Warehouse

__all__ = [
    "AccountingCategory",
    "Address",
    "BomComponent",
    "BomKind",
    "CatalogueNode",
    "Contact",
    "Currency",
    "Customer",
    "CustomerGroup",
    "Family",
    "FamilyDiscount",
    "FamilyPriceRule",
    "FreeValue",
    "Media",
    "OpenOrderLine",
    "OrderSide",
    "Packaging",
    "PackagingPrice",
    "PaymentMethod",
    "Price",
    "PriceConditions",
    "PriceRule",
    "PriceRuleKind",
    "Product",
    "ScheduledPrice",
    "ShippingMode",
    "StockCounters",
    "StockFormula",
    "StockLevel",
    "SupplierReference",
    "Tax",
    "TaxRateKind",
    "Variant",
    "VariantPrice",
    "Warehouse",
    "WeightUnit",
]
