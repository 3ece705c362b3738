"""The WooCommerce sandbox as an ASGI application (Starlette).

``WooCommerceSandbox(data_dir, keys=[...])`` builds the shop; ``.asgi`` is the app to
serve (uvicorn) or to call in-process (httpx ``ASGITransport``). The scheme of each
request (``http``/``https``) comes from the ASGI scope, which decides the auth rules.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from datetime import datetime
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response
from starlette.routing import Route as StarletteRoute

from gescom_sync.sandbox.woocommerce import errors
from gescom_sync.sandbox.woocommerce.auth import ApiKey, KeyRing
from gescom_sync.sandbox.woocommerce.catalogue import TAXONOMIES, Catalogue
from gescom_sync.sandbox.woocommerce.config import PAYMENT_GATEWAYS, SHIPPING_METHODS, ShopConfig
from gescom_sync.sandbox.woocommerce.customers import Coupons, Customers
from gescom_sync.sandbox.woocommerce.errors import WooError
from gescom_sync.sandbox.woocommerce.faults import WOOCOMMERCE_FAULTS, FaultInjector, FaultPlan
from gescom_sync.sandbox.woocommerce.html import overview_page
from gescom_sync.sandbox.woocommerce.listing import date_filters, only_fields, paginate, query_items
from gescom_sync.sandbox.woocommerce.media import UPLOADS_PATH, MediaLibrary
from gescom_sync.sandbox.woocommerce.orders import STATUS_NAMES, Orders
from gescom_sync.sandbox.woocommerce.render import TERM_ROUTES, CatalogueRenderer
from gescom_sync.sandbox.woocommerce.routes import Call, Reply, Resource, Route, is_true, resource_routes
from gescom_sync.sandbox.woocommerce.store import Document, Store
from gescom_sync.sandbox.woocommerce.validation import ORDER_STATUSES
from gescom_sync.sandbox.woocommerce.values import now

WC_PREFIX = "/wp-json/wc/v3/"
MEDIA_PATH = "/wp-json/wp/v2/media"
INDEX_PATH = "/wp-json"
NAMESPACES = ["oembed/1.0", "wc/store/v1", "wc/v1", "wc/v2", "wc/v3", "wp/v2", "wp-site-health/v1"]
"""The REST namespaces the index of a WordPress site with WooCommerce 10 lists (no extension)."""
DATE_PARAMS = ("after", "before", "modified_after", "modified_before")
BASE_HEADERS = [
    ("X-Robots-Tag", "noindex"),
    ("X-Content-Type-Options", "nosniff"),
    ("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link"),
    ("Access-Control-Allow-Headers", "Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type"),
]
NO_CACHE = [("Expires", "Wed, 11 Jan 1984 05:00:00 GMT"), ("Cache-Control", "no-cache, must-revalidate, max-age=0, no-store, private")]


class WooCommerceSandbox:
    """A WooCommerce 10 shop in a folder: catalogue, customers, orders, taxes, media, keys."""

    def __init__(self, data_dir: Path, *, keys: list[ApiKey] = (), wp_user: str = "admin",
                 wp_app_password: str | None = None, clock: Callable[[], datetime] = now,
                 faults: FaultPlan | None = None, time_zone: str | None = None) -> None:
        self.store = Store(Path(data_dir))
        self.clock = clock
        self.keyring = KeyRing(self.store)
        for key in keys:
            self.keyring.add_key(key)
        if wp_app_password:
            self.keyring.set_application_password(wp_user, wp_app_password)
        self.media = MediaLibrary(self.store)
        self.catalogue = Catalogue(self.store, self.media, self._now)
        self.config = ShopConfig(self.store)
        if time_zone is not None:
            self.config.set_time_zone(time_zone)
        self.customers = Customers(self.store, self._now)
        self.coupons = Coupons(self.store, self._now)
        self.orders = Orders(self.store, self.catalogue, self.customers, self.coupons, self.config, self._now)
        self.routes = self._routes()
        app = Starlette(routes=[
            StarletteRoute("/", self._overview, methods=["GET"]),
            StarletteRoute(UPLOADS_PATH + "{path:path}", self._upload_file, methods=["GET"]),
            StarletteRoute("/wp-json/{path:path}", self._api, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
        ])
        self.asgi = FaultInjector(app, faults, WOOCOMMERCE_FAULTS) if faults else app

    def _now(self) -> datetime:
        return self.clock()

    def renderer(self) -> CatalogueRenderer:
        return CatalogueRenderer(self.catalogue, self.config.setting_value("woocommerce_currency"))

    # ---- HTTP entry point -----------------------------------------------------------
    async def _api(self, request: Request) -> Response:
        path = "/wp-json/" + request.path_params["path"]
        try:
            call = await self._call(request)
            with self.store.locked():
                if path.rstrip("/") == INDEX_PATH and request.method == "GET":
                    reply = Reply(200, self._index(call.base))  # WordPress asks no credentials for it
                elif path.rstrip("/").startswith(MEDIA_PATH):
                    reply = self._media(request, call)
                else:
                    reply = self._dispatch(request, path, call)
                body = only_fields(self._local_dates(reply.body), call.params) if reply.status < 300 else reply.body
        except WooError as error:
            return _json(error.status, error.body(), [], api_link=str(request.base_url).rstrip("/"))
        return _json(reply.status, body, reply.headers, api_link=call.base)

    async def _call(self, request: Request) -> Call:
        raw = await request.body()
        body: Any = {}
        content_type = request.headers.get("content-type", "")
        if raw and "json" in content_type:
            try:
                body = json.loads(raw)
            except ValueError:
                raise WooError(400, "rest_invalid_json", "Invalid JSON body passed.", json_error_code=4,
                               json_error_message="Syntax error") from None
        base = f"{request.url.scheme}://{request.url.netloc}"
        items = query_items(request.url.query)
        params = dict(items)
        if not is_true(params.get("dates_are_gmt")):  # the site's local time, as WooCommerce reads them
            with self.store.locked():
                params |= {name: self.config.gmt_date(params[name]) for name in DATE_PARAMS if name in params}
        return Call(request.method, params, items, body, base, f"{base}{request.url.path}", raw)

    def _dispatch(self, request: Request, path: str, call: Call) -> Reply:
        caller = self.keyring.authenticate(request.method, request.url.scheme, call.url, request.url.query, _basic(request))
        if not path.startswith(WC_PREFIX):
            raise errors.no_route()
        relative = path[len(WC_PREFIX):].rstrip("/")
        for route in self.routes:
            match = route.pattern.match(relative)
            if not match or request.method not in route.handlers:
                continue
            if caller.key is None:
                raise errors.not_allowed(_action(route.kind, request.method))
            reply = route.handlers[request.method](call, *(int(g) if g.isdigit() else g for g in match.groups()))
            reply.headers.append(("Allow", route.allow))
            return reply
        raise errors.no_route()

    def _index(self, base: str) -> dict[str, Any]:
        """The site's index (``GET /wp-json/``), its time zone as WordPress gives it; no routes listed."""
        return {"name": "Bijou sandbox", "description": "", "url": base, "home": base,
                "gmt_offset": self.config.gmt_offset(), "timezone_string": self.config.wordpress_option("timezone_string"),
                "page_for_posts": 0, "page_on_front": 0, "show_on_front": "posts", "namespaces": NAMESPACES,
                "authentication": {"application-passwords": {"endpoints": {
                    "authorization": f"{base}/wp-admin/authorize-application.php"}}},
                "routes": {}, "site_logo": 0, "site_icon": 0, "site_icon_url": "",
                "_links": {"help": [{"href": "https://developer.wordpress.org/rest-api/"}]}}

    def _local_dates(self, body: Any) -> Any:
        """Every ``date_x`` next to its ``date_x_gmt`` in the site's local time (the store keeps UTC)."""
        zone = self.config.time_zone()

        def local(item: Any) -> Any:
            if not isinstance(item, dict):
                return item
            return {name: self.config.local_date(item[f"{name}_gmt"], zone) if isinstance(value, str)
                    and isinstance(item.get(f"{name}_gmt"), str) else value for name, value in item.items()}

        return [local(item) for item in body] if isinstance(body, list) else local(body)

    # ---- resources ------------------------------------------------------------------
    def _routes(self) -> list[Route]:
        c, r = self.catalogue, self.renderer
        products = Resource(
            route=lambda: "products", get=c.product, all=c.products,
            render=lambda d, base, mode: r().product(d, base, mode),
            create=c.create_product, update=c.update_product, delete=c.delete_product,
            filters=self._product_filters,
            orderby=("date", "modified", "id", "include", "title", "slug", "price", "popularity", "rating", "menu_order"))
        variations = Resource(
            route=lambda pid: f"products/{pid}/variations", get=c.variation, all=self._variations_of,
            render=lambda d, base, mode: r().variation(d, base, mode),
            create=c.create_variation, update=c.update_variation, delete=c.delete_variation,
            filters=self._variation_filters)
        attributes = Resource(
            route=lambda: "products/attributes", get=c.attribute, all=lambda: c.attributes(),
            render=lambda d, base, mode: r().attribute(d, base), create=c.create_attribute,
            update=c.update_attribute, delete=c.delete_attribute, paged=False)
        attribute_terms = Resource(
            route=lambda aid: f"products/attributes/{aid}/terms",
            get=lambda aid, tid: c.term(c.taxonomy_of(aid), tid), all=lambda aid: c.terms(c.taxonomy_of(aid)),
            render=lambda d, base, mode: r().term(d, base, "products/attributes/(?P<attribute_id>[\\d]+)/terms"),
            create=lambda aid, body: c.create_term(c.taxonomy_of(aid), body),
            update=lambda aid, tid, body: c.update_term(c.taxonomy_of(aid), tid, body),
            delete=lambda aid, tid, force: c.delete_term(c.taxonomy_of(aid), tid, force),
            filters=_term_filters, orderby=("id", "include", "name", "slug", "term_group", "description", "count"),
            default_orderby="name")
        routes: list[Route] = []
        routes += resource_routes(r"products/attributes/(\d+)/terms", attribute_terms)
        routes += resource_routes("products/attributes", attributes)
        for key, taxonomy in TAXONOMIES.items():
            routes += resource_routes(f"products/{key}", self._taxonomy_resource(taxonomy))
        routes += resource_routes(r"products/(\d+)/variations", variations)
        routes += resource_routes("products", products)
        routes += self._sales_routes() + self._config_routes()
        return routes

    def _taxonomy_resource(self, taxonomy: str) -> Resource:
        c = self.catalogue
        return Resource(
            route=lambda: TERM_ROUTES[taxonomy], get=lambda tid: c.term(taxonomy, tid), all=lambda: c.terms(taxonomy),
            render=lambda d, base, mode: self.renderer().term(d, base, TERM_ROUTES[taxonomy]),
            create=lambda body: c.create_term(taxonomy, body), update=lambda tid, body: c.update_term(taxonomy, tid, body),
            delete=lambda tid, force: c.delete_term(taxonomy, tid, force), filters=_term_filters,
            orderby=("id", "include", "name", "slug", "term_group", "description", "count"), default_orderby="name")

    def _sales_routes(self) -> list[Route]:
        o, cu = self.orders, self.customers
        orders = Resource(
            route=lambda: "orders", get=o.order, all=o.orders, render=lambda d, base, mode: o.render(d, base),
            create=o.create, update=o.update, delete=o.delete, filters=self._order_filters,
            orderby=("date", "modified", "id", "include", "title", "slug"))
        notes = Resource(
            route=lambda oid: f"orders/{oid}/notes", get=o.note, all=o.notes, render=lambda d, base, mode: o.render_note(d, base),
            create=o.add_note, delete=o.delete_note, filters=_note_filters, paged=False)
        refunds = Resource(
            route=lambda oid: f"orders/{oid}/refunds", get=o.refund, all=o.refunds,
            render=lambda d, base, mode: o.render_refund(d, base), create=o.create_refund)
        customers = Resource(
            route=lambda: "customers", get=cu.customer, all=cu.customers, render=lambda d, base, mode: cu.render(d, base),
            create=cu.create, update=cu.update, delete=cu.delete, filters=_customer_filters,
            orderby=("id", "include", "name", "registered_date"), default_orderby="name")
        coupons = Resource(
            route=lambda: "coupons", get=self.coupons.coupon, all=self.coupons.coupons,
            render=lambda d, base, mode: self.coupons.render(d, base), create=self.coupons.create,
            update=self.coupons.update, delete=self.coupons.delete, filters=_coupon_filters)
        routes = resource_routes(r"orders/(\d+)/notes", notes, with_batch=False)
        routes += resource_routes(r"orders/(\d+)/refunds", refunds, with_batch=False)
        routes += resource_routes("orders", orders) + resource_routes("customers", customers) + resource_routes("coupons", coupons)
        routes.append(Route(re.compile("^reports/orders/totals$"), "collection", {"GET": self._order_totals}))
        return routes

    def _config_routes(self) -> list[Route]:
        g = self.config
        taxes = Resource(
            route=lambda: "taxes", get=g.tax_rate, all=g.tax_rates, render=lambda d, base, mode: g.render_tax_rate(d, base),
            create=lambda body: g.save_tax_rate(body), update=lambda rid, body: g.save_tax_rate(body, rid),
            delete=g.delete_tax_rate, filters=_tax_filters, orderby=("id", "order", "priority"), default_orderby="order")
        routes = [Route(re.compile("^taxes/classes$"), "collection", {"GET": self._tax_classes, "POST": self._create_tax_class})]
        routes += resource_routes("taxes", taxes)
        routes += [
            Route(re.compile(r"^settings/([a-z_-]+)$"), "collection", {"GET": self._settings_group}),
            Route(re.compile(r"^settings/([a-z_-]+)/([a-z0-9_-]+)$"), "item",
                  {"GET": self._setting, "POST": self._set_setting, "PUT": self._set_setting, "PATCH": self._set_setting}),
            Route(re.compile("^payment_gateways$"), "collection", {"GET": self._gateways}),
            Route(re.compile(r"^payment_gateways/([a-z0-9_-]+)$"), "item",
                  {"GET": self._gateway, "POST": self._set_gateway, "PUT": self._set_gateway, "PATCH": self._set_gateway}),
            Route(re.compile("^shipping_methods$"), "collection", {"GET": self._shipping_methods}),
        ]
        return routes

    # ---- list filters ---------------------------------------------------------------
    def _variations_of(self, product_id: int) -> list[Document]:
        self.catalogue.product(product_id)
        return self.catalogue.variations(product_id)

    def _product_filters(self, rows: list[Document], params: dict[str, str]) -> list[Document]:
        status = params.get("status", "any")
        rows = [d for d in rows if (d["status"] != "trash" if status == "any" else d["status"] == status)]
        rows = _common_filters(rows, params)
        for name, key in (("category", "categories"), ("tag", "tags"), ("brand", "brands")):
            if params.get(name):
                wanted = {int(i) for i in params[name].split(",") if i.isdigit()}
                rows = [d for d in rows if wanted & set(d[key])]
        for name in ("type", "stock_status"):
            if params.get(name):
                rows = [d for d in rows if (d[name] if name == "type" else self.catalogue.own_stock_status(d)) == params[name]]
        if params.get("featured"):
            rows = [d for d in rows if d["featured"] == is_true(params["featured"])]
        for doc in rows:
            doc["price"] = self.catalogue.variable_summary(doc)[0] if doc["type"] == "variable" else self.catalogue.active_price(doc)
        return rows

    def _variation_filters(self, rows: list[Document], params: dict[str, str]) -> list[Document]:
        if params.get("status") and params["status"] != "any":
            rows = [d for d in rows if d["status"] == params["status"]]
        return _common_filters(rows, params)

    def _order_filters(self, rows: list[Document], params: dict[str, str]) -> list[Document]:
        statuses = {s.strip() for s in params.get("status", "any").split(",")}
        unknown = statuses - set(ORDER_STATUSES) - {"any", "trash"}
        if unknown:
            allowed = ["any", "trash", *ORDER_STATUSES]
            raise errors.invalid_params({"status[0]": ("rest_not_in_enum", errors.enum_message("status[0]", allowed))})
        rows = [d for d in rows if (d["status"] != "trash" if "any" in statuses else d["status"] in statuses)]
        if params.get("customer"):
            rows = [d for d in rows if str(d["customer_id"]) == params["customer"]]
        if params.get("product"):
            rows = [d for d in rows if any(str(line["product_id"]) == params["product"] for line in d["line_items"])]
        if params.get("search"):
            needle = params["search"].lower()
            rows = [d for d in rows if needle in json.dumps([d["billing"], d["shipping"], [l["name"] for l in d["line_items"]]]).lower()]
            return _common_filters(rows, {k: v for k, v in params.items() if k != "search"})
        return _common_filters(rows, params)

    # ---- small handlers -------------------------------------------------------------
    def _order_totals(self, call: Call) -> Reply:
        orders = self.orders.orders()
        return Reply(200, [{"slug": slug, "name": name, "total": sum(1 for o in orders if o["status"] == slug)}
                           for slug, name in STATUS_NAMES.items()])

    def _tax_classes(self, call: Call) -> Reply:
        return Reply(200, [{"slug": slug, "name": name, "_links": {"collection": [{"href": f"{call.base}/wp-json/wc/v3/taxes/classes"}]}}
                           for slug, name in self.config.tax_classes()])

    def _create_tax_class(self, call: Call) -> Reply:
        slug, name = self.config.create_tax_class(str((call.body or {}).get("name", "")))
        return Reply(201, {"slug": slug, "name": name, "_links": {"collection": [{"href": f"{call.base}/wp-json/wc/v3/taxes/classes"}]}})

    def _settings_group(self, call: Call, group: str) -> Reply:
        return Reply(200, [self.config.render_setting(s, call.base) for s in self.config.settings(group)])

    def _setting(self, call: Call, group: str, option: str) -> Reply:
        return Reply(200, self.config.render_setting(self.config.setting(group, option), call.base))

    def _set_setting(self, call: Call, group: str, option: str) -> Reply:
        setting = self.config.set_setting(group, option, (call.body or {}).get("value", ""))
        return Reply(200, self.config.render_setting(setting, call.base))

    def _gateways(self, call: Call) -> Reply:
        return Reply(200, [self.config.render_gateway(g, call.base) for g in PAYMENT_GATEWAYS])

    def _gateway(self, call: Call, gateway_id: str) -> Reply:
        return Reply(200, self.config.render_gateway(self.config.gateway(gateway_id), call.base))

    def _set_gateway(self, call: Call, gateway_id: str) -> Reply:
        if "enabled" in (call.body or {}):
            self.config.set_gateway(gateway_id, is_true(call.body["enabled"]))
        return self._gateway(call, gateway_id)

    def _shipping_methods(self, call: Call) -> Reply:
        return Reply(200, [self.config.render_shipping_method(m, call.base) for m in SHIPPING_METHODS])

    # ---- WordPress media ------------------------------------------------------------
    def _media(self, request: Request, call: Call) -> Reply:
        media_id = request.url.path.rstrip("/")[len(MEDIA_PATH):].strip("/")
        if request.method == "GET":
            if media_id:
                doc = self.store.get("media", int(media_id)) if media_id.isdigit() else None
                if not doc:
                    raise WooError(404, "rest_post_invalid_id", "Invalid post ID.")
                return Reply(200, self.media.render(doc, call.base))
            page, headers = paginate(self.store.all("media"), call.params, call.query_items, call.url)
            return Reply(200, [self.media.render(d, call.base) for d in page], headers)
        if request.method != "POST" or media_id:
            raise errors.no_route()
        self.keyring.authenticate_wordpress(_basic(request))
        filename, content, mime_type = _uploaded_file(request, call.raw)
        doc = self.media.upload(filename, content, mime_type, self.clock())
        return Reply(201, self.media.render(doc, call.base), [("Location", f"{call.base}{MEDIA_PATH}/{doc['id']}")])

    async def _upload_file(self, request: Request) -> Response:
        path = self.media.file_path(request.path_params["path"])
        if not path:
            return HTMLResponse("<h1>Not Found</h1>", status_code=404)
        return FileResponse(path)

    async def _overview(self, request: Request) -> Response:
        return HTMLResponse(overview_page(self, f"{request.url.scheme}://{request.url.netloc}"))


