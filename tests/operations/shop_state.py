"""Shop-neutral readings of a sandbox shop for the operation tests.

Each reading reads the sandbox as its own shop shows it (the WooCommerce REST API, the
PrestaShop sandbox's webservice rows) and gives the figures the tests compare, by
back-office key. PrestaShop keeps no key on its records: its ids come from the profile's
bindings in the state store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from gescom_sync.http import HttpOptions
from gescom_sync.model.shop import ShopProduct
from gescom_sync.shops.prestashop import PrestaShopConnector
from gescom_sync.shops.prestashop.webservice import Webservice, equals
from gescom_sync.shops.woocommerce.connector import WooCommerceConnector
from gescom_sync.shops.woocommerce.payloads import KEY_META, NEXT_DELIVERY_META
from gescom_sync.state import StateStore

CUSTOMER_META = ("erp_account", "erp_contact", "siret", "vat_number", "credit_limit", "payment_days")
"""The back-office data a test reads on a shop customer (WooCommerce meta; PrestaShop fields)."""
PRESTASHOP_ADDRESS_FIELDS = {"first_name": "firstname", "last_name": "lastname", "company": "company",
                             "address_1": "address1", "address_2": "address2", "postcode": "postcode", "city": "city",
                             "phone": "phone"}
"""WooCommerce's address keys, the neutral words of these readings -> PrestaShop's address fields."""


def secrets(sandbox: Any) -> tuple[str, ...]:
    """The credentials of a running sandbox (WooCommerce consumer pair or PrestaShop webservice key)."""
    if hasattr(sandbox, "consumer_key"):
        return sandbox.consumer_key, sandbox.consumer_secret
    return (sandbox.key,)


def stock_levels(sandbox: Any, profile: str) -> dict[str, tuple[bool, int | None]]:
    """(stock managed, quantity) of every product and variant of the shop, by back-office key."""
    if hasattr(sandbox, "consumer_key"):
        return {key: (record["manage_stock"], record["stock_quantity"]) for key, record in woocommerce_records(sandbox).items()}
    rows = {(row["id_product"], row["id_product_attribute"]): row["quantity"]
            for row in sandbox.shop.store.all("stock_availables")}
    return {key: (True, rows.get(place)) for key, place in prestashop_places(sandbox, profile).items()}


def prices(sandbox: Any, profile: str) -> dict[str, tuple[str, str]]:
    """(regular price, sale price or "") of every product and variant, by back-office key, as
    WooCommerce writes them; PrestaShop's: the product's price plus the combination's impact,
    less the all-customers specific price's reduction, to the cent."""
    if hasattr(sandbox, "consumer_key"):
        return {key: (record["regular_price"], record["sale_price"]) for key, record in woocommerce_records(sandbox).items()}
    store = sandbox.shop.store
    bases = {row["id"]: Decimal(row["price"]) for row in store.all("products")}
    impacts = {row["id"]: Decimal(row["price"]) for row in store.all("combinations")}
    reductions = {(row["id_product"], row["id_product_attribute"]): Decimal(str(row["reduction"]))
                  for row in store.all("specific_prices")
                  if (int(row["id_group"]), int(row["id_customer"]), int(row["from_quantity"])) == (0, 0, 1)}
    found: dict[str, tuple[str, str]] = {}
    for key, (product, combination) in prestashop_places(sandbox, profile).items():
        regular = bases[product] + impacts.get(combination, Decimal(0))
        reduction = reductions.get((product, combination))
        found[key] = (_cents(regular), _cents(regular - reduction) if reduction is not None else "")
    return found


def statuses(sandbox: Any, profile: str) -> dict[str, str]:
    """WooCommerce's status of every product and variation ("publish", "draft", "private"), by back-office key;
    PrestaShop's in those words: an active product "publish", an inactive one "draft"; a combination has no
    flag of its own: "private" when it cannot be ordered (stock 0, orders denied), else its product's."""
    if hasattr(sandbox, "consumer_key"):
        return {key: record["status"] for key, record in woocommerce_records(sandbox).items()}
    active = {row["id"]: str(row["active"]) == "1" for row in sandbox.shop.store.all("products")}
    denied = {(row["id_product"], row["id_product_attribute"]) for row in sandbox.shop.store.all("stock_availables")
              if int(row["out_of_stock"]) == 0 and row["quantity"] <= 0}
    return {key: "private" if place[1] and place in denied else "publish" if active[place[0]] else "draft"
            for key, place in prestashop_places(sandbox, profile).items()}


