"""Orders as the webservice makes them (recordings 60–76).

``POST /api/orders`` runs ``PaymentModule::validateOrder`` on the order's cart: prices
are the cart's (product price + combination impact, best specific price, VAT of the
product's tax rules group), the carrier and its shipping cost as
:mod:`~gescom_sync.sandbox.prestashop.shipping` computes them (the ``id_carrier`` sent is
ignored, as recorded), the state is ``PS_OS_WS_PAYMENT`` (11) when ``total_paid`` equals
the cart total (products + shipping − cart rules) and "Payment error" (8) when it does
not; the order gets its details, history, payment, invoice and carrier rows (with the
shipping cost), and stock goes down at once. ``POST /api/order_histories`` moves
``current_state``.

Cart rules: the webservice cannot put a voucher code on a cart, so, as
``CartRule::autoAddToCart`` does, every active cart rule **without a code**, in its dates,
with uses left and for everyone or for the cart's customer, applies to the order: a
percentage of each line, or an amount (tax excluded unless ``reduction_tax``) spread over
the lines pro rata. Each gives an ``order_cart_rules`` row (``value`` tax included,
``value_tax_excl``), the order's ``total_discounts*`` and one use less (``quantity``). A
``free_shipping`` rule's value includes the shipping, which stays in ``total_shipping*``.

Rounding follows ``PS_ROUND_TYPE`` (``Order::ROUND_ITEM`` 1, ``ROUND_LINE`` 2, ``ROUND_TOTAL`` 3) as
``Cart::getProducts`` and ``CartRow`` do: each item's price rounded then multiplied, each
line's total rounded, or nothing rounded before the total. With round type 2 the total paid
taxes each rate's products once (recording 64: lines 22.94 + 45.14 = 68.08 in
``total_products_wt``, 56.74 x 1.2 = 68.09 paid); with 1 and 3 it is the lines' sum.

Currencies: a cart in another currency than the default one (``id_currency``) is priced in it:
catalogue prices, impacts, amount reductions, shipping and wrapping converted at the
currency's ``conversion_rate`` (``Tools::convertPrice``, not rounded before the line), except a
specific price given in that currency (its ``id_currency``), taken as is. The order keeps the
rate in ``conversion_rate``, and so does its payment.

Gift wrapping (``Fees``): a cart with ``gift`` 1 pays ``PS_GIFT_WRAPPING_PRICE`` (tax excluded,
rounded) and its VAT from ``PS_GIFT_WRAPPING_TAX_RULES_GROUP`` (the tax-included price rounded),
converted; the order's ``total_wrapping*`` hold it, its totals include it, and the carrier's
price ranges see it with the products.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from gescom_sync.sandbox.prestashop.records import WebserviceError, validation_error
from gescom_sync.sandbox.prestashop.render import Record, Submitted
from gescom_sync.sandbox.prestashop.resources import RESOURCES
from gescom_sync.sandbox.prestashop.seed import blank
from gescom_sync.sandbox.prestashop.shipping import CENT, DEFAULT_COUNTRY, Shipping, ShippingRules

if TYPE_CHECKING:
    from gescom_sync.sandbox.prestashop.store import Store

SIX = Decimal("0.000001")
PAYMENT_ERROR_STATE = 8
ROUND_ITEM, ROUND_LINE, ROUND_TOTAL = 1, 2, 3  # Order::ROUND_*, the values of PS_ROUND_TYPE


def money(value: Decimal, places: Decimal = SIX) -> str:
    return str(value.quantize(places, ROUND_HALF_UP))


@dataclass(frozen=True, slots=True)
class CartFigures:
    """A cart priced as ``validateOrder`` prices it: lines, the cart rules that apply with their
    (tax excluded, tax included) values (a free-shipping one's with the shipping), the shipping
    and the totals."""

    lines: list[dict[str, Any]]
    rules: list[tuple[Record, Decimal, Decimal]]
    total_excl: Decimal  # products, before the cart rules
    total_incl: Decimal  # to pay: products with tax, shipping and wrapping, less the cart rules
    products_incl: Decimal  # the lines' totals tax included (total_products_wt)
    discount_excl: Decimal
    discount_incl: Decimal
    shipping: Shipping
    wrapping: tuple[Decimal, Decimal]  # (tax excluded, tax included)
    weight: Decimal
    conversion_rate: Decimal  # units of the cart's currency for one of the default currency


class OrderRules(ShippingRules):
    """Mixed into :class:`~gescom_sync.sandbox.prestashop.shop.Shop`, which provides ``store``, ``now``,
    ``where``, ``configuration`` and ``change_stock``."""

    store: Store

    # ---- prices -----------------------------------------------------------------------
    def tax_rate(self, product: Record, country_id: int) -> tuple[Decimal, int]:
        return self.group_tax_rate(product.get("id_tax_rules_group") or 0, country_id)

    def specific_price(self, product_id: int, combination_id: int, customer: Record | None, quantity: int,
                       currency_id: int = 0) -> Record | None:
        """The best matching specific price: the most specific one, then the highest quantity step."""
        group = customer["id_default_group"] if customer else 1
        customer_id = customer["id"] if customer else 0
        now = self.now()
        candidates = []
        for rule in self.store.scan("specific_prices"):
            if rule["id_product"] not in (0, product_id) or rule["id_product_attribute"] not in (0, combination_id):
                continue
            if rule["id_customer"] not in (0, customer_id) or rule["id_group"] not in (0, group):
                continue
            if rule.get("id_currency", 0) not in (0, currency_id):
                continue
            if rule["from_quantity"] > quantity or rule["id_shop"] not in (0, 1):
                continue
            if rule["from"][:4] != "0000" and rule["from"] > now or rule["to"][:4] != "0000" and rule["to"] < now:
                continue
            score = sum(1 for key in ("id_customer", "id_group", "id_currency", "id_product_attribute", "id_product")
                        if rule.get(key))
            candidates.append(((score, rule["from_quantity"]), rule))
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def unit_price(self, product: Record, combination: Record | None, customer: Record | None, quantity: int,
                   rate: Decimal, currency: tuple[int, Decimal] = (0, Decimal(1))) -> tuple[Decimal, Decimal, Record | None]:
        """(original price, price after reduction), both without tax in the cart's ``currency`` (id, conversion
        rate), and the specific price used."""
        currency_id, conversion = currency
        impact = Decimal(combination["price"]) * conversion if combination else Decimal(0)
        original = Decimal(product["price"]) * conversion + impact
        rule = self.specific_price(product["id"], combination["id"] if combination else 0, customer, quantity, currency_id)
        price = original
        if rule:
            in_currency = bool(rule.get("id_currency"))  # given in the cart's currency: not converted
            if Decimal(rule["price"]) >= 0:
                price = Decimal(rule["price"]) * (1 if in_currency else conversion) + impact
            reduction = Decimal(rule["reduction"])
            if rule["reduction_type"] == "percentage":
                price = price * (1 - reduction)
            else:
                reduction *= 1 if in_currency else conversion
                price -= reduction / (1 + rate / 100) if rule["reduction_tax"] else reduction
        return original, max(price, Decimal(0)).quantize(SIX, ROUND_HALF_UP), rule

    def conversion_rate(self, currency_id: int) -> Decimal:
        """Units of currency ``currency_id`` for one of the default currency (``Currency::conversion_rate``);
        1 for a currency the shop does not have."""
        currency = self.store.get("currencies", currency_id)
        return Decimal(currency["conversion_rate"]) if currency else Decimal(1)

    def round_type(self) -> int:
        return int(self.configuration("PS_ROUND_TYPE") or ROUND_ITEM)

    # ---- order creation ---------------------------------------------------------------
    def cart_total(self, cart_id: int) -> Decimal:
        """What ``Cart::getOrderTotal()`` gives: the amount ``total_paid`` must equal."""
        cart = self.store.get("carts", cart_id)
        if cart is None:
            raise validation_error(RESOURCES["orders"], "Property Order->id_cart is not valid")
        return self._cart_figures(cart).total_incl

    def _cart_figures(self, cart: Record) -> CartFigures:
        customer = self.store.get("customers", cart["id_customer"])
        address = self.store.get("addresses", cart["id_address_delivery"])
        country = address["id_country"] if address else DEFAULT_COUNTRY
        currency = (cart["id_currency"], self.conversion_rate(cart["id_currency"]))
        lines = [self._order_line(cart, entry, customer, country, currency) for entry in cart["associations"].get("cart_rows", [])]
        if not lines:
            raise WebserviceError(500, [(3, "Cart cannot be loaded or an order has already been placed using this cart")])
        rules = [(rule, *self._rule_value(rule, lines, currency[1])) for rule in self._automatic_rules(cart["id_customer"])]
        total_excl = self.ps_round(sum((line["total_excl"] for line in lines), Decimal(0)))
        products_incl = self.ps_round(sum((line["total_incl"] for line in lines), Decimal(0)))
        to_pay = self._products_to_pay(lines) if self.round_type() == ROUND_LINE else products_incl
        weight = sum((line["weight"] * line["quantity"] for line in lines), Decimal(0))
        reductions_incl = sum((incl for _rule, _excl, incl in rules), Decimal(0))
        wrapping = self._wrapping(cart, country, currency[1])
        # the carrier's price ranges see the cart after the cart rules, shipping left out (BOTH_WITHOUT_SHIPPING)
        shipping = self.cart_shipping(cart, country, to_pay - self.ps_round(reductions_incl) + wrapping[1], weight,
                                      currency[1])
        rules = [self._with_free_shipping(rule, shipping) for rule in rules]
        discount_excl = sum((excl for _rule, excl, _incl in rules), Decimal(0))
        discount_incl = sum((incl for _rule, _excl, incl in rules), Decimal(0))
        total_incl = self.ps_round(to_pay + shipping.incl + wrapping[1] - self.ps_round(discount_incl))
        return CartFigures(lines, rules, total_excl, total_incl, products_incl, discount_excl, discount_incl, shipping,
                           wrapping, weight, currency[1])

    def _products_to_pay(self, lines: list[dict[str, Any]]) -> Decimal:
        """Round type 2's products tax included in the total paid: each tax rate's base taxed once (recording 64)."""
        by_rate: dict[Decimal, Decimal] = {}
        for line in lines:
            by_rate[line["rate"]] = by_rate.get(line["rate"], Decimal(0)) + line["total_excl"]
        return sum((self.ps_round(base * (1 + rate / 100)) for rate, base in by_rate.items()), Decimal(0))

    def _wrapping(self, cart: Record, country_id: int, conversion: Decimal) -> tuple[Decimal, Decimal]:
        """(tax excluded, tax included) gift wrapping of the cart, in its currency (``Fees::processCalculation``)."""
        price = Decimal(self.configuration("PS_GIFT_WRAPPING_PRICE") or 0)
        if str(cart.get("gift")) != "1" or price <= 0:
            return Decimal(0), Decimal(0)
        rate, _tax = self.group_tax_rate(int(self.configuration("PS_GIFT_WRAPPING_TAX_RULES_GROUP") or 0), country_id)
        return self.ps_round(price) * conversion, self.ps_round(price * (1 + rate / 100)) * conversion

    @staticmethod
    def _with_free_shipping(rule: tuple[Record, Decimal, Decimal], shipping: Shipping) -> tuple[Record, Decimal, Decimal]:
        """A free-shipping rule also gives the shipping back (``CartRule::getContextualValue``)."""
        record, excl, incl = rule
        if record["free_shipping"] != "1":
            return rule
        return record, excl + shipping.excl, incl + shipping.incl

    def _automatic_rules(self, customer_id: int) -> list[Record]:
        now = self.now()
        return [rule for rule in self.store.scan("cart_rules")
                if rule["active"] == "1" and not rule["code"] and int(rule["quantity"] or 0) > 0
                and rule["id_customer"] in (0, customer_id) and rule["date_from"] <= now <= rule["date_to"]]

    def _rule_value(self, rule: Record, lines: list[dict[str, Any]], conversion: Decimal) -> tuple[Decimal, Decimal]:
        """(tax excluded, tax included) the rule takes off the lines, at 6 decimals; an amount is in its
        ``reduction_currency``, converted to the cart's (``conversion`` for one of the default currency)."""
        percent = Decimal(rule["reduction_percent"] or 0)
        if percent:
            excl = sum((line["total_excl"] * percent / 100 for line in lines), Decimal(0))
            incl = sum((line["total_incl"] * percent / 100 for line in lines), Decimal(0))
            return excl.quantize(SIX, ROUND_HALF_UP), incl.quantize(SIX, ROUND_HALF_UP)
        amount = Decimal(rule["reduction_amount"] or 0) * conversion / self.conversion_rate(rule["reduction_currency"] or 1)
        tax_included = rule["reduction_tax"] == "1"
        weights = [line["total_incl"] if tax_included else line["total_excl"] for line in lines]
        whole = sum(weights, Decimal(0)) or Decimal(1)
        shares = [(amount * weight / whole, line["rate"]) for weight, line in zip(weights, lines, strict=True)]
        if tax_included:
            excl = sum((share / (1 + rate / 100) for share, rate in shares), Decimal(0))
            return excl.quantize(SIX, ROUND_HALF_UP), amount.quantize(SIX, ROUND_HALF_UP)
        incl = sum((share * (1 + rate / 100) for share, rate in shares), Decimal(0))
        return amount.quantize(SIX, ROUND_HALF_UP), incl.quantize(SIX, ROUND_HALF_UP)

    def _before_create_orders(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        cart = self.store.get("carts", row["id_cart"])
        if cart is None:
            raise validation_error(RESOURCES["orders"], "Property Order->id_cart is not valid")
        if self.where("orders", id_cart=cart["id"]):
            raise WebserviceError(500, [(3, "An order has already been placed with this cart.")])
        customer = self.store.get("customers", cart["id_customer"])
        figures = self._cart_figures(cart)
        carrier, shipping = figures.shipping.carrier, figures.shipping
        wrapping_excl, wrapping_incl = (self.ps_round(amount) for amount in figures.wrapping)
        paid = Decimal(row["total_paid"] or "0")
        matches = abs(paid - figures.total_incl) < CENT
        state = int(self.configuration("PS_OS_WS_PAYMENT") or 11) if matches else PAYMENT_ERROR_STATE
        paid_excl = self.ps_round(figures.total_excl + shipping.excl + figures.wrapping[0] - figures.discount_excl)
        row.update(
            id_address_delivery=cart["id_address_delivery"], id_address_invoice=cart["id_address_invoice"],
            id_currency=cart["id_currency"], id_lang=cart["id_lang"], id_customer=cart["id_customer"],
            id_carrier=carrier["id"] if carrier else 0, secure_key=customer["secure_key"] if customer else "",
            reference="".join(random.choices(string.ascii_uppercase, k=9)), conversion_rate=money(figures.conversion_rate),
            gift=cart["gift"], gift_message=cart["gift_message"],
            total_discounts=money(figures.discount_incl), total_discounts_tax_incl=money(figures.discount_incl),
            total_discounts_tax_excl=money(figures.discount_excl),
            total_paid=money(figures.total_incl), total_paid_tax_incl=money(figures.total_incl),
            total_paid_tax_excl=money(paid_excl),
            total_paid_real=money(paid if state != PAYMENT_ERROR_STATE else Decimal(0)),
            total_products=money(figures.total_excl), total_products_wt=money(figures.products_incl),
            total_shipping=money(shipping.incl), total_shipping_tax_incl=money(shipping.incl),
            total_shipping_tax_excl=money(shipping.excl), carrier_tax_rate=money(shipping.tax_rate, Decimal("0.001")),
            total_wrapping=money(wrapping_incl), total_wrapping_tax_incl=money(wrapping_incl),
            total_wrapping_tax_excl=money(wrapping_excl), round_mode=int(self.configuration("PS_PRICE_ROUND_MODE") or 2),
            round_type=self.round_type(), current_state=0)
        row["associations"] = {}
        self._pending_order = (figures, state)

    def _order_line(self, cart: Record, entry: dict[str, Any], customer: Record | None, country_id: int,
                    currency: tuple[int, Decimal]) -> dict[str, Any]:
        product = self.store.get("products", entry.get("id_product", 0))
        if product is None:
            raise WebserviceError(500, [(3, f"Product {entry.get('id_product')} in the cart does not exist")])
        combination = self.store.get("combinations", entry.get("id_product_attribute", 0) or 0)
        quantity = int(entry.get("quantity", 1))
        rate, tax_id = self.tax_rate(product, country_id)
        original, unit, rule = self.unit_price(product, combination, customer, quantity, rate, currency)
        unit_incl = (unit * (1 + rate / 100)).quantize(SIX, ROUND_HALF_UP)
        weight = Decimal(product["weight"]) + (Decimal(combination["weight"]) if combination else 0)
        total_excl, total_incl = self._line_totals(unit, unit_incl, quantity)
        return {"product": product, "combination": combination, "quantity": quantity, "rate": rate, "tax_id": tax_id,
                "weight": weight,
                "original": original, "unit": unit, "unit_incl": unit_incl, "rule": rule,
                "total_excl": total_excl, "total_incl": total_incl,
                "name": self._line_name(product, combination, cart["id_lang"])}

    def _line_totals(self, unit: Decimal, unit_incl: Decimal, quantity: int) -> tuple[Decimal, Decimal]:
        """A line's (tax excluded, tax included) totals in the shop's round type (``Cart::getProducts``)."""
        round_type = self.round_type()
        if round_type == ROUND_TOTAL:
            return unit * quantity, unit_incl * quantity
        if round_type == ROUND_LINE:
            return self.ps_round(unit * quantity), self.ps_round(unit_incl * quantity)
        return self.ps_round(unit) * quantity, self.ps_round(unit_incl) * quantity

    def _line_name(self, product: Record, combination: Record | None, language: int) -> str:
        name = next((e["value"] for e in product["name"] if e["id"] == language), product["name"][0]["value"])
        if not combination:
            return name
        parts = []
        for entry in combination["associations"].get("product_option_values", []):
            value = self.store.get("product_option_values", entry["id"])
            group = self.store.get("product_options", value["id_attribute_group"]) if value else None
            if value and group:
                label = lambda field, record: next((e["value"] for e in record[field] if e["id"] == language), "")
                parts.append((group["position"], f"{label('public_name', group)}: {label('name', value)}"))
        return f"{name} ({' - '.join(text for _, text in sorted(parts))})" if parts else name

    def _after_create_orders(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        order = self.store.get("orders", row["id"])
        figures, state = self._pending_order
        for rule, excl, incl in figures.rules:
            self._use_cart_rule(order, rule, excl, incl)
        for line in figures.lines:
            self._add_detail(order, line)
        carrier = blank("order_carriers", id=self.store.next_id("order_carriers"), id_order=order["id"],
                        id_carrier=order["id_carrier"], weight=money(figures.weight), date_add=self.now(),
                        shipping_cost_tax_excl=order["total_shipping_tax_excl"],
                        shipping_cost_tax_incl=order["total_shipping_tax_incl"])
        self.store.put("order_carriers", carrier)
        self.store.put("order_payments", blank(
            "order_payments", id=self.store.next_id("order_payments"), order_reference=order["reference"],
            id_currency=order["id_currency"], amount=order["total_paid_real"], payment_method=order["payment"],
            conversion_rate=order["conversion_rate"], date_add=self.now(), id_employee=""))
        self.set_order_state(order["id"], state, employee=0)

    def _use_cart_rule(self, order: Record, rule: Record, excl: Decimal, incl: Decimal) -> None:
        name = next((e["value"] for e in rule["name"] if e["id"] == order["id_lang"]), rule["name"][0]["value"])
        self.store.put("order_cart_rules", blank(
            "order_cart_rules", id=self.store.next_id("order_cart_rules"), id_order=order["id"],
            id_cart_rule=rule["id"], name=name, value=money(incl), value_tax_excl=money(excl),
            free_shipping=rule["free_shipping"], deleted="0"))
        used = self.store.get("cart_rules", rule["id"])
        used["quantity"] = int(used["quantity"]) - 1
        self.store.put("cart_rules", used)

    def _add_detail(self, order: Record, line: dict[str, Any]) -> None:
        product, combination, rule = line["product"], line["combination"], line["rule"]
        quantity = line["quantity"]
        before = self.change_stock(product["id"], combination["id"] if combination else 0, -quantity)
        percent = Decimal(rule["reduction"]) * 100 if rule and rule["reduction_type"] == "percentage" else Decimal(0)
        detail = blank(
            "order_details", id=self.store.next_id("order_details"), id_order=order["id"], product_id=product["id"],
            product_attribute_id=combination["id"] if combination else 0, id_shop=1, product_name=line["name"],
            product_quantity=quantity, product_quantity_in_stock=max(0, min(quantity, before)),
            product_price=money(line["unit"]), reduction_percent=money(percent, CENT),
            product_quantity_discount=money(line["original"] * (1 + line["rate"] / 100) if rule else Decimal(0)),
            product_ean13=(combination or product)["ean13"], product_isbn=(combination or product)["isbn"],
            product_upc=(combination or product)["upc"], product_mpn=(combination or product)["mpn"],
            product_reference=(combination or product)["reference"],
            product_supplier_reference=(combination or product)["supplier_reference"],
            product_weight=money(line["weight"]),
            id_tax_rules_group=product["id_tax_rules_group"], ecotax_tax_rate="0.000",
            unit_price_tax_incl=money(line["unit_incl"]), unit_price_tax_excl=money(line["unit"]),
            total_price_tax_incl=money(line["total_incl"]), total_price_tax_excl=money(line["total_excl"]),
            purchase_supplier_price=(combination if combination and Decimal(combination["wholesale_price"]) else product)["wholesale_price"],
            original_product_price=money(line["original"]), original_wholesale_price=product["wholesale_price"])
        detail["associations"] = {"taxes": [{"id": line["tax_id"]}] if line["tax_id"] else []}
        self.store.put("order_details", detail)

    # ---- order states -----------------------------------------------------------------
    def _before_create_order_histories(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        if self.store.get("orders", row["id_order"]) is None:
            raise validation_error(RESOURCES["order_histories"], "Property OrderHistory->id_order is not valid")
        if self.store.get("order_states", row["id_order_state"]) is None:
            raise validation_error(RESOURCES["order_histories"], "Property OrderHistory->id_order_state is not valid")

    def _after_create_order_histories(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        self.apply_state(row["id_order"], row["id_order_state"])

    def set_order_state(self, order_id: int, state_id: int, employee: int = 0) -> None:
        history = blank("order_histories", id=self.store.next_id("order_histories"), id_employee=employee,
                        id_order_state=state_id, id_order=order_id, date_add=self.now())
        self.store.put("order_histories", history)
        self.apply_state(order_id, state_id)

    def apply_state(self, order_id: int, state_id: int) -> None:
        """What entering a state does: current_state, valid, the invoice, delivery slip number, stock back on cancel."""
        order = self.store.get("orders", order_id)
        state = self.store.get("order_states", state_id)
        previous = self.store.get("order_states", order["current_state"]) if order["current_state"] else None
        order["current_state"], order["date_upd"] = state_id, self.now()
        order["valid"] = "1" if state["logable"] == "1" else "0"
        if state["invoice"] == "1" and not order["invoice_number"]:
            self._create_invoice(order)
        if state["delivery"] == "1" and not order["delivery_number"]:
            order["delivery_number"] = len([o for o in self.store.scan("orders") if o["delivery_number"]]) + 1
            order["delivery_date"] = self.now()
            for invoice in self.where("order_invoices", id_order=order_id):
                changed = self.store.get("order_invoices", invoice["id"])
                changed.update(delivery_number=order["delivery_number"], delivery_date=order["delivery_date"])
                self.store.put("order_invoices", changed)
        if state_id == 6 and (previous is None or previous["id"] != 6):
            for detail in self.where("order_details", id_order=order_id):
                self.change_stock(detail["product_id"], detail["product_attribute_id"], detail["product_quantity"])
        self.store.put("orders", order)

    def _create_invoice(self, order: Record) -> None:
        number = max((o["invoice_number"] for o in self.store.scan("orders")), default=0) + 1
        order["invoice_number"], order["invoice_date"] = number, self.now()
        shop_name = self.configuration("PS_SHOP_NAME") or ""
        invoice = blank(
            "order_invoices", id=self.store.next_id("order_invoices"), id_order=order["id"], number=number,
            total_discount_tax_excl=order["total_discounts_tax_excl"], total_discount_tax_incl=order["total_discounts_tax_incl"],
            total_paid_tax_excl=order["total_paid_tax_excl"], total_paid_tax_incl=order["total_paid_tax_incl"],
            total_products=order["total_products"], total_products_wt=order["total_products_wt"],
            total_shipping_tax_excl=order["total_shipping_tax_excl"], total_shipping_tax_incl=order["total_shipping_tax_incl"],
            shop_address=shop_name, date_add=self.now())
        self.store.put("order_invoices", invoice)
        for kind in ("order_details", "order_carriers"):
            for row in self.where(kind, id_order=order["id"]):
                changed = self.store.get(kind, row["id"])
                changed["id_order_invoice"] = invoice["id"]
                self.store.put(kind, changed)

    # ---- credit slips -----------------------------------------------------------------
    def _before_create_order_slip(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        if self.store.get("orders", row["id_order"]) is None:
            raise validation_error(RESOURCES["order_slip"], "Property OrderSlip->id_order is not valid")

    def _after_create_order_slip(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        """Slip details; an entry without ``id_order_detail`` is still written (as 0), then PHP warns: HTTP 500."""
        slip = self.store.get("order_slip", row["id"])
        details, warnings = [], []
        for number, entry in enumerate(submitted.associations.get("order_slip_details", []), start=1):
            if "id_order_detail" not in entry:
                warnings.append((3, '[PHP Warning #2] Undefined array key "id_order_detail" '
                                    "(/var/www/prestashop/classes/webservice/WebserviceSpecificManagementOrderSlip.php, line 94)"))
            detail_id = int(entry.get("id_order_detail") or 0)
            quantity = int(entry.get("product_quantity") or 0)
            details.append({"id": number, "id_order_detail": detail_id, "product_quantity": quantity,
                            "amount_tax_excl": money(Decimal(entry.get("amount_tax_excl") or 0)),
                            "amount_tax_incl": money(Decimal(entry.get("amount_tax_incl") or 0))})
            detail = self.store.get("order_details", detail_id)
            if detail is not None:
                detail["product_quantity_refunded"] += quantity
                self.store.put("order_details", detail)
        slip["associations"] = {"order_slip_details": details}
        self.store.put("order_slip", slip)
        if warnings:
            raise WebserviceError(500, warnings)
