"""Shop orders -> back-office document drafts (SPEC §3.6): pure functions over the order,
the profile's settings and a snapshot of the back office (docs/import-orders.md)."""

from gescom_sync.mapping.orders.build import build_document, check_special_articles
from gescom_sync.mapping.orders.catalogue import ArticleInfo, OrderCatalogue, PackagingRef, Resolved, VariantRef
from gescom_sync.mapping.orders.draft import (
    DocumentDraft,
    DocumentType,
    DraftLine,
    LineKind,
    PaymentDraft,
    ShippingFooter,
    money,
)
from gescom_sync.mapping.orders.errors import OrderRejected
from gescom_sync.mapping.orders.grouping import GroupedDraft, group_by_day
from gescom_sync.mapping.orders.header import status_rule, template_values
from gescom_sync.mapping.orders.lots import Lot, LotMethod, LotPick, pick_lots
from gescom_sync.mapping.orders.payments import account_override
from gescom_sync.mapping.orders.totals import DocumentTotals, document_totals

__all__ = [
    "ArticleInfo", "DocumentDraft", "DocumentTotals", "DocumentType", "DraftLine", "GroupedDraft", "LineKind", "Lot",
    "LotMethod", "LotPick", "OrderCatalogue", "OrderRejected", "PackagingRef", "PaymentDraft", "Resolved",
    "ShippingFooter", "VariantRef", "account_override", "build_document", "check_special_articles",
    "document_totals", "group_by_day", "money", "pick_lots", "status_rule", "template_values",
]