def product_references(sandbox: Any) -> list[str]:
    """The SKU (PrestaShop: reference) of every product of the shop, variants left out, in creation order."""
    if hasattr(sandbox, "consumer_key"):
        return [row["sku"] for row in sandbox.shop.store.all("product")]
    return [row["reference"] for row in sandbox.shop.store.all("products")]


def prestashop_specific_prices(sandbox: Any, profile: str) -> dict[tuple[str, str, int], str]:
    """PrestaShop's fixed specific prices by (product key, "group:<id>" or "customer:<back-office key>",
    from quantity), to the cent."""
    keys = {place: key for key, place in prestashop_places(sandbox, profile).items()}
    with StateStore.open() as store:
        customers = {b.shop_id: b.erp_key for b in store.bindings.list(profile, "customer")}
    return {(keys[(row["id_product"], row["id_product_attribute"])],
             f"customer:{customers[str(row['id_customer'])]}" if row["id_customer"] else f"group:{row['id_group']}",
             row["from_quantity"]): _cents(Decimal(row["price"]))
            for row in sandbox.shop.store.all("specific_prices") if Decimal(row["price"]) >= 0}


def next_delivery_dates(sandbox: Any, profile: str) -> dict[str, str | None]:
    """The next delivery date (ISO) of every product and variant, by back-office key: WooCommerce's
    meta, PrestaShop's ``available_date``."""
    if hasattr(sandbox, "consumer_key"):
        return {key: _meta(record, NEXT_DELIVERY_META) for key, record in woocommerce_records(sandbox).items()}
    rows = _prestashop_rows(sandbox)
    return {key: None if rows[place]["available_date"] == "0000-00-00" else rows[place]["available_date"]
            for key, place in prestashop_places(sandbox, profile).items()}


def weights(sandbox: Any, profile: str) -> dict[str, Decimal]:
    """The weight of every product and variant, by back-office key; a PrestaShop combination's is its
    product's plus its impact."""
    if hasattr(sandbox, "consumer_key"):
        return {key: Decimal(record["weight"] or "0") for key, record in woocommerce_records(sandbox).items()}
    rows = _prestashop_rows(sandbox)

    def weight(product: int, combination: int) -> Decimal:
        impact = Decimal(rows[(product, combination)]["weight"]) if combination else Decimal(0)
        return Decimal(rows[(product, 0)]["weight"]) + impact

    return {key: weight(*place) for key, place in prestashop_places(sandbox, profile).items()}


def default_options(sandbox: Any, profile: str) -> dict[str, list[tuple[str, str]]]:
    """The (attribute, value) pairs of the variant each product with variants shows first, by back-office key:
    WooCommerce's default attributes, PrestaShop's default combination."""
    if hasattr(sandbox, "consumer_key"):
        return {key: [(a["name"], a["option"]) for a in record["default_attributes"]]
                for key, record in woocommerce_records(sandbox).items() if record.get("default_attributes")}
    store = sandbox.shop.store
    defaults = {row["id_product"]: row for row in store.all("combinations") if str(row["default_on"]) == "1"}
    return {key: option_pairs(sandbox, defaults[product]) for key, (product, combination) in
            prestashop_places(sandbox, profile).items() if not combination and product in defaults}


def option_pairs(sandbox: Any, combination: dict[str, Any]) -> list[tuple[str, str]]:
    """(attribute group, value) names of a PrestaShop combination, in the default language."""
    store = sandbox.shop.store
    groups = {row["id"]: _default_text(row["name"]) for row in store.all("product_options")}
    values = {row["id"]: (groups[row["id_attribute_group"]], _default_text(row["name"]))
              for row in store.all("product_option_values")}
    return [values[item["id"]] for item in combination["associations"].get("product_option_values", [])]


def set_shop_stock(sandbox: Any, profile: str, key: str, quantity: int) -> None:
    """Change the shop's stock of one product or variant through its own API, as a sale in the shop does."""
    if hasattr(sandbox, "consumer_key"):
        record = woocommerce_records(sandbox)[key]
        path = f"products/{record['parent_id']}/variations/{record['id']}" if record.get("parent_id") \
            else f"products/{record['id']}"
        with WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret) as shop:
            shop.client.put(path, json={"stock_quantity": quantity})
        return
    product, combination = prestashop_places(sandbox, profile)[key]
    row = next(r for r in sandbox.shop.store.all("stock_availables")
               if (r["id_product"], r["id_product_attribute"]) == (product, combination))
    fields = {name: row[name] for name in ("id_product", "id_product_attribute", "id_shop", "id_shop_group",
                                           "depends_on_stock", "out_of_stock")}
    with closing(Webservice(sandbox.url, sandbox.key, HttpOptions())) as webservice:
        webservice.replace("stock_availables", str(row["id"]), fields | {"quantity": quantity})


