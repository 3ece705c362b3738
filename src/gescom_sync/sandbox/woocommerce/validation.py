"""WordPress REST argument validation, as a real shop applies it to request bodies.

A real WooCommerce refuses ``"regular_price": 12.5`` (a number where the schema says
string) and ``"type": "bogus"`` with ``rest_invalid_param`` (recorded 32 and 35); this
module reproduces those checks for the fields a connector sends, and the coercions
WordPress allows ("5" for an integer, "true" for a boolean).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gescom_sync.sandbox.woocommerce.errors import enum_message, invalid_params


@dataclass(frozen=True)
class Field:
    """One schema entry: JSON type, allowed values, whether null is accepted."""

    type: str
    enum: tuple[str, ...] = ()
    nullable: bool = False


def S(*enum: str) -> Field:
    return Field("string", tuple(enum))


INT, NUM, BOOL, ARRAY, OBJECT = Field("integer"), Field("number"), Field("boolean"), Field("array"), Field("object")
NULLABLE_STR, NULLABLE_INT = Field("string", nullable=True), Field("integer", nullable=True)

PRODUCT_STATUSES = ("draft", "pending", "private", "publish", "future")
PRODUCT_SCHEMA: dict[str, Field] = {
    "name": S(), "slug": S(), "type": S("simple", "grouped", "external", "variable"),
    "status": S(*PRODUCT_STATUSES), "featured": BOOL, "catalog_visibility": S("visible", "catalog", "search", "hidden"),
    "description": S(), "short_description": S(), "sku": S(), "global_unique_id": S(),
    "regular_price": S(), "sale_price": S(), "date_on_sale_from": NULLABLE_STR, "date_on_sale_from_gmt": NULLABLE_STR,
    "date_on_sale_to": NULLABLE_STR, "date_on_sale_to_gmt": NULLABLE_STR,
    "virtual": BOOL, "downloadable": BOOL, "external_url": S(), "button_text": S(),
    "tax_status": S("taxable", "shipping", "none"), "tax_class": S(), "manage_stock": BOOL,
    "stock_quantity": NULLABLE_INT, "stock_status": S("instock", "outofstock", "onbackorder"),
    "backorders": S("no", "notify", "yes"), "low_stock_amount": NULLABLE_INT, "sold_individually": BOOL,
    "weight": S(), "dimensions": OBJECT, "shipping_class": S(), "reviews_allowed": BOOL,
    "upsell_ids": ARRAY, "cross_sell_ids": ARRAY, "parent_id": INT, "purchase_note": S(),
    "categories": ARRAY, "tags": ARRAY, "brands": ARRAY, "images": ARRAY, "attributes": ARRAY,
    "default_attributes": ARRAY, "grouped_products": ARRAY, "menu_order": INT, "meta_data": ARRAY,
}
VARIATION_SCHEMA: dict[str, Field] = {
    name: PRODUCT_SCHEMA[name]
    for name in (
        "description", "sku", "global_unique_id", "regular_price", "sale_price", "date_on_sale_from",
        "date_on_sale_from_gmt", "date_on_sale_to", "date_on_sale_to_gmt", "virtual", "downloadable",
        "tax_status", "tax_class", "manage_stock", "stock_quantity", "stock_status", "backorders",
        "low_stock_amount", "weight", "dimensions", "shipping_class", "attributes", "menu_order", "meta_data",
    )
} | {"status": S("draft", "pending", "private", "publish"), "image": Field("object", nullable=True)}

ORDER_STATUSES = (
    "auto-draft", "pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed", "checkout-draft",
)
ORDER_SCHEMA: dict[str, Field] = {
    "parent_id": INT, "status": S(*ORDER_STATUSES), "currency": S(), "customer_id": INT, "customer_note": S(),
    "billing": OBJECT, "shipping": OBJECT, "payment_method": S(), "payment_method_title": S(),
    "transaction_id": S(), "meta_data": ARRAY, "line_items": ARRAY, "shipping_lines": ARRAY, "fee_lines": ARRAY,
    "coupon_lines": ARRAY, "set_paid": BOOL,
}
CUSTOMER_SCHEMA: dict[str, Field] = {
    "email": S(), "first_name": S(), "last_name": S(), "username": S(), "password": S(),
    "billing": OBJECT, "shipping": OBJECT, "meta_data": ARRAY,
}
TERM_SCHEMA: dict[str, Field] = {
    "name": S(), "slug": S(), "parent": INT, "description": S(), "display": S("default", "products", "subcategories", "both"),
    "image": Field("object", nullable=True), "menu_order": INT,
}


def coerce(name: str, value: Any, field: Field) -> tuple[Any, tuple[str, str] | None]:
    """(coerced value, None) or (value, (detail code, message)) like rest_validate_value_from_schema."""
    if value is None:
        return (None, None) if field.nullable else (value, ("rest_invalid_type", f"{name} is not of type {field.type}."))
    converted = _convert(value, field.type)
    if converted is _INVALID:
        shown = f"{field.type},null" if field.nullable else field.type
        return value, ("rest_invalid_type", f"{name} is not of type {shown}.")
    if field.enum and converted not in field.enum:
        return value, ("rest_not_in_enum", enum_message(name, list(field.enum)))
    return converted, None


_INVALID = object()


def _convert(value: Any, json_type: str) -> Any:
    if json_type == "string":
        return value if isinstance(value, str) else _INVALID
    if json_type == "integer":
        if isinstance(value, bool):
            return _INVALID
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            return int(value)
        return _INVALID
    if json_type == "number":
        return value if isinstance(value, (int, float)) and not isinstance(value, bool) else _INVALID
    if json_type == "boolean":
        return _to_bool(value)
    if json_type == "array":
        return value if isinstance(value, list) else _INVALID
    if json_type == "object":
        return value if isinstance(value, dict) else _INVALID
    return value


def _to_bool(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if value in ("true", "1", 1):
        return True
    if value in ("false", "0", 0, ""):
        return False
    return _INVALID


def validated(body: dict[str, Any], schema: dict[str, Field]) -> dict[str, Any]:
    """The body with known fields coerced; raises ``rest_invalid_param`` listing every bad one."""
    result = dict(body)
    problems: dict[str, tuple[str, str]] = {}
    for name, field in schema.items():
        if name in body:
            result[name], problem = coerce(name, body[name], field)
            if problem:
                problems[name] = problem
    if problems:
        raise invalid_params(problems)
    return result
