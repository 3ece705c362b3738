"""The PrestaShop sandbox as an ASGI application: the webservice under ``/api/`` and its dispatcher form.

``PrestaShopSandbox(data_dir, keys=[WebserviceKey(...)])`` builds the shop; ``.asgi`` is
the app to serve (uvicorn) or to call in-process (httpx ``ASGITransport``). The
webservice answers at ``/api/<resource>[/<id>]`` and, as on a shop without URL
rewriting, at ``/webservice/dispatcher.php?url=<resource>[/<id>]``; with
``url_rewriting=False`` only the second form works (``/api/`` is a 404 page).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import secrets
import string
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from urllib.parse import parse_qsl

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from gescom_sync.sandbox.prestashop import render
from gescom_sync.sandbox.prestashop.faults import PRESTASHOP_FAULTS, FaultInjector, FaultPlan
from gescom_sync.sandbox.prestashop.html import overview_page
from gescom_sync.sandbox.prestashop.query import QueryError, did_you_mean, parse_query, select
from gescom_sync.sandbox.prestashop.records import WebserviceError
from gescom_sync.sandbox.prestashop.resources import ALL_PRESTASHOP_RESOURCES, RESOURCES, Resource
from gescom_sync.sandbox.prestashop.seed import SHOP_NAME, blank
from gescom_sync.sandbox.prestashop.shop import Shop
from gescom_sync.sandbox.prestashop.store import Store

PSWS_VERSION = "8.1.2"
METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"]
REALM = 'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."'
XML_TYPE, JSON_TYPE = "text/xml;charset=utf-8", "application/json"
BAD_KEY = [(20, "Authentification key is not active"), (21, "No permission for this authentication key")]
KEY_KIND = "webservice_keys"


def generate_key() -> str:
    """A webservice key as PrestaShop generates them: 32 upper-case letters and digits."""
    return "".join(secrets.choice(string.ascii_uppercase + string.digits) for _ in range(32))


@dataclass(frozen=True)
class WebserviceKey:
    """A key and what it may do: ``permissions`` maps a resource to its allowed methods (None: everything)."""

    key: str
    permissions: dict[str, tuple[str, ...]] | None = None
    active: bool = True

    def allows(self, resource: str, method: str) -> bool:
        if self.permissions is None:
            return True
        return method in self.permissions.get(resource, ())


@dataclass
class Call:
    method: str
    path: str  # after /api/, without slashes at the ends
    params: dict[str, str]
    body: bytes
    base: str
    json: bool
    content_type: str = ""
    key: WebserviceKey | None = None
    headers: list[tuple[str, str]] = field(default_factory=list)


class PrestaShopSandbox:
    """A PrestaShop 8.1 shop in a folder: its records, keys, images and attachments."""

    def __init__(self, data_dir: Path, *, keys: list[WebserviceKey] = (), clock: Callable[[], datetime] = lambda: datetime.now(UTC),
                 faults: FaultPlan | None = None, url_rewriting: bool = True) -> None:
        self.data_dir = Path(data_dir)
        self.store = Store(self.data_dir)
        self.shop = Shop(self.store, clock)
        self.url_rewriting = url_rewriting
        for key in keys:
            self.add_key(key)
        self.cookie_name = "PrestaShop-" + hashlib.md5(str(self.data_dir).encode()).hexdigest()
        app = Starlette(routes=[
            Route("/", self._overview, methods=["GET"]),
            Route("/api", self._api, methods=METHODS),
            Route("/api/{path:path}", self._api, methods=METHODS),
            Route("/webservice/dispatcher.php", self._dispatcher, methods=METHODS),
        ])
        self.asgi = FaultInjector(app, faults, PRESTASHOP_FAULTS) if faults else app

    # ---- keys -------------------------------------------------------------------------
    def add_key(self, key: WebserviceKey) -> None:
        existing = next((r for r in self.store.scan(KEY_KIND) if r["key"] == key.key), None)
        row = {"id": existing["id"] if existing else self.store.next_id(KEY_KIND), "key": key.key,
               "active": key.active, "permissions": {k: list(v) for k, v in key.permissions.items()} if key.permissions else None}
        self.store.put(KEY_KIND, row)

    def keys(self) -> list[WebserviceKey]:
        return [WebserviceKey(r["key"], {k: tuple(v) for k, v in r["permissions"].items()} if r["permissions"] else None, r["active"])
                for r in self.store.scan(KEY_KIND)]

    def _key(self, request: Request, params: dict[str, str]) -> tuple[bool, WebserviceKey | None]:
        """(whether a key was given at all, the matching active key)."""
        given = params.get("ws_key")
        header = request.headers.get("authorization", "")
        if not given and header.lower().startswith("basic "):
            try:
                given = base64.b64decode(header[6:]).decode().split(":", 1)[0]
            except (binascii.Error, UnicodeDecodeError):
                given = ""
        if not given:
            return False, None
        return True, next((k for k in self.keys() if k.key == given and k.active), None)

    # ---- HTTP entry points ------------------------------------------------------------
    async def _overview(self, request: Request) -> HTMLResponse:
        return HTMLResponse(overview_page(self, str(request.base_url).rstrip("/")))

    async def _api(self, request: Request) -> Response:
        if not self.url_rewriting:
            return HTMLResponse("<h1>Not Found</h1><p>The requested URL was not found on this server.</p>", 404)
        return await self._serve(request, request.path_params.get("path", ""), dict(parse_qsl(request.url.query, keep_blank_values=True)))

    async def _dispatcher(self, request: Request) -> Response:
        params = dict(parse_qsl(request.url.query, keep_blank_values=True))
        return await self._serve(request, params.pop("url", ""), params)

    async def _serve(self, request: Request, path: str, params: dict[str, str]) -> Response:
        started = time.perf_counter()
        wants_json = "JSON" in (params.get("output_format", "") + params.get("io_format", "") + request.headers.get("output-format", "")).upper()
        call = Call(request.method, path.strip("/"), params, await request.body(), f"{request.url.scheme}://{request.url.netloc}",
                    wants_json, request.headers.get("content-type", ""))
        given, key = self._key(request, params)
        if not given:
            return Response("401 Unauthorized", 401, headers={"WWW-Authenticate": REALM}, media_type="text/html; charset=utf-8")
        if key is None:
            return self._errors(call, 401, BAD_KEY, started, version="0", extra={"WWW-Authenticate": REALM})
        call.key = key
        try:
            with self.store.lock:
                status, body, content_type = self._route(call)
        except QueryError as error:
            return self._errors(call, error.status, error.errors, started)
        except WebserviceError as error:
            if error.status == 404 and not error.errors:
                return self._answer(call, 404, b"", "", started)
            return self._errors(call, error.status, error.errors, started)
        return self._answer(call, status, body, content_type, started)

    def _answer(self, call: Call, status: int, body: bytes | str, content_type: str, started: float,
                version: str = PSWS_VERSION, extra: dict[str, str] | None = None) -> Response:
        payload = body.encode() if isinstance(body, str) else body
        headers = {"Access-Time": str(int(time.time())), "X-Powered-By": "PrestaShop Webservice", "PSWS-Version": version,
                   "Content-Type": content_type, "Execution-Time": f"{time.perf_counter() - started:.3f}"}
        if payload and status < 300:
            headers["Content-Sha1"] = hashlib.sha1(payload).hexdigest()
        headers["Set-Cookie"] = (f"{self.cookie_name}=def502{secrets.token_hex(24)}; expires=Sat, 12 Dec 2037 00:00:00 GMT; "
                                 "Max-Age=1728000; path=/; HttpOnly; SameSite=Lax")
        headers.update(extra or {})
        headers.update(dict(call.headers))
        return Response(b"" if call.method == "HEAD" else payload, status, headers=headers)

    def _errors(self, call: Call, status: int, errors: list[tuple[int, str]], started: float, version: str = PSWS_VERSION,
                extra: dict[str, str] | None = None) -> Response:
        if call.json:
            return self._answer(call, status, render.errors_json(errors), JSON_TYPE, started, version, extra)
        return self._answer(call, status, render.errors_xml(errors), XML_TYPE, started, version, extra)

    # ---- routing ----------------------------------------------------------------------
    def _route(self, call: Call) -> tuple[int, str | bytes, str]:
        parts = [p for p in call.path.split("/") if p]
        if not parts:
            if call.json:
                return 500, b"", "text/html; charset=utf-8"  # recording 02: PrestaShop's own TypeError
            return 200, self._resource_list(call), XML_TYPE
        name = parts[0]
        if name == "images":
            return self._images(call, parts[1:])
        if name == "attachments" and len(parts) > 1 and parts[1] == "file":
            return self._attachment_file(call, parts[2:])
        resource = RESOURCES.get(name)
        if resource is None:
            raise WebserviceError(400, [(27, _unknown_resource(name))])
        method = "GET" if call.method == "HEAD" else call.method
        if not call.key.allows(name, method):
            raise WebserviceError(401, [(21, "No permission for this authentication key")])
        if method not in resource.methods:
            raise WebserviceError(405, [(25, f"Method {call.method} is not valid for this resource")])
        if len(parts) > 2 or (len(parts) == 2 and not parts[1].isdigit()):
            raise WebserviceError(400, [(27, _unknown_resource(call.path))])
        row_id = int(parts[1]) if len(parts) == 2 else None
        if method == "GET":
            return self._get(call, resource, row_id)
        if method == "DELETE":
            self._delete(resource, row_id, call.params)
            return 200, b"", XML_TYPE
        return self._write(call, resource, row_id)

    def _resource_list(self, call: Call) -> str:
        rights = ""
        items = []
        for name in ALL_PRESTASHOP_RESOURCES:
            resource = RESOURCES.get(name)
            if resource is None or not any(call.key.allows(name, m) for m in METHODS):
                continue
            rights = " ".join(f'{m.lower()}="{"true" if call.key.allows(name, m) and m in resource.methods else "false"}"' for m in
                              ("GET", "PUT", "POST", "PATCH", "DELETE", "HEAD"))
            link = f'xlink:href="{call.base}/api/{name}"'
            schemas = "" if name in ("images", "attachments") else (
                f'<schema xlink:href="{call.base}/api/{name}?schema=blank" type="blank"/>\n'
                f'<schema xlink:href="{call.base}/api/{name}?schema=synopsis" type="synopsis"/>\n')
            items.append(f"<{name} {link} {rights}>\n<description {link} {rights}>\n{resource.description}</description>\n{schemas}</{name}>\n")
        shop = self.shop.configuration("PS_SHOP_NAME") or SHOP_NAME
        return render.XML_HEAD + f'<api shopName="{shop}">\n' + "".join(items) + "</api>\n" + render.XML_TAIL

    def _get(self, call: Call, resource: Resource, row_id: int | None) -> tuple[int, str, str]:
        schema = call.params.get("schema")
        if schema in ("blank", "synopsis"):
            if call.json:
                return 200, render.schema_json(resource, self.shop.languages), JSON_TYPE
            return 200, render.schema_xml(resource, call.base, self.shop.languages, schema == "synopsis"), XML_TYPE
        query = parse_query(resource, call.params)
        if row_id is not None:
            row = _only_languages(resource, self.shop.read(resource.name, row_id), call.params.get("language"))
            if query.fields is None and not query.full:
                if call.json:
                    return 200, render.single_json(resource, row), JSON_TYPE
                return 200, render.single_xml(resource, row, call.base), XML_TYPE
            rows = [row]
        else:
            rows = [_only_languages(resource, r, call.params.get("language")) for r in select(self.shop.read_all(resource.name), query)]
        if call.json:
            return 200, render.list_json(resource, rows, query.fields, query.full), JSON_TYPE
        return 200, render.list_xml(resource, rows, call.base, query.fields, query.full), XML_TYPE

    def _delete(self, resource: Resource, row_id: int | None, params: dict[str, str]) -> None:
        targets = [row_id] if row_id is not None else [int(i) for i in params.get("id", "").strip("[]").split(",") if i.strip().isdigit()]
        if not targets:
            raise WebserviceError(400, [(23, "You have to set an identifier when deleting")])
        for target in targets:
            self.shop.delete(resource, target)

    def _write(self, call: Call, resource: Resource, row_id: int | None) -> tuple[int, str, str]:
        if call.method == "POST" and row_id is not None:
            raise WebserviceError(400, [(29, "id is forbidden when adding a new resource")])
        if call.method in ("PUT", "PATCH") and row_id is None:
            raise WebserviceError(400, [(30, "id is required when modifying a resource")])
        submitted = self._parse(call, resource)
        if call.method in ("PUT", "PATCH") and submitted.values.get("id", str(row_id)) != str(row_id):
            raise WebserviceError(400, [(90, "id is invalid")])
        if call.method == "POST":
            row, status = self.shop.create(resource, submitted, call.params), 201
        else:
            row, status = self.shop.update(resource, row_id, submitted, call.params, partial=call.method == "PATCH"), 200
        if call.json:
            return status, render.single_json(resource, row), JSON_TYPE
        return status, render.single_xml(resource, row, call.base), XML_TYPE

    def _parse(self, call: Call, resource: Resource) -> render.Submitted:
        if not call.body.strip():
            raise WebserviceError(400, [(40, "Bad XML or JSON: no data given")])
        try:
            submitted = render.parse_body(call.body, resource)
        except ET.ParseError:
            text = call.body.decode("utf-8", "replace")
            where = "(/var/www/prestashop/classes/webservice/WebserviceRequest.php, line 1544)"
            raise WebserviceError(500, [
                (3, f"[PHP Warning #2] SimpleXMLElement::__construct(): Entity: line 1: parser error : Start tag expected, '<' not found {where}"),
                (3, f"[PHP Warning #2] SimpleXMLElement::__construct(): {text[:80]} {where}"),
                (3, f"[PHP Warning #2] SimpleXMLElement::__construct(): ^ {where}"),
                (127, f"XML error : String could not be parsed as XML\nXML length : {len(text)}\nOriginal XML : {text}"),
            ]) from None
        if submitted is None:
            raise WebserviceError(400, [(40, f"Bad XML: the <{resource.single}> element is missing")])
        return submitted

    # ---- images and attachment files ---------------------------------------------------
    def _images(self, call: Call, parts: list[str]) -> tuple[int, str | bytes, str]:
        if not parts:
            types = "".join(f'<{t} xlink:href="{call.base}/api/images/{t}"/>\n' for t in ("general", "products", "categories",
                                                                                            "manufacturers", "suppliers", "stores"))
            return 200, render.XML_HEAD + f"<images>\n{types}</images>\n" + render.XML_TAIL, XML_TYPE
        if parts[0] != "products" or len(parts) < 2 or not parts[1].isdigit():
            raise WebserviceError(400, [(66, "This image type does not exist or is not available in the sandbox")])
        product_id = int(parts[1])
        product = self.shop.require("products", product_id)
        images = product.setdefault("associations", {}).setdefault("images", [])
        if call.method == "POST" and len(parts) == 2:
            filename, content, mime = _multipart_file(call.body, call.content_type, "image")
            if mime not in ("image/jpeg", "image/png", "image/gif", "image/webp"):
                raise WebserviceError(400, [(73, "This type of image format is not recognized, allowed formats are: gif, jpg, jpeg, png, webp")])
            image_id = self.store.next_id("images")
            self._image_path(image_id).parent.mkdir(parents=True, exist_ok=True)
            self._image_path(image_id).write_bytes(content)
            images.append({"id": image_id})
            self.store.put("products", product)
            record = {"id": image_id, "id_product": product_id, "position": len(images), "cover": "1" if len(images) == 1 else "0"}
            body = "".join(f"\t<{k}>{render.cdata(v)}</{k}>\n" for k, v in record.items())
            return 200, render.XML_HEAD + f"<image>\n{body}</image>\n" + render.XML_TAIL, XML_TYPE
        if len(parts) == 2 and call.method in ("GET", "HEAD"):
            declinations = "".join(f'<declination id="{i["id"]}" xlink:href="{call.base}/api/images/products/{product_id}/{i["id"]}"/>\n'
                                   for i in images)
            return 200, (render.XML_HEAD + f'<image id="{product_id}" xlink:href="{call.base}/api/images/products/{product_id}">\n'
                         f"{declinations}</image>\n" + render.XML_TAIL), XML_TYPE
        image_id = int(parts[2]) if len(parts) == 3 and parts[2].isdigit() else -1
        if {"id": image_id} not in images:
            raise WebserviceError(404, [])
        if call.method == "DELETE":
            images.remove({"id": image_id})
            self.store.put("products", product)
            self._image_path(image_id).unlink(missing_ok=True)
            return 200, b"", XML_TYPE
        return 200, self._image_path(image_id).read_bytes(), "image/jpeg"

    def _image_path(self, image_id: int) -> Path:
        return self.data_dir / "img" / "p" / "/".join(str(image_id)) / f"{image_id}.jpg"

    def _attachment_file(self, call: Call, parts: list[str]) -> tuple[int, str | bytes, str]:
        resource = RESOURCES["attachments"]
        if call.method == "POST" or (call.method == "PUT" and parts):
            filename, content, mime = _multipart_file(call.body, call.content_type, "file")
            stored_name = hashlib.sha1(content + secrets.token_bytes(4)).hexdigest()
            (self.data_dir / "download").mkdir(parents=True, exist_ok=True)
            (self.data_dir / "download" / stored_name).write_bytes(content)
            names = [{"id": i, "value": filename[:32]} for i in self.shop.languages]
            if parts:
                row = self.shop.require("attachments", int(parts[0]))
            else:
                row = blank("attachments", id=self.store.next_id("attachments"), name=names)
            row.update(file=stored_name, file_name=filename, file_size=len(content), mime=mime or "application/octet-stream")
            self.store.put("attachments", row)
            row = self.shop.read("attachments", row["id"])
            if call.json:
                return 200, render.single_json(resource, row), JSON_TYPE
            return 200, render.single_xml(resource, row, call.base), XML_TYPE
        if parts and parts[0].isdigit():
            row = self.shop.require("attachments", int(parts[0]))
            call.headers.append(("Content-Disposition", f'attachment; filename="{row["file_name"]}"'))
            return 200, (self.data_dir / "download" / row["file"]).read_bytes(), row["mime"]
        raise WebserviceError(400, [(27, _unknown_resource("attachments/file"))])


def _only_languages(resource: Resource, row: render.Record, wanted: str | None) -> render.Record:
    """``language=2`` or ``language=[1|2]``: multilingual fields keep only those languages."""
    if not wanted:
        return row
    keep = {int(i) for i in wanted.strip("[]").split("|") if i.strip().isdigit()}
    for spec in resource.fields:
        if spec.lang and isinstance(row.get(spec.name), list):
            row[spec.name] = [entry for entry in row[spec.name] if entry["id"] in keep]
    return row


def _unknown_resource(name: str) -> str:
    choices = list(ALL_PRESTASHOP_RESOURCES)
    best = did_you_mean(name, choices)
    return (f'Resource of type "{name}" does not exists. Did you mean: "{best}"? The full list is: '
            + ", ".join(f'"{r}"' for r in choices))


def _multipart_file(raw: bytes, content_type: str, field_name: str) -> tuple[str, bytes, str | None]:
    if "multipart/form-data" not in content_type:
        raise WebserviceError(400, [(72, f"Please set an \"{field_name}\" parameter with image data for value")])
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode() + raw)
    for part in message.iter_parts():
        if part.get_param("name", header="content-disposition") == field_name:
            return part.get_filename() or field_name, part.get_payload(decode=True), part.get_content_type()
    raise WebserviceError(400, [(72, f"Please set an \"{field_name}\" parameter with image data for value")])