def _prestashop_rows(sandbox: Any) -> dict[tuple[int, int], dict[str, Any]]:
    """Product rows by (id, 0), combination rows by (product id, id)."""
    store = sandbox.shop.store
    return ({(row["id"], 0): row for row in store.all("products")}
            | {(row["id_product"], row["id"]): row for row in store.all("combinations")})


def _default_text(value: Any) -> str:
    """A PrestaShop sandbox multilingual value's text in English (language 1), else the value itself."""
    if isinstance(value, list):
        return next(item["value"] for item in value if item["id"] == 1)
    return value


def _meta(record: dict[str, Any], key: str) -> Any:
    return next((m["value"] for m in record["meta_data"] if m["key"] == key), None)


def _cents(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01")))


def woocommerce_records(sandbox: Any) -> dict[str, dict[str, Any]]:
    """Every product and variation of the WooCommerce sandbox, by the back-office key in its meta."""
    found: dict[str, dict[str, Any]] = {}
    with WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret) as shop:
        for product in shop.client.get("products", params={"per_page": 100}).json():
            found[_key(product)] = product
            if product["variations"]:
                for variation in shop.client.get(f"products/{product['id']}/variations", params={"per_page": 100}).json():
                    found[_key(variation)] = variation
    return found


def prestashop_places(sandbox: Any, profile: str) -> dict[str, tuple[int, int]]:
    """(id_product, id_product_attribute) of every bound product and combination still in the shop."""
    combinations = {row["id"]: row["id_product"] for row in sandbox.shop.store.all("combinations")}
    products = {row["id"] for row in sandbox.shop.store.all("products")}
    places: dict[str, tuple[int, int]] = {}
    with StateStore.open() as store:
        for binding in store.bindings.list(profile, "product"):
            if int(binding.shop_id) in products:
                places[binding.erp_key] = (int(binding.shop_id), 0)
        for binding in store.bindings.list(profile, "variant"):
            combination = int(binding.shop_id.rsplit(":", 1)[-1])
            if combination in combinations:
                places[binding.erp_key] = (combinations[combination], combination)
    return places


def _key(record: dict[str, Any]) -> str:
    return next(m["value"] for m in record["meta_data"] if m["key"] == KEY_META)


# ----------------------------------------------------------------------------- customers


def customers(sandbox: Any, profile: str) -> dict[str, dict[str, Any]]:
    """Every customer of the shop by e-mail, in WooCommerce's words: ``id``, ``email``, ``first_name``,
    ``last_name``, ``active``, ``billing`` and ``shipping`` (WooCommerce address keys; a
    PrestaShop address has no e-mail), ``key`` (the back-office key) and :data:`CUSTOMER_META`.

    PrestaShop keeps the account number in ``note``, the VAT number on the addresses ("Billing",
    "Shipping"), and no key: it comes from the profile's bindings, a contact's ``erp_contact`` from
    its key (``TOPAZ/1``). Amounts are compared without trailing zeros (``15000``)."""
    if hasattr(sandbox, "consumer_key"):
        with _woocommerce(sandbox) as shop:
            rows = shop.client.get("customers", params={"per_page": 100}).json()
        return {row["email"]: {"id": row["id"], "email": row["email"], "first_name": row["first_name"],
                               "last_name": row["last_name"],
                               "active": True, "billing": row["billing"], "shipping": row["shipping"],
                               "key": _meta(row, KEY_META), **{name: _meta(row, name) for name in CUSTOMER_META}}
                for row in rows}
    store = sandbox.shop.store
    with StateStore.open() as state:
        keys = {b.shop_id: b.erp_key for b in state.bindings.list(profile, "customer")}
    return {row["email"]: _prestashop_customer(store, row, keys.get(str(row["id"])))
            for row in store.all("customers") if str(row["deleted"]) != "1"}


def _prestashop_customer(store: Any, row: dict[str, Any], key: str | None) -> dict[str, Any]:
    countries = {c["id"]: c["iso_code"] for c in store.all("countries")}
    addresses = {a["alias"]: a for a in store.all("addresses") if a["id_customer"] == row["id"] and str(a["deleted"]) != "1"}
    billing = _prestashop_address(addresses.get("Billing"), countries)
    return {"id": row["id"], "email": row["email"], "first_name": row["firstname"], "last_name": row["lastname"],
            "active": str(row["active"]) == "1", "billing": billing,
            "shipping": _prestashop_address(addresses.get("Shipping"), countries) if "Shipping" in addresses else billing,
            "key": key, "erp_account": row["note"] or None, "erp_contact": key.split("/", 1)[1] if key and "/" in key else None,
            "siret": row["siret"] or None, "vat_number": (addresses.get("Billing") or {}).get("vat_number") or None,
            "credit_limit": _plain(row["outstanding_allow_amount"]), "payment_days": _plain(row["max_payment_days"])}


