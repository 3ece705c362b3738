"""Shipping costs as ``Cart::getPackageShippingCost`` computes them.

The carrier is the one the cart's ``delivery_option`` names (``{"<delivery address id>":
"<carrier id>,"}``, what the checkout stores; the cart's own ``id_carrier`` is ignored, as
recorded) when it can deliver the cart, else ``PS_CARRIER_DEFAULT``, else the first
active carrier that can. A carrier delivers a zone when it is free or has a
``deliveries`` row for the zone; its cost is that row's price for the range
(``price_ranges`` on the order total tax included after the cart rules, ``weight_ranges``
on the cart's weight; from included, to excluded). Outside every range the carrier costs
its highest range (``range_behavior`` 0) or cannot deliver (1). Then the handling charges
(``PS_SHIPPING_HANDLING`` when ``shipping_handling``), free shipping from
``PS_SHIPPING_FREE_PRICE`` / ``PS_SHIPPING_FREE_WEIGHT``, and the VAT of the carrier's tax
rules group for the delivery country, each amount rounded to the cent. In another currency
than the default one, the ranges compare the total converted back to the default currency
and the cost is converted at the currency's ``conversion_rate`` before its VAT
(``Carrier::getDeliveryPriceByPrice``, ``Tools::convertPrice``).

Amounts round as ``Tools::ps_round`` does, in the shop's ``PS_PRICE_ROUND_MODE`` (0 up, 1 down,
2 half up, 3 half down, 4 half even; 5, half odd, rounds half up here).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from gescom_sync.sandbox.prestashop.render import Record

if TYPE_CHECKING:
    from gescom_sync.sandbox.prestashop.store import Store

CENT = Decimal("0.01")
BY_WEIGHT, BY_PRICE, FREE = 1, 2, 3
DEFAULT_COUNTRY = 8
ROUND_MODES = {0: ROUND_CEILING, 1: ROUND_FLOOR, 2: ROUND_HALF_UP, 3: ROUND_HALF_DOWN, 4: ROUND_HALF_EVEN}
"""``PS_PRICE_ROUND_MODE`` (PS_ROUND_UP, PS_ROUND_DOWN, PS_ROUND_HALF_UP...) -> Decimal's rounding."""


@dataclass(frozen=True, slots=True)
class Shipping:
    """The carrier a cart ships with and its cost, tax excluded and included, at ``tax_rate`` %."""

    carrier: Record | None
    excl: Decimal
    incl: Decimal
    tax_rate: Decimal


