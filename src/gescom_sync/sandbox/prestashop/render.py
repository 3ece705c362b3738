"""Webservice documents in and out: PrestaShop's XML (CDATA, ``xlink:href``, ``<associations>``) and JSON.

A stored record is a dict in the shape of PrestaShop's ``display=full`` JSON: ids and
integers as numbers, decimals and booleans as strings, a multilingual field as
``[{"id": 1, "value": "..."}, ...]`` and ``associations`` as lists of small dicts.
"""

from __future__ import annotations

import html
import json
import xml.etree.ElementTree as ET
from typing import Any

from gescom_sync.sandbox.prestashop.resources import FORMAT_NAMES, Association, Field, Resource

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n'
XML_TAIL = "</prestashop>\n"
XLINK = "{http://www.w3.org/1999/xlink}"
Record = dict[str, Any]


def cdata(value: Any) -> str:
    text = "" if value is None else str(value)
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _href(base: str, target: str | None, value: Any) -> str:
    if not target or value in (None, "", 0, "0"):
        return ""
    return f' xlink:href="{base}/api/{target}/{value}"'


def _field_xml(field: Field, value: Any, base: str, record_id: Any) -> str:
    if field.lang:
        languages = "".join(f'<language id="{entry["id"]}" xlink:href="{base}/api/languages/{entry["id"]}">{cdata(entry["value"])}</language>'
                            for entry in value or [])
        return f"\t<{field.name}>{languages}</{field.name}>\n"
    flag = ' notFilterable="true"' if field.computed else ""
    target = f"images/products/{record_id}" if field.link == "images" else field.link
    return f"\t<{field.name}{_href(base, target, value)}{flag}>{cdata(value)}</{field.name}>\n"


def _entry_href(association: Association, base: str, record: Record, entry: Record) -> str:
    if association.api is None or "id" not in entry:
        return ""
    if association.name == "images":
        owner = record.get("id_product", record.get("id"))
        return f' xlink:href="{base}/api/images/products/{owner}/{entry["id"]}"'
    return f' xlink:href="{base}/api/{association.api}/{entry["id"]}"'


def associations_xml(resource: Resource, record: Record, base: str) -> str:
    if not resource.associations:
        return ""
    parts = ["<associations>\n"]
    stored = record.get("associations", {})
    for association in resource.associations:
        entries = stored.get(association.name, [])
        head = f'<{association.name} nodeType="{association.node}"'
        head += ' virtualEntity="true"' if association.api is None else f' api="{association.api}"'
        if not entries:
            parts.append(head + "/>\n")
            continue
        parts.append(head + ">\n")
        for entry in entries:
            parts.append(f"\t<{association.node}{_entry_href(association, base, record, entry)}>\n")
            for name in association.fields:
                if name in entry:
                    link = association.links.get(name)
                    href = f' xlink:href="{base}/api/{link}/{entry[name]}"' if link and name != "id" else ""
                    parts.append(f"\t<{name}{href}>{cdata(entry[name])}</{name}>\n")
            parts.append(f"\t</{association.node}>\n")
        parts.append(f"</{association.name}>\n")
    parts.append("</associations>\n")
    return "".join(parts)


def record_xml(resource: Resource, record: Record, base: str, fields: list[str] | None = None) -> str:
    """``<product>…</product>``: every field (or the ``display`` list) then the associations."""
    body = [f"<{resource.single}>\n", f"\t<id>{cdata(record.get('id'))}</id>\n"]
    for field in resource.fields:
        if fields is None or field.name in fields:
            body.append(_field_xml(field, record.get(field.name), base, record.get("id")))
    if fields is None:
        body.append(associations_xml(resource, record, base))
    body.append(f"</{resource.single}>\n")
    return "".join(body)


def single_xml(resource: Resource, record: Record, base: str) -> str:
    return XML_HEAD + record_xml(resource, record, base) + XML_TAIL


def list_xml(resource: Resource, records: list[Record], base: str, fields: list[str] | None, full: bool) -> str:
    if not full and fields is None:
        items = "".join(f'<{resource.single} id="{r["id"]}" xlink:href="{base}/api/{resource.name}/{r["id"]}"/>\n' for r in records)
    else:
        items = "".join(record_xml(resource, r, base, None if full else fields) for r in records)
    return XML_HEAD + f"<{resource.name}>\n{items}</{resource.name}>\n" + XML_TAIL


def _php_empty(value: Any) -> bool:
    return value in (None, "", "0", 0, False)


def _json_record(resource: Resource, record: Record, fields: list[str] | None, drop_empty: bool) -> Record:
    shown: Record = {"id": record.get("id")}
    for field in resource.fields:
        if fields is not None and field.name not in fields:
            continue
        value = record.get(field.name)
        if drop_empty and not field.lang and _php_empty(value):
            continue
        shown[field.name] = value
    if fields is None and resource.associations:
        stored = {k: v for k, v in record.get("associations", {}).items() if v}
        if stored:
            shown["associations"] = stored
    return shown


