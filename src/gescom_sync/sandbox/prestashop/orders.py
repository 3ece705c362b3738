"""Orders as the webservice makes them (recordings 60–76).

``POST /api/orders`` runs ``PaymentModule::validateOrder`` on the order's cart: prices
are the cart's (product price + combination impact, best specific price, VAT of the
product's tax rules group), the carrier is the first active one (the ``id_carrier``
sent is ignored, as recorded), the state is ``PS_OS_WS_PAYMENT`` (11) when
``total_paid`` equals the cart total and "Payment error" (8) when it does not; the
order gets its details, history, payment, invoice and carrier rows, and stock goes
down at once. ``POST /api/order_histories`` moves ``current_state``.
"""

from __future__ import annotations

import random
import string
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from gescom_sync.sandbox.prestashop.records import WebserviceError, validation_error
from gescom_sync.sandbox.prestashop.render import Record, Submitted
from gescom_sync.sandbox.prestashop.resources import RESOURCES
from gescom_sync.sandbox.prestashop.seed import blank

if TYPE_CHECKING:
    from gescom_sync.sandbox.prestashop.store import Store

CENT, SIX = Decimal("0.01"), Decimal("0.000001")
PAYMENT_ERROR_STATE = 8


def money(value: Decimal, places: Decimal = SIX) -> str:
    return str(value.quantize(places, ROUND_HALF_UP))


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