def _common_filters(rows: list[Document], params: dict[str, str]) -> list[Document]:
    """``sku``, ``search``, ``include``, ``exclude``, ``parent`` and the date filters."""
    if params.get("sku"):
        wanted = {s.strip() for s in params["sku"].split(",")}
        rows = [d for d in rows if d.get("sku") in wanted]
    if params.get("search"):
        needle = params["search"].lower()
        rows = [d for d in rows if any(needle in str(d.get(f, "")).lower() for f in ("name", "description", "short_description", "sku"))]
    for name, keep in (("include", True), ("exclude", False)):
        if params.get(name):
            ids = {int(i) for i in params[name].split(",") if i.strip().isdigit()}
            rows = [d for d in rows if (d["id"] in ids) == keep]
    if params.get("parent"):
        parents = {int(i) for i in params["parent"].split(",") if i.strip().isdigit()}
        rows = [d for d in rows if d.get("parent_id") in parents or d.get("parent") in parents]
    for check in date_filters(params):
        rows = [d for d in rows if check(d)]
    return rows


def _term_filters(rows: list[Document], params: dict[str, str]) -> list[Document]:
    if params.get("slug"):
        rows = [d for d in rows if d["slug"] == params["slug"]]
    if params.get("search"):
        rows = [d for d in rows if params["search"].lower() in d["name"].lower()]
    if "parent" in params and params["parent"].isdigit():
        rows = [d for d in rows if d.get("parent", 0) == int(params["parent"])]
    return _common_filters(rows, {k: v for k, v in params.items() if k in ("include", "exclude")})