def single_json(resource: Resource, record: Record) -> str:
    """One record read by id: PrestaShop drops the fields PHP calls empty ("", "0", 0, null)."""
    return json.dumps({resource.single: _json_record(resource, record, None, True)}, ensure_ascii=False, separators=(",", ":"))


def list_json(resource: Resource, records: list[Record], fields: list[str] | None, full: bool) -> str:
    if not records:
        return "[]"
    if not full and fields is None:
        items = [{"id": r["id"]} for r in records]
    else:
        items = [_json_record(resource, r, None if full else fields, False) for r in records]
    return json.dumps({resource.json_list: items}, ensure_ascii=False, separators=(",", ":"))


def errors_xml(errors: list[tuple[int, str]]) -> str:
    """PrestaShop HTML-escapes its validation messages (code 85: ``Product-&gt;price``), not PHP's warnings."""
    items = "".join(f"<error>\n<code>{cdata(code)}</code>\n"
                    f"<message>{cdata(html.escape(message, quote=False) if code == 85 else message)}</message>\n</error>\n"
                    for code, message in errors)
    return XML_HEAD + f"<errors>\n{items}</errors>\n" + XML_TAIL


def errors_json(errors: list[tuple[int, str]]) -> str:
    return json.dumps({"errors": [{"code": code, "message": message} for code, message in errors]}, ensure_ascii=False,
                      separators=(",", ":"))


def schema_xml(resource: Resource, base: str, languages: list[int], synopsis: bool) -> str:
    """``?schema=blank`` (every writable field empty) or ``?schema=synopsis`` (with formats and flags)."""
    body = [f"<{resource.single}>\n"]
    if not synopsis:
        body.append("\t<id><![CDATA[]]></id>\n")
    for field in resource.fields:
        if field.read_only and not synopsis:
            continue
        attributes = ""
        if synopsis:
            if field.computed:
                attributes += ' notFilterable="true"'
            if field.read_only:
                attributes += ' read_only="true" readOnly="true"'
            if field.required:
                attributes += ' required="true"'
            if field.size:
                attributes += f' maxSize="{field.size}"'
            if field.kind in FORMAT_NAMES and not field.computed:
                attributes += f' format="{FORMAT_NAMES[field.kind]}"'
        if field.lang:
            extra = ' format="isUnsignedId" ' if synopsis else ""
            links = (lambda i: f' xlink:href="{base}/api/languages/{i}"{extra}') if synopsis else (lambda i: "")
            languages_xml = "".join(f'<language id="{i}"{links(i)}><![CDATA[]]></language>' for i in languages)
            body.append(f"\t<{field.name}{attributes}>{languages_xml}</{field.name}>\n")
        else:
            body.append(f"\t<{field.name}{attributes}><![CDATA[]]></{field.name}>\n")
    if resource.associations:
        body.append("<associations>\n")
        for association in resource.associations:
            head = f"<{association.name}"
            if synopsis:
                head += f' nodeType="{association.node}"'
                head += ' virtualEntity="true"' if association.api is None else f' api="{association.api}"'
            body.append(head + f">\n\t<{association.node}>\n")
            for name in association.fields:
                link = association.links.get(name)
                attributes = f' xlink:href="{base}/api/{link}/"' if synopsis and link else ""
                attributes += ' required="true"' if synopsis and name in association.required else ""
                body.append(f"\t<{name}{attributes}><![CDATA[]]></{name}>\n")
            body.append(f"\t</{association.node}>\n</{association.name}>\n")
        body.append("</associations>\n")
    body.append(f"</{resource.single}>\n")
    return XML_HEAD + "".join(body) + XML_TAIL


def schema_json(resource: Resource, languages: list[int]) -> str:
    blank: Record = {"id": ""}
    for field in resource.fields:
        if not field.read_only:
            blank[field.name] = [{"id": i, "value": ""} for i in languages] if field.lang else ""
    return json.dumps({resource.single: blank}, separators=(",", ":"))


class Submitted:
    """A parsed write body: plain field texts, multilingual texts per language id, associations."""

    def __init__(self, element: ET.Element) -> None:
        self.values: dict[str, str] = {}
        self.languages: dict[str, dict[int, str]] = {}
        self.associations: dict[str, list[dict[str, str]]] = {}
        for child in element:
            tag = _local(child.tag)
            if tag == "associations":
                for group in child:
                    self.associations[_local(group.tag)] = [
                        {_local(leaf.tag): (leaf.text or "").strip() for leaf in entry} for entry in group]
            elif any(_local(grand.tag) == "language" for grand in child):
                self.languages[tag] = {int(lang.get("id", "0") or 0): lang.text or "" for lang in child if _local(lang.tag) == "language"}
            else:
                self.values[tag] = (child.text or "").strip()

    def has(self, name: str) -> bool:
        return name in self.values or name in self.languages


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def parse_body(raw: bytes, resource: Resource) -> Submitted | None:
    """The ``<prestashop><product>…`` element of a write body (None when the XML has no such element)."""
    root = ET.fromstring(raw)
    element = root.find(resource.single) if _local(root.tag) == "prestashop" else None
    if element is None and _local(root.tag) == resource.single:
        element = root
    return Submitted(element) if element is not None else None