class OrderRules:
    """Mixed into :class:`~gescom_sync.sandbox.prestashop.shop.Shop`, which provides ``store``, ``now``,
    ``where``, ``configuration`` and ``change_stock``."""

    store: Store

    # ---- prices -----------------------------------------------------------------------
    def tax_rate(self, product: Record, country_id: int) -> tuple[Decimal, int]:
        rules = self.where("tax_rules", id_tax_rules_group=product.get("id_tax_rules_group") or 0)
        rule = next((r for r in rules if r["id_country"] == country_id), rules[0] if rules else None)
        tax = self.store.get("taxes", rule["id_tax"]) if rule else None
        return (Decimal(tax["rate"]) if tax else Decimal(0)), (tax["id"] if tax else 0)

    def specific_price(self, product_id: int, combination_id: int, customer: Record | None, quantity: int) -> Record | None:
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
            if rule["from_quantity"] > quantity or rule["id_shop"] not in (0, 1):
                continue
            if rule["from"][:4] != "0000" and rule["from"] > now or rule["to"][:4] != "0000" and rule["to"] < now:
                continue
            score = sum(1 for key in ("id_customer", "id_group", "id_product_attribute", "id_product") if rule[key])
            candidates.append(((score, rule["from_quantity"]), rule))
        return max(candidates, key=lambda c: c[0])[1] if candidates else None

    def unit_price(self, product: Record, combination: Record | None, customer: Record | None, quantity: int,
                   rate: Decimal) -> tuple[Decimal, Decimal, Record | None]:
        """(original price, price after reduction), both without tax, and the specific price used."""
        impact = Decimal(combination["price"]) if combination else Decimal(0)
        original = Decimal(product["price"]) + impact
        rule = self.specific_price(product["id"], combination["id"] if combination else 0, customer, quantity)
        price = original
        if rule:
            if Decimal(rule["price"]) >= 0:
                price = Decimal(rule["price"]) + impact
            reduction = Decimal(rule["reduction"])
            if rule["reduction_type"] == "percentage":
                price = price * (1 - reduction)
            else:
                price -= reduction / (1 + rate / 100) if rule["reduction_tax"] else reduction
        return original, max(price, Decimal(0)).quantize(SIX, ROUND_HALF_UP), rule

    # ---- order creation ---------------------------------------------------------------
    def _before_create_orders(self, row: Record, submitted: Submitted, params: dict[str, str]) -> None:
        cart = self.store.get("carts", row["id_cart"])
        if cart is None:
            raise validation_error(RESOURCES["orders"], "Property Order->id_cart is not valid")
        if self.where("orders", id_cart=cart["id"]):
            raise WebserviceError(500, [(3, "An order has already been placed with this cart.")])
        customer = self.store.get("customers", cart["id_customer"])
        address = self.store.get("addresses", cart["id_address_delivery"])
        lines = [self._order_line(cart, entry, customer, address) for entry in cart["associations"].get("cart_rows", [])]
        if not lines:
            raise WebserviceError(500, [(3, "Cart cannot be loaded or an order has already been placed using this cart")])
        carrier = next((c for c in self.store.scan("carriers") if c["active"] == "1" and c["deleted"] == "0"), None)
        by_rate: dict[Decimal, Decimal] = {}
        for line in lines:
            by_rate[line["rate"]] = by_rate.get(line["rate"], Decimal(0)) + line["total_excl"]
        total_excl = sum((line["total_excl"] for line in lines), Decimal(0))
        total_incl = sum((cents(base * (1 + rate / 100)) for rate, base in by_rate.items()), Decimal(0))
        products_wt = sum((line["total_incl"] for line in lines), Decimal(0))
        paid = Decimal(row["total_paid"] or "0")
        state = int(self.configuration("PS_OS_WS_PAYMENT") or 11) if abs(paid - total_incl) < CENT else PAYMENT_ERROR_STATE
        row.update(
            id_address_delivery=cart["id_address_delivery"], id_address_invoice=cart["id_address_invoice"],
            id_currency=cart["id_currency"], id_lang=cart["id_lang"], id_customer=cart["id_customer"],
            id_carrier=carrier["id"] if carrier else 0, secure_key=customer["secure_key"] if customer else "",
            reference="".join(random.choices(string.ascii_uppercase, k=9)), conversion_rate="1.000000",
            total_discounts=money(Decimal(0)), total_discounts_tax_incl=money(Decimal(0)), total_discounts_tax_excl=money(Decimal(0)),
            total_paid=money(total_incl), total_paid_tax_incl=money(total_incl), total_paid_tax_excl=money(total_excl),
            total_paid_real=money(paid if state != PAYMENT_ERROR_STATE else Decimal(0)),
            total_products=money(total_excl), total_products_wt=money(products_wt),
            total_shipping=money(Decimal(0)), total_shipping_tax_incl=money(Decimal(0)), total_shipping_tax_excl=money(Decimal(0)),
            carrier_tax_rate="20.000", round_mode=2, round_type=2, current_state=0)
        row["associations"] = {}
        self._pending_order = (lines, state)

    def _order_line(self, cart: Record, entry: dict[str, Any], customer: Record | None, address: Record | None) -> dict[str, Any]:
        product = self.store.get("products", entry.get("id_product", 0))
        if product is None:
            raise WebserviceError(500, [(3, f"Product {entry.get('id_product')} in the cart does not exist")])
        combination = self.store.get("combinations", entry.get("id_product_attribute", 0) or 0)
        quantity = int(entry.get("quantity", 1))
        rate, tax_id = self.tax_rate(product, address["id_country"] if address else 8)
        original, unit, rule = self.unit_price(product, combination, customer, quantity, rate)
        unit_incl = (unit * (1 + rate / 100)).quantize(SIX, ROUND_HALF_UP)
        return {"product": product, "combination": combination, "quantity": quantity, "rate": rate, "tax_id": tax_id,
                "original": original, "unit": unit, "unit_incl": unit_incl, "rule": rule,
                "total_excl": cents(unit * quantity), "total_incl": cents(unit_incl * quantity),
                "name": self._line_name(product, combination, cart["id_lang"])}

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
        lines, state = self._pending_order
        weight = Decimal(0)
        for line in lines:
            self._add_detail(order, line)
            product, combination = line["product"], line["combination"]
            weight += (Decimal(product["weight"]) + (Decimal(combination["weight"]) if combination else 0)) * line["quantity"]
        carrier = blank("order_carriers", id=self.store.next_id("order_carriers"), id_order=order["id"],
                        id_carrier=order["id_carrier"], weight=money(weight), date_add=self.now())
        self.store.put("order_carriers", carrier)
        self.store.put("order_payments", blank(
            "order_payments", id=self.store.next_id("order_payments"), order_reference=order["reference"],
            id_currency=order["id_currency"], amount=order["total_paid_real"], payment_method=order["payment"],
            conversion_rate="1.000000", date_add=self.now(), id_employee=""))
        self.set_order_state(order["id"], state, employee=0)

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
            product_weight=money(Decimal(product["weight"]) + (Decimal(combination["weight"]) if combination else 0)),
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
