"""Collection reads: ``per_page``, ``page``, ``orderby``, ``order``, filters, ``_fields``, paging headers.

Headers as recorded (20–27, https-check.md): ``X-WP-Total``, ``X-WP-TotalPages`` and a
``Link`` header with ``rel="prev"`` / ``rel="next"`` built from the request's own query
string, ``page`` replaced in place or appended (WordPress's add_query_arg).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from gescom_sync.sandbox.woocommerce.errors import enum_message, invalid_params
from gescom_sync.sandbox.woocommerce.values import parse_date, to_decimal

MAX_PER_PAGE = 100
ORDERBY = ("date", "modified", "id", "include", "title", "slug", "price", "popularity", "rating", "menu_order")
SORT_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "date": lambda d: (d.get("date_created") or "", d["id"]),
    "modified": lambda d: (d.get("date_modified") or "", d["id"]),
    "id": lambda d: d["id"],
    "include": lambda d: d["id"],
    "title": lambda d: (str(d.get("name", "")).lower(), d["id"]),
    "name": lambda d: (str(d.get("name", "")).lower(), d["id"]),
    "slug": lambda d: (str(d.get("slug", "")), d["id"]),
    "price": lambda d: (to_decimal(d.get("price")), d["id"]),
    "popularity": lambda d: (d.get("total_sales", 0), d["id"]),
    "rating": lambda d: d["id"],
    "menu_order": lambda d: (d.get("menu_order", 0), d["id"]),
    "registered_date": lambda d: (d.get("date_created") or "", d["id"]),
    "order": lambda d: (d.get("order", 0), d["id"]),
    "priority": lambda d: (d.get("priority", 0), d["id"]),
    "count": lambda d: d["id"],
    "description": lambda d: (str(d.get("description", "")), d["id"]),
    "term_group": lambda d: d["id"],
}


@dataclass(frozen=True)
class Page:
    items: list[dict[str, Any]]
    headers: list[tuple[str, str]]


def int_param(params: dict[str, str], name: str, default: int, low: int, high: int | None = None) -> int:
    raw = params.get(name)
    if raw is None or raw == "":
        return default
    if not raw.lstrip("-").isdigit():
        raise invalid_params({name: ("rest_invalid_type", f"{name} is not of type integer.")})
    value = int(raw)
    if value < low or (high is not None and value > high):
        bound = f"between {low} (inclusive) and {high} (inclusive)" if high else f"greater than or equal to {low}"
        raise invalid_params({name: ("rest_out_of_bounds", f"{name} must be {bound}")})
    return value


def enum_param(params: dict[str, str], name: str, allowed: Iterable[str], default: str) -> str:
    value = params.get(name, default)
    allowed = list(allowed)
    if value not in allowed:
        raise invalid_params({name: ("rest_not_in_enum", enum_message(name, allowed))})
    return value


def date_filters(params: dict[str, str]) -> list[Callable[[dict[str, Any]], bool]]:
    """``after``/``before`` on creation, ``modified_after``/``modified_before`` on modification."""
    checks: list[Callable[[dict[str, Any]], bool]] = []
    for name, field, later in (("after", "date_created", True), ("before", "date_created", False),
                               ("modified_after", "date_modified", True), ("modified_before", "date_modified", False)):
        if name not in params:
            continue
        moment = parse_date(params[name])
        if moment is None:
            raise invalid_params({name: ("rest_invalid_date", "Invalid date.")})
        limit = moment.strftime("%Y-%m-%dT%H:%M:%S")
        checks.append(lambda d, f=field, l=limit, after=later: (d.get(f) or d.get("date_created") or "") > l if after
                      else (d.get(f) or d.get("date_created") or "") < l)
    return checks


def paginate(rows: list[dict[str, Any]], params: dict[str, str], query_items: list[tuple[str, str]], url: str,
             orderby_choices: Iterable[str] = ORDERBY, default_orderby: str = "date") -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Sort, cut one page, and the WordPress paging headers for it."""
    per_page = int_param(params, "per_page", 10, 1, MAX_PER_PAGE)
    page = int_param(params, "page", 1, 1)
    orderby = enum_param(params, "orderby", orderby_choices, default_orderby)
    order = enum_param(params, "order", ("asc", "desc"), "desc" if default_orderby == "date" else "asc")
    if orderby == "include" and params.get("include"):
        wanted = [int(i) for i in params["include"].split(",") if i.strip().isdigit()]
        rows = sorted(rows, key=lambda d: wanted.index(d["id"]) if d["id"] in wanted else len(wanted))
    else:
        rows = sorted(rows, key=SORT_KEYS[orderby], reverse=order == "desc")
    total = len(rows)
    pages = -(-total // per_page)
    headers = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages))]
    link = page_links(url, query_items, page, pages)
    if link:
        headers.append(("Link", link))
    return rows[(page - 1) * per_page: page * per_page], headers


def page_links(url: str, query_items: list[tuple[str, str]], page: int, pages: int) -> str:
    parts = []
    if page > 1:
        parts.append(f'<{_with_page(url, query_items, min(page - 1, pages))}>; rel="prev"')
    if pages > page:
        parts.append(f'<{_with_page(url, query_items, page + 1)}>; rel="next"')
    return ", ".join(parts)


def _with_page(url: str, query_items: list[tuple[str, str]], page: int) -> str:
    items = [(k, str(page) if k == "page" else v) for k, v in query_items]
    if not any(k == "page" for k, _ in items):
        items.append(("page", str(page)))
    return f"{url}?{urlencode(items)}"


def only_fields(body: Any, params: dict[str, str]) -> Any:
    """``_fields=id,name,images.src``: keep those keys (dotted names reach into objects)."""
    if "_fields" not in params:
        return body
    wanted = [f.strip() for f in params["_fields"].split(",") if f.strip()]
    if isinstance(body, list):
        return [_pick(item, wanted) for item in body]
    return _pick(body, wanted)


def _pick(item: dict[str, Any], wanted: list[str]) -> dict[str, Any]:
    picked: dict[str, Any] = {}
    for name in wanted:
        head, _, rest = name.partition(".")
        if head not in item:
            continue
        if rest and isinstance(item[head], dict):
            picked.setdefault(head, {}).update(_pick(item[head], [rest]))
        elif rest and isinstance(item[head], list):
            picked[head] = [_pick(x, [rest]) if isinstance(x, dict) else x for x in item[head]]
        else:
            picked[head] = item[head]
    return picked


def query_items(query: str) -> list[tuple[str, str]]:
    return parse_qsl(query, keep_blank_values=True)
