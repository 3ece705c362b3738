"""The naive side of the catalogue benchmark on the PrestaShop sandbox: one webservice
request per item, as a desktop connector sends them.

| scenario | the naive connector's requests |
|---|---|
| ``first_export`` | ``POST products`` per product, ``POST combinations`` per variation (new references) |
| ``noop_export`` | ``PATCH products/{id}`` and ``PATCH combinations/{id}`` of every record again |
| ``stock_all`` | ``PUT stock_availables/{id}`` per SKU; ids known, no look-up |
| ``stock_1pct`` | reads the shop's stock rows (pages of 100), then ``PUT`` per changed SKU |

Records are read before their request is timed (the generator runs between two timed
calls), so a re-sent or copied record costs only its own request.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Any

from _support import Call, Kind

from gescom_sync.shops.prestashop.catalogue import slugify

PAGE = 100
PRODUCT_FIELDS = ("name", "link_rewrite", "description", "description_short", "price", "id_category_default",
                  "id_tax_rules_group", "weight", "active", "state", "product_type", "minimal_quantity",
                  "available_for_order", "show_price", "reference")
COMBINATION_FIELDS = ("id_product", "reference", "price", "weight", "minimal_quantity")
STOCK_FIELDS = ("id_product", "id_product_attribute", "id_shop", "id_shop_group", "quantity", "depends_on_stock",
                "out_of_stock", "location")


class PrestaShopNaive:
    """One request per item, sequential, ``pause`` after each answer, with the profile's key."""

    def __init__(self, sandbox, profile: str, pause: float) -> None:  # noqa: ANN001 - a RunningSandbox
        from gescom_sync.profiles import load_profile
        from gescom_sync.shops.factory import open_shop

        self.pause = pause
        settings = load_profile(profile).shop
        unpaced = settings.model_copy(update={"http": settings.http.model_copy(update={"delay_ms": 0})})
        self.connector = open_shop(unpaced)
        self.ws = self.connector.ws
        store = sandbox.shop.store
        self.products = store.all("products")
        self.combinations = store.all("combinations")
        with_combinations = {_id(c.get("id_product")) for c in self.combinations}
        self.stock = [row for row in store.all("stock_availables")  # one row per SKU: a product's own row
                      if _place(row)[0] == "combination" or _id(row.get("id_product")) not in with_combinations]

    def close(self) -> None:
        self.connector.close()

    def plans(self, changed: list[str]) -> dict[str, list[Kind]]:
        """Per scenario, the requests a one-per-item connector sends."""
        references = {("product", _id(r["id"])): str(r.get("reference") or "") for r in self.products}
        references |= {("combination", _id(r["id"])): str(r.get("reference") or "") for r in self.combinations}
        changed_skus = set(changed)
        changed_rows = [row for row in self.stock if references.get(_place(row)) in changed_skus]
        return {
            "stock_1pct": [
                Kind("read a page of 100 stock rows", math.ceil(len(self.stock) / PAGE), self._reads_of_stock()),
                Kind("stock of a changed SKU", len(changed_rows), self._stock_calls(changed_rows)),
            ],
            "stock_all": [Kind("stock of a SKU", len(self.stock), self._stock_calls(self.stock))],
            "noop_export": [
                Kind("re-send a product", len(self.products), self._resend_calls("products", self.products, PRODUCT_FIELDS)),
                Kind("re-send a combination", len(self.combinations),
                     self._resend_calls("combinations", self.combinations, COMBINATION_FIELDS)),
            ],
            "first_export": self._create_kinds(),
        }

    # --- the requests ---------------------------------------------------------------

    def _reads_of_stock(self) -> Iterator[Call]:
        for page in itertools.count():
            yield lambda page=page: self.ws.get_json("stock_availables", {
                "display": "[id,id_product,id_product_attribute,quantity]", "limit": f"{page * PAGE},{PAGE}"})

    def _stock_calls(self, rows: list[dict[str, Any]]) -> Iterator[Call]:
        for row in rows:
            fields = {name: row.get(name) for name in STOCK_FIELDS} | {"quantity": int(row.get("quantity") or 0)}
            yield lambda row=row, fields=fields: self.ws.replace("stock_availables", _id(row["id"]), fields)

    def _fields(self, resource: str, record_id: str, names: tuple[str, ...]) -> dict[str, Any]:
        """The record as the shop gives it (read before the timed request)."""
        record = self.ws.read(resource, record_id) or {}
        fields = {name: _filled(record.get(name)) for name in names}
        if isinstance(fields.get("name"), dict):  # the slug as the connector makes it
            fields["link_rewrite"] = {language: slugify(text) for language, text in fields["name"].items()}
        return {name: value for name, value in fields.items() if value not in (None, "", {})}

    def _resend_calls(self, resource: str, records: list[dict[str, Any]], names: tuple[str, ...]) -> Iterator[Call]:
        for record in records:
            record_id = _id(record["id"])
            fields = self._fields(resource, record_id, names)
            yield lambda record_id=record_id, fields=fields: self.ws.update(resource, record_id, fields)

    def _create_kinds(self) -> list[Kind]:
        """Products (simple and with combinations), then combinations, under new references."""
        created: dict[str, str] = {}  # source product id -> the copy's id

        def products() -> Iterator[Call]:
            for product in self.products:
                source = _id(product["id"])
                fields = self._fields("products", source, PRODUCT_FIELDS)
                fields["reference"] = f"{fields.get('reference', source)}-naive"
                yield lambda source=source, fields=fields: created.setdefault(
                    source, _id(self.ws.create("products", fields)["id"]))

        def combinations() -> Iterator[Call]:
            for combination in self.combinations:
                parent = _id(combination.get("id_product"))
                if parent in created:
                    fields = self._fields("combinations", _id(combination["id"]), COMBINATION_FIELDS)
                    fields |= {"id_product": created[parent], "reference": f"{fields.get('reference', '')}-naive",
                               "minimal_quantity": 1}
                    yield lambda fields=fields: self.ws.create("combinations", fields)

        return [Kind("create a product", len(self.products), products()),
                Kind("create a combination", len(self.combinations), combinations())]


def _filled(value: object) -> object:
    """A multilingual field (read as ``[{"id", "value"}]``) as {language id: text}, empty
    languages left out; any other value as it is."""
    if isinstance(value, list):
        return {str(entry["id"]): entry["value"] for entry in value if entry.get("value")}
    return value


def _id(value: object) -> str:
    return str(value if value is not None else "")


def _place(row: dict[str, Any]) -> tuple[str, str]:
    """What a stock row counts: ("combination", id) or ("product", id) (their ids overlap)."""
    combination = _id(row.get("id_product_attribute"))
    return ("combination", combination) if combination not in ("", "0") else ("product", _id(row.get("id_product")))
