"""XML bodies for the webservice tests, built the way a connector fills ``?schema=blank``."""

from __future__ import annotations

from xml.sax.saxutils import escape


def languages(values: dict[int, str]) -> str:
    return "".join(f'<language id="{i}">{escape(v)}</language>' for i, v in values.items())


def body(resource: str, fields: dict[str, object], associations: str = "") -> str:
    inner = []
    for name, value in fields.items():
        if isinstance(value, dict):
            inner.append(f"<{name}>{languages(value)}</{name}>")
        else:
            inner.append(f"<{name}>{escape(str(value))}</{name}>")
    if associations:
        inner.append(f"<associations>{associations}</associations>")
    return f"<prestashop><{resource}>{''.join(inner)}</{resource}></prestashop>"


def product(reference: str, price: str, name: str = "Bague", **fields: object) -> str:
    values = {"reference": reference, "price": price, "active": 1, "id_category_default": 2, "id_tax_rules_group": 1,
              "name": {1: name, 2: name}, "link_rewrite": {1: "", 2: ""}, **fields}
    return body("product", values, "<categories><category><id>2</id></category></categories>")


def option_value(group: int, name: str) -> str:
    return body("product_option_value", {"id_attribute_group": group, "name": {1: name, 2: name}})


def combination(product_id: int, reference: str, value_id: int, price: str = "0") -> str:
    return body("combination", {"id_product": product_id, "reference": reference, "price": price, "minimal_quantity": 1},
                f"<product_option_values><product_option_value><id>{value_id}</id></product_option_value></product_option_values>")


def stock(row: dict, quantity: int) -> str:
    return body("stock_available", {"id": row["id"], "id_product": row["id_product"],
                                    "id_product_attribute": row["id_product_attribute"], "id_shop": 1, "id_shop_group": 0,
                                    "quantity": quantity, "depends_on_stock": 0, "out_of_stock": 2})
