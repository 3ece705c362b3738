"""What a freshly installed PrestaShop 8.1 holds before any sync: the reference data, no products.

Languages English (1) and French (2), one shop, the Root and Home categories, the order
states, carriers, currency, groups and configuration values of the recorded shop
(recordings 26, 33, 35, 36, 37), French VAT rules, and a few countries with PrestaShop's
own ids (France is 8). The carriers' price and weight ranges and their costs per zone
(``deliveries``) are the sandbox's: carrier 2 "My carrier" costs 7.50 below 50 € (tax
included), 4.90 below 100 € and nothing from 100 € in Europe. The merchant's own settings
on top: a second currency, the US dollar (2) at 1.10 for 1 € (Localization > Currencies), and
gift wrapping offered at 4.17 € tax excluded, taxed by tax rules group 1 (20 %)
(``PS_GIFT_WRAPPING*``). Prices round per line (``PS_ROUND_TYPE`` 2, ``Order::ROUND_LINE``;
1 rounds each item, 3 the total) half up (``PS_PRICE_ROUND_MODE`` 2, ``PS_ROUND_HALF_UP``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gescom_sync.sandbox.prestashop.resources import RESOURCES

LANGUAGES = [(1, "English (English)", "en", "en-US"), (2, "Français (French)", "fr", "fr-FR")]
SHOP_NAME = "PrestaShop sandbox"
INSTALLED = "2026-01-01 00:00:00"
SHOP_TIME_ZONE = "Europe/Paris"  # PS_TIMEZONE: the shop writes and filters dates in this local time

# id, English name, French name, template, flags (logable, invoice, paid, shipped, delivery, send_email, color)
ORDER_STATES = [
    (1, "Awaiting check payment", "En attente du paiement par chèque", "cheque", "000001", "#34209E"),
    (2, "Payment accepted", "Paiement accepté", "payment", "111001", "#3498D8"),
    (3, "Processing in progress", "En cours de préparation", "preparation", "111011", "#3498D8"),
    (4, "Shipped", "Expédié", "shipped", "111111", "#01B887"),
    (5, "Delivered", "Livré", "", "111110", "#01B887"),
    (6, "Canceled", "Annulé", "order_canceled", "000001", "#2C3E50"),
    (7, "Refunded", "Remboursé", "refund", "010001", "#01B887"),
    (8, "Payment error", "Erreur de paiement", "payment_error", "000001", "#E74C3C"),
    (9, "On backorder (paid)", "En attente de réapprovisionnement (payé)", "outofstock", "011001", "#3498D8"),
    (10, "Awaiting bank wire payment", "En attente de virement bancaire", "bankwire", "000001", "#34209E"),
    (11, "Remote payment accepted", "Paiement à distance accepté", "payment", "111001", "#3498D8"),
    (12, "On backorder (not paid)", "En attente de réapprovisionnement (non payé)", "outofstock", "000001", "#34209E"),
    (13, "Awaiting Cash On Delivery validation", "En attente de validation (paiement à la livraison)", "cashondelivery",
     "000000", "#34209E"),
]
STATE_MODULES = {1: "ps_checkpayment", 10: "ps_wirepayment", 13: "ps_cashondelivery"}
# id, name, active, is_free, shipping_method (0 the shop's PS_SHIPPING_METHOD, 1 by weight, 2 by price)
CARRIERS = [(1, "Click and collect", "1", "1", 0), (2, "My carrier", "1", "0", 2), (3, "My cheap carrier", "0", "0", 2),
            (4, "My light carrier", "0", "0", 1)]
# id, carrier, from (included), to (excluded): order totals tax included, weights in kg
PRICE_RANGES = [(1, 2, "0", "50"), (2, 2, "50", "100"), (3, 2, "100", "10000"),
                (4, 3, "0", "50"), (5, 3, "50", "100"), (6, 3, "100", "200")]
WEIGHT_RANGES = [(1, 4, "0", "1"), (2, 4, "1", "3"), (3, 4, "3", "10000")]
# range kind, range id, cost tax excluded in Europe (zone 1), in North America (zone 2); none elsewhere
DELIVERIES = [("price", 1, "7.50", "15.00"), ("price", 2, "4.90", "12.00"), ("price", 3, "0", "9.00"),
              ("price", 4, "3.00", "4.00"), ("price", 5, "1.00", "2.00"), ("price", 6, "0", "0"),
              ("weight", 1, "0", "0"), ("weight", 2, "2.00", "3.00"), ("weight", 3, "5.00", "6.00")]
GROUPS = [(1, "Visitor", "Visiteur"), (2, "Guest", "Invité"), (3, "Customer", "Client")]
ZONES = [(1, "Europe"), (2, "North America"), (7, "Europe (non-EU)")]
COUNTRIES = [(1, "DE", "Germany", "Allemagne", 1, 49), (3, "BE", "Belgium", "Belgique", 1, 32), (6, "ES", "Spain", "Espagne", 1, 34),
             (8, "FR", "France", "France", 1, 33), (10, "IT", "Italy", "Italie", 1, 39), (12, "LU", "Luxemburg", "Luxembourg", 1, 352),
             (17, "GB", "United Kingdom", "Royaume-Uni", 7, 44), (19, "CH", "Switzerland", "Suisse", 7, 41),
             (21, "US", "United States", "États-Unis", 2, 1)]
TAXES = [(1, "20.000", "TVA FR 20%", "FR Taux standard (20%)"), (2, "10.000", "TVA FR 10%", "FR Taux réduit (10%)"),
         (3, "5.500", "TVA FR 5.5%", "FR Taux réduit (5.5%)"), (4, "2.100", "TVA FR 2.1%", "FR Taux super réduit (2.1%)")]
CONFIGURATION = [(1, "PS_LANG_DEFAULT", "1"), (2, "PS_CURRENCY_DEFAULT", "1"), (3, "PS_COUNTRY_DEFAULT", "8"),
                 (4, "PS_SHOP_NAME", SHOP_NAME), (5, "PS_REWRITING_SETTINGS", "1"), (6, "PS_WEIGHT_UNIT", "kg"),
                 (7, "PS_TAX", "1"), (8, "PS_OS_ERROR", "8"), (9, "PS_OS_CANCELED", "6"), (10, "PS_OS_SHIPPING", "4"),
                 (11, "PS_OS_PAYMENT", "2"), (12, "PS_MULTISHOP_FEATURE_ACTIVE", "0"), (13, "PS_STOCK_MANAGEMENT", "1"),
                 (14, "PS_PRICE_ROUND_MODE", "2"), (15, "PS_ROUND_TYPE", "2"), (16, "PS_CARRIER_DEFAULT", "1"),
                 (17, "PS_SHIPPING_HANDLING", "2"), (18, "PS_SHIPPING_FREE_PRICE", "0"), (19, "PS_SHIPPING_FREE_WEIGHT", "0"),
                 (20, "PS_SHIPPING_METHOD", "1"), (21, "PS_TIMEZONE", SHOP_TIME_ZONE), (22, "PS_GIFT_WRAPPING", "1"),
                 (23, "PS_GIFT_WRAPPING_PRICE", "4.17"), (24, "PS_GIFT_WRAPPING_TAX_RULES_GROUP", "1"),
                 (127, "PS_OS_WS_PAYMENT", "11")]
# id, ISO code, numeric ISO code, English and French names, symbol, units for 1 € (the default currency)
CURRENCIES = [(1, "EUR", "978", "Euro", "euro", "€", "1.000000"), (2, "USD", "840", "US Dollar", "dollar des États-Unis",
                                                                   "$", "1.100000")]


def translated(english: str, french: str | None = None) -> list[dict[str, Any]]:
    return [{"id": 1, "value": english}, {"id": 2, "value": english if french is None else french}]


def blank(resource_name: str, **values: Any) -> dict[str, Any]:
    """A record of ``resource_name`` with every field at its database default, then ``values``."""
    resource = RESOURCES[resource_name]
    record: dict[str, Any] = {"id": values.pop("id")}
    for field in resource.fields:
        record[field.name] = [{"id": i, "value": ""} for i, *_ in LANGUAGES] if field.lang else field.empty_value()
    record.update(values)
    if resource.associations:
        record.setdefault("associations", {a.name: [] for a in resource.associations})
    return record


def initial_records() -> dict[str, list[dict[str, Any]]]:
    dated = {"date_add": INSTALLED, "date_upd": INSTALLED}
    seeded: dict[str, list[dict[str, Any]]] = {
        "languages": [blank("languages", id=i, name=n, iso_code=iso, locale=loc, language_code=loc.lower(), active="1",
                            date_format_lite="Y-m-d", date_format_full="Y-m-d H:i:s") for i, n, iso, loc in LANGUAGES],
        "shop_groups": [blank("shop_groups", id=1, name="Default", active="1")],
        "shops": [blank("shops", id=1, id_shop_group=1, id_category=2, theme_name="classic", active="1", name=SHOP_NAME)],
        "categories": [
            blank("categories", id=1, id_parent=0, level_depth=0, active="1", id_shop_default=1, position=0,
                  name=translated("Root", "Racine"), link_rewrite=translated("root", "racine"), **dated),
            blank("categories", id=2, id_parent=1, level_depth=1, active="1", id_shop_default=1, is_root_category="1",
                  position=0, name=translated("Home", "Accueil"), link_rewrite=translated("home", "accueil"), **dated)],
        "order_states": [blank("order_states", id=i, unremovable="1", logable=f[0], invoice=f[1], paid=f[2], shipped=f[3],
                               delivery=f[4], send_email=f[5], pdf_invoice="1" if i == 2 else "0", color=color,
                               module_name=STATE_MODULES.get(i, ""), name=translated(en, fr),
                               template=translated(template)) for i, en, fr, template, f, color in ORDER_STATES],
        "carriers": [blank("carriers", id=i, id_reference=i, name=n, active=a, is_free=free, id_tax_rules_group=1,
                           shipping_method=method, range_behavior="0", need_range="1", position=i - 1,
                           delay=translated("Pick up in-store", "Retrait en magasin") if i == 1 else translated("Delivery next day!", "Livraison le lendemain !"))
                     for i, n, a, free, method in CARRIERS],
        "price_ranges": [blank("price_ranges", id=i, id_carrier=c, delimiter1=f"{low}.000000", delimiter2=f"{high}.000000")
                         for i, c, low, high in PRICE_RANGES],
        "weight_ranges": [blank("weight_ranges", id=i, id_carrier=c, delimiter1=f"{low}.000000", delimiter2=f"{high}.000000")
                          for i, c, low, high in WEIGHT_RANGES],
        "deliveries": _deliveries(),
        "currencies": [blank("currencies", id=i, names=translated(en, fr), name=en, symbol=translated(symbol), iso_code=iso,
                             numeric_iso_code=number, precision=2, conversion_rate=rate, active=1)
                       for i, iso, number, en, fr, symbol, rate in CURRENCIES],
        "groups": [blank("groups", id=i, reduction="0.000000", price_display_method=0, show_prices="1",
                         name=translated(en, fr), **dated) for i, en, fr in GROUPS],
        "zones": [blank("zones", id=i, name=n, active="1") for i, n in ZONES],
        "countries": [blank("countries", id=i, id_zone=zone, call_prefix=prefix, iso_code=iso, active="1",
                            need_zip_code="1", display_tax_label="1", name=translated(en, fr)) for i, iso, en, fr, zone, prefix in COUNTRIES],
        "taxes": [blank("taxes", id=i, rate=rate + "000", active="1", name=translated(n)) for i, rate, n, _ in TAXES],
        "tax_rule_groups": [blank("tax_rule_groups", id=i, name=g, active="1", **dated) for i, _, _, g in TAXES],
        "tax_rules": [blank("tax_rules", id=i, id_tax_rules_group=i, id_country=8, id_tax=i) for i, *_ in TAXES],
        "configurations": [blank("configurations", id=i, name=n, value=v, **dated) for i, n, v in CONFIGURATION],
    }
    return seeded


def _deliveries() -> list[dict[str, Any]]:
    carriers = {("price", i): c for i, c, *_ in PRICE_RANGES} | {("weight", i): c for i, c, *_ in WEIGHT_RANGES}
    rows = []
    for kind, range_id, *prices in DELIVERIES:
        for zone, price in zip((1, 2), prices, strict=True):
            rows.append(blank("deliveries", id=len(rows) + 1, id_carrier=carriers[kind, range_id], id_zone=zone,
                              id_range_price=range_id if kind == "price" else 0,
                              id_range_weight=range_id if kind == "weight" else 0,
                              price=str(Decimal(price).quantize(Decimal("0.000001")))))
    return rows