def _customer_filters(rows: list[Document], params: dict[str, str]) -> list[Document]:
    role = params.get("role", "customer")
    rows = [d for d in rows if role == "all" or d["role"] == role]
    if params.get("email"):
        rows = [d for d in rows if d["email"].lower() == params["email"].lower()]
    if params.get("search"):
        needle = params["search"].lower()
        rows = [d for d in rows if needle in f"{d['email']} {d['username']} {d['first_name']} {d['last_name']}".lower()]
    return _common_filters(rows, {k: v for k, v in params.items() if k in ("include", "exclude")})


def _coupon_filters(rows: list[Document], params: dict[str, str]) -> list[Document]:
    rows = [d for d in rows if d["status"] != "trash"]
    if params.get("code"):
        rows = [d for d in rows if d["code"] == params["code"].lower()]
    return _common_filters(rows, {k: v for k, v in params.items() if k != "search"})


def _note_filters(rows: list[Document], params: dict[str, str]) -> list[Document]:
    kind = params.get("type", "any")
    return [d for d in rows if kind == "any" or d["customer_note"] == (kind == "customer")]


def _tax_filters(rows: list[Document], params: dict[str, str]) -> list[Document]:
    if params.get("class"):
        rows = [d for d in rows if d["class"] == params["class"]]
    return rows