class ShippingRules:
    """Mixed into :class:`~gescom_sync.sandbox.prestashop.shop.Shop` (through ``OrderRules``), which
    provides ``store``, ``where`` and ``configuration``."""

    store: Store

    def ps_round(self, value: Decimal, places: Decimal = CENT) -> Decimal:
        """``Tools::ps_round``: ``value`` to ``places`` in the shop's ``PS_PRICE_ROUND_MODE``."""
        mode = ROUND_MODES.get(int(self.configuration("PS_PRICE_ROUND_MODE") or 2), ROUND_HALF_UP)
        return value.quantize(places, mode)

    def group_tax_rate(self, tax_rules_group: int, country_id: int) -> tuple[Decimal, int]:
        """(rate in %, tax id) of a tax rules group for a country."""
        rules = self.where("tax_rules", id_tax_rules_group=tax_rules_group)
        rule = next((r for r in rules if r["id_country"] == country_id), rules[0] if rules else None)
        tax = self.store.get("taxes", rule["id_tax"]) if rule else None
        return (Decimal(tax["rate"]) if tax else Decimal(0)), (tax["id"] if tax else 0)

    def cart_shipping(self, cart: Record, country_id: int, total_incl: Decimal, weight: Decimal,
                      conversion_rate: Decimal = Decimal(1)) -> Shipping:
        """What shipping ``cart`` costs to ``country_id`` for a cart worth ``total_incl`` (after cart rules), in
        the cart's currency (``conversion_rate`` of them for one of the default currency)."""
        zone = self._zone(country_id)
        total_incl = total_incl / conversion_rate
        carrier = self._cart_carrier(cart, zone, total_incl, weight)
        if carrier is None:
            return Shipping(None, Decimal(0), Decimal(0), Decimal(0))
        rate, _tax = self.group_tax_rate(carrier["id_tax_rules_group"], country_id)
        excl = (self._cost(carrier, zone, total_incl, weight) or Decimal(0)) * conversion_rate
        return Shipping(carrier, self.ps_round(excl), self.ps_round(excl * (1 + rate / 100)), rate)

    def _zone(self, country_id: int) -> int:
        country = self.store.get("countries", country_id) or self.store.get("countries", DEFAULT_COUNTRY)
        return country["id_zone"] if country else 0

    def _cart_carrier(self, cart: Record, zone: int, total_incl: Decimal, weight: Decimal) -> Record | None:
        chosen = [_chosen_carrier_id(cart), int(self.configuration("PS_CARRIER_DEFAULT") or 0)]
        active = sorted((c for c in self.store.scan("carriers") if c["active"] == "1" and c["deleted"] == "0"),
                        key=lambda c: (c["position"], c["id"]))
        candidates = [c for carrier_id in chosen for c in active if c["id"] == carrier_id] + active
        return next((c for c in candidates if self._cost(c, zone, total_incl, weight) is not None), None)

    def _cost(self, carrier: Record, zone: int, total_incl: Decimal, weight: Decimal) -> Decimal | None:
        """The carrier's cost tax excluded; None when it cannot deliver the cart."""
        method = self._method(carrier)
        if method == FREE:
            return Decimal(0)
        by_weight = method == BY_WEIGHT
        price = self._range_price(carrier, zone, weight if by_weight else total_incl, by_weight)
        if price is None:
            return None
        if self._free_from("PS_SHIPPING_FREE_PRICE", total_incl) or self._free_from("PS_SHIPPING_FREE_WEIGHT", weight):
            return Decimal(0)
        if carrier["shipping_handling"] == "1":
            price += Decimal(self.configuration("PS_SHIPPING_HANDLING") or 0)
        return price

    def _method(self, carrier: Record) -> int:
        if carrier["is_free"] == "1":
            return FREE
        if carrier["shipping_method"]:
            return int(carrier["shipping_method"])
        return BY_WEIGHT if self.configuration("PS_SHIPPING_METHOD") == "1" else BY_PRICE

    def _free_from(self, setting: str, value: Decimal) -> bool:
        threshold = Decimal(self.configuration(setting) or 0)
        return bool(threshold) and value >= threshold

    def _range_price(self, carrier: Record, zone: int, value: Decimal, by_weight: bool) -> Decimal | None:
        """The price of the range ``value`` falls in, the highest range's when none and ``range_behavior`` is 0."""
        kind, key = ("weight_ranges", "id_range_weight") if by_weight else ("price_ranges", "id_range_price")
        priced = [(ranged, Decimal(delivery["price"])) for delivery in self.where("deliveries", id_carrier=carrier["id"], id_zone=zone)
                  if delivery[key] and (ranged := self.store.get(kind, delivery[key])) is not None]
        if not priced:
            return None
        inside = [(Decimal(r["delimiter1"]), price) for r, price in priced
                  if Decimal(r["delimiter1"]) <= value < Decimal(r["delimiter2"])]
        if inside:
            return min(inside, key=lambda found: found[0])[1]
        if carrier["range_behavior"] == "1":
            return None
        return max(priced, key=lambda found: Decimal(found[0]["delimiter2"]))[1]


def _chosen_carrier_id(cart: Record) -> int:
    """The carrier of the cart's ``delivery_option`` for its delivery address; 0 when none or several."""
    try:
        option = json.loads(cart.get("delivery_option") or "null")
    except ValueError:
        return 0
    if not isinstance(option, dict):
        return 0
    carrier_ids = [part for part in str(option.get(str(cart["id_address_delivery"]), "")).split(",") if part]
    return int(carrier_ids[0]) if len(carrier_ids) == 1 and carrier_ids[0].isdigit() else 0


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)