def _prestashop_address(row: dict[str, Any] | None, countries: Mapping[int, str]) -> dict[str, str]:
    if row is None:
        return {name: "" for name in (*PRESTASHOP_ADDRESS_FIELDS, "country")}
    found = {name: str(row.get(field) or "") for name, field in PRESTASHOP_ADDRESS_FIELDS.items()}
    return found | {"country": countries.get(row["id_country"], "")}


def _plain(value: Any) -> str | None:
    """``"15000.000000"`` -> ``"15000"``; empty -> None."""
    if value in (None, ""):
        return None
    return format(Decimal(str(value)).normalize(), "f")


def create_customer(sandbox: Any, customer: dict[str, Any]) -> int:
    """A customer signing up in the shop, given in WooCommerce's words (``email``, ``first_name``,
    ``last_name``, optional ``billing`` with WooCommerce address keys, optional ``vat_number``); its shop id.

    On PrestaShop the billing address becomes the customer's address "Mon adresse" (the alias
    a shop's checkout gives), its missing names taken from the customer's, with the VAT number;
    WooCommerce keeps the VAT number in the customer's meta ``vat_number``."""
    vat_number = customer.get("vat_number")
    if hasattr(sandbox, "consumer_key"):
        body = {k: v for k, v in customer.items() if k != "vat_number"}
        if vat_number:
            body["meta_data"] = [*body.get("meta_data", []), {"key": "vat_number", "value": vat_number}]
        with _woocommerce(sandbox) as shop:
            return shop.client.post("customers", json=body).json()["id"]
    if vat_number:
        customer = {**customer, "billing": {**customer.get("billing", {}), "vat_number": vat_number}}
    with _prestashop(sandbox) as shop:
        created = shop.ws.create("customers", {
            "email": customer["email"], "firstname": customer["first_name"], "lastname": customer["last_name"],
            "passwd": "Sandbox-1234!", "active": 1, "id_default_group": 3, "id_lang": 1, "newsletter": 0, "optin": 0},
            {"groups": [{"id": 3}]})
        if customer.get("billing"):
            _add_prestashop_address(shop, created, customer["billing"])
        return int(created["id"])


def _add_prestashop_address(shop: PrestaShopConnector, customer: dict[str, Any], address: dict[str, Any]) -> str:
    country = shop.ws.first("countries", equals("iso_code", address.get("country") or "FR"), display=["id"])
    fields = {field: address.get(name) or "" for name, field in PRESTASHOP_ADDRESS_FIELDS.items()}
    fields |= {"firstname": fields["firstname"] or customer["firstname"],
               "lastname": fields["lastname"] or customer["lastname"]}
    if address.get("vat_number"):
        fields["vat_number"] = address["vat_number"]
    created = shop.ws.create("addresses", {**fields, "id_customer": customer["id"], "id_country": country["id"],
                                           "alias": "Mon adresse"})
    return str(created["id"])


# -------------------------------------------------------------------------------- orders


@dataclass(frozen=True)
class Coupon:
    """A voucher: ``percent`` off the products, or ``amount`` off (tax excluded); ``free_shipping``
    also gives the shipping back (PrestaShop)."""

    code: str
    percent: Decimal | None = None
    amount: Decimal | None = None
    free_shipping: bool = False