def _action(kind: str, method: str) -> str:
    if kind == "batch":
        return "batch"
    if method == "GET":
        return "list" if kind == "collection" else "view"
    if method == "DELETE":
        return "delete"
    return "create" if kind == "collection" else "edit"


def _basic(request: Request) -> tuple[str, str] | None:
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        user, _, password = base64.b64decode(header[6:].strip()).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    return user, password


def _uploaded_file(request: Request, raw: bytes) -> tuple[str, bytes, str | None]:
    """The file of a media upload: raw body with Content-Disposition, or multipart field ``file``."""
    content_type = request.headers.get("content-type", "")
    if "multipart/form-data" in content_type:
        return _multipart_file(raw, content_type)
    disposition = request.headers.get("content-disposition", "")
    match = re.search(r'filename="?([^";]+)"?', disposition)
    if not match or not raw:
        raise WooError(400, "rest_upload_no_data", "No data supplied.")
    return match.group(1), raw, content_type.split(";")[0] or None


def _multipart_file(raw: bytes, content_type: str) -> tuple[str, bytes, str | None]:
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == "file" and part.get_filename():
            return part.get_filename(), part.get_payload(decode=True), part.get_content_type()
    raise WooError(400, "rest_upload_no_data", "No data supplied.")


def _json(status: int, body: Any, headers: list[tuple[str, str]], *, api_link: str) -> Response:
    """A JSON answer with the headers WordPress sends (recorded ``*.headers.txt``)."""
    all_headers = list(BASE_HEADERS)
    if not any(name == "Link" for name, _ in headers):
        all_headers.append(("Link", f'<{api_link}/wp-json/>; rel="https://api.w.org/"'))
    all_headers += headers + (NO_CACHE if status != 401 else [])
    response = Response(json.dumps(body, separators=(",", ":")), status_code=status, media_type="application/json; charset=UTF-8")
    for name, value in all_headers:
        response.headers.append(name, value)
    return response
