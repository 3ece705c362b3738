"""A small read-only page (``/``) listing products with their combinations and stock, customers and orders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import Environment

from gescom_sync.i18n import _, current_language

if TYPE_CHECKING:
    from gescom_sync.sandbox.prestashop.app import PrestaShopSandbox

TEMPLATE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ t.title }}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#f3f3f3}</style></head>
<body><h1>{{ t.title }}</h1><p>{{ t.api }}: <code>{{ base }}/api/</code></p>
<h2>{{ t.products }} ({{ products|length }})</h2>
<table><tr><th>ID</th><th>{{ t.reference }}</th><th>{{ t.name }}</th><th>{{ t.active }}</th><th>{{ t.price }}</th><th>{{ t.stock }}</th></tr>
{% for p in products %}<tr><td>{{ p.id }}</td><td>{{ p.reference }}</td><td>{{ p.name }}</td><td>{{ p.active }}</td><td>{{ p.price }}</td><td>{{ p.stock }}</td></tr>
{% for c in p.combinations %}<tr><td>&nbsp;&nbsp;{{ c.id }}</td><td>{{ c.reference }}</td><td></td><td></td><td>{{ c.price }}</td><td>{{ c.stock }}</td></tr>{% endfor %}
{% endfor %}</table>
<h2>{{ t.customers }} ({{ customers|length }})</h2>
<table><tr><th>ID</th><th>{{ t.email }}</th><th>{{ t.name }}</th><th>{{ t.company }}</th></tr>
{% for c in customers %}<tr><td>{{ c.id }}</td><td>{{ c.email }}</td><td>{{ c.firstname }} {{ c.lastname }}</td><td>{{ c.company }}</td></tr>{% endfor %}</table>
<h2>{{ t.orders }} ({{ orders|length }})</h2>
<table><tr><th>ID</th><th>{{ t.reference }}</th><th>{{ t.date }}</th><th>{{ t.status }}</th><th>{{ t.total }}</th></tr>
{% for o in orders %}<tr><td>{{ o.id }}</td><td>{{ o.reference }}</td><td>{{ o.date_add }}</td><td>{{ o.state }}</td><td>{{ o.total_paid }}</td></tr>{% endfor %}</table>
</body></html>"""

_environment = Environment(autoescape=True)


def labels() -> dict[str, str]:
    return {
        "title": _("PrestaShop sandbox"), "api": _("Webservice"), "products": _("Products in the shop"),
        "reference": _("Reference"), "name": _("Name"), "active": _("Active"), "price": _("Price"), "stock": _("Stock"),
        "customers": _("Customers of the shop"), "email": _("E-mail"), "company": _("Company"),
        "orders": _("Orders of the shop"), "date": _("Date"), "status": _("Status"), "total": _("Total"),
    }


def overview_page(sandbox: PrestaShopSandbox, base: str) -> str:
    shop, store = sandbox.shop, sandbox.store
    language = shop.default_language
    stock = {(s["id_product"], s["id_product_attribute"]): s["quantity"] for s in store.scan("stock_availables")}

    def label(values: list[dict]) -> str:
        return next((v["value"] for v in values if v["id"] == language), "")

    products = [{"id": p["id"], "reference": p["reference"], "name": label(p["name"]), "active": p["active"],
                 "price": p["price"], "stock": stock.get((p["id"], 0), ""),
                 "combinations": [{"id": c["id"], "reference": c["reference"], "price": c["price"], "stock": stock.get((p["id"], c["id"]), "")}
                                  for c in shop.where("combinations", id_product=p["id"])]}
                for p in store.scan("products")]
    states = {s["id"]: label(s["name"]) for s in store.scan("order_states")}
    orders = [{**o, "state": states.get(o["current_state"], o["current_state"])} for o in store.scan("orders")]
    return _environment.from_string(TEMPLATE).render(t=labels(), lang=current_language(), base=base, products=products,
                                                     customers=store.scan("customers"), orders=orders)
