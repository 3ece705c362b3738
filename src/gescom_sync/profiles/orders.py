"""Settings of the order import (SPEC §3.6), except the customer rules (profiles/customers.py).

Every mapping table has its default; codes are the back office's own: document types
by name, Sage slots (``DO_Expedit``, ``N_Reglement``, ``N_Devise``, ``N_CatCompta``) and
tax codes (``C20``) as the merchant sees them in Sage. The lead adds the block to
``Profile`` as ``import_orders`` (docs/import-orders.md).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import Field, field_validator, model_validator

from gescom_sync.i18n import _
from gescom_sync.mapping.templates import FIELDS, check_template
from gescom_sync.profiles.base import Settings
from gescom_sync.profiles.customers import CustomerRules

DocumentKind = Literal["quote", "order", "preparation", "delivery_note", "invoice"]
DocumentStatus = Literal["entered", "confirmed", "accepted"]


class StatusRule(Settings):
    """What an order in one shop status becomes."""

    import_order: bool = Field(True, description="Import orders in this status.")
    document: DocumentKind = "order"
    document_status: DocumentStatus = "accepted"
    set_status_after: str | None = Field(None, description="Shop status to set once imported (None: leave it).")


def _default_statuses() -> dict[str, StatusRule]:
    return {
        "processing": StatusRule(document="order", document_status="accepted"),
        "on-hold": StatusRule(document="order", document_status="entered"),
        "completed": StatusRule(document="invoice", document_status="accepted"),
    }


class HeaderSettings(Settings):
    """The document header (SPEC §3.6 "Document header")."""

    date: Literal["order", "invoice", "today"] = "order"
    series: int = Field(0, ge=0, le=99, description="Numbering series (DO_Souche, 0 = the first).")
    warehouse: int | None = Field(None, ge=1, description="DE_No; None: the customer's warehouse, else the main one.")
    reference_template: str = "Web %OI - %CF %CL"
    price_decimals: int = Field(2, ge=0, le=6, description="Precision of unit prices.")
    delivery_days: int | None = Field(None, ge=0, description="Delivery date = document date + N days.")
    messages: Literal["none", "first", "all"] = Field("first", description="Shop order messages into the notes.")

    @field_validator("reference_template")
    @classmethod
    def _known_variables(cls, value: str) -> str:
        return check_template(value, FIELDS["import_orders.header.reference_template"])


class CurrencySettings(Settings):
    orders_in_currency: bool = Field(False, description="Documents in the order's currency, with its rate.")
    mapping: dict[str, int] = Field(default_factory=dict, description="ISO code -> P_DEVISE slot (N_Devise).")

    @field_validator("mapping")
    @classmethod
    def _upper_codes(cls, value: dict[str, int]) -> dict[str, int]:
        return {code.upper(): slot for code, slot in value.items()}


class CategoryRow(Settings):
    """Accounting category for a country (ISO code) or a zone name: sale with / without tax."""

    where: str
    with_tax: int = Field(ge=1, le=50)
    without_tax: int = Field(ge=1, le=50)


class AccountingCategorySettings(Settings):
    zones: dict[str, list[str]] = Field(default_factory=dict, description="Zone name -> ISO country codes.")
    rows: list[CategoryRow] = Field(default_factory=list)
    default_with_tax: int | None = Field(None, ge=1, le=50, description="None: the customer account's category.")
    default_without_tax: int | None = Field(None, ge=1, le=50)


class CarrierRow(Settings):
    shop: str = Field(min_length=1, description="Shop carrier / shipping method id or name.")
    mode: int = Field(ge=1, description="P_EXPEDITION slot (DO_Expedit).")


class CarrierSettings(Settings):
    rows: list[CarrierRow] = Field(default_factory=list)
    default: int | None = Field(None, ge=1, description="None: the customer account's shipping mode.")


class TaxRow(Settings):
    shop: str = Field(min_length=1, description="Shop tax name (TVA 20%) or rate (20).")
    code: str = Field(min_length=1, max_length=5, description="Back-office tax code (F_TAXE.TA_Code).")


class TaxSettings(Settings):
    rows: list[TaxRow] = Field(default_factory=list)
    default: str | None = Field(None, max_length=5, description="Code of an unmapped shop tax; None: an error.")


LotMethod = Literal["none", "oldest_manufacturing", "newest_manufacturing", "nearest_expiry", "farthest_expiry"]


class LotSettings(Settings):
    """Automatic lot / serial number assignment (articles followed by lot or serial number)."""

    method: LotMethod = Field("none", description="Which lots leave first; none: lines without lots.")
    when_short: Literal["fail", "leave_unassigned"] = Field(
        "fail", description="Not enough lots: the order fails, or the rest stays without lot (a warning).")


class LineSettings(Settings):
    unknown_to_divers: bool = Field(True, description="Unknown reference: Divers article with the shop's name and price.")
    substitute_unavailable: bool = Field(False, description="Article out of stock or dormant: its substitute.")
    backoffice_designations: bool = False
    prices_tax_included: bool = Field(False, description="Lines entered tax included (the back office recomputes).")
    order_discount: Literal["discount_lines", "net_prices"] = Field(
        "discount_lines", description="Order discounts as Remise lines per tax code, or folded into net prices.")
    remove_ecotax: bool = False
    cart_rule_article: bool = Field(False, description="A cart rule whose description names an article uses it.")
    lots: LotSettings = Field(default_factory=LotSettings)


class SpecialArticles(Settings):
    """Required articles (SPEC §3.6): the import refuses to start when one is not set."""

    divers: str | None = "DIVERS"
    ecart: str | None = "ECART"
    emballage: str | None = "EMBALLAGE"
    port: str | None = "PORT"
    remise: dict[str, str] = Field(default_factory=dict, description="Tax code -> discount article.")


class ShippingSettings(Settings):
    as_line: bool = Field(False, description="Shipping as a line instead of the document footer.")
    mode_article: bool = Field(True, description="The line uses the shipping mode's own article, else Frais de port.")


class TotalsSettings(Settings):
    ecart_line: bool = Field(False, description="A difference with the shop's total becomes an Écart line.")
    tolerance: Decimal = Field(Decimal("0"), ge=0, description="Difference accepted without a line or an error.")


class PaymentRow(Settings):
    shop: str = Field(min_length=1, description="Shop payment method (module name or label).")
    currency: str | None = Field(None, description="Only orders in this currency (None: any).")
    method: int = Field(ge=1, description="P_REGLEMENT slot (N_Reglement).")
    journal: str = Field(min_length=1, max_length=7, description="Bank journal (JO_Num).")
    account: str | None = Field(None, max_length=17, description="Customer account for these orders.")
    gl_account: str | None = Field(None, max_length=13, description="Accounting account (CG_Num).")
    create: bool = True


class PaymentDifferenceSettings(Settings):
    """A payment a few cents away from the document's total settles it, the gap on a difference account."""

    enabled: bool = False
    tolerance: Decimal = Field(Decimal("0.05"), ge=0, description="Largest gap settled (either way).")
    account: str | None = Field(None, max_length=13, description="Difference account (CG_NumEcart).")
    journal: str | None = Field(None, max_length=7, description="Its journal (JO_NumEcart); None: the payment's.")

    @model_validator(mode="after")
    def _account_when_enabled(self) -> PaymentDifferenceSettings:
        if self.enabled and not self.account:
            raise ValueError(_("payments.difference.account is required when payment differences are enabled"))
        return self