def place_order(shop_kind: str, sandbox: Any, lines: Sequence[tuple[str, int]], *, customer: int | str | None = None,
                status: str | None = None, coupons: Sequence[Coupon] = (), carrier: int | None = None,
                shipping: Decimal | None = None, meta: Mapping[str, str] | None = None, currency: str = "EUR",
                fees: Sequence[tuple[str, Decimal]] = ()) -> str:
    """An order placed in the shop as a customer's checkout places it; its shop id.

    ``lines`` are (SKU, quantity) of products or variants in the shop; stock goes down as the
    shop takes it. ``status`` is the shop's own code (WooCommerce "processing" by default;
    PrestaShop an order state id, the order staying "Remote payment accepted" (11) when none).
    ``coupons`` are created and used once: a WooCommerce coupon, a PrestaShop cart rule for
    that customer (the webservice puts no code on a cart: the shop applies it by itself).
    Without ``customer`` the order is a guest's: PrestaShop's checkout makes a guest account
    (``is_guest``). A PrestaShop customer without an address gets "Mon adresse" in Paris.
    PrestaShop orders ship free (the sandbox's carrier 1) unless ``carrier`` names another
    one (PrestaShop only): the checkout's delivery option, the shop computes its cost
    (carrier 2: 7.50 € + VAT below 50 €, 4.90 € below 100 €, free from 100 €).
    A WooCommerce order is paid by cheque ("cheque", as PrestaShop's "ps_checkpayment"), a
    guest's with :data:`WOOCOMMERCE_GUEST`'s address; ``shipping`` (WooCommerce only) is a
    "Colissimo" flat rate of that amount, tax excluded, the shop taxing it; ``meta`` (WooCommerce
    only) are the order's ``meta_data``, as a checkout field stores them (a VAT number plugin's
    ``vat_number``); ``currency`` the order's currency, as a multi-currency checkout sets it
    (PrestaShop: the cart's ``id_currency``, the shop pricing it at the currency's rate);
    ``fees`` are (name, amount excluding tax) fee lines at the standard rate, as a gift wrapping
    option adds them: on PrestaShop one fee only, the gift wrapping of a ``gift`` cart, its price
    set as the shop's ``PS_GIFT_WRAPPING_PRICE`` (the shop names it itself)."""
    if shop_kind == "woocommerce":
        if carrier is not None:
            raise ValueError("place_order(carrier=...) is a PrestaShop carrier id; WooCommerce orders have none")
        return _place_woocommerce_order(sandbox, lines, customer, status or "processing", coupons, shipping,
                                        {"meta_data": [{"key": k, "value": v} for k, v in (meta or {}).items()],
                                         "currency": currency,
                                         "fee_lines": [{"name": name, "total": str(amount), "tax_status": "taxable"}
                                                       for name, amount in fees]})
    if meta:
        raise ValueError("place_order(meta=...) are WooCommerce's order meta; a PrestaShop order has none")
    if len(fees) > 1:
        raise ValueError("place_order(fees=...): a PrestaShop cart has one fee, its gift wrapping")
    if shipping is not None:
        raise ValueError("place_order(shipping=...) is a WooCommerce flat rate; PrestaShop's shipping comes from carrier")
    if fees:
        set_prestashop_configuration(sandbox, "PS_GIFT_WRAPPING_PRICE", str(fees[0][1]))
    return _place_prestashop_order(sandbox, lines, str(customer or _prestashop_guest(sandbox)), status, coupons,
                                   carrier or 1, currency, gift=bool(fees))


def set_prestashop_configuration(sandbox: Any, name: str, value: str) -> None:
    """A PrestaShop setting changed by the merchant (its ``configurations`` row, through the webservice)."""
    with _prestashop(sandbox) as shop:
        row = shop.ws.first("configurations", equals("name", name), display=["id"])
        shop.ws.replace("configurations", str(row["id"]), {"name": name, "value": value})


def set_prestashop_price_in(sandbox: Any, sku: str, currency: str, price: Decimal) -> None:
    """A product's price in another currency than the shop's: a specific price for everyone given in that
    currency, as the product page's "Specific prices" sets it (PrestaShop takes it as is, not converted)."""
    with _prestashop(sandbox) as shop:
        found = shop.ws.first("currencies", equals("iso_code", currency), display=["id"])
        product = _prestashop_place(shop, sku)
        shop.ws.create("specific_prices", {
            **product, "id_shop": 1, "id_cart": 0, "id_currency": found["id"], "id_country": 0, "id_group": 0,
            "id_customer": 0, "price": str(price), "from_quantity": 1, "reduction": 0, "reduction_tax": 1,
            "reduction_type": "amount", "from": "0000-00-00 00:00:00", "to": "0000-00-00 00:00:00"})


@contextmanager
def placed_at(sandbox: Any, moment: datetime) -> Iterator[None]:
    """Orders placed inside the block are dated ``moment`` (an aware datetime) by the shop's own clock."""
    shop = sandbox.shop if hasattr(sandbox, "consumer_key") else sandbox.shop.shop
    clock = shop.clock
    shop.clock = lambda: moment
    try:
        yield
    finally:
        shop.clock = clock


def _prestashop_guest(sandbox: Any) -> int:
    with _prestashop(sandbox) as shop:
        guest = shop.ws.create("customers", {
            "email": "invite@example.fr", "firstname": "Lou", "lastname": "Invité", "passwd": "Sandbox-1234!",
            "active": 1, "is_guest": 1, "id_default_group": 2, "id_lang": 1}, {"groups": [{"id": 2}]})
        return int(guest["id"])


