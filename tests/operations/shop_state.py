"""Shop-neutral readings of a sandbox shop for the operation tests.

Each reading reads the sandbox as its own shop shows it (the WooCommerce REST API, the
PrestaShop sandbox's webservice rows) and gives the figures the tests compare, by
back-office key. PrestaShop keeps no key on its records: its ids come from the profile's
bindings in the state store.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from gescom_sync.shops.woocommerce.connector import WooCommerceConnector
from gescom_sync.shops.woocommerce.payloads import KEY_META
from gescom_sync.state import StateStore


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
    flag of its own and shows its product's."""
    if hasattr(sandbox, "consumer_key"):
        return {key: record["status"] for key, record in woocommerce_records(sandbox).items()}
    active = {row["id"]: str(row["active"]) == "1" for row in sandbox.shop.store.all("products")}
    return {key: "publish" if active[product] else "draft"
            for key, (product, _combination) in prestashop_places(sandbox, profile).items()}


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
