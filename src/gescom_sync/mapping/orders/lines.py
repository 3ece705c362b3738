"""Document lines of an order (SPEC §3.6 "Lines", "Special articles"): products, gift
wrapping, shipping, order discounts split per tax code, comments."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from gescom_sync.i18n import _
from gescom_sync.journal.events import N_, Message
from gescom_sync.mapping.orders.catalogue import OrderCatalogue, Resolved
from gescom_sync.mapping.orders.draft import ZERO, DraftLine, LineKind, ShippingFooter, money
from gescom_sync.mapping.orders.errors import OrderRejected
from gescom_sync.mapping.orders.header import tax_code
from gescom_sync.model.order import Discount, Order, OrderLine
from gescom_sync.profiles.orders import ImportOrdersSettings

DESIGNATION_LENGTH = 69  # F_DOCLIGNE.DL_Design


@dataclass
class LineBuilder:
    """Builds the lines of one order; collects warnings on the way.

    Amounts are the shop's tax-excluded ones, or excluded + tax when the lines are
    entered tax included (``lines.prices_tax_included``).
    """

    order: Order
    settings: ImportOrdersSettings
    catalogue: OrderCatalogue
    warnings: list[Message]

    @property
    def tax_included(self) -> bool:
        return self.settings.lines.prices_tax_included

    def price(self, value: Decimal) -> Decimal:
        step = Decimal(1).scaleb(-self.settings.header.price_decimals)
        return value.quantize(step, rounding=ROUND_HALF_UP)

    def rate(self, code: str) -> Decimal:
        if code not in self.catalogue.tax_rates:
            raise OrderRejected(_("Order {order}: the tax code {code} (import_orders.taxes) is not in the back "
                                  "office's taxes.").format(order=self.order.id, code=code))
        return self.catalogue.tax_rates[code]

    # ------------------------------------------------------------------ products

    def product_lines(self) -> list[DraftLine]:
        return [self.product_line(line) for line in self.order.lines]

    def product_line(self, line: OrderLine) -> DraftLine:
        code = tax_code(self.order, line.taxes, self.settings.taxes, line.reference or line.name)
        amount = self.line_amount(line)
        resolved = self.catalogue.resolve(line.reference) if line.reference else None
        if resolved is None:
            return self.divers_line(line, code, amount)
        resolved = self.substituted(resolved, line.quantity)
        article, variant, packaging = resolved.article, resolved.variant, resolved.packaging
        quantity = line.quantity * packaging.quantity if packaging is not None else line.quantity
        designation = line.name
        if self.settings.lines.backoffice_designations:
            designation = article.designation + (f" {variant.label}" if variant else "")
        ecotax = self.ecotax(article.ecotax, code)
        return DraftLine(
            LineKind.PRODUCT, article.reference, designation[:DESIGNATION_LENGTH], quantity,
            (self.price(amount / quantity) if quantity else ZERO) - ecotax, code, self.rate(code),
            range_numbers=variant.numbers if variant else (0, 0),
            packaging=packaging.name if packaging else None, packagings=line.quantity if packaging else None,
            ecotax=ecotax, ecotax_code=article.ecotax_code if ecotax else None, stock_managed=article.stock_managed)

    def line_amount(self, line: OrderLine) -> Decimal:
        """Before the order's discounts, or after them with net prices; tax added when lines include it."""
        if self.settings.lines.order_discount == "net_prices":
            return line.total + (line.total_tax if self.tax_included else ZERO)
        return line.subtotal + (line.subtotal_tax if self.tax_included else ZERO)

    def ecotax(self, per_unit: Decimal, code: str) -> Decimal:
        """The eco-tax taken out of the unit price (option), expressed like the prices."""
        if not (self.settings.lines.remove_ecotax and per_unit):
            return ZERO
        return self.price(per_unit * (1 + self.rate(code) / 100)) if self.tax_included else per_unit

    def divers_line(self, line: OrderLine, code: str, amount: Decimal) -> DraftLine:
        divers = self.settings.special_articles.divers
        if not self.settings.lines.unknown_to_divers or not divers:
            raise OrderRejected(_("Order {order}: the product {reference} ({name}) is not an article of the back "
                                  "office, and unknown products do not go to the Divers article "
                                  "(import_orders.lines.unknown_to_divers).").format(
                order=self.order.id, reference=line.reference or "-", name=line.name))
        self.warnings.append(Message(N_("Order {order}: {reference} ({name}) is not an article; written on {divers}."),
                                     order=self.order.id, reference=line.reference or "-", name=line.name,
                                     divers=divers))
        unit_price = self.price(amount / line.quantity) if line.quantity else ZERO
        return DraftLine(LineKind.DIVERS, divers, line.name[:DESIGNATION_LENGTH], line.quantity, unit_price, code,
                         self.rate(code))

    def substituted(self, resolved: Resolved, quantity: Decimal) -> Resolved:
        """The substitute article when the article is dormant or short of stock (option)."""
        article = resolved.article
        unavailable = article.dormant or (article.stock_managed and article.available < quantity)
        if not (self.settings.lines.substitute_unavailable and unavailable and article.substitute):
            return resolved
        substitute = self.catalogue.articles.get(article.substitute)
        if substitute is None:
            return resolved
        self.warnings.append(Message(N_("Order {order}: {reference} is unavailable; its substitute {substitute} is "
                                        "ordered instead."), order=self.order.id, reference=article.reference,
                                     substitute=substitute.reference))
        return Resolved(substitute)

    # ---------------------------------------------------------- fees, shipping

    def wrapping_lines(self) -> list[DraftLine]:
        """One Emballage line per fee (gift wrapping, surcharges), with the fee's name."""
        article = self.settings.special_articles.emballage
        lines = []
        for fee in self.order.fee_lines:
            if fee.total < 0:  # a negative fee is a discount: split with the order's discounts
                continue
            code = tax_code(self.order, fee.taxes, self.settings.taxes, fee.name)
            amount = fee.total + (fee.total_tax if self.tax_included else ZERO)
            lines.append(DraftLine(LineKind.WRAPPING, article, fee.name[:DESIGNATION_LENGTH], Decimal(1), amount,
                                   code, self.rate(code)))
        return lines

    def shipping_amount(self) -> tuple[Decimal, str | None, Decimal]:
        """(amount, tax code, rate) of all shipping lines; the tax of the first taxed one."""
        shipping = self.order.shipping_lines
        total = sum((s.total + (s.total_tax if self.tax_included else ZERO) for s in shipping), ZERO)
        if not total:  # free shipping: nothing is written, so no tax code is needed
            return ZERO, None, ZERO
        taxes = next((s.taxes for s in shipping if s.total_tax), ())
        code = tax_code(self.order, taxes, self.settings.taxes, _("shipping"))
        return total, code, self.rate(code)

    def shipping_footer(self) -> ShippingFooter | None:
        if self.settings.shipping.as_line or not self.order.shipping_lines:
            return None
        amount, code, rate = self.shipping_amount()
        return ShippingFooter(amount, code, rate) if amount else None

    def shipping_lines(self, mode: int | None) -> list[DraftLine]:
        if not self.settings.shipping.as_line or not self.order.shipping_lines:
            return []
        amount, code, rate = self.shipping_amount()
        if not amount:
            return []
        article = self.settings.special_articles.port
        if self.settings.shipping.mode_article and mode is not None:
            article = self.catalogue.shipping_articles.get(mode) or article
        title = self.order.shipping_lines[0].method_title or _("Shipping")
        return [DraftLine(LineKind.SHIPPING, article, title[:DESIGNATION_LENGTH], Decimal(1), amount, code, rate)]

    # ---------------------------------------------------------------- discounts

    def discount_lines(self, lines: list[DraftLine]) -> list[DraftLine]:
        """Cart rules naming an article (option), then the rest split pro rata per tax code.

        With net prices the order's discounts are already in the lines' prices; negative
        fees (discounts the shop records as fees) are split either way.
        """
        result: list[DraftLine] = []
        total = -sum((fee.total + (fee.total_tax if self.tax_included else ZERO)
                      for fee in self.order.fee_lines if fee.total < 0), ZERO)
        if self.settings.lines.order_discount == "discount_lines":
            remaining = list(self.order.discounts)
            if self.settings.lines.cart_rule_article:
                for discount in self.order.discounts:
                    article = self.named_article(discount)
                    if article is not None:
                        remaining.remove(discount)
                        result.append(self.cart_rule_line(discount, article, lines))
            total += sum((self.discount_amount(d) for d in remaining), ZERO)
            if not self.order.discounts:
                total += self.order.discount_total + (self.order.discount_tax if self.tax_included else ZERO)
        if total:
            result += self.split_discount(total, lines)
        return result

    def discount_amount(self, discount: Discount) -> Decimal:
        return discount.amount + (discount.amount_tax if self.tax_included else ZERO)

    def named_article(self, discount: Discount) -> str | None:
        for word in re.findall(r"[\w/.-]+", discount.description):
            if word.upper() in self.catalogue.articles:
                return word.upper()
        return None

    def cart_rule_line(self, discount: Discount, article: str, lines: list[DraftLine]) -> DraftLine:
        """The discount on the named article, at the tax code of the order's lines (the largest base)."""
        bases = _bases(lines)
        if not bases:
            raise OrderRejected(_("Order {order}: a discount of {amount} on an order without product amounts.").format(
                order=self.order.id, amount=discount.amount))
        code, rate = max(bases.items(), key=lambda item: item[1])[0]
        label = discount.description or discount.code
        return DraftLine(LineKind.DISCOUNT, article, label[:DESIGNATION_LENGTH], Decimal(1),
                         -self.discount_amount(discount), code, rate)

    def split_discount(self, total: Decimal, lines: list[DraftLine]) -> list[DraftLine]:
        """One Remise line per tax code, pro rata of each code's base; the cents left over go
        to the largest base so the lines add up to ``total`` exactly."""
        bases = _bases(lines)
        whole = sum(bases.values(), ZERO)
        if not whole:
            raise OrderRejected(_("Order {order}: a discount of {amount} on an order without product amounts.").format(
                order=self.order.id, amount=total))
        shares = {key: money(total * base / whole) for key, base in bases.items()}
        largest = max(bases, key=lambda key: bases[key])
        shares[largest] += total - sum(shares.values(), ZERO)
        return [self.discount_line(code, rate, share) for (code, rate), share in shares.items() if share]

    def discount_line(self, code: str | None, rate: Decimal, share: Decimal) -> DraftLine:
        article = self.settings.special_articles.remise.get(code or "")
        if article is None:
            raise OrderRejected(_("Order {order}: no discount article for the tax code {code} "
                                  "(import_orders.special_articles.remise).").format(order=self.order.id, code=code))
        known = self.catalogue.articles.get(article)
        designation = known.designation if known else _("Discount {code}").format(code=code)
        return DraftLine(LineKind.DISCOUNT, article, designation, Decimal(1), -share, code, rate)

    # ----------------------------------------------------------------- comments

    def comment_lines(self) -> list[DraftLine]:
        messages = [m.text for m in self.order.messages if m.text.strip()]
        if self.settings.header.messages == "first":
            messages = [m.text for m in self.order.messages if m.from_customer and m.text.strip()][:1]
        elif self.settings.header.messages == "none":
            messages = []
        return [DraftLine(LineKind.COMMENT, None, chunk) for text in messages for chunk in _chunks(text.strip())]


def _bases(lines: list[DraftLine]) -> dict[tuple[str | None, Decimal], Decimal]:
    """Each tax code's base of the product lines (their amounts, as the document's prices are)."""
    bases: dict[tuple[str | None, Decimal], Decimal] = defaultdict(Decimal)
    for line in lines:
        if line.kind in (LineKind.PRODUCT, LineKind.DIVERS):
            bases[(line.tax_code, line.tax_rate)] += line.amount()
    return bases


def _chunks(text: str) -> list[str]:
    """A text cut into designation-sized lines, on spaces when possible."""
    words, chunks, current = " ".join(text.split()).split(" "), [], ""
    for word in words:
        while len(word) > DESIGNATION_LENGTH:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(word[:DESIGNATION_LENGTH])
            word = word[DESIGNATION_LENGTH:]
        candidate = f"{current} {word}".strip()
        if len(candidate) > DESIGNATION_LENGTH:
            chunks.append(current)
            candidate = word
        current = candidate
    return chunks + ([current] if current else [])