WOOCOMMERCE_GUEST = {"first_name": "Lou", "last_name": "Invité", "email": "invite@example.fr",
                     "address_1": "1 rue de Rivoli", "postcode": "75001", "city": "Paris", "country": "FR"}
"""The billing and shipping address of a WooCommerce guest checkout (PrestaShop's guest account's)."""


def _place_woocommerce_order(sandbox: Any, lines: Sequence[tuple[str, int]], customer: int | str | None, status: str,
                             coupons: Sequence[Coupon], shipping: Decimal | None, extra: Mapping[str, Any]) -> str:
    with _woocommerce(sandbox) as shop:
        for coupon in coupons:
            kind, value = ("percent", coupon.percent) if coupon.percent is not None else ("fixed_cart", coupon.amount)
            shop.client.post("coupons", json={"code": coupon.code, "discount_type": kind, "amount": str(value)})
        items = []
        for sku, quantity in lines:
            (found,) = shop.client.get("products", params={"sku": sku}).json() or [_woocommerce_variation(shop, sku)]
            if found is None:
                raise LookupError(f"no product or variation {sku} in the WooCommerce sandbox")
            place = {"product_id": found["parent_id"], "variation_id": found["id"]} if found.get("parent_id") else {
                "product_id": found["id"]}
            items.append({**place, "quantity": quantity})
        body: dict[str, Any] = {**extra, "status": status, "set_paid": status in ("processing", "completed"), "line_items": items,
                                "coupon_lines": [{"code": c.code} for c in coupons],
                                "payment_method": "cheque", "payment_method_title": "Chèque",
                                "billing": WOOCOMMERCE_GUEST, "shipping": WOOCOMMERCE_GUEST}
        if customer is not None:
            buyer = shop.client.get(f"customers/{customer}").json()
            body |= {"customer_id": int(customer), "billing": buyer["billing"], "shipping": buyer["shipping"]}
        if shipping is not None:
            body["shipping_lines"] = [{"method_id": "flat_rate", "method_title": "Colissimo", "total": str(shipping)}]
        return str(shop.client.post("orders", json=body).json()["id"])


def _woocommerce_variation(shop: WooCommerceConnector, sku: str) -> dict[str, Any] | None:
    """The variation with that SKU: the sandbox's ``products?sku=`` leaves variations out (WooCommerce's own
    also looks among variations)."""
    for product in shop.client.get("products", params={"type": "variable", "per_page": 100}).json():
        variations = shop.client.get(f"products/{product['id']}/variations", params={"per_page": 100}).json()
        found = next((v for v in variations if v["sku"] == sku), None)
        if found is not None:
            return {**found, "parent_id": product["id"]}
    return None


def _place_prestashop_order(sandbox: Any, lines: Sequence[tuple[str, int]], customer: str, status: str | None,
                            coupons: Sequence[Coupon], carrier: int, currency: str, *, gift: bool) -> str:
    with _prestashop(sandbox) as shop:
        currency_id = shop.ws.first("currencies", equals("iso_code", currency), display=["id"])["id"]
        buyer = shop.ws.read("customers", customer)
        address = shop.ws.first("addresses", equals("id_customer", customer), equals("deleted", 0), display=["id"])
        address_id = str(address["id"]) if address else _add_prestashop_address(
            shop, buyer, {"address_1": "1 rue de Rivoli", "postcode": "75001", "city": "Paris", "country": "FR"})
        for coupon in coupons:
            _add_cart_rule(shop, coupon, customer)
        rows = [{**_prestashop_place(shop, sku), "id_address_delivery": address_id, "id_customization": 0,
                 "quantity": quantity} for sku, quantity in lines]
        common = {"id_address_delivery": address_id, "id_address_invoice": address_id, "id_currency": currency_id,
                  "id_customer": customer, "id_lang": 1, "id_shop_group": 1, "id_shop": 1, "id_carrier": carrier}
        delivery_option = json.dumps({address_id: f"{carrier},"})  # what the checkout stores on the cart
        cart = shop.ws.create("carts", {**common, "delivery_option": delivery_option, "gift": int(gift)},
                              {"cart_rows": rows})
        total = sandbox.shop.shop.cart_total(int(cart["id"]))  # what the customer pays (Cart::getOrderTotal)
        order = shop.ws.create("orders", {
            **common, "id_cart": cart["id"], "module": "ps_checkpayment", "payment": "Payments by check",
            "total_paid": str(total), "total_paid_real": str(total), "total_products": 0, "total_products_wt": 0,
            "conversion_rate": 1, "current_state": 0, "valid": 0})  # the shop sets the currency's rate itself
        if status is not None:
            shop.ws.create("order_histories", {"id_order": order["id"], "id_order_state": status}, None,
                           {"sendemail": 0})
        return str(order["id"])


