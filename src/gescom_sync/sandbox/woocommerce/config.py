"""Shop configuration: tax rates and classes, settings, payment gateways, shipping methods.

Shapes from recordings 82–86, 97 and 98. Settings cover the options a connector reads
for taxes and currency; the gateway and shipping method lists are those of a fresh
WooCommerce 10 (bacs, cheque, cod; flat_rate, free_shipping, local_pickup, pickup_location).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from gescom_sync.sandbox.woocommerce.errors import WooError, invalid_resource_id
from gescom_sync.sandbox.woocommerce.render import links
from gescom_sync.sandbox.woocommerce.store import Document, Store
from gescom_sync.sandbox.woocommerce.values import slugify, to_decimal

DEFAULT_TAX_CLASSES = [("standard", "Standard rate"), ("reduced-rate", "Reduced rate"), ("zero-rate", "Zero rate")]

# (group, id, label, description, type, default, tip, options)
SETTINGS: list[tuple[str, str, str, str, str, str, str, dict[str, str] | None]] = [
    ("general", "woocommerce_calc_taxes", "Enable taxes", "Enable tax rates and calculations", "checkbox", "no",
     "Rates will be configurable and taxes will be calculated during checkout.", None),
    ("general", "woocommerce_currency", "Currency", "", "select", "USD",
     "This controls what currency prices are listed at in the catalog and which currency gateways will take payments in.", None),
    ("general", "woocommerce_default_country", "Country / State", "", "single_select_country", "US:CA",
     "The country and state or province, if any, in which your business is located.", None),
    ("tax", "woocommerce_prices_include_tax", "Prices entered with tax", "", "radio", "no",
     "This option is important as it will affect how you input prices. Changing it will not update existing products.",
     {"yes": "Yes, I will enter prices inclusive of tax", "no": "No, I will enter prices exclusive of tax"}),
    ("tax", "woocommerce_tax_based_on", "Calculate tax based on", "", "select", "shipping",
     "This option determines which address is used to calculate tax.",
     {"shipping": "Customer shipping address", "billing": "Customer billing address", "base": "Shop base address"}),
    ("tax", "woocommerce_tax_round_at_subtotal", "Rounding", "Round tax at subtotal level, instead of rounding per line",
     "checkbox", "no", "", None),
]

PAYMENT_GATEWAYS = [
    ("bacs", "Direct bank transfer", "Make your payment directly into our bank account. Please use your Order ID as the payment reference. Your order will not be shipped until the funds have cleared in our account.",
     "Take payments in person via BACS. More commonly known as direct bank/wire transfer."),
    ("cheque", "Check payments", "Please send a check to Store Name, Store Street, Store Town, Store State / County, Store Postcode.",
     "Take payments in person via checks. This offline gateway can also be useful to test purchases."),
    ("cod", "Cash on delivery", "Pay with cash upon delivery.",
     "Let your shoppers pay upon delivery \u2014 by cash or other methods of payment."),
]
COD_SETTINGS = {
    "enable_for_methods": {
        "id": "enable_for_methods", "label": "Enable for shipping methods",
        "description": "If COD is only available for certain methods, set it up here. Leave blank to enable for all methods.",
        "type": "multiselect", "value": "", "default": "",
        "tip": "If COD is only available for certain methods, set it up here. Leave blank to enable for all methods.",
        "placeholder": "", "options": {"Flat rate": {"flat_rate": "Any &quot;Flat rate&quot; method"},
                                       "Free shipping": {"free_shipping": "Any &quot;Free shipping&quot; method"},
                                       "Local pickup": {"pickup_location": "Any &quot;Local pickup&quot; method"}}},
    "enable_for_virtual": {"id": "enable_for_virtual", "label": "Accept COD if the order is virtual", "description": "",
                           "type": "checkbox", "value": "yes", "default": "yes", "tip": "", "placeholder": ""},
}
SHIPPING_METHODS = [
    ("flat_rate", "Flat rate", "Lets you charge a fixed rate for shipping."),
    ("free_shipping", "Free shipping", "Free shipping is a special method which can be triggered with coupons and minimum spends."),
    ("local_pickup", "Local pickup", "Allow customers to pick up orders themselves. By default, when using local pickup store base taxes will apply regardless of customer address."),
    ("pickup_location", "Local pickup", "Allow customers to choose a local pickup location during checkout."),
]


WORDPRESS_OPTIONS = {"timezone_string": "", "gmt_offset": "0"}
"""WordPress options of a fresh English install: the site runs at UTC+0, chosen as an offset."""


class ShopConfig:
    def __init__(self, store: Store) -> None:
        self.store = store

    # ---- the site's time zone (Settings > General > Timezone) -----------------------
    def wordpress_option(self, name: str) -> str:
        stored = self.store.get("setting_value", _option_key(name))
        return stored["value"] if stored else WORDPRESS_OPTIONS[name]

    def set_time_zone(self, name: str | None = None, gmt_offset: str = "0") -> None:
        """A city's zone (``Europe/Paris``: WordPress then empties the manual offset) or a manual
        offset in hours (``"5.5"``, WordPress's "UTC+5:30": ``timezone_string`` stays empty)."""
        if name:
            ZoneInfo(name)  # WordPress offers only the zones it knows
        self.store.put("setting_value", {"id": _option_key("timezone_string"), "value": name or ""})
        self.store.put("setting_value", {"id": _option_key("gmt_offset"), "value": "0" if name else gmt_offset})

    def time_zone(self) -> tzinfo:
        name = self.wordpress_option("timezone_string")
        if name:
            return ZoneInfo(name)
        return timezone(timedelta(hours=float(self.wordpress_option("gmt_offset"))))

    def gmt_offset(self) -> str | float:
        """As the index shows it: with a city, the hours WordPress computes for now (a PHP float,
        ``1.0``); a manual offset as it is stored (``"5.5"``, ``"0"``)."""
        if self.wordpress_option("timezone_string"):
            return datetime.now(UTC).astimezone(self.time_zone()).utcoffset().total_seconds() / 3600
        return self.wordpress_option("gmt_offset")

    @staticmethod
    def local_date(stamp: str, zone: tzinfo) -> str:
        """A stored date (UTC, as ``*_gmt`` shows it) in the site's ``zone``, as ``date_created`` shows it."""
        return datetime.fromisoformat(stamp).replace(tzinfo=UTC).astimezone(zone).strftime("%Y-%m-%dT%H:%M:%S")

    def gmt_date(self, stamp: str) -> str:
        """A request date in the site's local time (``after`` without ``dates_are_gmt``) as an aware one."""
        try:
            moment = datetime.fromisoformat(stamp.strip())
        except ValueError:
            return stamp  # refused by the filter as WordPress refuses it
        return (moment if moment.tzinfo else moment.replace(tzinfo=self.time_zone())).isoformat()

    # ---- settings -------------------------------------------------------------------
    def setting_value(self, option: str) -> str:
        stored = self.store.get("setting_value", _option_key(option))
        if stored:
            return stored["value"]
        return next(s[5] for s in SETTINGS if s[1] == option)

    def settings(self, group: str) -> list[tuple[str, ...]]:
        found = [s for s in SETTINGS if s[0] == group]
        if not found:
            raise WooError(404, "rest_setting_setting_group_invalid", "Invalid setting group.")
        return found

    def setting(self, group: str, option: str) -> tuple[Any, ...]:
        found = next((s for s in self.settings(group) if s[1] == option), None)
        if not found:
            raise WooError(404, "rest_setting_setting_invalid", "Invalid setting.")
        return found

    def set_setting(self, group: str, option: str, value: Any) -> tuple[Any, ...]:
        setting = self.setting(group, option)
        if setting[7] and value not in setting[7]:
            raise WooError(400, "rest_setting_value_invalid", "An invalid setting value was passed.")
        self.store.put("setting_value", {"id": _option_key(option), "value": str(value)})
        return setting

    def render_setting(self, setting: tuple[Any, ...], base: str) -> dict[str, Any]:
        group, option, label, description, kind, default, tip, options = setting
        body: dict[str, Any] = {"id": option, "label": label, "description": description, "type": kind, "default": default}
        if options:
            body["options"] = options
        body |= {"tip": tip, "value": self.setting_value(option), "group_id": group}
        return body | {"_links": links(base, f"settings/{group}/{option}", f"settings/{group}", allow=["GET", "POST", "PUT", "PATCH"])}

    @property
    def taxes_enabled(self) -> bool:
        return self.setting_value("woocommerce_calc_taxes") == "yes"

    # ---- tax classes and rates ------------------------------------------------------
    def tax_classes(self) -> list[tuple[str, str]]:
        return DEFAULT_TAX_CLASSES + [(c["slug"], c["name"]) for c in self.store.all("tax_class")]

    def create_tax_class(self, name: str) -> tuple[str, str]:
        slug = slugify(name)
        if not name or any(s == slug for s, _ in self.tax_classes()):
            raise WooError(400, "woocommerce_rest_tax_class_exists", "Tax class already exists")
        self.store.put("tax_class", {"id": _option_key(slug), "slug": slug, "name": name})
        return slug, name

    def tax_rate(self, rate_id: int) -> Document:
        doc = self.store.get("tax_rate", rate_id)
        if not doc:
            raise invalid_resource_id()
        return doc

    def tax_rates(self) -> list[Document]:
        return self.store.all("tax_rate")

    def save_tax_rate(self, body: dict[str, Any], rate_id: int | None = None) -> Document:
        doc = self.tax_rate(rate_id) if rate_id else {
            "id": self.store.next_id("tax_rate"), "country": "", "state": "", "postcode": "", "city": "", "rate": "",
            "name": "", "priority": 1, "compound": False, "shipping": True, "order": 0, "class": "standard"}
        for name in ("country", "state", "postcode", "city", "name", "priority", "compound", "shipping", "order", "class"):
            if name in body:
                doc[name] = body[name]
        if "rate" in body:
            doc["rate"] = format(to_decimal(body["rate"]).quantize(to_decimal("0.0001")), "f")
        doc["country"] = doc["country"].upper()
        if doc["class"] not in {slug for slug, _ in self.tax_classes()}:
            raise WooError(400, "rest_invalid_param", "Invalid parameter(s): class",
                           params={"class": f"class is not one of {', '.join(s for s, _ in self.tax_classes())}."})
        return self.store.put("tax_rate", doc)

    def delete_tax_rate(self, rate_id: int, force: bool) -> Document:
        doc = self.tax_rate(rate_id)
        if not force:
            raise WooError(501, "woocommerce_rest_trash_not_supported", "Taxes do not support trashing.")
        self.store.delete("tax_rate", rate_id)
        return doc

    def render_tax_rate(self, doc: Document, base: str) -> dict[str, Any]:
        body = {k: doc[k] for k in ("id", "country", "state", "postcode", "city", "rate", "name", "priority", "compound", "shipping", "order", "class")}
        body |= {"postcodes": [doc["postcode"]] if doc["postcode"] else [], "cities": [doc["city"]] if doc["city"] else []}
        return body | {"_links": links(base, f"taxes/{doc['id']}", "taxes")}

    def rates_for(self, country: str, tax_class: str, *, shipping: bool = False) -> list[Document]:
        """Matching rates for an address country and a product tax class ("" = standard), one per priority."""
        wanted = tax_class or "standard"
        chosen: dict[int, Document] = {}
        for rate in sorted(self.tax_rates(), key=lambda r: (r["priority"], r["order"], r["id"])):
            if rate["class"] == wanted and rate["country"] in ("", country.upper()) and (rate["shipping"] or not shipping):
                chosen.setdefault(rate["priority"], rate)
        return list(chosen.values())

    # ---- payment gateways and shipping methods --------------------------------------
    def gateway_enabled(self, gateway_id: str) -> bool:
        stored = self.store.get("gateway_state", _option_key(gateway_id))
        return bool(stored and stored["enabled"])

    def set_gateway(self, gateway_id: str, enabled: bool) -> None:
        self.gateway(gateway_id)
        self.store.put("gateway_state", {"id": _option_key(gateway_id), "enabled": enabled})

    @staticmethod
    def gateway(gateway_id: str) -> tuple[str, str, str, str]:
        found = next((g for g in PAYMENT_GATEWAYS if g[0] == gateway_id), None)
        if not found:
            raise WooError(404, "woocommerce_rest_payment_gateway_invalid", "Resource does not exist.")
        return found

    def render_gateway(self, gateway: tuple[str, str, str, str], base: str) -> dict[str, Any]:
        gateway_id, title, description, method_description = gateway
        title_help = ("Payment method description that the customer will see on your checkout." if gateway_id == "cod"
                      else "This controls the title which the user sees during checkout.")
        title_setting = {"id": "title", "label": "Title", "description": title_help, "type": "safe_text", "value": title,
                         "default": title, "tip": title_help, "placeholder": ""}
        instructions = "Pay with cash upon delivery." if gateway_id == "cod" else ""
        help_text = "Instructions that will be added to the thank you page" + ("." if gateway_id == "cod" else " and emails.")
        instructions_setting = {"id": "instructions", "label": "Instructions", "description": help_text, "type": "textarea",
                                "value": instructions, "default": instructions, "tip": help_text, "placeholder": ""}
        return {
            "id": gateway_id, "title": title, "description": description, "order": "",
            "enabled": self.gateway_enabled(gateway_id), "method_title": title, "method_description": method_description,
            "method_supports": ["products"], "settings": {"title": title_setting, "instructions": instructions_setting} | (COD_SETTINGS if gateway_id == "cod" else {}), "needs_setup": False,
            "post_install_scripts": [], "settings_url": f"{base}/wp-admin/admin.php?page=wc-settings&tab=checkout&section={gateway_id}",
            "connection_url": None, "setup_help_text": None, "required_settings_keys": [],
            "_links": links(base, f"payment_gateways/{gateway_id}", "payment_gateways", allow=["GET", "POST", "PUT", "PATCH"]),
        }

    @staticmethod
    def render_shipping_method(method: tuple[str, str, str], base: str) -> dict[str, Any]:
        method_id, title, description = method
        return {"id": method_id, "title": title, "description": description,
                "_links": links(base, f"shipping_methods/{method_id}", "shipping_methods", allow=["GET"])}


def _option_key(name: str) -> int:
    """A stable integer id for documents keyed by a name (settings, gateways, tax classes)."""
    return int(hashlib.sha1(name.encode()).hexdigest()[:12], 16)
