"""Orders read into model records to the cent: recording 91/92 rebuilt in the sandbox
(two tax rates, a 10 % coupon spread over both, taxed shipping, a taxed fee), its refund
(94/95), status update and notes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D

import pytest

from gescom_sync.model.order import LineTax
from gescom_sync.shops import OrderQuery, WriteOutcome
from gescom_sync.shops.woocommerce import WooCommerceConnector

from .conftest import Shop

JEAN = {"first_name": "Jean", "last_name": "Durand", "company": "Durand SARL", "address_1": "3 rue de la Paix",
        "city": "Paris", "postcode": "75002", "country": "FR", "email": "jean.durand@example.fr", "phone": "0102030405"}
JEAN_SHIPPING = {"first_name": "Jean", "last_name": "Durand", "address_1": "10 avenue Foch", "city": "Lyon",
                 "postcode": "69006", "country": "FR"}


def recorded_order_91(shop: Shop) -> dict:
    """The shop and order of recordings 82–91, built through the API as they were recorded."""
    shop.setup("PUT", "settings/general/woocommerce_calc_taxes", {"value": "yes"})
    shop.setup("PUT", "settings/tax/woocommerce_prices_include_tax", {"value": "no"})
    tva20 = shop.setup("POST", "taxes", {"country": "FR", "rate": "20", "name": "TVA 20%", "priority": 1,
                                         "shipping": True, "class": "standard"})
    shop.setup("POST", "taxes", {"country": "FR", "rate": "5.5", "name": "TVA 5.5%", "priority": 1,
                                 "shipping": False, "class": "reduced-rate"})
    ring = shop.setup("POST", "products", {"name": "Bague or", "regular_price": "100.00", "sku": "BAOR01",
                                           "tax_status": "taxable"})
    book = shop.setup("POST", "products", {"name": "Livre bijoux", "regular_price": "20.00", "sku": "LIVRE01",
                                           "tax_status": "taxable", "tax_class": "reduced-rate"})
    shop.setup("POST", "coupons", {"code": "promo10", "discount_type": "percent", "amount": "10"})
    jean = shop.setup("POST", "customers", {"email": "jean.durand@example.fr", "first_name": "Jean",
                                            "last_name": "Durand", "username": "jean", "billing": JEAN,
                                            "shipping": JEAN_SHIPPING})
    order = shop.setup("POST", "orders", {
        "customer_id": jean["id"], "status": "on-hold", "payment_method": "cheque", "payment_method_title": "Chèque",
        "customer_note": "Livrer le matin svp", "billing": JEAN, "shipping": JEAN_SHIPPING,
        "line_items": [{"product_id": ring["id"], "quantity": 2}, {"product_id": book["id"], "quantity": 1}],
        "shipping_lines": [{"method_id": "flat_rate", "method_title": "Colissimo", "total": "8.33"}],
        "fee_lines": [{"name": "Emballage cadeau", "total": "2.50", "tax_status": "taxable"}],
        "coupon_lines": [{"code": "promo10"}]})
    return {"order": order, "tva20": tva20["id"], "ring": ring["id"], "book": book["id"], "jean": jean["id"]}


def test_order_91_keeps_every_figure_of_the_recording(shop: Shop, woo: WooCommerceConnector):
    built = recorded_order_91(shop)
    order = woo.read_order(str(built["order"]["id"]))

    assert (order.status, order.currency, order.customer_id) == ("on-hold", "USD", str(built["jean"]))
    assert (order.total, order.total_tax) == (D("247.99"), D("39.16"))
    assert (order.discount_total, order.discount_tax) == (D("22.00"), D("4.11"))
    assert (order.shipping_total, order.shipping_tax) == (D("8.33"), D("1.67"))
    ring, book = order.lines
    assert (ring.reference, ring.quantity, ring.subtotal, ring.subtotal_tax, ring.total, ring.total_tax) == (
        "BAOR01", D("2"), D("200.00"), D("40.00"), D("180.00"), D("36.00"))
    assert (ring.unit_price, ring.discount, ring.discount_tax) == (D("100"), D("20.00"), D("4.00"))
    assert (book.reference, book.tax_class, book.total, book.total_tax, book.discount_tax) == (
        "LIVRE01", "reduced-rate", D("18.00"), D("0.99"), D("0.11"))
    rate_20, rate_5_5 = (str(t.rate_id) for t in order.taxes)
    assert ring.taxes == (LineTax(rate_20, total=D("36.00"), subtotal=D("40.00")),)
    assert book.taxes == (LineTax(rate_5_5, total=D("0.99"), subtotal=D("1.10")),)
    (shipping,) = order.shipping_lines
    assert (shipping.method_id, shipping.method_title, shipping.total, shipping.total_tax) == (
        "flat_rate", "Colissimo", D("8.33"), D("1.67"))
    assert shipping.taxes == (LineTax(rate_20, total=D("1.67"), subtotal=None),)
    (fee,) = order.fee_lines
    assert (fee.name, fee.total, fee.total_tax, fee.taxable) == ("Emballage cadeau", D("2.50"), D("0.50"), True)
    (coupon,) = order.discounts
    assert (coupon.code, coupon.amount, coupon.amount_tax, coupon.kind, coupon.nominal) == (
        "promo10", D("22"), D("4.11"), "percent", D("10"))
    t20, t55 = order.taxes
    assert (t20.label, t20.rate_percent, t20.tax_total, t20.shipping_tax_total) == ("TVA 20%", D("20"), D("36.50"), D("1.67"))
    assert (t55.label, t55.rate_percent, t55.tax_total, t55.shipping_tax_total) == ("TVA 5.5%", D("5.5"), D("0.99"), D("0.00"))
    (payment,) = order.payments
    assert (payment.method, payment.method_title, payment.amount, payment.paid_at) == ("cheque", "Chèque", D("247.99"), None)
    assert [(m.text, m.from_customer) for m in order.messages] == [("Livrer le matin svp", True)]
    assert (order.billing.company, order.shipping.city, order.shipping.postcode) == ("Durand SARL", "Lyon", "69006")


def test_order_91_parts_rebuild_the_totals_to_the_cent(shop: Shop, woo: WooCommerceConnector):
    order = woo.read_order(str(recorded_order_91(shop)["order"]["id"]))
    assert order.items_subtotal - order.items_total == order.discount_total == D("22.00")
    assert sum(line.discount_tax for line in order.lines) == order.discount_tax == D("4.11")
    assert order.computed_total_tax() == order.total_tax == sum(t.total for t in order.taxes) == D("39.16")
    assert order.computed_total() == D("247.99")
    assert order.rounding_difference() == D("0")


def test_orders_are_read_by_status_and_period(shop: Shop, woo: WooCommerceConnector):
    built = recorded_order_91(shop)
    other = shop.setup("POST", "orders", {"status": "processing", "line_items": [{"product_id": built["ring"], "quantity": 1}]})
    on_hold = list(woo.read_orders(OrderQuery(statuses=("on-hold",))))
    assert [o.id for o in on_hold] == [str(built["order"]["id"])]
    both = list(woo.read_orders(OrderQuery(statuses=("on-hold", "processing"))))
    assert [o.id for o in both] == [str(built["order"]["id"]), str(other["id"])]
    future = datetime.now(UTC) + timedelta(days=1)
    assert list(woo.read_orders(OrderQuery(modified_after=future))) == []
    assert len(list(woo.read_orders(OrderQuery(created_from=datetime.now(UTC) - timedelta(days=1))))) == 2


def test_status_update_and_notes(shop: Shop, woo: WooCommerceConnector):
    order_id = str(recorded_order_91(shop)["order"]["id"])
    assert woo.set_order_status(order_id, "processing").outcome is WriteOutcome.UPDATED
    note = woo.add_order_note(order_id, "Commande BC00042 créée", customer_visible=False)
    shipped = woo.add_order_note(order_id, "Votre colis est parti", customer_visible=True)
    assert note.outcome is shipped.outcome is WriteOutcome.CREATED

    order = woo.read_order(order_id, with_messages=True)
    assert order.status == "processing"
    notes = [(m.text, m.customer_visible, m.from_customer) for m in order.messages if not m.from_customer]
    assert ("Commande BC00042 créée", False, False) in notes and ("Votre colis est parti", True, False) in notes


def test_refused_status_is_that_order_failure_with_the_shop_message(shop: Shop, woo: WooCommerceConnector):
    order_id = str(recorded_order_91(shop)["order"]["id"])
    result = woo.set_order_status(order_id, "shipped-by-pigeon")
    assert result.outcome is WriteOutcome.FAILED
    assert "status is not one of" in (result.message or "")
    assert woo.read_order(order_id).status == "on-hold"


def test_order_reference_is_stored_in_meta(shop: Shop, woo: WooCommerceConnector):
    order_id = str(recorded_order_91(shop)["order"]["id"])
    assert woo.set_order_reference(order_id, "FA00017").ok
    assert woo.read_order(order_id).meta["_gescom_sync_reference"] == "FA00017"


def test_refund_94_is_read_as_a_credit_note_with_positive_amounts(shop: Shop, woo: WooCommerceConnector):
    built = recorded_order_91(shop)
    order_id = built["order"]["id"]
    ring_line = built["order"]["line_items"][0]["id"]
    shop.setup("POST", f"orders/{order_id}/refunds", {
        "amount": "24.00", "reason": "Retour produit", "api_refund": False, "restock_items": True,
        "line_items": [{"id": ring_line, "quantity": 1, "refund_total": "20.00",
                        "refund_tax": [{"id": built["tva20"], "refund_total": "4.00"}]}]})
    order = woo.read_order(str(order_id))
    assert len(order.refund_ids) == 1

    (refund,) = woo.read_refunds(OrderQuery(created_from=datetime.now(UTC) - timedelta(hours=1)))
    assert (refund.order_id, refund.amount, refund.reason) == (str(order_id), D("24.00"), "Retour produit")
    (line,) = refund.lines
    assert (line.order_line_id, line.reference, line.quantity, line.total, line.total_tax) == (
        str(ring_line), "BAOR01", D("1"), D("20.00"), D("4.00"))
    assert refund.lines_total == refund.amount
    (tax,) = refund.taxes
    assert (tax.label, tax.tax_total) == ("TVA 20%", D("4.00"))
    assert list(woo.read_refunds(OrderQuery(created_to=datetime.now(UTC) - timedelta(days=1)))) == []


@pytest.mark.parametrize("language", ["en"])
def test_returns_are_not_supported_with_the_reason(woo: WooCommerceConnector, language: str):
    from gescom_sync.i18n import set_language
    from gescom_sync.shops import NotSupported

    set_language(language)
    with pytest.raises(NotSupported) as caught:
        list(woo.read_returns(OrderQuery()))
    assert str(caught.value) == (
        "product returns: not supported by WooCommerce because WooCommerce core has no product returns; "
        "read refunds (with their restocked lines) instead.")


def test_an_invoice_pdf_is_attached_as_a_customer_note_with_its_link(shop: Shop, woo: WooCommerceConnector, tmp_path):
    from gescom_sync.model.shop import LocalFile

    order_id = str(recorded_order_91(shop)["order"]["id"])
    invoice = tmp_path / "FA00017.pdf"
    invoice.write_bytes(b"%PDF-1.4 facture FA00017")
    result = woo.attach_order_document(order_id, LocalFile(invoice, title="Facture FA00017"), customer_visible=True)

    assert result.outcome is WriteOutcome.CREATED
    (note,) = [m for m in woo.read_order(order_id, with_messages=True).messages if not m.from_customer]
    assert note.customer_visible and note.text.startswith('Facture FA00017: <a href="https://shop.test/wp-content/uploads/')
    assert note.text.endswith('FA00017.pdf">FA00017.pdf</a>')