def _prestashop_place(shop: PrestaShopConnector, sku: str) -> dict[str, Any]:
    combination = shop.ws.first("combinations", equals("reference", sku), display=["id", "id_product"])
    if combination:
        return {"id_product": combination["id_product"], "id_product_attribute": combination["id"]}
    product = shop.ws.first("products", equals("reference", sku), display=["id"])
    if product is None:
        raise LookupError(f"no product or combination {sku} in the PrestaShop sandbox")
    return {"id_product": product["id"], "id_product_attribute": 0}


def _add_cart_rule(shop: PrestaShopConnector, coupon: Coupon, customer: str) -> None:
    today = datetime.now().replace(microsecond=0)
    reduction = ({"reduction_percent": str(coupon.percent)} if coupon.percent is not None
                 else {"reduction_amount": str(coupon.amount or 0), "reduction_tax": 0, "reduction_currency": 1})
    shop.ws.create("cart_rules", {
        "name": {"1": coupon.code, "2": coupon.code}, "id_customer": customer, "code": "", "quantity": 1,
        "quantity_per_user": 1, "active": 1, "date_from": str(today - timedelta(days=1)),
        "date_to": str(today + timedelta(days=30)), "free_shipping": int(coupon.free_shipping), **reduction})


def _woocommerce(sandbox: Any) -> WooCommerceConnector:
    return WooCommerceConnector(sandbox.url, sandbox.consumer_key, sandbox.consumer_secret)


def _prestashop(sandbox: Any) -> PrestaShopConnector:
    return PrestaShopConnector(sandbox.url, sandbox.key, options=HttpOptions(delay_ms=0))


def add_product(shop_kind: str, sandbox: Any, sku: str, price: Decimal, stock: int = 10) -> None:
    """A simple product made in the shop itself (20 % VAT), for orders of tests that export no catalogue."""
    if shop_kind == "woocommerce":
        with _woocommerce(sandbox) as shop:
            shop.client.post("products", json={"name": sku, "sku": sku, "regular_price": str(price),
                                               "manage_stock": True, "stock_quantity": stock})
        return
    with _prestashop(sandbox) as shop:
        (result,) = shop.write_products([ShopProduct(sku, name=sku, sku=sku, regular_price=price, tax_class="1",
                                                     stock_quantity=Decimal(stock))])
        assert result.ok, result.message


# -- the catalogue, shop-neutral ----------------------------------------------------------------------------

KINDS = {"simple": "simple", "variable": "variable", "grouped": "pack",  # WooCommerce
         "standard": "simple", "combinations": "variable", "pack": "pack"}  # PrestaShop
"""Each shop's product type -> the export's kind."""


@dataclass(frozen=True)
class CatalogueRecord:
    """A product or variant as the shop holds it. ``price`` is the regular price to the cent;
    ``categories`` the paths of its categories ("Mode > Pantalons"); ``attributes`` a variable
    product's (name, values), ``options`` a variant's (name, value); ``pack`` the keys of a pack's
    items; ``images`` how many pictures the product shows."""

    shop_id: str
    kind: str
    sku: str
    price: str
    stock: int | None
    weight: Decimal
    categories: tuple[str, ...] = ()
    attributes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    options: tuple[tuple[str, str], ...] = ()
    pack: tuple[str, ...] = ()
    images: int = 0


def catalogue(sandbox: Any, profile: str) -> dict[str, CatalogueRecord]:
    """Every product and variant of the shop, by back-office key."""
    if hasattr(sandbox, "consumer_key"):
        return _woocommerce_catalogue(sandbox)
    return _prestashop_catalogue(sandbox, profile)


def category_paths(sandbox: Any) -> dict[str, str]:
    """The path ("Bijouterie > Or") of every product category of the shop, by its shop id (PrestaShop:
    under its Home category)."""
    if hasattr(sandbox, "consumer_key"):
        tree = {t["id"]: (t["name"], t["parent"]) for t in sandbox.shop.store.all("term")
                if t["taxonomy"] == "product_cat"}
    else:
        top = {row["id"] for row in sandbox.shop.store.all("categories") if row["id_parent"] in (0, 1)}
        tree = {row["id"]: (_default_text(row["name"]), 0 if row["id_parent"] in top else row["id_parent"])
                for row in sandbox.shop.store.all("categories") if row["id"] not in top}

    def path(category: int) -> str:
        name, parent = tree[category]
        return f"{path(parent)} > {name}" if parent else name

    return {str(category): path(category) for category in tree}