class PaymentSettings(Settings):
    rows: list[PaymentRow] = Field(default_factory=list)
    amount: Literal["total", "payments"] = "total"
    date: Literal["order", "invoice", "payment", "today"] = "order"
    label_template: str = "%CF %CL - %OI"
    reference_template: str = "WEB %OI"
    difference: PaymentDifferenceSettings = Field(default_factory=PaymentDifferenceSettings)
    customer_level: bool = Field(False, description="Payments on the customer account, not allocated to the document.")

    @field_validator("label_template")
    @classmethod
    def _label_variables(cls, value: str) -> str:
        return check_template(value, FIELDS["import_orders.payments.label_template"])

    @field_validator("reference_template")
    @classmethod
    def _reference_variables(cls, value: str) -> str:
        return check_template(value, FIELDS["import_orders.payments.reference_template"])


class GroupingSettings(Settings):
    """Grouping per day (SPEC §3.6): a day's orders become one document on one account."""

    orders: Literal["none", "all", "guests"] = Field("none", description="Which orders are grouped.")
    account: str | None = Field(None, max_length=17, description="Customer account of the grouped documents.")
    merge_lines: bool = Field(True, description="Lines of the same article, price and tax merged.")
    merge_payments: bool = Field(True, description="Payments merged per method, journal and account.")

    @model_validator(mode="after")
    def _account_when_grouping(self) -> GroupingSettings:
        if self.orders != "none" and not self.account:
            raise ValueError(_("grouping.account is required when orders are grouped per day"))
        return self


class ImportOrdersSettings(Settings):
    """Shop orders into back-office documents (SPEC §3.6)."""

    statuses: dict[str, StatusRule] = Field(default_factory=_default_statuses)
    stores: list[str] = Field(default_factory=list, description="Shops of a multistore to read (empty: all).")
    find_by: Literal["order_date", "invoice_date"] = "order_date"
    check_existing: bool = Field(True, description="Look for a document with the shop order id before creating.")
    customers: CustomerRules = Field(default_factory=CustomerRules)
    header: HeaderSettings = Field(default_factory=HeaderSettings)
    currency: CurrencySettings = Field(default_factory=CurrencySettings)
    accounting_categories: AccountingCategorySettings = Field(default_factory=AccountingCategorySettings)
    carriers: CarrierSettings = Field(default_factory=CarrierSettings)
    taxes: TaxSettings = Field(default_factory=TaxSettings)
    lines: LineSettings = Field(default_factory=LineSettings)
    special_articles: SpecialArticles = Field(default_factory=SpecialArticles)
    shipping: ShippingSettings = Field(default_factory=ShippingSettings)
    totals: TotalsSettings = Field(default_factory=TotalsSettings)
    payments: PaymentSettings = Field(default_factory=PaymentSettings)
    grouping: GroupingSettings = Field(default_factory=GroupingSettings)

    @model_validator(mode="after")
    def _tax_codes_have_discount_articles(self) -> ImportOrdersSettings:
        """Known early: a mapped tax code without its Remise article (SpecialArticles.remise)."""
        if self.lines.order_discount != "discount_lines" or not self.special_articles.remise:
            return self
        codes = {row.code for row in self.taxes.rows} | ({self.taxes.default} if self.taxes.default else set())
        missing = sorted(codes - set(self.special_articles.remise))
        if missing:
            raise ValueError(_("special_articles.remise has no discount article for the tax codes {codes}").format(
                codes=", ".join(missing)))
        return self
