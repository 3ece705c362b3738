"""A small read-only page (``/``) listing products, customers and orders, to see what a sync did."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jinja2 import Environment

from gescom_sync.i18n import _, current_language

if TYPE_CHECKING:
    from gescom_sync.sandbox.woocommerce.app import WooCommerceSandbox

TEMPLATE = """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ t.title }}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:2em}
td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}th{background:#f3f3f3}</style></head>
<body><h1>{{ t.title }}</h1><p>{{ t.api }}: <code>{{ base }}/wp-json/wc/v3</code></p>
<h2>{{ t.products }} ({{ products|length }})</h2>
<table><tr><th>ID</th><th>{{ t.sku }}</th><th>{{ t.name }}</th><th>{{ t.type }}</th><th>{{ t.status }}</th><th>{{ t.price }}</th><th>{{ t.stock }}</th></tr>
{% for p in products %}<tr><td>{{ p.id }}</td><td>{{ p.sku }}</td><td>{{ p.name }}</td><td>{{ p.type }}</td><td>{{ p.status }}</td><td>{{ p.price }}</td><td>{{ p.stock_quantity if p.stock_quantity is not none else p.stock_status }}</td></tr>
{% for v in p.children %}<tr><td>&nbsp;&nbsp;{{ v.id }}</td><td>{{ v.sku }}</td><td>{{ v.name }}</td><td>variation</td><td>{{ v.status }}</td><td>{{ v.price }}</td><td>{{ v.stock_quantity if v.stock_quantity is not none else v.stock_status }}</td></tr>{% endfor %}
{% endfor %}</table>
<h2>{{ t.customers }} ({{ customers|length }})</h2>
<table><tr><th>ID</th><th>{{ t.email }}</th><th>{{ t.name }}</th><th>{{ t.city }}</th></tr>
{% for c in customers %}<tr><td>{{ c.id }}</td><td>{{ c.email }}</td><td>{{ c.first_name }} {{ c.last_name }}</td><td>{{ c.billing.city }}</td></tr>{% endfor %}</table>
<h2>{{ t.orders }} ({{ orders|length }})</h2>
<table><tr><th>ID</th><th>{{ t.date }}</th><th>{{ t.status }}</th><th>{{ t.customer }}</th><th>{{ t.lines }}</th><th>{{ t.total }}</th></tr>
{% for o in orders %}<tr><td>{{ o.id }}</td><td>{{ o.date_created }}</td><td>{{ o.status }}</td><td>{{ o.billing.first_name }} {{ o.billing.last_name }}</td><td>{{ o.line_items|length }}</td><td>{{ o.total }} {{ o.currency }}</td></tr>{% endfor %}</table>
</body></html>"""

_environment = Environment(autoescape=True)


def labels() -> dict[str, str]:
    return {
        "title": _("WooCommerce sandbox"), "api": _("REST API"), "products": _("Products in the shop"), "sku": _("SKU"),
        "name": _("Name"), "type": _("Type"), "status": _("Status"), "price": _("Price"), "stock": _("Stock"),
        "customers": _("Customers of the shop"), "email": _("E-mail"), "city": _("City"), "orders": _("Orders of the shop"),
        "date": _("Date"), "customer": _("Customer"), "lines": _("Lines"), "total": _("Total"),
    }


def overview_page(shop: WooCommerceSandbox, base: str) -> str:
    renderer = shop.renderer()
    products = []
    for doc in shop.catalogue.products():
        if doc["status"] == "trash":
            continue
        shown = renderer.product(doc, base)
        shown["children"] = [renderer.variation(v, base) for v in shop.catalogue.variations(doc["id"])]
        products.append(shown)
    return _environment.from_string(TEMPLATE).render(
        t=labels(), lang=current_language(), base=base, products=products,
        customers=[c for c in shop.customers.customers() if c["role"] == "customer"],
        orders=[o for o in shop.orders.orders() if o["status"] != "trash"])
