"""VAT and eco-tax of a product: the shop tax class, the eco-tax amount, prices tax excluded."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from gescom_sync.i18n import N_
from gescom_sync.journal.events import Message
from gescom_sync.mapping.catalogue.drafts import MappingWarning
from gescom_sync.model import Product, Tax, TaxRateKind
from gescom_sync.profiles.catalogue import TaxSettings

HUNDRED = Decimal(100)


def tax_code(product: Product, settings: TaxSettings, slot: int | None) -> str | None:
    """The article's tax code in ``slot`` (1..3) for the chosen accounting category."""
    if slot is None:
        return None
    codes = product.tax_codes.get(settings.accounting_category, ())
    return codes[slot - 1] if len(codes) >= slot else None


def tax_class(product: Product, settings: TaxSettings) -> str:
    """The shop tax class of the article's VAT code: its row of the mapping, else the default row."""
    code = tax_code(product, settings, settings.vat_slot)
    return settings.classes.get(code, settings.default_class) if code else settings.default_class


def ecotax(product: Product, settings: TaxSettings, taxes: Mapping[str, Tax]) -> Decimal:
    """The eco-tax per unit (a flat-amount tax in the eco-tax slot), 0 when there is none."""
    code = tax_code(product, settings, settings.ecotax_slot)
    tax = taxes.get(code) if code else None
    if tax is None or tax.rate_kind is TaxRateKind.PERCENT:
        return Decimal(0)
    return tax.rate


def price_excluding_tax(
    product: Product,
    settings: TaxSettings,
    taxes: Mapping[str, Tax],
    warnings: list[MappingWarning],
) -> Decimal | None:
    """The article's base price tax excluded, at the settings' precision.

    A price kept tax included in the back office (Sage ``AR_PrixTTC``) is divided by
    (1 + VAT rate); without a known percent VAT it is sent as it is, with a warning.
    """
    price = product.base_price
    if price is None:
        return None
    if product.price_tax_included:
        code = tax_code(product, settings, settings.vat_slot)
        tax = taxes.get(code) if code else None
        if tax is None or tax.rate_kind is not TaxRateKind.PERCENT:
            warnings.append(
                MappingWarning(
                    product.reference,
                    Message(N_("price {price} is tax included but VAT code {code!r} is unknown: sent as it is"),
                            price=price, code=code or ""),
                )
            )
        else:
            price = price / (1 + tax.rate / HUNDRED)
    return round_price(price, settings)


def round_price(price: Decimal, settings: TaxSettings) -> Decimal:
    return price.quantize(Decimal(1).scaleb(-settings.price_decimals), rounding=ROUND_HALF_UP)


def with_ecotax(price: Decimal | None, amount: Decimal, apply: bool) -> Decimal | None:
    """``price`` plus the eco-tax when the option says so."""
    if price is None or not apply or not amount:
        return price
    return price + amount
