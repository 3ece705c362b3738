"""PrestaShop orders as the order import reads them, placed in a served sandbox with
``place_order`` as a checkout places them: recording 91's order rebuilt on PrestaShop
(2 x BAOR01 at 100.00, 20 % VAT; 1 x LIVRE01 at 20.00, 5.5 %; 10 % off), its cart rule
counted once, and what ``OrderQuery`` selects."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal as D
from pathlib import Path

import pytest
import sqlalchemy as sa

from gescom_sync.backoffice.sage100.writer.catalogue import read_order_catalogue
from gescom_sync.demo import bijou
from gescom_sync.http import HttpOptions
from gescom_sync.mapping.orders import LineKind, build_document, document_totals, status_rule
from gescom_sync.model.shop import ShopProduct
from gescom_sync.profiles.orders import ImportOrdersSettings
from gescom_sync.sandbox.prestashop import RunningSandbox, start_sandbox
from gescom_sync.shops.base import OrderQuery, WriteOutcome
from gescom_sync.shops.prestashop import PrestaShopConnector
from tests.operations.shop_state import Coupon, create_customer, place_order

JEAN = {"email": "jean.durand@example.fr", "first_name": "Jean", "last_name": "Durand",
        "billing": {"company": "Durand SARL", "address_1": "3 rue de la Paix", "postcode": "75002", "city": "Paris",
                    "country": "FR", "phone": "0102030405"}}
STANDARD, REDUCED = "1", "3"  # the sandbox's tax rule groups: 20 %, 5.5 %


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[RunningSandbox]:
    with start_sandbox(tmp_path / "shop") as running:
        yield running


@pytest.fixture
def presta(sandbox: RunningSandbox) -> Iterator[PrestaShopConnector]:
    with PrestaShopConnector(sandbox.url, sandbox.key, options=HttpOptions(delay_ms=0)) as connector:
        connector.write_products([
            ShopProduct("BAOR01", name="Bague or", sku="BAOR01", regular_price=D("100.00"), tax_class=STANDARD,
                        stock_quantity=D(10)),
            ShopProduct("LIVRE01", name="Livre bijoux", sku="LIVRE01", regular_price=D("20.00"), tax_class=REDUCED,
                        stock_quantity=D(5))])
        yield connector


def order_91(sandbox: RunningSandbox, *coupons: Coupon) -> str:
    return place_order("prestashop", sandbox, [("BAOR01", 2), ("LIVRE01", 1)],
                       customer=create_customer(sandbox, JEAN), coupons=coupons)


def test_a_percent_cart_rule_is_counted_once_and_spread_over_the_lines(sandbox, presta):
    order = presta.read_order(order_91(sandbox, Coupon("promo10", percent=D("10"))))

    assert (order.status, order.currency, order.total, order.total_tax) == ("11", "EUR", D("234.99"), D("36.99"))
    assert (order.discount_total, order.discount_tax) == (D("22.00"), D("4.11"))
    ring, book = order.lines
    assert (ring.reference, ring.quantity, ring.subtotal, ring.subtotal_tax, ring.total, ring.total_tax) == (
        "BAOR01", D(2), D("200.00"), D("40.00"), D("180.00"), D("36.00"))
    assert (book.reference, book.subtotal, book.subtotal_tax, book.total, book.total_tax) == (
        "LIVRE01", D("20.00"), D("1.10"), D("18.00"), D("0.99"))
    (rule,) = order.discounts
    assert (rule.code, rule.amount, rule.amount_tax, rule.free_shipping) == ("promo10", D("22.00"), D("4.11"), False)
    assert order.fee_lines == ()  # no negative fee besides the rule: the import would take it off twice
    assert [(t.rate_percent, t.tax_total) for t in order.taxes] == [(D("20.000"), D("36.00")), (D("5.500"), D("0.99"))]
    assert order.items_subtotal - order.items_total == order.discount_total
    assert order.computed_total() == order.total and order.rounding_difference() == D("0")
    assert order.payments[0].amount == D("234.99")
    assert (order.billing.company, order.billing.city, order.billing.email) == ("Durand SARL", "Paris", JEAN["email"])


def test_an_amount_cart_rule_is_split_pro_rata_and_used_once(sandbox, presta):
    first = presta.read_order(order_91(sandbox, Coupon("moins5", amount=D("5.00"))))

    # 5.00 over 200.00 and 20.00: 4.545454 at 20 % and 0.454545 at 5.5 %, 0.934 of tax
    assert (first.discount_total, first.discount_tax, first.total) == (D("5.00"), D("0.93"), D("255.17"))
    assert [(line.total, line.total_tax) for line in first.lines] == [
        (D("195.45"), D("39.09")), (D("19.55"), D("1.08"))]
    assert first.rounding_difference() == D("0")
    customer = first.customer_id
    second = presta.read_order(place_order("prestashop", sandbox, [("LIVRE01", 1)], customer=customer))
    assert (second.discounts, second.discount_total, second.total) == ((), D("0.00"), D("21.10"))


def test_stock_goes_down_with_the_order(sandbox, presta):
    order_91(sandbox)

    stock = {row["id_product"]: row["quantity"] for row in sandbox.shop.store.all("stock_availables")}
    products = {row["reference"]: row["id"] for row in sandbox.shop.store.all("products")}
    assert (stock[products["BAOR01"]], stock[products["LIVRE01"]]) == (8, 4)


def test_the_query_selects_by_status_period_store_change_and_id(sandbox, presta):
    paid, shipped = order_91(sandbox), order_91(sandbox)
    assert presta.set_order_status(shipped, "4").outcome is WriteOutcome.CREATED

    def ids(**query: object) -> list[str]:
        return [o.id for o in presta.read_orders(OrderQuery(**query))]

    assert ids() == [paid, shipped]
    assert ids(statuses=("4",)) == [shipped] and ids(statuses=("11", "4")) == [paid, shipped]
    yesterday, tomorrow = datetime.now() - timedelta(days=1), datetime.now() + timedelta(days=1)
    assert ids(created_from=yesterday, created_to=tomorrow) == [paid, shipped]
    assert ids(created_to=yesterday) == [] and ids(modified_after=tomorrow) == []
    assert ids(stores=("1",)) == [paid, shipped] and ids(stores=("2",)) == []
    assert ids(order_ids=(shipped,)) == [shipped]
    assert presta.read_order(shipped).status == "4"


def test_the_import_mapping_takes_the_cart_rule_off_once_per_tax_code(sandbox, presta, tmp_path):
    """As recording 91 on WooCommerce: REMISE20 -20.00 and REMISE55 -2.00, and the document's
    total is the shop's to the cent (234.99 here: no shipping, no wrapping)."""
    order = presta.read_order(order_91(sandbox, Coupon("promo10", percent=D("10"))))
    settings = ImportOrdersSettings.model_validate({
        "statuses": {"11": {"document": "order"}},
        "taxes": {"rows": [{"shop": "TVA FR 20%", "code": "C20"}, {"shop": "5.5", "code": "C55"}],
                  "default": "C20"},  # for the free (untaxed) shipping of the sandbox's carrier
        "special_articles": {"remise": {"C20": "REMISE20", "C55": "REMISE55"}},
        "payments": {"rows": [{"shop": "ps_checkpayment", "method": 2, "journal": "BQ1"}]}})
    engine = sa.create_engine(bijou.create(tmp_path / "bijou.sqlite").url)
    with engine.connect() as connection:
        catalogue = read_order_catalogue(connection)
    engine.dispose()

    rule = status_rule(order, settings)
    assert rule is not None
    draft = build_document(order, "TOPAZ", rule, settings, catalogue, today=datetime(2026, 11, 23))

    assert [(line.kind, line.article, line.unit_price, line.tax_code) for line in draft.lines
            if line.kind is not LineKind.COMMENT] == [
        (LineKind.PRODUCT, "BAOR01", D("100.00"), "C20"), (LineKind.PRODUCT, "LIVRE01", D("20.00"), "C55"),
        (LineKind.DISCOUNT, "REMISE20", D("-20.00"), "C20"), (LineKind.DISCOUNT, "REMISE55", D("-2.00"), "C55")]
    totals = document_totals(draft.lines, draft.shipping, draft.tax_included)
    assert (totals.tax, totals.included) == (order.total_tax, order.total) == (D("36.99"), D("234.99"))