def delete_category(sandbox: Any, name: str) -> str:
    """Delete a category of the shop behind gescom-sync's back (as a merchant would); its shop id."""
    found = next(shop_id for shop_id, path in category_paths(sandbox).items() if path.rsplit(" > ", 1)[-1] == name)
    sandbox.shop.store.delete("term" if hasattr(sandbox, "consumer_key") else "categories", int(found))
    return found


def _woocommerce_catalogue(sandbox: Any) -> dict[str, CatalogueRecord]:
    records = woocommerce_records(sandbox)
    paths = category_paths(sandbox)
    keys = {record["id"]: key for key, record in records.items()}
    found = {}
    for key, r in records.items():
        variation = bool(r.get("parent_id"))
        found[key] = CatalogueRecord(
            shop_id=str(r["id"]), kind="variant" if variation else KINDS[r["type"]], sku=r["sku"],
            price=_cents(Decimal(r["regular_price"] or "0")), stock=r["stock_quantity"],
            weight=Decimal(r["weight"] or "0"),
            categories=tuple(paths[str(c["id"])] for c in r.get("categories", [])),
            attributes=tuple((a["name"], tuple(a["options"])) for a in r["attributes"] if "options" in a),
            options=tuple((a["name"], a["option"]) for a in r["attributes"] if "option" in a),
            pack=tuple(keys[i] for i in r.get("grouped_products", [])),
            images=len(r.get("images", [])) if not variation else int(bool(r.get("image"))))
    return found


def _prestashop_catalogue(sandbox: Any, profile: str) -> dict[str, CatalogueRecord]:
    rows = _prestashop_rows(sandbox)
    stock = {(row["id_product"], row["id_product_attribute"]): row["quantity"]
             for row in sandbox.shop.store.all("stock_availables")}
    places = prestashop_places(sandbox, profile)
    keys = {product: key for key, (product, combination) in places.items() if not combination}
    paths = category_paths(sandbox)
    combinations: dict[int, list[dict[str, Any]]] = {}
    for (product, combination), row in rows.items():
        if combination:
            combinations.setdefault(product, []).append(row)
    found = {}
    for key, (product, combination) in places.items():
        base, row = rows[(product, 0)], rows[(product, combination)]
        price = Decimal(base["price"]) + (Decimal(row["price"]) if combination else 0)
        weight = Decimal(base["weight"]) + (Decimal(row["weight"]) if combination else 0)
        associations = row.get("associations", {})
        found[key] = CatalogueRecord(
            shop_id=str(combination or product), kind="variant" if combination else KINDS[base["product_type"]],
            sku=row["reference"], price=_cents(price), stock=stock.get((product, combination)), weight=weight,
            categories=() if combination else tuple(paths[str(c["id"])] for c in associations.get("categories", [])
                                                    if str(c["id"]) in paths),
            attributes=() if combination else _attributes(sandbox, combinations.get(product, [])),
            options=tuple(option_pairs(sandbox, row)) if combination else (),
            pack=tuple(keys[item["id"]] for item in associations.get("product_bundle", [])),
            images=len(associations.get("images", [])))
    return found


def _attributes(sandbox: Any, combinations: list[dict[str, Any]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A PrestaShop product's attributes and the values its combinations use (sorted: a product has no
    order of its own; the groups in the combinations' order)."""
    found: dict[str, set[str]] = {}
    for combination in combinations:
        for name, value in option_pairs(sandbox, combination):
            found.setdefault(name, set()).add(value)
    return tuple((name, tuple(sorted(values))) for name, values in found.items())


def product_names(sandbox: Any, profile: str) -> dict[str, dict[str, str]]:
    """Every product's name per shop language (ISO code; WooCommerce has one language: "")."""
    if hasattr(sandbox, "consumer_key"):
        return {key: {"": record["name"]} for key, record in woocommerce_records(sandbox).items()
                if not record.get("parent_id")}
    store = sandbox.shop.store
    codes = {row["id"]: row["iso_code"] for row in store.all("languages")}
    rows = {row["id"]: row for row in store.all("products")}
    return {key: {codes[item["id"]]: item["value"] for item in rows[product]["name"]}
            for key, (product, combination) in prestashop_places(sandbox, profile).items() if not combination}
