"""The REST routes of the sandbox: WooCommerce ``wc/v3`` resources as a table of handlers.

Each resource (products, variations, orders...) is described once — how to read, list,
create, update, delete and render it — and the generic collection, item and batch
handlers give every resource the same recorded behaviour (201 + ``Location`` on create,
trash unless ``force``, batch limit 100 and per-item errors, paging headers).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gescom_sync.sandbox.woocommerce.errors import WooError, batch_too_large
from gescom_sync.sandbox.woocommerce.listing import paginate
from gescom_sync.sandbox.woocommerce.store import Document

BATCH_LIMIT = 100


@dataclass
class Call:
    """One parsed request, as handlers see it."""

    method: str
    params: dict[str, str]
    query_items: list[tuple[str, str]]
    body: Any
    base: str
    url: str
    raw: bytes = b""


@dataclass
class Reply:
    status: int
    body: Any
    headers: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Resource:
    """How one REST resource is stored and shown; ``parents`` are the ids in its path."""

    route: Callable[..., str]
    get: Callable[..., Document]
    all: Callable[..., list[Document]]
    render: Callable[[Document, str, str], dict[str, Any]]
    create: Callable[..., Document] | None = None
    update: Callable[..., Document] | None = None
    delete: Callable[..., Document] | None = None
    filters: Callable[[list[Document], dict[str, str]], list[Document]] = lambda rows, params: rows
    orderby: tuple[str, ...] = ("date", "modified", "id", "include", "title", "slug")
    default_orderby: str = "date"
    paged: bool = True


def is_true(value: Any) -> bool:
    return value in (True, "true", "1", 1, "yes")


def list_items(resource: Resource, call: Call, *parents: int) -> Reply:
    rows = resource.filters(resource.all(*parents), call.params)
    if not resource.paged:
        return Reply(200, [resource.render(d, call.base, "read") for d in rows])
    page, headers = paginate(rows, call.params, call.query_items, call.url, resource.orderby, resource.default_orderby)
    return Reply(200, [resource.render(d, call.base, "read") for d in page], headers)


def create_item(resource: Resource, call: Call, *parents: int) -> Reply:
    doc = resource.create(*parents, _object(call.body))
    return Reply(201, resource.render(doc, call.base, "write"), [("Location", f"{call.base}/wp-json/wc/v3/{resource.route(*parents)}/{doc['id']}")])


def get_item(resource: Resource, call: Call, *ids: int) -> Reply:
    return Reply(200, resource.render(resource.get(*ids), call.base, "read"))


def update_item(resource: Resource, call: Call, *ids: int) -> Reply:
    return Reply(200, resource.render(resource.update(*ids, _object(call.body)), call.base, "write"))


def delete_item(resource: Resource, call: Call, *ids: int) -> Reply:
    force = is_true(call.params.get("force")) or is_true(_object(call.body).get("force"))
    return Reply(200, resource.render(resource.delete(*ids, force), call.base, "write"))


def batch(resource: Resource, call: Call, *parents: int) -> Reply:
    """create + update + delete in one call (recorded 04, 07, 19, 81); items fail one by one."""
    body = _object(call.body)
    sections = {name: body.get(name) or [] for name in ("create", "update", "delete")}
    if sum(len(items) for items in sections.values()) > BATCH_LIMIT:
        raise batch_too_large(BATCH_LIMIT)
    answer: dict[str, list[dict[str, Any]]] = {}
    if sections["create"]:
        answer["create"] = [_one(lambda item=item: resource.create(*parents, _object(item)), resource, call, 0) for item in sections["create"]]
    if sections["update"]:
        answer["update"] = [_one(lambda item=item: resource.update(*parents, int(_object(item).get("id") or 0), _object(item)),
                                 resource, call, _object(item).get("id", 0)) for item in sections["update"]]
    if sections["delete"]:
        answer["delete"] = [_one(lambda item=item: resource.delete(*parents, int(item), True), resource, call, item)
                            for item in sections["delete"]]
    return Reply(200, answer)


def _one(action: Callable[[], Document], resource: Resource, call: Call, item_id: Any) -> dict[str, Any]:
    try:
        return resource.render(action(), call.base, "write")
    except WooError as error:
        return {"id": item_id, "error": {"code": error.code, "message": error.message, "data": {"status": error.status, **error.data}}}


def _object(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True)
class Route:
    pattern: re.Pattern[str]
    kind: str  # "collection", "item", "batch" or "other": chooses the 401 message for anonymous callers
    handlers: dict[str, Callable[..., Reply]]

    @property
    def allow(self) -> str:
        methods = list(self.handlers)
        return ", ".join(methods)


def resource_routes(path: str, resource: Resource, *, with_batch: bool = True) -> list[Route]:
    """The three routes of a resource: ``path``, ``path/{id}`` and ``path/batch``."""
    def bound(handler: Callable[..., Reply]) -> Callable[..., Reply]:
        return lambda call, *ids: handler(resource, call, *ids)

    collection = {"GET": bound(list_items)}
    item = {"GET": bound(get_item)}
    if resource.create:
        collection["POST"] = bound(create_item)
    if resource.update:
        item |= {"POST": bound(update_item), "PUT": bound(update_item), "PATCH": bound(update_item)}
    if resource.delete:
        item["DELETE"] = bound(delete_item)
    routes = [Route(re.compile(f"^{path}$"), "collection", collection), Route(re.compile(rf"^{path}/(\d+)$"), "item", item)]
    if with_batch and resource.create:
        handler = bound(batch)
        routes.insert(1, Route(re.compile(f"^{path}/batch$"), "batch", {"POST": handler, "PUT": handler, "PATCH": handler}))
    return routes
